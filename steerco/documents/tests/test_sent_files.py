"""The forwarding record keeps the exact file sent (issue 13 §2)."""

import hashlib
import io
from datetime import date

import docx
import pytest
from django.urls import reverse

from steerco.documents.models import SentFile
from steerco.governance.models import Body, ReportingLine
from steerco.meetings import actions
from steerco.meetings.models import Forwarding
from steerco.meetings.tests.conftest import (  # noqa: F401
    NEXT_MEETING_DAY,
    next_meeting,
    on_the_next_day,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies(organisation, steering_group):
    board = Body.objects.create(organisation=organisation, name="Efficiency Board")
    emt = Body.objects.create(organisation=organisation, name="Executive Management Team")
    for body in (board, emt):
        ReportingLine.objects.create(
            organisation=organisation,
            from_body=steering_group,
            to_body=body,
            carries=["action_log"],
        )
    return board, emt


@pytest.fixture
def forwarded(meeting, next_meeting, secretary, member, bodies, on_the_next_day):  # noqa: F811
    actions.add_action(
        meeting,
        description="Circulate the cloud hosting options",
        owner=member,
        due_on=date(2031, 6, 30),
        by=secretary,
    )
    actions.agree_action_log(meeting, at=next_meeting, by=secretary)
    return actions.forward(
        meeting,
        what=Forwarding.What.ACTION_LOG,
        to_bodies=list(bodies),
        on=NEXT_MEETING_DAY,
        by=secretary,
    )


def table_rows(content):
    document = docx.Document(io.BytesIO(content))
    return [[cell.text for cell in row.cells] for row in document.tables[0].rows[1:]]


def sent_url(organisation, forwarding):
    return reverse(
        "documents:sent-file", kwargs={"org": organisation.slug, "forwarding_pk": forwarding.pk}
    )


def test_each_forwarding_keeps_the_word_file_sent_with_its_sha256(forwarded):
    for forwarding in forwarded:
        sent = SentFile.objects.get(forwarding=forwarding)
        content = sent.file.read()
        assert hashlib.sha256(content).hexdigest() == sent.sha256
        rows = table_rows(content)
        assert [row[1] for row in rows] == ["Circulate the cloud hosting options"]


def test_the_file_sent_stays_as_sent_when_the_log_moves_on(forwarded, meeting, secretary, member):
    sent = SentFile.objects.get(forwarding=forwarded[0])
    before = sent.file.read()
    actions.add_action(
        meeting,
        description="A later action",
        owner=member,
        due_on=date(2031, 7, 31),
        by=secretary,
    )
    sent.refresh_from_db()
    assert sent.file.open("rb").read() == before
    assert hashlib.sha256(before).hexdigest() == sent.sha256


def test_forwarding_again_to_the_same_body_keeps_no_second_file(
    forwarded, meeting, secretary, bodies
):
    again = actions.forward(
        meeting,
        what=Forwarding.What.ACTION_LOG,
        to_bodies=list(bodies),
        on=NEXT_MEETING_DAY,
        by=secretary,
    )
    assert again == []
    assert SentFile.objects.count() == 2


def test_the_secretary_opens_the_file_sent_from_the_action_log_and_forward_pages(
    client, organisation, forwarded, meeting, secretary
):
    client.force_login(secretary)
    link = sent_url(organisation, forwarded[0])
    log_page = client.get(
        reverse("meetings:action-log", kwargs={"org": organisation.slug, "meeting_pk": meeting.pk})
    ).content.decode()
    forward_page = client.get(
        reverse("meetings:forward", kwargs={"org": organisation.slug, "meeting_pk": meeting.pk})
    ).content.decode()
    response = client.get(link)

    assert link in log_page and link in forward_page
    assert response.status_code == 200
    assert (
        b"".join(response.streaming_content)
        == SentFile.objects.get(forwarding=forwarded[0]).file.read()
    )
    assert response["Content-Disposition"].startswith("attachment")


def test_a_member_who_does_not_run_the_body_neither_sees_nor_opens_the_file(
    client, organisation, forwarded, meeting, member
):
    client.force_login(member)
    log_page = client.get(
        reverse("meetings:action-log", kwargs={"org": organisation.slug, "meeting_pk": meeting.pk})
    ).content.decode()
    assert "sent.docx" not in log_page
    assert "Action log to Efficiency Board" in log_page
    assert client.get(sent_url(organisation, forwarded[0])).status_code == 404
