from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.documents.rendering import render as render_pdf
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, run_action
from steerco.lib.pagination import paginate
from steerco.progress_report import actions, word
from steerco.progress_report.access import get_report_year_for
from steerco.progress_report.forms import CommentaryForm, FrontMatterForm
from steerco.progress_report.models import Commentary, FrontMatter, Section
from steerco.progress_report.report import annual_report
from steerco.progress_report.rules import years

# The open actions a page at a time on the page; the PDF and Word documents carry them all.
ACTIONS_PAGE_SIZE = 50
# The page shows so many rows of each long list (the projects started, delivered and slipped,
# the benefits), with the counts and totals of them all; the documents carry them all.
ROWS_SHOWN = 50
# The page draws the charts of so many KPIs, the furthest off target first; the table lists
# them all, each linked to its own page and its chart of every measurement.
KPI_CHARTS = 12
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _report_url(request, strategy, year, name="progress_report:report"):
    url = reverse(name, kwargs={"org": request.organisation.slug, "strategy_pk": strategy.pk})
    return f"{url}?year={year}"


@require_GET
def report(request, strategy_pk):
    """The annual progress report of a strategy for one financial year (`?year=`), with a
    chooser of the years it can be written for."""
    strategy, year, offered = get_report_year_for(request, strategy_pk)
    if year is None:
        return render(request, "progress_report/no_year.html", {"strategy": strategy})
    document = annual_report(
        request, strategy, year, today(), rows_shown=ROWS_SHOWN, charts=KPI_CHARTS
    )
    actions_paging = paginate(request, document.actions, ACTIONS_PAGE_SIZE)
    document.actions = actions_paging["page"].object_list
    return render(
        request,
        "progress_report/report.html",
        {
            "report": document,
            "actions_paging": actions_paging,
            "strategy": strategy,
            "years": [(value, years.label(value)) for value in offered],
            "can_write": permissions.can_write_progress_report(
                request.user, request.organisation, today()
            ),
            "query": f"year={year}",
        },
    )


@require_GET
def report_file(request, strategy_pk, file_type):
    """The report in the council report format, as PDF or Word. With its front matter
    incomplete it is still given, marked as a draft that says what is missing."""
    strategy, year, _offered = get_report_year_for(request, strategy_pk)
    if year is None:
        raise Http404("No report for that year.")
    document = annual_report(request, strategy, year, today())
    if file_type == "docx":
        content, content_type = word.annual_report_docx(document), DOCX
    else:
        content = render_pdf("progress_report/report_document.html", {"report": document})
        content, content_type = content.write_pdf(), "application/pdf"
    response = HttpResponse(content, content_type=content_type)
    name = f"annual-report-{strategy.starts_in}-{strategy.ends_in}-{year}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_type}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def commentary_form(request, strategy_pk):
    """Writes or changes the commentary of one section (`?section=`) of a year's report."""
    strategy, year, _offered = get_report_year_for(request, strategy_pk, write=True)
    section = request.GET.get("section")
    if section not in Section.values:
        raise Http404("No such section.")
    commentary = Commentary.objects.filter(strategy=strategy, year=year, section=section).first()
    commentary = commentary or Commentary(strategy=strategy, year=year, section=section)
    form = CommentaryForm(posted(request), commentary=commentary)
    if form.is_valid() and run_action(
        form,
        actions.save_commentary,
        commentary=commentary,
        text=form.cleaned_data["text"],
        reason=form.cleaned_data.get("reason", ""),
        version=form.cleaned_data.get("version"),
        by=request.user,
    ):
        messages.success(request, "Commentary saved.")
        return redirect(f"{_report_url(request, strategy, year)}#{section}")
    label = Section(section).label
    return form_page(
        request,
        form,
        title=f"{'Change' if commentary.pk else 'Write'} the commentary: {label}",
        caption=f"{strategy.title}: annual progress report {years.label(year)}",
        submit_label="Save the commentary",
        back_url=_report_url(request, strategy, year),
    )


@require_http_methods(["GET", "POST"])
def front_matter_form(request, strategy_pk):
    """Writes or changes the council report's front matter of a year's report."""
    strategy, year, _offered = get_report_year_for(request, strategy_pk, write=True)
    front_matter = FrontMatter.objects.filter(strategy=strategy, year=year).first()
    front_matter = front_matter or FrontMatter(strategy=strategy, year=year)
    form = FrontMatterForm(posted(request), instance=front_matter)
    if form.is_valid() and run_action(
        form,
        actions.save_front_matter,
        front_matter=form.instance,
        reason=form.cleaned_data.get("reason", ""),
        version=form.cleaned_data.get("version"),
        by=request.user,
    ):
        messages.success(request, "Front matter saved.")
        return redirect(_report_url(request, strategy, year))
    return form_page(
        request,
        form,
        title="Write the front matter of the council report",
        caption=f"{strategy.title}: annual progress report {years.label(year)}",
        intro="Any part may be left blank while the report is drafted: the report says what "
        "is still missing, and its documents are marked as drafts until it is complete.",
        submit_label="Save the front matter",
        back_url=_report_url(request, strategy, year),
    )
