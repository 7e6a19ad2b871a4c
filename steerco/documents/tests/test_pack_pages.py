"""Packs built by the task worker when the agenda is published, offered on the meeting page
to those who may read them, and downloaded through the permission rules."""

import io
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from steerco.documents.models import Pack
from steerco.documents.tests.scenario import pdf_pages
from steerco.meetings import actions
from steerco.meetings.models import Paper

IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"
SECRET = "KESTRELSECRET"


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE}}


@pytest.fixture
def published(meeting, item, secretary, members, django_capture_on_commit_callbacks):
    actions.add_paper(
        item, title="Hosting summary", by=secretary,
        upload=SimpleUploadedFile("summary.pdf", pdf_pages("Open summary")),
    )  # fmt: skip
    restricted = actions.add_paper(
        item, title="Kestrel pricing", by=secretary, restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
        upload=SimpleUploadedFile("pricing.pdf", pdf_pages(f"{SECRET} figures")),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_agenda(
            meeting, by=secretary, now=timezone.make_aware(datetime(2031, 3, 2, 9))
        )
    packs = {pack.audience: pack for pack in Pack.objects.filter(meeting=meeting)}
    return {"packs": packs, "restricted": restricted}


def _text(response):
    content = b"".join(response.streaming_content)
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_publishing_the_agenda_builds_the_packs(published):
    packs = published["packs"]
    assert sorted(packs) == ["members", "public"]
    assert {pack.state for pack in packs.values()} == {Pack.State.READY}
    # Cover, agenda, contents and the two one-page papers.
    assert packs["members"].page_count == 5
    assert packs["public"].page_count == 5


def test_a_member_reads_the_members_pack_and_the_public_the_public_one(client, published, members):
    members_pack, public_pack = published["packs"]["members"], published["packs"]["public"]
    client.force_login(members[1])
    response = client.get(members_pack.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert SECRET in _text(response)
    client.logout()
    assert client.get(members_pack.get_absolute_url()).status_code == 404
    response = client.get(public_pack.get_absolute_url())
    assert response.status_code == 200
    assert SECRET not in _text(response)


def test_the_members_pack_is_not_found_by_an_officer_or_another_council(
    client, published, officer, outsider
):
    members_pack = published["packs"]["members"]
    for person in (officer, outsider):
        client.force_login(person)
        assert client.get(members_pack.get_absolute_url()).status_code == 404


def test_the_download_is_get_only(client, published, members):
    client.force_login(members[1])
    assert client.post(published["packs"]["public"].get_absolute_url()).status_code == 405


def test_the_meeting_page_offers_each_reader_the_fullest_pack_they_may_read(
    client, published, meeting, members, secretary
):
    members_pack, public_pack = published["packs"]["members"], published["packs"]["public"]
    client.force_login(members[1])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert members_pack.get_absolute_url() in page
    assert public_pack.get_absolute_url() not in page
    assert "State of the packs" not in page
    client.logout()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert public_pack.get_absolute_url() in page
    assert members_pack.get_absolute_url() not in page
    client.force_login(secretary)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "State of the packs" in page
    assert page.count('<strong class="govuk-tag govuk-tag--green">Ready</strong>') == 2


def test_a_pack_holding_a_paper_since_withdrawn_is_closed_until_rebuilt(
    client, published, secretary, item, django_capture_on_commit_callbacks, settings
):
    public_pack = published["packs"]["public"]
    # The worker is down: the withdrawal is recorded, the rebuild waits in the queue.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    open_paper = item.papers.get(title="Hosting summary")
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw_paper(open_paper, reason="Wrong figures", by=secretary)
    public_pack.refresh_from_db()
    assert public_pack.state == Pack.State.BUILDING
    assert client.get(public_pack.get_absolute_url()).status_code == 404


def test_the_secretary_sees_why_a_pack_failed(client, published, meeting, secretary, members):
    Pack.objects.filter(meeting=meeting, audience="public").update(
        state=Pack.State.FAILED, failure="The pack could not be put together: it took too long."
    )
    client.force_login(secretary)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Failed</strong> The pack could not be put together: it took too long." in page
    client.force_login(members[1])
    assert (
        "could not be put together" not in client.get(meeting.get_absolute_url()).content.decode()
    )
