"""Fetch and authorise in one step: another organisation's risk, or a restricted one the reader
may not read, is 404 (as one that does not exist); a person of the council who may not change
it gets 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.lib.dates import today
from steerco.risks.models import Risk, RiskCategory
from steerco.risks.queries import register_settings, with_tolerance


def risk_settings(request):
    if not hasattr(request, "_risk_settings"):
        request._risk_settings = register_settings(request.organisation)
    return request._risk_settings


def register_body(request):
    if not hasattr(request, "_register_body"):
        request._register_body = risk_settings(request).register_body()
    return request._register_body


def risk_access(request):
    """Which risks the reader may read, worked out once per request."""
    if not hasattr(request, "_risk_access"):
        request._risk_access = permissions.RiskAccess(
            request.user, request.organisation, register_body(request), today()
        )
    return request._risk_access


def readable_risks(request):
    return Risk.objects.filter(organisation=request.organisation).filter(
        risk_access(request).readable()
    )


def get_risk_for(request, pk, *, change=False):
    risk = get_object_or_404(
        with_tolerance(Risk.objects.for_register(), request.organisation),
        organisation=request.organisation,
        pk=pk,
    )
    if not risk_access(request).can_read(risk):
        raise Http404("No such risk.")
    if change and not permissions.can_change_risk(request.user, risk, today()):
        raise PermissionDenied
    return risk


def may_manage_register(request):
    """Whoever keeps the register (its settings, its import); 403 for anyone else of the
    council."""
    if not permissions.can_manage_register(request.user, request.organisation, today()):
        raise PermissionDenied


def get_category_for(request, pk):
    category = get_object_or_404(RiskCategory, organisation=request.organisation, pk=pk)
    may_manage_register(request)
    return category
