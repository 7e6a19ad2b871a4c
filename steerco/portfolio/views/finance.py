"""The portfolio finance page: approved and proposed business cases summed by financial year."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from steerco import permissions
from steerco.portfolio.figures import portfolio_finance


@require_GET
def finance(request):
    organisation = request.organisation
    if not permissions.can_see_portfolio(request.user, organisation):
        raise PermissionDenied
    return render(
        request,
        "portfolio/finance.html",
        {"finance": portfolio_finance(organisation)},
    )
