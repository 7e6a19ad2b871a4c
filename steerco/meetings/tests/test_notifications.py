from datetime import date, datetime, time

import pytest
from django.utils import timezone

from steerco.meetings import actions, queries
from steerco.meetings.models import AgendaItem

IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE}}
    settings.SITE_URL = "https://steerco.northby.gov.uk"


def test_publishing_tells_the_members(
    meeting,
    members,
    secretary,
    make_person,
    organisation,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    template = queries.template_for(meeting.body)
    presenter = make_person("presenter", organisation, name="Pat Presenter")
    template.usual_attendees.add(presenter)
    paper_item = actions.save_item(AgendaItem(meeting=meeting, title="Telephony"), by=secretary)
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_agenda(
            meeting, by=secretary, now=timezone.make_aware(datetime(2031, 3, 2, 9))
        )
    recipients = sorted(message.to[0] for message in mailoutbox)
    expected = sorted(person.email for person in [*members, secretary, presenter])
    assert recipients == expected
    message = mailoutbox[0]
    assert message.subject == "Agenda published: Digital Services Steering Group, 11 March 2031"
    assert f"https://steerco.northby.gov.uk/northby/meetings/{meeting.pk}/" in message.body
    assert paper_item.title not in message.body


def test_publishing_a_past_meeting_sends_nothing(
    steering_group, secretary, members, mailoutbox, django_capture_on_commit_callbacks
):
    past = actions.schedule_meeting(
        steering_group,
        on=date(2025, 3, 11),
        starts_at=time(10),
        by=secretary,
        today=date(2025, 1, 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_agenda(
            past,
            by=secretary,
            now=timezone.make_aware(datetime(2025, 3, 20, 9)),
            late_reason="Record",
        )
    assert mailoutbox == []


def test_a_new_action_tells_its_owner(
    meeting, secretary, member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        action = actions.add_action(
            meeting,
            description="Draft the telephony plan",
            owner=member,
            due_on=date(2031, 4, 1),
            by=secretary,
        )
        actions.add_action(
            meeting,
            description="Book the room",
            owner=secretary,
            due_on=date(2031, 4, 1),
            by=secretary,
        )
    assert [message.to for message in mailoutbox] == [[member.email]]
    assert "Draft the telephony plan" in mailoutbox[0].body
    assert f"/northby/actions/{action.pk}/" in mailoutbox[0].body


def test_nothing_is_sent_when_the_change_is_refused(
    meeting, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        actions.add_action(
            meeting, description="No owner", owner=None, due_on=date(2031, 4, 1), by=secretary
        )
    assert mailoutbox == []
