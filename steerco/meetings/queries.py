"""Shared reads of the meeting cycle, each in a fixed number of queries whatever the size."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.governance.models import Membership
from steerco.meetings import origins
from steerco.meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Challenge,
    Decision,
    Declaration,
    Meeting,
    MeetingTemplate,
    Paper,
    PaperVersion,
    Withdrawal,
)
from steerco.meetings.rules import attendance as attendance_rules
from steerco.meetings.rules import quorum

CHAIRS = {Membership.Role.CHAIR, Membership.Role.VICE_CHAIR}


def template_for(body):
    """The body's meeting template; until one is saved, an unsaved one with the defaults."""
    template = MeetingTemplate.objects.filter(body=body).first()
    return template or MeetingTemplate(organisation=body.organisation, body=body)


def _presence(attendance, item):
    """Who was in the room for this item (None: the meeting as a whole), allowing for late
    arrival and early departure."""
    if attendance is None:
        return quorum.Presence.ABSENT
    if attendance.status != Attendance.Status.PRESENT or item is None:
        return quorum.Presence(attendance.status)
    arrived = attendance.arrived_for
    left = attendance.left_after
    if (arrived and arrived.position > item.position) or (left and left.position < item.position):
        return quorum.Presence.ABSENT
    return quorum.Presence.PRESENT


def one_per_person(memberships):
    """A person with two memberships on the day (a role changing hands) has one seat: the
    first in role order."""
    seen = set()
    return [m for m in memberships if not (m.person_id in seen or seen.add(m.person_id))]


def seats_for_item(item, memberships, attendance_by_person, withdrawn_ids):
    return [
        quorum.Seat(
            member=membership.person_id,
            counts_toward_quorum=membership.counts_toward_quorum
            and membership.role not in Membership.NOT_COUNTED,
            chairs=membership.role in CHAIRS,
            presence=_presence(attendance_by_person.get(membership.person_id), item),
            withdrawn=membership.person_id in withdrawn_ids,
        )
        for membership in memberships
    ]


def _withdrawn_ids(withdrawals, declarations):
    ids = {withdrawal.person_id for withdrawal in withdrawals}
    return ids | {d.person_id for d in declarations if d.is_prejudicial}


def expected_quorum(rule, memberships, attendance):
    """Before the meeting, apologies received are all that is known: everyone else is
    expected to come."""
    seats = [
        seat if seat.member in attendance else replace(seat, presence=quorum.Presence.PRESENT)
        for seat in seats_for_item(None, memberships, attendance, set())
    ]
    return quorum.assess(rule, seats)


def expected_reasons(assessment, rule):
    """Why a meeting still to come is at risk of being inquorate, in the future tense."""
    reasons = []
    if assessment.counted < rule.minimum:
        reasons.append(
            f"Only {assessment.counted} of the members who count toward quorum are expected; "
            f"at least {rule.minimum} {'is' if rule.minimum == 1 else 'are'} needed."
        )
    if rule.requires_chair and not assessment.chair_present:
        reasons.append("Neither the chair nor the nominated vice chair is expected.")
    return reasons


def quorum_for_item(meeting, item):
    """The quorum of one item, for an action about to record a decision on it."""
    rule = meeting.quorum_rule()
    memberships = one_per_person(
        Membership.objects.current(meeting.on).filter(body=meeting.body).in_role_order()
    )
    attendance = {
        a.person_id: a
        for a in Attendance.objects.filter(meeting=meeting).select_related(
            "arrived_for", "left_after"
        )
    }
    item = AgendaItem.objects.prefetch_related("withdrawals", "declarations").get(pk=item.pk)
    withdrawn = _withdrawn_ids(item.withdrawals.all(), item.declarations.all())
    seats = seats_for_item(item, memberships, attendance, withdrawn)
    return quorum.assess(rule, seats)


def get_meeting(organisation, meeting_pk):
    return get_object_or_404(
        Meeting.objects.with_quorum_rule().select_related(
            "organisation",
            "body__organisation",
            "chair_agreed_by",
            "minutes_approved_at",
            "action_log_agreed_at",
        ),
        organisation=organisation,
        pk=meeting_pk,
    )


@dataclass
class ItemRecord:
    item: AgendaItem
    papers: list  # (paper, current version, readable)
    quorum: quorum.Assessment | None  # None where the page does not show it
    withdrawn: list
    out_of_room: list  # attended the meeting but not in the room for this item
    actions: list = field(default_factory=list)  # arising from this item at this meeting


@dataclass
class MeetingRecord:
    meeting: Meeting
    items: list[ItemRecord]
    memberships: list
    attendance: dict
    rule: quorum.Rule
    quorum: quorum.Assessment | None
    expected: quorum.Assessment  # before the meeting: everyone who has not sent apologies
    action_log: list  # the full log, where asked for (`action_log=True`)
    previous: Meeting | None
    forwardings: list
    deferred: list
    usual_attendees: list

    @property
    def expected_reasons(self):
        return expected_reasons(self.expected, self.rule)

    @property
    def roll(self):
        """Each member on the day, with their attendance (None when not recorded)."""
        return [(m, self.attendance.get(m.person_id)) for m in self.memberships]

    @property
    def attendance_counts(self):
        """How many members of the roll are recorded with each status, in the status order."""
        counts = Counter(a.status for a in self.attendance.values())
        return [
            (label, counts[value]) for value, label in Attendance.Status.choices if counts[value]
        ]


class ItemQuorums:
    """The quorum of each item, from the seats of the meeting as a whole.

    An item differs from the whole meeting only for the members who were out of the room for it
    (arrived later or left earlier) or withdrew from it; most items share those (usually
    nobody), so each distinct set is assessed once.
    """

    def __init__(self, rule, memberships, attendance):
        self.rule = rule
        self.attendance = attendance
        self.whole = seats_for_item(None, memberships, attendance, set())
        self.people = {m.person_id: m.person for m in memberships}
        # Present at the meeting, but not for every item.
        self.movers = [
            seat.member
            for seat in self.whole
            if seat.presence == quorum.Presence.PRESENT
            and (attendance[seat.member].arrived_for_id or attendance[seat.member].left_after_id)
        ]
        self.assessed = {}

    def out_of_room(self, item):
        return [
            member
            for member in self.movers
            if _presence(self.attendance[member], item) != quorum.Presence.PRESENT
        ]

    def assess(self, out, withdrawn):
        key = (frozenset(out), frozenset(withdrawn))
        if key not in self.assessed:
            seats = [
                replace(
                    seat,
                    presence=quorum.Presence.ABSENT if seat.member in key[0] else seat.presence,
                    withdrawn=seat.member in key[1],
                )
                if seat.member in key[0] or seat.member in key[1]
                else seat
                for seat in self.whole
            ]
            self.assessed[key] = quorum.assess(self.rule, seats)
        return self.assessed[key]


def agenda_items(meeting):
    """The meeting's agenda items with everything the agenda shows of them; slice it for a page.

    The related rows come as plain lists (`paper_list` with each paper's `version_list`, newest
    first; `declaration_list`, `withdrawal_list`, `decision_list`; voided entries left out):
    a related manager for every item and relation, which prefetching into the relation's own
    name builds, cost more than the queries."""
    return meeting.items.prefetch_related(
        Prefetch(
            "papers",
            queryset=Paper.objects.select_related("organisation").prefetch_related(
                Prefetch(
                    "versions",
                    queryset=PaperVersion.objects.order_by("-number"),
                    to_attr="version_list",
                )
            ),
            to_attr="paper_list",
        ),
        # Joined, not prefetched: one query each however few the items with a declaration.
        Prefetch(
            "declarations",
            queryset=Declaration.objects.select_related("person"),
            to_attr="declaration_list",
        ),
        Prefetch(
            "withdrawals",
            queryset=Withdrawal.objects.select_related("person"),
            to_attr="withdrawal_list",
        ),
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related(
                "body", "confirmed_by", "referred_to", "supersedes__body"
            ),
            to_attr="decision_list",
        ),
    )


def action_log_query(meeting, previous, reader, on):
    """The meeting's action log as `reader` may read it (not the actions of restricted risks
    they may not read, `origins.hidden`), in number order, with what a row of it shows."""
    return (
        Action.objects.log_for(meeting, previous.on if previous else None)
        .exclude(origins.hidden(reader, meeting.organisation, on))
        .select_related("owner", "meeting__organisation", "item")
        # A plain list on each action (`update_list`): a related manager per row, which
        # prefetching into `updates` builds, costs more than the row's own query share.
        .prefetch_related(Prefetch("updates", to_attr="update_list"))
        .order_by("number", "pk")
    )


def action_log(meeting, previous, reader, on):
    """The whole of `action_log_query`, each action with where it arose (`origins.describe`)."""
    return origins.describe(list(action_log_query(meeting, previous, reader, on)))


ACTION_LOG_HEADINGS = [
    "No.",
    "Action",
    "Owner",
    "Due",
    "Status",
    "Latest update on",
    "Latest update",
    "Arose from",
]


def _arose_from(action):
    if action.meeting_id:
        return f"The meeting of {action.meeting.on:%-d %B %Y}"
    if action.origin:
        return f"{action.origin.label[:1].upper()}{action.origin.label[1:]}, not at a meeting"
    return "Not raised at a meeting"


def action_log_row(action):
    """An action as the action log's downloads and documents give it (from `action_log`)."""
    update = action.update_list[-1] if action.update_list else None
    return [
        action.number,
        action.description,
        str(action.owner),
        action.due_on,
        action.get_status_display(),
        update.on if update else None,
        update.text if update else "",
        _arose_from(action),
    ]


def meeting_record(
    meeting,
    user,
    today,
    *,
    items=None,
    offer_deferred=False,
    item_quorum=True,
    full_log=False,
    access=None,
):
    """What the meeting's pages show, in a fixed number of queries.

    `items` are the agenda items shown (a page of `agenda_items(meeting)`; all of them by
    default); `item_quorum` whether each one's quorum is shown; `full_log` whether the whole
    action log is read, rather than only the actions arising from the items shown; `access`
    the reader's `PaperAccess`, when the caller has it already.
    """
    items = list(agenda_items(meeting) if items is None else items)
    memberships = one_per_person(
        Membership.objects.current(meeting.on)
        .filter(body=meeting.body)
        .select_related("person")
        .in_role_order()
    )
    attendance = {
        a.person_id: a
        for a in meeting.attendance.select_related("arrived_for", "left_after", "person")
    }
    rule = meeting.quorum_rule()
    template = getattr(meeting.body, "meeting_template", None)
    access = access or permissions.PaperAccess(user, meeting.organisation, today)
    quorums = ItemQuorums(rule, memberships, attendance)
    records = []
    for item in items:
        withdrawn_ids = _withdrawn_ids(item.withdrawal_list, item.declaration_list)
        out = quorums.out_of_room(item)
        # A withdrawn paper is not on the agenda, but for whoever manages the body.
        papers = [
            (
                paper,
                paper.version_list[0] if paper.version_list else None,
                access.can_read(paper, meeting.body_id),
            )
            for paper in item.paper_list
            if not paper.is_withdrawn or access.manages(meeting.body_id)
        ]
        records.append(
            ItemRecord(
                item=item,
                papers=papers,
                quorum=quorums.assess(out, withdrawn_ids) if item_quorum else None,
                withdrawn=[w.person for w in item.withdrawal_list],
                out_of_room=[quorums.people[member] for member in out],
            )
        )
    # The meeting as a whole: everyone who attended at some point, before any withdrawal.
    whole = quorum.assess(rule, quorums.whole)
    expected = expected_quorum(rule, memberships, attendance)
    previous = Meeting.objects.previous_to(meeting)
    if full_log:
        log = action_log(meeting, previous, user, today)
        arising = [action for action in log if action.meeting_id == meeting.pk]
    else:
        log = []
        arising = (
            Action.objects.filter(meeting=meeting, item__in=[entry.item for entry in records])
            .exclude(origins.hidden(user, meeting.organisation, today))
            .select_related("owner")
            .order_by("number")
        )
    by_item = defaultdict(list)
    for action in arising:
        by_item[action.item_id].append(action)
    for entry in records:
        entry.actions = by_item[entry.item.pk]
    return MeetingRecord(
        meeting=meeting,
        items=records,
        memberships=memberships,
        attendance=attendance,
        rule=rule,
        quorum=whole if attendance else None,
        expected=expected,
        action_log=log,
        previous=previous,
        forwardings=list(meeting.forwardings.select_related("to_body", "by")) if full_log else [],
        deferred=deferred_items(meeting) if offer_deferred else [],
        usual_attendees=list(template.usual_attendees.all()) if template else [],
    )


def deferred_items(meeting):
    """Items of earlier meetings of the body that were deferred and not yet carried on."""
    return list(
        AgendaItem.objects.filter(
            meeting__body=meeting.body,
            meeting__on__lt=meeting.on,
            decisions__outcome=Decision.Outcome.DEFERRED,
            decisions__voided_at__isnull=True,
            carried_to__isnull=True,
        )
        .select_related("meeting")
        .distinct()
        .order_by("meeting__on", "position")
    )


@dataclass(frozen=True)
class ChallengeDue:
    membership: Membership
    run: tuple[date, ...]
    through_meeting_id: int


def _records(meetings, statuses, person_id, today):
    """The attendance rule's view of one person's meetings: (pk, day, status) triples."""
    return [
        attendance_rules.MeetingRecord(
            on=on,
            held=status != Meeting.Status.CANCELLED and on <= today,
            status=attendance_rules.Status(statuses[(pk, person_id)])
            if (pk, person_id) in statuses
            else None,
        )
        for pk, on, status in meetings
    ]


def _statuses(**meeting_filter):
    return {
        (meeting_id, person_id): status
        for meeting_id, person_id, status in Attendance.objects.filter(
            **{f"meeting__{key}": value for key, value in meeting_filter.items()}
        ).values_list("meeting_id", "person_id", "status")
    }


def challenges_due(bodies, today):
    """Members whose apologies to two consecutive held meetings call for a challenge under the
    Efficient Meetings Protocol, and who have not yet been challenged for that run."""
    body_ids = [body.pk for body in bodies]
    # Every seat as plain values (an administrator runs 25 bodies of 1,600 members: as objects
    # with their people and bodies they were most of the secretary's dashboard's time); only
    # the seats with a challenge due are fetched as objects, below.
    seats = (
        Membership.objects.current(today)
        .filter(body_id__in=body_ids)
        .exclude(role__in=Membership.NOT_COUNTED)
        .in_role_order()
        .values_list("pk", "body_id", "person_id", "starts_on", "ends_on")
    )
    # Only the latest run matters, and it is the last few meetings: a look back of three years
    # covers two meetings of even an annual body without reading a decade of attendance.
    look_back = (today - timedelta(days=3 * 366), today)
    meetings = Meeting.objects.filter(body_id__in=body_ids, on__range=look_back).values_list(
        "pk", "body_id", "on", "status"
    )
    statuses = _statuses(body_id__in=body_ids, on__range=look_back)
    challenged = defaultdict(lambda: None)
    for membership_id, on in Challenge.objects.filter(membership__body_id__in=body_ids).values_list(
        "membership_id", "through_meeting__on"
    ):
        if challenged[membership_id] is None or on > challenged[membership_id]:
            challenged[membership_id] = on
    by_body = defaultdict(list)
    for meeting_id, body_id, on, status in meetings:
        by_body[body_id].append((meeting_id, on, status))
    seen = set()
    due = []
    for pk, body_id, person_id, starts_on, ends_on in seats:
        if (body_id, person_id) in seen:  # one seat, one challenge, whatever the roles
            continue
        seen.add((body_id, person_id))
        records = _records(by_body[body_id], statuses, person_id, today)
        window = {"joined": starts_on, "left": ends_on}
        if attendance_rules.challenge_due(records, challenged_through=challenged[pk], **window):
            run = attendance_rules.apologies_run(records, **window)
            last = next(mid for mid, on, _status in by_body[body_id] if on == run[-1])
            due.append((pk, run, last))
    # The due seats as objects in one query that runs whatever is due (no membership has id 0),
    # so the page's queries do not depend on its data.
    memberships = Membership.objects.select_related("person", "body__organisation").in_bulk(
        [pk for pk, _run, _last in due] or [0]
    )
    due = [
        ChallengeDue(membership=memberships[pk], run=run, through_meeting_id=last)
        for pk, run, last in due
    ]
    due.sort(key=lambda d: (d.membership.body.name, d.membership.person.name, d.membership.pk))
    return due


def attendance_review(body, period_start, period_end, today):
    """Per member over the period: meetings expected, attended, apologies, substituted,
    absent and the percentage (the annual review the terms of reference require)."""
    memberships = one_per_person(
        Membership.objects.filter(body=body)
        .overlapping(period_start, period_end)
        .exclude(role__in=Membership.NOT_COUNTED)
        .select_related("person")
        .in_role_order()
    )
    meetings = list(
        Meeting.objects.filter(body=body, on__range=(period_start, period_end)).values_list(
            "pk", "on", "status"
        )
    )
    statuses = _statuses(body=body, on__range=(period_start, period_end))
    rows = []
    for membership in memberships:
        records = _records(meetings, statuses, membership.person_id, today)
        rows.append(
            (
                membership,
                attendance_rules.figures(
                    records,
                    joined=membership.starts_on,
                    left=membership.ends_on,
                    period_start=period_start,
                    period_end=period_end,
                ),
            )
        )
    return rows


def challenges_recorded(body, *, person_ids=None, period=None):
    """Challenges under the Efficient Meetings Protocol recorded for the body's members, newest
    first (of these people, recorded in this period, when given)."""
    challenges = Challenge.objects.filter(membership__body=body)
    if person_ids is not None:
        challenges = challenges.filter(membership__person_id__in=person_ids)
    if period is not None:
        challenges = challenges.filter(recorded_on__range=period)
    return list(
        challenges.select_related("membership__person", "through_meeting", "by").order_by(
            "-recorded_on", "-id"
        )
    )
