"""Reading and writing a register of projects as a spreadsheet (CSV or Excel), and the column
mappings that let a council bring a spreadsheet of its own shape.

The rules, from the portfolio issue (item 9) and the Government Major Projects Portfolio file:

- A file is CSV (any of comma, semicolon, tab or bar between cells, found from the header line;
  UTF-8 with or without a byte-order mark, or Windows-1252 as Excel saves it) or an Excel
  workbook (its first sheet). The first row holds the headers. Two columns may have the same
  header (the GMPP file heads both the IPA's and the SRO's rating `colour_rating`): columns are
  kept apart by position, and a mapping names a column by its header and which occurrence of it.
- A mapping names, for each steerco field, the column it comes from. Each field has one parser;
  a mapping may say the unit its money is in (the GMPP file is in millions of pounds).
- Dates are dd.mm.yyyy (or dd/mm/yyyy) or ISO (yyyy-mm-dd), or a date cell of a workbook.
- Money is in pounds: a pound sign (also as a tool mis-decoded it), thousands separators and a
  trailing "k", "m" or "bn" are understood. A cost is never negative; only a field that can
  hold a net figure (monetised benefits) may be.
- An empty cell, "NA", "N/A" or "n/a" is empty.
- A cell that holds a Freedom of Information exemption instead of a figure ("Exempt under
  Section 43 of the Freedom of Information Act 2000 (Commercial Interests)") is withheld, with
  the exemption named: never zero and never a problem.
- A cell that says why there is no figure yet, in words a mapping lists ("Early planning GMPP
  project …"), or that starts "Not given:" (as steerco writes it), is not given, with its note.
- A number that a spreadsheet turned into a date ("07. Sep" for 7.9) cannot be read back
  safely, so it is a problem that says so.
- Problems are collected for every row and field, then reported together, each naming its row
  (as the spreadsheet numbers it, the header being row 1) and field: "Row 12, start date: enter
  a date like 31.03.2023". Nothing is raised one at a time.

Reading the file and the parsers of dates, money and choices are shared with every import
(`steerco/lib/spreadsheets.py`); the fields, the mappings and what a row means are this
module's.
"""

import datetime as dt
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

# Every spreadsheet steerco writes is written by steerco/lib/spreadsheets.py, and every import
# reads its file there too (reading undoes the writer's escaping of text a spreadsheet would
# take for a formula). The writers and readers are re-exported for the register's tests.
from steerco.lib.spreadsheets import (  # noqa: F401
    DELIMITERS,
    EMPTY,
    MAXIMUM,
    UNITS,
    Cell,
    CellProblem,
    Problem,
    Row,
    SpreadsheetError,
    Table,
    cell_text,
    normalise_header,
    parse_choice,
    parse_date,
    parse_money,
    read_csv,
    read_table,
    read_xlsx,
    unescape,
    write_csv,
    write_xlsx,
)
from steerco.lib.spreadsheets import text_of as _text

MAPPINGS = Path(__file__).resolve().parents[1] / "mappings"
NOT_GIVEN = "Not given:"


# Values -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Withheld:
    """A figure withheld under a Freedom of Information exemption, as the cell named it."""

    exemption: str
    section: str = ""

    def __str__(self) -> str:
        return self.exemption


@dataclass(frozen=True)
class NotGiven:
    """No figure, with the reason the file gave ("Early planning GMPP project …")."""

    note: str

    def __str__(self) -> str:
        return f"{NOT_GIVEN} {self.note}"


Value = str | Decimal | dt.date | Withheld | NotGiven | None

_SECTION = re.compile(r"\b(?:s\.?|sec\.?|section)\s*(\d{1,2}[A-Za-z]?)\b", re.IGNORECASE)
_FOI = re.compile(r"freedom\s+of\s+information|\bfoia?\b", re.IGNORECASE)
_EXEMPT = re.compile(r"^\s*(?:exempt|withheld|redacted)\b", re.IGNORECASE)


def withheld(text: str) -> Withheld | None:
    """The exemption a cell holds instead of a figure, or None when it holds none.

    A cell is an exemption when it starts "Exempt", "Withheld" or "Redacted", or names the
    Freedom of Information Act (or FOI, FOIA) together with a section: "Exempt under Section 43
    of the Freedom of Information Act 2000", "Section 43 FOI", "s.43 FOIA"."""
    text = " ".join(text.split())
    section = _SECTION.search(text)
    if _EXEMPT.match(text) or (_FOI.search(text) and section):
        return Withheld(exemption=text, section=section.group(1) if section else "")
    return None


# Parsers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """Where a steerco field comes from: the header, which occurrence of it (1 for the first),
    and options for its parser (the unit of money)."""

    field: str
    header: str
    occurrence: int = 1
    unit: str = ""


@dataclass(frozen=True)
class Field:
    name: str
    # As it follows "Row 12, …": "start date".
    label: str
    kind: str
    required: bool = False
    # Money that may be below zero (a net figure).
    signed: bool = False
    # Whether a cell may hold an exemption or a reason in place of a value.
    withholdable: bool = False
    choices: tuple[tuple[str, str], ...] = ()


STAGES = (
    ("idea", "Idea"),
    ("proposal", "Proposal"),
    ("business_case", "Business case"),
    ("approved", "Approved"),
    ("in_delivery", "In delivery"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
)
RATINGS = (
    ("green", "Green"),
    ("amber_green", "Amber/green"),
    ("amber", "Amber"),
    ("amber_red", "Amber/red"),
    ("red", "Red"),
)

# Every field a mapping may fill. The figures are the ones the register keeps beside a project.
FIELDS = {
    f.name: f
    for f in (
        Field("reference", "reference", "text", required=True),
        Field("name", "name", "text", required=True),
        Field("description", "description", "text"),
        Field("service_area", "service area", "text"),
        # Theme names, separated by semicolons.
        Field("themes", "themes", "text"),
        Field("programme", "programme", "text"),
        Field("stage", "stage", "choice", choices=STAGES),
        Field("starts_on", "start date", "date", withholdable=True),
        Field("ends_on", "end date", "date", withholdable=True),
        Field("assessed_on", "date of the assessment", "year_end"),
        Field("ipa_confidence", "IPA delivery confidence", "rating", withholdable=True),
        Field("sro_confidence", "SRO delivery confidence", "rating", withholdable=True),
        Field("confidence_commentary", "confidence commentary", "text"),
        Field("schedule_commentary", "schedule commentary", "text"),
        Field("baseline_spend", "baseline spend", "money", withholdable=True),
        Field("forecast_spend", "forecast spend", "money", withholdable=True),
        Field("variance_commentary", "variance commentary", "text"),
        Field("whole_life_cost", "whole-life cost", "money", withholdable=True),
        Field("cost_commentary", "cost commentary", "text"),
        Field("monetised_benefits", "monetised benefits", "money", signed=True, withholdable=True),
        Field("benefits_commentary", "benefits commentary", "text"),
    )
}
FIGURES = ("baseline_spend", "forecast_spend", "whole_life_cost", "monetised_benefits")


def parse_year_end(cell: Cell) -> dt.date:
    """A year as 31 March of it (the end of the financial year the GMPP data is as at), or a
    date."""
    text = _text(cell)
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 3, 31)
    try:
        return parse_date(cell)
    except CellProblem:
        raise CellProblem("enter a year like 2023 or a date like 31.03.2023") from None


def parse_rating(cell: Cell) -> str:
    """A Delivery Confidence Assessment on the five-point scale or the three-point one (its
    values are among the five): "Amber/Green", "Amber-Green", "amber green"."""
    return parse_choice(cell, RATINGS, "rating")


def parse_cell(field_: Field, cell: Cell, *, unit: str = "", markers: Sequence[str] = ()) -> Value:
    """The value of one cell for a field, or raise CellProblem."""
    if cell is None or (isinstance(cell, str) and _text(cell).casefold() in EMPTY):
        if field_.required:
            raise CellProblem(f"enter the project's {field_.label}")
        return None
    if field_.kind == "text":
        return _text(cell)
    if field_.withholdable and isinstance(cell, str):
        text = " ".join(_text(cell).split())
        if text.startswith(NOT_GIVEN):
            return NotGiven(text[len(NOT_GIVEN) :].strip())
        if any(text.casefold().startswith(" ".join(m.split()).casefold()) for m in markers):
            return NotGiven(text)
        if exemption := withheld(text):
            return exemption
    if field_.kind == "date":
        return parse_date(cell)
    if field_.kind == "year_end":
        return parse_year_end(cell)
    if field_.kind == "money":
        return parse_money(cell, unit=unit, signed=field_.signed)
    if field_.kind == "rating":
        return parse_rating(cell)
    if field_.kind == "choice":
        return parse_choice(cell, field_.choices, field_.label)
    raise AssertionError(f"No parser for {field_.kind}")


# Mappings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mapping:
    name: str
    title: str
    columns: tuple[Column, ...]
    # Words at the start of a cell that give the reason there is no figure.
    not_given: tuple[str, ...] = ()
    # An end date before the start date: "refuse" the row, or "note" it, keeping the start date
    # as a note rather than a date (for published data that the council cannot correct).
    dates_out_of_order: str = "refuse"
    # Whether a file may leave out columns other than those of required fields (the reference
    # and the name): the fields of the columns it leaves out are not imported.
    partial: bool = False

    def __post_init__(self) -> None:
        unknown = [c.field for c in self.columns if c.field not in FIELDS]
        if unknown:
            raise ValueError(f"The mapping {self.name} names fields steerco has not: {unknown}")
        fields = [c.field for c in self.columns]
        if len(set(fields)) != len(fields):
            raise ValueError(f"The mapping {self.name} fills a field from two columns.")
        for required in (f.name for f in FIELDS.values() if f.required):
            if required not in fields:
                raise ValueError(f"The mapping {self.name} has no column for {required}.")
        if self.dates_out_of_order not in {"refuse", "note"}:
            raise ValueError(f"The mapping {self.name}: dates_out_of_order is refuse or note.")
        for column in self.columns:
            if column.unit not in UNITS:
                raise ValueError(f"The mapping {self.name} has an unknown unit {column.unit!r}.")

    @classmethod
    def from_toml(cls, text: str, *, name: str = "") -> "Mapping":
        try:
            data = tomllib.loads(text)
            return cls(
                name=data.get("name", name),
                title=data.get("title", data.get("name", name)),
                not_given=tuple(data.get("not_given", ())),
                dates_out_of_order=data.get("dates_out_of_order", "refuse"),
                partial=bool(data.get("partial", False)),
                columns=tuple(
                    Column(
                        field=c["field"],
                        header=c["header"],
                        occurrence=int(c.get("occurrence", 1)),
                        unit=c.get("unit", ""),
                    )
                    for c in data["columns"]
                ),
            )
        except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
            raise ValueError(f"The mapping {name or '(unnamed)'} cannot be read: {error}") from None

    def header_for(self, name: str) -> str:
        return next(c.header for c in self.columns if c.field == name)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)


def shipped_mappings() -> dict[str, Mapping]:
    return {
        path.stem: Mapping.from_toml(path.read_text(encoding="utf-8"), name=path.stem)
        for path in sorted(MAPPINGS.glob("*.toml"))
    }


def load_mapping(name_or_file: str) -> Mapping:
    """A mapping shipped with steerco by name ("gmpp", "steerco") or a TOML file of one."""
    path = MAPPINGS / f"{name_or_file}.toml"
    if re.fullmatch(r"[a-z0-9_-]+", name_or_file) and path.exists():
        return Mapping.from_toml(path.read_text(encoding="utf-8"), name=name_or_file)
    path = Path(name_or_file)
    if path.suffix == ".toml" and path.is_file():
        return Mapping.from_toml(path.read_text(encoding="utf-8"), name=path.stem)
    names = ", ".join(sorted(shipped_mappings()))
    raise ValueError(f"There is no mapping {name_or_file!r}: use one of {names}, or a .toml file.")


# Reading ------------------------------------------------------------------------------------


# Mapping a table ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One row as steerco fields."""

    row: int
    values: dict[str, Value] = field(hash=False)


@dataclass(frozen=True)
class Parsed:
    records: tuple[Record, ...]
    problems: tuple[Problem, ...]
    # Headers of the file that the mapping does not use.
    ignored: tuple[str, ...]
    # What was accepted but changed, to tell the person importing.
    notices: tuple[Problem, ...] = ()
    # The fields the file has columns for.
    fields: tuple[str, ...] = ()

    def problems_by_row(self) -> dict[int | None, list[Problem]]:
        grouped: dict[int | None, list[Problem]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.row, []).append(problem)
        return grouped


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(n, f"{n}th")


def apply(table: Table, mapping: Mapping) -> Parsed:
    """Every row of the table as steerco fields, with every problem of every row."""
    positions = table.positions()
    problems: list[Problem] = []
    used: dict[str, int] = {}
    for column in mapping.columns:
        key = (normalise_header(column.header), column.occurrence)
        if key in positions:
            used[column.field] = positions[key]
        elif mapping.partial and not FIELDS[column.field].required:
            continue
        elif column.occurrence == 1:
            problems.append(Problem(f"The file has no column “{column.header}”."))
        else:
            problems.append(
                Problem(f"The file has no {_ordinal(column.occurrence)} column “{column.header}”.")
            )
    if problems:
        return Parsed((), tuple(problems), ())
    ignored = tuple(
        header for position, header in enumerate(table.headers) if position not in used.values()
    )
    records = []
    notices: list[Problem] = []
    first_row_of: dict[str, int] = {}
    for row in table.rows:
        values: dict[str, Value] = {}
        for column in mapping.columns:
            if column.field not in used:
                continue
            field_ = FIELDS[column.field]
            position = used[column.field]
            cell = row.cells[position] if position < len(row.cells) else None
            try:
                values[column.field] = parse_cell(
                    field_, cell, unit=column.unit, markers=mapping.not_given
                )
            except CellProblem as problem:
                problems.append(Problem(str(problem), row.number, field_.label))
        problems.extend(_duplicate(row.number, values, first_row_of))
        starts, ends = values.get("starts_on"), values.get("ends_on")
        if isinstance(starts, dt.date) and isinstance(ends, dt.date) and ends < starts:
            if mapping.dates_out_of_order == "note":
                values["starts_on"] = NotGiven(
                    f"The file gives a start date of {starts:%d.%m.%Y}, after its end date."
                )
                notices.append(
                    Problem(
                        f"{starts:%d.%m.%Y} is after the end date {ends:%d.%m.%Y}, so it is "
                        "kept as a note and the project has no start date",
                        row.number,
                        FIELDS["starts_on"].label,
                    )
                )
            else:
                problems.append(
                    Problem(
                        "the end date must be the same as or after the start date",
                        row.number,
                        FIELDS["ends_on"].label,
                    )
                )
        records.append(Record(row.number, values))
    fields = tuple(column.field for column in mapping.columns if column.field in used)
    return Parsed(tuple(records), tuple(problems), ignored, tuple(notices), fields)


def _duplicate(number: int, values: dict[str, Value], first_row_of: dict[str, int]):
    reference = values.get("reference")
    if isinstance(reference, str):
        if reference.casefold() in first_row_of:
            yield Problem(
                f"{reference} is also the reference on row {first_row_of[reference.casefold()]}",
                number,
                FIELDS["reference"].label,
            )
        else:
            first_row_of[reference.casefold()] = number


def read(data: bytes, mapping: Mapping, file_name: str = "") -> Parsed:
    try:
        table = read_table(data, file_name)
    except SpreadsheetError as error:
        return Parsed((), (Problem(str(error)),), ())
    return apply(table, mapping)
