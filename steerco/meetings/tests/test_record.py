import importlib
import re
from datetime import UTC, date, datetime, time, timedelta
from html.parser import HTMLParser

import pytest
import time_machine
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from steerco.governance.models import Body, ReportingLine
from steerco.lib import rich_text
from steerco.meetings import actions
from steerco.meetings.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Forwarding,
    Meeting,
    Paper,
    Withdrawal,
)
from steerco.meetings.tests.conftest import FIVE_PAST_TWO

PRESENT = Attendance.Status.PRESENT
PUBLISHED_AT = timezone.make_aware(datetime(2031, 1, 6, 9, 0))
NEXT_DAY = date(2031, 5, 13)


def url(name, organisation, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"org": organisation.slug, **kwargs})


def date_fields(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def htmx(client, path, data):
    return client.post(path, data, HTTP_HX_REQUEST="true")


def all_present(meeting, people, by):
    for person in people:
        actions.record_attendance(
            meeting, person=person, status=PRESENT, by=by, now=meeting.starts()
        )


@pytest.fixture
def quorate(meeting, members, secretary):
    all_present(meeting, members, secretary)
    return meeting


def decide(item, secretary, chair, **fields):
    return actions.record_decision(
        item,
        statement=fields.pop("statement", "The business case is approved."),
        outcome=fields.pop("outcome", Decision.Outcome.APPROVED),
        confirmed_by=chair,
        by=secretary,
        **fields,
    )


@pytest.fixture
def action(meeting, member, secretary):
    return actions.add_action(
        meeting,
        description="Draft the hosting exit plan",
        owner=member,
        due_on=date(2031, 4, 30),
        by=secretary,
    )


# Attendance.


def test_the_attendance_page_lists_the_members_on_the_day(
    client, organisation, meeting, members, secretary, on_the_day
):
    client.force_login(secretary)
    response = client.get(url("attendance", organisation, meeting_pk=meeting.pk))
    assert response.status_code == 200
    assert [row.person for row in response.context["rows"]] == [*members, secretary]
    assert all(row.drawn is not None for row in response.context["rows"])
    assert response.content.decode().count("For example 10:15") == 2 * 6


def test_the_secretary_records_attendance_with_a_plain_post(
    client, organisation, meeting, members, secretary, member, on_the_day
):
    client.force_login(secretary)
    path = url("attendance", organisation, meeting_pk=meeting.pk)
    response = client.post(path, {"person": member.pk, "status": "present"})
    assert response.status_code == 302
    assert response.url == path
    attendance = Attendance.objects.get()
    assert (attendance.meeting, attendance.person, attendance.status) == (meeting, member, PRESENT)
    assert attendance.history.get().history_user == secretary


def test_htmx_attendance_returns_only_the_row(
    client, organisation, meeting, members, secretary, member
):
    client.force_login(secretary)
    response = htmx(
        client,
        url("attendance", organisation, meeting_pk=meeting.pk),
        {"person": member.pk, "status": "apologies"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.strip().startswith(f'<div class="govuk-summary-card" id="attendance-{member.pk}">')
    assert f'hx-target="#attendance-{member.pk}"' in html
    assert 'hx-swap="outerHTML"' in html
    assert "Attendance of Mo Mensah saved." in html
    assert Attendance.objects.get().status == Attendance.Status.APOLOGIES


def test_htmx_attendance_shows_a_refusal_in_the_row(
    client, organisation, meeting, members, secretary, member
):
    client.force_login(secretary)
    response = htmx(
        client,
        url("attendance", organisation, meeting_pk=meeting.pk),
        {"person": member.pk, "status": "substitute"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Enter the name of the substitute for Mo Mensah." in html
    assert Attendance.objects.count() == 0


def test_late_arrival_and_early_departure_are_recorded_with_times(
    client, organisation, meeting, members, secretary, member, item, on_the_day
):
    _, second, third = meeting.items.all()[:3]
    client.force_login(secretary)
    client.post(
        url("attendance", organisation, meeting_pk=meeting.pk),
        {
            "person": member.pk,
            "status": "present",
            "arrived_at": "10:40",
            # Items by their number on the agenda, as the page's one list of them offers.
            "arrived_for": str(second.position),
            "left_at": "11.55",
            "left_after": f"{third.position}.",
        },
    )
    attendance = Attendance.objects.get()
    assert (
        attendance.arrived_at,
        attendance.arrived_for,
        attendance.left_at,
        attendance.left_after,
    ) == (time(10, 40), second, time(11, 55), third)


def test_a_time_that_is_not_a_time_is_refused(
    client, organisation, meeting, members, secretary, member, on_the_day
):
    client.force_login(secretary)
    response = client.post(
        url("attendance", organisation, meeting_pk=meeting.pk),
        {"person": member.pk, "status": "present", "arrived_at": "25:10"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "arrived_at": ["Enter a time in 24-hour format, for example 10:15."]
    }
    assert Attendance.objects.count() == 0


def test_attendance_for_someone_who_is_not_a_member_is_refused(
    client, organisation, meeting, members, secretary, officer, on_the_day
):
    client.force_login(secretary)
    response = client.post(
        url("attendance", organisation, meeting_pk=meeting.pk),
        {"person": officer.pk, "status": "present"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": [
            "Olu Okafor is not a member of Digital Services Steering Group on the day of the "
            "meeting."
        ]
    }
    assert "Olu Okafor is not a member of Digital Services Steering Group" in (
        response.content.decode()
    )
    assert Attendance.objects.count() == 0


def test_a_member_sends_their_own_apologies_with_a_substitute(
    client, organisation, meeting, members, member
):
    client.force_login(member)
    path = url("attendance", organisation, meeting_pk=meeting.pk)
    page = client.get(path)
    editable = [row.person for row in page.context["rows"] if row.drawn is not None]
    assert editable == [member]
    assert 'value="present"' not in page.content.decode()
    response = client.post(
        path, {"person": member.pk, "status": "substitute", "substitute_name": "Pat Patel"}
    )
    assert response.status_code == 302
    attendance = Attendance.objects.get()
    assert (attendance.person, attendance.status, attendance.substitute_name) == (
        member,
        Attendance.Status.SUBSTITUTE,
        "Pat Patel",
    )


@pytest.mark.parametrize("status", ["present", "absent"])
def test_a_member_may_only_send_apologies(client, organisation, meeting, members, member, status):
    client.force_login(member)
    response = client.post(
        url("attendance", organisation, meeting_pk=meeting.pk),
        {"person": member.pk, "status": status},
    )
    assert response.status_code == 403
    assert Attendance.objects.count() == 0


def test_a_member_may_not_send_apologies_after_the_meeting(
    client, organisation, steering_group, members, member
):
    held = Meeting.objects.create(
        organisation=organisation, body=steering_group, on=date(2025, 3, 11)
    )
    client.force_login(member)
    path = url("attendance", organisation, meeting_pk=held.pk)
    assert all(row.drawn is None for row in client.get(path).context["rows"])
    response = client.post(path, {"person": member.pk, "status": "apologies"})
    assert response.status_code == 403
    assert Attendance.objects.count() == 0


def test_a_member_may_not_send_apologies_for_someone_else(
    client, organisation, meeting, members, member, chair
):
    client.force_login(member)
    response = client.post(
        url("attendance", organisation, meeting_pk=meeting.pk),
        {"person": chair.pk, "status": "apologies"},
    )
    assert response.status_code == 403
    assert Attendance.objects.count() == 0


def test_an_officer_who_is_not_a_member_may_not_open_the_attendance(
    client, organisation, meeting, officer
):
    client.force_login(officer)
    assert client.get(url("attendance", organisation, meeting_pk=meeting.pk)).status_code == 403


def test_attendance_is_not_found_for_another_organisation(
    client, organisation, meeting, secretary, outsider
):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED_AT)
    client.force_login(outsider)
    path = url("attendance", organisation, meeting_pk=meeting.pk)
    assert client.get(path).status_code == 404
    assert client.post(path, {"person": outsider.pk, "status": "apologies"}).status_code == 404


def test_attendance_refuses_other_methods(client, organisation, meeting, secretary):
    client.force_login(secretary)
    assert client.put(url("attendance", organisation, meeting_pk=meeting.pk)).status_code == 405


# Quorum, item by item, as the decision page shows it.


def quorum_on(client, organisation, item):
    return client.get(url("decision-create", organisation, item_pk=item.pk)).context["quorum"]


def test_a_prejudicial_declaration_drops_the_count_on_that_item_only(
    client, organisation, quorate, secretary, member, item
):
    other = quorate.items.get(position=1)
    actions.declare_interest(
        item, person=member, kind="prejudicial", nature="Spouse works for a bidder", by=secretary
    )
    client.force_login(secretary)
    on_item = quorum_on(client, organisation, item)
    assert (on_item.quorate, on_item.counted, on_item.reasons) == (
        False,
        4,
        ("4 members who count toward quorum are present; at least 5 are needed.",),
    )
    on_other = quorum_on(client, organisation, other)
    assert (on_other.quorate, on_other.counted) == (True, 5)


def test_a_personal_declaration_keeps_the_member_in_the_count(
    client, organisation, quorate, secretary, member, item
):
    actions.declare_interest(
        item, person=member, kind="personal", nature="Former colleague", by=secretary
    )
    client.force_login(secretary)
    assert quorum_on(client, organisation, item).counted == 5


def test_a_substitute_counts_but_cannot_take_the_chair(
    client, organisation, meeting, members, secretary, chair, item
):
    actions.record_attendance(
        meeting, person=chair, status="substitute", substitute_name="Dee Deputy", by=secretary
    )
    all_present(meeting, members[1:], secretary)
    client.force_login(secretary)
    quorum = quorum_on(client, organisation, item)
    assert (quorum.quorate, quorum.counted, quorum.chair_present, quorum.reasons) == (
        False,
        5,
        False,
        ("Neither the chair nor the nominated vice chair is present.",),
    )
    html = client.get(url("decision-create", organisation, item_pk=item.pk)).content.decode()
    assert "This item is inquorate, so it can only be deferred or noted." in html
    assert "Neither the chair nor the nominated vice chair is present." in html


def test_arriving_late_for_item_3_is_absence_from_items_1_and_2(
    client, organisation, meeting, members, secretary, member, item, on_the_day
):
    first, second, third = meeting.items.all()[:3]
    all_present(meeting, members, secretary)
    actions.record_attendance(
        meeting,
        person=member,
        status=PRESENT,
        arrived_at=time(10, 20),
        arrived_for=third,
        by=secretary,
    )
    client.force_login(secretary)
    counts = [quorum_on(client, organisation, i).counted for i in (first, second, third, item)]
    assert counts == [4, 4, 5, 5]


# Attendance on one page with one save.


class _PageForm(HTMLParser):
    """The fields of the attendance page's one form as a browser would post them."""

    def __init__(self):
        super().__init__()
        self.inside, self.data = False, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self.inside = attrs.get("id") == "attendance-form"
        elif tag == "input" and self.inside and name and name != "csrfmiddlewaretoken":
            if attrs.get("type") == "radio":
                if "checked" in attrs:
                    self.data[name] = attrs["value"]
            else:
                self.data[name] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def page_data(response):
    """What the attendance page's one form posts as it stands, with the CSRF token left out."""
    parser = _PageForm()
    parser.feed(response.content.decode())
    return parser.data


def test_the_secretary_saves_every_members_attendance_with_one_save(
    client, organisation, meeting, members, secretary, member, on_the_day
):
    client.force_login(secretary)
    path = url("attendance", organisation, meeting_pk=meeting.pk)
    data = page_data(client.get(path))
    chair, mo, first, second, third = members
    data |= {
        f"{chair.pk}-status": "present",
        f"{mo.pk}-status": "substitute",
        f"{mo.pk}-substitute_name": "Pat Price",
        f"{first.pk}-status": "apologies",
        f"{second.pk}-status": "present",
        f"{second.pk}-arrived_at": "10:20",
        f"{third.pk}-status": "absent",
    }

    response = client.post(path, data | {"save_all": "1"})

    assert response.status_code == 302
    assert response.url == path
    recorded = {
        a.person: (a.status, a.substitute_name, a.arrived_at)
        for a in Attendance.objects.filter(meeting=meeting)
    }
    assert recorded == {
        chair: ("present", "", None),
        mo: ("substitute", "Pat Price", None),
        first: ("apologies", "", None),
        second: ("present", "", time(10, 20)),
        third: ("absent", "", None),
    }  # the secretary's own row was left blank, so it is not recorded
    assert {a.history.get().history_change_reason for a in Attendance.objects.all()} == {
        "Attendance recorded for the whole meeting"
    }
    html = client.get(path).content.decode()
    assert "Attendance of 5 members saved." in html
    assert 'role="alert"' in html


def test_saving_the_page_again_records_only_what_changed(
    client, organisation, meeting, members, secretary, on_the_day
):
    all_present(meeting, members, secretary)
    client.force_login(secretary)
    path = url("attendance", organisation, meeting_pk=meeting.pk)
    data = page_data(client.get(path)) | {f"{members[2].pk}-status": "absent"}

    client.post(path, data | {"save_all": "1"})

    assert [a.history.count() for a in Attendance.objects.order_by("person_id")] == [
        1 + (a.person == members[2]) for a in Attendance.objects.order_by("person_id")
    ]
    assert Attendance.objects.get(person=members[2]).status == "absent"


def test_one_refused_row_saves_no_row_and_names_the_member(
    client, organisation, meeting, members, secretary, on_the_day
):
    client.force_login(secretary)
    path = url("attendance", organisation, meeting_pk=meeting.pk)
    data = page_data(client.get(path)) | {
        f"{members[0].pk}-status": "present",
        f"{members[1].pk}-status": "substitute",
    }

    response = client.post(path, data | {"save_all": "1"})

    assert response.status_code == 200
    assert Attendance.objects.count() == 0
    assert response.context["errors"] == [
        (
            f"attendance-{members[1].pk}-substitute_name",
            "Enter the name of the substitute for Mo Mensah.",
        )
    ]
    html = response.content.decode()
    assert "Nothing was saved." in html
    assert f'href="#attendance-{members[1].pk}-substitute_name"' in html


def test_recording_every_row_is_all_or_nothing(meeting, members, secretary):
    # Before the meeting starts apologies may be recorded, but not who was present.
    before = meeting.starts() - timedelta(hours=1)
    rows = {
        members[0]: {"status": Attendance.Status.APOLOGIES},
        members[1]: {"status": PRESENT},
        members[2]: {"status": Attendance.Status.SUBSTITUTE, "substitute_name": " "},
    }
    with pytest.raises(ValidationError) as refusal:
        actions.record_attendance_of_all(meeting, rows=rows, by=secretary, now=before)
    assert refusal.value.message_dict == {
        str(members[1].pk): [
            "The meeting has not started: Mo Mensah can only send apologies or a substitute "
            "until it starts at 10:00 on 11 March 2031."
        ],
        str(members[2].pk): ["Enter the name of the substitute for Supporting Officer 1."],
    }
    assert Attendance.objects.count() == 0


def test_mark_everyone_present_keeps_the_apologies_received(
    client, organisation, meeting, members, secretary, on_the_day
):
    actions.record_attendance(
        meeting, person=members[1], status=Attendance.Status.APOLOGIES, by=members[1]
    )
    client.force_login(secretary)
    path = url("attendance", organisation, meeting_pk=meeting.pk)
    assert "Mark everyone present" in client.get(path).content.decode()

    response = client.post(path, {"everyone_present": "1"})

    assert response.status_code == 302
    statuses = {a.person: a.status for a in Attendance.objects.all()}
    assert statuses == {
        members[0]: PRESENT,
        members[1]: Attendance.Status.APOLOGIES,
        members[2]: PRESENT,
        members[3]: PRESENT,
        members[4]: PRESENT,
        secretary: PRESENT,
    }
    assert "5 members marked present." in client.get(path).content.decode()
    assert {
        a.history.get().history_change_reason for a in Attendance.objects.exclude(person=members[1])
    } == {"Everyone not yet recorded marked present"}


def test_nobody_is_marked_present_before_the_meeting_starts(
    client, organisation, meeting, members, secretary
):
    client.force_login(secretary)
    path = url("attendance", organisation, meeting_pk=meeting.pk)
    assert "Mark everyone present" not in client.get(path).content.decode()

    client.post(path, {"everyone_present": "1"})

    assert Attendance.objects.count() == 0
    assert "The meeting has not started: members can be marked present once it starts" in (
        client.get(path).content.decode()
    )


def test_a_row_of_the_page_is_saved_alone_with_htmx(
    client, organisation, meeting, members, secretary, on_the_day
):
    client.force_login(secretary)
    path = url("attendance", organisation, meeting_pk=meeting.pk)
    data = page_data(client.get(path)) | {
        f"{members[0].pk}-status": "present",
        f"{members[1].pk}-status": "absent",
    }

    response = htmx(client, path, data | {"row": members[1].pk})

    html = response.content.decode()
    assert html.strip().startswith(
        f'<div class="govuk-summary-card" id="attendance-{members[1].pk}">'
    )
    assert "data-focus-after-swap" in html
    assert {a.person: a.status for a in Attendance.objects.all()} == {members[1]: "absent"}


@pytest.mark.parametrize("button", ["save_all", "everyone_present"])
def test_only_the_secretary_saves_the_whole_page(
    client, organisation, meeting, members, member, button, on_the_day
):
    client.force_login(member)
    path = url("attendance", organisation, meeting_pk=meeting.pk)
    response = client.post(path, {f"{member.pk}-status": "apologies", button: "1"})
    assert response.status_code == 403
    assert Attendance.objects.count() == 0


# Declarations and withdrawals.


def test_the_secretary_records_a_declaration_made_in_advance(
    client, organisation, meeting, members, secretary, member, item
):
    client.force_login(secretary)
    response = client.post(
        url("declaration-create", organisation, item_pk=item.pk),
        {"person": member.pk, "kind": "prejudicial", "nature": "Spouse works for a bidder"},
    )
    assert response.status_code == 302
    assert response.url == f"{meeting.get_absolute_url()}#item-{item.pk}"
    declaration = Declaration.objects.get()
    assert (
        declaration.item,
        declaration.person,
        declaration.kind,
        declaration.nature,
        declaration.in_advance,
    ) == (item, member, "prejudicial", "Spouse works for a bidder", True)
    assert Withdrawal.objects.get().declaration == declaration


def test_a_member_declares_only_for_themselves(
    client, organisation, meeting, members, member, chair, item
):
    client.force_login(member)
    path = url("declaration-create", organisation, item_pk=item.pk)
    page = client.get(path)
    assert "person" not in page.context["form"].fields
    assert "You are declaring an interest as Mo Mensah." in page.content.decode()
    client.post(path, {"person": chair.pk, "kind": "personal", "nature": "Former colleague"})
    assert Declaration.objects.get().person == member


def test_a_duplicate_declaration_is_refused(
    client, organisation, meeting, members, secretary, member, item
):
    actions.declare_interest(item, person=member, kind="personal", nature="First", by=secretary)
    client.force_login(secretary)
    response = client.post(
        url("declaration-create", organisation, item_pk=item.pk),
        {"person": member.pk, "kind": "prejudicial", "nature": "Second"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "person": ["Mo Mensah has already declared an interest in this item."]
    }
    assert Declaration.objects.get().nature == "First"
    assert Withdrawal.objects.count() == 0


def test_a_duplicate_declaration_by_the_member_themselves_is_refused(
    client, organisation, meeting, members, secretary, member, item
):
    actions.declare_interest(item, person=member, kind="personal", nature="First", by=secretary)
    client.force_login(member)
    response = client.post(
        url("declaration-create", organisation, item_pk=item.pk),
        {"kind": "personal", "nature": "Second"},
    )
    assert response.context["form"].non_field_errors() == [
        "Mo Mensah has already declared an interest in this item."
    ]
    assert Declaration.objects.count() == 1


def test_the_secretary_records_a_withdrawal_with_times(
    client, organisation, meeting, secretary, chair, item
):
    client.force_login(secretary)
    response = client.post(
        url("withdrawal-create", organisation, item_pk=item.pk),
        {"person": chair.pk, "withdrew_at": "10:30", "returned_at": "10:50", "reason": "Bidder"},
    )
    assert response.status_code == 302
    withdrawal = Withdrawal.objects.get()
    assert (withdrawal.person, withdrawal.withdrew_at, withdrawal.returned_at) == (
        chair,
        time(10, 30),
        time(10, 50),
    )


def test_a_return_before_the_withdrawal_is_refused(
    client, organisation, meeting, secretary, chair, item
):
    client.force_login(secretary)
    response = client.post(
        url("withdrawal-create", organisation, item_pk=item.pk),
        {"person": chair.pk, "withdrew_at": "10:30", "returned_at": "10:10"},
    )
    assert response.context["form"].errors == {
        "returned_at": ["The return must be after the withdrawal."]
    }
    assert Withdrawal.objects.count() == 0


# Who may do what, for every page about an item or a meeting.


def item_paths(organisation, item):
    return [
        url(name, organisation, item_pk=item.pk)
        for name in ("declaration-create", "withdrawal-create", "decision-create", "item-minutes")
    ]


def meeting_paths(organisation, meeting):
    return [
        url(name, organisation, meeting_pk=meeting.pk)
        for name in ("action-create", "previous-approve", "forward")
    ]


def test_the_secretary_opens_every_record_page(
    client, organisation, meeting, members, secretary, item, on_the_day
):
    client.force_login(secretary)
    for path in [*item_paths(organisation, item), *meeting_paths(organisation, meeting)]:
        assert client.get(path).status_code == 200, path


def test_an_administrator_manages_the_record(
    client, organisation, meeting, members, administrator, item, on_the_day
):
    client.force_login(administrator)
    for path in [*item_paths(organisation, item), *meeting_paths(organisation, meeting)]:
        assert client.get(path).status_code == 200, path


def test_only_managers_record_withdrawals_decisions_minutes_and_actions(
    client, organisation, meeting, members, member, item
):
    client.force_login(member)
    paths = [*item_paths(organisation, item)[1:], *meeting_paths(organisation, meeting)]
    for path in paths:
        assert client.get(path).status_code == 403, path
        assert client.post(path, {}).status_code == 403, path
    assert Decision.objects.count() == Action.objects.count() == 0


def test_an_officer_who_is_not_a_member_may_not_declare(
    client, organisation, meeting, officer, item
):
    client.force_login(officer)
    assert client.get(item_paths(organisation, item)[0]).status_code == 403


def test_record_pages_are_not_found_for_another_organisation(
    client, organisation, meeting, secretary, outsider, item
):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED_AT)
    client.force_login(outsider)
    for path in [*item_paths(organisation, item), *meeting_paths(organisation, meeting)]:
        assert client.get(path).status_code == 404, path
        assert client.post(path, {}).status_code == 404, path


def test_record_pages_refuse_other_methods(client, organisation, meeting, secretary, item):
    client.force_login(secretary)
    for path in [*item_paths(organisation, item), *meeting_paths(organisation, meeting)]:
        assert client.put(path).status_code == 405, path
        assert client.delete(path).status_code == 405, path


# Decisions.


def test_a_body_deciding_by_agreement_shows_no_votes(
    client, organisation, quorate, secretary, chair, item
):
    client.force_login(secretary)
    response = client.get(url("decision-create", organisation, item_pk=item.pk))
    html = response.content.decode()
    assert list(response.context["form"].fields) == [
        "statement",
        "outcome",
        "conditions",
        "review_on",
        "referred_to",
        "confirmed_by",
        "supersedes",
    ]
    assert "vote" not in html.lower()
    assert "abstention" not in html.lower()
    assert response.context["form"]["confirmed_by"].value() == chair.pk
    assert "This item is quorate." in html


def test_the_secretary_records_a_decision_by_agreement(
    client, organisation, quorate, secretary, chair, item, steering_group
):
    client.force_login(secretary)
    response = client.post(
        url("decision-create", organisation, item_pk=item.pk),
        {
            "statement": "The group approved the move to cloud hosting.",
            "outcome": "approved_with_conditions",
            "conditions": "Exit plan by April.",
            **date_fields("review_on", date(2031, 9, 9)),
            "confirmed_by": chair.pk,
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (
        decision.reference,
        decision.outcome,
        decision.conditions,
        decision.review_on,
        decision.confirmed_by,
        decision.votes_for,
    ) == (
        "DSSG/2031/001",
        "approved_with_conditions",
        "Exit plan by April.",
        date(2031, 9, 9),
        chair,
        None,
    )


def test_a_decision_refers_an_item_to_another_body(
    client, organisation, quorate, secretary, chair, item
):
    cabinet = Body.objects.create(organisation=organisation, name="Cabinet")
    client.force_login(secretary)
    client.post(
        url("decision-create", organisation, item_pk=item.pk),
        {
            "statement": "Referred.",
            "outcome": "referred",
            "referred_to": cabinet.pk,
            "confirmed_by": chair.pk,
        },
    )
    assert Decision.objects.get().referred_to == cabinet


def test_a_decision_on_an_inquorate_item_can_only_be_deferred_or_noted(
    client, organisation, meeting, members, secretary, chair, item
):
    all_present(meeting, members[:4], secretary)
    client.force_login(secretary)
    path = url("decision-create", organisation, item_pk=item.pk)
    form = {"statement": "Approved.", "outcome": "approved", "confirmed_by": chair.pk}
    response = client.post(path, form)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "outcome": [
            "The item is inquorate, so it can only be deferred or noted. 4 members who count "
            "toward quorum are present; at least 5 are needed."
        ]
    }
    assert Decision.objects.count() == 0
    response = client.post(path, form | {"outcome": "deferred", "statement": "Deferred."})
    assert response.status_code == 302
    assert Decision.objects.get().outcome == "deferred"


def test_a_body_deciding_by_vote_records_the_counts(
    client, organisation, quorate, secretary, item, steering_group
):
    steering_group.decision_method = Body.DecisionMethod.VOTE
    steering_group.save()
    client.force_login(secretary)
    path = url("decision-create", organisation, item_pk=item.pk)
    fields = client.get(path).context["form"].fields
    assert "confirmed_by" not in fields
    assert {"votes_for", "votes_against", "abstentions"} <= set(fields)
    client.post(
        path,
        {"statement": "Approved.", "outcome": "approved", "votes_for": 4, "votes_against": 1},
    )
    decision = Decision.objects.get()
    assert (decision.votes_for, decision.votes_against, decision.abstentions) == (4, 1, None)


def test_a_later_decision_supersedes_an_earlier_one(
    client, organisation, quorate, secretary, chair, item
):
    earlier = decide(item, secretary, chair)
    client.force_login(secretary)
    path = url("decision-create", organisation, item_pk=item.pk)
    assert list(client.get(path).context["form"].fields["supersedes"].queryset) == [earlier]
    client.post(
        path,
        {
            "statement": "Replaced.",
            "outcome": "approved",
            "confirmed_by": chair.pk,
            "supersedes": earlier.pk,
        },
    )
    later = Decision.objects.get(number=2)
    assert later.supersedes == earlier
    assert list(client.get(path).context["form"].fields["supersedes"].queryset) == [later]


def test_no_decision_is_recorded_after_the_minutes_are_approved(
    client, organisation, quorate, secretary, chair, item, next_meeting, on_the_next_day
):
    actions.approve_minutes(quorate, at=next_meeting, by=secretary)
    client.force_login(secretary)
    path = url("decision-create", organisation, item_pk=item.pk)
    assert client.get(path).status_code == 403
    response = client.post(
        path, {"statement": "Approved.", "outcome": "approved", "confirmed_by": chair.pk}
    )
    assert response.status_code == 403
    assert Decision.objects.count() == 0
    with pytest.raises(ValidationError) as refused:
        decide(item, secretary, chair)
    assert refused.value.messages == [
        "The minutes of this meeting are approved: the record can no longer be changed."
    ]


# Minutes.


def test_minutes_are_written_as_a_word_user_expects(client, organisation, meeting, secretary, item):
    client.force_login(secretary)
    text = (
        "# Discussion\n\nSam presented the **business case**; members asked about _exit "
        "costs_.\nThe chair summed up.\n\n1. Approve the case\n2. Review in June\n\n"
        "- Finance\n- Legal\n"
    )
    response = client.post(
        url("item-minutes", organisation, item_pk=item.pk), {"text": text, "version": 1}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.minutes_text == text.strip("\n")
    assert item.minutes == (
        "<h5>Discussion</h5>\n"
        "<p>Sam presented the <strong>business case</strong>; members asked about <em>exit "
        "costs</em>.<br>\nThe chair summed up.</p>\n"
        "<ol>\n<li>Approve the case</li>\n<li>Review in June</li>\n</ol>\n"
        "<ul>\n<li>Finance</li>\n<li>Legal</li>\n</ul>"
    )
    # What was typed is what the form shows next time, never the HTML.
    form = client.get(url("item-minutes", organisation, item_pk=item.pk)).context["entries"][0]
    assert form.form["text"].value() == text.strip("\n")


def test_html_and_images_typed_in_the_minutes_are_shown_as_typed(
    client, organisation, meeting, secretary, item
):
    client.force_login(secretary)
    response = client.post(
        url("item-minutes", organisation, item_pk=item.pk),
        {
            "text": "<strong>Agreed</strong> <script>alert('x')</script> "
            "![the plan](https://example.org/plan.png) [link](javascript:alert(1))",
            "version": 1,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.minutes == (
        "<p>&lt;strong&gt;Agreed&lt;/strong&gt; &lt;script&gt;alert('x')&lt;/script&gt; the plan "
        "[link](javascript:alert(1))</p>"
    )


def test_the_preview_shows_the_minutes_without_saving_them(
    client, organisation, meeting, secretary, item
):
    client.force_login(secretary)
    path = url("item-minutes", organisation, item_pk=item.pk)
    response = client.post(path, {"text": "**Agreed.**", "version": 1, "preview": "1"})
    assert response.status_code == 200
    assert response.context["entries"][0].preview == "<p><strong>Agreed.</strong></p>"
    html = response.content.decode()
    assert '<div class="govuk-body steerco-minutes"><p><strong>Agreed.</strong></p></div>' in html
    assert "**Agreed.**</textarea>" in html
    item.refresh_from_db()
    assert (item.minutes_text, item.minutes_version) == ("", 1)


def test_minutes_cannot_change_after_approval(
    client, organisation, meeting, secretary, item, next_meeting, on_the_next_day
):
    actions.save_minutes(item, text="Agreed.", by=secretary)
    actions.approve_minutes(meeting, at=next_meeting, by=secretary)
    client.force_login(secretary)
    response = client.post(
        url("item-minutes", organisation, item_pk=item.pk),
        {"text": "Changed.", "version": 2},
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.minutes == "<p>Agreed.</p>"
    with pytest.raises(ValidationError) as refused:
        actions.save_minutes(item, text="Changed.", by=secretary)
    assert refused.value.messages == [
        "The minutes of this meeting are approved: the record can no longer be changed."
    ]


def test_minutes_saved_over_newer_minutes_are_refused(
    client, organisation, secretary, administrator, item
):
    path = url("item-minutes", organisation, item_pk=item.pk)
    client.force_login(secretary)
    page = client.get(path)
    opened = page.context["form"]["version"].value()
    assert '<input type="hidden" name="version" value="1" id="id_version">' in page.content.decode()
    client.force_login(administrator)
    assert client.get(path).context["form"]["version"].value() == opened == 1
    with time_machine.travel(FIVE_PAST_TWO, tick=False):
        first = client.post(path, {"text": "The group approved the business case.", "version": 1})
    assert first.status_code == 302
    rows = item.history.count()

    client.force_login(secretary)
    refused = client.post(path, {"text": "The group deferred the item.", "version": opened})

    assert refused.context["form"].non_field_errors() == [
        "This was changed by Ada Ahmed at 14:05 on 1 June 2026 since you opened it.",
        "Current minutes: The group approved the business case.",
    ]
    assert refused.context["form"]["text"].value() == "The group deferred the item."
    assert "Current minutes: The group approved the business case." in refused.content.decode()
    item.refresh_from_db()
    assert (item.minutes, item.minutes_version) == (
        "<p>The group approved the business case.</p>",
        2,
    )
    assert item.history.count() == rows


def test_minutes_are_not_refused_because_the_item_changed(
    client, organisation, secretary, administrator, item
):
    path = url("item-minutes", organisation, item_pk=item.pk)
    client.force_login(secretary)
    opened = client.get(path).context["form"]["version"].value()
    renamed = AgendaItem.objects.get(pk=item.pk)
    renamed.title = "Cloud hosting exit plan"
    actions.save_item(renamed, by=administrator)

    assert client.post(path, {"text": "Agreed.", "version": opened}).status_code == 302

    item.refresh_from_db()
    assert (item.title, item.minutes, item.version, item.minutes_version) == (
        "Cloud hosting exit plan",
        "<p>Agreed.</p>",
        2,
        2,
    )


def test_a_change_to_the_item_keeps_minutes_saved_since_it_was_loaded(
    secretary, administrator, item
):
    loaded = AgendaItem.objects.get(pk=item.pk)
    actions.save_minutes(item, text="Agreed.", by=secretary)
    loaded.title = "Cloud hosting exit plan"
    actions.save_item(loaded, by=administrator)

    stored = AgendaItem.objects.get(pk=item.pk)
    assert (stored.title, stored.minutes) == ("Cloud hosting exit plan", "<p>Agreed.</p>")
    assert (item.history.first().title, item.history.first().minutes) == (
        "Cloud hosting exit plan",
        "<p>Agreed.</p>",
    )


# Actions.


def test_the_secretary_adds_an_action(client, organisation, meeting, secretary, member, item):
    client.force_login(secretary)
    response = client.post(
        url("action-create", organisation, meeting_pk=meeting.pk),
        {
            "description": "Draft the exit plan",
            "owner": member.pk,
            **date_fields("due_on", date(2031, 4, 30)),
            "item": item.pk,
        },
    )
    assert response.status_code == 302
    assert response.url == url("action-log", organisation, meeting_pk=meeting.pk)
    action = Action.objects.get()
    assert (action.number, action.owner, action.due_on, action.item, action.status) == (
        1,
        member,
        date(2031, 4, 30),
        item,
        "open",
    )


def test_an_action_with_no_owner_is_refused(client, organisation, meeting, secretary):
    client.force_login(secretary)
    response = client.post(
        url("action-create", organisation, meeting_pk=meeting.pk),
        {"description": "Draft the exit plan", **date_fields("due_on", date(2031, 4, 30))},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"owner": ["Select the owner of the action."]}
    assert "Select the owner of the action." in response.content.decode()
    assert Action.objects.count() == 0


def test_the_owner_updates_their_action(client, organisation, action, member, on_the_next_day):
    client.force_login(member)
    path = url("action-update", organisation, action_pk=action.pk)
    page = client.get(path)
    assert page.status_code == 200
    assert page.context["form"]["on"].value() == timezone.localdate()
    response = client.post(
        path,
        {
            "status": "in_progress",
            "text": "Draft circulated",
            **date_fields("on", date(2031, 3, 20)),
            "version": 1,
        },
    )
    assert response.status_code == 302
    assert response.url == path
    update = ActionUpdate.objects.get()
    assert (update.on, update.text, update.status, update.by) == (
        date(2031, 3, 20),
        "Draft circulated",
        "in_progress",
        member,
    )
    action.refresh_from_db()
    assert action.status == "in_progress"


def test_an_update_without_a_date_is_dated_today(client, organisation, action, secretary):
    client.force_login(secretary)
    client.post(
        url("action-update", organisation, action_pk=action.pk),
        {"status": "done", "text": "Plan agreed", "version": 1},
    )
    action.refresh_from_db()
    assert (action.status, action.closed_on) == ("done", timezone.localdate())
    assert ActionUpdate.objects.get().on == timezone.localdate()


def test_htmx_action_update_returns_only_the_row(client, organisation, action, member):
    client.force_login(member)
    response = htmx(
        client,
        url("action-update", organisation, action_pk=action.pk),
        {"status": "in_progress", "text": "Draft circulated", "version": 1},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.strip().startswith(f'<tr class="govuk-table__row" id="action-{action.pk}">')
    assert "In progress" in html
    assert "Draft circulated" in html
    assert ActionUpdate.objects.count() == 1


def test_htmx_action_update_shows_a_refusal_in_the_row(client, organisation, action, member):
    client.force_login(member)
    response = htmx(
        client, url("action-update", organisation, action_pk=action.pk), {"status": "done"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "Enter the update" in html
    assert ActionUpdate.objects.count() == 0


def test_an_update_over_a_newer_one_is_refused(client, organisation, action, member, secretary):
    path = url("action-update", organisation, action_pk=action.pk)
    client.force_login(secretary)
    opened = client.get(path).context["form"]["version"].value()
    client.force_login(member)
    assert client.get(path).context["form"]["version"].value() == opened == 1
    with time_machine.travel(FIVE_PAST_TWO, tick=False):
        first = client.post(path, {"status": "done", "text": "Plan agreed", "version": 1})
    assert first.status_code == 302
    rows = action.history.count()

    client.force_login(secretary)
    refused = client.post(path, {"status": "open", "text": "Chased", "version": opened})

    assert refused.context["form"].non_field_errors() == [
        "This was changed by Mo Mensah at 14:05 on 1 June 2026 since you opened it.",
        "Current status: Done",
        "Current closed on: 1 June 2026",
    ]
    assert refused.context["form"]["text"].value() == "Chased"
    action.refresh_from_db()
    assert (action.status, action.closed_on, action.version) == ("done", date(2026, 6, 1), 2)
    assert list(ActionUpdate.objects.values_list("status", "text", "by")) == [
        ("done", "Plan agreed", member.pk)
    ]
    assert action.history.count() == rows


def test_htmx_update_over_a_newer_one_is_refused_in_the_row(
    client, organisation, action, member, secretary
):
    path = url("action-update", organisation, action_pk=action.pk)
    client.force_login(secretary)
    row = client.get(path, headers={"HX-Request": "true"}).content.decode()
    assert '<input type="hidden" name="version" value="1">' in row
    actions.update_action(
        Action.objects.get(pk=action.pk),
        status="done",
        text="Plan agreed",
        on=date(2026, 6, 1),
        by=member,
    )

    refused = htmx(client, path, {"status": "open", "text": "Chased", "version": 1})

    html = refused.content.decode()
    assert html.strip().startswith(f'<tr class="govuk-table__row" id="action-{action.pk}">')
    assert "This was changed by Mo Mensah at " in html
    assert "Current status: Done" in html
    assert ">Chased</textarea>" in html
    action.refresh_from_db()
    assert (action.status, action.version) == ("done", 2)
    assert ActionUpdate.objects.count() == 1


def test_an_overdue_action_is_flagged(client, organisation, meeting, secretary, member):
    overdue = Action.objects.create(
        organisation=organisation,
        body=meeting.body,
        meeting=meeting,
        number=7,
        description="Renew the licence",
        owner=member,
        due_on=date(2020, 1, 31),
    )
    client.force_login(secretary)
    path = url("action-update", organisation, action_pk=overdue.pk)
    assert "Overdue" in client.get(path).content.decode()
    row = htmx(client, path, {"status": "in_progress", "text": "Chased", "version": 1})
    row = row.content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in row
    done = htmx(client, path, {"status": "done", "text": "Renewed", "version": 2})
    done = done.content.decode()
    assert "Overdue" not in done


def test_an_officer_may_not_update_someone_elses_action(client, organisation, action, officer):
    client.force_login(officer)
    path = url("action-update", organisation, action_pk=action.pk)
    assert client.get(path).status_code == 403
    assert client.post(path, {"status": "done", "text": "Done"}).status_code == 403
    assert ActionUpdate.objects.count() == 0


def test_an_action_is_not_found_for_another_organisation(client, organisation, action, outsider):
    client.force_login(outsider)
    assert client.get(url("action-update", organisation, action_pk=action.pk)).status_code == 404


def test_the_action_page_refuses_other_methods(client, organisation, action, member):
    client.force_login(member)
    assert client.put(url("action-update", organisation, action_pk=action.pk)).status_code == 405


# The previous meeting's record.


def test_the_next_meeting_approves_the_minutes_and_agrees_the_action_log(
    client, organisation, meeting, next_meeting, secretary, on_the_next_day
):
    client.force_login(secretary)
    response = client.post(
        url("previous-approve", organisation, meeting_pk=next_meeting.pk),
        {"approve_minutes": "on", "corrections": "Item 4: Pat, not Pam.", "agree_action_log": "on"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (
        meeting.minutes_approved_at,
        meeting.minutes_corrections,
        meeting.action_log_agreed_at,
    ) == (next_meeting, "Item 4: Pat, not Pam.", next_meeting)


def test_agreeing_the_previous_record_records_who_and_why(
    meeting, next_meeting, secretary, on_the_next_day
):
    actions.agree_previous_record(
        meeting,
        at=next_meeting,
        by=secretary,
        minutes=True,
        corrections=" Item 4: Pat, not Pam. ",
        action_log=True,
    )
    meeting.refresh_from_db()
    assert (meeting.minutes_corrections, meeting.action_log_agreed_at) == (
        "Item 4: Pat, not Pam.",
        next_meeting,
    )
    assert [
        (h.history_change_reason, h.history_user)
        for h in meeting.history.order_by("history_id")[1:]
    ] == [
        ("Minutes approved at the meeting of 2031-05-13", secretary),
        ("Action log agreed at the meeting of 2031-05-13", secretary),
    ]


def test_a_refused_action_log_undoes_the_approval_of_the_minutes(
    meeting, next_meeting, secretary, on_the_next_day
):
    actions.agree_action_log(meeting, at=next_meeting, by=secretary)
    with pytest.raises(ValidationError, match="This action log is already agreed"):
        actions.agree_previous_record(
            meeting, at=next_meeting, by=secretary, minutes=True, action_log=True
        )
    meeting.refresh_from_db()
    assert meeting.minutes_approved_at is None


def test_agreeing_nothing_of_the_previous_record_is_refused(meeting, next_meeting, secretary):
    with pytest.raises(ValidationError, match="Select what the meeting agreed"):
        actions.agree_previous_record(meeting, at=next_meeting, by=secretary)
    with pytest.raises(ValidationError, match="Corrections are recorded with the approval"):
        actions.agree_previous_record(
            meeting, at=next_meeting, by=secretary, corrections="Pat", action_log=True
        )
    assert meeting.history.count() == 1


def test_the_previous_meeting_skips_a_cancelled_one(
    client, organisation, steering_group, meeting, next_meeting, secretary, on_the_next_day
):
    cancelled = actions.schedule_meeting(
        steering_group,
        on=date(2031, 4, 8),
        starts_at=time(10),
        by=secretary,
        today=date(2026, 1, 1),
    )
    actions.cancel_meeting(cancelled, reason="No business", by=secretary)
    client.force_login(secretary)
    client.post(
        url("previous-approve", organisation, meeting_pk=next_meeting.pk),
        {"agree_action_log": "on"},
    )
    meeting.refresh_from_db()
    assert (meeting.minutes_approved_at, meeting.action_log_agreed_at) == (None, next_meeting)


def test_nothing_ticked_records_nothing(
    client, organisation, meeting, next_meeting, secretary, on_the_next_day
):
    client.force_login(secretary)
    response = client.post(url("previous-approve", organisation, meeting_pk=next_meeting.pk), {})
    assert response.context["form"].non_field_errors() == ["Select what the meeting agreed."]
    meeting.refresh_from_db()
    assert (meeting.minutes_approved_at, meeting.action_log_agreed_at) == (None, None)


def test_minutes_already_approved_are_not_offered_again(
    client, organisation, meeting, next_meeting, secretary, on_the_next_day
):
    actions.approve_minutes(meeting, at=next_meeting, by=secretary)
    client.force_login(secretary)
    page = client.get(url("previous-approve", organisation, meeting_pk=next_meeting.pk))
    assert list(page.context["form"].fields) == ["agree_action_log"]
    assert "its minutes were approved at the meeting of 13 May 2031" in page.content.decode()


def test_the_first_meeting_has_no_previous_record(
    client, organisation, meeting, secretary, on_the_day
):
    client.force_login(secretary)
    response = client.post(url("previous-approve", organisation, meeting_pk=meeting.pk), {})
    assert response.context["form"].non_field_errors() == [
        "There is no earlier meeting of the body to agree."
    ]


# Forwarding.


@pytest.fixture
def reporting_lines(organisation, steering_group):
    board = Body.objects.create(organisation=organisation, name="Efficiency Board")
    emt = Body.objects.create(organisation=organisation, name="Executive Management Team")
    cabinet = Body.objects.create(organisation=organisation, name="Cabinet")
    for to_body, carries in (
        (board, ["action_log"]),
        (emt, ["action_log", "decisions"]),
        (cabinet, ["approved_minutes"]),
    ):
        ReportingLine.objects.create(
            organisation=organisation, from_body=steering_group, to_body=to_body, carries=carries
        )
    return board, emt, cabinet


def test_forwarding_starts_from_the_reporting_lines(
    client, organisation, meeting, secretary, reporting_lines
):
    board, emt, cabinet = reporting_lines
    client.force_login(secretary)
    path = url("forward", organisation, meeting_pk=meeting.pk)
    form = client.get(path).context["form"]
    assert form["to_bodies"].value() == [board.pk, emt.pk]
    assert form["what"].value() == "action_log"
    assert client.get(f"{path}?what=minutes").context["form"]["to_bodies"].value() == [cabinet.pk]


def test_forwarding_ticks_exactly_the_bodies_whose_lines_carry_it_and_no_condition(
    client, organisation, steering_group, meeting, secretary, reporting_lines
):
    board, emt, cabinet = reporting_lines
    council = Body.objects.create(organisation=organisation, name="Council")
    ReportingLine.objects.create(
        organisation=organisation,
        from_body=steering_group,
        to_body=council,
        carries=["approved_minutes", "decisions"],
        condition="At the request of Cabinet",
    )
    client.force_login(secretary)
    path = url("forward", organisation, meeting_pk=meeting.pk)

    ticked = {
        what: client.get(f"{path}?what={what}").context["form"]["to_bodies"].value()
        for what in ("action_log", "minutes", "decisions")
    }
    minutes = client.get(f"{path}?what=minutes").content.decode()

    assert ticked == {
        "action_log": [board.pk, emt.pk],
        "minutes": [cabinet.pk],
        "decisions": [emt.pk],
    }
    assert "Council receives the approved minutes only on a condition" in minutes
    assert '<input type="hidden" name="what" value="minutes"' in minutes


def test_an_agreed_action_log_is_forwarded(
    client, organisation, meeting, next_meeting, secretary, reporting_lines, on_the_next_day
):
    board, emt, _ = reporting_lines
    actions.agree_action_log(meeting, at=next_meeting, by=secretary)
    client.force_login(secretary)
    response = client.post(
        url("forward", organisation, meeting_pk=meeting.pk),
        {
            "what": "action_log",
            "to_bodies": [board.pk, emt.pk],
            **date_fields("forwarded_on", date(2031, 5, 13)),
        },
    )
    assert response.status_code == 302
    assert [
        (f.meeting, f.what, f.to_body, f.forwarded_on, f.by) for f in Forwarding.objects.all()
    ] == [
        (meeting, "action_log", board, date(2031, 5, 13), secretary),
        (meeting, "action_log", emt, date(2031, 5, 13), secretary),
    ]


def test_forwarding_is_recorded_with_who_and_why(
    meeting, next_meeting, secretary, reporting_lines, on_the_next_day
):
    board, emt, _ = reporting_lines
    actions.agree_action_log(meeting, at=next_meeting, by=secretary)
    for _ in range(2):
        actions.forward(
            meeting,
            what=Forwarding.What.ACTION_LOG,
            to_bodies=[board, emt],
            on=date(2031, 5, 13),
            by=secretary,
        )
    assert [
        (h.to_body, h.history_change_reason, h.history_user)
        for h in Forwarding.history.order_by("history_id")
    ] == [
        (board, "Action log forwarded to Efficiency Board", secretary),
        (emt, "Action log forwarded to Executive Management Team", secretary),
    ]


def test_an_action_log_not_yet_agreed_is_not_forwarded(
    client, organisation, meeting, secretary, reporting_lines
):
    client.force_login(secretary)
    response = client.post(
        url("forward", organisation, meeting_pk=meeting.pk),
        {
            "what": "action_log",
            "to_bodies": [reporting_lines[0].pk],
            **date_fields("forwarded_on", date(2031, 5, 13)),
        },
    )
    assert response.context["form"].non_field_errors() == [
        "The action log is forwarded once it is agreed."
    ]
    assert Forwarding.objects.count() == 0


# The register of decisions.


def test_the_decision_register_is_public(
    client, organisation, steering_group, quorate, secretary, chair, item, upload
):
    actions.add_paper(
        item,
        title="Supplier price comparison",
        upload=upload("prices.pdf"),
        by=secretary,
        restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
    )
    actions.publish_agenda(quorate, by=secretary, now=PUBLISHED_AT)
    decide(item, secretary, chair, review_on=date(2031, 9, 9))
    response = client.get(url("decision-list", organisation, pk=steering_group.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "DSSG/2031/001" in html
    assert "Cloud hosting business case" in html
    assert "The business case is approved." in html
    assert "9 Sep 2031" in html
    assert "Supplier price comparison" not in html
    assert "prices.pdf" not in html


def test_the_register_shows_nothing_where_there_is_no_review_date(
    client, organisation, steering_group, quorate, secretary, chair, item
):
    actions.publish_agenda(quorate, by=secretary, now=PUBLISHED_AT)
    decide(item, secretary, chair)
    html = client.get(url("decision-list", organisation, pk=steering_group.pk)).content.decode()
    cells = re.findall(r'<td class="govuk-table__cell">(.*?)</td>', html, re.S)
    assert cells[-1].strip() == ""
    assert "None" not in html


def test_decisions_of_an_unpublished_meeting_are_the_councils_own(
    client, organisation, steering_group, quorate, secretary, chair, item, officer
):
    decide(item, secretary, chair)
    path = url("decision-list", organisation, pk=steering_group.pk)
    assert list(client.get(path).context["page"]) == []
    client.force_login(officer)
    assert [d.reference for d in client.get(path).context["page"]] == ["DSSG/2031/001"]


def test_the_register_links_superseded_decisions(
    client, organisation, steering_group, quorate, secretary, chair, item
):
    actions.publish_agenda(quorate, by=secretary, now=PUBLISHED_AT)
    earlier = decide(item, secretary, chair)
    decide(item, secretary, chair, statement="Replaced.", supersedes=earlier)
    html = client.get(url("decision-list", organisation, pk=steering_group.pk)).content.decode()
    assert "Superseded by" in html and "DSSG/2031/002</a>" in html
    assert "Supersedes" in html and "DSSG/2031/001</a>" in html


def bulk_decisions(meeting, item, count, start=1):
    Decision.objects.bulk_create(
        Decision(
            organisation=meeting.organisation,
            body=meeting.body,
            item=item,
            year=2031,
            number=number,
            statement=f"Decision {number}",
            outcome=Decision.Outcome.NOTED,
        )
        for number in range(start, start + count)
    )


def register_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_register_query_count_does_not_grow_with_decisions(
    client, organisation, steering_group, meeting, secretary, chair, item
):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED_AT)
    bulk_decisions(meeting, item, 2)
    Decision.objects.filter(number=2).update(supersedes=Decision.objects.get(number=1))
    path = url("decision-list", organisation, pk=steering_group.pk)
    few = register_queries(client, path)
    bulk_decisions(meeting, item, 20, start=3)
    Decision.objects.filter(number=4).update(supersedes=Decision.objects.get(number=3))
    assert register_queries(client, path) == few


def test_the_register_shows_fifty_decisions_a_page(
    client, organisation, steering_group, meeting, secretary, item
):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED_AT)
    bulk_decisions(meeting, item, 51)
    path = url("decision-list", organisation, pk=steering_group.pk)
    first = client.get(path)
    assert len(first.context["page"]) == 50
    assert 'class="govuk-pagination"' in first.content.decode()
    assert [d.number for d in client.get(f"{path}?page=2").context["page"]] == [1]


def test_the_register_of_another_organisations_body_is_not_found(
    client, organisation, other_organisation
):
    theirs = Body.objects.create(organisation=other_organisation, name="Their group")
    assert client.get(url("decision-list", organisation, pk=theirs.pk)).status_code == 404


def test_the_register_refuses_posts(client, organisation, steering_group):
    assert client.post(url("decision-list", organisation, pk=steering_group.pk)).status_code == 405


def test_htmx_opens_the_action_form_in_its_row(client, organisation, secretary, meeting):
    action = actions.add_action(
        meeting,
        description="Draft the plan",
        owner=secretary,
        due_on=date(2031, 4, 1),
        by=secretary,
    )
    client.force_login(secretary)
    response = client.get(
        url("action-update", organisation, action_pk=action.pk), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert html.strip().startswith(f'<tr class="govuk-table__row" id="action-{action.pk}">')
    assert 'name="text"' in html


def test_a_decision_is_amended_until_the_minutes_are_approved(
    client, organisation, quorate, secretary, chair, item, next_meeting, on_the_next_day
):
    decision = actions.record_decision(
        item, statement="Approved the plan.", outcome="approved", confirmed_by=chair, by=secretary
    )
    client.force_login(secretary)
    path = url("decision-edit", organisation, decision_pk=decision.pk)
    form = {
        "statement": "Approved the revised plan.",
        "outcome": "approved",
        "confirmed_by": chair.pk,
        "version": 1,
    }
    assert client.post(path, form).status_code == 302
    decision.refresh_from_db()
    assert (decision.statement, decision.reference) == (
        "Approved the revised plan.",
        "DSSG/2031/001",
    )
    assert decision.history.first().history_change_reason == "Decision amended before approval"

    later = next_meeting
    actions.approve_minutes(item.meeting, at=later, by=secretary)
    assert client.get(path).status_code == 403
    refused = client.post(path, form | {"statement": "Something else.", "version": 2})
    assert refused.status_code == 403
    decision.refresh_from_db()
    assert decision.statement == "Approved the revised plan."


def test_an_amendment_over_a_newer_one_is_refused(
    client, organisation, quorate, secretary, administrator, chair, item
):
    decision = decide(item, secretary, chair, statement="Approved the plan.")
    path = url("decision-edit", organisation, decision_pk=decision.pk)
    client.force_login(secretary)
    opened = client.get(path).context["form"]["version"].value()
    client.force_login(administrator)
    assert client.get(path).context["form"]["version"].value() == opened == 1
    form = {"statement": "Approved the plan.", "outcome": "approved", "confirmed_by": chair.pk}
    with time_machine.travel(FIVE_PAST_TWO, tick=False):
        first = client.post(path, form | {"statement": "Approved the revised plan.", "version": 1})
    assert first.status_code == 302
    rows = decision.history.count()

    client.force_login(secretary)
    refused = client.post(
        path,
        form
        | {"outcome": "approved_with_conditions", "conditions": "Exit plan first", "version": 1},
    )

    assert refused.context["form"].non_field_errors() == [
        "This was changed by Ada Ahmed at 14:05 on 1 June 2026 since you opened it.",
        "Current outcome statement agreed: Approved the revised plan.",
    ]
    assert refused.context["form"]["conditions"].value() == "Exit plan first"
    decision.refresh_from_db()
    assert (decision.statement, decision.outcome, decision.conditions, decision.version) == (
        "Approved the revised plan.",
        "approved",
        "",
        2,
    )
    assert decision.history.count() == rows


def test_only_the_secretary_amends_a_decision(
    client, organisation, quorate, secretary, chair, member, item, outsider
):
    decision = actions.record_decision(
        item, statement="Approved.", outcome="approved", confirmed_by=chair, by=secretary
    )
    path = url("decision-edit", organisation, decision_pk=decision.pk)
    client.force_login(member)
    assert client.get(path).status_code == 403
    client.force_login(outsider)
    assert client.get(path).status_code == 404
    client.force_login(secretary)
    assert client.get(path).status_code == 200
    assert client.put(path).status_code == 405


def test_plain_minutes_keep_their_paragraphs(quorate, secretary, item):
    actions.save_minutes(item, text="Priya presented.\n\nMembers agreed <the plan>.", by=secretary)
    assert item.minutes == "<p>Priya presented.</p>\n<p>Members agreed &lt;the plan&gt;.</p>"


# The minutes of the whole meeting on one page.


def minutes_data(response):
    data = {}
    for entry in response.context["entries"]:
        form = entry.form
        data[form.add_prefix("text")] = form["text"].value() or ""
        data[form.add_prefix("version")] = form["version"].value()
    return data


def test_the_secretary_writes_the_minutes_of_every_item_on_one_page(
    client, organisation, meeting, secretary, item
):
    actions.save_minutes(item, text="Draft.", by=secretary)
    client.force_login(secretary)
    path = url("meeting-minutes", organisation, meeting_pk=meeting.pk)
    page = client.get(path)
    html = page.content.decode()
    items = list(meeting.items.all())
    assert [entry.item for entry in page.context["entries"]] == items
    assert "Minutes of item 4: Cloud hosting business case" in html
    assert f'name="item-{item.pk}-version" value="2"' in html
    apologies = items[0]

    data = minutes_data(page) | {
        f"item-{apologies.pk}-text": "Apologies were received from **Mo Mensah**.",
        f"item-{item.pk}-text": "1. Approved\n2. Reviewed",
    }
    response = client.post(path, data)

    assert response.status_code == 302
    assert response.url == meeting.get_absolute_url()
    apologies.refresh_from_db()
    item.refresh_from_db()
    assert apologies.minutes == "<p>Apologies were received from <strong>Mo Mensah</strong>.</p>"
    assert item.minutes == "<ol>\n<li>Approved</li>\n<li>Reviewed</li>\n</ol>"
    assert (apologies.minutes_version, item.minutes_version) == (2, 3)
    # Items left as they were are not saved again.
    assert [i.history.count() for i in items[1:3]] == [1, 1]
    assert "Minutes of 2 items saved." in client.get(meeting.get_absolute_url()).content.decode()


def test_a_long_agenda_has_its_minutes_written_a_page_at_a_time(
    client, organisation, meeting, secretary, item, monkeypatch
):
    from steerco.meetings.views import record

    monkeypatch.setattr(record, "MINUTES_PAGE_SIZE", 3)
    for n in range(3):
        actions.save_item(AgendaItem(meeting=meeting, title=f"Extra {n}"), by=secretary)
    items = list(meeting.items.all())
    assert len(items) == 7
    client.force_login(secretary)
    path = url("meeting-minutes", organisation, meeting_pk=meeting.pk)

    first = client.get(path)
    assert [entry.item for entry in first.context["entries"]] == items[:3]
    assert "items 1 to 3 of 7" in first.content.decode()
    saved = client.post(path, minutes_data(first) | {f"item-{items[0].pk}-text": "Noted."})
    # On to the next page, which holds the next items; the last page goes back to the meeting.
    assert saved.url == f"{path}?page=2"
    second = client.get(saved.url)
    assert [entry.item for entry in second.context["entries"]] == items[3:6]
    last = client.get(f"{path}?page=3")
    assert [entry.item for entry in last.context["entries"]] == items[6:]
    done = client.post(f"{path}?page=3", minutes_data(last))
    assert done.url == meeting.get_absolute_url()
    items[0].refresh_from_db()
    assert items[0].minutes == "<p>Noted.</p>"


def test_minutes_changed_by_someone_else_save_no_item(
    client, organisation, meeting, secretary, administrator, item
):
    client.force_login(secretary)
    path = url("meeting-minutes", organisation, meeting_pk=meeting.pk)
    data = minutes_data(client.get(path))
    with time_machine.travel(FIVE_PAST_TWO, tick=False):
        actions.save_minutes(item, text="Deferred.", by=administrator)
    apologies = meeting.items.first()

    response = client.post(
        path,
        data
        | {
            f"item-{apologies.pk}-text": "No apologies.",
            f"item-{item.pk}-text": "Approved.",
        },
    )

    assert response.status_code == 200
    assert response.context["errors"] == [
        (
            f"id_item-{item.pk}-text",
            "Item 4, Cloud hosting business case: This was changed by Ada Ahmed at 14:05 on "
            "1 June 2026 since you opened it.",
        ),
        (
            f"id_item-{item.pk}-text",
            "Item 4, Cloud hosting business case: Current minutes: Deferred.",
        ),
    ]
    assert "Nothing was saved." in response.content.decode()
    apologies.refresh_from_db()
    item.refresh_from_db()
    assert (apologies.minutes_text, item.minutes_text) == ("", "Deferred.")
    # What the secretary wrote stays on the page to copy.
    assert response.context["entries"][3].form["text"].value() == "Approved."


def test_the_whole_meeting_is_previewed_without_saving(
    client, organisation, meeting, secretary, item
):
    client.force_login(secretary)
    path = url("meeting-minutes", organisation, meeting_pk=meeting.pk)
    data = minutes_data(client.get(path)) | {f"item-{item.pk}-text": "- Finance\n- Legal"}

    response = client.post(path, data | {"preview": "1"})

    assert response.status_code == 200
    assert [entry.preview for entry in response.context["entries"]] == [
        "",
        "",
        "",
        "<ul>\n<li>Finance</li>\n<li>Legal</li>\n</ul>",
    ]
    assert "Preview of item 4" in response.content.decode()
    item.refresh_from_db()
    assert item.minutes_text == ""


def test_the_minutes_page_is_for_whoever_manages_the_body(
    client, organisation, meeting, item, secretary, member, outsider
):
    path = url("meeting-minutes", organisation, meeting_pk=meeting.pk)
    client.force_login(member)
    assert client.get(path).status_code == 403
    client.force_login(outsider)
    assert client.get(path).status_code == 404
    client.force_login(secretary)
    assert client.get(path).status_code == 200
    assert client.put(path).status_code == 405
    assert path in client.get(meeting.get_absolute_url()).content.decode()


def test_the_minutes_page_is_refused_once_the_minutes_are_approved(
    client, organisation, meeting, secretary, item, next_meeting, on_the_next_day
):
    actions.approve_minutes(meeting, at=next_meeting, by=secretary)
    client.force_login(secretary)
    path = url("meeting-minutes", organisation, meeting_pk=meeting.pk)
    assert client.get(path).status_code == 403
    assert path not in client.get(meeting.get_absolute_url()).content.decode()


def test_the_minutes_page_runs_the_same_queries_for_a_longer_agenda(
    client, organisation, meeting, secretary, item
):
    client.force_login(secretary)
    path = url("meeting-minutes", organisation, meeting_pk=meeting.pk)
    client.get(path)
    with CaptureQueriesContext(connection) as short:
        client.get(path)
    for number in range(5):
        actions.save_item(AgendaItem(meeting=meeting, title=f"Item {number}"), by=secretary)
    with CaptureQueriesContext(connection) as long:
        client.get(path)
    assert len(long) == len(short)


def test_minutes_kept_as_html_become_text_that_shows_the_same(meeting, secretary, item):
    migration = importlib.import_module("steerco.meetings.migrations.0006_attend_minutes_text")
    html = (
        "<h3>Discussion</h3><p>Sam <strong>presented</strong> the <em>case</em> &lt;draft&gt;.</p>"
        "<ol><li>Approve</li><li>Review</li></ol><ul><li>Finance</li></ul>"
    )
    AgendaItem.objects.filter(pk=item.pk).update(minutes=html, minutes_text="")

    migration.minutes_as_text(django_apps, None)

    item.refresh_from_db()
    assert item.minutes_text == (
        "### Discussion\n\nSam **presented** the *case* <draft>.\n\n1. Approve\n2. Review\n\n"
        "- Finance"
    )
    assert item.minutes == html  # what is shown is left as it was
    assert rich_text.to_html(item.minutes_text) == (
        "<h6>Discussion</h6>\n"
        "<p>Sam <strong>presented</strong> the <em>case</em> &lt;draft&gt;.</p>\n"
        "<ol>\n<li>Approve</li>\n<li>Review</li>\n</ol>\n<ul>\n<li>Finance</li>\n</ul>"
    )


# Who attended is known once the meeting starts.


def test_presence_is_not_recorded_before_the_meeting_starts(
    client, organisation, meeting, members, secretary, member
):
    client.force_login(secretary)
    path = url("attendance", organisation, meeting_pk=meeting.pk)
    page = client.get(path)
    choices = re.findall(r'value="([a-z]+)"', page.context["rows"][0].drawn["status"])
    assert choices == ["apologies", "substitute"]
    assert "The meeting has not started" in page.content.decode()

    refused = client.post(path, {"person": member.pk, "status": "present"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["status"] == [
        "Select whether Mo Mensah sent apologies or a substitute: who attended is recorded "
        "once the meeting has started."
    ]
    with pytest.raises(ValidationError) as action_refused:
        actions.record_attendance(meeting, person=member, status=PRESENT, by=secretary)
    assert action_refused.value.message_dict["status"] == [
        "The meeting has not started: Mo Mensah can only send apologies or a substitute until "
        "it starts at 10:00 on 11 March 2031."
    ]
    assert not Attendance.objects.exists()

    assert client.post(path, {"person": member.pk, "status": "apologies"}).status_code == 302
    assert Attendance.objects.get().status == Attendance.Status.APOLOGIES


def test_presence_is_recorded_from_the_start_in_london(meeting, members, secretary, member):
    Meeting.objects.filter(pk=meeting.pk).update(on=date(2031, 6, 10))
    meeting.refresh_from_db()
    # 10:00 in London on 10 June is 09:00 UTC (British Summer Time).
    start = datetime(2031, 6, 10, 9, tzinfo=UTC)
    with pytest.raises(ValidationError):
        actions.record_attendance(
            meeting, person=member, status=PRESENT, by=secretary, now=start - timedelta(minutes=1)
        )
    actions.record_attendance(meeting, person=member, status=PRESENT, by=secretary, now=start)
    assert Attendance.objects.get().status == PRESENT


# Once its minutes are approved, a meeting's record stands.


def test_an_approved_record_offers_no_changes_and_says_how_to_correct_it(
    client, organisation, quorate, secretary, chair, member, item, next_meeting, on_the_next_day
):
    client.force_login(secretary)
    offered = [
        url("item-create", organisation, meeting_pk=quorate.pk),
        url("attendance", organisation, meeting_pk=quorate.pk),
        url("paper-create", organisation, item_pk=item.pk),
        url("item-edit", organisation, item_pk=item.pk),
        url("declaration-create", organisation, item_pk=item.pk),
        url("withdrawal-create", organisation, item_pk=item.pk),
        url("decision-create", organisation, item_pk=item.pk),
        url("item-minutes", organisation, item_pk=item.pk),
        url("item-move", organisation, item_pk=item.pk),
    ]
    page = client.get(quorate.get_absolute_url()).content.decode()
    assert all(path in page for path in offered)
    assert 'id="record-approved"' not in page

    actions.approve_minutes(quorate, at=next_meeting, by=secretary)

    page = client.get(quorate.get_absolute_url()).content.decode()
    assert [path for path in offered if path in page] == []
    assert (
        "The minutes of this meeting were approved as an accurate record at the "
        f'<a class="govuk-link" href="{next_meeting.get_absolute_url()}">meeting of 13 May 2031</a>'
        ", so its agenda and record can no longer be changed. To correct it, a later meeting "
        "records a decision that supersedes one of these decisions, or records the correction "
        "when it approves its own previous minutes."
    ) in page
    for path in offered[2:-1]:
        assert client.get(path).status_code == 403, path
    assert client.get(offered[0]).status_code == 403
    # The attendance page still shows who attended, without a form.
    attendance = client.get(offered[1])
    assert [row.form for row in attendance.context["rows"]] == [None] * 6
    refused = client.post(offered[1], {"person": member.pk, "status": "absent"})
    assert refused.context["form"].non_field_errors() == [
        "The minutes of this meeting are approved: the record can no longer be changed."
    ]
    assert client.post(offered[2], {"title": "Late"}).status_code == 403
    assert client.post(offered[-1], {"direction": "up"}).status_code == 302
    item.refresh_from_db()
    assert item.position == 4
    assert Paper.objects.count() == 0
    with pytest.raises(ValidationError, match="approved"):
        actions.move_item(item, direction="up", by=secretary)
    client.force_login(member)
    page = client.get(quorate.get_absolute_url()).content.decode()
    assert "Declare an interest" not in page


# Dates that are impossible or unlikely.


def test_an_action_due_before_its_meeting_or_years_ahead_is_refused(
    client, organisation, meeting, secretary, member
):
    client.force_login(secretary)
    path = url("action-create", organisation, meeting_pk=meeting.pk)
    data = {"description": "Draft the plan", "owner": member.pk}
    for due, error in [
        (
            date(2031, 3, 10),
            "The due date must be on or after the day of the meeting, Tuesday 11 March 2031.",
        ),
        (
            date(2033, 3, 12),
            "The due date must be within 2 years of the meeting, by Friday 11 March 2033.",
        ),
    ]:
        response = client.post(path, data | date_fields("due_on", due))
        assert response.context["form"].errors["due_on"] == [error]
    assert not Action.objects.exists()
    assert client.post(path, data | date_fields("due_on", date(2033, 3, 11))).status_code == 302


def test_an_update_dated_in_the_future_is_refused(client, organisation, action, member):
    client.force_login(member)
    path = url("action-update", organisation, action_pk=action.pk)
    data = {"status": "done", "text": "Done", "version": 1}
    response = client.post(path, data | date_fields("on", date(2026, 6, 2)))
    assert response.context["form"].errors["on"] == [
        "The date of the update must be today or in the past."
    ]
    response = client.post(path, data | date_fields("on", date(2026, 5, 31)))
    assert response.context["form"].errors["on"] == [
        "The date of the update must be today: the meeting the action arose at is still to come."
    ]
    assert not ActionUpdate.objects.exists()


def test_an_update_before_the_meeting_the_action_arose_at_is_refused(
    client, organisation, action, member, on_the_next_day
):
    client.force_login(member)
    path = url("action-update", organisation, action_pk=action.pk)
    data = {"status": "done", "text": "Done", "version": 1}
    response = client.post(path, data | date_fields("on", date(2031, 3, 10)))
    assert response.context["form"].errors["on"] == [
        "The date of the update must be on or after the day of the meeting the action arose "
        "at, Tuesday 11 March 2031."
    ]
    assert client.post(path, data | date_fields("on", date(2031, 3, 11))).status_code == 302


def test_a_review_date_before_the_decision_is_refused(
    client, organisation, quorate, secretary, chair, item
):
    client.force_login(secretary)
    path = url("decision-create", organisation, item_pk=item.pk)
    data = {"statement": "Approved.", "outcome": "approved", "confirmed_by": chair.pk}
    response = client.post(path, data | date_fields("review_on", date(2031, 3, 11)))
    assert response.context["form"].errors["review_on"] == [
        "The review date must be after the day of the decision, Tuesday 11 March 2031."
    ]
    assert not Decision.objects.exists()
    assert client.post(path, data | date_fields("review_on", date(2031, 9, 11))).status_code == 302


def test_a_forwarding_dated_in_the_future_is_refused(
    client, organisation, meeting, next_meeting, secretary, reporting_lines, on_the_next_day
):
    board, _emt, _cabinet = reporting_lines
    actions.agree_action_log(meeting, at=next_meeting, by=secretary)
    client.force_login(secretary)
    path = url("forward", organisation, meeting_pk=meeting.pk)
    data = {"what": "action_log", "to_bodies": [board.pk]}
    response = client.post(path, data | date_fields("forwarded_on", date(2031, 5, 14)))
    assert response.context["form"].errors["forwarded_on"] == [
        "The date forwarded must be today or in the past."
    ]
    response = client.post(path, data | date_fields("forwarded_on", date(2031, 3, 10)))
    assert response.context["form"].errors["forwarded_on"] == [
        "The date forwarded must be on or after the day of the meeting, Tuesday 11 March 2031."
    ]
    assert not Forwarding.objects.exists()


def test_the_attendance_page_lists_the_agenda_once_for_every_row(
    client, organisation, meeting, members, secretary, member, on_the_day
):
    """Each row takes the first and last items by number, offered from one list of the agenda
    on the page (a select of every item in every row made an 80-member page 723 KB); a number
    that is no item's is refused in words."""
    client.force_login(secretary)
    address = url("attendance", organisation, meeting_pk=meeting.pk)
    html = client.get(address).content.decode()
    count = meeting.items.count()
    assert html.count('<datalist id="agenda-items">') == 1
    assert html.count("<option") == count
    assert "<select" not in html
    assert f'name="{member.pk}-arrived_for"' in html and 'list="agenda-items"' in html
    response = client.post(
        address, {"person": member.pk, "status": "present", "arrived_for": str(count + 1)}
    )
    assert f"Enter the number of an item on the agenda, from 1 to {count}." in (
        response.content.decode()
    )
    assert not Attendance.objects.exists()
