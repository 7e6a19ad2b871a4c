from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.lib.dates import today
from steerco.portfolio import spreadsheets
from steerco.portfolio.forms import ImportForm
from steerco.portfolio.rules.spreadsheet import write_csv, write_xlsx

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _download(headers, rows, *, file_type, name, title):
    data = (
        write_csv(headers, rows) if file_type == "csv" else write_xlsx(headers, rows, title=title)
    )
    response = HttpResponse(data, content_type=CONTENT_TYPES[file_type])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_type}"'
    response["X-Content-Type-Options"] = "nosniff"
    # What a reader may see depends on who they are: never from a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def register_export(request, file_type):
    if not permissions.can_see_portfolio(request.user, request.organisation):
        raise Http404("No such page.")
    headers, rows = spreadsheets.register_rows(request.organisation)
    return _download(
        headers, rows, file_type=file_type, name=f"{request.organisation.slug}-projects",
        title="Projects",
    )  # fmt: skip


@require_GET
def profiles_export(request, file_type):
    organisation = request.organisation
    if not permissions.can_see_portfolio(request.user, organisation):
        raise Http404("No such page.")
    access = permissions.PortfolioAccess(request.user, organisation, today())
    headers, rows = spreadsheets.profile_rows(organisation, access)
    return _download(
        headers, rows, file_type=file_type, name=f"{organisation.slug}-cost-profiles",
        title="Cost profiles",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def project_import(request):
    organisation = request.organisation
    if not permissions.can_import_projects(request.user, organisation):
        raise PermissionDenied
    form = ImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
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
