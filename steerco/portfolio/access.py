"""Fetch-and-authorise helpers for the portfolio's pages: one step each, so no view forgets.

Another organisation's objects give 404, as for ones that do not exist; a person of the council
who may not change the object gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.lib.dates import today
from steerco.portfolio.models import Benefit, BenefitRealisation, Programme, Project


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


def get_programme_for(request, pk, *, manage=False):
    programme = get_object_or_404(
        Programme.objects.select_related("organisation", "sro", "board"),
        organisation=request.organisation,
        pk=pk,
    )
    if manage:
        require_portfolio_manager(request)
    return programme


def get_benefit_for(request, pk, *, manage=False):
    benefit = get_object_or_404(
        Benefit.objects.select_related("project__organisation"),
        project__organisation=request.organisation,
        pk=pk,
    )
    if manage and not permissions.can_change_project(request.user, benefit.project, today()):
        raise PermissionDenied
    return benefit


def get_realisation_for(request, pk, *, manage=False):
    realisation = get_object_or_404(
        BenefitRealisation.objects.select_related("benefit__project__organisation"),
        benefit__project__organisation=request.organisation,
        pk=pk,
    )
    project = realisation.benefit.project
    if manage and not permissions.can_change_project(request.user, project, today()):
        raise PermissionDenied
    return realisation
