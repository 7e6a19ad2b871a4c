from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.lib import exports
from steerco.lib.dates import today
from steerco.lib.exports import download as download_file
from steerco.lib.forms import form_page, posted, posted_with_files, run_action
from steerco.lib.pagination import paginate
from steerco.lib.sections import sections_for
from steerco.portfolio import actions, impact, queries, spreadsheets
from steerco.portfolio.access import (
    get_programme_for,
    get_project_for,
    require_portfolio_manager,
)
from steerco.portfolio.forms import (
    ConfidenceForm,
    ImportForm,
    PortfolioSettingsForm,
    ProgrammeForm,
    ProjectForm,
    RegisterFilterForm,
)
from steerco.portfolio.models import PortfolioSettings, Programme, Project, Rating
from steerco.portfolio.rules import confidence

PROJECTS_PER_PAGE = 50


def _register_url(request):
    return reverse("portfolio:register", kwargs={"org": request.organisation.slug})


REGISTER_HEADINGS = [
    "Reference", "Project", "Stage", "Programme", "Service area", "Starts", "Ends",
    "Delivery confidence",
]  # fmt: skip
REGISTER_COLUMNS = [
    "reference", "name", "stage", "programme__name", "service_area", "starts_on", "ends_on",
    "confidence",
]  # fmt: skip
STAGE_NAMES = dict(Project.Stage.choices)
RATING_NAMES = dict(Rating.choices)


def _register_rows(projects):
    for project in projects.values_list(*REGISTER_COLUMNS, named=True).iterator(chunk_size=2000):
        yield [
            project.reference,
            project.name,
            STAGE_NAMES.get(project.stage, project.stage),
            project.programme__name or "",
            project.service_area,
            project.starts_on,
            project.ends_on,
            RATING_NAMES.get(project.confidence, "Not assessed"),
        ]


@require_GET
def register(request, download=None):
    """The portfolio register: every project, filtered and sorted, a page at a time;
    `download` ("csv", "xlsx") gives every project the filtered page lists, in its order."""
    organisation = request.organisation
    areas = queries.service_areas(organisation)
    filters_form = RegisterFilterForm(
        request.GET or None, organisation=organisation, service_areas=areas
    )
    filters = filters_form.filters() if request.GET else {}
    projects = queries.register(organisation, filters)
    if download:
        return download_file(
            REGISTER_HEADINGS, _register_rows(projects), file_type=download,
            name=f"{organisation.slug}-portfolio-register-{today():%Y-%m-%d}",
            title="Portfolio register", streamed=True,
        )  # fmt: skip
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
            "can_administer": permissions.can_administer(request.user, organisation),
            "can_manage": permissions.can_manage_portfolio(request.user, organisation, today()),
            "can_import": permissions.can_import_projects(request.user, organisation),
            "downloads": exports.links(request, "portfolio:register", org=organisation.slug),
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
            "figures": list(project.figures.all()),
            "scale": scale,
            "mapping_rule": confidence.RULE,
            "shows_mapping": scale == "three" and any(a.scale == "five" for a in assessments),
            "can_change": permissions.can_change_project(request.user, project, today()),
            "can_manage": permissions.can_manage_portfolio(
                request.user, request.organisation, today()
            ),
            "product_uses": impact.project_product_uses(project),
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
    form = ProjectForm(
        posted(request),
        instance=project,
        organisation=organisation,
        find_duplicates=None
        if project
        else lambda name: impact.possible_duplicates(organisation, name, products=()),
    )
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
        template="portfolio/project_form.html",
        matches=form.duplicates,
        limit=impact.DUPLICATES_SHOWN,
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


@require_GET
def programme_list(request, download=None):
    organisation = request.organisation
    programmes = (
        Programme.objects.filter(organisation=organisation)
        .select_related("sro", "board")
        .annotate(project_count=Count("projects"))
    )
    if download:
        return download_file(
            ["Reference", "Programme", "Senior responsible owner", "Board", "Projects"],
            [
                [
                    programme.reference,
                    programme.name,
                    programme.sro.get_full_name() if programme.sro else "",
                    programme.board.name if programme.board else "",
                    programme.project_count,
                ]
                for programme in programmes
            ],
            file_type=download,
            name=f"{organisation.slug}-programmes",
            title="Programmes",
        )
    return render(
        request,
        "portfolio/programme_list.html",
        {
            "programmes": programmes,
            "can_manage": permissions.can_manage_portfolio(request.user, organisation, today()),
            "downloads": exports.links(request, "portfolio:programmes", org=organisation.slug),
        },
    )


@require_GET
def programme_detail(request, programme_pk, download=None):
    """A programme and its projects; `download` ("csv", "xlsx") gives its projects."""
    programme = get_programme_for(request, programme_pk)
    projects = queries.with_latest_confidence(programme.projects.for_register())
    if download:
        return download_file(
            ["Reference", "Project", "Stage", "Delivery confidence"],
            [
                [
                    project.reference,
                    project.name,
                    project.get_stage_display(),
                    RATING_NAMES.get(project.confidence, "Not assessed"),
                ]
                for project in projects
            ],
            file_type=download,
            name=f"{request.organisation.slug}-{programme.reference or programme.pk}-projects",
            title="Projects",
        )
    return render(
        request,
        "portfolio/programme_detail.html",
        {
            "programme": programme,
            "projects": projects,
            "can_manage": permissions.can_manage_portfolio(
                request.user, request.organisation, today()
            ),
            "downloads": exports.links(
                request,
                "portfolio:programme",
                org=request.organisation.slug,
                programme_pk=programme.pk,
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def programme_form(request, programme_pk=None):
    organisation = request.organisation
    programme = get_programme_for(request, programme_pk, manage=True) if programme_pk else None
    require_portfolio_manager(request)
    form = ProgrammeForm(posted(request), instance=programme, organisation=organisation)
    if form.is_valid() and run_action(
        form, actions.save_programme, programme=form.instance, by=request.user
    ):
        messages.success(request, f"{form.instance.name} {'updated' if programme else 'added'}.")
        return redirect(form.instance)
    return form_page(
        request,
        form,
        title=f"Change {programme.name}" if programme else "Add a programme",
        submit_label="Save" if programme else "Add the programme",
        back_url=reverse("portfolio:programmes", kwargs={"org": organisation.slug}),
    )


@require_http_methods(["GET", "POST"])
def settings_form(request):
    organisation = request.organisation
    if not permissions.can_administer(request.user, organisation):
        raise PermissionDenied
    current = PortfolioSettings.objects.filter(organisation=organisation).first()
    form = PortfolioSettingsForm(
        posted(request), instance=current or PortfolioSettings(organisation=organisation)
    )
    if form.is_valid() and run_action(
        form, actions.save_settings, settings=form.instance, by=request.user
    ):
        messages.success(request, "Portfolio settings saved.")
        return redirect("portfolio:register", org=organisation.slug)
    return form_page(
        request,
        form,
        title="Portfolio settings",
        caption=organisation.name,
        back_url=_register_url(request),
    )


# The register as a spreadsheet: downloads for the council's members, the import for its
# administrators (docs/portfolio-spreadsheets.md).


@require_GET
def register_export(request, file_type):
    if not permissions.can_see_portfolio(request.user, request.organisation):
        raise Http404("No such page.")
    headers, rows = spreadsheets.register_rows(request.organisation)
    return download_file(
        headers, rows, file_type=file_type, name=f"{request.organisation.slug}-projects",
        title="Projects", streamed=True,
    )  # fmt: skip


@require_GET
def profiles_export(request, file_type):
    organisation = request.organisation
    if not permissions.can_see_portfolio(request.user, organisation):
        raise Http404("No such page.")
    access = permissions.PortfolioAccess(request.user, organisation, today())
    headers, rows = spreadsheets.profile_rows(organisation, access)
    return download_file(
        headers, rows, file_type=file_type, name=f"{organisation.slug}-cost-profiles",
        title="Cost profiles", streamed=True,
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def project_import(request):
    organisation = request.organisation
    if not permissions.can_import_projects(request.user, organisation):
        raise PermissionDenied
    form = ImportForm(*posted_with_files(request))
    report = None
    if form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        report = spreadsheets.import_projects(
            organisation,
            upload.read(),
            mapping=form.mappings[data["mapping"]],
            by=request.user,
            file_name=upload.name,
            dry_run=data["dry_run"],
        )
        if report.problems:
            form.add_error(None, report.summary())
        elif report.saved:
            messages.success(request, report.summary())
            return redirect(reverse("portfolio:import", kwargs={"org": organisation.slug}))
    return render(
        request,
        "portfolio/import.html",
        {
            "form": form,
            "report": report,
            "title": "Import projects from a spreadsheet",
        },
    )
