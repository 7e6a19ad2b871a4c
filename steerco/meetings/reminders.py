"""The daily reminders of the meeting cycle, sent by `manage.py send_reminders`.

- The secretary of a body hears, in the last two working days before an agenda deadline, that the
  agenda is still unpublished (the terms of reference want it out four working days ahead).
- The owner of an action hears once that it is overdue, within a week of its due date (older
  overdue actions are for the dashboard, not for a burst of emails on the first run).

Each reminder is recorded, so running the command twice in a day, or every day, sends it once.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string

from steerco.governance.models import Membership
from steerco.meetings import origins
from steerco.meetings.models import Action, Meeting, Reminder
from steerco.meetings.rules import notice

REMIND_WORKING_DAYS = 2
OVERDUE_WITHIN_DAYS = 7
# Far enough ahead for any notice period a body is likely to set.
LOOK_AHEAD_DAYS = 60


@dataclass(frozen=True)
class Due:
    kind: str
    recipient: object
    meeting: Meeting | None = None
    action: Action | None = None


def _deadlines_near(today):
    meetings = (
        Meeting.objects.filter(
            on__range=(today, today + timedelta(days=LOOK_AHEAD_DAYS)),
            agenda_published_at__isnull=True,
            status=Meeting.Status.SCHEDULED,
        )
        .exclude(kind=Meeting.Kind.URGENT)
        .select_related("body", "organisation")
    )
    near = []
    for meeting in meetings:
        deadline = meeting.agenda_deadline()
        nation = meeting.organisation.nation
        if notice.working_days_before(deadline, REMIND_WORKING_DAYS, nation) <= today <= deadline:
            near.append(meeting)
    return near


def _owner_reads(action, today):
    """An owner who may no longer read their action (a restricted risk's, once they may not
    read the risk) is not sent its text. Asked only of actions raised at no meeting."""
    if action.meeting_id is not None:
        return True
    hidden = origins.hidden(action.owner, action.organisation, today)
    return not Action.objects.filter(hidden, pk=action.pk).exists()


def due_reminders(today):
    near = _deadlines_near(today)
    secretaries = (
        Membership.objects.current(today)
        .filter(body__in={meeting.body_id for meeting in near}, role=Membership.Role.SECRETARY)
        .select_related("person")
    )
    by_body = {}
    for membership in secretaries:
        by_body.setdefault(membership.body_id, []).append(membership.person)
    due = [
        Due(Reminder.Kind.AGENDA_DEADLINE, person, meeting=meeting)
        for meeting in near
        for person in by_body.get(meeting.body_id, [])
    ]
    overdue = (
        Action.objects.overdue(today)
        .filter(due_on__gte=today - timedelta(days=OVERDUE_WITHIN_DAYS))
        .select_related("owner", "body", "organisation")
    )
    due += [
        Due(Reminder.Kind.ACTION_OVERDUE, action.owner, action=action)
        for action in overdue
        if _owner_reads(action, today)
    ]
    sent = set(
        Reminder.objects.filter(sent_on__gte=today - timedelta(days=LOOK_AHEAD_DAYS)).values_list(
            "kind", "meeting_id", "action_id", "recipient_id"
        )
    )
    return [
        reminder
        for reminder in due
        if (
            reminder.kind,
            reminder.meeting and reminder.meeting.pk,
            reminder.action and reminder.action.pk,
            reminder.recipient.pk,
        )
        not in sent
        and reminder.recipient.email
        and reminder.recipient.is_active
    ]


def _message(reminder):
    context = {"person": reminder.recipient, "site_url": settings.SITE_URL}
    if reminder.kind == Reminder.Kind.AGENDA_DEADLINE:
        meeting = reminder.meeting
        subject = f"Agenda due: {meeting.body.name}, {meeting.on:%-d %B %Y}"
        context |= {"meeting": meeting, "deadline": meeting.agenda_deadline()}
        template = "meetings/email/reminder_agenda_deadline.txt"
    else:
        action = reminder.action
        subject = f"Overdue: {action.body.short_name or action.body.name} action {action.number}"
        context |= {"action": action}
        template = "meetings/email/reminder_action_overdue.txt"
    return EmailMessage(subject, render_to_string(template, context), to=[reminder.recipient.email])


def send_reminders(today, *, dry_run=False):
    """Sends what is due and records it; returns how many of each kind."""
    due = due_reminders(today)
    if not dry_run:
        with transaction.atomic():
            Reminder.objects.bulk_create(
                Reminder(
                    kind=reminder.kind,
                    meeting=reminder.meeting,
                    action=reminder.action,
                    recipient=reminder.recipient,
                    sent_on=today,
                )
                for reminder in due
            )
            get_connection().send_messages([_message(reminder) for reminder in due])
    return Counter(reminder.kind for reminder in due)
