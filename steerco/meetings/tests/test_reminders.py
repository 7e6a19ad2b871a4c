from datetime import date, datetime
from io import StringIO

import time_machine
from django.core.management import call_command
from django.utils import timezone

from steerco.meetings import actions
from steerco.meetings.models import Reminder


def send(day, *options):
    out = StringIO()
    call_command("send_reminders", "--today", day.isoformat(), *options, stdout=out)
    return out.getvalue().strip()


def test_the_secretary_hears_when_the_agenda_deadline_is_near(meeting, secretary, mailoutbox):
    assert meeting.agenda_deadline() == date(2031, 3, 5)
    assert send(date(2031, 2, 28)) == (
        "0 reminders sent: 0 agenda deadline approaching, 0 action overdue."
    )
    assert send(date(2031, 3, 3)) == (
        "1 reminder sent: 1 agenda deadline approaching, 0 action overdue."
    )
    assert [message.to for message in mailoutbox] == [[secretary.email]]
    assert mailoutbox[0].subject == "Agenda due: Digital Services Steering Group, 11 March 2031"
    assert "by the end of Wednesday 5 March 2031" in mailoutbox[0].body
    # Every day after sends it no more.
    send(date(2031, 3, 4))
    assert len(mailoutbox) == 1


def test_a_published_agenda_needs_no_reminder(meeting, secretary, mailoutbox):
    actions.publish_agenda(meeting, by=secretary, now=timezone.make_aware(datetime(2031, 3, 1, 9)))
    send(date(2031, 3, 4))
    assert mailoutbox == []


def test_a_dry_run_counts_and_sends_nothing(meeting, secretary, mailoutbox):
    assert send(date(2031, 3, 3), "--dry-run") == (
        "1 reminder would be sent (dry run): 1 agenda deadline approaching, 0 action overdue."
    )
    assert mailoutbox == []
    assert not Reminder.objects.exists()


def test_an_owner_hears_once_that_their_action_is_overdue(meeting, secretary, member, mailoutbox):
    action = actions.add_action(
        meeting, description="Draft the plan", owner=member, due_on=date(2031, 4, 1), by=secretary
    )
    send(date(2031, 4, 1))
    assert mailoutbox == []  # due today is not overdue
    send(date(2031, 4, 2))
    send(date(2031, 4, 3))
    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([member.email], f"Overdue: DSSG action {action.number}")
    ]


def test_long_overdue_and_closed_actions_send_nothing(meeting, secretary, member, mailoutbox):
    actions.add_action(
        meeting, description="Old", owner=member, due_on=date(2031, 3, 11), by=secretary
    )
    done = actions.add_action(
        meeting, description="Done", owner=member, due_on=date(2031, 6, 1), by=secretary
    )
    with time_machine.travel(datetime(2031, 6, 1, 9)):
        actions.update_action(done, status="done", text="Done.", on=date(2031, 5, 30), by=member)
    send(date(2031, 6, 2))
    assert mailoutbox == []
