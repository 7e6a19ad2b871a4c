"""Fetch-and-authorise helpers for the portfolio's pages: one step each, so no view forgets.

Another organisation's objects give 404, as for ones that do not exist, and so do restricted
ones the reader may not read; a person of the council who may not change the object gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.lib.dates import today
from steerco.portfolio.models import (
    Benefit,
    BenefitRealisation,
    BusinessCase,
    Dependency,
    Option,
    Product,
    ProductUse,
    Programme,
    Project,
    Submission,
)
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


def portfolio_access(request):
    """Who may read which restricted cases and submissions, worked out once per request."""
    if not hasattr(request, "_portfolio_access"):
        request._portfolio_access = permissions.PortfolioAccess(
            request.user, request.organisation, today()
        )
    return request._portfolio_access


def _readable(request, case):
    access = portfolio_access(request)
    if not access.can_read_business_case(case, case.project):
        raise Http404("No such business case.")
    return access


def get_business_case_for(request, pk, *, write=False):
    """A business case the reader may read, or 404 whether it exists or not; with `write`,
    403 for a reader who may not write the project's business cases. Whether this version can
    still be changed is for the action to say (with its reason)."""
    case = get_object_or_404(
        BusinessCase.objects.select_related("organisation", "project__organisation"),
        organisation=request.organisation,
        pk=pk,
    )
    _readable(request, case)
    if write and not permissions.can_write_business_case(request.user, case.project, today()):
        raise PermissionDenied
    return case


def get_option_for(request, pk, *, write=False):
    option = get_object_or_404(
        Option.objects.select_related(
            "business_case__organisation", "business_case__project__organisation"
        ),
        business_case__organisation=request.organisation,
        pk=pk,
    )
    case = option.business_case
    _readable(request, case)
    if write and not permissions.can_write_business_case(request.user, case.project, today()):
        raise PermissionDenied
    return option


def get_submission_for(request, pk, *, handle=False, withdraw=False):
    """A submission the reader may read, or 404; with `handle`, 403 for anyone but whoever
    manages the body it was sent to; with `withdraw`, for anyone but the officer who made it."""
    submission = get_object_or_404(
        submissions_for_listing(Submission.objects.filter(organisation=request.organisation)),
        pk=pk,
    )
    access = permissions.portfolio_access_for(request, today())
    if not access.can_read_submission(submission):
        raise Http404("No such submission.")
    if handle and not permissions.can_handle_submission(request.user, submission, today()):
        raise PermissionDenied
    if withdraw and not permissions.can_withdraw_submission(request.user, submission):
        raise PermissionDenied
    return submission


def get_dependency_for(request, pk, *, manage=False):
    dependency = get_object_or_404(
        Dependency.objects.select_related(
            "organisation", "project__organisation", "depends_on__organisation"
        ),
        organisation=request.organisation,
        pk=pk,
    )
    if manage:
        require_portfolio_manager(request)
    return dependency


def get_product_for(request, pk):
    return get_object_or_404(Product, organisation=request.organisation, pk=pk)


def get_product_use_for(request, pk, *, manage=False):
    """A project's use of a product; with `manage`, 403 for anyone who does not keep the
    register."""
    declaration = get_object_or_404(
        ProductUse.objects.select_related("project__organisation", "product"),
        project__organisation=request.organisation,
        pk=pk,
    )
    if manage:
        require_portfolio_manager(request)
    return declaration
