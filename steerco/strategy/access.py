"""Fetch-and-authorise helpers for the strategy's pages: another organisation's strategy gives
404, as one that does not exist; a person of the council who may not change it gets 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.lib.dates import today
from steerco.strategy.models import Strategy


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
