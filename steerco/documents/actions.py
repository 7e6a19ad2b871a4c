"""The one pathway for each change to the agenda packs, the files forwarded and the council
reports."""

import hashlib
import logging
import uuid
from functools import partial
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from steerco.documents import build, record, sandbox, tasks, word
from steerco.documents.models import CouncilReport, Pack, PackRequest, SentFile
from steerco.documents.rules import forward_plan
from steerco.lib.dates import today
from steerco.lib.history import save_with_history
from steerco.lib.versioning import claim_version

logger = logging.getLogger(__name__)


def request_packs(sender=None, *, meetings, by=None, **kwargs):
    """What a published meeting's packs hold may have changed (`papers_changed`): its packs are
    marked as building and rebuilt by the task worker once the change is committed. Of several
    requests queued before the worker reaches them, only the last builds (`superseded`)."""
    for meeting in meetings:
        if not meeting.is_published or meeting.is_cancelled:
            continue
        Pack.objects.filter(meeting=meeting).update(state=Pack.State.BUILDING)
        token = uuid.uuid4()
        PackRequest.objects.update_or_create(
            meeting=meeting, defaults={"token": token, "requested_at": timezone.now()}
        )
        transaction.on_commit(partial(tasks.build_packs.enqueue, meeting.pk, str(token)))


def superseded(meeting_id, token):
    """Whether a later request to rebuild the meeting's packs has been made since the one with
    `token`: its own build will see everything this one would, and more."""
    return (
        token is not None
        and PackRequest.objects.filter(meeting_id=meeting_id).exclude(token=token).exists()
    )


def keep_sent_file(sender=None, *, forwardings, by, **kwargs):
    """A forwarding was recorded (`forwarded`): the Word file of what went is kept with each
    forwarding of the batch. It holds the open record, as the public reads it (no action of a
    restricted risk), since it goes to other bodies and is kept for whoever runs this one:
    restricted business goes by its own route."""
    meeting = forwardings[0].meeting
    document = record.minutes_document(meeting, AnonymousUser(), today())
    what = forwardings[0].What
    content = (
        word.action_log_docx(document)
        if forwardings[0].what == what.ACTION_LOG
        else word.minutes_docx(document)
    )
    sha256 = hashlib.sha256(content).hexdigest()
    made_at = timezone.now()
    for forwarding in forwardings:
        sent = SentFile(forwarding=forwarding, sha256=sha256, made_at=made_at)
        sent.file.save("sent.docx", ContentFile(content), save=False)
        sent.save()


def _pack_for(meeting, spec, now):
    pack, _ = Pack.objects.get_or_create(
        meeting=meeting,
        audience=spec.audience,
        supplementary=spec.supplementary,
        person=spec.person,
        defaults={"requested_at": now},
    )
    return pack


def build_packs(meeting):
    """Builds every pack of the meeting (build.specs_for) from its papers as they are now, and
    removes the packs it no longer has. A paper that cannot be included gets a page saying so
    and the pack builds; a pack that cannot be built is marked failed with the reason, and the
    others still build. The packs built, in order."""
    now = timezone.now()
    papers = build.meeting_papers(meeting)
    specs = build.specs_for(meeting, papers, today())
    work = build.work_dir()
    packs, jobs = [], []
    try:
        convert = build.Converter(work, [p for item_papers in papers.values() for p in item_papers])
        for spec in specs:
            pack = _pack_for(meeting, spec, now)
            packs.append(pack)
            folder = work / f"pack-{pack.pk}"
            folder.mkdir()
            try:
                sections = build.sections_for(spec, papers, convert)
                job, total = build.prepare_pack(
                    meeting, spec, sections, folder / "pack.pdf", folder
                )
            except Exception:  # one pack failing must not stop the others, nor the worker
                logger.exception("Preparing pack %s failed", pack.pk)
                _failed(pack, "The pack could not be built because of an unexpected error.")
                continue
            jobs.append((pack, sections, job, total))
        results = build.assemble([job for _, _, job, _ in jobs])
        for (pack, sections, job, total), pages in zip(jobs, results, strict=True):
            if isinstance(pages, sandbox.Failed):
                _failed(pack, f"The pack could not be put together: {pages}.")
            elif pages != total:
                _failed(pack, f"The pack has {pages} pages where {total} were expected.")
            else:
                _ready(pack, sections, Path(job["output"]), pages)
        for stale in Pack.objects.filter(meeting=meeting).exclude(pk__in=[p.pk for p in packs]):
            stale.file.delete(save=False)
            stale.delete()
    finally:
        build.remove(work)
    return packs


def _ready(pack, sections, output, pages):
    entries = [entry for section in sections for entry in section.entries]
    earlier = pack.file.name
    pack.build += 1
    with output.open("rb") as built:
        pack.file.save("pack.pdf", File(built), save=False)
    pack.page_count = pages
    pack.state = Pack.State.READY
    pack.built_at = timezone.now()
    pack.failure = ""
    # By id: the title is looked up for whoever is shown the problem, if they may read it.
    pack.problems = [
        {"paper": entry.paper.pk, "problem": entry.problem}
        for entry in entries
        if entry.mode == build.Mode.FAILED
    ]
    pack.save()
    pack.papers.set([entry.paper for entry in entries if entry.mode == build.Mode.FULL])
    if earlier and earlier != pack.file.name:
        pack.file.storage.delete(earlier)


def _failed(pack, reason):
    pack.state = Pack.State.FAILED
    pack.failure = reason
    pack.save(update_fields=["state", "failure"])
    return pack


def meetings_needing_packs(today):
    """Published meetings still ahead (or today) whose packs are missing, failed or were left
    building (a worker stopped mid-build): what `build_packs` catches up on."""
    from django.db.models import Exists, OuterRef

    from steerco.meetings.models import Meeting

    settled = Pack.objects.filter(meeting=OuterRef("pk")).exclude(state=Pack.State.READY)
    return (
        Meeting.objects.filter(agenda_published_at__isnull=False, on__gte=today)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(Exists(settled) | ~Exists(Pack.objects.filter(meeting=OuterRef("pk"))))
        .select_related("body", "organisation")
        .order_by("on", "pk")
    )


@transaction.atomic
def save_council_report(report: CouncilReport, *, by, version=None, reason=""):
    """Writes an item's council report, or changes it: a change says why, kept in its history,
    since the report may already have gone out with the agenda."""
    if report.pk is not None and not reason.strip():
        raise ValidationError({"reason": "Enter why the report is changing."})
    _place_on_forward_plan(report)
    if report.pk is None:
        if CouncilReport.objects.filter(item=report.item).exists():
            raise ValidationError("This item already has a council report: change that one.")
        return save_with_history(report, by=by, reason="Council report written")
    claim_version(report, version)
    return save_with_history(report, by=by, reason=f"Changed: {reason.strip()}")


def _place_on_forward_plan(report):
    """A key decision still to be taken goes on the forward plan the day it is marked as one;
    taken with short notice, it must say why it is urgent."""
    meeting = report.item.meeting
    day = today()
    if not report.key_decision:
        report.on_forward_plan_since = None
        return
    if meeting.on <= day:
        return  # written for the record once the decision was taken: it was never on the plan
    if report.on_forward_plan_since is None:
        report.on_forward_plan_since = day
    problem = forward_plan.short_notice(report.on_forward_plan_since, meeting.on)
    if problem and not report.urgency_reason.strip():
        raise ValidationError(
            {
                "urgency_reason": f"{problem}. Enter why the decision is urgent, or put it to "
                "a later meeting."
            }
        )
