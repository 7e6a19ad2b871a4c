"""Every change to the meeting cycle goes through one of these functions.

Each is atomic, checks the rule of the terms of reference it enforces, and records who made
the change and why in the history.
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from steerco import permissions
from steerco.accounts.models import OrganisationMembership
from steerco.governance.models import Membership, ReportingLine
from steerco.lib import rich_text
from steerco.lib.dates import today as council_today
from steerco.lib.history import delete_with_history, save_with_history
from steerco.lib.uploads import check_paper_file
from steerco.lib.versioning import claim_version
from steerco.meetings import tasks
from steerco.meetings.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Challenge,
    Decision,
    Declaration,
    Forwarding,
    Meeting,
    Paper,
    PaperVersion,
    StandingItem,
    Withdrawal,
)
from steerco.meetings.queries import challenges_due, quorum_for_item, template_for
from steerco.meetings.rules import dates, notice
from steerco.meetings.signals import (
    action_added,
    decision_changed,
    forwarded,
    item_removing,
    papers_changed,
)

DEFAULT_STANDING_ITEMS = [
    (StandingItem.Kind.APOLOGIES, "Apologies and substitutes"),
    (StandingItem.Kind.DECLARATIONS, "Declarations of interest"),
    (StandingItem.Kind.PREVIOUS_MINUTES, "Minutes and action log of the previous meeting"),
]

# The months between ordinary meetings for each frequency that has a monthly rhythm.
MONTHS_BETWEEN = {
    "monthly": 1,
    "bi_monthly": 2,
    "quarterly": 3,
    "half_yearly": 6,
    "annually": 12,
}


def _lock(instance):
    """Holds the row until the transaction ends, so that two people recording at once get
    consecutive numbers (DSSG/2026/014 and /015) rather than the same one (PostgreSQL; SQLite
    already writes one transaction at a time)."""
    type(instance).objects.select_for_update().filter(pk=instance.pk).first()


@transaction.atomic
def save_template(template, *, by, standing_titles=None, usual_attendees=None, version=None):
    claim_version(template, version)
    if template.pk is None and standing_titles is None:
        standing_titles = [title for _kind, title in DEFAULT_STANDING_ITEMS]
    save_with_history(template, by=by, reason="Meeting template changed")
    if usual_attendees is not None:
        template.usual_attendees.set(usual_attendees)
    if standing_titles is not None:
        kinds = {title: kind for kind, title in DEFAULT_STANDING_ITEMS}
        template.standing_items.all().delete()
        StandingItem.objects.bulk_create(
            StandingItem(
                template=template,
                position=position,
                title=title,
                kind=kinds.get(title, StandingItem.Kind.OTHER),
            )
            for position, title in enumerate(standing_titles, start=1)
        )
    return template


def _refuse_past(on, today, field="on"):
    if on < today:
        raise ValidationError(
            {field: "The date must be today or in the future: a meeting is scheduled ahead."}
        )


def _refuse_unusual_day(on, nation, confirmed):
    problem = dates.unusual_meeting_day(on, nation)
    if problem and not confirmed:
        raise ValidationError(
            {
                "on": f"{problem}. Choose a working day, or confirm that the meeting is held "
                "on that day."
            }
        )


def _saved_template(body, *, by):
    """The body's template; the first meeting scheduled saves the defaults."""
    template = template_for(body)
    if template.pk is None:
        save_template(template, by=by)
    return template


def _add_standing_items(meeting, template, *, by):
    for standing in template.standing_items.all():
        item = AgendaItem(
            meeting=meeting,
            position=standing.position,
            title=standing.title,
            purpose=standing.purpose,
            source=AgendaItem.Source.STANDING,
            standing_kind=standing.kind,
        )
        save_with_history(item, by=by, reason="Standing item added when the meeting was scheduled")


@transaction.atomic
def schedule_meeting(
    body,
    *,
    on,
    starts_at,
    by,
    today,
    ends_at=None,
    kind=Meeting.Kind.ORDINARY,
    location="",
    chair_agreed_by=None,
    chair_agreed_on=None,
    incident_reference="",
    confirm_unusual_day=False,
):
    _refuse_past(on, today)
    _refuse_unusual_day(on, body.organisation.nation, confirm_unusual_day)
    if kind == Meeting.Kind.AD_HOC and not (chair_agreed_by and chair_agreed_on):
        raise ValidationError(
            {"chair_agreed_by": "Select who agreed to the ad hoc meeting and enter when."}
        )
    if kind == Meeting.Kind.URGENT and not incident_reference.strip():
        raise ValidationError({"incident_reference": "Enter the major incident reference."})
    template = _saved_template(body, by=by)
    meeting = Meeting(
        organisation=body.organisation,
        body=body,
        kind=kind,
        on=on,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location or template.location,
        chair_agreed_by=chair_agreed_by if kind != Meeting.Kind.ORDINARY else None,
        chair_agreed_on=chair_agreed_on if kind != Meeting.Kind.ORDINARY else None,
        incident_reference=incident_reference.strip() if kind == Meeting.Kind.URGENT else "",
    )
    save_with_history(meeting, by=by, reason=f"{meeting.get_kind_display()} scheduled")
    if kind != Meeting.Kind.URGENT:
        _add_standing_items(meeting, template, by=by)
    return meeting


def forward_dates(body, *, start, until, today):
    """The dates of the ordinary meetings a forward programme would add, from the body's
    frequency and template, leaving out dates already taken. Nothing is saved."""
    _refuse_past(start, today, field="start")
    every = MONTHS_BETWEEN.get(body.frequency)
    if every is None:
        raise ValidationError(
            f"{body.name} meets {body.get_frequency_display().lower()}: schedule its meetings "
            "one at a time."
        )
    template = template_for(body)
    dates = notice.schedule(
        start=start,
        until=until,
        every_months=every,
        weekday=template.weekday,
        week_of_month=template.week_of_month,
        nation=body.organisation.nation,
    )
    taken = set(body.meetings.filter(on__in=dates).values_list("on", flat=True))
    return [day for day in dates if day not in taken]


@transaction.atomic
def schedule_forward(body, *, start, until, by, today):
    """Ordinary meetings from the body's frequency and template, skipping dates already taken."""
    template = template_for(body)
    return [
        schedule_meeting(
            body,
            on=day,
            starts_at=template.starts_at,
            ends_at=template.ends_at,
            by=by,
            today=today,
        )
        for day in forward_dates(body, start=start, until=until, today=today)
    ]


@transaction.atomic
def move_meeting(
    meeting,
    *,
    on,
    starts_at,
    location,
    reason,
    by,
    today,
    ends_at=None,
    confirm_unusual_day=False,
):
    if meeting.is_cancelled:
        raise ValidationError("A cancelled meeting cannot be moved.")
    _refuse_past(on, today)
    _refuse_unusual_day(on, meeting.organisation.nation, confirm_unusual_day)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the meeting is moving."})
    meeting.on, meeting.starts_at, meeting.ends_at = on, starts_at, ends_at
    meeting.location = location
    return save_with_history(meeting, by=by, reason=f"Moved: {reason.strip()}")


def took_place(meeting):
    """A meeting with someone recorded present, a decision or minutes took place: its record
    is corrected, never cancelled, since a cancelled meeting's decisions would not stand."""
    return (
        meeting.minutes_approved
        or meeting.attendance.filter(status=Attendance.Status.PRESENT).exists()
        or Decision.objects.filter(item__meeting=meeting).exists()
        or meeting.items.exclude(minutes="").exists()
    )


@transaction.atomic
def cancel_meeting(meeting, *, reason, by):
    if meeting.is_cancelled:
        raise ValidationError("The meeting is already cancelled.")
    if took_place(meeting):
        raise ValidationError(
            "The meeting took place: it has attendance, decisions or minutes recorded, so it "
            "cannot be cancelled. Correct its record instead."
        )
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the meeting is cancelled."})
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_reason = reason.strip()
    return save_with_history(meeting, by=by, reason=f"Cancelled: {reason.strip()}")


def _late_reason_needed(meeting, late_reason, what):
    if meeting.is_published and not late_reason.strip():
        raise ValidationError(
            {
                "late_reason": f"The agenda is already published: enter why this {what} is "
                "added late. The terms of reference allow late papers only in exceptional or "
                "urgent cases."
            }
        )


@transaction.atomic
def save_item(item, *, by, version=None):
    """Adds an agenda item at the end of the agenda, or changes one; one added after
    publication is a late item. Its place is changed by `move_item` only."""
    # One change to an agenda's order at a time, so that its numbers stay 1 to n.
    _lock(item.meeting)
    claim_version(item, version)
    if item.presenting_officer_id and not _in_organisation(
        item.presenting_officer, item.meeting.organisation
    ):
        raise ValidationError({"presenting_officer": "Select a person of the council."})
    if item.pk is None:
        _late_reason_needed(item.meeting, item.late_reason, "item")
        if not item.meeting.is_published:
            item.late_reason = ""
        last = item.meeting.items.aggregate(last=Max("position"))["last"] or 0
        item.position = last + 1
    else:
        # The item may have moved since it was loaded: its place is kept, not written back.
        item.position = AgendaItem.objects.values_list("position", flat=True).get(pk=item.pk)
    _refuse_after_approval(item.meeting)
    save_with_history(item, by=by, reason="Agenda item saved")
    _papers_changed([item.meeting], by=by)
    return item


def _renumber(items, *, by, reason):
    """Numbers the items 1 to n in the order given, saving only those whose number changes."""
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            save_with_history(item, by=by, reason=reason)


@transaction.atomic
def move_item(item, *, by, direction=None, to=None):
    """Moves an item one place up or down the agenda, or (dragged) to the place `to`; the items
    between keep 1 to n."""
    meeting = item.meeting
    if to is None and direction not in ("up", "down"):
        raise ValidationError("Choose whether to move the item up or down.")
    if meeting.is_cancelled:
        raise ValidationError("The meeting was cancelled.")
    _refuse_after_approval(meeting)
    _lock(meeting)
    items = list(meeting.items.order_by("position", "id"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    if to is None:
        place = index - 1 if direction == "up" else index + 1
        if not 0 <= place < len(items):
            raise ValidationError(
                f"The item is already {'first' if direction == 'up' else 'last'} on the agenda."
            )
        reason = f"Agenda item moved {direction}"
    else:
        if not 1 <= to <= len(items):
            raise ValidationError(f"Choose a place on the agenda from 1 to {len(items)}.")
        place = to - 1
        if place == index:
            raise ValidationError(f"The item is already item {to}.")
        reason = f"Agenda item moved to {to}"
    items.insert(place, items.pop(index))
    _renumber(items, by=by, reason=reason)
    item.position = place + 1
    _papers_changed([meeting], by=by)
    return item


@transaction.atomic
def remove_item(item, *, by):
    """Takes an item off a draft agenda, with its papers. Once the agenda is published the item
    is on the record: it can be deferred or carried, not removed."""
    meeting = item.meeting
    _lock(meeting)
    if meeting.is_published:
        raise ValidationError(
            "The agenda is published, so this item stays on the record. Defer it, or carry it "
            "to a later meeting."
        )
    # Voided entries too: they stay in the history of the item.
    if (
        Decision.all_objects.filter(item=item).exists()
        or Action.all_objects.filter(item=item).exists()
        or Declaration.all_objects.filter(item=item).exists()
        or Withdrawal.all_objects.filter(item=item).exists()
        or Attendance.objects.filter(Q(arrived_for=item) | Q(left_after=item)).exists()
    ):
        raise ValidationError(
            "The item has decisions, actions, declarations, withdrawals or attendance recorded "
            "against it: it stays."
        )
    names = set(PaperVersion.objects.filter(paper__item=item).values_list("file", flat=True))
    # One by one, rather than by the database's cascade, so that each change says who and why.
    for paper in item.papers.all():
        delete_with_history(paper, by=by, reason="Agenda item removed")
    for carried in item.carried_to.all():
        carried.carried_from = None
        save_with_history(carried, by=by, reason="The item it was carried from was removed")
    item_removing.send(AgendaItem, item=item, by=by)
    delete_with_history(item, by=by, reason="Agenda item removed")
    _renumber(
        meeting.items.order_by("position", "id"),
        by=by,
        reason="Renumbered: an item before it was removed",
    )
    # A carried copy of a paper shares its file: only files nothing else uses are deleted.
    still_used = set(PaperVersion.objects.filter(file__in=names).values_list("file", flat=True))
    storage = PaperVersion._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names - still_used])


@transaction.atomic
def publish_agenda(meeting, *, by, now, late_reason=""):
    """Publishes the agenda; after the notice deadline only with a reason, and marked late."""
    if meeting.is_cancelled:
        raise ValidationError("The meeting is cancelled.")
    if meeting.is_published:
        raise ValidationError("The agenda is already published.")
    # The deadline is the end of a council working day, so the day is the council's, not UTC's.
    late = meeting.is_past_deadline(timezone.localtime(now).date())
    if late and not late_reason.strip():
        deadline = meeting.agenda_deadline()
        raise ValidationError(
            {
                "late_reason": f"The deadline was the end of {deadline:%A %-d %B %Y}: "
                "enter why the agenda is published late."
            }
        )
    meeting.agenda_published_at = now
    meeting.agenda_published_by = by
    meeting.agenda_late_reason = late_reason.strip() if late else ""
    save_with_history(
        meeting, by=by, reason="Agenda published late" if late else "Agenda published"
    )
    _papers_changed([meeting], by=by)
    if meeting.on >= timezone.localtime(now).date():
        transaction.on_commit(partial(tasks.send_agenda_published.enqueue, meeting.pk))
    return meeting


@transaction.atomic
def agree_agenda(meeting, *, by, now):
    """The chair approves the draft agenda: recorded, so the secretary can publish knowing it."""
    if not permissions.can_agree_agenda(by, meeting, timezone.localtime(now).date()):
        raise ValidationError(
            "Only the chair or vice chair agrees the agenda, before it is published."
        )
    meeting.agenda_agreed_at = now
    meeting.agenda_agreed_by = by
    return save_with_history(meeting, by=by, reason="Agenda agreed by the chair")


@transaction.atomic
def confirm_decision(decision, *, by, now):
    """The person named as confirming a decision taken by agreement confirms it themselves."""
    meeting = decision.item.meeting
    if not permissions.can_confirm_decision(by, decision, meeting):
        raise ValidationError(
            "Only the person named as confirming the decision confirms it, once, before the "
            "minutes are approved."
        )
    claim_version(decision)
    decision.confirmed_at = now
    return save_with_history(decision, by=by, reason="Decision confirmed")


def _store_version(paper, upload, *, by, number):
    file_type = check_paper_file(upload)
    version = PaperVersion(
        paper=paper,
        number=number,
        file_name=upload.name[:255],
        file_type=file_type,
        size=upload.size,
        uploaded_by=by,
    )
    version.file.save(upload.name, upload, save=False)
    version.save()
    return version


@transaction.atomic
def add_paper(
    item, *, title, upload, by, restricted=False, exemption="", readers=(), late_reason=""
):
    meeting = item.meeting
    _refuse_after_approval(meeting)
    _late_reason_needed(meeting, late_reason, "paper")
    check_paper_file(upload)
    if restricted and not exemption:
        raise ValidationError({"exemption": "Select why the paper is restricted."})
    readers = list(readers)
    outsiders = [r for r in readers if not _in_organisation(r, meeting.organisation)]
    if outsiders:
        raise ValidationError({"readers": "Named officers must belong to the council."})
    paper = Paper(
        organisation=meeting.organisation,
        item=item,
        title=title,
        restricted=restricted,
        exemption=exemption if restricted else "",
        late_reason=late_reason.strip() if meeting.is_published else "",
    )
    save_with_history(paper, by=by, reason="Paper added")
    paper.readers.set(readers if restricted else [])
    _store_version(paper, upload, by=by, number=1)
    _papers_changed([meeting], by=by)
    return paper


@transaction.atomic
def replace_paper(paper, *, upload, by):
    """A new version; every earlier file is kept. Its carried copies on other agendas get the
    new version too: an earlier version is served only to whoever manages the body, so a copy
    left on the old file would still serve it."""
    _lock(paper)
    copies = _with_copies(paper)[1:]
    last = paper.versions.aggregate(last=Max("number"))["last"] or 0
    version = _store_version(paper, upload, by=by, number=last + 1)
    save_with_history(paper, by=by, reason=f"Version {version.number} uploaded")
    for copy in copies:
        _lock(copy)
        number = (copy.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        PaperVersion.objects.create(
            paper=copy,
            number=number,
            file=version.file.name,
            file_name=version.file_name,
            file_type=version.file_type,
            size=version.size,
            uploaded_by=by,
        )
        save_with_history(copy, by=by, reason=f"Version {number} uploaded with the original")
    _papers_changed([paper, *copies], by=by)
    return version


def _papers_changed(papers_or_meetings, *, by):
    meetings = {}
    for each in papers_or_meetings:
        meeting = each if isinstance(each, Meeting) else each.item.meeting
        meetings.setdefault(meeting.pk, meeting)
    papers_changed.send(sender=Meeting, meetings=list(meetings.values()), by=by)


def _in_organisation(person, organisation):
    return OrganisationMembership.objects.filter(user=person, organisation=organisation).exists()


def members_on(meeting):
    """The body's memberships current on the day of the meeting."""
    return Membership.objects.current(meeting.on).filter(body=meeting.body)


@transaction.atomic
def record_attendance(
    meeting,
    *,
    person,
    status,
    by,
    substitute_name="",
    arrived_at=None,
    arrived_for=None,
    left_at=None,
    left_after=None,
    now=None,
    reason="Attendance recorded",
):
    _refuse_after_approval(meeting)
    started = meeting.has_started(now or timezone.now())
    if status not in Attendance.BEFORE_THE_MEETING and not started:
        raise ValidationError(
            {
                "status": f"The meeting has not started: {person} can only send apologies or a "
                "substitute until it starts at "
                f"{meeting.starts_at:%H:%M} on {meeting.on:%-d %B %Y}."
            }
        )
    membership = members_on(meeting).filter(person=person).in_role_order().first()
    if membership is None:
        raise ValidationError(
            {"person": f"{person} is not a member of {meeting.body} on the day of the meeting."}
        )
    if status == Attendance.Status.SUBSTITUTE and not substitute_name.strip():
        raise ValidationError(
            {"substitute_name": f"Enter the name of the substitute for {person}."}
        )
    for item in (arrived_for, left_after):
        if item is not None and item.meeting_id != meeting.pk:
            raise ValidationError("The item must be on this meeting's agenda.")
    attendance = Attendance.objects.filter(meeting=meeting, person=person).first() or Attendance(
        meeting=meeting, person=person
    )
    attendance.membership = membership
    attendance.status = status
    present = status == Attendance.Status.PRESENT
    attendance.substitute_name = (
        substitute_name.strip() if status == Attendance.Status.SUBSTITUTE else ""
    )
    attendance.arrived_at = arrived_at if present else None
    attendance.arrived_for = arrived_for if present else None
    attendance.left_at = left_at if present else None
    attendance.left_after = left_after if present else None
    return save_with_history(attendance, by=by, reason=reason)


@transaction.atomic
def record_attendance_of_all(
    meeting, *, rows, by, now=None, reason="Attendance recorded for the whole meeting"
):
    """Records every row of the attendance page in one save: all of them or, when any row is
    refused, none. `rows` maps each person to the keyword arguments of `record_attendance`.

    A refusal lists every refused row, each message naming its member, keyed by the person's id.
    """
    errors = {}
    saved = []
    for person, row in rows.items():
        try:
            with transaction.atomic():
                saved.append(
                    record_attendance(
                        meeting,
                        person=person,
                        by=by,
                        now=now,
                        reason=reason,
                        **row,
                    )
                )
        except ValidationError as error:
            errors[str(person.pk)] = [
                message if str(person) in message else f"{person}: {message}"
                for message in error.messages
            ]
    if errors:
        raise ValidationError(errors)  # leaving the transaction undoes the rows saved before
    return saved


@transaction.atomic
def mark_everyone_present(meeting, *, by, now=None):
    """Records as present every member whose attendance is not recorded yet: apologies received
    before the meeting stay. Only once the meeting has started."""
    now = now or timezone.now()
    if not meeting.has_started(now):
        raise ValidationError(
            "The meeting has not started: members can be marked present once it starts at "
            f"{meeting.starts_at:%H:%M} on {meeting.on:%-d %B %Y}."
        )
    recorded = set(meeting.attendance.values_list("person_id", flat=True))
    people = [
        membership.person
        for membership in members_on(meeting).select_related("person").in_role_order()
        if membership.person_id not in recorded
    ]
    rows = {person: {"status": Attendance.Status.PRESENT} for person in dict.fromkeys(people)}
    return record_attendance_of_all(
        meeting, rows=rows, by=by, now=now, reason="Everyone not yet recorded marked present"
    )


@transaction.atomic
def declare_interest(item, *, person, kind, nature, by, in_advance=False):
    """Records a declaration; a prejudicial one withdraws the person from the item."""
    _refuse_after_approval(item.meeting)
    if not _in_organisation(person, item.meeting.organisation):
        raise ValidationError({"person": "Select a person of the council."})
    if Declaration.objects.filter(item=item, person=person).exists():
        raise ValidationError(
            {"person": f"{person} has already declared an interest in this item."}
        )
    if not nature.strip():
        raise ValidationError({"nature": "Enter the nature of the interest."})
    declaration = Declaration(
        item=item, person=person, kind=kind, nature=nature.strip(), in_advance=in_advance
    )
    save_with_history(declaration, by=by, reason="Interest declared")
    if declaration.is_prejudicial:
        withdrawal = Withdrawal(
            item=item, person=person, declaration=declaration, reason="Prejudicial interest"
        )
        save_with_history(withdrawal, by=by, reason="Withdrew for a prejudicial interest")
        _papers_changed([item.meeting], by=by)
    return declaration


@transaction.atomic
def record_withdrawal(item, *, person, by, withdrew_at=None, returned_at=None, reason=""):
    _refuse_after_approval(item.meeting)
    withdrawal = Withdrawal.objects.filter(item=item, person=person).first() or Withdrawal(
        item=item, person=person
    )
    withdrawal.withdrew_at, withdrawal.returned_at = withdrew_at, returned_at
    withdrawal.reason = reason or withdrawal.reason
    return save_with_history(withdrawal, by=by, reason="Withdrawal recorded")


def _refuse_after_approval(meeting):
    if meeting.minutes_approved:
        raise ValidationError(
            "The minutes of this meeting are approved: the record can no longer be changed."
        )


def _check_decision(
    item,
    *,
    outcome,
    confirmed_by,
    conditions,
    referred_to,
    votes_for,
    votes_against,
    abstentions,
):
    """The rules every decision meets, whether recorded or amended before the minutes are
    approved."""
    meeting = item.meeting
    body = meeting.body
    _refuse_after_approval(meeting)
    if meeting.is_cancelled:
        raise ValidationError("The meeting was cancelled.")
    quorum = quorum_for_item(meeting, item)
    if not quorum.quorate and outcome not in Decision.WITHOUT_QUORUM:
        raise ValidationError(
            {
                "outcome": "The item is inquorate, so it can only be deferred or noted. "
                + " ".join(quorum.reasons)
            }
        )
    counts = (votes_for, votes_against, abstentions)
    if body.decision_method == body.DecisionMethod.AGREEMENT:
        if any(count is not None for count in counts):
            raise ValidationError(
                f"{body.name} decides by agreement: there are no votes to record."
            )
        if confirmed_by is None:
            raise ValidationError({"confirmed_by": "Select who confirmed the decision."})
    elif votes_for is None or votes_against is None:
        raise ValidationError("Enter the votes for and against.")
    if outcome == Decision.Outcome.REFERRED and referred_to is None:
        raise ValidationError({"referred_to": "Select the body the item is referred to."})
    if outcome == Decision.Outcome.APPROVED_WITH_CONDITIONS and not conditions.strip():
        raise ValidationError({"conditions": "Enter the conditions."})


def _refuse_review_date(item, review_on):
    problem = review_on and dates.review_date_problem(review_on, item.meeting.on)
    if problem:
        raise ValidationError({"review_on": f"{problem}."})


def _decision_fields(
    *,
    statement,
    outcome,
    confirmed_by=None,
    conditions="",
    review_on=None,
    referred_to=None,
    votes_for=None,
    votes_against=None,
    abstentions=None,
):
    return {
        "statement": statement.strip(),
        "outcome": outcome,
        "confirmed_by": confirmed_by,
        "conditions": conditions.strip(),
        "review_on": review_on,
        "referred_to": referred_to if outcome == Decision.Outcome.REFERRED else None,
        "votes_for": votes_for,
        "votes_against": votes_against,
        "abstentions": abstentions,
    }


def _check(item, fields):
    checked = ("statement", "review_on")
    _check_decision(item, **{k: v for k, v in fields.items() if k not in checked})
    _refuse_review_date(item, fields["review_on"])


def _decision_changed(decision, superseded, *, by, change):
    """Tells the apps above (steerco/meetings/signals.py) which items' standing decision may
    have changed: the decision's own and those of the chain of decisions it supersedes."""
    items = [decision.item]
    while superseded is not None:
        items.append(superseded.item)
        superseded = superseded.supersedes
    decision_changed.send(Decision, decision=decision, items=items, by=by, change=change)


@transaction.atomic
def record_decision(item, *, by, supersedes=None, **decision):
    """Records a decision with the next reference of the body and year (DSSG/2026/014)."""
    fields = _decision_fields(**decision)
    _check(item, fields)
    meeting = item.meeting
    if supersedes is not None and (
        supersedes.body_id != meeting.body_id or hasattr(supersedes, "superseded_by")
    ):
        raise ValidationError({"supersedes": "Select a current decision of this body."})
    _lock(meeting.body)
    year = meeting.on.year
    # Voided decisions keep their numbers: a reference once minuted is never given to another.
    last = Decision.all_objects.filter(body=meeting.body, year=year).aggregate(last=Max("number"))
    decision = Decision(
        organisation=meeting.organisation,
        body=meeting.body,
        item=item,
        year=year,
        number=(last["last"] or 0) + 1,
        supersedes=supersedes,
        **fields,
    )
    save_with_history(decision, by=by, reason="Decision recorded")
    _decision_changed(decision, decision.supersedes, by=by, change="recorded")
    return decision


@transaction.atomic
def amend_decision(decision, *, by, version=None, **changes):
    """Corrects a decision while the minutes are still a draft; once they are approved a
    decision stands, and only a later decision can supersede it."""
    claim_version(decision, version)
    fields = _decision_fields(**changes)
    _check(decision.item, fields)
    for name, value in fields.items():
        setattr(decision, name, value)
    save_with_history(decision, by=by, reason="Decision amended before approval")
    _decision_changed(decision, decision.supersedes, by=by, change="amended")
    return decision


@transaction.atomic
def save_minutes(item, *, text, by, version=None):
    """Saves an item's minutes as written (steerco.lib.rich_text) and the HTML shown."""
    # The meeting first, as every change to its agenda takes it: holding the item while moving
    # the agenda holds the meeting would deadlock the two, and the move would write back the
    # minutes it read before this save.
    _lock(item.meeting)
    claim_version(item, version, field="minutes_version")
    _refuse_after_approval(item.meeting)
    item.minutes_text = rich_text.normalised(text)
    item.minutes = rich_text.to_html(item.minutes_text)
    return save_with_history(item, by=by, reason="Minutes drafted")


@transaction.atomic
def save_meeting_minutes(meeting, *, minutes, by):
    """Saves the minutes of several items of a meeting at once: all of them or, when any is
    refused (changed by someone else since it was opened), none. `minutes` maps each item to
    its text and the minutes version opened. An item whose text is unchanged is left alone.

    A refusal says which item, keyed by the item's id."""
    _refuse_after_approval(meeting)
    errors, saved = {}, []
    for item, (text, version) in minutes.items():
        if item.meeting_id != meeting.pk:
            raise ValidationError("The item must be on this meeting's agenda.")
        if rich_text.normalised(text) == item.minutes_text:
            continue
        try:
            with transaction.atomic():
                saved.append(save_minutes(item, text=text, by=by, version=version))
        except ValidationError as error:
            errors[str(item.pk)] = [
                f"Item {item.position}, {item.title}: {message}" for message in error.messages
            ]
    if errors:
        raise ValidationError(errors)  # leaving the transaction undoes the items saved before
    return saved


def _refuse_not_later(earlier, at):
    if at.body_id != earlier.body_id or (at.on, at.pk) <= (earlier.on, earlier.pk):
        raise ValidationError("It is agreed at a later meeting of the same body.")
    if at.is_cancelled:
        raise ValidationError("The meeting was cancelled.")


def _refuse_not_held(at):
    """A record is agreed by a meeting that sits: on its day or after, never ahead of it."""
    if not at.is_held(council_today()):
        raise ValidationError(
            f"The meeting of {at.on:%-d %B %Y} has not taken place yet. Record what it agreed "
            "on the day of the meeting or after it."
        )


@transaction.atomic
def approve_minutes(meeting, *, at, by, corrections=""):
    """The draft minutes are approved as an accurate record at the next meeting."""
    _refuse_not_later(meeting, at)
    _refuse_not_held(at)
    if meeting.minutes_approved:
        raise ValidationError("These minutes are already approved.")
    meeting.minutes_approved_at = at
    meeting.minutes_corrections = corrections.strip()
    return save_with_history(meeting, by=by, reason=f"Minutes approved at the meeting of {at.on}")


@transaction.atomic
def agree_action_log(meeting, *, at, by):
    _refuse_not_later(meeting, at)
    _refuse_not_held(at)
    if meeting.action_log_agreed_at_id:
        raise ValidationError("This action log is already agreed.")
    meeting.action_log_agreed_at = at
    return save_with_history(meeting, by=by, reason=f"Action log agreed at the meeting of {at.on}")


@transaction.atomic
def agree_previous_record(previous, *, at, by, minutes=False, corrections="", action_log=False):
    """What a meeting agrees of the previous meeting's record: its minutes, its action log or
    both. Both or neither: a refusal of the second undoes the first."""
    if not (minutes or action_log):
        raise ValidationError("Select what the meeting agreed.")
    if corrections.strip() and not minutes:
        raise ValidationError(
            {"corrections": "Corrections are recorded with the approval of the minutes."}
        )
    if minutes:
        approve_minutes(previous, at=at, by=by, corrections=corrections)
    if action_log:
        agree_action_log(previous, at=at, by=by)
    return previous


def lines_carrying(body, what):
    """The reporting lines from `body` that carry its `what`, those with a condition included."""
    return [
        line
        for line in ReportingLine.objects.filter(from_body=body)
        .select_related("to_body")
        .order_by("to_body__name", "pk")
        if what in line.carries
    ]


def recipients(body, what):
    """The bodies the reporting lines say receive this body's `what` every time. A line with a
    condition ("at the request of Cabinet") is left for the secretary to choose."""
    bodies = [line.to_body for line in lines_carrying(body, what) if not line.condition.strip()]
    return list({body.pk: body for body in bodies}.values())


@transaction.atomic
def forward(meeting, *, what, to_bodies, on, by):
    if what == Forwarding.What.ACTION_LOG and not meeting.action_log_agreed_at_id:
        raise ValidationError("The action log is forwarded once it is agreed.")
    if what in (Forwarding.What.MINUTES, Forwarding.What.DECISIONS) and not (
        meeting.minutes_approved
    ):
        raise ValidationError("Minutes and decisions are forwarded once the minutes are approved.")
    if not to_bodies:
        raise ValidationError({"to_bodies": "Select at least one body."})
    problem = dates.forwarding_date_problem(on, meeting.on, council_today())
    if problem:
        raise ValidationError({"forwarded_on": f"{problem}."})
    done = []
    for body in to_bodies:
        if body.organisation_id != meeting.organisation_id:
            raise ValidationError({"to_bodies": "Select bodies of this council."})
        if Forwarding.objects.filter(meeting=meeting, what=what, to_body=body).exists():
            continue
        forwarding = Forwarding(meeting=meeting, what=what, to_body=body, forwarded_on=on, by=by)
        reason = f"{forwarding.get_what_display()} forwarded to {body}"
        done.append(save_with_history(forwarding, by=by, reason=reason))
    if done:
        forwarded.send(sender=Forwarding, forwardings=done, by=by)
    return done


@transaction.atomic
def add_action(meeting, *, description, owner, due_on, by, item=None):
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": "The item must be on this meeting's agenda."})
    return _add_action(
        meeting.body,
        description=description,
        owner=owner,
        due_on=due_on,
        by=by,
        on=meeting.on,
        meeting=meeting,
        item=item,
    )


@transaction.atomic
def raise_action(body, *, description, owner, due_on, by, on=None):
    """An action put on the body's action log between its meetings (a risk's mitigating
    action, raised from the risk): it arose on the day `on`, today by default, at no
    meeting."""
    return _add_action(
        body,
        description=description,
        owner=owner,
        due_on=due_on,
        by=by,
        on=on or council_today(),
        raised_on=on or council_today(),
    )


def _add_action(body, *, description, owner, due_on, by, on, **arose):
    if owner is None:
        raise ValidationError({"owner": "Select the owner of the action."})
    if not _in_organisation(owner, body.organisation):
        raise ValidationError({"owner": "The owner must be a person of the council."})
    if not description.strip():
        raise ValidationError({"description": "Enter the action."})
    problem = dates.action_due_problem(due_on, on, raised="raised_on" in arose)
    if problem:
        raise ValidationError({"due_on": f"{problem}."})
    _lock(body)
    last = Action.all_objects.filter(body=body).aggregate(last=Max("number"))["last"]
    action = Action(
        organisation=body.organisation,
        body=body,
        number=(last or 0) + 1,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
        **arose,
    )
    save_with_history(action, by=by, reason="Action added")
    action_added.send(sender=Action, action=action, by=by)
    if owner != by and due_on >= timezone.localdate():
        transaction.on_commit(partial(tasks.send_action_assigned.enqueue, action.pk))
    return action


@transaction.atomic
def update_action(action, *, status, text, on, by, version=None):
    claim_version(action, version)
    if not text.strip():
        raise ValidationError({"text": "Enter the update."})
    problem = dates.update_date_problem(
        on, action.arose_on, council_today(), raised=action.meeting_id is None
    )
    if problem:
        raise ValidationError({"on": f"{problem}."})
    ActionUpdate.objects.create(action=action, on=on, text=text.strip(), status=status, by=by)
    action.status = status
    action.closed_on = None if action.is_open else (action.closed_on or on)
    return save_with_history(action, by=by, reason="Action updated")


@transaction.atomic
def carry_item(item, *, to, by):
    """Carries an item, with its papers and their versions, to a later meeting."""
    _refuse_not_later(item.meeting, to)
    _lock(to)
    if to.items.filter(carried_from=item).exists():
        raise ValidationError("This item is already on that agenda.")
    last = to.items.aggregate(last=Max("position"))["last"] or 0
    carried = AgendaItem(
        meeting=to,
        position=last + 1,
        title=item.title,
        presenter=item.presenter,
        purpose=item.purpose,
        source=AgendaItem.Source.CARRIED,
        carried_from=item,
        late_reason=f"Carried from the meeting of {item.meeting.on:%-d %B %Y}"
        if to.is_published
        else "",
    )
    reason = f"Carried from {item.meeting}"
    save_with_history(carried, by=by, reason=reason)
    # A withdrawn paper is not carried: it is off the agenda.
    for paper in item.papers.filter(withdrawn_at__isnull=True).prefetch_related(
        "versions", "readers"
    ):
        copy = Paper(
            organisation=paper.organisation,
            item=carried,
            title=paper.title,
            restricted=paper.restricted,
            exemption=paper.exemption,
        )
        save_with_history(copy, by=by, reason=reason)
        copy.readers.set(paper.readers.all())
        PaperVersion.objects.bulk_create(
            PaperVersion(
                paper=copy,
                number=version.number,
                file=version.file.name,
                file_name=version.file_name,
                file_type=version.file_type,
                size=version.size,
                uploaded_by=version.uploaded_by,
            )
            for version in paper.versions.all()
        )
    _papers_changed([to], by=by)
    return carried


@transaction.atomic
def record_challenge(membership, *, on, by, note="", through_meeting=None):
    """Records a challenge under the Efficient Meetings Protocol, only where one is due on the
    day: through the last meeting of the member's run of apologies (`through_meeting`, when
    given, must be that meeting)."""
    due = next(
        (due for due in challenges_due([membership.body], on) if due.membership == membership),
        None,
    )
    if due is None or (
        through_meeting is not None and through_meeting.pk != due.through_meeting_id
    ):
        raise ValidationError(f"No challenge of {membership.person} is due.")
    challenge = Challenge(
        organisation=membership.organisation,
        membership=membership,
        through_meeting_id=due.through_meeting_id,
        recorded_on=on,
        note=note.strip(),
        by=by,
    )
    return save_with_history(challenge, by=by, reason="Challenge recorded as done")


def _reason_needed(reason, what):
    if not reason.strip():
        raise ValidationError({"reason": f"Enter why {what}."})
    return reason.strip()


@transaction.atomic
def retitle_paper(paper, *, title, reason, by):
    reason = _reason_needed(reason, "the paper is renamed")
    if not title.strip():
        raise ValidationError({"title": "Enter the title of the paper."})
    if title.strip() == paper.title:
        raise ValidationError({"title": "Enter a title different from the current one."})
    paper.title = title.strip()
    save_with_history(paper, by=by, reason=f"Retitled: {reason}")
    _papers_changed([paper], by=by)
    return paper


def _with_copies(paper):
    """The paper and its carried copies on other agendas: they share its files, so a file
    pulled from one is pulled from all."""
    names = PaperVersion.objects.filter(paper=paper).values_list("file", flat=True)
    copies = Paper.objects.filter(organisation=paper.organisation_id, versions__file__in=names)
    return [paper, *copies.exclude(pk=paper.pk).distinct().order_by("pk")]


@transaction.atomic
def change_restriction(paper, *, restricted, exemption, reason, by):
    """Restricts an open paper (with the exemption that applies) or opens a restricted one, with
    its carried copies. It takes effect at once: every read asks the permission layer."""
    reason = _reason_needed(reason, "the restriction changes")
    if restricted and not exemption:
        raise ValidationError({"exemption": "Select why the paper is restricted."})
    exemption = exemption if restricted else ""
    if (restricted, exemption) == (paper.restricted, paper.exemption):
        raise ValidationError({"restricted": "The paper already has this restriction."})
    change = f"{'Restricted' if restricted else 'Opened to the public'}: {reason}"
    for each in _with_copies(paper):
        each.restricted, each.exemption = restricted, exemption
        save_with_history(each, by=by, reason=change)
        if not restricted:
            each.readers.clear()
    _papers_changed(_with_copies(paper), by=by)
    return paper


@transaction.atomic
def withdraw_paper(paper, *, reason, by):
    """Withdraws a paper and its carried copies: they stay in the history, but from now on only
    whoever manages the body is served them (a sensitive paper uploaded as open is pulled at
    once)."""
    if paper.is_withdrawn:
        raise ValidationError("The paper is already withdrawn.")
    reason = _reason_needed(reason, "the paper is withdrawn")
    now = timezone.now()
    for each in _with_copies(paper):
        if not each.is_withdrawn:
            each.withdrawn_at, each.withdrawn_reason = now, reason
            save_with_history(each, by=by, reason=f"Withdrawn: {reason}")
    _papers_changed(_with_copies(paper), by=by)
    return paper


def _void_meeting(entry):
    return entry.meeting if isinstance(entry, Action) else entry.item.meeting


VOID_LABELS = {
    Decision: "decision",
    Action: "action",
    Declaration: "declaration",
    Withdrawal: "withdrawal",
}


@transaction.atomic
def _refuse_once_on_an_agreed_log(action):
    """An action raised at no meeting is on its body's action log from the day it was raised
    (`ActionQuerySet.log_for`): once such a log is agreed, it is part of that record."""
    agreed = (
        Meeting.objects.filter(
            body_id=action.body_id,
            on__gte=action.raised_on,
            action_log_agreed_at__isnull=False,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("on")
        .first()
    )
    if agreed is not None:
        raise ValidationError(
            f"This action was on the action log of the meeting of {agreed.on:%-d %B %Y}, "
            "which is agreed, so it can no longer be voided. Cancel it with an update that "
            "says why."
        )


def void_entry(entry, *, reason, by):
    """Voids a decision, action, declaration or withdrawal entered in error. It leaves the
    record (the register, the action log, reminders, quorum and withheld papers) but stays in
    the history with who voided it, when and why. Once the minutes are approved (for an
    action, also once the action log is agreed) the record stands: it is corrected by a later
    decision superseding it, or by a correction recorded with the approval. An action raised at
    no meeting (a risk's mitigating action) belongs to no meeting's record: it is voided when
    it was entered in error (the register decides who may), until an action log carrying it
    is agreed."""
    what = VOID_LABELS[type(entry)]
    meeting = _void_meeting(entry)
    if entry.is_voided:
        raise ValidationError(f"This {what} is already voided.")
    if meeting is not None and (
        meeting.minutes_approved or (isinstance(entry, Action) and meeting.action_log_agreed_at_id)
    ):
        raise ValidationError(
            f"The record of this meeting is approved, so the {what} can no longer be voided. "
            "Record a later decision that supersedes it, or a correction with the approval of "
            "the minutes."
        )
    if isinstance(entry, Action) and meeting is None:
        _refuse_once_on_an_agreed_log(entry)
    reason = _reason_needed(reason, f"the {what} is voided")
    if isinstance(entry, (Decision, Action)):
        claim_version(entry)  # an amendment made meanwhile is not voided unseen
    entry.voided_at, entry.voided_by, entry.void_reason = timezone.now(), by, reason
    superseded = getattr(entry, "supersedes", None)
    if isinstance(entry, Decision):
        # The decision it superseded stands again (the history keeps the link).
        entry.supersedes = None
    save_with_history(entry, by=by, reason=f"Voided: {reason}")
    if isinstance(entry, Decision):
        _decision_changed(entry, superseded, by=by, change="voided")
    if isinstance(entry, Declaration):
        # The withdrawal that a prejudicial declaration made goes with it.
        for withdrawal in entry.withdrawals.all():
            void_entry(withdrawal, reason=reason, by=by)
        _papers_changed([meeting], by=by)
    return entry
