"""The demo council's annual progress report as the secretary reads it, in a real browser,
axe-core clean."""

import pytest
from playwright.sync_api import expect

from steerco.accounts.demo import DEMO_PASSWORD
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_the_secretary_opens_the_last_years_report_from_the_strategy(
    page, live_server, demo_council
):
    sign_in(page, live_server, "secretary", DEMO_PASSWORD)
    page.goto("/northby/strategy/")
    page.get_by_role("link", name="ICT Strategy", exact=True).click()
    page.get_by_role("link", name="Annual progress reports").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Annual progress report")
    main = page.locator("main")
    expect(main).to_contain_text("The front matter is not complete")
    expect(main).to_contain_text("e-billing saved what was planned for the year")
    expect(page.get_by_role("region", name="KPIs against target: KPIs")).to_be_visible()
    expect(page.get_by_label("Year of the report")).to_be_visible()
    assert_accessible(page)
