from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from steerco.meetings import actions
from steerco.meetings.models import AgendaItem, Decision, Meeting


def url(name, organisation, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"org": organisation.slug, **kwargs})


@pytest.fixture
def decision(organisation, steering_group, item, chair):
    return Decision.objects.create(
        organisation=organisation,
        body=steering_group,
        item=item,
        year=2031,
        number=1,
        statement="The business case is approved.",
        outcome=Decision.Outcome.APPROVED,
        confirmed_by=chair,
    )


def test_the_chair_sees_the_next_agenda_and_the_decisions_to_confirm(
    client, organisation, meeting, item, decision, chair
):
    client.force_login(chair)
    page = client.get(url("chair", organisation))

    assert page.status_code == 200
    assert [a.meeting for a in page.context["agendas"]] == [meeting]
    assert [i.title for i in page.context["agendas"][0].items][-1] == item.title
    assert page.context["decisions"] == [decision]


@pytest.mark.parametrize(
    ("who", "status"), [("member", 403), ("secretary", 403), ("outsider", 404)]
)
def test_the_chairs_view_is_for_chairs(client, organisation, request, who, status):
    client.force_login(request.getfixturevalue(who))

    assert client.get(url("chair", organisation)).status_code == status


def test_the_chair_agrees_the_agenda_and_it_is_recorded(client, organisation, meeting, chair):
    client.force_login(chair)
    response = client.post(url("agenda-agree", organisation, meeting_pk=meeting.pk))

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.agenda_agreed_by == chair
    latest = meeting.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        chair,
        "Agenda agreed by the chair",
    )


def test_a_change_after_the_agreement_is_flagged(client, organisation, meeting, chair, secretary):
    actions.agree_agenda(meeting, by=chair, now=timezone.now())
    actions.save_item(AgendaItem(meeting=meeting, title="Telephony"), by=secretary)
    client.force_login(chair)

    agenda = client.get(url("chair", organisation)).context["agendas"][0]

    assert agenda.changed_since is True


@pytest.mark.parametrize("who", ["member", "secretary"])
def test_only_the_chair_agrees_the_agenda(client, organisation, meeting, request, who):
    client.force_login(request.getfixturevalue(who))
    client.post(url("agenda-agree", organisation, meeting_pk=meeting.pk))

    meeting.refresh_from_db()
    assert meeting.agenda_agreed_at is None


def test_a_published_agenda_is_not_agreed_afterwards(client, organisation, meeting, chair):
    Meeting.objects.filter(pk=meeting.pk).update(agenda_published_at=timezone.now())
    client.force_login(chair)
    client.post(url("agenda-agree", organisation, meeting_pk=meeting.pk))

    meeting.refresh_from_db()
    assert meeting.agenda_agreed_at is None


def test_the_chair_confirms_a_decision_that_names_them(client, organisation, decision, chair):
    client.force_login(chair)
    response = client.post(url("decision-confirm", organisation, decision_pk=decision.pk))

    decision.refresh_from_db()
    assert response.status_code == 302
    assert decision.confirmed_at is not None
    latest = decision.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (chair, "Decision confirmed")
    assert client.get(url("chair", organisation)).context["decisions"] == []


def test_nobody_else_confirms_it(client, organisation, decision, secretary):
    client.force_login(secretary)
    client.post(url("decision-confirm", organisation, decision_pk=decision.pk))

    decision.refresh_from_db()
    assert decision.confirmed_at is None


def test_a_decision_of_approved_minutes_is_not_confirmed(
    client, organisation, decision, meeting, next_meeting, chair
):
    Meeting.objects.filter(pk=meeting.pk).update(minutes_approved_at=next_meeting)
    client.force_login(chair)

    listed = client.get(url("chair", organisation)).context["decisions"]
    client.post(url("decision-confirm", organisation, decision_pk=decision.pk))

    decision.refresh_from_db()
    assert (listed, decision.confirmed_at) == ([], None)


def test_the_chair_page_runs_the_same_queries_for_more_meetings_and_decisions(
    client, organisation, steering_group, meeting, item, decision, chair, secretary
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(chair)

    def count():
        client.get(url("chair", organisation))
        with CaptureQueriesContext(connection) as captured:
            client.get(url("chair", organisation))
        return len(captured)

    before = count()
    later = actions.schedule_meeting(
        steering_group,
        on=date(2031, 9, 9),
        starts_at=meeting.starts_at,
        by=secretary,
        today=date(2026, 1, 1),
    )
    for number in range(2, 5):
        Decision.objects.create(
            organisation=organisation,
            body=steering_group,
            item=item,
            year=2031,
            number=number,
            statement="Noted.",
            outcome=Decision.Outcome.NOTED,
            confirmed_by=chair,
        )
    actions.save_item(AgendaItem(meeting=later, title="Telephony"), by=secretary)

    assert count() == before


def test_the_publish_page_says_whether_the_chair_agreed_the_agenda(
    client, organisation, meeting, chair, secretary
):
    client.force_login(secretary)
    publish = url("agenda-publish", organisation, meeting_pk=meeting.pk)
    before = client.get(publish).content.decode()
    actions.agree_agenda(meeting, by=chair, now=timezone.now())
    after = client.get(publish).content.decode()

    assert "The chair has not agreed the agenda." in before
    assert "The chair agreed the agenda on " in after
