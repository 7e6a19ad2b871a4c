"""The scoring model, a candidate's scores and an assessor scoring it, in a real browser with
axe-core: the secretary adds a criterion, then an assessor of the steering group scores the
network refresh on it. And the scenario page waiting for the task worker's answer."""

import pytest
from playwright.sync_api import expect

from steerco.planning import tasks
from steerco.planning.models import Scenario, Score
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "steerco-demo"


def test_the_secretary_adds_a_criterion_and_an_assessor_scores_on_it(
    page, live_server, demo_council
):
    sign_in(page, live_server, "secretary", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/northby/planning/scoring/")
    main = page.locator("main")
    expect(main).to_contain_text("5: Removes a risk above the council's appetite")
    expect(page.get_by_role("region", name="Candidates and their weighted scores")).to_contain_text(
        "3.06"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Add a criterion").click()
    page.get_by_label("Name of the criterion").fill("Customer impact")
    page.get_by_label("Weight").fill("2")
    page.get_by_label("What 0 means").fill("Nobody notices")
    page.get_by_role("button", name="Add the criterion").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Describe every point of the scale from 0 to 5, or none")
    expect(summary).to_contain_text("Enter why the change is made.")
    assert_accessible(page)
    page.get_by_label("What 0 means").fill("")
    page.get_by_label("Why the change is made").fill("Cabinet asked for it")
    page.get_by_role("button", name="Add the criterion").click()
    expect(main).to_contain_text("Customer impact added.")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, "priya.shah", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/northby/planning/scoring/")
    page.get_by_role("link", name="ICT-013").click()
    expect(main).to_contain_text("Not yet: it has not been scored on Customer impact")
    expect(main).to_contain_text("Deliverability: the assessors differ by 2 points or more")
    assert_accessible(page)

    page.get_by_role("link", name="Change your scores").click()
    page.get_by_role("group", name="Customer impact").get_by_label("4").check()
    page.get_by_label("Comment on Customer impact (optional)").fill("Every resident")
    assert_accessible(page)
    page.get_by_role("button", name="Save your scores").click()
    expect(main).to_contain_text("Your scores of ICT-013")
    assert Score.objects.get(criterion__name="Customer impact").comment == "Every resident"
    expect(main).to_contain_text("Every resident")


def test_the_scenario_page_shows_the_answer_once_the_worker_has_optimised_it(
    page, live_server, demo_council
):
    scenario = Scenario.objects.get(name="A 20% cut")
    sign_in(page, live_server, "secretary", DEMO_PASSWORD)
    page.goto(f"{live_server.url}{scenario.get_absolute_url()}")
    page.get_by_role("button", name="Optimise").click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("The scenario is being optimised, since")
    assert_accessible(page)

    # The worker (here, the test) optimises it; the page finds out by itself.
    scenario.refresh_from_db()
    tasks.optimise_scenario.call(scenario.pk, None, scenario.optimising_since.isoformat())

    # The page polls every 3 seconds and, the answer kept, loads itself again without it.
    expect(status).to_have_count(0, timeout=10000)
    expect(page.locator("main")).to_contain_text("Optimal: proven to be the best affordable")
    scenario.refresh_from_db()
    assert scenario.optimising_since is None
