import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from steerco.portfolio.rules.spreadsheet import (
    FIELDS,
    FIGURES,
    CellProblem,
    Mapping,
    NotGiven,
    Problem,
    SpreadsheetError,
    Withheld,
    load_mapping,
    parse_cell,
    parse_date,
    parse_money,
    read,
    read_csv,
    read_table,
    read_xlsx,
    shipped_mappings,
    write_csv,
    write_xlsx,
)

# The real file, in the shared folder beside the repository (as CI has it).
GMPP = Path(__file__).resolve().parents[4] / "shared/interop/gmpp/gmpp_2023.csv"
SECTION_43 = (
    "Exempt under Section 43 of the Freedom of Information Act 2000 (Commercial Interests) - "
    "Commercial interests."
)
STEERCO = load_mapping("steerco")


def small_mapping(**extra):
    columns = [
        {"header": "Ref", "field": "reference"},
        {"header": "Title", "field": "name"},
        {"header": "Start", "field": "starts_on"},
        {"header": "End", "field": "ends_on"},
        {"header": "Cost", "field": "whole_life_cost"},
    ]
    return Mapping.from_toml(
        "\n".join(
            [f'{key} = "{value}"' for key, value in {"name": "small", **extra}.items()]
            + [f'[[columns]]\nheader = "{c["header"]}"\nfield = "{c["field"]}"' for c in columns]
        )
    )


def csv_bytes(text, encoding="utf-8"):
    return text.encode(encoding)


# The real Government Major Projects Portfolio file -----------------------------------------


@pytest.fixture(scope="module")
def gmpp():
    return read(GMPP.read_bytes(), load_mapping("gmpp"), GMPP.name)


@pytest.fixture(scope="module")
def gmpp_raw():
    """The file read independently: the standard library's csv, the encoding Windows used."""
    text = GMPP.read_bytes().decode("cp1252")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_every_project_of_the_gmpp_file_is_accepted(gmpp):
    assert len(gmpp.records) == 244
    assert gmpp.problems == ()
    assert gmpp.ignored == ()
    assert len({record.values["reference"] for record in gmpp.records}) == 244


def test_the_ipa_and_sro_ratings_headed_alike_are_both_kept(gmpp, gmpp_raw):
    headers = gmpp_raw[0]
    assert headers.count("colour_rating") == 2
    first, second = (i for i, h in enumerate(headers) if h == "colour_rating")
    by_reference = {record.values["reference"]: record.values for record in gmpp.records}
    differing = 0
    for raw in gmpp_raw[1:]:
        values = by_reference[raw[1]]
        for position, field in ((first, "ipa_confidence"), (second, "sro_confidence")):
            if raw[position] in {"Green", "Amber", "Red"}:
                assert values[field] == raw[position].lower()
        differing += raw[first] != raw[second]
    assert differing > 0
    one_login = next(v for v in by_reference.values() if v["name"] == "GOV.UK One Login")
    assert one_login["assessed_on"] == dt.date(2023, 3, 31)


def test_cells_holding_an_exemption_are_withheld_with_it_named_and_never_zero(gmpp, gmpp_raw):
    column = gmpp_raw[0].index("wlc_baseline_incl_NCG")
    expected = [
        raw[column] for raw in gmpp_raw[1:] if raw[column].startswith("Exempt under Section")
    ]
    found = [
        record.values["whole_life_cost"]
        for record in gmpp.records
        if isinstance(record.values["whole_life_cost"], Withheld)
    ]
    assert [w.exemption for w in found] == [" ".join(e.split()) for e in expected]
    assert len(found) == 46
    assert {w.section for w in found} == {"22", "24", "26", "27", "43"}
    for record in gmpp.records:
        for figure in FIGURES:
            assert record.values[figure] != Decimal(0) or re.search(
                r"^0$", raw_cell(gmpp_raw, record.values["reference"], figure)
            )


def raw_cell(gmpp_raw, reference, figure):
    header = load_mapping("gmpp").header_for(figure)
    headers = list(gmpp_raw[0])
    row = next(r for r in gmpp_raw[1:] if r[1] == reference)
    return row[headers.index(header)]


def test_the_figures_total_what_the_file_totals(gmpp, gmpp_raw):
    mapping = load_mapping("gmpp")
    for figure in FIGURES:
        column = gmpp_raw[0].index(mapping.header_for(figure))
        in_file = sum(
            Decimal(raw[column])
            for raw in gmpp_raw[1:]
            if re.fullmatch(r"-?\d+(\.\d+)?", raw[column])
        )
        imported = sum(
            record.values[figure]
            for record in gmpp.records
            if isinstance(record.values[figure], Decimal)
        )
        assert imported == in_file * 1_000_000, figure
    assert sum(
        r.values["whole_life_cost"]
        for r in gmpp.records
        if isinstance(r.values["whole_life_cost"], Decimal)
    ) == Decimal("471818000000.00")


def test_a_project_not_yet_costed_keeps_the_reason(gmpp):
    early = [r for r in gmpp.records if isinstance(r.values["whole_life_cost"], NotGiven)]
    assert len(early) == 3
    assert early[0].values["whole_life_cost"].note.startswith("Early planning GMPP project")


def test_the_gmpp_project_that_ends_before_it_starts_is_kept_with_its_start_as_a_note(gmpp):
    assert [str(notice) for notice in gmpp.notices] == [
        "Row 178, start date: 20.02.2023 is after the end date 20.01.2023, so it is kept as a "
        "note and the project has no start date"
    ]
    row = next(r for r in gmpp.records if r.row == 178)
    assert row.values["reference"] == "MOD_0137_2122-Q1"
    assert row.values["ends_on"] == dt.date(2023, 1, 20)
    assert row.values["starts_on"] == NotGiven(
        "The file gives a start date of 20.02.2023, after its end date."
    )


def test_the_pound_sign_of_the_gmpp_header_is_read_in_either_encoding():
    data = GMPP.read_bytes()
    assert b"\xa3m" in data
    table = read_table(data)
    assert table.headers[17] == "TOTAL Baseline Benefits (£m)"
    # The same file saved again as UTF-8 after a tool mis-decoded it.
    mangled = data.decode("cp1252").replace("£", "Â£").encode("utf-8")
    assert len(read(mangled, load_mapping("gmpp")).records) == 244


# Reading -----------------------------------------------------------------------------------


def test_columns_with_the_same_header_stay_apart_by_position():
    table = read_csv(b"a;b;b\n1;2;3\n")
    assert table.headers == ("a", "b", "b")
    assert table.positions() == {("a", 1): 0, ("b", 1): 1, ("b", 2): 2}
    assert table.rows[0].cells == ("1", "2", "3")


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_delimiter_is_found_from_the_header(delimiter):
    text = delimiter.join(["Ref", "Title", "Start", "End", "Cost"]) + "\n"
    text += delimiter.join(["P1", "Laptops, phones; and more", "01.04.2024", "", "£1,000"])
    text = text.replace("Laptops, phones; and more", '"Laptops, phones; and more"')
    text = text.replace("£1,000", '"£1,000"')
    parsed = read(text.encode(), small_mapping())
    assert parsed.problems == ()
    assert parsed.records[0].values["name"] == "Laptops, phones; and more"
    assert parsed.records[0].values["whole_life_cost"] == Decimal("1000.00")


def test_utf8_with_a_byte_order_mark_and_windows_1252_read_alike():
    text = "Ref,Title,Start,End,Cost\nP1,Café £,,,£5\n"
    assert read_csv(text.encode("utf-8-sig")) == read_csv(text.encode("cp1252"))
    assert read_csv(text.encode("utf-8-sig")).headers[0] == "Ref"


def test_bytes_no_encoding_can_read_are_refused_as_a_whole():
    with pytest.raises(SpreadsheetError, match="save it as CSV UTF-8"):
        read_csv(b"Ref,Title\n\x81\x8d,\xff\n")


def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused():
    parsed = read(b"Ref,Title\n", small_mapping(), "projects.xlsx")
    assert [str(p) for p in parsed.problems] == [
        "The file is not an Excel workbook steerco can read."
    ]


def test_an_empty_file_is_refused():
    assert [str(p) for p in read(b"", small_mapping()).problems] == [
        "The file is empty: its first row must hold the headers."
    ]


def test_blank_rows_are_skipped_and_rows_keep_the_spreadsheets_numbers():
    table = read_csv(b'Ref,Title\r\n\r\nP1,One\r\n;,\r\n,\r\nP2,"Two\nlines"\r\nP3,Three\r\n')
    assert [(row.number, row.cells[0]) for row in table.rows] == [
        (3, "P1"),
        (4, ";"),
        (6, "P2"),
        (7, "P3"),
    ]


def test_a_workbook_is_read_with_its_dates_and_numbers():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Ref", "Title", "Start", "End", "Cost", None])
    sheet.append(["P1", "Laptops", dt.datetime(2024, 4, 1), "31.03.2025", 7.9, None])
    sheet.append([None] * 5)
    sheet.append(["P2", "Phones", None, None, 1250000, None])
    out = io.BytesIO()
    workbook.save(out)
    parsed = read(out.getvalue(), small_mapping(), "whatever.csv")
    assert parsed.problems == ()
    assert [(r.row, r.values) for r in parsed.records] == [
        (
            2,
            {
                "reference": "P1",
                "name": "Laptops",
                "starts_on": dt.date(2024, 4, 1),
                "ends_on": dt.date(2025, 3, 31),
                "whole_life_cost": Decimal("7.90"),
            },
        ),
        (
            4,
            {
                "reference": "P2",
                "name": "Phones",
                "starts_on": None,
                "ends_on": None,
                "whole_life_cost": Decimal("1250000.00"),
            },
        ),
    ]


def test_a_date_in_a_workbooks_money_column_is_a_problem():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Ref", "Title", "Start", "End", "Cost"])
    workbook.active.append(["P1", "Laptops", None, None, dt.datetime(2023, 9, 7)])
    out = io.BytesIO()
    workbook.save(out)
    assert [str(p) for p in read(out.getvalue(), small_mapping()).problems] == [
        "Row 2, whole-life cost: this is a date where an amount should be (a spreadsheet may "
        "have turned a number into a date); enter the amount, like 7.9"
    ]


# Mapping -----------------------------------------------------------------------------------


def test_every_problem_of_every_row_is_reported_together():
    text = (
        "Ref,Title,Start,End,Cost\n"
        "P1,Laptops,31.02.2024,,£1m\n"
        "P2,,next week,01.01.2024,-5\n"
        "P3,Phones,01.04.2024,31.03.2024,07. Sep\n"
        "P1,Again,,,\n"
    )
    parsed = read(text.encode(), small_mapping())
    assert [str(p) for p in parsed.problems] == [
        "Row 2, start date: 31.02.2024 is not a real date; enter a date like 31.03.2023",
        "Row 3, name: enter the project's name",
        "Row 3, start date: enter a date like 31.03.2023",
        "Row 3, whole-life cost: enter an amount of zero or more; a cost cannot be negative",
        "Row 4, whole-life cost: “07. Sep” looks like a number a spreadsheet turned into a date; "
        "enter the amount, like 7.9",
        "Row 4, end date: the end date must be the same as or after the start date",
        "Row 5, reference: P1 is also the reference on row 2",
    ]
    assert set(parsed.problems_by_row()) == {2, 3, 4, 5}


def test_a_file_with_the_wrong_columns_names_every_missing_one():
    parsed = read(b"Ref,Name,Begins\nP1,One,\n", small_mapping())
    assert [str(p) for p in parsed.problems] == [
        "The file has no column “Title”.",
        "The file has no column “Start”.",
        "The file has no column “End”.",
        "The file has no column “Cost”.",
    ]
    assert parsed.records == ()


def test_a_missing_second_column_of_a_name_is_named():
    header = GMPP.read_bytes().decode("cp1252").split("\n", 1)[0]
    once = header.replace("colour_rating;colour_rating", "colour_rating;other")
    parsed = read(once.encode("cp1252") + b"\n", load_mapping("gmpp"))
    assert [str(p) for p in parsed.problems] == ["The file has no second column “colour_rating”."]


def test_headers_match_without_case_or_spacing():
    parsed = read(b"  REF , title,START,end,cost\nP1,One,,,\n", small_mapping())
    assert parsed.problems == ()
    assert parsed.ignored == ()


def test_columns_the_mapping_does_not_use_are_listed():
    parsed = read(b"Ref,Title,Start,End,Cost,Notes\nP1,One,,,,x\n", small_mapping())
    assert parsed.ignored == ("Notes",)


def test_shipped_mappings_load_and_unknown_ones_are_refused(tmp_path):
    assert set(shipped_mappings()) >= {"gmpp", "steerco"}
    assert {c.field for c in STEERCO.columns} == set(FIELDS)
    with pytest.raises(ValueError, match="There is no mapping 'nonsense': use one of"):
        load_mapping("nonsense")
    own = tmp_path / "council.toml"
    own.write_text(
        '[[columns]]\nheader="Ref"\nfield="reference"\n[[columns]]\nheader="Title"\nfield="name"\n'
    )
    assert load_mapping(str(own)).headers == ("Ref", "Title")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[columns]]\nheader="Ref"\nfield="reference"\n', "has no column for name"),
        (
            '[[columns]]\nheader="R"\nfield="reference"\n[[columns]]\nheader="N"\nfield="name"\n'
            '[[columns]]\nheader="X"\nfield="budget"\n',
            "names fields steerco has not",
        ),
        (
            '[[columns]]\nheader="R"\nfield="reference"\n[[columns]]\nheader="N"\nfield="name"\n'
            '[[columns]]\nheader="X"\nfield="name"\n',
            "fills a field from two columns",
        ),
        ("columns = [", "cannot be read"),
    ],
)
def test_a_broken_mapping_is_refused(toml, message):
    with pytest.raises(ValueError, match=message):
        Mapping.from_toml(toml)


# Cells -------------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", [None, "", "  ", "NA", "n/a", "N/A"])
def test_blank_and_na_are_empty(cell):
    assert parse_cell(FIELDS["whole_life_cost"], cell) is None
    assert parse_cell(FIELDS["starts_on"], cell) is None


@pytest.mark.parametrize(
    ("cell", "section"),
    [
        (SECTION_43, "43"),
        ("Section 43 FOI", "43"),
        ("s.43 FOIA", "43"),
        ("Exempt under Section 26 of Freedom of Information Act 2000 (Defence).", "26"),
        ("Withheld", ""),
        ("Exempt - s24", "24"),
    ],
)
def test_freedom_of_information_exemptions_are_withheld(cell, section):
    for name in ("whole_life_cost", "starts_on", "ipa_confidence"):
        value = parse_cell(FIELDS[name], cell)
        assert value == Withheld(" ".join(cell.split()), section)


@pytest.mark.parametrize("cell", ["see note", "TBC", "Early planning GMPP project", "£"])
def test_narrative_where_an_amount_should_be_is_a_problem(cell):
    with pytest.raises(CellProblem, match="enter an amount, like 1,250,000"):
        parse_cell(FIELDS["whole_life_cost"], cell)


def test_a_mappings_words_for_no_figure_yet_keep_the_reason():
    cell = "Early planning GMPP project \n\n(The project has not yet passed SOC)"
    assert parse_cell(
        FIELDS["whole_life_cost"], cell, markers=["Early planning GMPP project"]
    ) == NotGiven("Early planning GMPP project (The project has not yet passed SOC)")
    assert parse_cell(FIELDS["whole_life_cost"], "Not given: awaiting the business case") == (
        NotGiven("awaiting the business case")
    )


@given(st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)))
def test_dates_are_read_day_first_or_iso(day):
    assert parse_date(f"{day:%d.%m.%Y}") == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(dt.datetime.combine(day, dt.time(9))) == day


@pytest.mark.parametrize("cell", ["2023-13-01", "32.01.2023", "03/31/2023", "31 March 2023"])
def test_dates_that_are_not_are_problems(cell):
    with pytest.raises(CellProblem, match=r"enter a date like 31\.03\.2023"):
        parse_date(cell)


amounts = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2)


@given(amounts)
def test_amounts_are_read_with_pound_signs_and_thousands(amount):
    assert parse_money(f"£{amount:,}") == amount
    assert parse_money(f"{amount}") == amount
    assert parse_money(f"Â£{amount:,.2f}") == amount
    assert parse_money(float(amount)) == amount


@given(st.decimals(min_value=0, max_value=999, places=2), st.sampled_from(["k", "m", "bn"]))
def test_a_unit_in_the_cell_or_the_column_scales_the_amount(amount, unit):
    scale = {"k": 1000, "m": 1_000_000, "bn": 1_000_000_000}[unit]
    assert parse_money(f"£{amount}{unit}") == amount * scale
    assert parse_money(f"{amount}", unit=unit) == amount * scale
    assert parse_money(f"{amount}{unit.upper()}", unit="m") == amount * scale


@given(st.decimals(min_value=Decimal("0.01"), max_value=999_999_999, places=2))
def test_a_negative_cost_is_refused_and_a_net_benefit_may_be_negative(amount):
    for cell in (f"-{amount}", f"(£{amount:,})", -amount):
        with pytest.raises(CellProblem, match="a cost cannot be negative"):
            parse_cell(FIELDS["whole_life_cost"], cell)
        assert parse_cell(FIELDS["monetised_benefits"], cell) == -amount


@given(
    st.sampled_from(["Exempt under Section", "Exempt under s.", "Exempt - s", "Section", "s."]),
    st.integers(21, 44),
    st.sampled_from(["of the Freedom of Information Act 2000", "FOI", "FOIA", "(Defence)"]),
    st.sampled_from(FIGURES),
)
def test_an_exemption_is_withheld_never_a_number_nor_a_problem(prefix, section, suffix, figure):
    assume(prefix.startswith("Exempt") or suffix.startswith("F"))
    cell = f"{prefix} {section} {suffix}"
    assert parse_cell(FIELDS[figure], cell) == Withheld(cell, str(section))


@pytest.mark.parametrize(
    ("cell", "rating"),
    [
        ("Green", "green"),
        ("Amber/Green", "amber_green"),
        ("amber-green", "amber_green"),
        ("AMBER RED", "amber_red"),
        ("Red", "red"),
    ],
)
def test_ratings_are_read_on_either_scale(cell, rating):
    assert parse_cell(FIELDS["sro_confidence"], cell) == rating


def test_an_unknown_rating_lists_the_ratings():
    with pytest.raises(CellProblem) as problem:
        parse_cell(FIELDS["sro_confidence"], "Purple")
    assert str(problem.value) == ("enter a rating from Green, Amber/green, Amber, Amber/red or Red")


def test_a_problem_names_its_row_and_field():
    assert str(Problem("enter a date like 31.03.2023", 12, "start date")) == (
        "Row 12, start date: enter a date like 31.03.2023"
    )


# Writing reads back ------------------------------------------------------------------------

texts = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn"))
        | st.sampled_from("\n\"';,"),
        max_size=30,
    )
    .map(str.strip)
    .filter(lambda t: t.casefold() not in {"", "na", "n/a", "n.a.", "-", "none", "null"})
)
optional_texts = st.none() | texts
exemptions = st.builds(
    lambda n, why: Withheld(
        f"Exempt under Section {n} of the Freedom of Information Act 2000 {why}", str(n)
    ),
    st.integers(21, 44),
    st.sampled_from(["(Commercial Interests)", "(Defence)."]),
)
not_given = st.builds(NotGiven, texts.filter(lambda t: t == " ".join(t.split())))
money = st.none() | amounts | exemptions | not_given
records = st.fixed_dictionaries(
    {
        "reference": texts.map(lambda t: "P-" + t.replace("\n", " ")),
        "name": texts,
        "description": optional_texts,
        "service_area": optional_texts,
        "themes": optional_texts,
        "programme": optional_texts,
        "stage": st.none() | st.sampled_from([value for value, _ in FIELDS["stage"].choices]),
        "starts_on": st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2029, 12, 31)),
        "ends_on": st.none() | st.dates(dt.date(2030, 1, 1), dt.date(2040, 12, 31)) | exemptions,
        "assessed_on": st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
        "ipa_confidence": st.none()
        | st.sampled_from(["green", "amber", "red", "amber_green"])
        | exemptions,
        "sro_confidence": st.none() | st.sampled_from(["amber_red"]) | not_given,
        "confidence_commentary": optional_texts,
        "schedule_commentary": optional_texts,
        "baseline_spend": money,
        "forecast_spend": money,
        "variance_commentary": optional_texts,
        "whole_life_cost": money,
        "cost_commentary": optional_texts,
        "monetised_benefits": money | amounts.map(lambda a: -a),
        "benefits_commentary": optional_texts,
    }
)
register = st.lists(records, max_size=6, unique_by=lambda r: r["reference"].casefold())


def as_rows(register):
    fields = [column.field for column in STEERCO.columns]
    return [[record[field] for field in fields] for record in register]


@settings(max_examples=60, deadline=None)
@given(register)
def test_a_register_written_as_csv_reads_back_the_same(register):
    data = write_csv(STEERCO.headers, as_rows(register))
    assert data.startswith(b"\xef\xbb\xbf")
    parsed = read(data, STEERCO, "projects.csv")
    assert parsed.problems == ()
    assert [record.values for record in parsed.records] == register


@settings(max_examples=25, deadline=None)
@given(register)
def test_a_register_written_as_a_workbook_reads_back_the_same(register):
    data = write_xlsx(STEERCO.headers, as_rows(register), title="Projects")
    parsed = read(data, STEERCO, "projects.xlsx")
    assert parsed.problems == ()
    assert [record.values for record in parsed.records] == register


def test_text_that_looks_like_a_formula_is_written_as_text():
    rows = [['=HYPERLINK("http://example.com")', "+1", "-2", "@SUM(A1)"]]
    workbook = openpyxl.load_workbook(io.BytesIO(write_xlsx(["a", "b", "c", "d"], rows)))
    assert [cell.data_type for cell in workbook.active[2]] == ["s"] * 4
    assert [cell.value for cell in workbook.active[2]] == rows[0]
    assert write_csv(["a"], [["=1+1"]]).decode("utf-8-sig").splitlines()[1] == "'=1+1"
    assert read_xlsx(write_xlsx(["a"], [["=1+1"]])).rows[0].cells == ("=1+1",)


@pytest.mark.parametrize("text", ["'=1+1", "''", "'a", "'"])
def test_a_leading_apostrophe_survives_both_formats(text):
    row = [{"reference": "P1", "name": text}]
    mapping = Mapping.from_toml(
        '[[columns]]\nheader="R"\nfield="reference"\n[[columns]]\nheader="N"\nfield="name"\n'
    )
    for data in (write_csv(["R", "N"], [["P1", text]]), write_xlsx(["R", "N"], [["P1", text]])):
        assert [r.values for r in read(data, mapping).records] == row


def test_the_gmpp_file_saved_as_a_workbook_reads_the_same(gmpp):
    table = read_table(GMPP.read_bytes())
    workbook = write_xlsx(table.headers, [row.cells for row in table.rows], title="GMPP")
    again = read(workbook, load_mapping("gmpp"), "gmpp_2023.xlsx")
    assert again.problems == ()
    assert again.records == gmpp.records


def test_a_partial_mapping_reads_the_columns_a_file_has_and_needs_the_reference_and_name():
    parsed = read(b"Name,Reference,Stage\nLaptops,P1,In delivery\n", STEERCO)
    assert parsed.problems == ()
    assert parsed.fields == ("reference", "name", "stage")
    assert parsed.records[0].values == {
        "reference": "P1",
        "name": "Laptops",
        "stage": "in_delivery",
    }
    assert [str(p) for p in read(b"Stage,Description\nIdea,x\n", STEERCO).problems] == [
        "The file has no column “Reference”.",
        "The file has no column “Name”.",
    ]
    # A mapping that is not partial needs every column it names.
    assert len(read(b"Ref,Title\nP1,One\n", small_mapping()).problems) == 3
