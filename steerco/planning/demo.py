"""Investment planning's part of `manage.py load_demo`: a scoring model of four criteria, draft
business cases with their options for the three projects at proposal or business-case stage
(the data centre's move to the cloud, the network refresh, records management), two assessors'
scores of each, and two scenarios optimised on the weighted score: the envelope for the
investments still to be made, £1.4m of capital over five years falling from £400K to £150K a
year and, as seed 003 sets aside for its remaining investments, £130K of revenue a year; and
the same with every budget cut by 20%, where the data centre and records management no longer
both fit. The envelope is recommended to the steering group's next meeting."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from steerco.documents import actions as documents_actions
from steerco.governance.models import Body
from steerco.lib.history import save_with_history
from steerco.meetings.models import Meeting
from steerco.planning import actions
from steerco.planning.models import Scenario, ScoringModel
from steerco.portfolio import actions as portfolio_actions
from steerco.portfolio.models import BusinessCase, Option, ProfileYear, Project
from steerco.portfolio.rules.finance import financial_year

K = 1000
YEARS = 5
CRITERIA = [
    (
        "Strategic alignment",
        Decimal(3),
        (
            "Serves no theme of the ICT strategy",
            "Touches a theme in passing",
            "Supports one theme",
            "Delivers part of one theme",
            "Delivers one theme",
            "Delivers several themes",
        ),
    ),
    (
        "Financial return",
        Decimal(2),
        (
            "Costs more and saves nothing",
            "Saves a little of its cost",
            "Saves about half its cost",
            "Pays for itself",
            "Saves more than it costs",
            "Saves twice its cost or more",
        ),
    ),
    (
        "Risk reduction",
        Decimal(2),
        (
            "Adds risk",
            "No change",
            "Reduces a minor risk",
            "Reduces a moderate risk",
            "Reduces a major risk",
            "Removes a risk above the council's appetite",
        ),
    ),
    (
        "Deliverability",
        Decimal(1),
        (
            "Beyond the council's capacity",
            "Needs skills the council lacks",
            "Stretching",
            "Achievable with support",
            "Achievable in-house",
            "Routine",
        ),
    ),
]
# Per project: its options (name, capital by year from its start, revenue a year, saving a
# year) and each assessor's scores on the criteria, in order.
CANDIDATES = {
    "ICT-012": (
        [
            ("Lift and shift to Azure", {0: 300 * K, 1: 100 * K}, 60 * K, 90 * K),
            ("Re-platform onto managed services", {0: 200 * K, 1: 200 * K}, 40 * K, 120 * K),
        ],
        {"sam.okafor": (5, 4, 4, 2), "priya.shah": (4, 4, 3, 3)},
    ),
    "ICT-013": (
        [
            ("Refresh in one phase", {0: 250 * K}, 15 * K, 10 * K),
            ("Refresh over two years", {0: 130 * K, 1: 130 * K}, 15 * K, 10 * K),
        ],
        # The assessors differ by two points on deliverability: flagged for discussion.
        {"sam.okafor": (3, 1, 5, 4), "priya.shah": (4, 1, 4, 2)},
    ),
    "ICT-014": (
        [("Records management in SharePoint", {0: 200 * K, 1: 150 * K}, 25 * K, 40 * K)],
        {"sam.okafor": (4, 2, 3, 3), "priya.shah": (4, 3, 3, 3)},
    ),
}
ENVELOPE = {
    "capital": [400 * K, 350 * K, 300 * K, 200 * K, 150 * K],
    "revenue": [130 * K] * YEARS,
}
CUT = Decimal("0.8")


def load(organisation, people, today=None):
    if ScoringModel.objects.filter(organisation=organisation).exists():
        return
    today = today or timezone.localdate()
    by = people["admin"]
    model = actions.set_criteria(organisation, CRITERIA, by=by)
    criteria = list(model.criteria.all())
    for reference, (options, scores) in CANDIDATES.items():
        project = Project.objects.get(organisation=organisation, reference=reference)
        _business_case(project, options, today=today)
        for username, given in scores.items():
            for criterion, score in zip(criteria, given, strict=True):
                actions.record_score(
                    project, criterion, assessor=people[username], score=score, by=by
                )
    first_year = financial_year(today)
    for name, share in (("Seed 003 envelope", Decimal(1)), ("A 20% cut", CUT)):
        scenario = actions.save_scenario(
            Scenario(
                organisation=organisation,
                name=name,
                first_year=first_year,
                capital_budgets=[str(Decimal(a) * share) for a in ENVELOPE["capital"]],
                revenue_budgets=[str(Decimal(a) * share) for a in ENVELOPE["revenue"]],
                start_window=1,
            ),
            by=by,
        )
        actions.run_scenario(scenario, by=by, at=timezone.now(), today=today)
        if share == 1:
            _recommend(scenario, by=by, today=today)


def _recommend(scenario, *, by, today):
    """The seed's envelope recommended to the steering group's next meeting (issue 11, §8): an
    item at the end of its agenda with the council report written from the answer."""
    meeting = (
        Meeting.objects.upcoming(today)
        .filter(
            organisation=scenario.organisation,
            body__kind=Body.Kind.STEERING_GROUP,
            minutes_approved_at__isnull=True,
        )
        .order_by("on", "pk")
        .first()
    )
    if meeting is None:
        return
    actions.recommend(
        scenario,
        meeting=meeting,
        by=by,
        today=today,
        late_reason="The investment plan is needed for the budget round.",
    )
    # A published agenda's pack now lacks the item: built again, as the documents' demo builds
    # the packs that need it (so that loading the demo again builds nothing).
    for stale in documents_actions.meetings_needing_packs(today).filter(pk=meeting.pk):
        documents_actions.build_packs(stale)


def _business_case(project, options, *, today):
    """A draft business case, as its project manager writes it, with its options' profiles from
    the project's planned start."""
    start = financial_year(project.starts_on or today + timedelta(days=90))
    case = portfolio_actions.create_business_case(
        BusinessCase(
            title=f"{project.name}: outline business case",
            summary=project.description,
            base_year=start,
            horizon_years=YEARS,
            project_type="equipment_development",
        ),
        project=project,
        by=project.manager,
    )
    for position, (name, capital, revenue, saving) in enumerate(options, start=2):
        option = portfolio_actions.save_option(
            Option(business_case=case, name=name, position=position, preferred=position == 2),
            by=project.manager,
        )
        for offset in range(YEARS):
            save_with_history(
                ProfileYear(
                    option=option,
                    year=start + offset,
                    capital=Decimal(capital.get(offset, 0)),
                    revenue=Decimal(revenue),
                    cashable_saving=Decimal(saving),
                ),
                by=project.manager,
                reason="Profile entered",
            )
    return case
