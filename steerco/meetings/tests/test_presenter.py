from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from steerco.meetings import actions
from steerco.meetings.models import AgendaItem, Meeting, Paper
from steerco.meetings.queries import template_for
from steerco.meetings.tests.conftest import NEXT_MEETING_DAY


def url(name, organisation, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"org": organisation.slug, **kwargs})


@pytest.fixture
def presented(meeting, secretary, officer):
    return actions.save_item(
        AgendaItem(meeting=meeting, title="CRM replacement", presenting_officer=officer),
        by=secretary,
    )


def test_the_presenting_officer_sees_the_meeting_on_my_meetings(
    client, organisation, meeting, presented, officer
):
    client.force_login(officer)
    page = client.get(url("my-page", organisation))

    [row] = page.context["meetings"]
    assert (row.deadline.meeting, row.is_member, row.presenting) == (
        meeting,
        False,
        [(presented, True)],
    )
    assert url("paper-create", organisation, item_pk=presented.pk) in page.content.decode()


def test_the_presenting_officer_adds_their_paper_to_the_draft_agenda(
    client, organisation, presented, officer, upload
):
    client.force_login(officer)
    response = client.post(
        url("paper-create", organisation, item_pk=presented.pk),
        {"title": "CRM business case", "file": upload("case.pdf"), "restricted": "no"},
    )

    assert response.status_code == 302
    paper = Paper.objects.get()
    assert (paper.item, paper.versions.get().uploaded_by) == (presented, officer)


def test_once_the_agenda_is_published_the_secretary_adds_papers(
    client, organisation, meeting, presented, officer
):
    Meeting.objects.filter(pk=meeting.pk).update(agenda_published_at=timezone.now())
    client.force_login(officer)

    page = client.get(url("my-page", organisation)).content.decode()
    refused = client.get(url("paper-create", organisation, item_pk=presented.pk))

    assert url("paper-create", organisation, item_pk=presented.pk) not in page
    assert refused.status_code == 403


def test_an_officer_does_not_add_papers_to_an_item_they_do_not_present(
    client, organisation, item, officer
):
    client.force_login(officer)

    assert client.get(url("paper-create", organisation, item_pk=item.pk)).status_code == 403


def test_a_usual_attendee_sees_the_meeting_on_my_meetings(
    client, organisation, steering_group, meeting, secretary, officer
):
    actions.save_template(template_for(steering_group), by=secretary, usual_attendees=[officer])
    client.force_login(officer)

    [row] = client.get(url("my-page", organisation)).context["meetings"]

    assert (row.deadline.meeting, row.usually_attends, row.presenting) == (meeting, True, [])


def test_the_presenting_officer_is_a_person_of_the_council(meeting, secretary, outsider):
    with pytest.raises(ValidationError) as refused:
        actions.save_item(
            AgendaItem(meeting=meeting, title="CRM", presenting_officer=outsider), by=secretary
        )

    assert refused.value.message_dict == {"presenting_officer": ["Select a person of the council."]}


def test_a_member_who_presents_is_listed_once(
    client, organisation, meeting, secretary, member, steering_group
):
    actions.save_item(
        AgendaItem(meeting=meeting, title="Digital strategy", presenting_officer=member),
        by=secretary,
    )
    later = actions.schedule_meeting(
        steering_group,
        on=NEXT_MEETING_DAY,
        starts_at=time(10),
        by=secretary,
        today=meeting.on.replace(year=2026, month=1, day=1),
    )
    client.force_login(member)

    rows = client.get(url("my-page", organisation)).context["meetings"]

    assert [(row.deadline.meeting, row.is_member, len(row.presenting)) for row in rows] == [
        (meeting, True, 1),
        (later, True, 0),
    ]
