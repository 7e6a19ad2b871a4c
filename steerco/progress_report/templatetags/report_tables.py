"""The report's tables' rows as the page prints them: GOV.UK table rows, the first cell a row
header (a link where it is `tables.Linked`). Made here rather than by the template's loops,
and escaped once per cell without `format_html`, as the report holds hundreds of rows (every
KPI of the strategy). Every cell is text (`tables.py`), never markup."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


def _header(cell):
    url = getattr(cell, "url", None)
    if url:
        return f'<a class="govuk-link" href="{escape(url)}">{escape(str(cell))}</a>'
    return escape(str(cell))


@register.filter
def table_body(rows):
    # Every cell is escaped above.
    return mark_safe(
        "".join(
            '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
            + _header(row[0])
            + "</th>"
            + "".join(f'<td class="govuk-table__cell">{escape(str(cell))}</td>' for cell in row[1:])
            + "</tr>"
            for row in rows
        )
    )
