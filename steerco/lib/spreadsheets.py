"""Writing a table (column headings and rows of values) as CSV or as an Excel workbook: one
piece of code for every download of a list in steerco; and reading one back, for every import
(see Reading below). Plain Python and openpyxl, no Django.

A spreadsheet program runs a cell that starts with "=", "+", "-" or "@" (or a tab or carriage
return before one) as a formula, and a formula can fetch from the network or run commands
("CSV injection", OWASP). So no text steerco writes is ever read as a formula:

- in CSV, where every cell is text, such a cell is written with "'" before it, as Excel and
  LibreOffice themselves write text that looks like a formula; a cell that starts with "'"
  followed by one of those, or by another "'", gets one more, so that `unescape` gives back
  exactly what was written;
- in a workbook, text is written as a text cell (never a formula), and the same "'" is put
  before it only where it already starts with one (so that reading back is the same rule).

Dates are dates and amounts are Decimals (never floats) in both: in CSV a date is written
2026-03-11 and an amount in full (1234.50); in a workbook they are a date and a number cell.
"""

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.exceptions import InvalidFileException

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The first characters of every text `escape` may change: any other is written as it is.
ESCAPE_FIRST = frozenset((*FORMULA_START, "'"))


def escaped(text: str) -> bool:
    return text.startswith("'") and text[1:].startswith((*FORMULA_START, "'"))


def escape(text: str, *, formulas: bool) -> str:
    if text[:1] not in ESCAPE_FIRST:  # nearly every cell: a register has hundreds of thousands
        return text
    return "'" + text if escaped(text) or (formulas and text.startswith(FORMULA_START)) else text


def unescape(text: str) -> str:
    """What `escape` was given."""
    return text[1:] if escaped(text) else text


def cell_text(value) -> str:
    """A value as CSV text."""
    if type(value) is str:  # most cells, so asked first
        return escape(value, formulas=True)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, int):
        return str(value)
    return escape(str(value), formulas=True)


# About how much CSV `stream_csv` writes before handing it on.
CSV_CHUNK_CHARACTERS = 64 * 1024


def write_csv(headings: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens it with its pound signs."""
    return b"".join(stream_csv(headings, rows))


def stream_csv(headings: Sequence[str], rows: Iterable[Sequence]) -> Iterator[bytes]:
    """`write_csv`'s file in pieces of about 64 KB, each given as soon as it is written, so
    that a download of thousands of rows is sent as its rows are read."""
    out = io.StringIO(newline="")
    out.write("\ufeff")  # the byte-order mark, in UTF-8 as "utf-8-sig" writes it
    writer = csv.writer(out)
    writer.writerow([cell_text(heading) for heading in headings])
    for row in rows:
        writer.writerow([cell_text(value) for value in row])
        if out.tell() >= CSV_CHUNK_CHARACTERS:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")


def write_xlsx(headings: Sequence[str], rows: Iterable[Sequence], *, title: str = "Sheet") -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    # Excel refuses a sheet name over 31 characters or with any of []:*?/\ in it.
    sheet = workbook.create_sheet("".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet")

    def cell(value):
        # Plain values where openpyxl writes them as they should be (numbers, most text): it
        # takes a cell object handed to it only after trying it as a value and failing, which
        # was most of the time a register of 20,000 rows took.
        if isinstance(value, bool):
            value = "Yes" if value else "No"
        if isinstance(value, dt.date):
            written = WriteOnlyCell(sheet, value=value)
            if isinstance(value, dt.datetime):
                written.number_format = "dd.mm.yyyy hh:mm"
            else:
                written.number_format = "dd.mm.yyyy"
            return written
        if isinstance(value, Decimal | int):
            return value
        # A workbook cannot hold control characters (other than tab and new lines): dropped.
        text = "" if value is None else ILLEGAL_CHARACTERS_RE.sub("", str(value))
        text = escape(text, formulas=False)
        if not text:
            return None
        if text[0] in "=#":
            # Text, so that a cell starting "=" is never a formula, nor "#N/A" an error.
            written = WriteOnlyCell(sheet, value=text)
            written.data_type = "s"
            return written
        return text

    sheet.append([cell(heading) for heading in headings])
    for row in rows:
        sheet.append([cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# Reading ------------------------------------------------------------------------------------
#
# Every import of a register (the portfolio's projects, the risks) reads its file here: a CSV
# file (comma, semicolon, tab or bar between cells; UTF-8 with or without a byte-order mark,
# or Windows-1252 as Excel saves it) or an Excel workbook (its first sheet), the first row
# holding the headers. Each cell is parsed by the field's parser, which raises CellProblem in
# words that follow "Row 12, start date: "; every problem of every row is collected as a
# Problem and reported together.

# Cells a spreadsheet may hold: text from CSV, and also numbers, dates and booleans from Excel.
Cell = str | int | float | Decimal | dt.date | dt.datetime | bool | None
DELIMITERS = ",;\t|"
# An empty cell, "NA", "N/A" or "n/a" (and a few others) is empty.
EMPTY = {"", "na", "n/a", "n.a.", "-", "none", "null"}
# The largest amount a register keeps (14 digits with 2 decimal places).
MAXIMUM = Decimal("1000000000000")
UNITS = {
    "": Decimal(1),
    "pounds": Decimal(1),
    "k": Decimal(1000),
    "thousand": Decimal(1000),
    "m": Decimal(1_000_000),
    "million": Decimal(1_000_000),
    "bn": Decimal(1_000_000_000),
    "billion": Decimal(1_000_000_000),
}


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read: not a spreadsheet, no header, unknown encoding."""


class CellProblem(ValueError):
    """What is wrong with one cell, in words that follow "Row 12, start date: "."""


def text_of(cell: Cell) -> str:
    """A cell as text: a number in full, a date in ISO form, text as written (unescaped)."""
    if isinstance(cell, Decimal | float | int) and not isinstance(cell, bool):
        return str(decimal_of(cell))
    if isinstance(cell, dt.datetime | dt.date):
        return date_of(cell).isoformat()
    return unescape(str(cell).strip())


def decimal_of(number: int | float | Decimal) -> Decimal:
    # A workbook's floats go through their shortest repr: 7.9, not 7.9000000000000003552.
    return Decimal(repr(number)) if isinstance(number, float) else Decimal(number)


def date_of(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


_DMY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?")


def parse_date(cell: Cell) -> dt.date:
    if isinstance(cell, dt.datetime | dt.date):
        return date_of(cell)
    text = text_of(cell)
    if match := _DMY.fullmatch(text):
        day, month, year = match.groups()
    elif match := _ISO.fullmatch(text):
        year, month, day = match.groups()
    else:
        raise CellProblem("enter a date like 31.03.2023")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise CellProblem(f"{text} is not a real date; enter a date like 31.03.2023") from None


_MONEY = re.compile(
    r"(\()?(-)?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)([a-z]*)(\))?", re.IGNORECASE
)
# "07. Sep", "7-Sep", "Sep-07", "07.09.": a number that a spreadsheet made a date.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_DATE_LIKE = re.compile(
    rf"\d{{1,2}}[.\-/ ]\s*{_MONTH}\.?|{_MONTH}[.\-/ ]\s*\d{{1,4}}|\d{{1,2}}\.\d{{1,2}}\.",
    re.IGNORECASE,
)


def parse_money(cell: Cell, *, unit: str = "", signed: bool = False) -> Decimal:
    """An amount in pounds. `unit` is the unit the column is in when a cell does not say."""
    if isinstance(cell, dt.date | dt.datetime):
        raise CellProblem(
            "this is a date where an amount should be (a spreadsheet may have turned a "
            "number into a date); enter the amount, like 7.9"
        )
    if isinstance(cell, bool):
        raise CellProblem("enter an amount, like 1,250,000")
    if isinstance(cell, int | float | Decimal):
        amount, negative, suffix = abs(decimal_of(cell)), cell < 0, ""
    else:
        text = text_of(cell).replace("Â£", "£").replace("\ufffd", "£")
        text = re.sub(r"\s+", "", text.replace("£", "").replace("GBP", ""))
        if _DATE_LIKE.fullmatch(text) or _DATE_LIKE.fullmatch(text_of(cell)):
            raise CellProblem(
                f"“{text_of(cell)}” looks like a number a spreadsheet turned into a date; "
                "enter the amount, like 7.9"
            )
        match = _MONEY.fullmatch(text)
        if (
            not match
            or match.group(4).lower() not in UNITS
            or bool(match.group(1)) != bool(match.group(5))
        ):
            raise CellProblem("enter an amount, like 1,250,000")
        brackets, minus, digits, suffix, _ = match.groups()
        try:
            amount = Decimal(digits.replace(",", ""))
        except InvalidOperation:
            raise CellProblem("enter an amount, like 1,250,000") from None
        negative = bool(brackets or minus)
        suffix = suffix.lower()
    amount *= UNITS[suffix or unit]
    if negative and amount and not signed:
        raise CellProblem("enter an amount of zero or more; a cost cannot be negative")
    if amount >= MAXIMUM:
        raise CellProblem("enter an amount under £1,000,000,000,000")
    if amount != amount.quantize(Decimal("0.01")):
        raise CellProblem("enter an amount in pounds and pence, with at most 2 decimal places")
    amount = amount.quantize(Decimal("0.01"))
    return -amount if negative else amount


def choice_key(text: str) -> str:
    """Text as a choice compares: without case, spacing or punctuation."""
    return re.sub(r"[^a-z]+", "_", text.casefold()).strip("_")


def parse_choice(cell: Cell, choices: Sequence[tuple[str, str]], label: str) -> str:
    wanted = choice_key(text_of(cell))
    for value, name in choices:
        if wanted in {value, choice_key(name)}:
            return value
    names = [name for _, name in choices]
    listed = ", ".join(names[:-1]) + " or " + names[-1]
    raise CellProblem(f"enter a {label} from {listed}")


@dataclass(frozen=True)
class Row:
    # As the spreadsheet numbers it: the header is row 1.
    number: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[Row, ...]

    def positions(self) -> dict[tuple[str, int], int]:
        """(normalised header, occurrence) → column position."""
        seen: dict[str, int] = {}
        found = {}
        for position, header in enumerate(self.headers):
            key = normalise_header(header)
            seen[key] = seen.get(key, 0) + 1
            found[key, seen[key]] = position
        return found


def normalise_header(header: str) -> str:
    """Headers compare without case, spacing or a mis-decoded pound sign."""
    header = header.replace("Â£", "£").replace("\ufffd", "£")
    return " ".join(unicodedata.normalize("NFKC", header).casefold().split())


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(
        "The file is not in a text encoding steerco can read: save it as CSV UTF-8."
    )


def blank(cells: Iterable[Cell]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def read_csv(data: bytes) -> Table:
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(records, None)
        if not headers or blank(headers):
            raise SpreadsheetError("The file is empty: its first row must hold the headers.")
        rows = tuple(
            Row(number, tuple(cells))
            for number, cells in enumerate(records, start=2)
            if not blank(cells)
        )
    except csv.Error as error:
        raise SpreadsheetError(f"The file cannot be read as CSV: {error}.") from None
    return Table(tuple(h.strip() for h in headers), rows)


def read_xlsx(data: bytes) -> Table:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise SpreadsheetError("The file is not an Excel workbook steerco can read.") from None
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        headers = next(lines, None)
        if not headers or blank(headers):
            raise SpreadsheetError("The file is empty: its first row must hold the headers.")
        width = max(i + 1 for i, h in enumerate(headers) if h is not None and str(h).strip())
        rows = tuple(
            Row(number, tuple(cells[:width]) + (None,) * (width - len(cells)))
            for number, cells in enumerate(lines, start=2)
            if not blank(cells)
        )
    finally:
        workbook.close()
    return Table(tuple("" if h is None else str(h).strip() for h in headers[:width]), rows)


def read_table(data: bytes, file_name: str = "") -> Table:
    """A CSV file or an Excel workbook (known by its content, not its name)."""
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(data)
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        raise SpreadsheetError("The file is not an Excel workbook steerco can read.")
    return read_csv(data)


@dataclass(frozen=True)
class Problem:
    message: str
    row: int | None = None
    label: str = ""

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return f"Row {self.row}, {self.label}: {self.message}"


def problems_of(error, row: int, labels: dict[str, str], whole: str) -> list[Problem]:
    """A model's or an action's refusal (a Django ValidationError) as problems of a file's row,
    each naming its column by `labels` (field name → column), or `whole` for the row as a
    whole."""
    if not hasattr(error, "error_dict"):
        return [Problem(_clause(message), row, whole) for message in error.messages]
    return [
        Problem(_clause(message), row, labels.get(name, whole))
        for name, errors in error.error_dict.items()
        for e in errors
        for message in e
    ]


def _clause(message) -> str:
    # "Enter a date." becomes "enter a date", to follow "Row 12, start date: ".
    message = str(message).rstrip(".")
    return message[:1].lower() + message[1:]
