import csv
import io
from datetime import date, datetime

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from steerco.meetings import actions
from steerco.meetings.models import AgendaItem, Decision

PUBLISHED = timezone.make_aware(datetime(2026, 6, 1, 9))


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # A register's CSV file is streamed as it is written.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(response):
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def decide(meeting, title, by, chair):
    item = actions.save_item(AgendaItem(meeting=meeting, title=title), by=by)
    return actions.record_decision(
        item, statement=f"{title} approved.", outcome=Decision.Outcome.APPROVED,
        confirmed_by=chair, by=by,
    )  # fmt: skip


@pytest.fixture
def decisions(meeting, next_meeting, secretary, chair, members):
    """A decision at a published meeting and one at a meeting whose agenda is not published,
    and enough to fill more than one page of the register."""
    for sitting in (meeting, next_meeting):
        for person in members:
            actions.record_attendance(
                sitting, person=person, status="present", by=secretary, now=sitting.starts()
            )
    shown = [decide(meeting, f"Open business {n}", secretary, chair) for n in range(3)]
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED)
    hidden = decide(next_meeting, '=HYPERLINK("http://x") hosting', secretary, chair)
    return shown, hidden


def decision_urls(body, file_type=None):
    name = "meetings:decision-list" + (f"-{file_type}" if file_type else "")
    return reverse(name, kwargs={"org": body.organisation.slug, "pk": body.pk})


def test_the_decision_register_downloads_what_the_page_lists(
    client, decisions, steering_group, member, monkeypatch
):
    # One decision a page: the file still holds every page of them.
    monkeypatch.setattr("steerco.meetings.views.record.DECISIONS_PER_PAGE", 1)
    client.force_login(member)
    page = client.get(decision_urls(steering_group))
    listed = [d.reference for d in page.context["page"].paginator.object_list]

    rows = csv_rows(client.get(decision_urls(steering_group, "csv")))

    assert rows[0][:4] == ["Reference", "Date", "Item", "Outcome"]
    assert [row[0] for row in rows[1:]] == listed
    assert len(listed) == 4
    # A formula in a title is text.
    assert '\'=HYPERLINK("http://x") hosting' in [row[2] for row in rows[1:]]
    assert decision_urls(steering_group, "csv") in page.content.decode()
    assert decision_urls(steering_group, "xlsx") in page.content.decode()


def test_the_public_downloads_only_the_decisions_of_published_meetings(
    client, decisions, steering_group
):
    shown, hidden = decisions

    rows = csv_rows(client.get(decision_urls(steering_group, "csv")))
    workbook = xlsx_rows(client.get(decision_urls(steering_group, "xlsx")))

    assert sorted(row[0] for row in rows[1:]) == sorted(d.reference for d in shown)
    assert sorted(row[0] for row in workbook[1:]) == sorted(d.reference for d in shown)
    assert hidden.reference not in client.get(decision_urls(steering_group, "csv")).content.decode()
    assert workbook[1][1] == datetime(2031, 3, 11)


def action_log_url(meeting, file_type=None):
    name = "meetings:action-log" + (f"-{file_type}" if file_type else "")
    return reverse(name, kwargs={"org": meeting.organisation.slug, "meeting_pk": meeting.pk})


def test_the_action_log_downloads_what_the_page_lists(client, meeting, secretary, member):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED)
    for number in range(3):
        actions.add_action(
            meeting, description=f"-Task {number}", owner=member, due_on=date(2031, 4, number + 1),
            by=secretary,
        )  # fmt: skip
    client.force_login(member)
    listed = [a.number for a in client.get(action_log_url(meeting)).context["action_log"]]

    rows = csv_rows(client.get(action_log_url(meeting, "csv")))
    workbook = xlsx_rows(client.get(action_log_url(meeting, "xlsx")))

    assert [int(row[0]) for row in rows[1:]] == listed == [1, 2, 3]
    assert [row[1] for row in rows[1:]] == ["'-Task 0", "'-Task 1", "'-Task 2"]
    assert [row[1] for row in workbook[1:]] == ["-Task 0", "-Task 1", "-Task 2"]
    assert workbook[1][3] == datetime(2031, 4, 1)


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_the_action_log_download_is_for_the_councils_people(
    client, meeting, secretary, outsider, file_type
):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED)

    assert client.get(action_log_url(meeting, file_type)).status_code == 302
    client.force_login(outsider)
    assert client.get(action_log_url(meeting, file_type)).status_code == 404


def review_url(body, file_type=None):
    name = "meetings:attendance-review" + (f"-{file_type}" if file_type else "")
    return reverse(name, kwargs={"org": body.organisation.slug, "pk": body.pk})


def test_the_attendance_review_downloads_the_period_the_page_shows(
    client, meeting, steering_group, secretary, members
):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED)
    period = {"from_0": "1", "from_1": "6", "from_2": "2025"}
    client.force_login(secretary)
    page = client.get(review_url(steering_group), period)
    listed = [m.person.display_name for m, _figures in page.context["rows"]]

    rows = xlsx_rows(client.get(review_url(steering_group, "xlsx"), period))

    assert [row[0] for row in rows[1:]] == listed
    assert "from_0=1&amp;from_1=6&amp;from_2=2025" in page.content.decode()


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_the_attendance_review_download_is_for_whoever_manages_the_body(
    client, steering_group, member, file_type
):
    client.force_login(member)

    assert client.get(review_url(steering_group, file_type)).status_code == 403


def meetings_url(body, file_type=None):
    name = "meetings:body-meetings" + (f"-{file_type}" if file_type else "")
    return reverse(name, kwargs={"org": body.organisation.slug, "pk": body.pk})


@pytest.mark.parametrize(("persona", "expected"), [(None, 1), ("member", 2)])
def test_the_body_meetings_download_what_the_page_lists(
    request, client, meeting, next_meeting, secretary, steering_group, persona, expected
):
    actions.publish_agenda(meeting, by=secretary, now=PUBLISHED)
    if persona:
        client.force_login(request.getfixturevalue(persona))
    page = client.get(meetings_url(steering_group))
    listed = [m.on for m in page.context["upcoming"] + page.context["past"]]

    workbook = xlsx_rows(client.get(meetings_url(steering_group, "xlsx")))

    assert [row[0].date() for row in workbook[1:]] == listed
    assert len(listed) == expected
    assert workbook[1][1:3] == ["10:00", "Ordinary meeting"]
