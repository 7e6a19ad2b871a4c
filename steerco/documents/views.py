from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.shortcuts import render as render_page
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.documents import actions, queries, record, reports, sections, word
from steerco.documents.access import get_council_report_for, get_pack_for, get_sent_file_for
from steerco.documents.forms import CouncilReportForm
from steerco.documents.rendering import render
from steerco.governance.models import Body
from steerco.lib import exports
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, run_action
from steerco.meetings.access import get_meeting_for


def _stored(file, *, filename, content_type, no_store):
    """A file steerco keeps, as a download."""
    try:
        stored = file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404("No such file.") from missing
    response = FileResponse(
        stored, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if no_store else "private"
    return response


@permissions.public
@require_GET
def pack_file(request, pack_pk):
    pack = get_pack_for(request, pack_pk)
    meeting = pack.meeting
    name = "supplementary-agenda-pack" if pack.supplementary else "agenda-pack"
    audience = "-public" if pack.audience == pack.Audience.PUBLIC else ""
    return _stored(
        pack.file,
        filename=f"{name}{audience}-{meeting.on:%Y-%m-%d}.pdf",
        content_type="application/pdf",
        no_store=any(paper.restricted for paper in pack.papers.all()),
    )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _document(content, file_type, name):
    response = HttpResponse(
        content, content_type=DOCX if file_type == "docx" else "application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_type}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _pdf(template, minutes):
    return render(template, {"minutes": minutes}).write_pdf()


@permissions.public
@require_GET
def minutes_file(request, meeting_pk, file_type):
    """The minutes of a held meeting as PDF or Word: public once approved, like the meeting
    page shows them; drafts for the council's own people."""
    meeting = get_meeting_for(request, meeting_pk)
    day = today()
    if not meeting.is_held(day) or not permissions.can_see_draft_minutes(request.user, meeting):
        raise Http404("No such minutes.")
    minutes = record.minutes_document(meeting, request.user, day)
    content = (
        word.minutes_docx(minutes)
        if file_type == "docx"
        else _pdf("documents/minutes.html", minutes)
    )
    return _document(
        content, file_type, f"minutes-{meeting.body.short_name or 'meeting'}-{meeting.on}"
    )


@require_GET
def action_log_file(request, meeting_pk, file_type):
    """The meeting's action log as PDF or Word: what is forwarded to other bodies."""
    meeting = get_meeting_for(request, meeting_pk)
    if not permissions.can_see_action_log(request.user, request.organisation):
        raise PermissionDenied
    minutes = record.minutes_document(meeting, request.user, today())
    content = (
        word.action_log_docx(minutes)
        if file_type == "docx"
        else _pdf("documents/action_log.html", minutes)
    )
    name = f"action-log-{meeting.body.short_name or 'meeting'}-{meeting.on}"
    return _document(content, file_type, name)


@require_GET
def sent_file(request, forwarding_pk):
    """The Word file a forwarding sent, exactly as it was sent."""
    sent = get_sent_file_for(request, forwarding_pk)
    return _stored(sent.file, filename=sent.download_name, content_type=DOCX, no_store=True)


@require_http_methods(["GET", "POST"])
def council_report_form(request, item_pk):
    """Writes or changes the council report an agenda item puts to its body."""
    item, report, _papers = get_council_report_for(request, item_pk, write=True)
    initial = {}
    if report is None:
        meeting = item.meeting
        initial = {"title": item.title, "report_date": meeting.on, "report_of": item.presenter}
    form = CouncilReportForm(posted(request), instance=report, item=item, initial=initial)
    if form.is_valid() and run_action(
        form,
        actions.save_council_report,
        report=form.instance,
        by=request.user,
        version=form.cleaned_data.get("version"),
        reason=form.cleaned_data.get("reason", ""),
    ):
        messages.success(request, f"Council report {'changed' if report else 'written'}.")
        return redirect(item.meeting)
    return form_page(
        request,
        form,
        title="Change the council report" if report else "Write a council report",
        caption=f"{item.position}. {item.title} — {item.meeting.title}",
        intro="The front matter and the implications are written here. The item's papers "
        "are listed as appendices, and any decision taken is added once it is recorded.",
        submit_label="Save the report",
        back_url=item.meeting.get_absolute_url(),
    )


@permissions.public
@require_GET
def meeting_council_reports(request, meeting_pk):
    """Every council report of the meeting the reader may read and, for whoever writes them,
    every decision item without one: the meeting page lists the first few."""
    meeting = get_meeting_for(request, meeting_pk)
    access = permissions.PaperAccess(request.user, request.organisation, today())
    section = sections.council_reports(request, meeting=meeting, access=access, shown=None)
    if section is not None:
        section["whole"] = True
    return render_page(
        request, "documents/meeting_council_reports.html", {"meeting": meeting, "section": section}
    )


@permissions.public
@require_GET
def council_report_file(request, item_pk, file_type):
    """The council report as PDF or Word, for whoever may read every paper of its item."""
    item, report, papers = get_council_report_for(request, item_pk)
    if report is None:
        raise Http404("No such report.")
    document = reports.report_document(report, papers)
    content = (
        word.council_report_docx(document)
        if file_type == "docx"
        else render("documents/council_report.html", {"document": document}).write_pdf()
    )
    name = f"report-{item.meeting.on}-item-{item.position}"
    return _document(content, file_type, name)


def _plan(request, pk):
    """(the body whose plan it is, or None for the council's; its entries)."""
    organisation = request.organisation
    body = get_object_or_404(Body, organisation=organisation, pk=pk) if pk else None
    return body, queries.forward_plan(organisation, today(), body=body)


PLAN_HEADINGS = [
    "Decision", "Decision maker", "Expected on", "On the plan since", "Notice", "Lead member",
    "Contact officer",
]  # fmt: skip


def _plan_row(entry):
    report = entry.report
    if entry.short_notice:
        notice = f"Short notice: {entry.short_notice}."
        if report.urgency_reason:
            notice += f" Urgent because: {report.urgency_reason}"
    else:
        notice = "Full notice"
    return [
        report.title,
        entry.meeting.body.name,
        entry.meeting.on,
        report.on_forward_plan_since,
        notice,
        report.lead_member,
        report.contact_officer,
    ]


@permissions.public
@require_GET
def forward_plan(request, pk=None, download=None):
    """The key decisions still to be taken, with the notice each has had: public, as the law
    requires. The council's plan, or one body's; `download` ("csv", "xlsx") as a spreadsheet."""
    body, entries = _plan(request, pk)
    slug = request.organisation.slug
    if download:
        return exports.download(
            PLAN_HEADINGS,
            [_plan_row(entry) for entry in entries],
            file_type=download,
            name=f"{slug}-forward-plan-{body.short_name or body.pk}"
            if body
            else f"{slug}-forward-plan",
            title="Forward plan",
        )
    return render_page(
        request,
        "documents/forward_plan.html",
        {
            "body": body,
            "entries": entries,
            "downloads": exports.links(request, "documents:body-forward-plan", org=slug, pk=body.pk)
            if body
            else exports.links(request, "documents:forward-plan", org=slug),
            # Each body with key decisions ahead has its own plan.
            "bodies": [] if body else list({e.meeting.body: None for e in entries}),
        },
    )


@permissions.public
@require_GET
def forward_plan_file(request, pk=None):
    """The forward plan as a document, as published today."""
    body, entries = _plan(request, pk)
    content = render(
        "documents/forward_plan_document.html",
        {
            "organisation": request.organisation,
            "body": body,
            "entries": entries,
            "published_on": today(),
        },
    ).write_pdf()
    name = f"forward-plan-{body.short_name or body.pk}" if body else "forward-plan"
    return _document(content, "pdf", f"{name}-{today()}")
