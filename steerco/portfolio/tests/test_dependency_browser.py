import re
from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from steerco.portfolio import actions
from steerco.portfolio.models import Benefit, Product, ProductUse, Project
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def portfolio(transactional_db, organisation, secretary):
    def project(reference, name, starts_on, ends_on):
        return Project.objects.create(
            organisation=organisation,
            reference=reference,
            name=name,
            starts_on=starts_on,
            ends_on=ends_on,
        )

    client_tech = project("CT-03", "Client Technologies", date(2024, 4, 1), date(2025, 3, 31))
    workflow = project("WF-01", "Workflow", date(2025, 6, 1), date(2026, 3, 20))
    mobility = project("MOB-02", "Mobility", date(2026, 3, 1), date(2027, 2, 1))
    actions.add_dependency(workflow, depends_on=client_tech, by=secretary)
    actions.add_dependency(mobility, depends_on=workflow, kind="product", by=secretary)
    Benefit.objects.create(
        project=mobility, description="Fewer trips to the office", target_on=date(2027, 3, 15)
    )
    intune = Product.objects.create(organisation=organisation, name="Intune", kind="platform")
    ProductUse.objects.create(project=mobility, product=intune, use="introduces")
    return client_tech, workflow, mobility


def heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)


def test_the_secretary_follows_the_dependencies_and_what_a_slip_would_move(
    page, live_server, portfolio
):
    sign_in(page, live_server, "secretary", PASSWORD)
    page.goto("/northby/portfolio/dependencies/")
    heading(page, "Dependency map")
    assert_accessible(page)

    page.get_by_role("main").get_by_role("link", name="CT-03 Client Technologies").first.click()
    heading(page, "Dependencies")
    expect(page.get_by_text("through 1 other project")).to_be_visible()
    assert_accessible(page)

    group = page.get_by_role("group", name=re.compile("New end date"))
    group.get_by_label("Day").fill("29")
    group.get_by_label("Month").fill("6")
    group.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Show what moves").click()
    expect(page.get_by_text("1 other project would move")).to_be_visible()
    assert_accessible(page)

    # Client Technologies waiting on Mobility would close the loop.
    page.get_by_role("link", name="Add a dependency").click()
    heading(page, "Add a dependency")
    page.get_by_label("Project it depends on").select_option(label="MOB-02 Mobility")
    page.get_by_label("Shares a resource").check()
    page.get_by_role("button", name="Add the dependency").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "This dependency would make a cycle: CT-03 → MOB-02 → WF-01 → CT-03."
    )
    assert_accessible(page)

    # Mobility no longer introduces Intune: the use ends, and stays on the product's page.
    page.goto("/northby/portfolio/products/")
    page.get_by_role("link", name="Intune").click()
    page.get_by_role("link", name="End this use by MOB-02").click()
    heading(page, "End this use")
    assert_accessible(page)
    group = page.get_by_role("group", name="When did the use end?")
    group.get_by_label("Day").fill("1")
    group.get_by_label("Month").fill("4")
    group.get_by_label("Year").fill("2025")
    page.get_by_label("Why does the use end?").fill("Moved to Jamf")
    page.get_by_role("button", name="End the use").click()
    heading(page, "Intune")
    expect(page.get_by_role("region", name="The uses of Intune that ended")).to_contain_text(
        "Moved to Jamf"
    )
    assert_accessible(page)


def test_an_officer_reads_the_catalogue_and_checks_for_duplicates(
    page, live_server, portfolio, officer
):
    sign_in(page, live_server, "officer", PASSWORD)
    page.goto("/northby/portfolio/products/")
    heading(page, "Products and platforms")
    assert_accessible(page)
    page.get_by_role("link", name="Intune").click()
    heading(page, "Intune")
    expect(page.get_by_role("link", name="MOB-02 Mobility")).to_be_visible()
    assert_accessible(page)

    page.goto("/northby/portfolio/projects/check/")
    page.get_by_label("Name of the new project").fill("Mobile working")
    page.get_by_label("Intune").check()
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", name="1 possible duplicate")).to_be_visible()
    assert_accessible(page)
