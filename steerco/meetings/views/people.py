"""The secretary's dashboard, a person's own page, and the attendance rules of issue 3 §10."""

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from steerco import permissions
from steerco.governance.access import get_body_for, get_membership_for
from steerco.governance.models import Membership
from steerco.lib.dates import today
from steerco.lib.sections import sections_for
from steerco.meetings import actions, queries
from steerco.meetings.forms.people import (
    ApologiesForm,
    ChallengeForm,
    ReviewPeriodForm,
    default_review_start,
    review_period,
)
from steerco.meetings.models import Action, Attendance, Meeting, Paper


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


def _quorum_risks(meetings, bodies, day):
    """Upcoming meetings that will be inquorate if everyone who has not sent apologies comes."""
    body_ids = [body.pk for body in bodies]
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
    overdue = (
        Action.objects.overdue(day)
        .filter(body__in=bodies)
        .select_related("owner", "body", "meeting__organisation", "meeting__body")
        .order_by("due_on", "number")
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
            "quorum_risks": _quorum_risks(upcoming, bodies, day),
            "overdue_actions": list(overdue),
            "challenges": challenges,
            "today": day,
            # The later apps' parts (risks, projects) of the dashboard of the bodies one runs.
            "sections": sections_for(
                "meetings:dashboard", request, organisation=organisation, bodies=bodies, day=day
            ),
        },
    )


@require_GET
def my_page(request):
    organisation = request.organisation
    day = today()
    memberships = list(
        Membership.objects.filter(organisation=organisation, person=request.user).overlapping(
            day, None
        )
    )
    meetings = [
        meeting
        for meeting in Meeting.objects.upcoming(day)
        .filter(body_id__in={m.body_id for m in memberships})
        .for_listing()
        if any(m.body_id == meeting.body_id and m.serves_on(meeting.on) for m in memberships)
    ]
    mine = {
        row.meeting_id: row
        for row in Attendance.objects.filter(meeting__in=meetings, person=request.user)
    }
    owned = Action.objects.filter(organisation=organisation, owner=request.user).select_related(
        "body", "meeting__organisation", "meeting__body"
    )
    owned = sorted(owned, key=lambda action: (not action.is_open, action.due_on, action.number))
    return render(
        request,
        "meetings/people/my_page.html",
        {
            "meetings": [
                (deadline, mine.get(deadline.meeting.pk)) for deadline in _deadlines(meetings, day)
            ],
            "actions": [(action, action.is_overdue(day)) for action in owned],
            "apologies": [
                ApologiesForm(meeting=meeting, person=request.user)
                for meeting in meetings
                if meeting.pk not in mine
            ],
        },
    )


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
def attendance_review(request, pk):
    body, form, start, end, rows = _review(request, pk)
    return render(
        request,
        "meetings/people/attendance_review.html",
        {
            "body": body,
            "form": form,
            "start": start,
            "end": end,
            "rows": rows,
            "csv_query": f"from_0={start.day}&from_1={start.month}&from_2={start.year}",
        },
    )


CSV_HEADER = [
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


@require_GET
def attendance_review_csv(request, pk):
    body, _form, start, end, rows = _review(request, pk)
    name = re.sub(r"[^A-Za-z0-9]+", "-", body.short_name or body.name).strip("-") or "body"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-attendance-{start:%Y-%m-%d}-{end:%Y-%m-%d}.csv"'
    )
    # The byte order mark tells Excel the file is UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for membership, figures in rows:
        writer.writerow(
            [
                membership.person.display_name,
                membership.role_label,
                figures.expected,
                figures.attended,
                figures.apologies,
                figures.substituted,
                figures.absent,
                "" if figures.percentage is None else f"{figures.percentage}",
                "; ".join(_challenge_text(c) for c in membership.challenges_recorded),
            ]
        )
    return response


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
