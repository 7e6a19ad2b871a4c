"""Every list page offers what it shows as CSV and as an Excel workbook, through this one piece
of code. The page's view answers its downloads too: `routes` gives it two more addresses
(`decisions.csv`, `decisions.xlsx`) that call it with `download="csv"` or `"xlsx"`, and it
hands the rows it built for the page (its own filters from the query string, its own
permission rules) to `download` as column headings and values. So the file holds exactly what
the page shows, every page of it, and nothing the page hides. The writing, and its defence
against formulas, is `spreadsheets.py`.
"""

import tempfile

from django.http import FileResponse, HttpResponse
from django.urls import path, reverse

from steerco.lib.spreadsheets import stream_csv, write_csv, write_xlsx

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def routes(route, view, name, **extra):
    """The download addresses of a list page: `route` + ".csv" / ".xlsx", named `name` +
    "-csv" / "-xlsx", served by the page's own view. `extra` goes to the view too: which of
    its tables, for a page that shows more than one."""
    return [
        path(
            f"{route}.{file_type}",
            view,
            {"download": file_type, **extra},
            name=f"{name}-{file_type}",
        )
        for file_type in CONTENT_TYPES
    ]


# A streamed CSV file is held in memory up to this size, then in a temporary file.
SPOOL_BYTES = 4 * 1024 * 1024


def download(headings, rows, *, file_type, name, title, streamed=False):
    """`streamed` for a register of thousands of rows: `rows` (an iterator over the database's
    cursor) is read as the CSV file is written, a piece at a time, into a temporary file that
    is sent once whole (with its length). So a failure part-way is the error page, never a
    file cut short that looks whole, and a large register is not held in memory. A workbook
    is always written whole (openpyxl zips it at the end)."""
    if file_type == "csv" and streamed:
        # Not a `with`: the response sends the file, and closes it once sent.
        spooled = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        try:
            for piece in stream_csv(headings, rows):
                spooled.write(piece)
        except BaseException:
            spooled.close()
            raise
        spooled.seek(0)
        response = FileResponse(spooled, content_type=CONTENT_TYPES[file_type])
    elif file_type == "csv":
        response = HttpResponse(write_csv(headings, rows), content_type=CONTENT_TYPES[file_type])
    else:
        response = HttpResponse(
            write_xlsx(headings, rows, title=title), content_type=CONTENT_TYPES[file_type]
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_type}"'
    response["X-Content-Type-Options"] = "nosniff"
    # What a reader may see depends on who they are: never from a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


def links(request, name, *, query=None, **kwargs):
    """The page's download addresses with the page's filters (not its page number: a file holds
    every page), for `includes/downloads.html`. `query` replaces the filters as the address
    gave them with those the page settled on, where it fills in defaults."""
    if query is None:
        query = request.GET.copy()
        query.pop("page", None)
        query = query.urlencode()
    suffix = f"?{query}" if query else ""
    return {
        file_type: reverse(f"{name}-{file_type}", kwargs=kwargs) + suffix
        for file_type in CONTENT_TYPES
    }
