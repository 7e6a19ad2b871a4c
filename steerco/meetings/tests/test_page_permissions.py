"""The meeting page offers exactly what the permission layer allows: no link that the view
would then refuse, and none missing that it would accept."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from steerco.meetings import actions
from steerco.meetings.tests.conftest import MEETING_DAY


def url(name, organisation, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"org": organisation.slug, **kwargs})


def meeting_page(client, person, meeting):
    client.force_login(person)
    return client.get(meeting.get_absolute_url()).content.decode()


def test_an_officer_who_is_not_a_member_is_not_offered_to_declare_an_interest(
    client, organisation, meeting, item, officer
):
    page = meeting_page(client, officer, meeting)
    refused = client.get(url("declaration-create", organisation, item_pk=item.pk))

    assert "Declare an interest" not in page
    assert refused.status_code == 403


def test_a_member_is_offered_to_declare_an_interest_in_every_item_and_may(
    client, organisation, meeting, item, member
):
    page = meeting_page(client, member, meeting)
    allowed = client.get(url("declaration-create", organisation, item_pk=item.pk))

    for each in meeting.items.all():
        assert url("declaration-create", organisation, item_pk=each.pk) in page
    assert allowed.status_code == 200


def test_a_member_is_offered_apologies_on_the_day_of_the_meeting_and_may_send_them(
    client, organisation, meeting, member
):
    morning = datetime.combine(MEETING_DAY, datetime.min.time(), ZoneInfo("Europe/London"))
    with time_machine.travel(morning.replace(hour=8), tick=False):
        page = meeting_page(client, member, meeting)
        sent = client.post(
            url("attendance", organisation, meeting_pk=meeting.pk),
            {"person": member.pk, "status": "apologies"},
        )

    assert "Send your apologies" in page
    assert sent.status_code == 302


def test_no_apologies_are_offered_after_the_meeting(client, organisation, meeting, member):
    with time_machine.travel(date(2031, 3, 12), tick=False):
        page = meeting_page(client, member, meeting)

    assert "Send your apologies" not in page


def test_the_action_log_offers_an_update_only_to_the_owner_and_the_secretary(
    client, organisation, meeting, secretary, member, chair
):
    mine = actions.add_action(
        meeting, description="Draft the plan", owner=member, due_on=date(2031, 4, 1), by=secretary
    )
    theirs = actions.add_action(
        meeting, description="Brief Cabinet", owner=chair, due_on=date(2031, 4, 1), by=secretary
    )

    log = url("action-log", organisation, meeting_pk=meeting.pk)
    client.force_login(member)
    as_member = client.get(log).content.decode()
    client.force_login(secretary)
    as_secretary = client.get(log).content.decode()

    def offered(page, action):
        return url("action-update", organisation, action_pk=action.pk) in page

    assert (offered(as_member, mine), offered(as_member, theirs)) == (True, False)
    assert (offered(as_secretary, mine), offered(as_secretary, theirs)) == (True, True)
