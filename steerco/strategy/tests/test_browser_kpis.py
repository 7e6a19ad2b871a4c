"""The KPIs of the demo council as the owner of one reads them and records a measurement, in a
real browser, axe-core clean."""

import pytest
from playwright.sync_api import expect

from steerco.strategy.models import Measurement
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_the_owner_finds_the_red_kpi_reads_its_trend_and_records_a_measurement(
    page, live_server, demo_council
):
    sign_in(page, live_server, "sam.okafor", "steerco-demo")
    page.goto("/northby/strategy/kpis/")
    expect(page.get_by_role("heading", level=1)).to_have_text("KPIs")
    expect(page.locator("main")).to_contain_text("12 KPIs.")
    page.get_by_text("Filter the KPIs").click()
    page.get_by_label("Latest status").select_option(label="Red")
    page.get_by_role("button", name="Show KPIs").click()
    table = page.get_by_role("region", name="KPIs")
    expect(table).to_contain_text("Resolution of reported incidents")
    expect(table).to_contain_text("Worsening")
    expect(page.locator("main")).to_contain_text("1 KPI matches the filters.")
    assert_accessible(page)

    page.get_by_role("link", name="Resolution of reported incidents").click()
    chart = page.get_by_role("img", name="Resolution of reported incidents for each period")
    expect(chart).to_be_visible()
    expect(page.get_by_role("region", name="Measurements")).to_contain_text("Red")
    assert_accessible(page)

    page.get_by_role("link", name="Record a measurement").click()
    page.get_by_label("Day").fill("15")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2030")
    page.get_by_label("Value (percentage)").fill("91")
    page.get_by_role("button", name="Record the measurement").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The period must start on the first day of a month.")
    assert_accessible(page)
    page.get_by_label("Day").fill("1")
    page.get_by_role("button", name="Record the measurement").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Measurement for January 2030 recorded."
    )
    latest = Measurement.objects.filter(kpi__name="Resolution of reported incidents").latest(
        "period_starts_on"
    )
    assert (str(latest.value), latest.status) == ("91.00", "green")
