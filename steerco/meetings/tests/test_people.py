import re
from collections import Counter
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from steerco.governance.models import Body, Membership
from steerco.governance.rules.terms import add_months
from steerco.meetings import actions
from steerco.meetings.models import Action, Attendance, Challenge, Meeting, Paper
from steerco.meetings.queries import ChallengeDue
from steerco.meetings.rules.attendance import Figures
from steerco.meetings.tests.conftest import pdf_bytes

APOLOGIES = Attendance.Status.APOLOGIES
PRESENT = Attendance.Status.PRESENT
SUBSTITUTE = Attendance.Status.SUBSTITUTE


def url(name, organisation, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"org": organisation.slug, **kwargs})


def today():
    return timezone.localdate()


def held(body, days_ago, **fields):
    """A meeting already behind us: schedule_meeting refuses the past, so made directly."""
    return Meeting.objects.create(
        organisation=body.organisation, body=body, on=today() - timedelta(days=days_ago), **fields
    )


def ahead(body, days, by, **fields):
    # A number of days ahead may land on a weekend: the tests are about other rules.
    return actions.schedule_meeting(
        body,
        on=today() + timedelta(days=days),
        starts_at=time(10),
        by=by,
        today=today(),
        confirm_unusual_day=True,
        **fields,
    )


def attend(meeting, person, status, by, substitute_name=""):
    return actions.record_attendance(
        meeting, person=person, status=status, by=by, substitute_name=substitute_name
    )


@pytest.fixture
def pdf():
    content = pdf_bytes()
    return lambda: SimpleUploadedFile("paper.pdf", content)


@pytest.fixture
def run_of_apologies(steering_group, secretary, member):
    """The member's apologies to two held meetings with a cancelled one between them."""
    first = held(steering_group, 60)
    held(steering_group, 40, status=Meeting.Status.CANCELLED)
    last = held(steering_group, 20)
    attend(first, member, APOLOGIES, secretary)
    attend(last, member, SUBSTITUTE, secretary, substitute_name="Pat Price")
    return first, last


# Who may see the pages.


@pytest.mark.parametrize("name", ["dashboard", "my-page"])
def test_signing_in_is_needed(client, organisation, name):
    response = client.get(url(name, organisation))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("name", ["dashboard", "my-page"])
def test_people_of_another_council_are_not_found(client, organisation, outsider, name):
    client.force_login(outsider)
    assert client.get(url(name, organisation)).status_code == 404


@pytest.mark.parametrize("name", ["dashboard", "my-page"])
def test_the_pages_are_read_only(client, organisation, secretary, name):
    client.force_login(secretary)
    assert client.post(url(name, organisation)).status_code == 405


def test_the_secretary_sees_the_dashboard_of_their_bodies(
    client, organisation, steering_group, secretary
):
    client.force_login(secretary)
    response = client.get(url("dashboard", organisation))
    assert response.status_code == 200
    assert response.context["bodies"] == [steering_group]


def test_an_administrator_sees_the_dashboard_of_every_body(
    client, organisation, steering_group, administrator
):
    cabinet = Body.objects.create(organisation=organisation, name="Cabinet")
    client.force_login(administrator)
    response = client.get(url("dashboard", organisation))
    assert response.status_code == 200
    assert response.context["bodies"] == [cabinet, steering_group]


@pytest.mark.parametrize("persona", ["member", "officer", "chair"])
def test_only_secretaries_and_administrators_have_a_dashboard(
    client, request, organisation, persona
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("dashboard", organisation)).status_code == 403


def test_anyone_of_the_council_has_their_own_page(client, organisation, officer):
    client.force_login(officer)
    response = client.get(url("my-page", organisation))
    assert response.status_code == 200
    assert (response.context["meetings"], response.context["actions"]) == ([], [])
    assert response.context["apologies"] == []


# The dashboard.


def test_next_deadlines_flag_an_agenda_not_published_by_its_deadline(
    client, organisation, steering_group, secretary
):
    soon = ahead(steering_group, 3, secretary)
    later = ahead(steering_group, 60, secretary)
    urgent = ahead(
        steering_group, 5, secretary, kind=Meeting.Kind.URGENT, incident_reference="MI-7"
    )
    held(steering_group, 10)
    actions.cancel_meeting(ahead(steering_group, 20, secretary), reason="No business", by=secretary)
    client.force_login(secretary)

    response = client.get(url("dashboard", organisation))

    rows = [(d.meeting, d.due, d.late) for d in response.context["deadlines"]]
    assert rows == [
        (soon, soon.agenda_deadline(), True),
        (urgent, None, False),
        (later, later.agenda_deadline(), False),
    ]
    html = response.content.decode()
    assert html.count('<strong class="govuk-tag govuk-tag--red">Late</strong>') == 1
    assert html.count("Notice waived") == 1


def test_a_late_restricted_paper_keeps_its_reason_from_those_who_may_not_read_it(
    client, organisation, steering_group, secretary, administrator, pdf
):
    meeting = ahead(steering_group, 30, secretary)
    actions.publish_agenda(meeting, by=secretary, now=timezone.now())
    item = meeting.items.first()
    actions.add_paper(
        item,
        title="Supplier pricing schedule",
        upload=pdf(),
        by=secretary,
        restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
        late_reason="Prices arrived late",
    )
    open_paper = actions.add_paper(
        item, title="Open late paper", upload=pdf(), by=secretary, late_reason="Urgent"
    )

    client.force_login(administrator)
    response = client.get(url("dashboard", organisation))
    html = response.content.decode()
    assert "Supplier pricing schedule" not in html
    assert "Restricted paper: commercially sensitive" in html
    assert "Prices arrived late" not in html
    assert f'href="{open_paper.get_absolute_url()}">Open late paper</a>' in html

    client.force_login(secretary)
    html = client.get(url("dashboard", organisation)).content.decode()
    assert "Supplier pricing schedule" in html
    assert "Prices arrived late" in html
    assert "Restricted paper:" not in html


def test_quorum_risks_come_from_the_apologies_received(
    client, organisation, steering_group, secretary, members, chair, member
):
    without_chair = ahead(steering_group, 30, secretary)
    attend(without_chair, chair, APOLOGIES, secretary)
    substituted = ahead(steering_group, 90, secretary)
    attend(substituted, member, SUBSTITUTE, secretary, substitute_name="Pat Price")
    ahead(steering_group, 150, secretary)
    client.force_login(secretary)

    response = client.get(url("dashboard", organisation))

    risks = response.context["quorum_risks"]
    assert [(risk.meeting, risk.reasons) for risk in risks] == [
        (
            without_chair,
            [
                "Only 4 of the members who count toward quorum are expected; "
                "at least 5 are needed.",
                "Neither the chair nor the nominated vice chair is expected.",
            ],
        )
    ]
    assert [row.person for row in risks[0].apologies] == [chair]


def test_a_vice_chair_keeps_the_meeting_quorate_when_the_chair_sends_apologies(
    client, organisation, steering_group, secretary, members, chair, make_person
):
    vice_chair = make_person("vice", organisation, name="Vic Vale")
    Membership.objects.create(
        organisation=organisation,
        body=steering_group,
        person=vice_chair,
        role=Membership.Role.VICE_CHAIR,
        starts_on=date(2025, 1, 1),
    )
    meeting = ahead(steering_group, 30, secretary)
    attend(meeting, chair, APOLOGIES, secretary)
    client.force_login(secretary)

    response = client.get(url("dashboard", organisation))

    assert response.context["quorum_risks"] == []
    # Four members still come, enough for this quorum: only the chair is missing.
    steering_group.quorum_minimum = 4
    steering_group.save()
    attend(meeting, vice_chair, APOLOGIES, secretary)
    risks = client.get(url("dashboard", organisation)).context["quorum_risks"]
    assert [(risk.meeting, risk.reasons) for risk in risks] == [
        (meeting, ["Neither the chair nor the nominated vice chair is expected."])
    ]


def test_overdue_actions_of_the_bodies_managed(
    client, organisation, steering_group, secretary, member
):
    meeting = held(steering_group, 30)
    overdue = actions.add_action(
        meeting,
        description="Send the roadmap",
        owner=member,
        due_on=today() - timedelta(1),
        by=secretary,
    )
    actions.add_action(
        meeting, description="Not yet due", owner=member, due_on=today(), by=secretary
    )
    done = actions.add_action(
        meeting,
        description="Done late",
        owner=member,
        due_on=today() - timedelta(5),
        by=secretary,
    )
    actions.update_action(done, status=Action.Status.DONE, text="Sent", on=today(), by=member)
    client.force_login(secretary)

    response = client.get(url("dashboard", organisation))

    assert response.context["overdue_actions"] == [overdue]
    html = response.content.decode()
    assert url("action-update", organisation, action_pk=overdue.pk) in html
    assert html.count('<strong class="govuk-tag govuk-tag--red">Overdue</strong>') == 1


# The two-apologies rule and its challenge.


def test_a_challenge_is_due_after_apologies_to_two_consecutive_held_meetings(
    client, organisation, steering_group, secretary, member, run_of_apologies
):
    first, last = run_of_apologies
    client.force_login(secretary)

    response = client.get(url("dashboard", organisation))

    membership = Membership.objects.get(person=member)
    assert [due for due, _form in response.context["challenges"]] == [
        ChallengeDue(membership=membership, run=(first.on, last.on), through_meeting_id=last.pk)
    ]
    html = response.content.decode()
    assert "To be challenged under the Efficient Meetings Protocol" in html
    assert url("challenge-record", organisation, membership_pk=membership.pk) in html


def test_one_apology_is_not_challenged(client, organisation, steering_group, secretary, member):
    attend(held(steering_group, 60), member, APOLOGIES, secretary)
    attend(held(steering_group, 40), member, PRESENT, secretary)
    attend(held(steering_group, 20), member, APOLOGIES, secretary)
    client.force_login(secretary)

    assert client.get(url("dashboard", organisation)).context["challenges"] == []


def test_recording_the_challenge_clears_it(
    client, organisation, steering_group, secretary, member, run_of_apologies
):
    membership = Membership.objects.get(person=member)
    client.force_login(secretary)

    response = client.post(
        url("challenge-record", organisation, membership_pk=membership.pk),
        {"note": "Spoke to Mo on the phone"},
    )

    assert response.status_code == 302
    assert response.url == url("dashboard", organisation)
    challenge = Challenge.objects.get()
    assert (challenge.membership, challenge.through_meeting, challenge.recorded_on) == (
        membership,
        run_of_apologies[1],
        today(),
    )
    assert (challenge.note, challenge.by) == ("Spoke to Mo on the phone", secretary)
    assert client.get(url("dashboard", organisation)).context["challenges"] == []


def test_a_recorded_challenge_stays_on_the_review_and_the_body_page(
    client, organisation, steering_group, secretary, member, officer, run_of_apologies
):
    membership = Membership.objects.get(person=member)
    actions.record_challenge(membership, on=today(), by=secretary, note="Spoke to Mo on the phone")
    client.force_login(secretary)

    review = client.get(url("attendance-review", organisation, pk=steering_group.pk))
    rows = {m.person: m.challenges_recorded for m, _figures in review.context["rows"]}
    assert [c.note for c in rows[member]] == ["Spoke to Mo on the phone"]
    assert "Spoke to Mo on the phone" in review.content.decode()
    csv_rows = (
        client.get(url("attendance-review-csv", organisation, pk=steering_group.pk))
        .content.decode("utf-8")
        .splitlines()
    )
    assert csv_rows[0].endswith(",Challenged under the Efficient Meetings Protocol")
    assert next(row for row in csv_rows if row.startswith("Mo Mensah")).endswith(
        f",{today():%-d %B %Y}: Spoke to Mo on the phone"
    )
    body_page = reverse(
        "governance:body-detail", kwargs={"org": organisation.slug, "pk": steering_group.pk}
    )
    html = client.get(body_page).content.decode()
    assert "Challenges under the Efficient Meetings Protocol" in html
    assert "Spoke to Mo on the phone" in html
    # The notes are for the people who manage the body.
    client.force_login(officer)
    assert "Spoke to Mo on the phone" not in client.get(body_page).content.decode()


def test_a_challenge_not_due_is_not_recorded(
    client, organisation, steering_group, secretary, member
):
    membership = Membership.objects.get(person=member)
    client.force_login(secretary)

    response = client.post(
        url("challenge-record", organisation, membership_pk=membership.pk), follow=True
    )

    assert response.redirect_chain == [(url("dashboard", organisation), 302)]
    assert Challenge.objects.count() == 0
    assert [str(m) for m in response.context["messages"]] == ["No challenge of Mo Mensah is due."]


def test_a_challenge_is_recorded_once_through_the_last_meeting_of_the_run(
    steering_group, secretary, member, run_of_apologies
):
    membership = Membership.objects.get(person=member)
    challenge = actions.record_challenge(membership, on=today(), by=secretary, note="Phoned")
    assert challenge.through_meeting == run_of_apologies[1]
    assert [(h.history_change_reason, h.history_user) for h in challenge.history.all()] == [
        ("Challenge recorded as done", secretary)
    ]
    with pytest.raises(ValidationError, match="No challenge of Mo Mensah is due"):
        actions.record_challenge(membership, on=today(), by=secretary)
    assert Challenge.objects.count() == 1


def test_a_challenge_not_due_is_refused_whoever_asks(steering_group, secretary, member):
    membership = Membership.objects.get(person=member)
    held(steering_group, 20)
    with pytest.raises(ValidationError, match="No challenge of Mo Mensah is due"):
        actions.record_challenge(
            membership, through_meeting=Meeting.objects.get(), on=today(), by=secretary
        )
    assert Challenge.objects.count() == 0


def test_a_challenge_through_another_meeting_is_refused(
    steering_group, secretary, member, run_of_apologies
):
    membership = Membership.objects.get(person=member)
    with pytest.raises(ValidationError, match="No challenge of Mo Mensah is due"):
        actions.record_challenge(
            membership, through_meeting=run_of_apologies[0], on=today(), by=secretary
        )
    assert Challenge.objects.count() == 0


def test_only_the_secretary_records_a_challenge(
    client, organisation, steering_group, secretary, member, run_of_apologies
):
    membership = Membership.objects.get(person=member)
    client.force_login(member)
    address = url("challenge-record", organisation, membership_pk=membership.pk)
    assert client.post(address).status_code == 403
    assert Challenge.objects.count() == 0


def test_a_challenge_of_another_council_is_not_found(
    client, organisation, steering_group, member, outsider, run_of_apologies
):
    membership = Membership.objects.get(person=member)
    client.force_login(outsider)
    address = url("challenge-record", organisation, membership_pk=membership.pk)
    assert client.post(address).status_code == 404


def test_a_challenge_is_recorded_by_post_only(
    client, organisation, steering_group, secretary, member
):
    membership = Membership.objects.get(person=member)
    client.force_login(secretary)
    address = url("challenge-record", organisation, membership_pk=membership.pk)
    assert client.get(address).status_code == 405


# A person's own page.


def test_my_page_lists_my_meetings_actions_and_apologies_to_send(
    client, organisation, steering_group, secretary, member
):
    published = ahead(steering_group, 30, secretary)
    actions.publish_agenda(published, by=secretary, now=timezone.now())
    sent = ahead(steering_group, 90, secretary)
    attend(sent, member, APOLOGIES, secretary)
    other_body = Body.objects.create(organisation=organisation, name="EMT")
    ahead(other_body, 30, secretary)
    past = held(steering_group, 30)
    done = actions.add_action(
        past, description="Done", owner=member, due_on=today() - timedelta(9), by=secretary
    )
    actions.update_action(done, status=Action.Status.DONE, text="Done", on=today(), by=member)
    overdue = actions.add_action(
        past, description="Late", owner=member, due_on=today() - timedelta(1), by=secretary
    )
    due = actions.add_action(
        past, description="Due", owner=member, due_on=today() + timedelta(1), by=secretary
    )
    actions.add_action(past, description="Not mine", owner=secretary, due_on=today(), by=secretary)
    client.force_login(member)

    response = client.get(url("my-page", organisation))

    assert [(row.deadline.meeting, row.attendance) for row in response.context["meetings"]] == [
        (published, None),
        (sent, Attendance.objects.get(meeting=sent)),
    ]
    assert response.context["actions"] == [(overdue, True), (due, False), (done, False)]
    assert [form.meeting for form in response.context["apologies"]] == [published]
    html = response.content.decode()
    assert f'action="{url("attendance", organisation, meeting_pk=published.pk)}"' in html
    assert f'<input type="hidden" name="person" value="{member.pk}"' in html
    assert 'name="status" type="radio" value="apologies" checked' in html
    assert 'name="substitute_name"' in html
    assert html.count('<strong class="govuk-tag govuk-tag--red">Overdue</strong>') == 1


@pytest.mark.parametrize(
    ("status", "substitute_name"), [(APOLOGIES, ""), (SUBSTITUTE, "Pat Price")]
)
def test_apologies_sent_from_my_page_are_recorded(
    client, organisation, steering_group, secretary, member, status, substitute_name
):
    meeting = ahead(steering_group, 30, secretary)
    client.force_login(member)
    form = client.get(url("my-page", organisation)).context["apologies"][0]

    response = client.post(
        url("attendance", organisation, meeting_pk=form.meeting.pk),
        {**form.initial, "status": status, "substitute_name": substitute_name},
    )

    assert response.status_code == 302
    attendance = Attendance.objects.get(meeting=meeting)
    assert (attendance.person, attendance.status, attendance.substitute_name) == (
        member,
        status,
        substitute_name,
    )
    assert client.get(url("my-page", organisation)).context["apologies"] == []


def test_my_page_leaves_out_meetings_after_my_membership_ends(
    client, organisation, steering_group, secretary, member
):
    ahead(steering_group, 30, secretary)
    ahead(steering_group, 90, secretary)
    Membership.objects.filter(person=member).update(ends_on=today() + timedelta(60))
    client.force_login(member)

    response = client.get(url("my-page", organisation))

    assert [row.deadline.meeting.on for row in response.context["meetings"]] == [
        today() + timedelta(30)
    ]


# The annual attendance review.


@pytest.fixture
def review(steering_group, secretary, chair, member, make_person, organisation):
    """A year with a meeting before the supporting officer joined and a cancelled meeting."""
    joiner = make_person("joiner", organisation, name="Jo Jones")
    Membership.objects.create(
        organisation=organisation,
        body=steering_group,
        person=joiner,
        role=Membership.Role.SUPPORTING_OFFICER,
        starts_on=today() - timedelta(150),
    )
    first = held(steering_group, 300)
    cancelled = held(steering_group, 200)
    second = held(steering_group, 100)
    third = held(steering_group, 30)
    ahead(steering_group, 30, secretary)
    attend(first, chair, PRESENT, secretary)
    attend(cancelled, chair, APOLOGIES, secretary)
    attend(second, chair, APOLOGIES, secretary)
    attend(third, chair, SUBSTITUTE, secretary, substitute_name="Pat Price")
    attend(first, member, PRESENT, secretary)
    attend(second, member, PRESENT, secretary)
    attend(second, joiner, PRESENT, secretary)
    attend(third, joiner, PRESENT, secretary)
    actions.cancel_meeting(cancelled, reason="Not enough business", by=secretary)
    return joiner


def test_the_review_counts_only_held_meetings_during_membership(
    client, organisation, steering_group, secretary, chair, member, review
):
    client.force_login(secretary)

    response = client.get(url("attendance-review", organisation, pk=steering_group.pk))

    assert response.status_code == 200
    assert (response.context["start"], response.context["end"]) == (
        add_months(today(), -12) + timedelta(1),
        today(),
    )
    assert [(m.person, f) for m, f in response.context["rows"]] == [
        (chair, Figures(3, 1, 1, 1, 0, Decimal("33.3"))),
        (member, Figures(3, 2, 0, 0, 1, Decimal("66.7"))),
        (review, Figures(2, 2, 0, 0, 0, Decimal("100.0"))),
    ]


def test_the_review_covers_the_12_months_chosen(
    client, organisation, steering_group, secretary, chair, member, review
):
    start = today() - timedelta(120)
    client.force_login(secretary)

    response = client.get(
        url("attendance-review", organisation, pk=steering_group.pk),
        {"from_0": start.day, "from_1": start.month, "from_2": start.year},
    )

    assert (response.context["start"], response.context["end"]) == (
        start,
        add_months(start, 12) - timedelta(1),
    )
    assert [(m.person, f.expected) for m, f in response.context["rows"]] == [
        (chair, 2),
        (member, 2),
        (review, 2),
    ]
    csv_address = url("attendance-review-csv", organisation, pk=steering_group.pk)
    query = f"from_0={start.day}&amp;from_1={start.month}&amp;from_2={start.year}"
    assert f'href="{csv_address}?{query}"' in response.content.decode()


@pytest.mark.parametrize(
    ("day", "month", "year", "error"),
    [
        ("31", "2", "2026", "Enter a real date, for example 27 3 2026."),
        ("", "", "", "Enter the first day of the 12 months."),
        ("1", "1", "2999", "The first day must be today or in the past."),
    ],
)
def test_a_wrong_period_is_explained_and_the_last_12_months_shown(
    client, organisation, steering_group, secretary, day, month, year, error
):
    client.force_login(secretary)

    response = client.get(
        url("attendance-review", organisation, pk=steering_group.pk),
        {"from_0": day, "from_1": month, "from_2": year},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"from": [error]}
    assert response.context["end"] == today()


def test_the_review_as_csv(client, organisation, steering_group, secretary, chair, member, review):
    client.force_login(secretary)

    response = client.get(url("attendance-review-csv", organisation, pk=steering_group.pk))

    start, end = add_months(today(), -12) + timedelta(1), today()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="DSSG-attendance-{start.isoformat()}-{end.isoformat()}.csv"'
    )
    assert response.content.decode("utf-8") == (
        "\ufeff"
        "Member,Role,Meetings expected,Attended,Apologies,Substituted,Absent,"
        "Percentage attended,Challenged under the Efficient Meetings Protocol\r\n"
        "Carol Chen,Chair,3,1,1,1,0,33.3,\r\n"
        "Mo Mensah,Senior responsible officer,3,2,0,0,1,66.7,\r\n"
        "Jo Jones,Supporting officer,2,2,0,0,0,100.0,\r\n"
    )


@pytest.mark.parametrize("name", ["attendance-review", "attendance-review-csv"])
@pytest.mark.parametrize(("persona", "status"), [("administrator", 200), ("member", 403)])
def test_the_review_is_for_the_secretary_and_administrators(
    client, request, organisation, steering_group, name, persona, status
):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(url(name, organisation, pk=steering_group.pk))
    assert response.status_code == status


@pytest.mark.parametrize("name", ["attendance-review", "attendance-review-csv"])
def test_the_review_is_not_found_outside_the_council(
    client, organisation, steering_group, outsider, name
):
    client.force_login(outsider)
    assert client.get(url(name, organisation, pk=steering_group.pk)).status_code == 404


@pytest.mark.parametrize("name", ["attendance-review", "attendance-review-csv"])
def test_the_review_of_another_councils_body_is_not_found(
    client, organisation, other_organisation, secretary, name
):
    elsewhere = Body.objects.create(organisation=other_organisation, name="Southby Board")
    client.force_login(secretary)
    assert client.get(url(name, organisation, pk=elsewhere.pk)).status_code == 404


@pytest.mark.parametrize("name", ["attendance-review", "attendance-review-csv"])
def test_the_review_is_read_only(client, organisation, steering_group, secretary, name):
    client.force_login(secretary)
    assert client.post(url(name, organisation, pk=steering_group.pk)).status_code == 405


@pytest.mark.parametrize("name", ["attendance-review", "attendance-review-csv"])
def test_signing_in_is_needed_for_the_review(client, organisation, steering_group, name):
    response = client.get(url(name, organisation, pk=steering_group.pk))
    assert response.status_code == 302


# Query counts: the pages run the same queries for three times the meetings and actions.


def query_shapes(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    # Without its literals, and with any list of ids as one, a query repeated per row stands out.
    shapes = (
        re.sub(r"IN \(\?(, \?)*\)", "IN (…)", re.sub(r"'[^']*'|\b\d+\b", "?", query["sql"]))
        for query in captured.captured_queries
    )
    return Counter(shapes)


def populate(body, secretary, member, chair, pdf, start, count):
    """`count` more upcoming meetings with apologies and a late paper, and as many actions,
    overdue and not, arising at as many held meetings."""
    for offset in range(start, start + count):
        meeting = ahead(body, 30 + 7 * offset, secretary)
        attend(meeting, chair, APOLOGIES, secretary)
        if offset % 2:
            attend(meeting, member, SUBSTITUTE, secretary, substitute_name=f"Sub {offset}")
        actions.publish_agenda(meeting, by=secretary, now=timezone.now())
        actions.add_paper(
            meeting.items.first(),
            title=f"Paper {offset}",
            upload=pdf(),
            by=secretary,
            restricted=offset % 2 == 0,
            exemption=Paper.Exemption.COMMERCIAL if offset % 2 == 0 else "",
            late_reason="Late",
        )
        past = held(body, 400 + 7 * offset)
        attend(past, member, APOLOGIES, secretary)
        for due_in in (-3, 3):
            actions.add_action(
                past,
                description=f"Action {offset}",
                owner=member,
                due_on=today() + timedelta(due_in),
                by=secretary,
            )


@pytest.mark.parametrize(("persona", "name"), [("secretary", "dashboard"), ("member", "my-page")])
def test_the_page_runs_the_same_queries_for_three_times_the_meetings(
    client,
    request,
    organisation,
    steering_group,
    secretary,
    members,
    chair,
    member,
    pdf,
    persona,
    name,
):
    client.force_login(request.getfixturevalue(persona))
    address = url(name, organisation)
    populate(steering_group, secretary, member, chair, pdf, 0, 2)
    small = query_shapes(client, address)
    populate(steering_group, secretary, member, chair, pdf, 2, 4)
    large = query_shapes(client, address)

    assert large - small == Counter()
    assert small.total() == large.total()


def test_a_person_with_two_roles_is_reviewed_once(organisation, steering_group, chair, secretary):
    from steerco.governance.models import Membership
    from steerco.meetings.queries import attendance_review

    Membership.objects.create(
        organisation=organisation,
        body=steering_group,
        person=chair,
        role=Membership.Role.SENIOR_RESPONSIBLE_OFFICER,
        starts_on=date(2025, 1, 1),
    )
    rows = attendance_review(steering_group, date(2025, 1, 1), date(2025, 12, 31), date(2026, 1, 1))
    assert [(m.person, m.role) for m, _ in rows] == [(chair, "chair")]
