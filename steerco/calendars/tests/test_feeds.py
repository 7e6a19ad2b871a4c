from datetime import date, datetime, time, timedelta

import icalendar
import pytest
import vobject
from django.urls import reverse
from django.utils import timezone

from steerco.accounts.models import OrganisationMembership
from steerco.calendars import actions as calendar_actions
from steerco.calendars.models import CalendarAddress
from steerco.governance.models import Body, Membership
from steerco.meetings import actions
from steerco.meetings.tests.conftest import MEETING_DAY

PUBLISHED = timezone.make_aware(datetime(2026, 6, 1, 9))


def body_feed_url(body):
    return reverse("calendars:body", kwargs={"org": body.organisation.slug, "pk": body.pk})


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return b"".join(response.streaming_content)


def events(content):
    """The feed's events by UID, read by icalendar; vobject must read the same UIDs."""
    parsed = icalendar.Calendar.from_ical(content)
    found = {str(event["UID"]): event for event in parsed.walk("VEVENT")}
    second = vobject.readOne(content.decode())
    assert sorted(e.uid.value for e in second.contents.get("vevent", [])) == sorted(found)
    return found


def token_for(person, organisation):
    return calendar_actions.reset_calendar_address(person, organisation, by=person)


def personal_url(organisation, token, which="personal"):
    return reverse(f"calendars:{which}", kwargs={"org": organisation.slug, "token": token})


def uid(meeting):
    return f"meeting-{meeting.pk}@{meeting.organisation.slug}.steerco"


def test_the_body_feed_has_only_published_meetings(client, meeting, next_meeting, secretary):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED)

    found = events(fetch(client, body_feed_url(meeting.body)))

    assert list(found) == [uid(meeting)]
    event = found[uid(meeting)]
    assert event["SUMMARY"] == "Digital Services Steering Group"
    assert event["STATUS"] == "CONFIRMED"
    assert event.decoded("DTSTART") == datetime.combine(
        MEETING_DAY, time(10), tzinfo=event.decoded("DTSTART").tzinfo
    )
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["URL"] == "http://testserver" + meeting.get_absolute_url()


def test_the_feed_carries_the_london_time_zone(client, meeting, secretary):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED)

    parsed = icalendar.Calendar.from_ical(fetch(client, body_feed_url(meeting.body)))

    assert [str(zone["TZID"]) for zone in parsed.walk("VTIMEZONE")] == ["Europe/London"]
    second = vobject.readOne(fetch(client, body_feed_url(meeting.body)).decode())
    # 10:00 in March 2031 is GMT; vobject works it out from the VTIMEZONE alone.
    assert second.vevent.dtstart.value.utcoffset().total_seconds() == 0


def test_a_moved_meeting_keeps_its_uid_and_raises_its_sequence(client, meeting, secretary):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED)
    before = events(fetch(client, body_feed_url(meeting.body)))[uid(meeting)]

    actions.move_meeting(
        meeting,
        on=date(2031, 3, 18),
        starts_at=time(14),
        location="Committee Room 2",
        reason="The chair is away",
        by=secretary,
        today=date(2026, 6, 1),
    )
    after = events(fetch(client, body_feed_url(meeting.body)))[uid(meeting)]

    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("DTSTART").date() == date(2031, 3, 18)
    assert after.decoded("DTSTART").hour == 14
    assert after["LOCATION"] == "Committee Room 2"
    assert after.decoded("LAST-MODIFIED") >= before.decoded("LAST-MODIFIED")
    assert after.decoded("DTSTAMP") == after.decoded("LAST-MODIFIED")


def test_a_cancelled_meeting_arrives_cancelled(client, meeting, secretary):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED)
    actions.cancel_meeting(meeting, reason="Not enough business", by=secretary)

    event = events(fetch(client, body_feed_url(meeting.body)))[uid(meeting)]

    assert event["STATUS"] == "CANCELLED"
    assert "Not enough business" in event["DESCRIPTION"]


def test_the_feed_is_the_same_bytes_each_time(client, meeting, secretary):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED)

    assert fetch(client, body_feed_url(meeting.body)) == fetch(client, body_feed_url(meeting.body))


def test_a_member_signed_in_gets_the_public_body_feed(client, meeting, member):
    client.force_login(member)

    assert events(fetch(client, body_feed_url(meeting.body))) == {}


def test_the_add_to_calendar_file_has_the_feeds_uid(client, meeting, secretary):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED)
    url = reverse(
        "calendars:meeting", kwargs={"org": meeting.organisation.slug, "meeting_pk": meeting.pk}
    )

    response = client.get(url)
    found = events(b"".join(response.streaming_content))

    assert list(found) == [uid(meeting)]
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_add_to_calendar_file_of_an_unpublished_meeting_is_for_members(client, meeting, member):
    url = reverse(
        "calendars:meeting", kwargs={"org": meeting.organisation.slug, "meeting_pk": meeting.pk}
    )
    assert client.get(url).status_code == 404
    client.force_login(member)

    event = events(b"".join(client.get(url).streaming_content))[uid(meeting)]

    assert event["STATUS"] == "TENTATIVE"


def test_the_meeting_page_offers_add_to_calendar(client, meeting, secretary):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED)
    url = reverse(
        "calendars:meeting", kwargs={"org": meeting.organisation.slug, "meeting_pk": meeting.pk}
    )

    assert f'href="{url}"' in client.get(meeting.get_absolute_url()).content.decode()


def test_the_body_page_gives_the_feed_address(client, steering_group):
    page = client.get(steering_group.get_absolute_url()).content.decode()

    assert "http://testserver" + body_feed_url(steering_group) in page


def test_the_personal_feed_has_the_persons_meetings_and_actions(
    client, organisation, meeting, next_meeting, member, secretary, officer
):
    other_body = Body.objects.create(organisation=organisation, name="Cabinet")
    elsewhere = actions.schedule_meeting(
        other_body, on=date(2031, 3, 20), starts_at=time(18), by=secretary, today=date(2026, 6, 1)
    )
    mine = actions.add_action(
        meeting, description="Renew the licences\nby spring", owner=member,
        due_on=date(2031, 4, 1), by=secretary,
    )  # fmt: skip
    actions.add_action(
        meeting, description="Not mine", owner=officer, due_on=date(2031, 4, 2), by=secretary
    )
    # The member left the group before the next meeting: it is not theirs.
    membership = Membership.objects.get(body=meeting.body, person=member)
    membership.ends_on = date(2031, 4, 30)
    membership.save()

    found = events(fetch(client, personal_url(organisation, token_for(member, organisation))))

    action_uid = f"action-{mine.pk}@{organisation.slug}.steerco"
    assert sorted(found) == sorted([uid(meeting), action_uid])
    assert uid(elsewhere) not in found and uid(next_meeting) not in found
    due = found[action_uid]
    assert due.decoded("DTSTART") == date(2031, 4, 1)
    assert due.decoded("DTEND") == date(2031, 4, 2)
    assert due["SUMMARY"] == f"Action {mine.number} due: Renew the licences"
    assert due["TRANSP"] == "TRANSPARENT"
    # Unpublished: for the council's own people, marked tentative.
    assert found[uid(meeting)]["STATUS"] == "TENTATIVE"


def test_a_cancelled_action_arrives_cancelled(client, organisation, meeting, member, secretary):
    action = actions.add_action(
        meeting, description="Renew", owner=member, due_on=date(2031, 4, 1), by=secretary
    )
    actions.update_action(
        action, text="Not needed", status="cancelled", on=date(2026, 6, 1), by=secretary
    )

    found = events(fetch(client, personal_url(organisation, token_for(member, organisation))))

    assert found[f"action-{action.pk}@{organisation.slug}.steerco"]["STATUS"] == "CANCELLED"


def test_the_organisation_feed_has_every_meeting(client, organisation, meeting, member, secretary):
    other_body = Body.objects.create(organisation=organisation, name="Cabinet")
    elsewhere = actions.schedule_meeting(
        other_body, on=date(2031, 3, 20), starts_at=time(18), by=secretary, today=date(2026, 6, 1)
    )
    url = personal_url(organisation, token_for(member, organisation), "organisation")

    assert sorted(events(fetch(client, url))) == sorted([uid(meeting), uid(elsewhere)])


@pytest.mark.parametrize("which", ["personal", "organisation"])
def test_a_reset_address_stops_working(client, organisation, meeting, member, which):
    old = token_for(member, organisation)
    new = token_for(member, organisation)

    assert client.get(personal_url(organisation, old, which)).status_code == 404
    assert client.get(personal_url(organisation, new, which)).status_code == 200
    assert CalendarAddress.objects.filter(person=member).count() == 1


@pytest.mark.parametrize("which", ["personal", "organisation"])
def test_a_wrong_address_gives_404(client, organisation, meeting, member, which):
    token = token_for(member, organisation)

    digest = CalendarAddress.objects.get().digest
    for wrong in [token[:-1], token + "x", token.upper(), "1", digest]:
        assert client.get(personal_url(organisation, wrong, which)).status_code == 404


def test_an_address_works_only_under_its_own_organisation(
    client, organisation, other_organisation, member
):
    token = token_for(member, organisation)

    assert client.get(personal_url(other_organisation, token)).status_code == 404


def test_an_address_stops_when_its_person_leaves_the_council(client, organisation, meeting, member):
    token = token_for(member, organisation)
    OrganisationMembership.objects.filter(user=member).delete()

    assert client.get(personal_url(organisation, token)).status_code == 404


def test_only_the_digest_of_the_address_is_kept(organisation, member):
    token = token_for(member, organisation)

    address = CalendarAddress.objects.get()
    assert token not in address.digest and len(token) >= 40
    assert address.history.get().history_change_reason == "Calendar address created"


def test_a_person_resets_their_address_from_the_profile(client, organisation, meeting, member):
    old = token_for(member, organisation)
    client.force_login(member)
    address_page = reverse("calendars:address", kwargs={"org": organisation.slug})
    assert address_page in client.get(reverse("accounts:profile")).content.decode()

    page = client.post(address_page).content.decode()

    assert client.get(personal_url(organisation, old)).status_code == 404
    new = CalendarAddress.objects.get(person=member)
    shown = [part.split("/")[0] for part in page.split("/calendars/")[1:] if "/mine.ics" in part]
    assert len(shown) == 1 and new.digest != old
    assert client.get(personal_url(organisation, shown[0])).status_code == 200


def test_the_address_page_is_for_the_councils_people(client, organisation, outsider):
    client.force_login(outsider)

    url = reverse("calendars:address", kwargs={"org": organisation.slug})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not CalendarAddress.objects.exists()


def test_nobody_resets_another_persons_address(organisation, member, secretary):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="your own calendar address"):
        calendar_actions.reset_calendar_address(member, organisation, by=secretary)


def test_nobody_gets_an_address_in_another_council(other_organisation, member):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="only in your own council"):
        calendar_actions.reset_calendar_address(member, other_organisation, by=member)


def test_a_meeting_ends_in_calendars_when_it_says_it_ends_or_two_hours_on(
    client, meeting, secretary
):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED)
    event = events(fetch(client, body_feed_url(meeting.body)))[uid(meeting)]
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=2)

    actions.move_meeting(
        meeting,
        on=MEETING_DAY,
        starts_at=time(10),
        ends_at=time(11, 15),
        location="",
        reason="Shorter agenda",
        by=secretary,
        today=date(2026, 6, 1),
    )
    event = events(fetch(client, body_feed_url(meeting.body)))[uid(meeting)]
    assert event.decoded("DTEND") == datetime.combine(
        MEETING_DAY, time(11, 15), tzinfo=event.decoded("DTSTART").tzinfo
    )
