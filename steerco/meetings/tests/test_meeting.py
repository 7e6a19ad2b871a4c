import re
from datetime import date, datetime, time

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from steerco.meetings import actions, queries
from steerco.meetings.models import Action, AgendaItem, Meeting, MeetingTemplate, StandingItem
from steerco.meetings.queries import template_for
from steerco.meetings.rules import notice
from steerco.meetings.tests.conftest import FIVE_PAST_TWO, MEETING_DAY


def url(name, organisation, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"org": organisation.slug, **kwargs})


def date_fields(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def aware(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


# Scheduling.


def test_a_new_ordinary_meeting_opens_with_the_standing_items(meeting):
    assert [(i.position, i.title, i.standing_kind) for i in meeting.items.all()] == [
        (1, "Apologies and substitutes", StandingItem.Kind.APOLOGIES),
        (2, "Declarations of interest", StandingItem.Kind.DECLARATIONS),
        (3, "Minutes and action log of the previous meeting", StandingItem.Kind.PREVIOUS_MINUTES),
    ]


def test_the_secretary_schedules_a_meeting(client, organisation, steering_group, secretary):
    client.force_login(secretary)
    response = client.post(
        url("meeting-create", organisation, pk=steering_group.pk),
        {"kind": "ordinary", **date_fields("on", MEETING_DAY), "starts_at": "10:00"},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == meeting.get_absolute_url()
    assert (meeting.on, meeting.starts_at, meeting.kind) == (MEETING_DAY, time(10), "ordinary")
    assert meeting.history.get().history_change_reason == "Ordinary meeting scheduled"


def test_a_meeting_in_the_past_is_not_scheduled(client, organisation, steering_group, secretary):
    client.force_login(secretary)
    response = client.post(
        url("meeting-create", organisation, pk=steering_group.pk),
        {"kind": "ordinary", **date_fields("on", date(2020, 1, 7)), "starts_at": "10:00"},
    )
    assert response.status_code == 200
    assert "The date must be today or in the future" in response.content.decode()
    assert not Meeting.objects.exists()


def test_an_ad_hoc_meeting_records_the_chairs_agreement(
    client, organisation, steering_group, secretary, chair
):
    client.force_login(secretary)
    fields = {"kind": "ad_hoc", **date_fields("on", MEETING_DAY), "starts_at": "14:00"}
    refused = client.post(url("meeting-create", organisation, pk=steering_group.pk), fields)
    assert "Select who agreed to the ad hoc meeting" in refused.content.decode()
    assert not Meeting.objects.exists()

    fields |= {"chair_agreed_by": chair.pk, **date_fields("chair_agreed_on", date(2026, 11, 2))}
    client.post(url("meeting-create", organisation, pk=steering_group.pk), fields)
    meeting = Meeting.objects.get()
    assert (meeting.chair_agreed_by, meeting.chair_agreed_on) == (chair, date(2026, 11, 2))


def test_an_urgent_meeting_waives_the_notice_rule(steering_group, secretary):
    urgent = actions.schedule_meeting(
        steering_group,
        kind=Meeting.Kind.URGENT,
        on=MEETING_DAY,
        starts_at=time(8),
        incident_reference="INC-0042",
        by=secretary,
        today=MEETING_DAY,
    )
    assert urgent.agenda_deadline() is None
    assert not urgent.is_past_deadline(MEETING_DAY)
    assert not urgent.items.exists()
    with pytest.raises(ValidationError, match="incident reference"):
        actions.schedule_meeting(
            steering_group,
            kind=Meeting.Kind.URGENT,
            on=MEETING_DAY,
            starts_at=time(8),
            by=secretary,
            today=MEETING_DAY,
        )


def test_the_forward_programme_avoids_weekends_and_bank_holidays(steering_group, secretary):
    steering_group.frequency = "monthly"
    steering_group.save()
    template = queries.template_for(steering_group)
    template.week_of_month, template.weekday = 1, 0  # first Monday: often a bank holiday
    template.save()
    created = actions.schedule_forward(
        steering_group,
        start=date(2027, 1, 1),
        until=date(2027, 12, 31),
        by=secretary,
        today=date(2027, 1, 1),
    )
    days = [meeting.on for meeting in created]
    assert len(days) == 12
    assert all(notice.is_working_day(day, "ENG") for day in days)
    assert date(2027, 5, 4) in days  # Monday 3 May 2027 is the Early May bank holiday
    again = actions.schedule_forward(
        steering_group,
        start=date(2027, 1, 1),
        until=date(2027, 12, 31),
        by=secretary,
        today=date(2027, 1, 1),
    )
    assert again == []


def test_moving_a_meeting_keeps_its_history_and_reason(meeting, secretary):
    actions.move_meeting(
        meeting,
        on=date(2031, 3, 18),
        starts_at=time(14),
        location="Room 2",
        reason="Clash with budget Council",
        by=secretary,
        today=date(2026, 1, 1),
    )
    history = list(
        meeting.history.order_by("history_date").values_list("on", "history_change_reason")
    )
    assert history == [
        (MEETING_DAY, "Ordinary meeting scheduled"),
        (date(2031, 3, 18), "Moved: Clash with budget Council"),
    ]


def test_a_cancelled_meeting_needs_a_reason(client, organisation, meeting, secretary):
    client.force_login(secretary)
    refused = client.post(url("meeting-cancel", organisation, meeting_pk=meeting.pk), {})
    assert "Enter why the meeting is cancelled" in refused.content.decode()
    client.post(
        url("meeting-cancel", organisation, meeting_pk=meeting.pk), {"reason": "No business"}
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancelled_reason) == ("cancelled", "No business")


# Notice and publishing.


def test_the_agenda_deadline_is_four_working_days_before(steering_group, secretary):
    meeting = actions.schedule_meeting(
        steering_group,
        on=date(2026, 12, 29),
        starts_at=time(10),
        by=secretary,
        today=date(2026, 1, 1),
    )
    assert meeting.agenda_deadline() == date(2026, 12, 21)


def test_publishing_after_the_deadline_needs_a_reason_and_marks_it_late(meeting, secretary):
    deadline = meeting.agenda_deadline()
    with pytest.raises(ValidationError, match="enter why the agenda is published late"):
        actions.publish_agenda(meeting, by=secretary, now=aware(date(2031, 3, 10)))
    assert not Meeting.objects.get(pk=meeting.pk).is_published

    actions.publish_agenda(
        meeting, by=secretary, now=aware(date(2031, 3, 10)), late_reason="Awaiting the audit"
    )
    assert (meeting.is_published, meeting.is_late) == (True, True)
    assert deadline == date(2031, 3, 5)


def test_publishing_on_the_deadline_day_is_in_time(meeting, secretary):
    actions.publish_agenda(meeting, by=secretary, now=aware(meeting.agenda_deadline(), hour=17))
    assert (meeting.is_published, meeting.is_late) == (True, False)


def test_an_item_added_after_publication_is_late_and_needs_a_reason(meeting, secretary):
    actions.publish_agenda(meeting, by=secretary, now=aware(date(2031, 3, 2)))
    with pytest.raises(ValidationError):
        actions.save_item(AgendaItem(meeting=meeting, title="Urgent cyber item"), by=secretary)
    item = actions.save_item(
        AgendaItem(meeting=meeting, title="Urgent cyber item", late_reason="Live incident"),
        by=secretary,
    )
    assert (item.position, item.is_late) == (4, True)


# Who sees what.


def test_an_unpublished_meeting_is_the_councils_own(
    client, organisation, meeting, officer, outsider
):
    page = url("meeting-detail", organisation, meeting_pk=meeting.pk)
    assert client.get(page).status_code == 404
    client.force_login(outsider)
    assert client.get(page).status_code == 404
    client.force_login(officer)
    assert client.get(page).status_code == 200


def test_a_published_meeting_is_public(client, organisation, meeting, secretary, steering_group):
    actions.publish_agenda(meeting, by=secretary, now=aware(date(2031, 3, 2)))
    response = client.get(url("meeting-detail", organisation, meeting_pk=meeting.pk))
    assert response.status_code == 200
    assert "Declarations of interest" in response.content.decode()
    listing = client.get(url("body-meetings", organisation, pk=steering_group.pk))
    assert meeting.get_absolute_url() in listing.content.decode()


def test_only_the_secretary_or_an_administrator_schedules(
    client, organisation, steering_group, member, administrator
):
    client.force_login(member)
    assert client.get(url("meeting-create", organisation, pk=steering_group.pk)).status_code == 403
    client.force_login(administrator)
    assert client.get(url("meeting-create", organisation, pk=steering_group.pk)).status_code == 200


@pytest.mark.parametrize("name", ["meeting-move", "meeting-cancel", "agenda-publish"])
def test_managing_a_meeting_is_for_its_secretary(client, organisation, meeting, member, name):
    client.force_login(member)
    assert client.get(url(name, organisation, meeting_pk=meeting.pk)).status_code == 403


def test_the_meeting_page_refuses_posts(client, organisation, meeting, secretary):
    client.force_login(secretary)
    assert (
        client.post(url("meeting-detail", organisation, meeting_pk=meeting.pk)).status_code == 405
    )


def test_the_template_changes_the_standing_items(client, organisation, steering_group, secretary):
    client.force_login(secretary)
    response = client.post(
        url("template-edit", organisation, pk=steering_group.pk),
        {
            "week_of_month": "2",
            "weekday": "1",
            "starts_at": "09:30",
            "location": "Committee Room 1",
            "urgent_quorum_minimum": "3",
            "substitutes_count": "on",
            "standing_items": "Apologies and substitutes\nDeclarations of interest\nRisk register",
            "version": 1,
        },
    )
    assert response.status_code == 302
    template = MeetingTemplate.objects.get(body=steering_group)
    assert [(i.title, i.kind) for i in template.standing_items.all()] == [
        ("Apologies and substitutes", "apologies"),
        ("Declarations of interest", "declarations"),
        ("Risk register", "other"),
    ]
    assert (template.starts_at, template.location) == (time(9, 30), "Committee Room 1")


def test_a_change_to_the_template_over_a_newer_one_is_refused(
    client, organisation, steering_group, secretary, administrator, member
):
    actions.save_template(template_for(steering_group), by=secretary)
    path = url("template-edit", organisation, pk=steering_group.pk)
    client.force_login(secretary)
    opened = client.get(path).context["form"]["version"].value()
    client.force_login(administrator)
    assert client.get(path).context["form"]["version"].value() == opened == 1
    form = {
        "week_of_month": "2",
        "weekday": "1",
        "starts_at": "10:00",
        "urgent_quorum_minimum": "3",
        "substitutes_count": "on",
        "standing_items": "Apologies and substitutes\nDeclarations of interest",
    }
    with time_machine.travel(FIVE_PAST_TWO, tick=False):
        first = client.post(
            path,
            form | {"location": "Committee Room 1", "usual_attendees": [member.pk], "version": 1},
        )
    assert first.status_code == 302
    template = MeetingTemplate.objects.get(body=steering_group)
    rows = template.history.count()

    client.force_login(secretary)
    refused = client.post(
        path, form | {"starts_at": "09:30", "standing_items": "Risk register", "version": opened}
    )

    assert refused.context["form"].non_field_errors() == [
        "This was changed by Ada Ahmed at 14:05 on 1 June 2026 since you opened it.",
        "Current location: Committee Room 1",
        "Current usual attendees: Mo Mensah",
    ]
    assert refused.context["form"]["standing_items"].value() == "Risk register"
    template.refresh_from_db()
    assert (template.location, template.starts_at, template.version) == (
        "Committee Room 1",
        time(10),
        2,
    )
    assert list(template.usual_attendees.all()) == [member]
    assert [item.title for item in template.standing_items.all()] == [
        "Apologies and substitutes",
        "Declarations of interest",
    ]
    assert template.history.count() == rows


def history_rows():
    return [
        MeetingTemplate.history.count(),
        Meeting.history.count(),
        AgendaItem.history.count(),
    ]


@pytest.mark.parametrize("name", ["meeting-create", "meeting-schedule", "template-edit"])
def test_opening_a_scheduling_page_changes_nothing(
    client, organisation, steering_group, secretary, name
):
    steering_group.frequency = "bi_monthly"
    steering_group.save()
    client.force_login(secretary)
    response = client.get(url(name, organisation, pk=steering_group.pk))
    assert response.status_code == 200
    assert (MeetingTemplate.objects.count(), StandingItem.objects.count()) == (0, 0)
    assert history_rows() == [0, 0, 0]


def test_the_template_page_offers_the_default_standing_items(
    client, organisation, steering_group, secretary
):
    client.force_login(secretary)
    form = client.get(url("template-edit", organisation, pk=steering_group.pk)).context["form"]
    assert form["standing_items"].value().splitlines() == [
        "Apologies and substitutes",
        "Declarations of interest",
        "Minutes and action log of the previous meeting",
    ]


def test_the_first_template_saved_is_recorded_with_who_and_why(
    client, organisation, steering_group, secretary
):
    client.force_login(secretary)
    client.post(
        url("template-edit", organisation, pk=steering_group.pk),
        {
            "week_of_month": "2",
            "weekday": "1",
            "starts_at": "09:30",
            "urgent_quorum_minimum": "3",
            "standing_items": "Apologies and substitutes\nRisk register",
        },
    )
    template = MeetingTemplate.objects.get()
    assert [item.title for item in template.standing_items.all()] == [
        "Apologies and substitutes",
        "Risk register",
    ]
    assert [
        (h.history_type, h.history_change_reason, h.history_user) for h in template.history.all()
    ] == [("+", "Meeting template changed", secretary)]


def test_the_first_meeting_makes_the_template_with_its_standing_items(steering_group, secretary):
    meeting = actions.schedule_meeting(
        steering_group, on=MEETING_DAY, starts_at=time(10), by=secretary, today=MEETING_DAY
    )
    template = MeetingTemplate.objects.get(body=steering_group)
    assert [(item.position, item.kind) for item in template.standing_items.all()] == [
        (1, StandingItem.Kind.APOLOGIES),
        (2, StandingItem.Kind.DECLARATIONS),
        (3, StandingItem.Kind.PREVIOUS_MINUTES),
    ]
    assert [(h.history_change_reason, h.history_user) for h in template.history.all()] == [
        ("Meeting template changed", secretary)
    ]
    assert [
        [(h.history_change_reason, h.history_user) for h in item.history.all()]
        for item in meeting.items.all()
    ] == [[("Standing item added when the meeting was scheduled", secretary)]] * 3


def test_the_forward_programme_records_every_meeting_and_item(steering_group, secretary):
    steering_group.frequency = "quarterly"
    steering_group.save()
    created = actions.schedule_forward(
        steering_group,
        start=date(2031, 1, 1),
        until=date(2031, 12, 31),
        by=secretary,
        today=date(2031, 1, 1),
    )
    assert len(created) == 4
    assert MeetingTemplate.history.count() == 1
    items = AgendaItem.objects.filter(meeting__in=created)
    assert (items.count(), AgendaItem.history.filter(id__in=items).count()) == (12, 12)
    assert set(AgendaItem.history.values_list("history_change_reason", "history_user")) == {
        ("Standing item added when the meeting was scheduled", secretary.pk)
    }


def test_the_home_page_shows_what_is_coming_up(client, organisation, meeting, officer, secretary):
    home = reverse("governance:home", kwargs={"org": organisation.slug})
    assert "No meetings with a published agenda coming up." in client.get(home).content.decode()
    client.force_login(officer)
    assert "(agenda not yet published)" in client.get(home).content.decode()
    actions.publish_agenda(meeting, by=secretary, now=aware(date(2031, 3, 2)))
    client.logout()
    assert meeting.get_absolute_url() in client.get(home).content.decode()


def test_a_member_is_offered_to_send_apologies(client, organisation, meeting, member, secretary):
    from steerco.meetings.models import Attendance

    page = url("meeting-detail", organisation, meeting_pk=meeting.pk)
    client.force_login(member)
    assert "Send your apologies" in client.get(page).content.decode()
    actions.record_attendance(meeting, person=member, status=Attendance.Status.APOLOGIES, by=member)
    assert "Your attendance: apologies." in client.get(page).content.decode()
    client.force_login(secretary)
    assert "Send your apologies" not in client.get(page).content.decode()


def test_apologies_before_a_meeting_are_not_called_inquorate(
    client, organisation, meeting, members, secretary
):
    from steerco.meetings.models import Attendance

    for person in members[:2]:
        actions.record_attendance(
            meeting, person=person, status=Attendance.Status.APOLOGIES, by=secretary
        )
    client.force_login(secretary)
    html = client.get(url("meeting-detail", organisation, meeting_pk=meeting.pk)).content.decode()
    assert "Apologies received" in html
    assert "Inquorate" not in html
    assert "Quorum at risk" in html  # five members, two of them with apologies


def test_an_items_actions_are_listed_under_it_for_the_council(
    client, organisation, meeting, secretary, member, officer
):
    item = meeting.items.last()
    actions.add_action(
        meeting,
        description="Draft the plan",
        owner=member,
        due_on=date(2031, 4, 1),
        by=secretary,
        item=item,
    )
    actions.publish_agenda(meeting, by=secretary, now=aware(date(2031, 3, 2)))
    page = url("meeting-detail", organisation, meeting_pk=meeting.pk)
    client.force_login(officer)
    html = client.get(page).content.decode()
    section = html.split(f'id="item-{item.pk}"')[1].split("</section>")[0]
    assert "Draft the plan (Mo Mensah, by 1 April 2031)" in section
    client.logout()
    assert "Draft the plan" not in client.get(page).content.decode()


def test_an_action_of_one_organisation_on_another_organisations_meeting_is_refused(
    meeting, other_organisation, outsider, secretary
):
    action = Action(
        organisation=other_organisation,
        body=meeting.body,
        meeting=meeting,
        number=1,
        description="Cross the border",
        owner=outsider,
        due_on=date(2031, 4, 1),
    )
    with pytest.raises(ValidationError) as refusal:
        action.full_clean()
    assert refusal.value.messages == [
        "The body and the meeting must belong to Southby District Council."
    ]


def test_the_publish_page_asks_why_only_when_the_agenda_is_late(
    client, organisation, steering_group, secretary, meeting
):
    # Today is Monday 1 June 2026: a meeting on Wednesday 3 June is past its notice deadline.
    soon = actions.schedule_meeting(
        steering_group, on=date(2026, 6, 3), starts_at=time(10), by=secretary,
        today=date(2026, 1, 1),
    )  # fmt: skip
    client.force_login(secretary)

    in_time = client.get(url("agenda-publish", organisation, meeting_pk=meeting.pk))
    late = client.get(url("agenda-publish", organisation, meeting_pk=soon.pk))

    assert 'name="late_reason"' not in in_time.content.decode()
    assert 'name="late_reason"' in late.content.decode()
    assert "Why the agenda is published late" in late.content.decode()


def test_the_forward_programme_goes_on_from_the_last_meeting_in_step_with_the_cycle(
    client, organisation, steering_group, secretary, meeting
):
    steering_group.frequency = "bi_monthly"
    steering_group.save()
    client.force_login(secretary)

    response = client.get(url("meeting-schedule", organisation, pk=steering_group.pk))

    # The last meeting is in March 2031; the group meets every other month: May comes next.
    assert response.context["form"].initial["start"] == date(2031, 5, 1)


def test_the_forward_programme_shows_its_dates_before_anything_is_scheduled(
    client, organisation, steering_group, secretary, meeting
):
    steering_group.frequency = "bi_monthly"
    steering_group.save()
    client.force_login(secretary)
    address = url("meeting-schedule", organisation, pk=steering_group.pk)
    period = {"start_0": "1", "start_1": "5", "start_2": "2031", "months": "6"}

    preview = client.post(address, period)

    assert preview.status_code == 200
    assert preview.context["dates"] == [date(2031, 5, 13), date(2031, 7, 8), date(2031, 9, 9)]
    assert "Tuesday 13 May 2031" in preview.content.decode()
    assert list(Meeting.objects.values_list("on", flat=True)) == [MEETING_DAY]

    confirmed = client.post(address, period | {"confirm": "1"})

    assert confirmed.status_code == 302
    assert sorted(Meeting.objects.values_list("on", flat=True)) == [
        MEETING_DAY,
        date(2031, 5, 13),
        date(2031, 7, 8),
        date(2031, 9, 9),
    ]


# The meeting's pages: the agenda a page at a time, attendance and the action log apart.


HELD = datetime(2031, 3, 12, 9, tzinfo=timezone.get_default_timezone())


def add_items(meeting, secretary, titles):
    for title in titles:
        actions.save_item(
            AgendaItem(meeting=meeting, title=title, purpose="decision", source="submission"),
            by=secretary,
        )


def agenda_titles(html):
    return re.findall(r'id="item-\d+-title">\d+\. (.*?)</h3>', html)


def test_a_long_agenda_is_shown_fifty_items_a_page(client, organisation, meeting, secretary):
    add_items(meeting, secretary, [f"Project {number}" for number in range(4, 121)])
    client.force_login(secretary)
    page = url("meeting-detail", organisation, meeting_pk=meeting.pk)

    first = client.get(page).content.decode()
    third = client.get(f"{page}?page=3").content.decode()

    assert agenda_titles(first)[-1] == "Project 50"
    assert len(agenda_titles(first)) == 50
    assert agenda_titles(third) == [f"Project {number}" for number in range(101, 121)]
    assert '<nav class="govuk-pagination" aria-label="Pages of the agenda">' in first
    assert 'href="?page=2" rel="next"' in first
    assert "Agenda</a> (120 items)" in first


def test_an_agenda_item_is_found_by_its_title(client, organisation, meeting, secretary):
    add_items(meeting, secretary, [f"Budget line {number}" for number in range(1, 61)])
    add_items(meeting, secretary, ["Telephony replacement business case"])
    page = url("meeting-detail", organisation, meeting_pk=meeting.pk)
    client.force_login(secretary)

    found = client.get(page, {"q": "telephony"}).content.decode()
    budget = client.get(page, {"q": "budget", "page": 2}).content.decode()
    nothing = client.get(page, {"q": "libraries"}).content.decode()

    assert agenda_titles(found) == ["Telephony replacement business case"]
    assert 'name="q" type="search" value="telephony"' in found
    assert agenda_titles(budget) == [f"Budget line {number}" for number in range(51, 61)]
    assert 'href="?q=budget&amp;page=1" rel="prev"' in budget
    assert agenda_titles(nothing) == []
    assert "No agenda item has “libraries” in its title." in nothing


def test_the_attendance_of_each_member_is_on_its_own_page(
    client, organisation, meeting, members, secretary
):
    from steerco.meetings.models import Attendance

    for person in members[:4]:
        actions.record_attendance(
            meeting, person=person, status="present", by=secretary, now=meeting.starts()
        )
    actions.record_attendance(
        meeting,
        person=members[4],
        status="substitute",
        substitute_name="Dee Deputy",
        by=secretary,
        now=meeting.starts(),
    )
    actions.publish_agenda(meeting, by=secretary, now=aware(date(2031, 3, 2)))
    roll = url("meeting-roll", organisation, meeting_pk=meeting.pk)

    with time_machine.travel(HELD):
        page = client.get(meeting.get_absolute_url()).content.decode()
        response = client.get(roll)  # a published meeting's attendance is public
    html = response.content.decode()

    assert response.status_code == 200
    assert "Apologies, represented by a substitute: Dee Deputy</td>" in html
    assert html.count('<td class="govuk-table__cell">Present</td>') == 4
    assert "Quorate</strong> 5 members who count toward quorum attended" in html
    assert "Dee Deputy" not in page
    assert "Present: 4; Apologies, represented by a substitute: 1." in page
    assert roll in page
    assert Attendance.objects.filter(meeting=meeting).count() == 5


def test_the_action_log_is_on_its_own_page_for_the_council_only(
    client, organisation, meeting, secretary, member, officer, outsider
):
    actions.add_action(
        meeting, description="Draft the plan", owner=member, due_on=date(2031, 4, 1), by=secretary
    )
    actions.publish_agenda(meeting, by=secretary, now=aware(date(2031, 3, 2)))
    log = url("action-log", organisation, meeting_pk=meeting.pk)

    public = client.get(log)
    client.force_login(outsider)
    other_council = client.get(log)
    client.force_login(officer)
    page = client.get(meeting.get_absolute_url()).content.decode()
    html = client.get(log).content.decode()

    assert (public.status_code, other_council.status_code) == (302, 404)
    assert "Draft the plan" in html
    assert "Draft the plan" not in page
    assert f'href="{log}">See the action log</a>' in page


def test_the_action_log_is_shown_a_page_at_a_time_and_downloaded_whole(
    client, monkeypatch, organisation, meeting, secretary, member
):
    from steerco.meetings.views import meeting as views

    monkeypatch.setattr(views, "ACTION_LOG_PAGE_SIZE", 2)
    logged = [
        actions.add_action(
            meeting, description=f"Task {n}", owner=member, due_on=date(2031, 4, n), by=secretary
        )
        for n in (1, 2, 3)
    ]
    log = url("action-log", organisation, meeting_pk=meeting.pk)
    client.force_login(secretary)

    first = client.get(log).content.decode()
    second = client.get(f"{log}?page=2").content.decode()
    asked = client.get(f"{log}?action={logged[2].pk}").content.decode()
    unknown = client.get(f"{log}?action=99999999999999999999").content.decode()
    whole = client.get(url("action-log-csv", organisation, meeting_pk=meeting.pk))

    assert "Task 1" in first and "Task 2" in first and "Task 3" not in first
    assert 'aria-label="Pages of the action log"' in first
    assert "Task 3" in second and "Task 1" not in second
    assert "Task 3" in asked and "Task 1" not in asked
    assert "Task 1" in unknown
    assert all(f"Task {n}" in whole.content.decode() for n in (1, 2, 3))


def test_the_agenda_shows_each_items_quorum_allowing_for_arrivals_and_withdrawals(
    client, organisation, meeting, members, secretary, member, chair, item
):
    first, second, third = meeting.items.all()[:3]
    for person in members:
        actions.record_attendance(
            meeting, person=person, status="present", by=secretary, now=meeting.starts()
        )
    actions.record_attendance(
        meeting,
        person=member,
        status="present",
        arrived_for=third,
        by=secretary,
        now=meeting.starts(),
    )
    actions.declare_interest(
        item, person=chair, kind="prejudicial", nature="Spouse works for a bidder", by=secretary
    )

    with time_machine.travel(HELD):
        client.force_login(secretary)
        html = client.get(meeting.get_absolute_url()).content.decode()

    def section(agenda_item):
        return html.split(f'id="item-{agenda_item.pk}"')[1].split("</section>")[0]

    for late in (first, second):
        assert "Inquorate for this item. 4 members who count toward quorum" in section(late)
        assert "Not in the room for this item (arrived later or left earlier): Mo Mensah" in (
            section(late)
        )
    assert "Quorate</strong> 5 members counting toward quorum" in section(third)
    assert "Nobody present may chair this item" in section(item)


# Dates that are impossible or unlikely.

CHRISTMAS = date(2031, 12, 25)


def test_a_meeting_on_a_bank_holiday_needs_the_secretary_to_confirm_it(
    client, organisation, steering_group, secretary
):
    client.force_login(secretary)
    path = url("meeting-create", organisation, pk=steering_group.pk)
    page = client.get(path).content.decode()
    assert 'type="hidden" name="confirm_unusual_day"' in page
    data = {"kind": "ordinary", **date_fields("on", CHRISTMAS), "starts_at": "10:00"}
    response = client.post(path, data)
    assert response.status_code == 200
    assert response.context["form"].errors["on"] == [
        "Thursday 25 December 2031 is a bank holiday in England (Christmas Day). Choose a "
        "working day, or confirm that the meeting is held on that day."
    ]
    html = response.content.decode()
    assert 'type="checkbox" name="confirm_unusual_day"' in html
    assert "Yes, hold it on a bank holiday" in html
    assert not Meeting.objects.exists()

    response = client.post(path, data | {"confirm_unusual_day": "on"})
    assert response.status_code == 302
    assert Meeting.objects.get().on == CHRISTMAS


def test_a_meeting_moved_to_a_weekend_needs_the_secretary_to_confirm_it(
    client, organisation, meeting, secretary
):
    client.force_login(secretary)
    path = url("meeting-move", organisation, meeting_pk=meeting.pk)
    saturday = date(2031, 3, 15)
    data = {**date_fields("on", saturday), "starts_at": "10:00", "reason": "Room booked"}
    response = client.post(path, data)
    assert "Yes, hold it on a weekend" in response.content.decode()
    assert (
        response.context["form"].errors["on"][0].startswith("Saturday 15 March 2031 is a weekend.")
    )
    meeting.refresh_from_db()
    assert meeting.on == MEETING_DAY
    assert client.post(path, data | {"confirm_unusual_day": "on"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.on == saturday


def test_a_bank_holiday_is_the_councils_nation(steering_group, secretary):
    organisation = steering_group.organisation
    organisation.nation = "SCT"
    organisation.save()
    st_andrews_day = date(2026, 11, 30)
    with pytest.raises(ValidationError) as refused:
        actions.schedule_meeting(
            steering_group,
            on=st_andrews_day,
            starts_at=time(10),
            by=secretary,
            today=date(2026, 6, 1),
        )
    assert refused.value.message_dict["on"][0].startswith(
        "Monday 30 November 2026 is a bank holiday in Scotland (Saint Andrew's Day)."
    )


# Cancelling is for meetings that did not take place.


def test_a_meeting_that_took_place_is_not_cancelled(
    client, organisation, meeting, members, secretary, chair, on_the_day
):
    client.force_login(secretary)
    path = url("meeting-cancel", organisation, meeting_pk=meeting.pk)
    assert client.get(path).status_code == 200
    assert "Cancel the meeting</a>" in client.get(meeting.get_absolute_url()).content.decode()
    actions.record_attendance(meeting, person=chair, status="present", by=secretary)

    assert "Cancel the meeting</a>" not in client.get(meeting.get_absolute_url()).content.decode()
    assert client.get(path).status_code == 403
    assert client.post(path, {"reason": "Mistake"}).status_code == 403
    with pytest.raises(ValidationError) as refused:
        actions.cancel_meeting(meeting, reason="Mistake", by=secretary)
    assert refused.value.messages == [
        "The meeting took place: it has attendance, decisions or minutes recorded, so it cannot "
        "be cancelled. Correct its record instead."
    ]
    meeting.refresh_from_db()
    assert meeting.is_cancelled is False


@pytest.mark.parametrize("record", ["minutes", "decision"])
def test_a_meeting_with_minutes_or_a_decision_is_not_cancelled(
    client, organisation, meeting, members, secretary, chair, record
):
    item = meeting.items.get(position=3)
    if record == "minutes":
        actions.save_minutes(item, text="Approved.", by=secretary)
    else:
        Meeting.objects.filter(pk=meeting.pk).update(on=date(2026, 5, 12))
        meeting.refresh_from_db()
        actions.record_decision(
            item, statement="Noted.", outcome="noted", confirmed_by=chair, by=secretary
        )
    client.force_login(secretary)
    assert "Cancel the meeting</a>" not in client.get(meeting.get_absolute_url()).content.decode()
    path = url("meeting-cancel", organisation, meeting_pk=meeting.pk)
    assert client.post(path, {"reason": "Mistake"}).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).is_cancelled is False


def test_a_meeting_with_only_apologies_is_cancelled(
    client, organisation, meeting, member, secretary
):
    actions.record_attendance(meeting, person=member, status="apologies", by=member)
    client.force_login(secretary)
    response = client.post(
        url("meeting-cancel", organisation, meeting_pk=meeting.pk), {"reason": "No business"}
    )
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).is_cancelled is True


# The previous meeting's record is agreed at a meeting that sits.


def test_the_record_is_not_agreed_at_a_meeting_still_to_come(
    client, organisation, meeting, next_meeting, secretary
):
    """Today (1 June 2026) the 2031 meetings are ahead: closing the record of the first "at the
    meeting of 13 May 2031" would be a record of something that has not happened."""
    client.force_login(secretary)
    page = client.get(next_meeting.get_absolute_url()).content.decode()
    assert "Record their approval at this meeting" not in page
    path = url("previous-approve", organisation, meeting_pk=next_meeting.pk)
    assert client.get(path).status_code == 403
    response = client.post(path, {"approve_minutes": "on", "agree_action_log": "on"})
    assert response.status_code == 403
    for agree in (actions.approve_minutes, actions.agree_action_log):
        with pytest.raises(ValidationError) as refused:
            agree(meeting, at=next_meeting, by=secretary)
        assert refused.value.messages == [
            "The meeting of 13 May 2031 has not taken place yet. Record what it agreed on the "
            "day of the meeting or after it."
        ]
    meeting.refresh_from_db()
    assert (meeting.minutes_approved_at, meeting.action_log_agreed_at) == (None, None)


def test_the_record_is_agreed_on_the_day_of_the_meeting(
    client, organisation, meeting, next_meeting, secretary, on_the_next_day
):
    client.force_login(secretary)
    page = client.get(next_meeting.get_absolute_url()).content.decode()
    assert "Record their approval at this meeting" in page
    response = client.post(
        url("previous-approve", organisation, meeting_pk=next_meeting.pk),
        {"approve_minutes": "on", "agree_action_log": "on"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.minutes_approved_at, meeting.action_log_agreed_at) == (
        next_meeting,
        next_meeting,
    )


def test_a_meeting_says_when_it_ends_and_the_end_comes_after_the_start(
    client, organisation, steering_group, secretary
):
    client.force_login(secretary)
    fields = {"kind": "ordinary", **date_fields("on", MEETING_DAY), "starts_at": "14:00"}
    refused = client.post(
        url("meeting-create", organisation, pk=steering_group.pk), fields | {"ends_at": "13:30"}
    )
    assert refused.status_code == 200
    assert "The end time must be after the start time." in refused.content.decode()
    assert not Meeting.objects.exists()

    client.post(
        url("meeting-create", organisation, pk=steering_group.pk), fields | {"ends_at": "16:00"}
    )
    meeting = Meeting.objects.get()
    assert (meeting.starts_at, meeting.ends_at) == (time(14), time(16))
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Tuesday 11 March 2031, 14:00 to 16:00" in page

    # Moved without an end time, it has none; one before the new start is refused.
    move = url("meeting-move", organisation, meeting_pk=meeting.pk)
    moving = {**date_fields("on", MEETING_DAY), "starts_at": "17:00", "reason": "Room clash"}
    refused = client.post(move, moving | {"ends_at": "16:00"})
    assert "The end time must be after the start time." in refused.content.decode()
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.ends_at) == (time(14), time(16))
    client.post(move, moving)
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.ends_at, meeting.time_text) == (time(17), None, "17:00")


def test_the_forward_programme_takes_the_end_time_of_the_bodys_usual_meeting(
    steering_group, secretary
):
    template = template_for(steering_group)
    template.starts_at, template.ends_at = time(9, 30), time(9, 0)
    with pytest.raises(ValidationError, match="The end time must be after the start time"):
        actions.save_template(template, by=secretary)
    template.ends_at = time(11, 30)
    actions.save_template(template, by=secretary)
    steering_group.frequency = "bi_monthly"
    steering_group.save()
    meetings = actions.schedule_forward(
        steering_group,
        start=date(2031, 1, 1),
        until=date(2031, 6, 30),
        by=secretary,
        today=date(2026, 1, 1),
    )
    assert meetings
    assert {(m.starts_at, m.ends_at) for m in meetings} == {(time(9, 30), time(11, 30))}
