"""Fetch-and-authorise helpers for the planning pages: another organisation's scenario gives
404, as one that does not exist; a person of the council who may not change it gets 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.lib.dates import today
from steerco.planning.models import Scenario


def require_scenario_manager(request):
    if not permissions.can_manage_scenarios(request.user, request.organisation, today()):
        raise PermissionDenied


def get_scenario_for(request, pk, *, manage=False):
    scenario = get_object_or_404(
        Scenario.objects.select_related(
            "organisation",
            "answered_by",
            "recommended_at__meeting__body",
            "recommended_at__meeting__organisation",
        ),
        organisation=request.organisation,
        pk=pk,
    )
    if manage:
        require_scenario_manager(request)
    return scenario
