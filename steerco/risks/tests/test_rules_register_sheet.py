import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from steerco.lib.spreadsheets import Row, Table, read_table, write_csv, write_xlsx
from steerco.risks.models import Risk
from steerco.risks.rules import register_sheet
from steerco.risks.rules.register_sheet import HEADINGS, TITLE_LIMIT

CATEGORIES = {"technology": [7], "security": [8]}
PEOPLE = {"maya patel": [3], "mpatel": [3], "sam jones": [4, 5]}
CHOICES = {
    "status": Risk.Status.choices,
    "treatment": Risk.Treatment.choices,
    "proximity": Risk.Proximity.choices,
}
GOOD = {
    "Reference": "R-004",
    "Title": "Disaster recovery site not tested",
    "Category": "Technology",
    "Owner": "Maya Patel",
    "Status": "Open",
    "Inherent likelihood": 4,
    "Inherent impact": 4,
    "Inherent score": 16,
    "Current likelihood": 3,
    "Current impact": 3,
    "Current score": 9,
    "Target likelihood": 2,
    "Target impact": 3,
    "Target score": 6,
    "Band": "medium",
    "Flags": "",
    "Treatment": "Treat",
    "Controls in place": "Nightly backups",
    "Proximity": "Near (3 to 12 months)",
    "Review date": dt.date(2026, 3, 31),
    "Money impact (£)": Decimal("250000.00"),
    "Cause": "",
    "Event": "",
    "Consequence": "",
    "Affects": "Whole service\nProject P-012",
}
LINKS = {
    "projects": {"p-012": 40, "p-013": 41},
    "programmes": {"pg-01": 50},
    "business_cases": {"p-012 version 2": 60},
    "objectives": {"digital by default; for everyone": 70},
}


def parse(*rows, headers=HEADINGS):
    table = Table(
        tuple(headers),
        tuple(
            Row(number, tuple(row.get(h) for h in headers))
            for number, row in enumerate(rows, start=2)
        ),
    )
    return register_sheet.apply(
        table, categories=CATEGORIES, people=PEOPLE, choices=CHOICES, links=LINKS
    )


def test_the_columns_are_the_downloads():
    from steerco.risks.views import REGISTER_HEADINGS

    assert list(HEADINGS) == REGISTER_HEADINGS
    assert Risk._meta.get_field("title").max_length == TITLE_LIMIT


def test_a_good_row_reads_as_the_registers_fields():
    parsed = parse(GOOD)

    assert parsed.problems == ()
    assert parsed.records[0].values == {
        "reference": 4,
        "title": "Disaster recovery site not tested",
        "category": 7,
        "owner": 3,
        "status": "open",
        "inherent_likelihood": 4,
        "inherent_impact": 4,
        "current_likelihood": 3,
        "current_impact": 3,
        "target_likelihood": 2,
        "target_impact": 3,
        "treatment": "treat",
        "controls": "Nightly backups",
        "proximity": "near",
        "review_on": dt.date(2026, 3, 31),
        "money_impact": Decimal("250000.00"),
        "cause": "",
        "event": "",
        "consequence": "",
        "affects": {
            "whole_service": True,
            "projects": [40],
            "programmes": [],
            "business_cases": [],
            "objectives": [],
        },
    }


def test_every_problem_is_named_by_row_and_column():
    bad = {
        **GOOD,
        "Reference": "ICT-4",
        "Category": "Weather",
        "Owner": "Sam Jones",
        "Inherent impact": 6,
        "Review date": "31 March",
        "Treatment": "Ignore",
    }
    unknown_owner = {**GOOD, "Reference": "", "Owner": "Somebody Else", "Title": ""}

    parsed = parse(GOOD, bad, unknown_owner)

    assert [str(problem) for problem in parsed.problems] == [
        "Row 3, reference: enter a reference like R-012, or leave the cell empty to add a new risk",
        "Row 3, category: “Weather” is not a category of the council's register: add it first",
        "Row 3, owner: more than one person of the council is called “Sam Jones”: enter the "
        "owner's email address instead",
        "Row 3, inherent impact: enter a whole number from 1 to 5",
        "Row 3, treatment: enter a treatment from Tolerate, Treat, Transfer or Terminate",
        "Row 3, review date: enter a date like 31.03.2023",
        "Row 4, title: enter the risk's title",
        "Row 4, owner: “Somebody Else” is not a person of the council",
    ]


def test_a_target_above_the_current_score_is_refused():
    above_current = {**GOOD, "Target likelihood": 4, "Target impact": 3}
    no_controls = {**GOOD, "Reference": "R-005", "Controls in place": ""}

    parsed = parse(above_current, no_controls)

    assert [str(problem) for problem in parsed.problems] == [
        "Row 2, target likelihood: the target score (12) must not be above the current score (9)",
        "Row 3, controls in place: enter the controls in place: the current score (9) can only "
        "be below the score before controls (16) when controls are recorded",
    ]


def test_a_reference_twice_and_a_missing_column_are_refused():
    assert [str(p) for p in parse(GOOD, GOOD).problems] == [
        "Row 3, reference: R-004 is also the reference on row 2"
    ]
    headers = [h for h in HEADINGS if h not in ("Owner", "Band")]
    assert [str(p) for p in parse(GOOD, headers=headers).problems] == [
        "The file has no column “Owner”."
    ]


def test_a_file_of_no_rows_is_refused():
    assert [str(p) for p in parse().problems] == [
        "The file has no risks: each row after the headers is a risk."
    ]


levels = st.integers(min_value=-3, max_value=9)


@given(
    column=st.sampled_from(
        [f"{w} {p}" for w in ("Inherent", "Current", "Target") for p in ("likelihood", "impact")]
    ),
    value=st.one_of(levels, levels.map(str), st.floats(allow_nan=True), st.text(max_size=4)),
)
def test_a_level_is_a_whole_number_from_1_to_5(column, value):
    # Levels that keep the row's other rules satisfied whatever this one is.
    row = {
        **GOOD,
        **{f"{w} {p}": 5 for w in ("Inherent", "Current") for p in ("likelihood", "impact")},
        "Target likelihood": 1,
        "Target impact": 1,
        column: value,
    }
    if column.startswith("Current"):
        row["Inherent likelihood"] = row["Inherent impact"] = 5
    parsed = parse(row)
    mine = [p for p in parsed.problems if p.label == column.lower()]
    try:
        whole = Decimal(str(value).strip()) if not isinstance(value, int) else Decimal(value)
        good = whole.is_finite() and whole == int(whole) and 1 <= int(whole) <= 5
    except ArithmeticError:
        good = False
    if good:
        assert mine == []
    else:
        assert [str(p) for p in mine] == [
            f"Row 2, {column.lower()}: enter a whole number from 1 to 5"
        ]


@given(
    levels=st.lists(st.integers(min_value=1, max_value=5), min_size=6, max_size=6),
    # A workbook holds no control characters (the writer drops them).
    title=st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(
        lambda t: t.strip()
    ),
    money=st.one_of(st.none(), st.decimals(min_value=0, max_value=10**9, places=2)),
    file_type=st.sampled_from(["csv", "xlsx"]),
)
def test_what_the_download_writes_reads_back_the_same(levels, title, money, file_type):
    il, ii, cl, ci, tl, ti = levels
    row = {
        **GOOD,
        "Title": title,
        "Inherent likelihood": il,
        "Inherent impact": ii,
        "Current likelihood": cl,
        "Current impact": ci,
        "Target likelihood": tl,
        "Target impact": ti,
        "Money impact (£)": money,
    }
    write = write_csv if file_type == "csv" else write_xlsx
    data = write(HEADINGS, [[row[h] for h in HEADINGS]])

    table = read_table(data)
    parsed = register_sheet.apply(
        table, categories=CATEGORIES, people=PEOPLE, choices=CHOICES, links=LINKS
    )

    expected = parse(row)
    assert parsed == expected
    if not parsed.problems:
        values = parsed.records[0].values
        assert values["title"] == title.strip()
        assert values["money_impact"] == money
        assert [values[n] for n in register_sheet.LEVELS] == levels


# A council's own shape: the register's fields under other headings, in another order.
THEIRS = {
    "Risk ID": "Reference",
    "Risk title": "Title",
    "Risk owner": "Owner",
    "Risk category": "Category",
    "Gross likelihood": "Inherent likelihood",
    "Gross impact": "Inherent impact",
    "Residual likelihood": "Current likelihood",
    "Residual impact": "Current impact",
    "Target L": "Target likelihood",
    "Target I": "Target impact",
    "Existing controls": "Controls in place",
}
FIELD_OF = {heading: name for name, heading in register_sheet.FIELDS}


def chosen(headers):
    """The columns a person chooses for a file of THEIRS's headings."""
    columns = {name: None for name, _ in register_sheet.FIELDS}
    return columns | {FIELD_OF[THEIRS[h]]: position for position, h in enumerate(headers)}


SEPARATORS = st.sampled_from(["", " ", "_", "-", ".", " / ", "(", ")", ":"])


@st.composite
def written_otherwise(draw, heading):
    """A heading as another spreadsheet may write it: any case, words run together or split by
    punctuation."""
    words = heading.replace("(£)", "").split()
    text = ""
    for word in words:
        word = "".join(draw(st.sampled_from([c.lower(), c.upper()])) for c in word)
        text += word + draw(SEPARATORS)
    return draw(SEPARATORS) + text


@given(data=st.data())
def test_a_heading_is_suggested_for_its_field_whatever_its_case_punctuation_and_place(data):
    fields = data.draw(st.permutations(register_sheet.FIELDS))
    extra = data.draw(st.lists(st.sampled_from(["Notes", "RAG", "Last updated", ""]), max_size=3))
    headers = [data.draw(written_otherwise(heading)) for _, heading in fields] + extra
    order = data.draw(st.permutations(range(len(headers))))
    shuffled = [headers[i] for i in order]

    suggested = register_sheet.suggest_columns(shuffled)

    assert {name: shuffled[at] for name, at in suggested.items()} == {
        name: headers[i] for i, (name, _) in enumerate(fields)
    }
    assert register_sheet.column_problems(suggested, shuffled) == {}


@given(data=st.data())
def test_a_mapping_without_a_required_field_or_with_a_column_twice_is_refused(data):
    headers = list(THEIRS)
    columns = chosen(headers)
    assert register_sheet.column_problems(columns, headers) == {}
    required = data.draw(st.sampled_from(sorted(register_sheet.REQUIRED)))
    other = data.draw(st.sampled_from([n for n, _ in register_sheet.FIELDS if n != required]))

    unmapped = register_sheet.column_problems(columns | {required: None}, headers)
    twice = register_sheet.column_problems(columns | {other: columns[required]}, headers)

    assert list(unmapped) == [required]
    assert unmapped[required].startswith("Select the column that holds the ")
    chosen_second = max(
        (required, other), key=lambda n: [f for f, _ in register_sheet.FIELDS].index(n)
    )
    assert chosen_second in twice
    assert f"“{headers[columns[required]]}” is already chosen for the" in twice[chosen_second]
    assert parse(GOOD, headers=headers).problems  # without a mapping, the download's headings


@given(order=st.permutations(list(THEIRS)))
def test_a_file_of_another_shape_reads_through_its_mapping_as_the_download_does(order):
    downloaded = parse(GOOD)
    row = {heading: GOOD[THEIRS[heading]] for heading in order}
    table = Table(tuple(order), (Row(2, tuple(row[h] for h in order)),))
    columns = chosen(order)

    parsed = register_sheet.apply(
        table, categories=CATEGORIES, people=PEOPLE, choices=CHOICES, columns=columns
    )

    assert register_sheet.download_columns(order) is None
    assert parsed.problems == ()
    mapped = {n for n, at in columns.items() if at is not None}
    assert parsed.records[0].values == {
        n: v for n, v in downloaded.records[0].values.items() if n in mapped
    }


NAMES = {kind: {pk: name for name, pk in named.items()} for kind, named in LINKS.items()}


@given(
    whole_service=st.booleans(),
    chosen=st.fixed_dictionaries(
        {
            kind: st.lists(st.sampled_from(sorted(named.values())), unique=True)
            for kind, named in LINKS.items()
        }
    ),
)
def test_what_a_risk_affects_reads_back_as_written(whole_service, chosen):
    # As the download names them (its own case), and an objective with ";" in its title.
    names = {"projects": {40: "P-012", 41: "P-013"}, "programmes": {50: "PG-01"}} | {
        "business_cases": {60: "P-012 version 2"},
        "objectives": {70: "Digital by default; for everyone"},
    }
    text = register_sheet.affects_text(
        whole_service, {kind: [names[kind][pk] for pk in ids] for kind, ids in chosen.items()}
    )

    read = register_sheet.parse_affects(text, LINKS)

    assert read == {"whole_service": whole_service} | {
        kind: sorted(ids) for kind, ids in chosen.items()
    }


def test_what_a_risk_affects_may_be_typed_loosely_but_names_only_the_councils():
    typed = "p-012; whole SERVICE ;P-013\nprogramme  PG-01"

    assert register_sheet.parse_affects(typed, LINKS) == {
        "whole_service": True,
        "projects": [40, 41],
        "programmes": [50],
        "business_cases": [],
        "objectives": [],
    }
    parsed = parse(GOOD | {"Affects": "P-999\nBusiness case P-012 version 9"})
    assert [str(p) for p in parsed.problems] == [
        "Row 2, affects: “P-999” is not a project of the council; “P-012 version 9” is not a "
        "business case of the council"
    ]
