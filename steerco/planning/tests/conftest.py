from decimal import Decimal

import pytest
from django.utils import timezone

from steerco.meetings.tests.conftest import fixed_today, meeting  # noqa: F401
from steerco.planning import actions
from steerco.planning.models import Scenario
from steerco.portfolio import actions as portfolio_actions
from steerco.portfolio.models import BusinessCase, Project
from steerco.portfolio.tests.cases import add_option, ensure_treasury_set, make_case, make_project
from steerco.risks.models import RiskCategory
from steerco.strategy.models import CorporateObjective, Strategy, Theme

# The words of a criterion's 0 to 5 scale.
SCALE = ("None", "Slight", "Some", "Clear", "Strong", "Essential")


@pytest.fixture
def project(organisation, officer):
    """A candidate: a project at proposal stage."""
    return Project.objects.create(
        organisation=organisation,
        reference="ICT-010",
        name="Customer portal",
        manager=officer,
        stage=Project.Stage.PROPOSAL,
    )


@pytest.fixture
def model(organisation, secretary):
    """A scoring model of two criteria, weighted 3 and 1, the first with its scale's words."""
    return actions.set_criteria(
        organisation,
        [("Strategic alignment", Decimal(3), SCALE), ("Deliverability", Decimal(1), ())],
        by=secretary,
    )


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run as they are enqueued (once the request's transaction commits)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def portfolio(organisation, secretary):
    """A council's portfolio for planning: a current strategy with a theme and an objective;
    projects that serve it (one by its objective), one that serves none, one whose business
    case is restricted, one with no business case, an approved one, and one that waits on the
    project serving nothing."""
    ensure_treasury_set()
    strategy = Strategy.objects.create(
        organisation=organisation, title="ICT strategy", starts_in=2026, ends_in=2030,
        is_current=True,
    )  # fmt: skip
    theme = Theme.objects.create(organisation=organisation, strategy=strategy, name="Digital")
    objective = CorporateObjective.objects.create(
        organisation=organisation, strategy=strategy, title="Services online"
    )
    earlier = Theme.objects.create(organisation=organisation, name="Old priorities")
    by = secretary

    def project(reference, name, stage=Project.Stage.PROPOSAL, themes=(theme,), objectives=()):
        made = make_project(organisation, reference, name, stage=stage)
        made.themes.set(themes)
        made.objectives.set(objectives)
        return made

    def costed(made, *options, **fields):
        case = make_case(made, by, base_year=2027, **fields)
        for name, years in options:
            add_option(case, by, name, preferred=name.endswith("*"), years=years)
        return case

    web = project("P-001", "Customer portal")
    costed(
        web,
        ("Build", [(2027, {"capital": "100000", "revenue": "10000", "cashable_saving": "90000"}),
                   (2028, {"revenue": "10000", "cashable_saving": "90000"})]),
        ("Buy", [(2027, {"capital": "60000", "revenue": "30000", "cashable_saving": "60000"})]),
    )  # fmt: skip
    crm = project(
        "P-002", "CRM", stage=Project.Stage.BUSINESS_CASE, themes=(), objectives=(objective,)
    )
    costed(crm, ("Replace", [(2027, {"capital": "200000", "cashable_saving": "150000"}),
                             (2028, {"cashable_saving": "150000"})]))  # fmt: skip
    stray = project("P-003", "Intranet refresh", themes=(earlier,))
    costed(stray, ("Refresh", [(2027, {"capital": "50000"})]))
    secret = project("P-004", "Firewall renewal")
    costed(secret, ("Renew", [(2027, {"capital": "70000"})]), restricted=True,
           exemption="security")  # fmt: skip
    project("P-005", "Data warehouse")
    approved = project("P-006", "Telephony", stage=Project.Stage.APPROVED)
    case = costed(approved, ("Cloud*", [(2026, {"capital": "80000"}),
                                       (2027, {"revenue": "20000"})]))  # fmt: skip
    # Approved by a decision of the steering group, as the portfolio's receiver records it.
    BusinessCase.objects.filter(pk=case.pk).update(status="approved", approved_at=timezone.now())
    waits = project("P-007", "Intranet search")
    costed(waits, ("Search", [(2027, {"capital": "30000"})]))
    portfolio_actions.add_dependency(waits, depends_on=stray, by=by)
    return {"strategy": strategy, "theme": theme, "projects": Project.objects.all()}


@pytest.fixture
def scoring_model(organisation, secretary, portfolio):
    model = actions.set_criteria(
        organisation, [("Strategic fit", Decimal(2), ()), ("Deliverability", Decimal(1), ())],
        by=secretary,
    )  # fmt: skip
    scores = {"P-001": (4, 3), "P-002": (3, 5), "P-006": (2, 2), "P-007": (5, 5)}
    criteria = list(model.criteria.all())
    for reference, given in scores.items():
        project = Project.objects.get(organisation=organisation, reference=reference)
        for criterion, score in zip(criteria, given, strict=True):
            actions.record_score(project, criterion, assessor=secretary, score=score, by=secretary)
    return model


@pytest.fixture
def scenario(organisation, secretary):
    return actions.save_scenario(
        Scenario(
            organisation=organisation, name="Seed envelope", first_year=2027,
            capital_budgets=["250000", "100000", "100000"],
            revenue_budgets=["40000", "40000", "40000"],
        ),
        by=secretary,
    )  # fmt: skip


@pytest.fixture
def category(organisation):
    return RiskCategory.objects.get_or_create(organisation=organisation, name="Technology")[0]
