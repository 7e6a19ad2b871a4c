from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.lib import exports
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, run_action
from steerco.lib.pagination import paginate
from steerco.portfolio import actions, impact
from steerco.portfolio.access import (
    get_dependency_for,
    get_project_for,
    require_portfolio_manager,
)
from steerco.portfolio.forms import (
    DependencyForm,
    DependencyMapForm,
    EndDependencyForm,
    SlipForm,
)
from steerco.portfolio.models import Dependency

DEPENDENCIES_PER_PAGE = 50
DEPENDENCY_HEADINGS = ["Reference", "Project", "How", "Waits on reference", "Waits on", "Note"]
DEPENDENCY_COLUMNS = [
    "project__reference", "project__name", "kind", "depends_on__reference", "depends_on__name",
    "note",
]  # fmt: skip
KIND_NAMES = dict(Dependency.Kind.choices)


def _dependency_rows(dependencies):
    for row in dependencies.values_list(*DEPENDENCY_COLUMNS).iterator(chunk_size=2000):
        yield [*row[:2], KIND_NAMES.get(row[2], row[2]), *row[3:]]


def dependencies_url(project):
    return reverse(
        "portfolio:project-dependencies",
        kwargs={"org": project.organisation.slug, "project_pk": project.pk},
    )


WAITS_PAGE, WAITED_PAGE = "waits_page", "waited_page"


def _query_without(request, name):
    """The address's query without `name`, ready for `name=N` after it."""
    kept = request.GET.copy()
    kept.pop(name, None)
    return f"{kept.urlencode()}&" if kept else ""


@require_GET
def project_dependencies(request, project_pk, download=None):
    """A project's dependencies; `download` ("csv", "xlsx") gives its two tables as one: what
    it depends on and what depends on it."""
    project = get_project_for(request, project_pk)
    if download:
        depends_on, dependants = impact.own_dependencies(project)
        return exports.download(
            ["Table", "Project", "How", "Waits on", "Note"],
            [
                [
                    table,
                    f"{dependency.project.reference} {dependency.project.name}",
                    dependency.get_kind_display(),
                    f"{dependency.depends_on.reference} {dependency.depends_on.name}",
                    dependency.note,
                ]
                for table, found in (
                    ("Its dependencies", depends_on),
                    ("Projects that depend on it", dependants),
                )
                for dependency in found
            ],
            file_type=download,
            name=f"{request.organisation.slug}-{project.reference}-dependencies",
            title="Dependencies",
        )
    # The "what if it ends later" form asks by GET: the answer changes nothing.
    form = SlipForm(request.GET if "slip" in request.GET else None, project=project)
    slip_days = form.days if form.is_valid() else None
    return render(
        request,
        "portfolio/project_dependencies.html",
        {
            "project": project,
            "form": form,
            "can_manage": permissions.can_manage_portfolio(
                request.user, request.organisation, today()
            ),
            **impact.project_dependencies(
                project,
                slip_days=slip_days,
                waits_page=request.GET.get(WAITS_PAGE),
                waited_page=request.GET.get(WAITED_PAGE),
            ),
            # Each list's pages keep the rest of the address (the other list's page, the slip).
            "waits_on_query": _query_without(request, WAITS_PAGE),
            "waited_on_by_query": _query_without(request, WAITED_PAGE),
            "downloads": exports.links(
                request,
                "portfolio:project-dependencies",
                query="",
                org=request.organisation.slug,
                project_pk=project.pk,
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def dependency_create(request, project_pk):
    project = get_project_for(request, project_pk)
    require_portfolio_manager(request)
    form = DependencyForm(posted(request), project=project)
    if form.is_valid() and run_action(
        form, actions.add_dependency, project=project, by=request.user, **form.cleaned_data
    ):
        messages.success(request, f"Dependency added to {project.reference}.")
        return redirect(dependencies_url(project))
    return form_page(
        request,
        form,
        title="Add a dependency",
        caption=str(project),
        intro=f"Record a project that {project.reference} waits on.",
        submit_label="Add the dependency",
        back_url=dependencies_url(project),
    )


@require_http_methods(["GET", "POST"])
def dependency_end(request, dependency_pk):
    dependency = get_dependency_for(request, dependency_pk, manage=True)
    back = dependencies_url(dependency.project)
    if not dependency.is_current:
        messages.error(request, "This dependency has already ended.")
        return redirect(back)
    form = EndDependencyForm(posted(request))
    if form.is_valid() and run_action(
        form, actions.end_dependency, dependency=dependency, by=request.user, **form.cleaned_data
    ):
        messages.success(request, "Dependency ended. It stays in the history.")
        return redirect(back)
    return form_page(
        request,
        form,
        title="End this dependency",
        caption=f"{dependency.project.reference} depends on {dependency.depends_on.reference} "
        f"({dependency.get_kind_display().lower()})",
        intro="End a dependency that no longer holds. It is not deleted: the history keeps it, "
        "with who ended it and why.",
        submit_label="End the dependency",
        back_url=back,
    )


@require_GET
def dependency_map(request, download=None):
    """The picture and the list of the dependencies in force, of a programme if asked;
    `download` ("csv", "xlsx") gives every dependency of the list."""
    organisation = request.organisation
    form = DependencyMapForm(request.GET or None, organisation=organisation)
    programme = form.cleaned_data["programme"] if form.is_valid() else None
    if download:
        return exports.download(
            DEPENDENCY_HEADINGS,
            _dependency_rows(impact.dependencies_in_force(organisation, programme)),
            file_type=download,
            name=f"{organisation.slug}-dependencies",
            title="Dependencies",
            streamed=True,
        )
    portfolio = impact.dependency_map(organisation, programme)
    return render(
        request,
        "portfolio/dependency_map.html",
        {
            "form": form,
            "programme": programme,
            "picture_limit": impact.PICTURE_LIMIT,
            "pagination_query": f"programme={programme.pk}&" if programme else "",
            **portfolio,
            "downloads": exports.links(request, "portfolio:dependency-map", org=organisation.slug),
            **paginate(request, portfolio["dependencies"], DEPENDENCIES_PER_PAGE),
        },
    )
