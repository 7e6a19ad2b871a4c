"""A scenario built, optimised and compared with the ranking method and another scenario, and
one recommended to a meeting, as the secretary does it, in a real browser with axe-core."""

import pytest
from playwright.sync_api import expect

from steerco.planning.models import Scenario
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "steerco-demo"


def test_the_secretary_builds_a_scenario_optimises_it_and_compares_it(
    page, live_server, demo_council, immediate_tasks
):
    sign_in(page, live_server, "secretary", DEMO_PASSWORD)
    page.get_by_role("link", name="Planning", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Investment planning scenarios")
    page.get_by_role("link", name="Add a scenario").click()
    page.get_by_role("button", name="Add the scenario").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the name of the scenario.")
    expect(summary).to_be_focused()
    assert_accessible(page)

    page.get_by_label("Name of the scenario").fill("Capital only in the first years")
    page.get_by_label("First year of the plan").fill("2026")
    page.get_by_label("Capital budget for each year").fill("£600,000\n400,000\n300,000\n0\n0")
    page.get_by_label("Revenue budget for each year").fill("130000\n130000\n130000\n130000\n130000")
    page.get_by_label("Weighted score from the scoring model").check()
    page.get_by_role("button", name="Add the scenario").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Capital only in the first years")

    page.get_by_role("button", name="Optimise").click()
    main = page.locator("main")
    expect(main).to_contain_text("Optimal: proven to be the best affordable portfolio")
    expect(page.get_by_role("region", name="Spend against budget")).to_contain_text("2026/27")
    expect(main).to_contain_text("Beside the ranking method")
    assert_accessible(page)
    scenario = Scenario.objects.get(name="Capital only in the first years")
    assert scenario.last_answer()["answer"]["checked"]

    page.get_by_role("link", name="Scenarios", exact=True).click()
    page.get_by_role("link", name="Compare scenarios").click()
    page.get_by_label("Capital only in the first years").check()
    page.get_by_label("A 20% cut").check()
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("region", name="Value of each scenario")).to_contain_text("A 20% cut")
    assert_accessible(page)

    page.get_by_role("link", name="A 20% cut").click()
    page.get_by_role("link", name="Efficient frontier").click()
    page.get_by_role("button", name="Work out the frontier").click()
    expect(page.get_by_role("region", name="Efficient frontier")).to_contain_text("150%")
    expect(page.get_by_role("img", name="Best value against the total budget")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="A 20% cut").first.click()
    page.get_by_role("link", name="Recommend to a meeting").click()
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the meeting.")
    assert_accessible(page)
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.locator("main")).to_contain_text("Recommended to")
    expect(page.get_by_role("link", name="its council report, PDF")).to_be_visible()
    page.set_viewport_size({"width": 375, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
