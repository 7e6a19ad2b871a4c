"""The meeting page's packs, in Chromium under the real Content-Security-Policy, with axe."""

from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from steerco.documents import actions as document_actions
from steerco.documents.tests.scenario import pdf_pages
from steerco.meetings import actions
from steerco.meetings.models import Paper
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def packs(transactional_db, meeting, item, secretary, members):
    actions.add_paper(
        item, title="Hosting summary", by=secretary,
        upload=SimpleUploadedFile("summary.pdf", pdf_pages("Open summary")),
    )  # fmt: skip
    actions.add_paper(
        item, title="Hosting prices", by=secretary, restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
        upload=SimpleUploadedFile("prices.pdf", pdf_pages("Prices")),
    )  # fmt: skip
    actions.publish_agenda(meeting, by=secretary, now=timezone.make_aware(datetime(2031, 3, 2, 9)))
    return {pack.audience: pack for pack in document_actions.build_packs(meeting)}


def test_the_secretary_sees_the_packs_state_and_downloads_the_members_pack(
    page, live_server, packs, meeting
):
    sign_in(page, live_server, "secretary", PASSWORD)
    page.goto(meeting.get_absolute_url())
    expect(page.get_by_role("heading", name="Agenda packs")).to_be_visible()
    expect(page.get_by_role("region", name="State of the agenda packs")).to_contain_text("Ready")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Members’ pack (PDF, 5 pages)").click()
    assert download.value.suggested_filename == "agenda-pack-2031-03-11.pdf"

    # The item is for decision: a council report is written from here; left blank, it is
    # refused part by part, with the error summary.
    page.get_by_role("link", name="Write a council report for item 4. Cloud hosting").click()
    page.get_by_role("button", name="Save the report").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter the purpose of the report")
    expect(summary).to_contain_text("Select whether it is a key decision")
    assert_accessible(page)

    # The meeting's council reports page lists every item still without one.
    page.goto(
        f"{live_server.url}/{meeting.organisation.slug}/meetings/{meeting.pk}/council-reports/"
    )
    expect(page.get_by_role("heading", name="Council reports")).to_be_visible()
    expect(
        page.get_by_role("link", name="Write a council report for item 4. Cloud hosting")
    ).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/{meeting.organisation.slug}/forward-plan/")
    expect(page.get_by_role("heading", name="Forward plan of key decisions")).to_be_visible()
    assert_accessible(page)


def test_the_public_are_offered_the_public_pack_only(page, live_server, packs, meeting):
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Public pack (PDF, 5 pages)")).to_be_visible()
    expect(main).not_to_contain_text("Members’ pack")
    expect(main).not_to_contain_text("State of the packs")
    assert_accessible(page)
