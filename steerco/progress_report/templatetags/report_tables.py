"""The report's tables' rows as the page prints them: GOV.UK table rows, the first cell a row
header (a link where it is `tables.Linked`). Made here rather than by the template's loops,
as the report holds hundreds of rows (every KPI of the strategy)."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


def _header(cell):
    url = getattr(cell, "url", None)
    if url:
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, cell)
    return cell


@register.filter
def table_body(rows):
    return format_html_join(
        "",
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{}</th>{}</tr>',
        (
            (
                _header(row[0]),
                format_html_join(
                    "", '<td class="govuk-table__cell">{}</td>', ((cell,) for cell in row[1:])
                ),
            )
            for row in rows
        ),
    )
