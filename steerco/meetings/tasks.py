"""Emails about the meeting cycle, sent by the task worker after the change is committed.

They name the meeting and link to it; they never carry a paper's title or contents, because
whoever reads an inbox is not checked against the restricted-paper rule.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django_tasks import task

from steerco.governance.models import Membership
from steerco.meetings import origins
from steerco.meetings.models import Action, Meeting


def _email(person, subject, template, context):
    body = render_to_string(template, {"person": person, "site_url": settings.SITE_URL, **context})
    return EmailMessage(subject, body, to=[person.email])


@task()
def send_agenda_published(meeting_id):
    """Tells the members and usual attendees that the agenda is published."""
    meeting = Meeting.objects.select_related("body", "organisation").get(pk=meeting_id)
    people = {
        membership.person
        for membership in Membership.objects.current(meeting.on)
        .filter(body=meeting.body)
        .select_related("person")
    }
    template = getattr(meeting.body, "meeting_template", None)
    if template is not None:
        people |= set(template.usual_attendees.all())
    subject = f"Agenda published: {meeting.body.name}, {meeting.on:%-d %B %Y}"
    messages = [
        _email(person, subject, "meetings/email/agenda_published.txt", {"meeting": meeting})
        for person in sorted(people, key=lambda p: p.pk)
        if person.email and person.is_active
    ]
    return get_connection().send_messages(messages) or 0


@task()
def send_action_assigned(action_id):
    """Tells the owner of a new action what it is and when it is due."""
    action = Action.objects.select_related("owner", "body", "organisation", "meeting").get(
        pk=action_id
    )
    if not (action.owner.email and action.owner.is_active):
        return 0
    origins.describe([action])
    subject = f"New action for you: {action.body.short_name or action.body.name} {action.number}"
    message = _email(
        action.owner, subject, "meetings/email/action_assigned.txt", {"action": action}
    )
    return get_connection().send_messages([message]) or 0
