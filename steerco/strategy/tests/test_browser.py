"""The strategies as the secretary reads and adds to them, in a real browser."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from steerco.strategy.models import CorporateObjective
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "steerco-demo"


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo")


def test_the_secretary_reads_the_current_strategy_and_adds_a_tagged_objective(
    page, live_server, demo
):
    sign_in(page, live_server, "secretary", DEMO_PASSWORD)
    page.get_by_role("link", name="Strategy", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Strategies")
    table = page.get_by_role("region", name="Strategies")
    expect(table).to_contain_text("Current")
    expect(table).to_contain_text("Corporate ICT Strategy")
    assert_accessible(page)

    page.get_by_role("link", name="ICT Strategy", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ICT Strategy")
    expect(page.locator("main")).to_contain_text("5. Manage our information better")
    expect(page.locator("main")).to_contain_text("Benchmarking of our services")
    assert_accessible(page)

    page.get_by_role("link", name="Add an objective").click()
    page.get_by_role("button", name="Add the objective").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the objective.")
    expect(summary).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Objective", exact=True).fill("Publish open data by default")
    page.get_by_label("Theme").select_option(label="Manage our information better")
    page.get_by_label("Conformance").check()
    page.get_by_label("EDM05 Ensured stakeholder engagement").check()
    page.get_by_role("button", name="Add the objective").click()
    expect(page.locator("main")).to_contain_text("COBIT EDM05")
    objective = CorporateObjective.objects.get(title="Publish open data by default")
    assert (objective.theme.name, objective.iso38500, objective.cobit) == (
        "Manage our information better",
        ["conformance"],
        ["EDM05"],
    )
