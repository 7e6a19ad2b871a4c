"""Fetch and authorise the documents' downloads in one step: 404 for a pack of another
organisation and for one the reader may not read, as for one that does not exist (and so
for a file a forwarding sent)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from steerco import permissions
from steerco.documents.models import CouncilReport, Pack, SentFile
from steerco.documents.reports import item_papers
from steerco.lib.dates import today
from steerco.meetings.models import AgendaItem


def get_pack_for(request, pk):
    pack = get_object_or_404(
        Pack.objects.select_related("meeting__body", "meeting__organisation").prefetch_related(
            "papers"
        ),
        meeting__organisation=request.organisation,
        pk=pk,
    )
    access = permissions.PaperAccess(request.user, request.organisation, today())
    if not permissions.can_read_pack(request.user, pack, access):
        raise Http404("No such pack.")
    return pack


def get_sent_file_for(request, forwarding_pk):
    sent = get_object_or_404(
        SentFile.objects.select_related(
            "forwarding__meeting__body", "forwarding__meeting__organisation"
        ),
        forwarding__meeting__organisation=request.organisation,
        forwarding_id=forwarding_pk,
    )
    if not permissions.can_open_sent_file(request.user, sent.forwarding, today()):
        raise Http404("No such file.")
    return sent


def sent_file_links(forwardings, user, on):
    """The address of each forwarding's file sent that `user` may open (meetings.sent)."""
    if not forwardings:
        return {}
    forwarding = forwardings[0]
    if not permissions.can_open_sent_file(user, forwarding, on):
        return {}
    slug = forwarding.meeting.organisation.slug
    kept = SentFile.objects.filter(forwarding__in=forwardings).values_list(
        "forwarding_id", flat=True
    )
    return {
        pk: reverse("documents:sent-file", kwargs={"org": slug, "forwarding_pk": pk}) for pk in kept
    }


def get_council_report_for(request, item_pk, *, write=False):
    """The item, its council report (None before one is written) and its papers, for someone
    who may read the report, or write it (`write`)."""
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__body", "meeting__organisation"),
        meeting__organisation=request.organisation,
        pk=item_pk,
    )
    papers = item_papers(item)
    if write:
        allowed = permissions.can_write_council_report(request.user, item, today())
    else:
        access = permissions.PaperAccess(request.user, request.organisation, today())
        allowed = permissions.can_read_council_report(request.user, item, papers, access)
    if not allowed:
        raise Http404("No such report.")
    report = CouncilReport.objects.filter(item=item).first()
    if report is not None:
        report.item = item
    return item, report, papers
