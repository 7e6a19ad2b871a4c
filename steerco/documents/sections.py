"""The documents' parts of the meeting cycle's pages (see steerco/lib/sections.py)."""

from steerco import permissions
from steerco.documents.models import CouncilReport, Pack
from steerco.documents.rules import forward_plan
from steerco.lib.dates import today
from steerco.lib.sections import register_section
from steerco.meetings.models import AgendaItem, Paper, Purpose


def offered(packs, user, access):
    """For the full agenda and for the late papers, the most complete pack this person may read:
    their own, the members', or the public one."""
    chosen = []
    for supplementary in (False, True):
        candidates = sorted(
            (pack for pack in packs if pack.supplementary == supplementary),
            key=lambda pack: (pack.person_id is None, pack.audience != Pack.Audience.MEMBERS),
        )
        readable = next(
            (pack for pack in candidates if permissions.can_read_pack(user, pack, access)), None
        )
        if readable is not None:
            chosen.append(readable)
    return chosen


def meeting_packs(request, *, meeting, access):
    if not meeting.is_published:
        return None
    packs = list(Pack.objects.for_meeting(meeting).select_related("person"))
    for pack in packs:
        pack.meeting = meeting
    show_state = permissions.can_see_pack_state(access, meeting)
    chosen = offered(packs, request.user, access)
    if not chosen and not show_state:
        return None
    if show_state:
        _name_problems(packs, meeting, access)
    return {"packs": chosen, "states": packs if show_state else [], "show_state": show_state}


def _name_problems(packs, meeting, access):
    """The papers a pack could not include, named only to whoever may read them: an
    administrator manages the body but does not read its restricted papers."""
    ids = {problem["paper"] for pack in packs for problem in pack.problems}
    papers = {paper.pk: paper for paper in Paper.objects.filter(pk__in=ids)} if ids else {}
    for pack in packs:
        for problem in pack.problems:
            paper = papers.get(problem["paper"])
            readable = paper is not None and access.can_read(paper, meeting.body_id)
            problem["name"] = paper.title if readable else "a paper you may not read"


def meeting_record_files(request, *, meeting, access):
    """The minutes and the action log as PDF and Word, for whoever may read them."""
    user = request.user
    minutes = meeting.is_held(today()) and permissions.can_see_draft_minutes(user, meeting)
    action_log = permissions.can_see_action_log(user, meeting.organisation)
    if not (minutes or action_log):
        return None
    return {"meeting": meeting, "minutes": minutes, "action_log": action_log}


# The meeting page lists this many council reports and items still without one; a long agenda's
# full lists are on the meeting's council reports page.
REPORTS_SHOWN = 10


def council_reports(request, *, meeting, access, shown=REPORTS_SHOWN):
    """The items' council reports each reader may read, and for whoever runs the body the
    decision items still without one: the first `shown` of each (all with `shown=None`), with
    how many there are."""
    user = request.user
    reports = list(
        CouncilReport.objects.filter(item__meeting=meeting)
        .select_related("item")
        .order_by("item__position")
    )
    papers = {}
    for paper in Paper.objects.filter(
        item__in=[report.item_id for report in reports], withdrawn_at__isnull=True
    ):
        papers.setdefault(paper.item_id, []).append(paper)
    readable = []
    for report in reports:
        report.item.meeting = meeting
        if permissions.can_read_council_report(
            user, report.item, papers.get(report.item_id, []), access
        ):
            readable.append(report)
    writes = permissions.can_write_council_report(user, AgendaItem(meeting=meeting), today())
    unwritten, unwritten_count = [], 0
    if writes:
        without = (
            AgendaItem.objects.filter(meeting=meeting, purpose=Purpose.DECISION)
            .exclude(pk__in=[report.item_id for report in reports])
            .order_by("position")
        )
        unwritten = list(without[:shown] if shown else without)
        unwritten_count = without.count() if shown else len(unwritten)
    if not (readable or unwritten):
        return None
    return {
        "meeting": meeting,
        "reports": readable[:shown] if shown else readable,
        "reports_count": len(readable),
        "unwritten": unwritten,
        "unwritten_count": unwritten_count,
        "more": bool(shown) and (len(readable) > shown or unwritten_count > shown),
        "writes": writes,
        "short_notice": _short_notice(reports, meeting) if writes else [],
    }


def _short_notice(reports, meeting):
    """The key decisions this meeting would take with less notice than the forward plan needs
    and no reason given why they are urgent (as when the meeting has been moved earlier):
    (item, why) for whoever writes the reports."""
    if meeting.on < today():
        return []
    return [
        (report.item, why)
        for report in reports
        if report.key_decision
        and report.on_forward_plan_since
        and not report.urgency_reason.strip()
        and (why := forward_plan.short_notice(report.on_forward_plan_since, meeting.on))
    ]


def forward_plan_link(request, *, organisation):
    """The home page points to the forward plan of key decisions."""
    return {"organisation": organisation}


def register():
    register_section(
        "meetings:meeting-detail", "packs", meeting_packs, "documents/sections/packs.html"
    )
    register_section(
        "meetings:meeting-detail",
        "record files",
        meeting_record_files,
        "documents/sections/record_files.html",
    )
    register_section(
        "governance:home", "forward plan", forward_plan_link, "documents/sections/forward_plan.html"
    )
    register_section(
        "meetings:meeting-detail",
        "council reports",
        council_reports,
        "documents/sections/council_reports.html",
    )
