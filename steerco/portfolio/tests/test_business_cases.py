import importlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import JOINED_ON
from steerco.governance.models import Body, Membership
from steerco.portfolio import actions
from steerco.portfolio.figures import case_figures
from steerco.portfolio.models import AppraisalParameters, BiasMitigation, BusinessCase, ProfileYear
from steerco.portfolio.rules.appraisal import (
    HM_TREASURY,
    Measure,
    Mitigation,
    appraise,
    parameters_from_data,
    parameters_to_data,
)
from steerco.portfolio.rules.finance import Figures
from steerco.portfolio.tests.cases import (
    add_option,
    ensure_treasury_set,
    make_case,
    make_project,
    profile_post,
)
from steerco.risks.tests.cases import link_assessed_risk

TREASURY = parameters_from_data(**HM_TREASURY)


def url(name, organisation, **kwargs):
    return reverse(f"portfolio:{name}", kwargs={"org": organisation.slug, **kwargs})


@pytest.fixture(autouse=True)
def treasury(db):
    ensure_treasury_set()


@pytest.fixture
def manager(make_person, organisation):
    return make_person("manager", organisation, name="Priya Patel")


@pytest.fixture
def project(organisation, manager):
    return make_project(
        organisation,
        "ICT-004",
        "Workflow",
        manager=manager,
        starts_on=date(2024, 4, 1),
        ends_on=date(2026, 4, 1),
    )


@pytest.fixture
def case(project, manager):
    case = make_case(project, manager, title="Workflow technologies")
    add_option(
        case,
        manager,
        "Corporate workflow platform",
        preferred=True,
        years=[
            (2024, {"capital": "450000", "revenue": "65000"}),
            (2025, {"revenue": "65000", "cashable_saving": "120000"}),
            (2026, {"revenue": "65000", "cashable_saving": "150000", "displaced": "20000.50"}),
        ],
    )
    return case


def page(client, person, case):
    client.force_login(person)
    return client.get(case.get_absolute_url())


def approve(case):
    BusinessCase.objects.filter(pk=case.pk).update(
        status=BusinessCase.Status.APPROVED, approved_at=timezone.now()
    )
    case.refresh_from_db()


# Starting a business case.


def test_the_project_manager_starts_a_business_case_with_a_do_nothing_option(
    client, organisation, project, manager
):
    client.force_login(manager)
    response = client.post(
        url("business-case-create", organisation, project_pk=project.pk),
        {
            "title": "Workflow technologies",
            "base_year": "2024",
            "horizon_years": "10",
            "project_type": "equipment_development",
            "restricted": "no",
        },
    )
    case = BusinessCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    assert (case.number, case.status, case.created_by) == (1, "draft", manager)
    assert [(o.name, o.is_do_nothing) for o in case.options.all()] == [("Do nothing", True)]
    assert case.history.first().history_change_reason == "Business case started"


def test_an_officer_with_no_part_in_the_project_may_not_start_one(
    client, organisation, project, officer
):
    client.force_login(officer)
    assert (
        client.get(url("business-case-create", organisation, project_pk=project.pk)).status_code
        == 403
    )


def test_another_councils_person_finds_no_business_case(client, case, outsider):
    assert page(client, outsider, case).status_code == 404


def test_a_restricted_business_case_needs_its_reason(client, organisation, project, manager):
    client.force_login(manager)
    response = client.post(
        url("business-case-create", organisation, project_pk=project.pk),
        {
            "title": "Supplier pricing",
            "base_year": "2024",
            "horizon_years": "10",
            "project_type": "equipment_development",
            "restricted": "yes",
        },
    )
    assert response.status_code == 200
    assert "Select why the business case is restricted." in response.content.decode()
    assert not BusinessCase.objects.exists()


# The page.


def test_the_page_shows_totals_whole_life_cost_net_cost_and_whether_cash_neutral(
    client, case, officer
):
    html = page(client, officer, case).content.decode()
    # Capital £450,000 and revenue 3 × £65,000: £645,000 whole-life; £20,000.50 displaced.
    assert "£450,000" in html
    assert "£195,000" in html
    assert "£645,000" in html
    # £624,999.50 net, rounded half up to the pound.
    assert "No: £625,000 requires investment" in html
    assert html.count('<svg class="steerco-chart"') == 2  # one per option, each with its table


def test_the_appraisal_is_shown_with_and_without_optimism_bias(client, case, officer, project):
    html = page(client, officer, case).content.decode()
    expected = appraise(
        [
            Figures(2024, capital=Decimal(450000), revenue=Decimal(65000)),
            Figures(2025, revenue=Decimal(65000), cashable_saving=Decimal(120000)),
            Figures(
                2026,
                revenue=Decimal(65000),
                cashable_saving=Decimal(150000),
                displaced=Decimal("20000.50"),
            ),
        ],
        TREASURY,
        2024,
        project_type="equipment_development",
        duration=Decimal(731) * 12 / Decimal("365.25"),
    )
    from steerco.portfolio.templatetags.money import per_cent, pounds

    assert expected.adjusted.pv_costs > expected.unadjusted.pv_costs
    for value in (
        expected.unadjusted.pv_costs,
        expected.adjusted.pv_costs,
        expected.unadjusted.npsv,
        expected.adjusted.npsv,
    ):
        assert pounds(value) in html
    assert per_cent(expected.unadjusted.costs_switching) in html
    assert per_cent(expected.adjusted.benefits_switching) in html
    assert "Without optimism bias" in html and "With optimism bias" in html
    assert "capital expenditure 200.0%" in html
    assert TREASURY.source in html


def test_the_figures_of_the_page_come_from_the_rules(case, manager):
    figures = case_figures(case, today=date(2026, 11, 30))
    preferred = figures.preferred
    assert preferred.totals.whole_life_cost == Decimal(645000)
    assert preferred.appraisal.bias == {Measure.WORKS_DURATION: 54, Measure.CAPITAL: 200}
    assert [row.year for row in preferred.profile] == list(range(2024, 2034))


def test_the_project_page_lists_the_versions_and_offers_to_start_one(
    client, organisation, project, manager, officer
):
    create = url("business-case-create", organisation, project_pk=project.pk)
    client.force_login(manager)
    assert create in client.get(project.get_absolute_url()).content.decode()
    case = make_case(
        project, manager, title="Nightjar pricing", restricted=True, exemption="commercial"
    )
    html = client.get(project.get_absolute_url()).content.decode()
    assert case.get_absolute_url() in html
    assert create not in html
    client.force_login(officer)
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Version 1 (restricted)" in html
    assert "Nightjar" not in html


def test_the_project_pages_versions_cost_no_query_each(
    client, organisation, project, manager, officer
):
    """Each version's preferred option is summed by the database, and each row reads only the
    columns it shows: a page of four versions, restricted or not, asks what a page of two does."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_version(number, restricted):
        case = BusinessCase.objects.create(
            organisation=organisation,
            project=project,
            number=number,
            title=f"Version {number} case",
            base_year=2024,
            restricted=restricted,
            exemption="commercial" if restricted else "",
            created_by=manager,
        )
        add_option(case, manager, "Do nothing")
        add_option(
            case,
            manager,
            "Buy",
            preferred=True,
            years=[(2024, {"capital": "1000", "revenue": "250"}), (2025, {"revenue": "250"})],
        )
        BusinessCase.objects.filter(pk=case.pk).update(status=BusinessCase.Status.SUPERSEDED)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            html = client.get(project.get_absolute_url()).content.decode()
        return html, len(captured)

    client.force_login(officer)
    add_version(1, restricted=False)
    add_version(2, restricted=True)
    _, once = queries()
    add_version(3, restricted=False)
    add_version(4, restricted=True)
    html, twice = queries()
    assert twice == once
    assert html.count("Version 3 case") == 1 and "Version 4 case" not in html
    assert html.count("£1,500") == 2  # the whole-life cost of the two readable versions


# The profile of an option.


def test_the_profile_is_saved_year_by_year(client, organisation, case, manager):
    option = case.options.get(preferred=True)
    client.force_login(manager)
    rows = [(2024 + n, {}) for n in range(10)]
    rows[0] = (2024, {"capital": "500000", "revenue": "70000"})
    rows[3] = (2027, {"displaced": "12.34"})
    response = client.post(
        url("option-profile", organisation, option_pk=option.pk),
        profile_post(case, rows, case.version),
    )
    assert response.status_code == 302
    saved = {
        row.year: (row.capital, row.revenue, row.displaced)
        for row in ProfileYear.objects.filter(option=option)
    }
    assert saved[2024] == (Decimal(500000), Decimal(70000), Decimal(0))
    assert saved[2027] == (Decimal(0), Decimal(0), Decimal("12.34"))
    assert len(saved) == 10


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ((2025, {"capital": "-5"}), "The capital cost for 2025/26 must be £0 or more."),
        ((2025, {"displaced": "ten"}), "The existing cost displaced for 2025/26 must be a number"),
        ((2034, {"revenue": "5"}), "The year 2034/35 is outside the horizon of this business case"),
        (
            (2023, {}),
            "The year 2023/24 is outside the horizon of this business case, 2024/25 to 2033/34.",
        ),
        ((2024, {}), "The year 2024/25 is given more than once."),
    ],
)
def test_a_bad_row_is_refused_naming_the_row_and_the_field(
    client, organisation, case, manager, row, message
):
    option = case.options.get(preferred=True)
    before = list(ProfileYear.objects.filter(option=option).values_list("year", "capital"))
    client.force_login(manager)
    rows = [(2024 + n, {}) for n in range(10)]
    rows[1] = row
    response = client.post(
        url("option-profile", organisation, option_pk=option.pk),
        profile_post(case, rows, case.version),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(ProfileYear.objects.filter(option=option).values_list("year", "capital")) == before


def test_a_profile_saved_over_a_newer_version_is_refused(client, organisation, case, manager):
    option = case.options.get(preferred=True)
    client.force_login(manager)
    opened = case.version
    actions.save_business_case(case, by=manager, version=opened)
    response = client.post(
        url("option-profile", organisation, option_pk=option.pk),
        profile_post(case, [(2024 + n, {"capital": "1"}) for n in range(10)], opened),
    )
    assert "This was changed by Priya Patel" in response.content.decode()
    assert not ProfileYear.objects.filter(option=option, capital=1).exists()


def test_marking_an_option_preferred_unmarks_the_other(case, manager):
    other = add_option(case, manager, "Extend the current system", preferred=True)
    assert list(case.options.filter(preferred=True)) == [other]


# An approved version is immutable.


def test_an_approved_version_cannot_be_changed(client, organisation, case, manager):
    approve(case)
    option = case.options.get(preferred=True)
    client.force_login(manager)
    for address in (
        url("business-case-edit", organisation, case_pk=case.pk),
        url("option-create", organisation, case_pk=case.pk),
        url("option-edit", organisation, option_pk=option.pk),
        url("option-profile", organisation, option_pk=option.pk),
        url("bias-mitigation", organisation, case_pk=case.pk),
    ):
        response = client.post(address, profile_post(case, [], case.version), follow=True)
        assert response.redirect_chain == [(case.get_absolute_url(), 302)], address
        assert "Version 1 was approved and cannot be changed" in response.content.decode()
    assert not ProfileYear.objects.filter(option=option, year__gt=2026).exists()
    with pytest.raises(ValidationError, match="was approved and cannot be changed"):
        actions.save_business_case(case, by=manager)


def test_the_page_offers_a_draft_changes_and_an_approved_one_a_new_version(
    client, organisation, case, manager
):
    html = page(client, manager, case).content.decode()
    assert url("business-case-edit", organisation, case_pk=case.pk) in html
    assert url("business-case-new-version", organisation, case_pk=case.pk) not in html
    approve(case)
    html = page(client, manager, case).content.decode()
    assert url("business-case-edit", organisation, case_pk=case.pk) not in html
    assert url("business-case-new-version", organisation, case_pk=case.pk) in html


def test_a_new_version_starts_from_the_last_one(client, organisation, case, manager):
    approve(case)
    client.force_login(manager)
    response = client.post(url("business-case-new-version", organisation, case_pk=case.pk))
    new = BusinessCase.objects.get(number=2)
    assert response["Location"] == new.get_absolute_url()
    assert (new.status, new.title, new.base_year) == ("draft", case.title, 2024)
    assert [
        (o.name, o.preferred, [(y.year, y.capital, y.revenue) for y in o.years.all()])
        for o in new.options.all()
    ] == [
        (o.name, o.preferred, [(y.year, y.capital, y.revenue) for y in o.years.all()])
        for o in case.options.all()
    ]
    case.refresh_from_db()
    assert case.status == "approved"


def test_a_new_version_is_refused_from_a_draft(case, manager):
    with pytest.raises(ValidationError, match="still a draft"):
        actions.start_new_version(case, by=manager)


def test_a_business_case_is_not_submitted_without_an_assessed_risk_linked(case, manager):
    with pytest.raises(ValidationError) as refused:
        actions.submit_business_case(case, by=manager)
    assert refused.value.message_dict == {
        "risks": [
            "Link at least one assessed risk of the risk register to the business case "
            "before it is submitted."
        ]
    }
    case.refresh_from_db()
    # The written risk assessment of the interim form is kept, but no longer the gate.
    case.risk_assessment = "Supplier failure: likely, £50,000; escrow agreed."
    actions.save_business_case(case, by=manager)
    with pytest.raises(ValidationError):
        actions.submit_business_case(case, by=manager)
    case.refresh_from_db()
    link_assessed_risk(case, manager)
    actions.submit_business_case(case, by=manager)
    assert BusinessCase.objects.get().status == "submitted"
    with pytest.raises(ValidationError, match="submitted for a decision and cannot be changed"):
        actions.save_business_case(case, by=manager)


# Restricted business cases follow the rule of restricted papers.


@pytest.fixture
def board_member(make_person, organisation, project):
    board = Body.objects.create(organisation=organisation, name="Workflow Project Board")
    project.board = board
    project.save()
    person = make_person("board-member", organisation, name="Bea Brown")
    Membership.objects.create(
        organisation=organisation,
        body=board,
        person=person,
        role=Membership.Role.SUPPORTING_OFFICER,
        starts_on=JOINED_ON,
    )
    return person


def test_a_restricted_business_case_is_for_the_project_and_its_board_only(
    client, organisation, case, manager, board_member, officer, administrator
):
    case.restricted = True
    case.exemption = "commercial"
    actions.save_business_case(case, by=manager)
    option = case.options.get(preferred=True)
    for person in (officer, administrator):
        assert page(client, person, case).status_code == 404
        assert (
            client.get(url("option-profile", organisation, option_pk=option.pk)).status_code == 404
        )
    for person in (manager, board_member):
        assert page(client, person, case).status_code == 200


def test_an_open_version_does_not_name_a_restricted_one(
    client, organisation, case, manager, officer
):
    case.restricted = True
    case.exemption = "commercial"
    case.title = "Nightjar supplier pricing"
    actions.save_business_case(case, by=manager)
    approve(case)
    new = actions.start_new_version(case, by=manager)
    new.restricted = False
    new.title = "Workflow technologies"
    actions.save_business_case(new, by=manager)
    html = page(client, officer, new).content.decode()
    assert "Version 1 (restricted)" in html
    assert "Nightjar" not in html


# Optimism bias.


def test_recorded_mitigation_lowers_the_bias(client, organisation, case, manager):
    client.force_login(manager)
    response = client.post(
        url("bias-mitigation", organisation, case_pk=case.pk),
        {
            "factors-TOTAL_FORMS": "3",
            "factors-INITIAL_FORMS": "0",
            "factors-MIN_NUM_FORMS": "0",
            "factors-MAX_NUM_FORMS": "3",
            "version": str(case.version),
            "factors-0-factor": "Inadequacy of the business case",
            "factors-0-share": "50",
            "factors-0-mitigation": "80",
        },
    )
    assert response.status_code == 302
    assert list(BiasMitigation.objects.values_list("factor", "share", "mitigation")) == [
        ("Inadequacy of the business case", Decimal(50), Decimal(80))
    ]
    figures = case_figures(case, today=date(2026, 11, 30))
    assert figures.preferred.appraisal.bias[Measure.CAPITAL] == Decimal(120)
    assert "capital expenditure 120.0%" in page(client, manager, case).content.decode()


def test_shares_over_100_per_cent_are_refused(client, organisation, case, manager):
    client.force_login(manager)
    response = client.post(
        url("bias-mitigation", organisation, case_pk=case.pk),
        {
            "factors-TOTAL_FORMS": "3",
            "factors-INITIAL_FORMS": "0",
            "factors-MIN_NUM_FORMS": "0",
            "factors-MAX_NUM_FORMS": "3",
            "version": str(case.version),
            "factors-0-factor": "Inadequacy of the business case",
            "factors-0-share": "70",
            "factors-0-mitigation": "80",
            "factors-1-factor": "Degree of innovation",
            "factors-1-share": "40",
            "factors-1-mitigation": "10",
        },
    )
    assert "The shares of the contributory factors add up to 110%; 100% at most." in (
        response.content.decode()
    )
    assert not BiasMitigation.objects.exists()


# Appraisal parameters.


def test_the_migration_loads_the_treasury_set(db):
    from django.apps import apps

    migrations = Path(__file__).resolve().parents[1] / "migrations"
    (path,) = migrations.glob("*_appraisal_mitigation_and_defaults.py")
    migration = importlib.import_module(f"steerco.portfolio.migrations.{path.stem}")
    AppraisalParameters.objects.filter(organisation=None).delete()
    migration.load_treasury_set(apps, None)
    row = AppraisalParameters.objects.get(organisation=None)
    assert parameters_to_data(row.as_rules()) == HM_TREASURY


def test_an_administrator_adds_a_council_set_that_then_applies(
    client, organisation, case, administrator, manager
):
    client.force_login(administrator)
    response = client.post(
        url("appraisal-parameters-create", organisation),
        {
            "effective_from_0": "1",
            "effective_from_1": "4",
            "effective_from_2": "2025",
            "source": "Northby's own rates",
            "discount_schedule": "0–30: 5%\n31+: 4%",
            "optimism_bias": "equipment_development | Equipment and development | capital "
            "| 100 | 5",
        },
    )
    assert response.status_code == 302
    row = AppraisalParameters.objects.get(organisation=organisation)
    assert row.discount_schedule == [[0, 30, "0.05"], [31, None, "0.04"]]
    assert row.optimism_bias == {
        "equipment_development": {"label": "Equipment and development", "capital": ["1", "0.05"]}
    }
    figures = case_figures(case, today=date(2026, 11, 30))
    assert figures.parameters == row
    assert figures.preferred.appraisal.bias == {Measure.CAPITAL: Decimal(100)}
    # An approved case keeps the set it was approved under.
    BusinessCase.objects.filter(pk=case.pk).update(
        status="approved", approved_at=timezone.make_aware(timezone.datetime(2025, 3, 31))
    )
    case.refresh_from_db()
    assert case_figures(case, today=date(2026, 11, 30)).parameters.organisation is None


def test_a_malformed_line_is_refused_naming_it(client, organisation, administrator):
    client.force_login(administrator)
    response = client.post(
        url("appraisal-parameters-create", organisation),
        {
            "effective_from_0": "1",
            "effective_from_1": "4",
            "effective_from_2": "2025",
            "source": "Northby",
            "discount_schedule": "0–30: 3.5%\nthirty-one onwards 3%",
            "optimism_bias": "outsourcing | Outsourcing | operating | 41",
        },
    )
    html = response.content.decode()
    assert "Line 2 of the discount schedule must give the years and the rate" in html
    assert "Line 1 of the optimism bias table must have 5 parts" in html
    assert not AppraisalParameters.objects.filter(organisation=organisation).exists()


def test_only_an_administrator_adds_appraisal_parameters(client, organisation, manager):
    client.force_login(manager)
    assert client.get(url("appraisal-parameters-create", organisation)).status_code == 403
    listing = client.get(url("appraisal-parameters", organisation))
    assert listing.status_code == 200
    assert url("appraisal-parameters-create", organisation) not in listing.content.decode()


def test_pages_refuse_the_wrong_method(client, organisation, case, manager):
    client.force_login(manager)
    assert client.post(case.get_absolute_url()).status_code == 405
    assert client.post(url("finance", organisation)).status_code == 405
    assert client.put(url("business-case-edit", organisation, case_pk=case.pk)).status_code == 405


def test_mitigation_validation_matches_the_rules(case, manager):
    with pytest.raises(ValidationError, match="between 0% and 100%"):
        actions.save_bias_mitigations(
            case, entries=[("Design complexity", Decimal(10), Decimal(150))], by=manager
        )
    assert Mitigation("x", Decimal(1), Decimal(1))


# Figures in cash terms, rebased with the deflator series of the parameters in force.

DEFLATOR_POST = {
    "effective_from_0": "1",
    "effective_from_1": "4",
    "effective_from_2": "2024",
    "source": "Northby, with the GDP deflator",
    "discount_schedule": "0–30: 3.5%\n31–75: 3%\n76–125: 2.5%\n126+: 2%",
    "optimism_bias": "equipment_development | Equipment and development | capital | 200 | 10",
}


def test_an_administrator_adds_a_deflator_series_and_a_bad_line_is_named(
    client, organisation, administrator
):
    client.force_login(administrator)
    bad = client.post(
        url("appraisal-parameters-create", organisation),
        DEFLATOR_POST | {"deflator": "2024/25: 100\n2025/26: nothing"},
    )
    assert "Line 2 of the deflator series must give a financial year and an index above 0" in (
        bad.content.decode()
    )
    assert not AppraisalParameters.objects.filter(organisation=organisation).exists()
    response = client.post(
        url("appraisal-parameters-create", organisation),
        DEFLATOR_POST | {"deflator": "2025/26: 102.5\n2024/25: 100\n2026: 104.8"},
    )
    assert response.status_code == 302
    row = AppraisalParameters.objects.get(organisation=organisation)
    assert row.deflator == {"2024": "100", "2025": "102.5", "2026": "104.8"}
    listing = client.get(url("appraisal-parameters", organisation)).content.decode()
    assert "Deflator series (3 years)" in listing and "2026/27" in listing


def test_a_case_in_cash_terms_is_appraised_in_real_terms_with_the_deflator(
    client, organisation, case, administrator, officer
):
    BusinessCase.objects.filter(pk=case.pk).update(prices=BusinessCase.Prices.NOMINAL)
    case.refresh_from_db()
    page_without = page(client, officer, case).content.decode()
    assert "the appraisal parameters in force have no deflator series" in page_without

    client.force_login(administrator)
    client.post(
        url("appraisal-parameters-create", organisation),
        DEFLATOR_POST | {"deflator": "2024/25: 100\n2025/26: 102.5\n2026/27: 104.8"},
    )
    row = AppraisalParameters.objects.get(organisation=organisation)
    figures = case_figures(case, today=date(2026, 11, 30))
    nominal = [
        Figures(2024, capital=Decimal(450000), revenue=Decimal(65000)),
        Figures(2025, revenue=Decimal(65000), cashable_saving=Decimal(120000)),
        Figures(
            2026,
            revenue=Decimal(65000),
            cashable_saving=Decimal(150000),
            displaced=Decimal("20000.50"),
        ),
    ]
    expected = appraise(
        nominal,
        row.as_rules(),
        2024,
        project_type="equipment_development",
        duration=Decimal(731) * 12 / Decimal("365.25"),
        deflator={2024: Decimal(100), 2025: Decimal("102.5"), 2026: Decimal("104.8")},
    )
    real_terms = appraise(nominal, row.as_rules(), 2024, project_type="equipment_development")
    assert figures.preferred.appraisal.unadjusted == expected.unadjusted
    # Rebasing lowers later years' figures: the present value of costs falls.
    assert expected.unadjusted.pv_costs < real_terms.unadjusted.pv_costs
    html = page(client, officer, case).content.decode()
    assert "Cash terms, each year in its own prices" in html


def test_a_deflator_without_the_year_of_a_figure_is_named_on_the_page(
    client, organisation, case, administrator, officer
):
    BusinessCase.objects.filter(pk=case.pk).update(prices=BusinessCase.Prices.NOMINAL)
    client.force_login(administrator)
    client.post(
        url("appraisal-parameters-create", organisation),
        DEFLATOR_POST | {"deflator": "2024/25: 100\n2025/26: 102.5"},
    )
    html = page(client, officer, case).content.decode()
    assert "The deflator has no index for 2026/27." in html


def test_the_risk_adjusted_value_is_the_preferred_npsv_less_the_open_risks_expected_loss(
    client, organisation, project, manager, case
):
    """As the planning scenarios value it: the case's and its project's open risks that are not
    restricted, each likelihood's probability midpoint times its money impact."""
    from steerco.meetings.models import Paper
    from steerco.risks import actions as risk_actions
    from steerco.risks.models import RiskCategory
    from steerco.risks.tests.cases import SCORES  # likelihood 2: 5–25%, midpoint 15%

    def risk(title, links, **fields):
        return risk_actions.create_risk(
            organisation,
            by=manager,
            scores=SCORES,
            title=title,
            category=RiskCategory.objects.get(organisation=organisation, name="Technology"),
            owner=manager,
            links=links,
            **fields,
        )

    risk("Supplier capacity", {"business_cases": [case]}, money_impact=Decimal("100000"))
    risk("Data migration overruns", {"projects": [project]}, money_impact=Decimal("40000"))
    # Restricted, closed and unvalued risks add nothing.
    risk(
        "Supplier in administration",
        {"business_cases": [case]},
        money_impact=Decimal("900000"),
        restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
    )
    closed = risk("Old licence", {"projects": [project]}, money_impact=Decimal("50000"))
    risk_actions.close_risk(closed, by=manager, note="Licence renewed")
    risk("No money impact", {"business_cases": [case]})

    npsv = case_figures(case, today=date(2026, 12, 2)).preferred.appraisal.adjusted.npsv
    response = page(client, manager, case)
    adjusted = next(
        context for _, context in response.context["sections"] if "risk_adjusted" in context
    )
    assert adjusted["risk_adjusted"] == {
        "npsv": npsv,
        "loss": Decimal("21000.00"),  # 15% of 100,000 and of 40,000
        "value": npsv - Decimal("21000.00"),
        "unvalued": 1,
    }
    text = response.content.decode()
    assert "Risk-adjusted net present social value" in text
    assert "1 open risk has no money impact or no assessment, and adds nothing" in text
