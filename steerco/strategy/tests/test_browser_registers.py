"""The strategy's registers of the demo council as whoever keeps them reads them and corrects
a team's level, in a real browser, axe-core clean."""

import pytest
from playwright.sync_api import expect

from steerco.strategy.registers import SkillLevel
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_the_keeper_reads_the_registers_and_corrects_a_teams_level(page, live_server, demo_council):
    sign_in(page, live_server, "admin", "steerco-demo")
    page.goto("/northby/strategy/legislation/")
    table = page.get_by_role("region", name="Legislation and regulation")
    expect(table).to_contain_text("Data (Use and Access) Act 2025")
    expect(table).to_contain_text("SI 2018/952")
    assert_accessible(page)

    page.goto("/northby/strategy/champions/")
    expect(page.get_by_role("region", name="Digital champions")).to_contain_text("Stepped down")
    assert_accessible(page)

    page.goto("/northby/strategy/skills/")
    page.get_by_role("link", name="Cloud services").click()
    levels = page.get_by_role("region", name="Teams' levels")
    expect(levels).to_contain_text("cloud architecture training")
    assert_accessible(page)

    page.get_by_role("link", name="Change the level of Digital Delivery").click()
    page.get_by_role("group", name="Current level").get_by_label("3 – Practitioner").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the level is changed.")
    assert_accessible(page)
    page.get_by_label("Why is it changed?").fill("Completed the AWS course")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Level of Digital Delivery updated."
    )
    expect(page.get_by_role("region", name="Changes to the levels")).to_contain_text(
        "Changed: Completed the AWS course"
    )
    level = SkillLevel.objects.get(skill__name="Cloud services", team__name="Digital Delivery")
    assert (level.current, level.gap) == (3, 0)
