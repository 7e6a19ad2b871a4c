"""Writing a table (column headings and rows of values) as CSV or as an Excel workbook: one
piece of code for every download of a list in steerco. Plain Python and openpyxl, no Django.

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
from collections.abc import Iterable, Sequence
from decimal import Decimal

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escaped(text: str) -> bool:
    return text.startswith("'") and text[1:].startswith((*FORMULA_START, "'"))


def escape(text: str, *, formulas: bool) -> str:
    return "'" + text if escaped(text) or (formulas and text.startswith(FORMULA_START)) else text


def unescape(text: str) -> str:
    """What `escape` was given."""
    return text[1:] if escaped(text) else text


def cell_text(value) -> str:
    """A value as CSV text."""
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


def write_csv(headings: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens it with its pound signs."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([cell_text(heading) for heading in headings])
    for row in rows:
        writer.writerow([cell_text(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(headings: Sequence[str], rows: Iterable[Sequence], *, title: str = "Sheet") -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    # Excel refuses a sheet name over 31 characters or with any of []:*?/\ in it.
    sheet = workbook.create_sheet("".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet")

    def cell(value) -> WriteOnlyCell:
        if isinstance(value, bool):
            value = "Yes" if value else "No"
        if isinstance(value, dt.date | Decimal | int):
            written = WriteOnlyCell(sheet, value=value)
            if isinstance(value, dt.datetime):
                written.number_format = "dd.mm.yyyy hh:mm"
            elif isinstance(value, dt.date):
                written.number_format = "dd.mm.yyyy"
            return written
        # A workbook cannot hold control characters (other than tab and new lines): dropped.
        text = "" if value is None else ILLEGAL_CHARACTERS_RE.sub("", str(value))
        text = escape(text, formulas=False)
        if not text:
            return WriteOnlyCell(sheet, value=None)
        written = WriteOnlyCell(sheet, value=text)
        # Text, so that a cell starting "=" is never a formula.
        written.data_type = "s"
        return written

    sheet.append([cell(heading) for heading in headings])
    for row in rows:
        sheet.append([cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
