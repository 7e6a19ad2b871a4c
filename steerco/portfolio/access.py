"""Fetch-and-authorise helpers for the portfolio pages: one step each, so no view forgets.

Another organisation's objects give 404; a person of the council who may not change the
object gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.lib.dates import today
from steerco.portfolio.models import Benefit, BenefitRealisation, Project


def _authorise(request, project, change):
    if not permissions.can_see_portfolio(request.user, request.organisation):
        raise Http404("No such project.")
    if change and not permissions.can_change_project(request.user, project, today()):
        raise PermissionDenied


def get_project_for(request, pk, *, change=False):
    project = get_object_or_404(
        Project.objects.select_related("organisation"), organisation=request.organisation, pk=pk
    )
    _authorise(request, project, change)
    return project


def get_benefit_for(request, pk, *, change=False):
    benefit = get_object_or_404(
        Benefit.objects.select_related("project__organisation"),
        project__organisation=request.organisation,
        pk=pk,
    )
    _authorise(request, benefit.project, change)
    return benefit


def get_realisation_for(request, pk, *, change=False):
    realisation = get_object_or_404(
        BenefitRealisation.objects.select_related("benefit__project__organisation"),
        benefit__project__organisation=request.organisation,
        pk=pk,
    )
    _authorise(request, realisation.benefit.project, change)
    return realisation
