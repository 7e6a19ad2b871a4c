"""What leaves steerco on paper or for another program, in a real browser: a meeting added to
a calendar, a secret calendar address made from the profile, a list downloaded, and a record
page printed."""

import subprocess
from datetime import date, datetime, time

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from steerco.meetings import actions
from steerco.portfolio.models import Project
from steerco.tests.browser import ARTIFACTS, assert_accessible, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def meeting(steering_group, secretary):
    return actions.schedule_meeting(
        steering_group, on=date(2031, 3, 11), starts_at=time(10), by=secretary,
        today=date(2026, 1, 1),
    )  # fmt: skip


def after_content(page, selector):
    """What the print stylesheet writes after the first element the selector finds."""
    return page.eval_on_selector(selector, "e => getComputedStyle(e, '::after').content")


def printed(page, name):
    """The page printed to PDF, and its first page as a picture to look at (pdftoppm)."""
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"print-{name}.pdf"
    page.pdf(path=pdf, format="A4")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf, ARTIFACTS / f"print-{name}"],
        check=True,
    )
    text = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True, text=True)
    return text.stdout


def test_a_meeting_goes_into_a_calendar_and_prints_cleanly(
    page,
    live_server,
    meeting,
    secretary,
    organisation,
):
    actions.publish_agenda(meeting, by=secretary, now=timezone.make_aware(datetime(2026, 6, 1, 9)))
    sign_in(page, live_server, secretary.username, PASSWORD)
    page.goto(live_server.url + meeting.get_absolute_url())

    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar").click()
    event = icalendar.Calendar.from_ical(download.value.path().read_bytes()).walk("VEVENT")[0]
    assert event["UID"] == f"meeting-{meeting.pk}@{organisation.slug}.steerco"
    assert_accessible(page)

    page.emulate_media(media="print")
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()
    expect(page.locator(".govuk-footer")).to_be_hidden()
    expect(page.get_by_role("link", name="Add to calendar")).to_be_hidden()
    text = printed(page, "meeting")
    assert "Meeting on Tuesday 11 March 2031" in text
    assert "Sign out" not in text and "Your profile" not in text
    assert "/move/" not in text and "/papers/new/" not in text
    page.emulate_media(media="screen")


def test_a_project_prints_with_its_links_written_out(
    page, live_server, secretary, organisation, steering_group
):
    project = Project.objects.create(
        organisation=organisation, reference="ICT-1", name="Telephony replacement",
        sro=secretary, board=steering_group,
    )  # fmt: skip
    sign_in(page, live_server, secretary.username, PASSWORD)
    page.goto(live_server.url + project.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Telephony replacement")

    page.emulate_media(media="print")
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()
    expect(page.locator("main .govuk-button").first).to_be_hidden()
    # A link of the record (its board) has its address after it; one that changes the record
    # is not printed at all.
    expect(page.get_by_role("link", name="Change the project's details")).to_be_hidden()
    href = steering_group.get_absolute_url()
    link = f".govuk-summary-list a.govuk-link[href='{href}']"
    assert after_content(page, link) == f'" ({href})"'
    text = printed(page, "project")
    assert "Telephony replacement" in text
    assert f"({href})" in text.replace("\n", "")
    assert "/edit/" not in text


def test_a_person_makes_their_calendar_address_from_their_profile(
    page,
    live_server,
    meeting,
    secretary,
    organisation,
):
    sign_in(page, live_server, secretary.username, PASSWORD)
    page.get_by_role("link", name="Your profile").click()
    page.get_by_role(
        "link", name=f"Get or reset your calendar address for {organisation.name}"
    ).click()
    assert_accessible(page)
    page.get_by_role("button", name="Make your calendar address").click()
    expect(page.get_by_role("heading", name="Your calendar address has been made")).to_be_visible()
    assert_accessible(page)

    address = page.locator("dd code").first.inner_text()
    response = page.request.get(address)
    assert response.status == 200
    events = icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"meeting-{meeting.pk}@{organisation.slug}.steerco"]
