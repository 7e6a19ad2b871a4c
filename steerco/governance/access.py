"""Fetch-and-authorise helpers for the governance pages: one step each, so no view forgets.

An object of another organisation gives 404, as if it did not exist; a person of the
organisation who may not change it gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.governance.models import Body, Membership, ReportingLine, TermsOfReference
from steerco.lib.dates import today


def get_body_for(request, pk, *, manage=False):
    body = get_object_or_404(
        Body.objects.select_related("organisation"), organisation=request.organisation, pk=pk
    )
    if manage and not permissions.can_manage_body(request.user, body, today()):
        raise PermissionDenied
    return body


def get_terms_for(request, body, version_pk):
    return get_object_or_404(TermsOfReference, body=body, pk=version_pk)


def get_membership_for(request, pk, *, manage=False):
    membership = get_object_or_404(
        Membership.objects.select_related("person", "organisation", "body__organisation"),
        organisation=request.organisation,
        pk=pk,
    )
    if manage and not permissions.can_manage_body(request.user, membership.body, today()):
        raise PermissionDenied
    return membership


def get_line_for(request, pk):
    return get_object_or_404(
        ReportingLine.objects.select_related("from_body", "to_body"),
        organisation=request.organisation,
        pk=pk,
    )


def require_administrator(request):
    if not permissions.can_administer(request.user, request.organisation):
        raise PermissionDenied
