from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from steerco import permissions
from steerco.lib import exports
from steerco.lib.dates import today
from steerco.lib.forms import add_or_change_page, form_page, posted, report_action, run_action
from steerco.lib.links import Address
from steerco.lib.pagination import paginate
from steerco.meetings.models import Meeting
from steerco.planning import actions, candidates, charts, recommendation, report
from steerco.planning.access import (
    get_candidate_for,
    get_criterion_for,
    get_scenario_for,
    get_scoring_model_for,
    require_scenario_manager,
    require_scoring_manager,
)
from steerco.planning.forms import (
    CompareForm,
    CriterionForm,
    RecommendForm,
    RetireCriterionForm,
    ScenarioForm,
    ScoreForm,
    SpreadForm,
    UploadForm,
)
from steerco.planning.models import Criterion, Scenario, Score
from steerco.planning.rules import problem as planning_file
from steerco.portfolio.models import Project

LARGEST_FILE = 5 * 1024 * 1024
CANDIDATES_PER_PAGE = 50


def _can_manage(request):
    return permissions.can_manage_scenarios(request.user, request.organisation, today())


@require_GET
def scenario_list(request, download=None):
    organisation = request.organisation
    scenarios = Scenario.objects.filter(organisation=organisation).select_related(
        "organisation", "answered_by"
    )
    if download:
        return exports.download(
            ["Scenario", "First year", "Last year", "Last optimised", "Optimised by"],
            [
                [
                    scenario.name,
                    scenario.years[0] if scenario.years else None,
                    scenario.years[-1] if scenario.years else None,
                    # Local time, as the page shows it: a workbook holds no time zone.
                    timezone.localtime(scenario.answered_at).replace(tzinfo=None)
                    if scenario.answered_at
                    else "Not yet",
                    str(scenario.answered_by) if scenario.answered_by else "",
                ]
                for scenario in scenarios
            ],
            file_type=download,
            name=f"{organisation.slug}-scenarios",
            title="Scenarios",
        )
    return render(
        request,
        "planning/scenario_list.html",
        {
            "scenarios": scenarios,
            "can_manage": _can_manage(request),
            "downloads": exports.links(request, "planning:scenarios", org=organisation.slug),
        },
    )


@require_http_methods(["GET", "POST"])
def scenario_form(request, scenario_pk=None):
    organisation = request.organisation
    scenario = get_scenario_for(request, scenario_pk, manage=True) if scenario_pk else None
    require_scenario_manager(request)
    form = ScenarioForm(posted(request), instance=scenario, organisation=organisation)
    return add_or_change_page(
        request,
        form,
        lambda data: actions.save_scenario(
            scenario=form.instance, version=data.get("version"), by=request.user
        ),
        existing=scenario,
        noun="a scenario",
        list_url=reverse("planning:scenarios", kwargs={"org": organisation.slug}),
    )


def _progress(request, scenario, waiting_since, page):
    """The page asking, every few seconds, whether the task worker's answer is ready: while it
    is not, the waiting note again; once it is, the whole page is loaded again to show it."""
    if waiting_since is None:
        return HttpResponse(headers={"HX-Refresh": "true"})
    return render(request, f"planning/{page}.html#progress", {"scenario": scenario})


@require_GET
def scenario_detail(request, scenario_pk):
    scenario = get_scenario_for(request, scenario_pk)
    if request.headers.get("HX-Request"):
        return _progress(request, scenario, scenario.optimising_since, "scenario_detail")
    stored = scenario.last_answer()
    return render(
        request,
        "planning/scenario_detail.html",
        {
            "scenario": scenario,
            "stored": stored,
            "answer": stored["answer"] if stored else None,
            "ranking": stored["ranking"] if stored else None,
            "rows": report.build(stored) if stored else None,
            "stale": bool(stored) and stored.get("version") != scenario.version,
            "budget_rows": list(
                zip(
                    scenario.years,
                    scenario.budgets("capital"),
                    scenario.budgets("revenue"),
                    strict=True,
                )
            ),
            "can_manage": _can_manage(request),
            "can_recommend": _can_manage(request) and not recommendation.refusal(scenario),
        },
    )


@require_POST
def scenario_optimise(request, scenario_pk):
    scenario = get_scenario_for(request, scenario_pk, manage=True)
    report_action(
        request,
        actions.request_optimise,
        scenario=scenario,
        by=request.user,
        at=timezone.now(),
        done="The scenario is being optimised: this page shows the answer when it is ready.",
    )
    return redirect(scenario)


@require_GET
def scenario_download(request, scenario_pk):
    scenario = get_scenario_for(request, scenario_pk)
    problem, built = actions.scenario_problem(scenario, today=today())
    if problem is None:
        messages.error(request, f"The planning file cannot be made: {built.error}.")
        return redirect(scenario)
    response = HttpResponse(
        planning_file.dumps(planning_file.to_dict(problem), indent=2),
        content_type="application/json; charset=utf-8",
    )
    name = slugify(scenario.name) or "scenario"
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


@require_http_methods(["GET", "POST"])
def scenario_upload(request, scenario_pk):
    scenario = get_scenario_for(request, scenario_pk, manage=True)
    form = UploadForm(posted(request), request.FILES or None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        text = None
        if upload.size > LARGEST_FILE:
            form.add_error("file", "The planning file must be 5 MB or smaller.")
        else:
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                form.add_error("file", "The planning file must be JSON text (UTF-8).")
        if text is not None and run_action(
            form,
            actions.upload_problem,
            scenario=scenario,
            text=text,
            name=upload.name,
            version=scenario.version,
            by=request.user,
        ):
            messages.success(request, f"{upload.name} is now the scenario's problem.")
            return redirect(scenario)
    return form_page(
        request,
        form,
        template="planning/upload.html",
        title="Upload a planning file",
        caption=scenario.name,
        submit_label="Upload",
        back_url=scenario.get_absolute_url(),
    )


@require_POST
def scenario_clear_upload(request, scenario_pk):
    scenario = get_scenario_for(request, scenario_pk, manage=True)
    report_action(
        request,
        actions.clear_upload,
        scenario=scenario,
        by=request.user,
        done="The scenario's candidates come from the portfolio again.",
    )
    return redirect(scenario)


@require_GET
def scenario_compare(request):
    form = CompareForm(request.GET or None, organisation=request.organisation)
    comparison = None
    if form.is_valid():
        chosen = form.cleaned_data["scenarios"].select_related("organisation", "answered_by")
        comparison = report.compare(list(chosen.order_by("name", "pk")))
    return render(
        request,
        "planning/compare.html",
        {"form": form, "comparison": comparison},
    )


@require_http_methods(["GET", "POST"])
def scenario_frontier(request, scenario_pk):
    scenario = get_scenario_for(request, scenario_pk, manage=request.method == "POST")
    if request.method == "POST":
        report_action(
            request,
            actions.request_optimise,
            scenario=scenario,
            job="frontier",
            by=request.user,
            at=timezone.now(),
            done="The efficient frontier is being worked out: this page shows it when it is ready.",
        )
        return redirect("planning:frontier", org=request.organisation.slug, scenario_pk=scenario.pk)
    if request.headers.get("HX-Request"):
        return _progress(request, scenario, scenario.frontier_since, "frontier")
    stored = scenario.last_frontier()
    points = stored["points"] if stored else []
    for point in points:
        point["gap_per_cent"] = point["gap"] * 100 if point["gap"] is not None else None
    in_pounds = bool(scenario.uploaded) is False and scenario.value_measure != "score"
    return render(
        request,
        "planning/frontier.html",
        {
            "scenario": scenario,
            "points": points,
            "in_pounds": in_pounds,
            "chart": charts.frontier_chart(points, in_pounds=in_pounds) if points else None,
            "stale": bool(stored) and stored["version"] != scenario.version,
            "can_manage": _can_manage(request),
        },
    )


@require_http_methods(["GET", "POST"])
def scenario_recommend(request, scenario_pk):
    scenario = get_scenario_for(request, scenario_pk, manage=True)
    refused = recommendation.refusal(scenario)
    if refused:
        messages.error(request, refused)
        return redirect(scenario)
    day = today()
    meetings = (
        Meeting.objects.upcoming(day)
        .filter(
            organisation=request.organisation,
            body__in=permissions.managed_bodies(request.user, request.organisation, day),
            minutes_approved_at__isnull=True,
        )
        .select_related("body")
        .order_by("on", "pk")
    )
    form = RecommendForm(posted(request), meetings=meetings)
    if form.is_valid() and run_action(
        form,
        actions.recommend,
        scenario=scenario,
        meeting=form.cleaned_data["meeting"],
        by=request.user,
        today=day,
        late_reason=form.cleaned_data["late_reason"],
    ):
        messages.success(
            request,
            "The recommendation is on the agenda, with its council report to check and complete.",
        )
        return redirect(scenario)
    return form_page(
        request,
        form,
        title="Recommend to a meeting",
        caption=scenario.name,
        intro="An item is added at the end of the meeting's agenda with a council report "
        "written from the scenario's answer: its summary, recommendations, financial and "
        "risk implications. The legal and equality implications are left to write."
        if meetings.exists()
        else "No meeting is still to come of a body whose agenda you keep: schedule one first.",
        submit_label="Add to the agenda",
        back_url=scenario.get_absolute_url(),
    )


@require_GET
def scoring_model(request):
    organisation = request.organisation
    model = get_scoring_model_for(request)
    criteria = list(model.criteria.order_by("position", "pk")) if model.pk else []
    # A page of candidates at a time: the weighted scores and spreads are worked out for the
    # page's candidates only, so the page costs the same whatever the size of the portfolio.
    paging = paginate(
        request,
        Project.objects.filter(organisation=organisation, stage__in=candidates.OPEN_STAGES)
        .only("pk", "reference", "name")
        .order_by("reference", "pk"),
        CANDIDATES_PER_PAGE,
    )
    projects = list(paging["page"])
    results = candidates.weighted_scores(organisation, projects) if model.pk else None
    day = today()
    address = Address("planning:candidate", "project_pk", org=organisation.slug)
    return render(
        request,
        "planning/scoring_model.html",
        {
            "model": model,
            "criteria": [c for c in criteria if c.retired_at is None],
            "retired": [c for c in criteria if c.retired_at is not None],
            "rows": [
                (project, address.of(project.pk), (results or {}).get(project.pk))
                for project in projects
            ],
            **paging,
            "can_manage": permissions.can_manage_scoring_model(request.user, organisation, day),
            "can_score": permissions.can_score_candidates(request.user, organisation, day),
        },
    )


@require_http_methods(["GET", "POST"])
def criterion_form(request, criterion_pk=None):
    criterion = get_criterion_for(request, criterion_pk) if criterion_pk else None
    require_scoring_manager(request)
    model = criterion.model if criterion else get_scoring_model_for(request)
    form = CriterionForm(posted(request), instance=criterion, versioned=model)
    return add_or_change_page(
        request,
        form,
        lambda data: actions.save_criterion(
            form.instance,
            organisation=request.organisation,
            reason=data["reason"],
            version=data.get("version"),
            by=request.user,
        ),
        existing=criterion,
        noun="a criterion",
        list_url=reverse("planning:scoring", kwargs={"org": request.organisation.slug}),
        caption="Scoring model",
    )


@require_http_methods(["GET", "POST"])
def criterion_retire(request, criterion_pk):
    criterion = get_criterion_for(request, criterion_pk)
    form = RetireCriterionForm(posted(request), versioned=criterion.model)
    scored = criterion.scores.exists()
    if form.is_valid():
        done = run_action(
            form,
            actions.retire_criterion,
            criterion=criterion,
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data.get("version"),
            by=request.user,
        )
        if done:
            messages.success(
                request,
                f"{criterion.name} is retired: its scores are kept in the history."
                if done == "retired"
                else f"{criterion.name} is removed.",
            )
            return redirect("planning:scoring", org=request.organisation.slug)
    return form_page(
        request,
        form,
        title=f"Retire {criterion.name}" if scored else f"Remove {criterion.name}",
        caption="Scoring model",
        intro="Candidates have been scored on it, so it is retired rather than removed: it is "
        "no longer scored on or counted in the weighted score, and its scores stay in the "
        "history."
        if scored
        else "Nobody has scored on it yet, so it is removed from the scoring model.",
        submit_label="Retire the criterion" if scored else "Remove the criterion",
        back_url=reverse("planning:scoring", kwargs={"org": request.organisation.slug}),
    )


@require_http_methods(["GET", "POST"])
def scoring_spread(request):
    require_scoring_manager(request)
    model = get_scoring_model_for(request)
    form = SpreadForm(posted(request), instance=model)
    if form.is_valid() and run_action(
        form,
        actions.set_wide_spread,
        model=model,
        wide_spread=form.cleaned_data["wide_spread"],
        reason=form.cleaned_data["reason"],
        version=form.cleaned_data.get("version"),
        by=request.user,
    ):
        messages.success(request, "The spread flagged for discussion is changed.")
        return redirect("planning:scoring", org=request.organisation.slug)
    return form_page(
        request,
        form,
        title="Change the spread flagged for discussion",
        caption="Scoring model",
        submit_label="Save",
        back_url=reverse("planning:scoring", kwargs={"org": request.organisation.slug}),
    )


@require_GET
def candidate_scores(request, project_pk):
    project = get_candidate_for(request, project_pk)
    model = get_scoring_model_for(request)
    result, rows = model.scored(project) if model.pk and model.rule_criteria() else (None, [])
    by_criterion = {}
    for given in rows:
        by_criterion.setdefault(given.criterion.name, []).append(given)
    gate, strategy = candidates.conformance(project)
    day = today()
    can_score = project.stage in candidates.OPEN_STAGES and permissions.can_score_candidates(
        request.user, request.organisation, day
    )
    return render(
        request,
        "planning/candidate.html",
        {
            "project": project,
            "model": model,
            "result": result,
            "criteria": [
                (criterion, by_criterion.get(criterion.name, []))
                for criterion in (result.criteria if result else ())
            ],
            "gate": gate,
            "strategy": strategy,
            "is_candidate": project.stage in candidates.OPEN_STAGES,
            "can_score": can_score,
            "scored_by_me": any(given.assessor_id == request.user.pk for given in rows),
        },
    )


@require_http_methods(["GET", "POST"])
def candidate_score(request, project_pk):
    project = get_candidate_for(request, project_pk, score=True)
    criteria = list(
        Criterion.objects.in_use()
        .filter(model__organisation=request.organisation)
        .select_related("model__organisation")
        .order_by("position", "pk")
    )
    back = reverse(
        "planning:candidate", kwargs={"org": request.organisation.slug, "project_pk": project.pk}
    )
    if not criteria:
        messages.error(request, "The scoring model has no criteria yet, so nothing can be scored.")
        return redirect(back)
    earlier = {
        given.criterion_id: given
        for given in Score.objects.filter(
            project=project, assessor=request.user, criterion__in=criteria
        )
    }
    form = ScoreForm(posted(request), criteria=criteria, earlier=earlier)
    if (
        form.is_valid()
        and run_action(
            form,
            actions.score_candidate,
            project=project,
            given=form.given(),
            assessor=request.user,
            by=request.user,
        )
        is not None
    ):
        messages.success(request, f"Your scores of {project} are saved.")
        return redirect(back)
    return form_page(
        request,
        form,
        title=f"Score {project}",
        caption="Candidates for investment",
        intro="Choose a score from 0 to 5 on each criterion of the council's scoring model. "
        "Your scores replace any you gave before; the history keeps the earlier ones.",
        submit_label="Save your scores",
        back_url=back,
    )
