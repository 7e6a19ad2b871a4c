from datetime import time, timedelta

from django.urls import reverse

from steerco.lib.dates import today
from steerco.lib.sections import _registry
from steerco.meetings import actions
from steerco.meetings.models import Attendance, Meeting

WARNING = "To be challenged under the Efficient Meetings Protocol"


def body_page(client, body):
    url = reverse("governance:body-detail", kwargs={"org": body.organisation.slug, "pk": body.pk})
    return client.get(url).content.decode()


def held(body, days_ago):
    return Meeting.objects.create(
        organisation=body.organisation, body=body, on=today() - timedelta(days=days_ago)
    )


def test_the_meetings_app_adds_its_sections_to_the_governance_pages():
    # The documents app adds the forward plan after it, and the dashboard its link, in the
    # order of INSTALLED_APPS.
    assert [s.name for s in _registry["governance:home"]] == [
        "coming up",
        "forward plan",
        "chair's dashboard",
    ]
    assert [s.name for s in _registry["governance:body-detail"]] == [
        "challenges due",
        "challenges recorded",
        "meetings",
        # The apps above add theirs after, in the order of INSTALLED_APPS.
        "calendar feed",
    ]


def test_the_body_page_lists_the_meetings_the_reader_may_see(
    client, organisation, steering_group, secretary
):
    past = held(steering_group, 10)
    coming = actions.schedule_meeting(
        steering_group,
        on=today() + timedelta(days=30),
        starts_at=time(10),
        by=secretary,
        today=today(),
    )

    html = body_page(client, steering_group)

    assert (past.get_absolute_url() in html, coming.get_absolute_url() in html) == (False, False)
    assert "None scheduled" in html and "None yet" in html  # neither agenda is published
    client.force_login(secretary)
    html = body_page(client, steering_group)
    assert (past.get_absolute_url() in html, coming.get_absolute_url() in html) == (True, True)


def test_the_body_page_shows_challenges_due_only_to_those_who_manage_the_body(
    client, organisation, steering_group, secretary, member
):
    for days_ago in (40, 20):
        actions.record_attendance(
            held(steering_group, days_ago),
            person=member,
            status=Attendance.Status.APOLOGIES,
            by=secretary,
        )

    client.force_login(secretary)
    assert WARNING in body_page(client, steering_group)
    client.force_login(member)
    assert WARNING not in body_page(client, steering_group)
