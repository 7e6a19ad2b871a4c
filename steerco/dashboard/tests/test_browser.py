"""The chair's dashboard of the demo council and the strategy's action plan behind it, in a real
browser, axe-core clean."""

import pytest
from playwright.sync_api import expect

from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_the_dashboard_leads_to_the_action_plan_where_a_milestone_is_recorded(
    page, live_server, demo_council
):
    sign_in(page, live_server, "admin", "steerco-demo")
    page.goto("/northby/")
    page.get_by_role("link", name="chair's dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The chair's dashboard")
    progress = page.get_by_role("region", name="Progress of the strategy by theme")
    expect(progress).to_contain_text("Establish the new ICT service")
    expect(page.get_by_role("link", name="Add a KPI")).to_be_visible()
    expect(page.locator("main")).to_contain_text("The steering group's next meeting")
    assert_accessible(page)

    page.get_by_role("link", name="ICT Strategy (2012–2017)").click()
    page.get_by_text("How progress is worked out").first.click()
    expect(page.locator("main")).to_contain_text("Every part counts the same.")
    assert_accessible(page)

    page.get_by_role("link", name="Remote access for every office-based member of staff").click()
    page.get_by_role("link", name="Change the milestone or record that it was achieved").click()
    page.get_by_label("Year").nth(1).fill("2099")
    page.get_by_label("Day").nth(1).fill("1")
    page.get_by_label("Month").nth(1).fill("4")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The date achieved must be today or in the past.")
    expect(summary).to_contain_text("Enter why the milestone is changed.")
    assert_accessible(page)
    page.get_by_label("Year").nth(1).fill("2014")
    page.get_by_label("Why is it changed?").fill("Rolled out at last")
    page.get_by_role("button", name="Save").click()
    changes = page.get_by_role("region", name="Changes to the milestone")
    expect(changes).to_contain_text("Rolled out at last")
