"""The portfolio register and a project, as the secretary uses them, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from steerco.portfolio.models import Project
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "steerco-demo"


def fill_date(page, legend, day, month, year):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_the_secretary_registers_a_project_and_records_its_confidence(
    page, live_server, demo_council
):
    sign_in(page, live_server, "secretary", DEMO_PASSWORD)
    page.get_by_role("link", name="Portfolio", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Portfolio register")
    assert_accessible(page)

    page.get_by_role("link", name="Register a project").click()
    page.get_by_label("Project reference").fill("ICT-2027-01")
    page.get_by_label("Name of the project").fill("Telephony replacement")
    page.get_by_label("Proposal").check()
    fill_date(page, "Start date", "1", "4", "2027")
    fill_date(page, "End date", "31", "3", "2026")
    page.get_by_role("button", name="Register the project").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The end date must be the same as or after the start date.")
    expect(summary).to_be_focused()
    assert_accessible(page)
    # What was typed is still there: only the wrong date is put right.
    expect(page.get_by_label("Name of the project")).to_have_value("Telephony replacement")
    # The demo council has a telephony project already: the name is checked against it.
    expect(summary).to_contain_text("a similar name")
    expect(page.locator("table")).to_contain_text("Telephony")
    fill_date(page, "End date", "31", "3", "2028")
    page.get_by_label("Yes, it is a new project: register it").check()
    page.get_by_role("button", name="Register the project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Telephony replacement")
    assert_accessible(page)

    page.get_by_role("link", name="Record a delivery confidence assessment").click()
    fill_date(page, "Date of the assessment", "1", "6", "2026")
    page.get_by_label("Amber/red").check()
    page.get_by_label("Commentary").fill("The supplier has not confirmed the porting date.")
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.locator("#confidence ~ p").first).to_contain_text("Amber/red")
    assert_accessible(page)

    page.get_by_role("link", name="Back to the portfolio register").click()
    page.get_by_text("Filter and sort the register").click()
    page.get_by_label("Delivery confidence").select_option("red")
    page.get_by_role("button", name="Show projects").click()
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\d+ projects? match"))
    expect(page.get_by_role("link", name="Telephony replacement")).to_be_visible()
    assert_accessible(page)
    assert Project.objects.get(reference="ICT-2027-01").confidence_assessments.count() == 1
