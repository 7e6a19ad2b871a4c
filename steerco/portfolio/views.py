from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, run_action
from steerco.lib.pagination import paginate
from steerco.lib.sections import sections_for
from steerco.portfolio import actions, queries
from steerco.portfolio.access import get_project_for, require_portfolio_manager
from steerco.portfolio.forms import ConfidenceForm, ProjectForm, RegisterFilterForm
from steerco.portfolio.rules import confidence

PROJECTS_PER_PAGE = 50


def _register_url(request):
    return reverse("portfolio:register", kwargs={"org": request.organisation.slug})


@require_GET
def register(request):
    """The portfolio register: every project, filtered and sorted, a page at a time."""
    organisation = request.organisation
    areas = queries.service_areas(organisation)
    filters_form = RegisterFilterForm(
        request.GET or None, organisation=organisation, service_areas=areas
    )
    filters = filters_form.filters() if request.GET else {}
    projects = queries.register(organisation, filters)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portfolio/register.html",
        {
            "filters_form": filters_form,
            "filtered": bool({k: v for k, v in filters.items() if k != "sort"}),
            "query": f"{query.urlencode()}&" if query else "",
            "scale": actions.confidence_scale(organisation),
            "can_manage": permissions.can_manage_portfolio(request.user, organisation, today()),
            **paginate(request, projects, PROJECTS_PER_PAGE),
        },
    )


@require_GET
def project_detail(request, project_pk):
    project = get_project_for(request, project_pk)
    scale = actions.confidence_scale(request.organisation)
    assessments = list(project.confidence_assessments.select_related("recorded_by"))
    for assessment in assessments:
        assessment.three_point = confidence.on_three_point_scale(assessment.rating)
    return render(
        request,
        "portfolio/project_detail.html",
        {
            "project": project,
            "themes": list(project.themes.all()),
            "objectives": list(project.objectives.select_related("theme")),
            "assessments": assessments,
            "scale": scale,
            "mapping_rule": confidence.RULE,
            "shows_mapping": scale == "three" and any(a.scale == "five" for a in assessments),
            "can_change": permissions.can_change_project(request.user, project, today()),
            "sections": sections_for("portfolio:project", request, project=project),
        },
    )


@require_http_methods(["GET", "POST"])
def project_form(request, project_pk=None):
    organisation = request.organisation
    if project_pk:
        project = get_project_for(request, project_pk, manage=True)
    else:
        project = None
        require_portfolio_manager(request)
    form = ProjectForm(posted(request), instance=project, organisation=organisation)
    if form.is_valid():
        saved = run_action(
            form,
            actions.save_project,
            project=form.instance,
            themes=form.cleaned_data["themes"],
            objectives=form.cleaned_data["objectives"],
            version=form.cleaned_data.get("version"),
            by=request.user,
        )
        if saved:
            messages.success(
                request, f"{saved.reference} {saved.name} {'updated' if project else 'registered'}."
            )
            return redirect(saved)
    return form_page(
        request,
        form,
        title=f"Change {project}" if project else "Register a project",
        submit_label="Save" if project else "Register the project",
        back_url=project.get_absolute_url() if project else _register_url(request),
    )


@require_http_methods(["GET", "POST"])
def confidence_create(request, project_pk):
    project = get_project_for(request, project_pk, manage=True)
    scale = actions.confidence_scale(request.organisation)
    form = ConfidenceForm(posted(request), scale=scale)
    if form.is_valid() and run_action(
        form, actions.record_confidence, project=project, by=request.user, **form.cleaned_data
    ):
        messages.success(request, "Delivery confidence recorded.")
        return redirect(project)
    return form_page(
        request,
        form,
        title="Record a delivery confidence assessment",
        caption=str(project),
        submit_label="Record the assessment",
        back_url=project.get_absolute_url(),
    )
