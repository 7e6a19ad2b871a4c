"""Fetch-and-authorise helpers for the portfolio's pages: one step each, so no view forgets.

Another organisation's objects give 404, as for ones that do not exist; a person of the council
who may not change the object gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.lib.dates import today
from steerco.portfolio.models import Project


def require_portfolio_manager(request):
    if not permissions.can_manage_portfolio(request.user, request.organisation, today()):
        raise PermissionDenied


def get_project_for(request, pk, *, manage=False):
    project = get_object_or_404(
        Project.objects.for_register().select_related("organisation"),
        organisation=request.organisation,
        pk=pk,
    )
    if manage and not permissions.can_change_project(request.user, project, today()):
        raise PermissionDenied
    return project
