from decimal import Decimal

import pytest
from django.urls import reverse

from steerco.portfolio.figures import portfolio_finance
from steerco.portfolio.models import BusinessCase, Project
from steerco.portfolio.tests.cases import add_option, make_case, make_project


def k(thousands):
    return str(Decimal(thousands) * 1000)


def seed_003(organisation, by):
    """Seed 003: £11.85m over ten years; Client Technologies and Home Working (£9.8m) are cash
    neutral as they displace existing costs; Workflow and Mobility need £750K capital and £130K
    a year revenue (£2.05m)."""
    years = range(2007, 2017)
    investments = {
        "Client Technologies": [(2007, {"capital": k(1800), "displaced": k(1800)})]
        + [(y, {"revenue": k(600), "displaced": k(600)}) for y in years[1:]],
        "Home Working": [(y, {"revenue": k(260), "displaced": k(260)}) for y in years],
        "Workflow": [(2007, {"capital": k(450), "revenue": k(65)})]
        + [(y, {"revenue": k(65)}) for y in years[1:]],
        "Mobility": [(2007, {"capital": k(300), "revenue": k(65)})]
        + [(y, {"revenue": k(65)}) for y in years[1:]],
    }
    cases = {}
    for number, (name, profile) in enumerate(investments.items(), start=1):
        project = make_project(organisation, f"ICT-{number:03}", name)
        case = make_case(project, by, title=name, base_year=2007)
        add_option(case, by, f"Invest in {name}", preferred=True, years=profile)
        # A more expensive option that was not preferred never counts.
        add_option(case, by, "Bigger", years=[(2007, {"capital": k(99_000)})])
        cases[name] = case
    # The first two were approved by the Cabinet; the other two are proposed.
    BusinessCase.objects.filter(
        pk__in=[cases["Client Technologies"].pk, cases["Home Working"].pk]
    ).update(status=BusinessCase.Status.APPROVED)
    return cases


def test_the_seed_003_investment_through_the_finance_page(client, organisation, administrator):
    seed_003(organisation, administrator)
    client.force_login(administrator)
    html = client.get(reverse("portfolio:finance", kwargs={"org": organisation.slug})).content
    html = html.decode()
    assert (
        "£11,850,000 over 10 financial years in all: £9,800,000 of it cash neutral, "
        "£2,050,000 requiring investment." in html
    )
    assert "2007/08" in html and "2016/17" in html
    assert "Counted: 2 approved business cases and 2 proposed; 2 of them cash neutral." in html
    finance = portfolio_finance(organisation)
    assert finance.approved.total.cost == Decimal(9_800_000)
    assert finance.approved.total.cash_neutral == Decimal(9_800_000)
    assert finance.proposed.total.capital == Decimal(750_000)
    assert finance.proposed.total.revenue == Decimal(1_300_000)
    assert finance.proposed.years[3].revenue == Decimal(130_000)
    assert finance.whole.total.requiring_investment == Decimal(2_050_000)


def test_a_project_counts_its_approved_case_not_a_later_draft(organisation, administrator):
    cases = seed_003(organisation, administrator)
    workflow = cases["Workflow"]
    BusinessCase.objects.filter(pk=workflow.pk).update(status=BusinessCase.Status.APPROVED)
    later = make_case(workflow.project, administrator, title="Workflow v2", base_year=2007)
    add_option(later, administrator, "Cheaper", preferred=True, years=[(2007, {"capital": "1"})])
    finance = portfolio_finance(organisation)
    assert finance.approved.items == 3
    assert finance.whole.total.cost == Decimal(11_850_000)


def test_cancelled_projects_and_rejected_cases_are_left_out(organisation, administrator):
    cases = seed_003(organisation, administrator)
    Project.objects.filter(pk=cases["Mobility"].project_id).update(stage=Project.Stage.CANCELLED)
    BusinessCase.objects.filter(pk=cases["Workflow"].pk).update(status=BusinessCase.Status.REJECTED)
    assert portfolio_finance(organisation).whole.total.cost == Decimal(9_800_000)


def test_the_finance_page_is_the_councils_own(client, organisation, outsider, officer):
    address = reverse("portfolio:finance", kwargs={"org": organisation.slug})
    client.force_login(outsider)
    assert client.get(address).status_code == 404
    client.force_login(officer)
    assert client.get(address).status_code == 200


@pytest.mark.parametrize("restricted", [False, True])
def test_a_restricted_case_counts_in_the_sums_without_being_named(
    client, organisation, administrator, officer, restricted
):
    cases = seed_003(organisation, administrator)
    BusinessCase.objects.filter(pk=cases["Mobility"].pk).update(
        restricted=restricted, exemption="commercial" if restricted else "", title="Nightjar"
    )
    client.force_login(officer)
    html = client.get(reverse("portfolio:finance", kwargs={"org": organisation.slug})).content
    assert b"Nightjar" not in html
    assert "£11,850,000".encode() in html
