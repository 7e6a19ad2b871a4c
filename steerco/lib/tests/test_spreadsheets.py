import codecs
import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from steerco.lib.spreadsheets import (
    FORMULA_START,
    stream_csv,
    unescape,
    write_csv,
    write_xlsx,
)

HEADINGS = ["Reference", "Statement", "Date", "Amount (£)"]


def read_csv(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(data):
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)], sheet


def test_a_csv_cell_that_looks_like_a_formula_is_written_as_text():
    rows = [['=HYPERLINK("http://evil")', "+1", "-2", "@SUM(A1)"], ["\t=1", "\r=1", "a=b", ""]]

    read = read_csv(write_csv(["a", "b", "c", "d"], rows))

    assert read[1] == ['\'=HYPERLINK("http://evil")', "'+1", "'-2", "'@SUM(A1)"]
    assert read[2] == ["'\t=1", "'\r=1", "a=b", ""]


def test_a_workbook_cell_that_looks_like_a_formula_is_a_text_cell():
    rows = [["=1+1", "+1", "-2", "@SUM(A1)"]]

    values, sheet = read_xlsx(write_xlsx(["a", "b", "c", "d"], rows))

    assert values[1] == ["=1+1", "+1", "-2", "@SUM(A1)"]
    assert [cell.data_type for cell in sheet[2]] == ["s", "s", "s", "s"]


def test_dates_and_amounts_keep_their_type():
    rows = [["D-1", "Approved", dt.date(2031, 3, 11), Decimal("1234.50")]]

    assert read_csv(write_csv(HEADINGS, rows))[1] == ["D-1", "Approved", "2031-03-11", "1234.50"]
    values, _ = read_xlsx(write_xlsx(HEADINGS, rows, title="Decisions"))
    assert values[1][2] == dt.datetime(2031, 3, 11)
    assert values[1][3] == 1234.5  # a number cell (openpyxl reads numbers back as floats)


def test_a_sheet_title_excel_refuses_is_made_one_it_takes():
    _, sheet = read_xlsx(write_xlsx(["a"], [], title="Decisions: 2031/32 [draft] of a long body"))

    assert sheet.title == "Decisions 203132 draft of a lon"


# Any text, quotes, apostrophes and formula signs at the start especially.
texts = st.lists(
    st.builds(
        "".join,
        st.lists(
            st.sampled_from(["'", "=", "+", "-", "@", "\t", "a", ",", '"', "\n", "#", "#N/A"]),
            max_size=4,
        ),
    )
    | st.text(max_size=20).filter(lambda text: "\r" not in text),
    min_size=1,
    max_size=5,
)


@given(texts)
def test_no_csv_cell_starts_as_a_formula_and_each_reads_back_as_written(texts):
    read = read_csv(write_csv([f"c{i}" for i in range(len(texts))], [texts]))[1]

    assert not any(cell.startswith(FORMULA_START) for cell in read)
    assert [unescape(cell) for cell in read] == texts


@given(texts)
def test_every_workbook_text_is_a_text_cell_that_reads_back_as_written(texts):
    values, sheet = read_xlsx(write_xlsx([f"c{i}" for i in range(len(texts))], [texts]))

    assert {cell.data_type for cell in sheet[2]} <= {"s", "n"}  # "n": an empty cell
    row = values[1] if len(values) > 1 else [None] * len(texts)  # an empty row is not kept
    # Control characters a workbook cannot hold are left out.
    assert [unescape(value or "") for value in row] == [
        ILLEGAL_CHARACTERS_RE.sub("", text) for text in texts
    ]


def test_a_streamed_csv_file_comes_in_pieces_that_make_the_whole_file(monkeypatch):
    monkeypatch.setattr("steerco.lib.spreadsheets.CSV_CHUNK_CHARACTERS", 100)
    rows = [[f"Row {n}", n, dt.date(2026, 3, n % 28 + 1), Decimal("1.50")] for n in range(40)]

    pieces = list(stream_csv(HEADINGS, rows))

    assert len(pieces) > 10
    data = b"".join(pieces)
    # One byte-order mark, at the start, as Excel needs it.
    assert data.startswith(codecs.BOM_UTF8) and data.count(codecs.BOM_UTF8) == 1
    assert read_csv(data) == [
        HEADINGS,
        *([f"Row {n}", str(n), f"2026-03-{n % 28 + 1:02d}", "1.50"] for n in range(40)),
    ]
