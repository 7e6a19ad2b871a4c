"""Fetch-and-authorise helpers for the strategy's pages: another organisation's strategy gives
404, as one that does not exist; a person of the council who may not change it gets 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.lib.dates import today
from steerco.strategy.models import KPI, CorporateObjective, Measurement, Milestone, Strategy


def require_strategy_manager(request):
    if not permissions.can_manage_strategy(request.user, request.organisation, today()):
        raise PermissionDenied


def get_strategy_for(request, pk, *, manage=False):
    strategy = get_object_or_404(
        Strategy.objects.select_related("organisation", "decision__body"),
        organisation=request.organisation,
        pk=pk,
    )
    if manage:
        require_strategy_manager(request)
    return strategy


def get_kpi_for(request, pk, *, manage=False, record=False):
    """The KPI, 404 for another organisation's; with `manage` 403 for a person who may not
    change it, with `record` for one who may not record its measurements."""
    kpi = get_object_or_404(
        KPI.objects.select_related("organisation", "owner", "theme__strategy"),
        organisation=request.organisation,
        pk=pk,
    )
    if manage and not permissions.can_manage_kpis(request.user, request.organisation, today()):
        raise PermissionDenied
    if record and not permissions.can_record_measurement(request.user, kpi, today()):
        raise PermissionDenied
    return kpi


def get_measurement_for(request, kpi_pk, pk):
    """A measurement of the KPI, for correcting: 404 for another KPI's or organisation's, 403
    for a person who may not record the KPI's measurements."""
    kpi = get_kpi_for(request, kpi_pk, record=True)
    measurement = get_object_or_404(Measurement, kpi=kpi, pk=pk)
    measurement.kpi = kpi
    return measurement


def get_objective_for(request, strategy_pk, pk, *, manage=False):
    """An objective of the strategy: 404 for another strategy's or organisation's."""
    strategy = get_strategy_for(request, strategy_pk, manage=manage)
    objective = get_object_or_404(CorporateObjective, strategy=strategy, pk=pk)
    objective.strategy = strategy
    return objective


def get_milestone_for(request, pk, *, manage=False):
    """A milestone of the action plan: 404 for another organisation's; with `manage` 403 for
    a person who may not change the strategy."""
    milestone = get_object_or_404(
        Milestone.objects.select_related("objective__organisation", "objective__strategy"),
        objective__organisation=request.organisation,
        pk=pk,
    )
    if manage:
        require_milestone_manager(request)
    return milestone


def require_milestone_manager(request):
    if not permissions.can_manage_milestones(request.user, request.organisation, today()):
        raise PermissionDenied
