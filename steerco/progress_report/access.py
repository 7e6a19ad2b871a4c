"""Fetch and authorise in one step: another organisation's strategy, or a year the report
cannot be written for, is 404; a person of the council who may not write the report gets
403 on its forms."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from steerco import permissions
from steerco.lib.dates import today
from steerco.progress_report.rules import years
from steerco.strategy.access import get_strategy_for


def get_report_year_for(request, strategy_pk, *, write=False):
    """(the strategy, the year asked for in `?year=` or the default one, the years offered).
    The year is None only for the report page of a strategy none of whose years has begun."""
    strategy = get_strategy_for(request, strategy_pk)
    if not permissions.can_see_progress_report(request.user, request.organisation):
        raise Http404("No such report.")
    if write and not permissions.can_write_progress_report(
        request.user, request.organisation, today()
    ):
        raise PermissionDenied
    offered = years.years_offered(
        strategy.starts_in, strategy.ends_in, strategy.is_current, today()
    )
    asked = request.GET.get("year")
    if asked is None:
        year = years.default_year(offered, today())
    else:
        year = int(asked) if asked.isdigit() and len(asked) == 4 else None
    if year is None and not offered and asked is None and not write:
        return strategy, None, offered  # no year of the strategy has begun
    if year is None or year not in offered:
        raise Http404("No report for that year.")
    return strategy, year, offered
