"""The secretary's dashboard, the chair's view, a person's own page, and the attendance rules."""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from steerco import permissions
from steerco.governance.access import get_body_for, get_membership_for
from steerco.governance.models import Body, Membership
from steerco.lib import exports
from steerco.lib.dates import today
from steerco.lib.forms import report_action
from steerco.lib.sections import sections_for
from steerco.meetings import access, actions, origins, queries
from steerco.meetings.access import get_meeting_for
from steerco.meetings.forms.people import (
    ApologiesForm,
    ChallengeForm,
    ReviewPeriodForm,
    default_review_start,
    review_period,
)
from steerco.meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MeetingTemplate,
    Paper,
)


@dataclass(frozen=True)
class Deadline:
    meeting: Meeting
    # None when the notice rule is waived (an urgent meeting).
    due: date | None
    late: bool


@dataclass(frozen=True)
class QuorumRisk:
    meeting: Meeting
    apologies: list
    reasons: list


def _deadlines(meetings, day):
    rows = []
    for meeting in meetings:
        late = not meeting.is_published and meeting.is_past_deadline(day)
        rows.append(Deadline(meeting=meeting, due=meeting.agenda_deadline(), late=late))
    return rows


def _quorum_risks(meetings, day):
    """Upcoming meetings that will be inquorate if everyone who has not sent apologies comes."""
    # The members of the bodies that meet, not of every body one runs (an administrator runs
    # 25 bodies of 1,600 members). No body has id 0: with no meeting the query still runs, so
    # the page's queries do not depend on its data.
    body_ids = {meeting.body_id for meeting in meetings} or {0}
    memberships = defaultdict(list)
    for membership in (
        Membership.objects.filter(body_id__in=body_ids).overlapping(day, None).in_role_order()
    ):
        memberships[membership.body_id].append(membership)
    attendance = defaultdict(dict)
    for row in Attendance.objects.filter(meeting__in=meetings).select_related("person"):
        attendance[row.meeting_id][row.person_id] = row
    risks = []
    for meeting in meetings:
        rule = meeting.quorum_rule()
        recorded = attendance[meeting.pk]
        on_the_day = queries.one_per_person(
            m for m in memberships[meeting.body_id] if m.serves_on(meeting.on)
        )
        assessment = queries.expected_quorum(rule, on_the_day, recorded)
        if not assessment.quorate:
            risks.append(
                QuorumRisk(
                    meeting=meeting,
                    apologies=[
                        row for row in recorded.values() if row.status != Attendance.Status.PRESENT
                    ],
                    reasons=queries.expected_reasons(assessment, rule),
                )
            )
    return risks


def _late_papers(request, organisation, meetings, day):
    access = permissions.PaperAccess(request.user, organisation, day)
    papers = (
        Paper.objects.filter(item__meeting__in=meetings)
        .exclude(late_reason="")
        .select_related("organisation", "item__meeting__organisation", "item__meeting__body")
        .order_by("item__meeting__on", "item__meeting_id", "item__position", "id")
    )
    return [
        (paper, access.can_read(paper, paper.item.meeting.body_id))
        for paper in papers
        if not paper.is_withdrawn or access.manages(paper.item.meeting.body_id)
    ]


@require_GET
def dashboard(request):
    organisation = request.organisation
    day = today()
    if not permissions.runs_meetings(request.user, organisation, day):
        raise PermissionDenied
    bodies = list(permissions.managed_bodies(request.user, organisation, day))
    upcoming = list(
        Meeting.objects.upcoming(day).filter(body__in=bodies).for_listing().with_quorum_rule()
    )
    overdue = origins.describe(
        list(
            Action.objects.overdue(day)
            .filter(body__in=bodies)
            .exclude(origins.hidden(request.user, organisation, day))
            .select_related("owner", "body", "meeting__organisation", "meeting__body")
            .order_by("due_on", "number")
        )
    )
    challenges = [
        (due, ChallengeForm(auto_id=f"challenge-{due.membership.pk}-%s"))
        for due in queries.challenges_due(bodies, day)
    ]
    return render(
        request,
        "meetings/people/dashboard.html",
        {
            "bodies": bodies,
            "deadlines": _deadlines(upcoming, day),
            "late_papers": _late_papers(request, organisation, upcoming, day),
            "quorum_risks": _quorum_risks(upcoming, day),
            "overdue_actions": list(overdue),
            "challenges": challenges,
            "today": day,
            # The later apps' parts (risks, projects) of the dashboard of the bodies one runs.
            "sections": sections_for(
                "meetings:dashboard", request, organisation=organisation, bodies=bodies, day=day
            ),
        },
    )


@dataclass(frozen=True)
class MyMeeting:
    deadline: Deadline
    attendance: Attendance | None
    is_member: bool
    # (item, whether they may add their paper to it now)
    presenting: list
    usually_attends: bool


@require_GET
def my_page(request):
    """The meetings a person sits on, presents at or usually attends; their actions; and the
    apologies they may send."""
    organisation = request.organisation
    day = today()
    memberships = list(
        Membership.objects.filter(organisation=organisation, person=request.user).overlapping(
            day, None
        )
    )
    presented = list(
        AgendaItem.objects.filter(
            presenting_officer=request.user,
            meeting__in=Meeting.objects.upcoming(day).filter(organisation=organisation),
        ).order_by("position", "pk")
    )
    attended_bodies = set(
        MeetingTemplate.objects.filter(
            organisation=organisation, usual_attendees=request.user
        ).values_list("body_id", flat=True)
    )
    candidates = (
        Meeting.objects.upcoming(day)
        .filter(
            Q(body_id__in={m.body_id for m in memberships} | attended_bodies)
            | Q(pk__in={item.meeting_id for item in presented})
        )
        .for_listing()
    )
    rows, meetings = [], []
    for meeting in candidates:
        is_member = any(
            m.body_id == meeting.body_id and m.serves_on(meeting.on) for m in memberships
        )
        presenting = [item for item in presented if item.meeting_id == meeting.pk]
        usually_attends = meeting.body_id in attended_bodies
        if not (is_member or presenting or usually_attends):
            continue
        if is_member:
            meetings.append(meeting)
        for item in presenting:
            item.meeting = meeting
        rows.append((meeting, is_member, presenting, usually_attends))
    mine = {
        row.meeting_id: row
        for row in Attendance.objects.filter(meeting__in=meetings, person=request.user)
    }
    owned = (
        Action.objects.filter(organisation=organisation, owner=request.user)
        .exclude(origins.hidden(request.user, organisation, day))
        .select_related("body", "meeting__organisation", "meeting__body")
    )
    owned = sorted(
        origins.describe(list(owned)),
        key=lambda action: (not action.is_open, action.due_on, action.number),
    )
    deadlines = _deadlines([meeting for meeting, *_ in rows], day)
    return render(
        request,
        "meetings/people/my_page.html",
        {
            "meetings": [
                MyMeeting(
                    deadline=deadline,
                    attendance=mine.get(meeting.pk),
                    is_member=is_member,
                    presenting=[
                        (item, permissions.can_add_paper(request.user, item, manages=False))
                        for item in presenting
                    ],
                    usually_attends=usually_attends,
                )
                for deadline, (meeting, is_member, presenting, usually_attends) in zip(
                    deadlines, rows, strict=True
                )
            ],
            "actions": [(action, action.is_overdue(day)) for action in owned],
            "chairs_a_body": bool(permissions.chaired_body_ids(request.user, organisation, day)),
            "apologies": [
                ApologiesForm(meeting=meeting, person=request.user)
                for meeting in meetings
                if meeting.pk not in mine
            ],
        },
    )


@dataclass(frozen=True)
class AgendaToAgree:
    meeting: Meeting
    items: list
    can_agree: bool
    changed_since: bool


def _agendas_to_agree(request, bodies, day):
    """The next meeting of each body the person chairs, with its draft agenda."""
    upcoming = (
        Meeting.objects.upcoming(day)
        .filter(body__in=bodies)
        .select_related("organisation", "body", "agenda_agreed_by")
        .prefetch_related("items")
    )
    next_meetings = {}
    for meeting in upcoming:
        next_meetings.setdefault(meeting.body_id, meeting)
    meetings = sorted(next_meetings.values(), key=lambda meeting: (meeting.on, meeting.pk))
    last_change = dict(
        AgendaItem.history.filter(meeting_id__in=[m.pk for m in meetings])
        .values_list("meeting_id")
        .annotate(last=Max("history_date"))
    )
    return [
        AgendaToAgree(
            meeting=meeting,
            items=list(meeting.items.all()),
            can_agree=permissions.can_agree_agenda(request.user, meeting, day),
            changed_since=meeting.agenda_agreed_at is not None
            and last_change.get(meeting.pk, meeting.agenda_agreed_at) > meeting.agenda_agreed_at,
        )
        for meeting in meetings
    ]


@require_GET
def chair_page(request):
    """The chair's view: the next agenda to agree, quorum risks, challenges due and the
    decisions that name them as confirming."""
    organisation = request.organisation
    day = today()
    body_ids = permissions.chaired_body_ids(request.user, organisation, day)
    if not body_ids:
        raise PermissionDenied
    bodies = list(Body.objects.filter(pk__in=body_ids).select_related("organisation"))
    upcoming = list(
        Meeting.objects.upcoming(day).filter(body__in=bodies).for_listing().with_quorum_rule()
    )
    decisions = [
        decision
        for decision in Decision.objects.filter(
            organisation=organisation, confirmed_by=request.user, confirmed_at__isnull=True
        )
        .select_related("body", "item__meeting__organisation", "item__meeting__body")
        .order_by("year", "number")
        if permissions.can_confirm_decision(request.user, decision, decision.item.meeting)
    ]
    return render(
        request,
        "meetings/people/chair.html",
        {
            "bodies": bodies,
            "today": day,
            "agendas": _agendas_to_agree(request, bodies, day),
            "quorum_risks": _quorum_risks(upcoming, day),
            "challenges": queries.challenges_due(bodies, day),
            "decisions": decisions,
        },
    )


@require_POST
def agenda_agree(request, meeting_pk):
    meeting = get_meeting_for(request, meeting_pk)
    report_action(
        request,
        actions.agree_agenda,
        meeting=meeting,
        by=request.user,
        now=timezone.now(),
        done=f"The agenda of {meeting.on:%-d %B %Y} is agreed.",
    )
    return redirect("meetings:chair", org=request.organisation.slug)


@require_POST
def decision_confirm(request, decision_pk):
    decision = access.get_decision_for(request, decision_pk)
    report_action(
        request,
        actions.confirm_decision,
        decision=decision,
        by=request.user,
        now=timezone.now(),
        done=f"Decision {decision.reference} confirmed.",
    )
    return redirect("meetings:chair", org=request.organisation.slug)


def _review(request, pk):
    """The body, the review form and the period it chose (the last 12 months by default)."""
    body = get_body_for(request, pk, manage=True)
    day = today()
    chosen = any(f"from_{index}" in request.GET for index in range(3))
    start = default_review_start(day)
    form = ReviewPeriodForm(request.GET if chosen else None, today=day, initial={"from": start})
    if chosen and form.is_valid():
        start = form.cleaned_data["from"]
    start, end = review_period(start)
    rows = queries.attendance_review(body, start, end, day)
    # A challenge recorded in the period stays on the member's row, with its note.
    challenges = defaultdict(list)
    for challenge in queries.challenges_recorded(
        body, person_ids=[m.person_id for m, _figures in rows], period=(start, end)
    ):
        challenges[challenge.membership.person_id].append(challenge)
    for membership, _figures in rows:
        membership.challenges_recorded = challenges[membership.person_id]
    return body, form, start, end, rows


@require_GET
def attendance_review(request, pk, download=None):
    body, form, start, end, rows = _review(request, pk)
    if download:
        name = re.sub(r"[^A-Za-z0-9]+", "-", body.short_name or body.name).strip("-") or "body"
        return exports.download(
            REVIEW_HEADINGS,
            [review_row(membership, figures) for membership, figures in rows],
            file_type=download,
            name=f"{name}-attendance-{start:%Y-%m-%d}-{end:%Y-%m-%d}",
            title="Attendance review",
        )
    period = f"from_0={start.day}&from_1={start.month}&from_2={start.year}"
    return render(
        request,
        "meetings/people/attendance_review.html",
        {
            "body": body,
            "form": form,
            "start": start,
            "end": end,
            "rows": rows,
            "downloads": exports.links(
                request,
                "meetings:attendance-review",
                query=period,
                org=request.organisation.slug,
                pk=body.pk,
            ),
        },
    )


REVIEW_HEADINGS = [
    "Member",
    "Role",
    "Meetings expected",
    "Attended",
    "Apologies",
    "Substituted",
    "Absent",
    "Percentage attended",
    "Challenged under the Efficient Meetings Protocol",
]


def _challenge_text(challenge):
    text = f"{challenge.recorded_on:%-d %B %Y}"
    return f"{text}: {challenge.note}" if challenge.note else text


def review_row(membership, figures):
    return [
        membership.person.display_name,
        membership.role_label,
        figures.expected,
        figures.attended,
        figures.apologies,
        figures.substituted,
        figures.absent,
        figures.percentage,
        "; ".join(_challenge_text(c) for c in membership.challenges_recorded),
    ]


@require_POST
def challenge_record(request, membership_pk):
    organisation = request.organisation
    membership = get_membership_for(request, membership_pk, manage=True)
    back = redirect("meetings:dashboard", org=organisation.slug)
    form = ChallengeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["note"]))
        return back
    try:
        actions.record_challenge(
            membership, on=today(), by=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
        return back
    messages.success(
        request,
        f"Challenge of {membership.person} under the Efficient Meetings Protocol recorded as done.",
    )
    return back
