"""The risk register as a spreadsheet: the columns of its download, and a file of them read back
for an import.

The rules (issue 10, item 6):

- The columns are the download's, so a downloaded register can be edited and imported again.
  The scores, the band and the flags are worked out from the levels and never read; a file
  without one of the other columns is refused as a whole.
- Each row is a risk, found by its reference: a known reference changes that risk; an empty
  reference, or one like R-012 that the register has not, adds a risk (the latter keeping its
  number, so that importing the same file twice adds nothing the second time). A reference
  that is not like R-012 is refused, and so is one reference on two rows.
- A row needs a title, a category of the council, an owner who is a person of the council
  (named as steerco writes them, or by user name or email address) and the six levels of the
  assessment, each a whole number from 1 to 5. The target score may not be above the current
  score, nor above the score before controls (a file has no column for the reason), and the
  current score may be below the score before controls only where controls are recorded.
- A title has at most 300 characters.
- The Affects column names what the risk affects, one to a line (or between ";"): "Whole
  service", "Project P-012" (or "P-012" alone), "Programme PG-01", "Business case P-012
  version 2", "Objective <its title>". A name the council has not (or the importer may not
  read) is refused: "“P-999” is not a project of the council". An empty cell links nothing; a
  file without the column (a download from before it was written) leaves the links as they
  are.
- Treatment, proximity and status are one of their choices, as steerco writes them; a review
  date is dd.mm.yyyy, dd/mm/yyyy, ISO or a date cell; a money impact is pounds, not negative.
- Every problem of every row is found before anything is kept, and each names its row (as the
  spreadsheet numbers it, the header being row 1) and its column: "Row 4, owner: …".
- A council's own spreadsheet is read through a column mapping: each field of the register
  (`FIELDS`) read from the column chosen for it, or from none ("Not in this file": a known
  risk keeps what it has, a new one takes the usual). A required field must have a column, and
  no column may be chosen for two fields. `suggest_columns` chooses, for each field, a heading
  that names it, whatever its case, spacing or punctuation.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from steerco.lib.spreadsheets import (
    EMPTY,
    Cell,
    CellProblem,
    Problem,
    SpreadsheetError,
    Table,
    decimal_of,
    normalise_header,
    parse_choice,
    parse_date,
    parse_money,
    read_table,
    text_of,
)
from steerco.risks.rules import scoring

WHICH = {"inherent": "Inherent", "current": "Current", "target": "Target"}
LEVELS = tuple(f"{which}_{part}" for which in WHICH for part in ("likelihood", "impact"))

# The download's columns, in order, and the field each is read into (None: worked out, not read).
COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("Reference", "reference"),
    ("Title", "title"),
    ("Category", "category"),
    ("Owner", "owner"),
    ("Status", "status"),
    *(
        (f"{word} {part}", None if part == "score" else f"{which}_{part}")
        for which, word in WHICH.items()
        for part in ("likelihood", "impact", "score")
    ),
    ("Band", None),
    ("Flags", None),
    ("Treatment", "treatment"),
    ("Controls in place", "controls"),
    ("Proximity", "proximity"),
    ("Review date", "review_on"),
    ("Money impact (£)", "money_impact"),
    ("Cause", "cause"),
    ("Event", "event"),
    ("Consequence", "consequence"),
    ("Affects", "affects"),
)
HEADINGS = tuple(header for header, _ in COLUMNS)
# As a problem names the column: "Row 4, current likelihood: …".
LABELS = {name: header.lower() for header, name in COLUMNS if name} | {
    "money_impact": "money impact"
}
TEXTS = ("title", "controls", "cause", "event", "consequence")
REQUIRED = {"title", "category", "owner", *LEVELS}
# A file of the download's shape from before the column was written may leave it out.
LATER_COLUMNS = {"affects"}
# What a risk affects, each in the Affects cell as "<kind> <reference>" on a line of its own
# (a project's reference alone will do): the links of each kind, and the whole service.
AFFECTS = {
    "projects": "project",
    "programmes": "programme",
    "business_cases": "business case",
    "objectives": "objective",
}
WHOLE_SERVICE = "Whole service"
# The fields a column of the file may be read into, in the download's order: (name, heading).
FIELDS = tuple((name, header) for header, name in COLUMNS if name)
CHOICES = ("status", "treatment", "proximity")
# The longest title a risk may have (the model's limit).
TITLE_LIMIT = 300
_REFERENCE = re.compile(r"R-?0*(\d{1,9})", re.IGNORECASE)


def reference(number: int) -> str:
    return f"R-{number:03d}"


@dataclass(frozen=True)
class Record:
    """One row as the register's fields: the risk's number (None for a new risk without one),
    the category's and the owner's ids, the levels as whole numbers."""

    row: int
    values: dict[str, object] = field(hash=False)


@dataclass(frozen=True)
class Parsed:
    records: tuple[Record, ...]
    problems: tuple[Problem, ...]


def parse_level(cell: Cell) -> int:
    refused = CellProblem("enter a whole number from 1 to 5")
    if isinstance(cell, bool):
        raise refused
    if isinstance(cell, int | float | Decimal):
        number = decimal_of(cell)
    else:
        try:
            number = Decimal(text_of(cell))
        except InvalidOperation:
            raise refused from None
    if not number.is_finite() or number != number.to_integral_value():
        raise refused
    if int(number) not in scoring.LEVELS:
        raise refused
    return int(number)


def parse_reference(cell: Cell) -> int:
    match = _REFERENCE.fullmatch(text_of(cell))
    if not match or int(match.group(1)) == 0:
        raise CellProblem("enter a reference like R-012, or leave the cell empty to add a new risk")
    return int(match.group(1))


def _empty(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and text_of(cell).casefold() in EMPTY)


def _lookup(cell: Cell, found: Mapping[str, Sequence[int]], what: str, several: str) -> int:
    text = " ".join(text_of(cell).split())
    ids = found.get(text.casefold(), ())
    if not ids:
        raise CellProblem(f"“{text}” is not {what}")
    if len(ids) > 1:
        raise CellProblem(several.format(text))
    return ids[0]


def parse_cell(
    name: str,
    cell: Cell,
    *,
    categories: Mapping[str, Sequence[int]],
    people: Mapping[str, Sequence[int]],
    choices: Mapping[str, Sequence[tuple[str, str]]],
    links: Mapping[str, Mapping[str, int]] | None = None,
) -> object:
    """The value of one cell for a field, or raise CellProblem."""
    if name == "affects":
        return parse_affects(cell, links or {})
    if _empty(cell):
        if name in REQUIRED:
            what = "a whole number from 1 to 5" if name in LEVELS else f"the risk's {LABELS[name]}"
            raise CellProblem(f"enter {what}")
        return "" if name in TEXTS else None
    if name == "reference":
        return parse_reference(cell)
    if name in TEXTS:
        text = text_of(cell)
        if name == "title" and len(text) > TITLE_LIMIT:
            raise CellProblem(
                f"enter a title of {TITLE_LIMIT} characters or fewer (it has {len(text)})"
            )
        return text
    if name in LEVELS:
        return parse_level(cell)
    if name == "category":
        return _lookup(
            cell,
            categories,
            "a category of the council's register: add it first",
            "more than one category is called “{}”: rename one of them first",
        )
    if name == "owner":
        return _lookup(
            cell,
            people,
            "a person of the council",
            "more than one person of the council is called “{}”: enter the owner's email "
            "address instead",
        )
    if name in CHOICES:
        return parse_choice(cell, choices[name], LABELS[name])
    if name == "review_on":
        return parse_date(cell)
    if name == "money_impact":
        return parse_money(cell)
    raise AssertionError(f"No parser for {name}")


def affects_text(whole_service: bool, links: Mapping[str, Sequence[str]]) -> str:
    """The Affects cell: the whole service, then each linked object by its kind and reference,
    one to a line."""
    lines = [WHOLE_SERVICE] if whole_service else []
    for kind, word in AFFECTS.items():
        lines.extend(f"{word.capitalize()} {key}" for key in links.get(kind, ()))
    return "\n".join(lines)


def link_key(text: str) -> str:
    """A reference or title as the Affects cell matches it: without case or extra spacing."""
    return " ".join(text.split()).casefold()


def _affects_items(text: str) -> list[str]:
    # One to a line; a line that is no objective's title may hold several, between ";".
    items = []
    for line in text.splitlines():
        if link_key(line).startswith(AFFECTS["objectives"]):
            items.append(line)
        else:
            items.extend(line.split(";"))
    return [" ".join(item.split()) for item in items if item.strip()]


def parse_affects(cell: Cell, links: Mapping[str, Mapping[str, int]]) -> dict[str, object]:
    """What a risk affects: {"whole_service": bool, kind: [ids]}. `links` gives, for each kind,
    the id a (`link_key`) reference stands for; an item with no kind word is a project."""
    found: dict[str, object] = {"whole_service": False, **{kind: [] for kind in AFFECTS}}
    unknown = []
    for item in [] if _empty(cell) else _affects_items(text_of(cell)):
        if link_key(item) == link_key(WHOLE_SERVICE):
            found["whole_service"] = True
            continue
        kind, key = "projects", item
        for each, word in AFFECTS.items():
            if link_key(item).startswith(word + " "):
                kind, key = each, item[len(word) :].strip()
        pk = links.get(kind, {}).get(link_key(key))
        if pk is None:
            unknown.append(
                f"“{key}” is not {'an' if kind == 'objectives' else 'a'} "
                f"{AFFECTS[kind]} of the council"
            )
        elif pk not in found[kind]:
            found[kind].append(pk)
    if unknown:
        raise CellProblem("; ".join(unknown))
    return {
        name: sorted(value) if isinstance(value, list) else value for name, value in found.items()
    }


def _assessment_problems(row: int, values: dict[str, object]) -> list[Problem]:
    if any(not isinstance(values.get(name), int) for name in LEVELS):
        return []
    ratings = {
        which: scoring.Rating(values[f"{which}_likelihood"], values[f"{which}_impact"])
        for which in WHICH
    }
    current, target = ratings["current"], ratings["target"]
    problems = []
    if target.score > current.score:
        problems.append(
            Problem(
                f"the target score ({target.score}) must not be above the current score "
                f"({current.score})",
                row,
                LABELS["target_likelihood"],
            )
        )
    found = scoring.assessment_problems(
        ratings["inherent"], current, target, controls=str(values.get("controls") or "")
    )
    if "target_reason" in found and not problems:
        problems.append(
            Problem(
                f"the target score ({target.score}) must not be above the score before "
                f"controls ({ratings['inherent'].score})",
                row,
                LABELS["target_likelihood"],
            )
        )
    if "controls" in found:
        problems.append(
            Problem(
                f"enter the controls in place: the current score ({current.score}) can only be "
                f"below the score before controls ({ratings['inherent'].score}) when controls "
                "are recorded",
                row,
                LABELS["controls"],
            )
        )
    return problems


def heading_key(text: str) -> str:
    """A heading as a mapping matches it: without case, spacing or punctuation."""
    return re.sub(r"[\W_]+", "", normalise_header(text))


def download_columns(headers: Sequence[str]) -> dict[str, int] | None:
    """Each field's column where the file has every heading of the download, else None."""
    positions: dict[str, int] = {}
    for position, header in enumerate(headers):
        positions.setdefault(normalise_header(header), position)
    if any(
        normalise_header(header) not in positions
        for name, header in FIELDS
        if name not in LATER_COLUMNS
    ):
        return None
    return {name: positions.get(normalise_header(header)) for name, header in FIELDS}


def suggest_columns(headers: Sequence[str]) -> dict[str, int | None]:
    """For each field, the first column not chosen yet whose heading names it (as the download
    or a problem does, or by the field's own name, perhaps after "Risk": "Risk owner"),
    whatever its case or punctuation; else None."""
    keys = [heading_key(header) for header in headers]
    chosen: dict[str, int | None] = {}
    for name, header in FIELDS:
        names = {heading_key(header), heading_key(LABELS[name]), heading_key(name)} - {""}
        wanted = names | {f"risk{key}" for key in names}
        chosen[name] = next(
            (
                position
                for position, key in enumerate(keys)
                if key in wanted and position not in chosen.values()
            ),
            None,
        )
    return chosen


def column_problems(columns: Mapping[str, int | None], headers: Sequence[str]) -> dict[str, str]:
    """What is wrong with a mapping, by field: a required field without a column, a column
    that is not the file's, a column already chosen for another field."""
    problems = {}
    chosen_for: dict[int, str] = {}
    for name, _ in FIELDS:
        position = columns.get(name)
        if position is None:
            if name in REQUIRED:
                problems[name] = f"Select the column that holds the {LABELS[name]}."
        elif not 0 <= position < len(headers):
            problems[name] = f"Select a column of the file for the {LABELS[name]}."
        elif position in chosen_for:
            problems[name] = (
                f"Select another column for the {LABELS[name]}: “{headers[position]}” is "
                f"already chosen for the {LABELS[chosen_for[position]]}."
            )
        else:
            chosen_for[position] = name
    return problems


def apply(
    table: Table,
    *,
    categories: Mapping[str, Sequence[int]],
    people: Mapping[str, Sequence[int]],
    choices: Mapping[str, Sequence[tuple[str, str]]],
    columns: Mapping[str, int | None] | None = None,
    links: Mapping[str, Mapping[str, int]] | None = None,
) -> Parsed:
    """Every row of the table as the register's fields, with every problem of every row.
    `categories` and `people` give the ids a (case-folded) name stands for; `choices` the
    (value, name) choices of status, treatment and proximity; `links` what the Affects cell
    may name (`parse_affects`). `columns` gives each field's column (None: not in the file);
    without it, the file must have the download's headings."""
    if columns is None:
        columns = download_columns(table.headers)
        if columns is None:
            have = {normalise_header(header) for header in table.headers}
            return Parsed(
                (),
                tuple(
                    Problem(f"The file has no column “{header}”.")
                    for name, header in FIELDS
                    if normalise_header(header) not in have and name not in LATER_COLUMNS
                ),
            )
    elif wrong := column_problems(columns, table.headers):
        return Parsed((), tuple(Problem(message) for message in wrong.values()))
    problems: list[Problem] = []
    records = []
    first_row_of: dict[int, int] = {}
    for row in table.rows:
        values: dict[str, object] = {}
        for name, _ in FIELDS:
            position = columns.get(name)
            if position is None:
                continue
            cell = row.cells[position] if position < len(row.cells) else None
            try:
                values[name] = parse_cell(
                    name, cell, categories=categories, people=people, choices=choices, links=links
                )
            except CellProblem as problem:
                problems.append(Problem(str(problem), row.number, LABELS[name]))
        number = values.get("reference")
        if isinstance(number, int):
            if number in first_row_of:
                problems.append(
                    Problem(
                        f"{reference(number)} is also the reference on row {first_row_of[number]}",
                        row.number,
                        LABELS["reference"],
                    )
                )
            else:
                first_row_of[number] = row.number
        problems.extend(_assessment_problems(row.number, values))
        records.append(Record(row.number, values))
    if not records and not problems:
        problems.append(Problem("The file has no risks: each row after the headers is a risk."))
    return Parsed(tuple(records), tuple(problems))


def read(
    data: bytes,
    file_name: str = "",
    *,
    categories: Mapping[str, Sequence[int]],
    people: Mapping[str, Sequence[int]],
    choices: Mapping[str, Sequence[tuple[str, str]]],
    columns: Mapping[str, int | None] | None = None,
    links: Mapping[str, Mapping[str, int]] | None = None,
) -> Parsed:
    try:
        table = read_table(data, file_name)
    except SpreadsheetError as error:
        return Parsed((), (Problem(str(error)),))
    return apply(
        table,
        categories=categories,
        people=people,
        choices=choices,
        columns=columns,
        links=links,
    )
