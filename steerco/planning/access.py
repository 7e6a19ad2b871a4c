"""Fetch-and-authorise helpers for the planning pages: another organisation's scenario gives
404, as one that does not exist; a person of the council who may not change it gets 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.lib.dates import today
from steerco.planning.candidates import OPEN_STAGES
from steerco.planning.models import Criterion, Scenario, ScoringModel
from steerco.portfolio.models import Project


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


def require_scoring_manager(request):
    if not permissions.can_manage_scoring_model(request.user, request.organisation, today()):
        raise PermissionDenied


def get_scoring_model_for(request):
    """The council's scoring model, or an unsaved empty one (made with its first criterion)."""
    model = (
        ScoringModel.objects.select_related("organisation")
        .filter(organisation=request.organisation)
        .first()
    )
    return model or ScoringModel(organisation=request.organisation)


def get_criterion_for(request, pk):
    """A criterion in use of the council's scoring model, for whoever keeps the model."""
    criterion = get_object_or_404(
        Criterion.objects.in_use().select_related("model__organisation"),
        model__organisation=request.organisation,
        pk=pk,
    )
    require_scoring_manager(request)
    return criterion


def get_candidate_for(request, pk, *, score=False):
    """A project of the council, for its scores page; to score it, a candidate (at proposal or
    business case stage) and an assessor."""
    projects = Project.objects.select_related("organisation").prefetch_related(
        "themes", "objectives"
    )
    if score:
        projects = projects.filter(stage__in=OPEN_STAGES)
    project = get_object_or_404(projects, organisation=request.organisation, pk=pk)
    if score and not permissions.can_score_candidates(request.user, request.organisation, today()):
        raise PermissionDenied
    return project
