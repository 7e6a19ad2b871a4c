"""Fetch-and-authorise helpers for the portfolio's pages: one step each, so no view forgets.

Another organisation's objects give 404, as for ones that do not exist, and so do restricted
ones the reader may not read; a person of the council who may not change the object gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.lib.dates import today
from steerco.portfolio.models import Project, Submission
from steerco.portfolio.queries import submissions_for_listing


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


def get_submission_for(request, pk, *, handle=False):
    """A submission the reader may read, or 404; with `handle`, 403 for anyone but whoever
    manages the body it was sent to."""
    submission = get_object_or_404(
        submissions_for_listing(Submission.objects.filter(organisation=request.organisation)),
        pk=pk,
    )
    access = permissions.PortfolioAccess(request.user, request.organisation, today())
    if not access.can_read_submission(submission):
        raise Http404("No such submission.")
    if handle and not permissions.can_handle_submission(request.user, submission, today()):
        raise PermissionDenied
    return submission
