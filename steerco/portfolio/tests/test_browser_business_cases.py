import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import PASSWORD
from steerco.accounts.models import OrganisationMembership
from steerco.portfolio.models import ProfileYear
from steerco.portfolio.tests.cases import add_option, ensure_treasury_set, make_case, make_project
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def case(transactional_db, organisation, make_person):
    ensure_treasury_set()
    manager = make_person(
        "manager", organisation, OrganisationMembership.Role.ADMINISTRATOR, name="Priya Patel"
    )
    project = make_project(
        organisation,
        "ICT-004",
        "Workflow",
        manager=manager,
        starts_on=date(2024, 4, 1),
        ends_on=date(2026, 4, 1),
    )
    case = make_case(project, manager, title="Workflow technologies")
    add_option(
        case,
        manager,
        "Corporate workflow platform",
        preferred=True,
        years=[(2024, {"capital": "450000", "revenue": "65000"})]
        + [(year, {"revenue": "65000", "cashable_saving": "90000"}) for year in range(2025, 2034)],
    )
    return case


def test_the_manager_edits_a_profile_and_reads_the_appraisal(page, live_server, case):
    organisation = case.organisation
    sign_in(page, live_server, "manager", PASSWORD)
    page.goto(case.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Workflow technologies")
    expect(
        page.get_by_role("table", name="Corporate workflow platform (preferred)")
    ).to_contain_text("Net present social value")
    expect(
        page.get_by_role("img", name=re.compile("of Corporate workflow platform"))
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role(
        "link", name="Change the costs and benefits of Corporate workflow platform"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Costs and benefits")
    page.get_by_label("Capital cost, 2025/26").fill("-10")
    page.get_by_role("button", name="Save the costs and benefits").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "The capital cost for 2025/26 must be £0 or more."
    )
    assert_accessible(page)
    page.get_by_label("Capital cost, 2025/26").fill("12500.50")
    page.get_by_role("button", name="Save the costs and benefits").click()
    expect(
        page.get_by_text("Costs and benefits of “Corporate workflow platform” saved.")
    ).to_be_visible()
    assert ProfileYear.objects.get(option__preferred=True, year=2025).capital == 12500.50

    page.get_by_role("link", name="Record mitigation of optimism bias").click()
    assert_accessible(page)
    page.get_by_label("Contributory factor, row 1").fill("Inadequacy of the business case")
    page.get_by_label("Share of the bias in per cent, row 1").fill("50")
    page.get_by_label("Part mitigated in per cent, row 1").fill("80")
    page.get_by_role("button", name="Save the mitigation").click()
    expect(page.locator("#appraisal + p")).to_contain_text("capital expenditure 120.0%")

    for name in ("finance", "appraisal-parameters", "appraisal-parameters-create"):
        page.goto(reverse(f"portfolio:{name}", kwargs={"org": organisation.slug}))
        assert_accessible(page)
    page.goto(
        reverse(
            "portfolio:business-case-edit", kwargs={"org": organisation.slug, "case_pk": case.pk}
        )
    )
    assert_accessible(page)
