from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from steerco import permissions
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, report_action, run_action
from steerco.planning import actions, report
from steerco.planning.access import get_scenario_for, require_scenario_manager
from steerco.planning.forms import ScenarioForm, UploadForm
from steerco.planning.models import Scenario
from steerco.planning.rules import problem as planning_file

LARGEST_FILE = 5 * 1024 * 1024


def _can_manage(request):
    return permissions.can_manage_scenarios(request.user, request.organisation, today())


@require_GET
def scenario_list(request):
    scenarios = Scenario.objects.filter(organisation=request.organisation).select_related(
        "organisation", "answered_by"
    )
    return render(
        request,
        "planning/scenario_list.html",
        {"scenarios": scenarios, "can_manage": _can_manage(request)},
    )


@require_http_methods(["GET", "POST"])
def scenario_form(request, scenario_pk=None):
    organisation = request.organisation
    scenario = get_scenario_for(request, scenario_pk, manage=True) if scenario_pk else None
    require_scenario_manager(request)
    form = ScenarioForm(posted(request), instance=scenario, organisation=organisation)
    if form.is_valid() and run_action(
        form,
        actions.save_scenario,
        scenario=form.instance,
        version=form.cleaned_data.get("version"),
        by=request.user,
    ):
        messages.success(request, f"{form.instance.name} {'updated' if scenario else 'added'}.")
        return redirect(form.instance)
    return form_page(
        request,
        form,
        title=f"Change {scenario.name}" if scenario else "Add a scenario",
        submit_label="Save" if scenario else "Add the scenario",
        back_url=scenario.get_absolute_url()
        if scenario
        else reverse("planning:scenarios", kwargs={"org": organisation.slug}),
    )


@require_GET
def scenario_detail(request, scenario_pk):
    scenario = get_scenario_for(request, scenario_pk)
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
        },
    )


@require_POST
def scenario_optimise(request, scenario_pk):
    scenario = get_scenario_for(request, scenario_pk, manage=True)
    report_action(
        request,
        actions.run_scenario,
        scenario=scenario,
        by=request.user,
        at=timezone.now(),
        today=today(),
        done="Optimised.",
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
