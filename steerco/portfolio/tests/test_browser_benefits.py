import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steerco.portfolio.models import BenefitRealisation, Project
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "steerco-demo"


@pytest.fixture
def home_working(demo_council):
    return Project.objects.get(organisation__slug="northby", name="Home Working")


def fill_date(page, legend, day):
    group = page.get_by_role("group", name=re.compile(legend))
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_the_project_manager_records_and_corrects_a_realisation(page, live_server, home_working):
    sign_in(page, live_server, "officer", DEMO_PASSWORD)
    page.goto("/northby/portfolio/benefits/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Benefits realisation")
    expect(page.get_by_role("main")).to_contain_text("3 benefits passed their target date")
    assert_accessible(page)

    page.get_by_role("link", name="ICT-002 Home Working").first.click()
    expect(page.locator("#benefits")).to_be_visible()
    assert_accessible(page)
    page.get_by_role(
        "link", name="Record a realisation of Office accommodation released at Bank House"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a realisation")
    assert_accessible(page)
    fill_date(page, "^Date", timezone.localdate())
    page.get_by_label("Value realised in pounds").fill("£75,000")
    page.get_by_label("Evidence").fill("Lease of the second floor of Bank House surrendered.")
    page.get_by_role("button", name="Record the realisation").click()
    expect(page.get_by_role("main")).to_contain_text("Realised")
    assert_accessible(page)

    latest = BenefitRealisation.objects.order_by("-id").first()
    page.goto(f"/northby/portfolio/realisations/{latest.pk}/correct/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct a realisation")
    page.get_by_role("button", name="Record the correction").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the reason for the correction."
    )
    assert_accessible(page)
    page.get_by_label("Value realised in pounds").fill("70000")
    page.get_by_label("Reason for the correction").fill("The surrender saves £70,000.")
    page.get_by_role("button", name="Record the correction").click()
    expect(page.get_by_role("main")).to_contain_text("The surrender saves £70,000.")
    assert BenefitRealisation.objects.get(corrects=latest).value == 70000
