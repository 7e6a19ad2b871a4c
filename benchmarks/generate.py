"""A large, deterministic organisation built with bulk inserts.

`make bench` builds one into its own SQLite file; the query-count tests build two of different
sizes in the test database. The same seed always gives the same rows, so timings are comparable
between runs; only the meeting dates move, since they end at the day the organisation is built
so that it always has held meetings and upcoming ones. Historical records are not written: no
benchmarked page depends on them.
"""

import itertools
import random
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from steerco.accounts.models import Organisation, OrganisationMembership, User
from steerco.documents.models import CouncilReport
from steerco.governance.models import (
    Approval,
    Body,
    Membership,
    Objective,
    PolicyDriver,
    ReportingLine,
    Section,
    TermsOfReference,
)
from steerco.governance.rules.terms import parse_version
from steerco.meetings.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Forwarding,
    Meeting,
    MeetingTemplate,
    Paper,
    PaperVersion,
    Purpose,
    StandingItem,
    Withdrawal,
)
from steerco.meetings.rules import notice
from steerco.planning.models import Scenario
from steerco.portfolio.models import (
    Benefit,
    BenefitRealisation,
    BiasMitigation,
    BusinessCase,
    ConfidenceAssessment,
    Dependency,
    Option,
    Product,
    ProductUse,
    ProfileYear,
    Programme,
    Project,
    Submission,
    SubmissionFile,
)
from steerco.portfolio.realisation import store_realised
from steerco.risks.models import Assessment, Risk, RiskCategory
from steerco.strategy.models import (
    KPI,
    CobitEdm,
    CorporateObjective,
    Direction,
    Frequency,
    Iso38500,
    Measurement,
    Milestone,
    ObjectiveAction,
    Principle,
    Strategy,
    Theme,
    Unit,
)
from steerco.strategy.rules import performance

# Bump when the generator changes so that `make bench` rebuilds stale data.
GENERATOR_VERSION = 11
PASSWORD = "bench-password-not-for-production"

FIXED_BODIES = [
    ("Digital Services Steering Group", "DSSG", Body.Kind.STEERING_GROUP),
    ("Executive Management Team", "EMT", Body.Kind.EXECUTIVE_TEAM),
    ("Cabinet", "CAB", Body.Kind.CABINET),
    ("Council", "COU", Body.Kind.COUNCIL),
    ("Efficiency Board", "EFB", Body.Kind.EFFICIENCY_BOARD),
    ("Overview and Scrutiny Committee", "OSC", Body.Kind.SCRUTINY),
    ("Service Improvement Board", "SIB", Body.Kind.SERVICE_IMPROVEMENT_BOARD),
    ("Audit and Governance Committee", "AGC", Body.Kind.COMMITTEE),
]
PROJECTS = [
    "Customer Portal", "Telephony Replacement", "Data Centre Exit", "Revenues and Benefits",
    "Social Care Case Management", "Planning Portal", "Cyber Resilience", "Network Refresh",
    "Housing Repairs", "Waste Routing", "Electronic Document Management", "Payroll",
    "Libraries Self-Service", "Parking Permits", "Schools Broadband", "Council Tax Online",
    "Microsoft 365 Adoption",
]  # fmt: skip
FIRST_NAMES = [
    "Aisha", "Ben", "Catrin", "Dev", "Elin", "Farah", "Gareth", "Hannah", "Imran", "Jo",
    "Kwame", "Lowri", "Mei", "Niall", "Olu", "Priya", "Rhys", "Sian", "Tom", "Zara",
]  # fmt: skip
LAST_NAMES = [
    "Ahmed", "Brown", "Chen", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones",
    "Khan", "Lewis", "Morgan", "Nowak", "Owen", "Patel", "Roberts", "Smith", "Taylor", "Walsh",
]  # fmt: skip
SERVICES = [
    "Digital Delivery", "Finance", "Adult Social Care", "Children's Services", "Housing",
    "Environment", "Legal and Democratic Services", "Human Resources", "Customer Services",
]  # fmt: skip
WORDS = [
    "ensure", "the", "council", "delivers", "secure", "reliable", "digital", "services", "that",
    "meet", "residents'", "needs", "oversee", "investment", "in", "technology", "and", "data",
    "agree", "priorities", "monitor", "benefits", "risks", "report", "progress", "to",
    "executive", "scrutiny", "with", "openness", "value", "for", "money",
]  # fmt: skip
SECTION_HEADINGS = [
    "Purpose", "Roles", "Membership", "Quorum", "Frequency of meetings", "Standards",
    "Reporting", "Support to the body", "Review",
]  # fmt: skip
# Roles beyond the chair, vice chair and secretary, weighted towards the ordinary members.
OTHER_ROLES = (
    [Membership.Role.SENIOR_RESPONSIBLE_OFFICER] * 3
    + [Membership.Role.SUPPORTING_OFFICER] * 6
    + [Membership.Role.OBSERVER]
)
# Early enough for members to sit at the first of ten years of meetings.
START = date(2015, 4, 1)
STANDING = [
    (StandingItem.Kind.APOLOGIES, "Apologies and substitutes"),
    (StandingItem.Kind.DECLARATIONS, "Declarations of interest"),
    (StandingItem.Kind.PREVIOUS_MINUTES, "Minutes and action log of the previous meeting"),
]
ITEM_TITLES = [
    "{}: highlight report", "{}: business case", "{}: change request", "{}: closure report",
    "{}: risk register review", "{}: benefits realisation", "{}: resource request",
]  # fmt: skip
# One tiny PDF shared by every generated paper version: pages never read the file itself.
PAPER_FILE = "bench/paper.pdf"
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass(frozen=True)
class Size:
    bodies: int
    people: int
    memberships: int  # in total, spread unevenly so that one body is clearly the busiest
    versions_per_body: int
    objectives_per_version: int = 10
    sections_per_version: int = 8
    approvals_per_version: tuple[int, int] = (1, 3)
    drivers_per_body: tuple[int, int] = (0, 3)
    # The busiest body meets every other month: this many years up to today, and two ahead.
    meeting_years: int = 0
    items_per_meeting: int = 20  # the three standing items among them
    actions_per_meeting: int = 0
    # One held meeting of another body with a long agenda (a budget or a local plan).
    long_agenda_items: int = 0
    # The ICT portfolio: projects (a business case for one in five, two options each over ten
    # years: 4 profile rows per project), and "depends on" links between them.
    projects: int = 0
    dependencies: int = 0
    # For each project: benefits, and for each benefit the realisations recorded (low, high).
    benefits_per_project: tuple[int, int] = (0, 0)
    realisations_per_benefit: tuple[int, int] = (0, 0)
    # The catalogue: products and platforms, each project using, introducing or retiring up
    # to two; and a benefit with a target date for every other project.
    products: int = 0
    # The risk register: risks, each with this many assessments (low, high), one in ten
    # restricted, most linked to a project.
    risks: int = 0
    assessments_per_risk: tuple[int, int] = (1, 1)
    # Strategies, one every five years, the latest current (approved by a decision of the
    # busiest body when there is one); each with its themes, objectives under each theme
    # (tagged with the frameworks) and principles.
    strategies: int = 0
    themes_per_strategy: int = 5
    objectives_per_theme: tuple[int, int] = (2, 6)
    principles_per_strategy: int = 8
    # The current strategy's action plan: up to this many milestones under each objective.
    milestones_per_objective: int = 4
    # Investment planning scenarios, each optimised (a short time limit): a scoring model of
    # three criteria, every candidate scored by two assessors, the current strategy's first
    # theme given to the projects at proposal or business-case stage.
    scenarios: int = 0
    # KPIs (the eight Socitm defaults every council has among them; the others monthly), each
    # measured for every period of this many years up to last month; most with a target, one
    # in four with a benchmark.
    kpis: int = 0
    kpi_years: int = 0
    # The strategy's registers (serving the current strategy's themes): legislation, skills
    # with every team's level in each (one level in ten with a development action on the
    # busiest body's log) and digital champions (one in four stepped down).
    legislation: int = 0
    skills: int = 0
    teams: int = 0
    champions: int = 0


BENCH_SIZE = Size(
    bodies=25,
    people=500,
    memberships=2000,
    versions_per_body=10,
    meeting_years=10,
    items_per_meeting=20,
    actions_per_meeting=40,
    long_agenda_items=2000,
    projects=5000,
    dependencies=10000,
    benefits_per_project=(0, 4),
    realisations_per_benefit=(0, 4),
    products=80,
    risks=20000,
    assessments_per_risk=(3, 7),
    strategies=6,
    objectives_per_theme=(4, 12),
    scenarios=2,
    kpis=200,
    kpi_years=10,
    legislation=200,
    skills=60,
    teams=20,
    champions=500,
)


@cache
def password_hash():
    # Argon2 is deliberately slow: hash once and share the result with every person.
    return make_password(PASSWORD)


def sentence(rng, words=12):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def body_names(count):
    names = list(FIXED_BODIES)
    for number in range(count - len(FIXED_BODIES)):
        project = PROJECTS[number % len(PROJECTS)]
        suffix = f" {number // len(PROJECTS) + 1}" if number >= len(PROJECTS) else ""
        names.append(
            (f"{project} Project Board{suffix}", f"PB{number + 1}", Body.Kind.PROJECT_BOARD)
        )
    return names[:count]


def build_organisation(slug, size, *, seed=2026):
    """Builds organisation `slug` at `size` and returns it.

    The first person is the organisation's administrator and the second an officer; both sit on
    every body, and between them each body has one secretary, so whoever a page is browsed as
    sees the rows that grow with the organisation.
    """
    rng = random.Random(f"{seed}-{slug}")
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=f"{slug.replace('-', ' ').title()} Council", slug=slug
        )
        people = make_people(rng, organisation, size)
        bodies = make_bodies(rng, organisation, size)
        make_memberships(rng, organisation, size, bodies, people)
        make_reporting_lines(rng, organisation, bodies)
        make_policy_drivers(rng, organisation, size, bodies)
        make_terms(rng, organisation, size, bodies, people)
        if size.meeting_years:
            make_meeting_cycle(rng, organisation, size, bodies, people, timezone.localdate())
        if size.projects:
            make_portfolio(rng, organisation, size, bodies, people)
            make_catalogue(rng, organisation, size)
        if size.benefits_per_project[1]:
            make_benefits(rng, organisation, size, people, timezone.localdate())
        if size.meeting_years:
            make_submissions(rng, organisation, size, bodies, people)
        if size.risks:
            make_risks(rng, organisation, size, people, timezone.localdate())
        if size.strategies:
            make_strategies(rng, organisation, size, timezone.localdate())
            make_action_plan(rng, organisation, size, timezone.localdate())
        if size.kpis:
            make_kpis(rng, organisation, size, people, timezone.localdate())
        if size.legislation or size.skills or size.champions:
            make_registers(rng, organisation, size, people, timezone.localdate())
        if size.strategies:
            make_report_history(rng, organisation, timezone.localdate())
    if size.scenarios:
        # Outside the transaction: optimising each scenario saves its answer in its own.
        make_planning(rng, organisation, size, people)
    return organisation


def make_report_history(rng, organisation, today):
    """The history the annual progress report reads (the other generators bulk-create, which
    writes none): every project and risk as recorded two years ago, and a quarter of them
    again in the middle of the last financial year, some projects with their end dates moved
    later; and commentary on the last year of the current strategy."""
    from steerco.progress_report.models import Commentary, Section
    from steerco.progress_report.rules.years import financial_year

    year = financial_year(today) - 1
    long_ago = timezone.make_aware(datetime.combine(today - timedelta(days=730), time(9)))
    midyear = timezone.make_aware(datetime.combine(date(year, 10, 1), time(9)))
    projects = list(Project.objects.filter(organisation=organisation).order_by("pk"))
    risks = list(Risk.objects.filter(organisation=organisation).order_by("pk"))
    for model, rows in ((Project, projects), (Risk, risks)):
        model.history.bulk_history_create(
            rows, default_date=long_ago, default_change_reason="Bench"
        )
        changed = rows[::4]
        if model is Project:
            for project in changed:
                if project.ends_on and rng.random() < 0.5:
                    project.ends_on += timedelta(days=rng.randint(30, 300))
            # The register as its last history row records it, as every save leaves it (the
            # report reads a project unchanged since a moment from the register itself).
            Project.objects.bulk_update(changed, ["ends_on"])
        model.history.bulk_history_create(
            changed, default_date=midyear, default_change_reason="Bench"
        )
    # However small the council, an action raised before the year ended is still open: the
    # report's table of them is read at every size.
    from steerco.dashboard.queries import steering_groups

    _groups, body = steering_groups(organisation, None)
    Action.objects.filter(
        pk__in=Action.objects.filter(body=body, meeting__on__lt=date(year + 1, 4, 1))
        .order_by("pk")
        .values("pk")[:1]
    ).update(status=Action.Status.OPEN, closed_on=None)
    strategy = Strategy.objects.filter(organisation=organisation, is_current=True).first()
    if strategy is not None:
        Commentary.objects.bulk_create(
            Commentary(strategy=strategy, year=year, section=value, text=sentence(rng, 40))
            for value in Section.values
        )


def make_planning(rng, organisation, size, people):
    from steerco.planning import actions as planning_actions
    from steerco.planning.models import Criterion, Score, ScoringModel

    stages = [Project.Stage.PROPOSAL, Project.Stage.BUSINESS_CASE]
    open_cases = BusinessCase.objects.filter(organisation=organisation, restricted=False)
    if not open_cases.filter(project__stage__in=stages).exists():
        # Every council's first scenario has a project to fund and so to recommend (its
        # recommend page is one of the benchmark's pages): a small council's random stages may
        # leave no costed project at proposal stage, so its first costed one is put there.
        first = open_cases.order_by("pk").values_list("project_id", flat=True).first()
        Project.objects.filter(pk=first).update(stage=Project.Stage.PROPOSAL)
    candidates = list(Project.objects.filter(organisation=organisation, stage__in=stages))
    theme = Theme.objects.filter(strategy__organisation=organisation, strategy__is_current=True)
    theme = theme.order_by("position").first()
    if theme is not None:
        Project.themes.through.objects.bulk_create(
            Project.themes.through(project_id=project.pk, theme_id=theme.pk)
            for project in candidates
        )
    model = ScoringModel.objects.create(organisation=organisation)
    criteria = Criterion.objects.bulk_create(
        Criterion(model=model, name=name, weight=weight, position=n)
        for n, (name, weight) in enumerate(
            [("Strategic fit", 3), ("Deliverability", 2), ("Customer impact", 1)], start=1
        )
    )
    Score.objects.bulk_create(
        Score(criterion=criterion, project=project, assessor=assessor, score=rng.randint(0, 5))
        for project in candidates
        for criterion in criteria
        for assessor in people[:2]
    )
    year = timezone.localdate().year
    for n in range(size.scenarios):
        scenario = planning_actions.save_scenario(
            Scenario(
                organisation=organisation,
                name=f"Scenario {n + 1}",
                first_year=year,
                capital_budgets=[str(400000 * (n + 1))] * 5,
                revenue_budgets=[str(150000 * (n + 1))] * 5,
                start_window=1,
            ),
            by=people[0],
        )
        planning_actions.run_scenario(
            scenario, by=people[0], at=timezone.now(), today=timezone.localdate(), time_limit=2
        )
        if n == 0:
            planning_actions.work_out_frontier(
                scenario, by=people[0], at=timezone.now(), today=timezone.localdate(),
                time_limit=0.5,
            )  # fmt: skip
            recommend_to_next_meeting(scenario, people[0])


def recommend_to_next_meeting(scenario, by):
    """The scenario, once optimised, recommended to the council's next meeting by its
    administrator, so the scenario page shows where it went (unless its portfolio funds
    nothing, as a small council's may: then there is nothing to recommend)."""
    from steerco.planning import actions as planning_actions
    from steerco.planning import recommendation

    today = timezone.localdate()
    meeting = (
        Meeting.objects.upcoming(today)
        .filter(organisation=scenario.organisation, minutes_approved_at__isnull=True)
        .order_by("on", "pk")
        .first()
    )
    scenario.refresh_from_db()
    if meeting is None or recommendation.refusal(scenario):
        return
    planning_actions.recommend(
        scenario, meeting=meeting, by=by, today=today, late_reason="The budget round"
    )


def make_kpis(rng, organisation, size, people, today):
    themes = list(Theme.objects.filter(organisation=organisation, strategy__is_current=True))
    defaults = list(KPI.objects.filter(organisation=organisation))
    KPI.objects.bulk_create(
        KPI(
            organisation=organisation,
            name=f"{sentence(rng, 4)[:-1]} {number}",
            definition=sentence(rng, 20),
            unit=rng.choice(Unit.values),
            direction=rng.choice(Direction.values),
            frequency=Frequency.MONTHLY,
        )
        for number in range(1, size.kpis - len(defaults) + 1)
    )
    kpis = list(KPI.objects.filter(organisation=organisation).order_by("pk"))
    for kpi in kpis:
        level = Decimal(rng.randint(50, 95))
        kpi.target = None if rng.random() < 0.1 else level
        kpi.tolerance = Decimal(rng.randint(0, 5))
        kpi.owner = rng.choice(people)
        kpi.theme = rng.choice(themes) if themes and rng.random() < 0.8 else None
        if rng.random() < 0.25:
            kpi.benchmark_lower_quartile = level - 5
            kpi.benchmark_median = level
            kpi.benchmark_upper_quartile = level + 4
            kpi.benchmark_source = "Socitm benchmarking"
            kpi.benchmark_year = today.year - 1
    KPI.objects.bulk_update(
        kpis,
        [
            "target",
            "tolerance",
            "owner",
            "theme",
            "benchmark_lower_quartile",
            "benchmark_median",
            "benchmark_upper_quartile",
            "benchmark_source",
            "benchmark_year",
        ],
        batch_size=500,
    )
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    months = [last_month]
    while len(months) < 12 * size.kpi_years:
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    measurements = []
    for kpi in kpis:
        centre = float(kpi.target if kpi.target is not None else 70)
        for month in reversed(months):
            if performance.period_problem(kpi.frequency, month):
                continue
            value = Decimal(str(round(min(100.0, max(0.0, rng.gauss(centre, 4))), 2)))
            measurements.append(
                Measurement(
                    kpi=kpi,
                    period_starts_on=month,
                    value=value,
                    note=sentence(rng, 8) if rng.random() < 0.1 else "",
                    status=kpi.status_of(value) or "",
                )
            )
    Measurement.objects.bulk_create(measurements, batch_size=2000)


def make_registers(rng, organisation, size, people, today):
    from steerco.meetings import actions as meeting_actions
    from steerco.strategy.registers import (
        DigitalChampion,
        Legislation,
        Skill,
        SkillAction,
        SkillLevel,
        Team,
    )

    themes = list(Theme.objects.filter(organisation=organisation, strategy__is_current=True))
    if not themes:
        return
    Legislation.objects.bulk_create(
        Legislation(
            organisation=organisation,
            title=f"{sentence(rng, 5)[:-1]} Regulations {number}",
            reference=f"SI {today.year - rng.randint(0, 15)}/{number}",
            in_force_on=today - timedelta(days=rng.randint(-200, 5000)),
            requires=sentence(rng, 25),
            impact=rng.choice(Legislation.Impact.values),
            impact_assessment=sentence(rng, 20),
            response=sentence(rng, 20) if rng.random() < 0.7 else "",
            owner=rng.choice(people),
            review_on=today + timedelta(days=rng.randint(-60, 700)),
            status=rng.choice(Legislation.Status.values),
            theme=rng.choice(themes),
        )
        for number in range(1, size.legislation + 1)
    )
    skills = Skill.objects.bulk_create(
        Skill(
            organisation=organisation,
            name=f"{sentence(rng, 3)[:-1]} {number}",
            description=sentence(rng, 15),
            framework_reference="SFIA: " + "".join(rng.sample("ABCDEFGHIJKLMNOPRSTU", 4)),
            owner=rng.choice(people),
            review_on=today + timedelta(days=rng.randint(-60, 700)),
            status=Skill.Status.RETIRED if rng.random() < 0.1 else Skill.Status.ACTIVE,
            theme=rng.choice(themes),
        )
        for number in range(1, size.skills + 1)
    )
    teams = Team.objects.bulk_create(
        Team(organisation=organisation, name=f"{rng.choice(SERVICES)} team {number}")
        for number in range(1, size.teams + 1)
    )
    levels = SkillLevel.objects.bulk_create(
        SkillLevel(
            skill=skill,
            team=team,
            current=(current := rng.randint(0, 5)),
            target=min(5, current + rng.randint(-1, 3)) if current else rng.randint(0, 5),
            assessed_on=today - timedelta(days=rng.randint(0, 700)),
        )
        for skill in skills
        for team in teams
    )
    body = busiest_body(organisation)
    for level in levels[::10] if body is not None else ():
        # Owned by the officer the bench browses as, at every size: a page that lists a
        # person's actions asks where those raised at no meeting arose only when there are some.
        action = meeting_actions.raise_action(
            body,
            description=sentence(rng, 10),
            owner=people[1],
            due_on=today + timedelta(days=rng.randint(30, 300)),
            by=None,
            on=today,
        )
        SkillAction.objects.create(level=level, action=action)
    since = [today - timedelta(days=rng.randint(30, 3000)) for _ in range(size.champions)]
    DigitalChampion.objects.bulk_create(
        DigitalChampion(
            organisation=organisation,
            person=rng.choice(people),
            service=rng.choice(SERVICES),
            since=start,
            until=(
                until := start + timedelta(days=rng.randint(0, (today - start).days))
                if rng.random() < 0.25
                else None
            ),
            status=DigitalChampion.Status.STEPPED_DOWN if until else DigitalChampion.Status.ACTIVE,
            theme=rng.choice(themes),
        )
        for start in since
    )


def busiest_skill(organisation):
    """The skill with the most teams assessed and development actions: the heaviest skill page."""
    from steerco.strategy.registers import Skill

    return (
        Skill.objects.filter(organisation=organisation)
        .annotate(assessed=Count("levels", distinct=True), developed=Count("levels__actions"))
        .order_by("-assessed", "-developed", "pk")
        .first()
    )


def busiest_kpi(organisation):
    """The KPI with the most measurements and a benchmark: the heaviest KPI page."""
    return (
        KPI.objects.filter(organisation=organisation)
        .annotate(measured=Count("measurements"))
        .order_by("-measured", F("benchmark_median").desc(nulls_last=True), "pk")
        .first()
    )


def make_strategies(rng, organisation, size, today):
    approving = (
        Decision.objects.filter(organisation=organisation, outcome=Decision.Outcome.APPROVED)
        .order_by("-year", "-number")
        .first()
    )
    first_year = today.year - 5 * size.strategies + 1
    strategies = Strategy.objects.bulk_create(
        Strategy(
            organisation=organisation,
            title=f"ICT strategy {first_year + 5 * n} to {first_year + 5 * n + 4}",
            starts_in=first_year + 5 * n,
            ends_in=first_year + 5 * n + 4,
            vision=sentence(rng, 30),
            status="approved" if approving else "draft",
            decision=approving,
            is_current=approving is not None and n == size.strategies - 1,
        )
        for n in range(size.strategies)
    )
    themes = Theme.objects.bulk_create(
        Theme(
            organisation=organisation,
            strategy=strategy,
            name=f"{sentence(rng, 3)[:-1]} {number}",
            description=sentence(rng, 15),
            position=number,
        )
        for strategy in strategies
        for number in range(1, size.themes_per_strategy + 1)
    )
    CorporateObjective.objects.bulk_create(
        CorporateObjective(
            organisation=organisation,
            strategy_id=theme.strategy_id,
            theme=theme,
            title=sentence(rng, 10),
            position=number,
            iso38500=rng.sample(Iso38500.values, rng.randint(0, 2)),
            cobit=rng.sample(CobitEdm.values, rng.randint(0, 2)),
        )
        for theme in themes
        for number in range(1, rng.randint(*size.objectives_per_theme) + 1)
    )
    Principle.objects.bulk_create(
        Principle(strategy=strategy, title=sentence(rng, 6), position=number)
        for strategy in strategies
        for number in range(1, size.principles_per_strategy + 1)
    )


def make_action_plan(rng, organisation, size, today):
    """The current strategy's action plan: milestones under each objective (some achieved),
    one in ten of the busiest body's actions raised on an objective, and one in five projects
    delivering an objective."""
    objectives = list(
        CorporateObjective.objects.filter(organisation=organisation, strategy__is_current=True)
    )
    if not objectives:
        return
    milestones = []
    for objective in objectives:
        for _ in range(rng.randint(0, size.milestones_per_objective)):
            due_on = today + timedelta(days=rng.randint(-900, 900))
            achieved = due_on <= today and rng.random() < 0.7
            milestones.append(
                Milestone(
                    objective=objective,
                    title=sentence(rng, 6),
                    due_on=due_on,
                    achieved_on=due_on if achieved else None,
                )
            )
    Milestone.objects.bulk_create(milestones)
    actions = Action.objects.filter(organisation=organisation).values_list("pk", flat=True)
    ObjectiveAction.objects.bulk_create(
        ObjectiveAction(objective=rng.choice(objectives), action_id=pk)
        for pk in actions
        if rng.random() < 0.1
    )
    through = Project.objectives.through
    through.objects.bulk_create(
        through(project_id=pk, corporateobjective_id=rng.choice(objectives).pk)
        for pk in Project.objects.filter(organisation=organisation).values_list("pk", flat=True)
        if rng.random() < 0.2
    )
    # The chair's dashboard follows the steering group's next meeting, whichever body is the
    # busiest.
    steering = Body.objects.get(organisation=organisation, kind=Body.Kind.STEERING_GROUP)
    if not Meeting.objects.upcoming(today).filter(body=steering).exists():
        Meeting.objects.create(
            organisation=organisation,
            body=steering,
            on=today + timedelta(days=30),
            location="Committee Room 2",
        )


def make_people(rng, organisation, size):
    people = User.objects.bulk_create(
        User(
            username=f"{organisation.slug}-{number:04d}",
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            email=f"person{number:04d}@{organisation.slug}.gov.uk",
            password=password_hash(),
            job_title=rng.choice(["Head of Service", "Project Manager", "Director", "Officer"]),
            service_area=rng.choice(SERVICES),
        )
        for number in range(size.people)
    )
    Role = OrganisationMembership.Role
    OrganisationMembership.objects.bulk_create(
        OrganisationMembership(
            user=person,
            organisation=organisation,
            role=Role.ADMINISTRATOR if i == 0 else Role.OFFICER,
        )
        for i, person in enumerate(people)
    )
    return people


def make_bodies(rng, organisation, size):
    return Body.objects.bulk_create(
        Body(
            organisation=organisation,
            name=name,
            short_name=short_name,
            kind=kind,
            description=sentence(rng, 30),
            frequency=rng.choice(Body.Frequency.values),
            notice_working_days=rng.choice([3, 4, 5, 10]),
            quorum_minimum=rng.choice([0, 3, 5]),
            quorum_requires_chair=rng.random() < 0.5,
            decision_method=rng.choice(Body.DecisionMethod.values),
            support="Democratic Services",
        )
        for name, short_name, kind in body_names(size.bodies)
    )


def make_memberships(rng, organisation, size, bodies, people):
    administrator, officer, others = people[0], people[1], people[2:]
    weights = [rng.uniform(0.3, 2.0) for _ in bodies]
    spare = max(size.memberships - 2 * len(bodies), 0)
    # Rounding cumulative shares makes the counts add up to exactly `spare`.
    marks = [0] + [round(spare * c / sum(weights)) for c in itertools.accumulate(weights)]
    counts = [min(b - a, len(others)) for a, b in itertools.pairwise(marks)]
    rows = []

    def join(body, person, role, starts_on, ends_on=None):
        rows.append(
            Membership(
                organisation=organisation,
                body=body,
                person=person,
                role=role,
                area=rng.choice(SERVICES) if role == Membership.Role.SUPPORTING_OFFICER else "",
                position=f"Head of {rng.choice(SERVICES)}",
                starts_on=starts_on,
                ends_on=ends_on,
                counts_toward_quorum=role not in Membership.NOT_COUNTED,
            )
        )

    Role = Membership.Role
    for index, (body, count) in enumerate(zip(bodies, counts, strict=True)):
        secretary_first = index % 2 == 0
        join(
            body,
            administrator,
            Role.SECRETARY if secretary_first else Role.SUPPORTING_OFFICER,
            START,
        )
        join(body, officer, Role.OBSERVER if secretary_first else Role.SECRETARY, START)
        for position, person in enumerate(rng.sample(others, count)):
            role = (
                [Role.CHAIR, Role.VICE_CHAIR][position] if position < 2 else rng.choice(OTHER_ROLES)
            )
            starts_on = START + timedelta(days=rng.randrange(2000))
            # About one in five has left, so pages show past as well as current members.
            left = position >= 2 and rng.random() < 0.2
            join(body, person, role, starts_on, starts_on + timedelta(days=180) if left else None)
    Membership.objects.bulk_create(rows)


def make_reporting_lines(rng, organisation, bodies):
    R, C = ReportingLine.Relationship, ReportingLine.Carries
    pairs = {}
    # A hierarchy: every body reports to one earlier in the list, as the seed documents draw it.
    for index, body in enumerate(bodies[1:], start=1):
        pairs[(body, bodies[rng.randrange(index)], R.REPORTS_TO)] = None
    for _ in range(len(bodies) // 2):
        first, second = rng.sample(bodies, 2)
        pairs.setdefault((first, second, rng.choice([R.REFERS_TO, R.WORKS_ALONGSIDE])), None)
    ReportingLine.objects.bulk_create(
        ReportingLine(
            organisation=organisation,
            from_body=from_body,
            to_body=to_body,
            relationship=relationship,
            carries=rng.sample(C.values, rng.randint(1, 3)),
            condition=rng.choice(["", "", "at the request of Cabinet", "each quarter"]),
        )
        for from_body, to_body, relationship in pairs
    )


def make_policy_drivers(rng, organisation, size, bodies):
    PolicyDriver.objects.bulk_create(
        PolicyDriver(
            organisation=organisation, body=body, name=f"Driver {number}: {sentence(rng, 5)}"
        )
        for body in bodies
        for number in range(rng.randint(*size.drivers_per_body))
    )


def make_terms(rng, organisation, size, bodies, people):
    versions = []
    for body in bodies:
        for number in range(size.versions_per_body):
            version = f"{1 + number // 5}.{number % 5}"
            versions.append(
                TermsOfReference(
                    organisation=organisation,
                    body=body,
                    version=version,
                    # save() would fill this; bulk_create does not call save().
                    version_key=list(parse_version(version)),
                    issued_on=START + timedelta(days=120 * number),
                    author=rng.choice(people).display_name,
                    summary_of_change=sentence(rng, 8),
                    title=f"{body.name} terms of reference",
                    purpose=sentence(rng, 40),
                    created_by=rng.choice(people),
                )
            )
    versions = TermsOfReference.objects.bulk_create(versions)
    Objective.objects.bulk_create(
        Objective(terms=terms, number=number, text=sentence(rng, 20))
        for terms in versions
        for number in range(1, size.objectives_per_version + 1)
    )
    Section.objects.bulk_create(
        Section(
            terms=terms,
            order=order,
            heading=SECTION_HEADINGS[order % len(SECTION_HEADINGS)],
            text=sentence(rng, 60),
        )
        for terms in versions
        for order in range(size.sections_per_version + rng.choice([-1, 0, 1]))
    )
    Approval.objects.bulk_create(
        Approval(
            terms=terms,
            approver=rng.choice(people).display_name,
            approved_on=terms.issued_on + timedelta(days=day),
        )
        for terms in versions
        for day in range(rng.randint(*size.approvals_per_version))
    )


def busiest_body(organisation):
    """The body with the most memberships: the one `make bench` browses."""
    return (
        Body.objects.filter(organisation=organisation)
        .annotate(members=Count("memberships"))
        .order_by("-members", "pk")
        .first()
    )


def make_meeting_cycle(rng, organisation, size, bodies, people, today):
    """Ten years (or `size.meeting_years`) of the busiest body's meetings, with their agendas,
    papers, attendance, declarations, decisions, minutes, actions and forwarded action logs.

    Every held meeting has at least one paper, decision, prejudicial declaration and action of
    the people pages are browsed as, so that a small and a large organisation take the same
    paths through a page and differ only in how many rows each query returns.
    """
    body = busiest_body(organisation)
    # The officer pages are browsed as is this body's secretary, so that both browsing people
    # see its secretary's pages (the administrator manages every body).
    Role = Membership.Role
    Membership.objects.filter(body=body, person=people[0]).update(
        role=Role.SUPPORTING_OFFICER, counts_toward_quorum=True
    )
    Membership.objects.filter(body=body, person=people[1]).update(
        role=Role.SECRETARY, counts_toward_quorum=False
    )
    memberships = list(Membership.objects.filter(body=body).order_by("starts_on", "pk"))
    secretary = people[1].pk
    chairs = [m for m in memberships if m.role == Role.CHAIR]
    others = [b for b in bodies if b.pk != body.pk]
    template = MeetingTemplate.objects.create(organisation=organisation, body=body)
    StandingItem.objects.bulk_create(
        StandingItem(template=template, position=position, kind=kind, title=title)
        for position, (kind, title) in enumerate(STANDING, start=1)
    )
    if not default_storage.exists(PAPER_FILE):
        default_storage.save(PAPER_FILE, ContentFile(TINY_PDF))

    meetings = make_meetings(rng, organisation, size, body, secretary, today)
    sitting = [m for m in meetings if not m.is_cancelled]
    items = make_items(rng, size, sitting, today)
    make_papers(rng, organisation, items, secretary)
    present = make_attendance(rng, sitting, memberships, today)
    browsing = [people[0].pk, people[1].pk]
    make_declarations(rng, items, present, browsing)
    make_decisions(rng, organisation, body, items, present, chairs, others, secretary)
    make_actions(rng, organisation, size, body, items, present, browsing, secretary, today)
    make_forwardings(sitting, others[:2], secretary)
    make_council_reports(rng, items, today)
    if size.long_agenda_items:
        make_long_agenda(rng, organisation, size, others[0], others[1:], people, today)


def make_council_reports(rng, items, today):
    """A council report for the first item of every meeting and every item put for decision
    (so that every meeting page takes the same paths); every other one is a key decision, so
    the forward plan holds those of the meetings ahead. One key decision in four went on the
    plan late and says why it is urgent."""
    rows = []
    firsts = {}
    for item in items:
        firsts.setdefault(item.meeting_id, item)
    reported = [i for i in items if i.purpose == Purpose.DECISION or firsts[i.meeting_id] is i]
    for index, item in enumerate(reported):
        meeting_on = item.meeting.on
        key = index % 2 == 0
        late = key and index % 8 == 0
        rows.append(
            CouncilReport(
                item=item,
                title=item.title,
                report_of="Head of ICT",
                report_date=meeting_on - timedelta(days=10),
                purpose=sentence(rng, 20),
                key_decision=key,
                lead_member="Executive Member for Corporate Services",
                policy_framework="ICT Strategy",
                summary=sentence(rng, 40),
                recommendations="\n".join(sentence(rng, 12) for _ in range(3)),
                financial=sentence(rng, 15),
                legal=sentence(rng, 15),
                equality=sentence(rng, 15),
                risk=sentence(rng, 15),
                contact_officer=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                on_forward_plan_since=meeting_on - timedelta(days=14 if late else 42)
                if key
                else None,
                urgency_reason="The contract ends before the next meeting." if late else "",
            )
        )
    CouncilReport.objects.bulk_create(rows)


def make_long_agenda(rng, organisation, size, body, others, people, today):
    """A meeting held last week with `size.long_agenda_items` items and their record."""
    Membership.objects.filter(body=body, person=people[1]).update(
        role=Membership.Role.SECRETARY, counts_toward_quorum=False
    )
    memberships = list(Membership.objects.filter(body=body).order_by("starts_on", "pk"))
    on = today - timedelta(days=7)
    meeting = Meeting.objects.create(
        organisation=organisation,
        body=body,
        on=on,
        location="Council Chamber",
        agenda_published_at=at(on - timedelta(days=9), 15),
        agenda_published_by_id=people[1].pk,
    )
    items = make_items(
        rng, replace(size, items_per_meeting=size.long_agenda_items), [meeting], today
    )
    make_papers(rng, organisation, items, people[1].pk)
    present = make_attendance(rng, [meeting], memberships, today)
    make_declarations(rng, items, present, [people[0].pk, people[1].pk])
    chairs = [m for m in memberships if m.role == Membership.Role.CHAIR]
    make_decisions(rng, organisation, body, items, present, chairs, others, people[1].pk)
    make_actions(
        rng,
        organisation,
        size,
        body,
        items,
        present,
        [people[0].pk, people[1].pk],
        people[1].pk,
        today,
    )


def at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def make_meetings(rng, organisation, size, body, secretary, today):
    dates = notice.schedule(
        start=date(today.year - size.meeting_years, today.month, 1),
        until=today + timedelta(days=130),
        every_months=2,
        weekday=1,
        week_of_month=2,
        nation=organisation.nation,
    )
    rows = []
    for index, on in enumerate(dates):
        held = on <= today
        # At fixed places, so that every size has some: one meeting in 25 is cancelled and
        # one agenda in 10 published late.
        cancelled = held and index % 25 == 1
        published = not cancelled and (held or on - today < timedelta(days=14))
        late = published and index % 10 == 3
        rows.append(
            Meeting(
                organisation=organisation,
                body=body,
                on=on,
                location="Committee Room 1",
                status=Meeting.Status.CANCELLED if cancelled else Meeting.Status.SCHEDULED,
                cancelled_reason="Not enough business to hold the meeting." if cancelled else "",
                agenda_published_at=at(on - timedelta(days=5 if late else 9), 15)
                if published
                else None,
                agenda_published_by_id=secretary if published else None,
                agenda_late_reason="A project board report was delayed." if late else "",
            )
        )
    meetings = Meeting.objects.bulk_create(rows)
    # Each held meeting's minutes and action log are agreed at the next one that sat.
    sitting = [m for m in meetings if not m.is_cancelled]
    for earlier, later in itertools.pairwise(sitting):
        if later.on <= today:
            earlier.minutes_approved_at = earlier.action_log_agreed_at = later
    Meeting.objects.bulk_update(sitting, ["minutes_approved_at", "action_log_agreed_at"])
    return meetings


def make_items(rng, size, meetings, today):
    rows = []
    for meeting in meetings:
        held = meeting.on <= today
        for position, (kind, title) in enumerate(STANDING, start=1):
            rows.append(
                AgendaItem(
                    meeting=meeting,
                    position=position,
                    title=title,
                    purpose=Purpose.INFORMATION,
                    source=AgendaItem.Source.STANDING,
                    standing_kind=kind,
                    minutes=f"<p>{sentence(rng, 15)}</p>" if held else "",
                )
            )
        for position in range(len(STANDING) + 1, size.items_per_meeting + 1):
            title = rng.choice(ITEM_TITLES).format(rng.choice(PROJECTS))
            rows.append(
                AgendaItem(
                    meeting=meeting,
                    position=position,
                    title=title,
                    presenter=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    purpose=rng.choice(Purpose.values),
                    source=rng.choice(
                        [AgendaItem.Source.SUBMISSION, AgendaItem.Source.PROJECT_BOARD]
                    ),
                    minutes=f"<p>{sentence(rng, 40)}</p>" if held else "",
                )
            )
    items = AgendaItem.objects.bulk_create(rows)
    return [item for item in items if item.source != AgendaItem.Source.STANDING]


def make_papers(rng, organisation, items, secretary):
    papers = Paper.objects.bulk_create(
        Paper(
            organisation=organisation,
            item=item,
            title=f"{item.title} – paper",
            # One late paper at every published meeting.
            late_reason="Urgent: the figures were confirmed after the agenda was published."
            if item.meeting.is_published and item.position == len(STANDING) + 2
            else "",
            **(
                {"restricted": True, "exemption": rng.choice(Paper.Exemption.values)}
                if rng.random() < 0.05
                else {}
            ),
        )
        # Two items in three have a paper, the first of every meeting among them.
        for item in items
        if item.position % 3 != 0
    )
    PaperVersion.objects.bulk_create(
        PaperVersion(
            paper=paper,
            number=number,
            file=PAPER_FILE,
            file_name=f"paper-{paper.pk}-v{number}.pdf",
            file_type="pdf",
            size=len(TINY_PDF),
            uploaded_by_id=secretary,
        )
        for paper in papers
        for number in range(1, 3 if rng.random() < 0.2 else 2)
    )


def make_attendance(rng, meetings, memberships, today):
    """Who attended each held meeting, by meeting: the people present."""
    rows = []
    present = {}
    statuses = [Attendance.Status.PRESENT] * 16 + [
        Attendance.Status.APOLOGIES,
        Attendance.Status.APOLOGIES,
        Attendance.Status.SUBSTITUTE,
        Attendance.Status.ABSENT,
    ]
    upcoming = [meeting for meeting in meetings if meeting.on > today]
    expected = [m for m in memberships if upcoming and _current(m, upcoming[0].on)]
    for membership in expected[-2:]:
        # Apologies already received for the next meeting.
        rows.append(
            Attendance(
                meeting=upcoming[0],
                membership=membership,
                person_id=membership.person_id,
                status=Attendance.Status.APOLOGIES,
            )
        )
    for meeting in meetings:
        present[meeting.pk] = []
        if meeting.on > today:
            continue
        for membership in memberships:
            if not _current(membership, meeting.on):
                continue
            status = rng.choice(statuses)
            rows.append(
                Attendance(
                    meeting=meeting,
                    membership=membership,
                    person_id=membership.person_id,
                    status=status,
                    substitute_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                    if status == Attendance.Status.SUBSTITUTE
                    else "",
                )
            )
            if status == Attendance.Status.PRESENT:
                present[meeting.pk].append(membership.person_id)
    Attendance.objects.bulk_create(rows)
    return present


def _current(membership, on):
    return membership.starts_on <= on and (membership.ends_on is None or on <= membership.ends_on)


def make_declarations(rng, items, present, browsing):
    """A declaration for every three items of a held meeting, the first one prejudicial.

    The people pages are browsed as declare the prejudicial interests at the first two held
    meetings, so that the papers withheld from them are worked out at every size.
    """
    by_meeting = {}
    for item in items:
        by_meeting.setdefault(item.meeting_id, []).append(item)
    declarations = []
    held = [meeting_id for meeting_id in by_meeting if present[meeting_id]]
    for meeting_id in held:
        agenda, people = by_meeting[meeting_id], present[meeting_id]
        count = min(-(-len(agenda) // 3), len(people))
        kinds = itertools.cycle([Declaration.Kind.PREJUDICIAL, Declaration.Kind.PERSONAL])
        declarants = rng.sample(people, count)
        if meeting_id in held[:2]:
            declarants[0] = browsing[held.index(meeting_id)]
        for kind, item, person in zip(kinds, rng.sample(agenda, count), declarants, strict=False):
            declarations.append(
                Declaration(
                    item=item,
                    person_id=person,
                    kind=kind,
                    nature=sentence(rng, 10),
                    in_advance=rng.random() < 0.5,
                )
            )
    declarations = Declaration.objects.bulk_create(declarations)
    Withdrawal.objects.bulk_create(
        Withdrawal(
            item=declaration.item,
            person_id=declaration.person_id,
            declaration=declaration,
            withdrew_at=time(10, 30),
            returned_at=time(10, 50),
            reason="Prejudicial interest",
        )
        for declaration in declarations
        if declaration.is_prejudicial
    )


def make_decisions(rng, organisation, body, items, present, chairs, others, secretary):
    numbers = Counter()
    rows = []
    by_vote = body.decision_method == Body.DecisionMethod.VOTE
    for item in items:
        people = present[item.meeting_id]
        # Every other item is decided, the first of every meeting among them.
        if not people or item.position % 2:
            continue
        year = item.meeting.on.year
        numbers[year] += 1
        # Each held meeting defers its first item, so there are always items to carry.
        first = item.position == len(STANDING) + 1
        outcome = Decision.Outcome.DEFERRED if first else rng.choice(Decision.Outcome.values)
        votes_for = rng.randint(len(people) // 2, len(people)) if by_vote else None
        rows.append(
            Decision(
                organisation=organisation,
                body=body,
                item=item,
                year=year,
                number=numbers[year],
                statement=sentence(rng, 25),
                outcome=outcome,
                conditions=sentence(rng, 12)
                if outcome == Decision.Outcome.APPROVED_WITH_CONDITIONS
                else "",
                review_on=item.meeting.on + timedelta(days=180) if rng.random() < 0.2 else None,
                referred_to=rng.choice(others) if outcome == Decision.Outcome.REFERRED else None,
                confirmed_by_id=chairs[0].person_id if chairs else secretary,
                votes_for=votes_for,
                votes_against=len(people) - votes_for if by_vote else None,
                abstentions=0 if by_vote else None,
            )
        )
    Decision.objects.bulk_create(rows)


def make_actions(rng, organisation, size, body, items, present, browsing, secretary, today):
    by_meeting = {}
    for item in items:
        by_meeting.setdefault(item.meeting, []).append(item)
    rows = []
    for meeting, agenda in by_meeting.items():
        owners = present[meeting.pk]
        if not owners:
            continue
        for number in range(size.actions_per_meeting):
            due_on = meeting.on + timedelta(days=rng.randint(14, 150))
            if due_on < today - timedelta(days=365):
                # A secretary tidies the log: a year after it fell due, an action is closed.
                status = rng.choice(["done"] * 10 + ["cancelled"])
            elif due_on < today:
                # Most past actions are closed; the rest are overdue.
                status = rng.choice(["done"] * 10 + ["cancelled", "open", "in_progress"])
            else:
                status = rng.choice(["open", "open", "in_progress", "done"])
            closed = status in ("done", "cancelled")
            rows.append(
                Action(
                    organisation=organisation,
                    body=body,
                    meeting=meeting,
                    item=rng.choice(agenda),
                    number=len(rows) + 1,
                    description=sentence(rng, 14),
                    # The people pages are browsed as own some of every meeting's actions.
                    owner_id=browsing[number] if number < len(browsing) else rng.choice(owners),
                    due_on=due_on,
                    status=status,
                    closed_on=min(due_on, today) if closed else None,
                )
            )
    actions = Action.objects.bulk_create(rows)
    ActionUpdate.objects.bulk_create(
        ActionUpdate(
            action=action,
            on=action.closed_on or min(action.due_on, today),
            text=sentence(rng, 10),
            status=action.status,
            by_id=secretary,
        )
        for action in actions
        if action.status != "open" and rng.random() < 0.7
    )


def make_forwardings(meetings, recipients, secretary):
    Forwarding.objects.bulk_create(
        Forwarding(
            meeting=meeting,
            what=Forwarding.What.ACTION_LOG,
            to_body=to_body,
            forwarded_on=meeting.action_log_agreed_at.on + timedelta(days=2),
            by_id=secretary,
        )
        for meeting in meetings
        if meeting.action_log_agreed_at is not None
        for to_body in recipients
    )


RISK_WORDS = [
    "Supplier failure:",
    "Disaster recovery:",
    "Cyber attack:",
    "Skills shortage:",
    "Funding gap:",
    "Legacy system:",
    "Cloud migration:",
    "Staff adoption:",
]
PROJECT_WORDS = [
    "Client",
    "Workflow",
    "Mobility",
    "Home Working",
    "Telephony",
    "Network",
    "Data Centre",
    "Website",
    "Payments",
    "Case Management",
    "Identity",
    "Records",
    "Cloud",
    "Wi-Fi",
    "Print",
]


def make_portfolio(rng, organisation, size, bodies, people):
    """Projects across the stages with a latest confidence, one in five with a business case,
    and dependencies only on earlier projects, so that the links never make a cycle."""
    themes = Theme.objects.bulk_create(
        Theme(organisation=organisation, name=name, position=number)
        for number, name in enumerate(
            ["Digital First", "Data", "Infrastructure", "Skills", "Customer"], start=1
        )
    )
    programmes = Programme.objects.bulk_create(
        Programme(organisation=organisation, reference=f"PRG-{n:02d}", name=f"Programme {n}")
        for n in range(1, 6)
    )
    stages = [value for value, _ in Project.Stage.choices]
    projects = Project.objects.bulk_create(
        Project(
            organisation=organisation,
            reference=f"ICT-{number:05d}",
            name=f"{rng.choice(PROJECT_WORDS)} {sentence(rng, 3)}",
            description=sentence(rng, 20),
            stage=rng.choice(stages),
            service_area=rng.choice(SERVICES),
            sro=rng.choice(people[:50]),
            manager=rng.choice(people[:50]),
            programme=rng.choice(programmes) if rng.random() < 0.5 else None,
            board=rng.choice(bodies),
            starts_on=date(2020, 4, 1) + timedelta(days=rng.randint(0, 2500)),
        )
        for number in range(1, size.projects + 1)
    )
    for project in projects:
        project.ends_on = project.starts_on + timedelta(days=rng.randint(90, 1500))
    Project.objects.bulk_update(projects, ["ends_on"])
    Project.themes.through.objects.bulk_create(
        Project.themes.through(project_id=project.pk, theme_id=rng.choice(themes).pk)
        for project in projects
    )
    ConfidenceAssessment.objects.bulk_create(
        ConfidenceAssessment(
            project=project,
            assessed_on=project.starts_on + timedelta(days=30 * quarter),
            scale="five",
            rating=rng.choice(["green", "amber_green", "amber", "amber_red", "red"]),
            commentary=sentence(rng, 12),
        )
        for project in projects
        for quarter in range(rng.randint(0, 3))
    )
    cases = BusinessCase.objects.bulk_create(
        BusinessCase(
            organisation=organisation,
            project=project,
            number=1,
            title=f"Business case for {project.name}",
            status=rng.choice(["draft", "submitted", "approved"]),
            risk_assessment=sentence(rng, 20),
            base_year=project.starts_on.year,
            restricted=index % 10 == 0,
            exemption="commercial" if index % 10 == 0 else "",
        )
        for index, project in enumerate(projects[::5])
    )
    options = Option.objects.bulk_create(
        Option(
            business_case=case,
            position=position,
            name="Do nothing" if position == 1 else "Preferred option",
            is_do_nothing=position == 1,
            preferred=position == 2,
        )
        for case in cases
        for position in (1, 2)
    )
    ProfileYear.objects.bulk_create(
        ProfileYear(
            option=option,
            year=option.business_case.base_year + offset,
            capital=rng.randint(0, 50) * 1000 if offset < 2 else 0,
            revenue=rng.randint(0, 20) * 1000,
            cashable_saving=rng.randint(0, 30) * 1000,
            non_cashable_benefit=rng.randint(0, 10) * 1000,
            displaced=rng.randint(0, 10) * 1000,
        )
        for option in options
        for offset in range(10)
    )
    # The mitigation of optimism bias that the business case page appraises with.
    BiasMitigation.objects.bulk_create(
        BiasMitigation(
            business_case=case,
            position=position,
            factor=factor,
            share=share,
            mitigation=rng.randint(0, 100),
        )
        for case in cases
        for position, (factor, share) in enumerate(
            [("Inadequacy of the business case", 40), ("Degree of innovation", 20)], start=1
        )
    )
    links = set()
    while len(links) < min(size.dependencies, len(projects) * (len(projects) - 1) // 2):
        later = rng.randrange(1, len(projects))
        links.add((later, rng.randrange(0, later)))
    kinds = [value for value, _ in Dependency.Kind.choices]
    Dependency.objects.bulk_create(
        Dependency(
            organisation=organisation,
            project=projects[later],
            depends_on=projects[earlier],
            kind=rng.choice(kinds),
        )
        for later, earlier in sorted(links)
    )


PRODUCT_NAMES = [
    "Microsoft 365", "Intune", "Civica APP", "Northgate", "Granicus", "Mosaic", "Liquidlogic",
    "Salesforce", "Uniform", "Idox", "Capita One", "Agresso", "Firmstep", "Azure", "Netcall",
]  # fmt: skip


def make_catalogue(rng, organisation, size):
    """The products the council uses and which projects use them (benefits: make_benefits)."""
    projects = list(Project.objects.filter(organisation=organisation).order_by("pk"))
    products = Product.objects.bulk_create(
        Product(
            organisation=organisation,
            name=f"{PRODUCT_NAMES[n % len(PRODUCT_NAMES)]}"
            + (f" {n // len(PRODUCT_NAMES) + 1}" if n >= len(PRODUCT_NAMES) else ""),
            kind=rng.choice(Product.Kind.values),
        )
        for n in range(size.products)
    )
    ProductUse.objects.bulk_create(
        ProductUse(project=project, product=product, use=rng.choice(ProductUse.Use.values))
        for project in projects
        for product in rng.sample(products, min(len(products), rng.randint(0, 2)))
    )


def busiest_project(organisation):
    """The project with the most links: the heaviest project page."""
    return (
        Project.objects.filter(organisation=organisation, business_cases__isnull=False)
        .annotate(links=Count("dependencies", distinct=True) + Count("dependants", distinct=True))
        .order_by("-links", "pk")
        .first()
    )


def make_benefits(rng, organisation, size, people, today):
    """Benefits for every project of the organisation, some realised, some corrected, some
    past their target date."""
    kinds = list(Benefit.Kind)
    benefits = []
    for project in Project.objects.filter(organisation=organisation).only("pk"):
        for _ in range(rng.randint(*size.benefits_per_project)):
            kind = rng.choice(kinds)
            benefits.append(
                Benefit(
                    project=project,
                    description=sentence(rng, 6),
                    kind=kind,
                    target_value=None
                    if kind == Benefit.Kind.QUALITATIVE
                    else rng.randint(1, 500) * 1000,
                    target_on=today + timedelta(days=rng.randint(-700, 1400)),
                    owner=rng.choice(people),
                )
            )
    benefits = Benefit.objects.bulk_create(benefits)
    entries = []
    for benefit in benefits:
        for _ in range(rng.randint(*size.realisations_per_benefit)):
            entries.append(
                BenefitRealisation(
                    benefit=benefit,
                    on=today - timedelta(days=rng.randint(0, 700)),
                    value=None if benefit.target_value is None else rng.randint(0, 200) * 500,
                    evidence=sentence(rng),
                    recorded_by=rng.choice(people),
                )
            )
    entries = BenefitRealisation.objects.bulk_create(entries)
    # A mistaken entry in every ten is corrected by a new one with the reason.
    BenefitRealisation.objects.bulk_create(
        BenefitRealisation(
            benefit_id=entry.benefit_id,
            on=entry.on,
            value=entry.value,
            evidence=entry.evidence,
            corrects=entry,
            reason="Entered against the wrong benefit.",
            recorded_by=entry.recorded_by,
        )
        for entry in entries[::10]
    )
    # What each benefit has realised, as the actions keep it.
    store_realised(Benefit.objects.filter(project__organisation=organisation))


def make_submissions(rng, organisation, size, bodies, people):
    """What the submission pages show: the two people pages are browsed as each submit to every
    body, so "my submissions" and the submissions waiting grow with the organisation; some are
    returned, a third are restricted, and one agenda item in three of the busiest body came
    from a submission about the busiest project, with the decision made on it."""
    Kind, Status = Submission.Kind, Submission.Status
    # The heaviest project page shows the submissions about the project, with their decisions.
    project = busiest_project(organisation) if size.projects else None

    def submission(index, body, by, **fields):
        restricted = index % 3 == 0
        return Submission(
            organisation=organisation,
            body=body,
            kind=rng.choice(Kind.values),
            title=sentence(rng, 6),
            asked=sentence(rng, 20),
            submitted_by=by,
            service_area=rng.choice(SERVICES),
            restricted=restricted,
            exemption=Paper.Exemption.COMMERCIAL if restricted else "",
            **fields,
        )

    rows = []
    for index in range(size.people):
        status = Status.RETURNED if index % 4 == 0 else Status.SUBMITTED
        rows.append(
            submission(
                index,
                bodies[index % len(bodies)],
                people[index % 2],
                status=status,
                returned_reason=sentence(rng, 8) if status == Status.RETURNED else "",
            )
        )
    items = AgendaItem.objects.filter(
        meeting__body=busiest_body(organisation), standing_kind=""
    ).select_related("meeting__body")
    for index, item in enumerate(items.order_by("pk")[::3]):
        rows.append(
            submission(
                index + 1,
                item.meeting.body,
                people[index % 2],
                status=Status.ACCEPTED,
                item=item,
                project=project,
            )
        )
    submissions = Submission.objects.bulk_create(rows)
    SubmissionFile.objects.bulk_create(
        SubmissionFile(
            submission=each,
            title=f"Paper {number}",
            file=f"submissions/{organisation.pk}/{each.pk}/{number}",
            file_name=f"paper-{number}.pdf",
            file_type="pdf",
            size=rng.randint(20_000, 2_000_000),
            uploaded_by=each.submitted_by,
        )
        for each in submissions
        for number in range(1, 2 + each.pk % 3)
    )


def make_risks(rng, organisation, size, people, today):
    """The register: risks across the categories, their assessments over the past years (the
    latest kept on the risk, as `reassess_risk` keeps it), one in ten restricted, most linked to
    a project, some closed."""
    categories = list(RiskCategory.objects.filter(organisation=organisation))
    projects = list(Project.objects.filter(organisation=organisation).values_list("pk", flat=True))
    owners = people[:50]
    risks, histories = [], []
    for number in range(1, size.risks + 1):
        history = []
        day = today - timedelta(days=rng.randint(400, 1500))
        for _ in range(rng.randint(*size.assessments_per_risk)):
            inherent = (rng.randint(2, 5), rng.randint(2, 5))
            current = (rng.randint(1, inherent[0]), rng.randint(1, inherent[1]))
            target = (rng.randint(1, current[0]), rng.randint(1, current[1]))
            history.append((day, inherent, current, target))
            day += timedelta(days=rng.randint(30, 120))
        day, inherent, current, target = history[-1]
        previous = history[-2][2] if len(history) > 1 else None
        restricted = rng.random() < 0.1
        closed = rng.random() < 0.15
        risks.append(
            Risk(
                organisation=organisation,
                number=number,
                title=f"{rng.choice(RISK_WORDS)} {sentence(rng, 5)}",
                cause=sentence(rng, 15),
                event=sentence(rng, 15),
                consequence=sentence(rng, 15),
                category=rng.choice(categories),
                owner=rng.choice(owners),
                status=Risk.Status.CLOSED if closed else Risk.Status.OPEN,
                closing_note=sentence(rng, 8) if closed else "",
                review_on=day + timedelta(days=rng.randint(30, 400)),
                restricted=restricted,
                exemption="security" if restricted else "",
                controls=sentence(rng, 12),
                created_by=rng.choice(owners),
                inherent_likelihood=inherent[0],
                inherent_impact=inherent[1],
                inherent_score=inherent[0] * inherent[1],
                current_likelihood=current[0],
                current_impact=current[1],
                current_score=current[0] * current[1],
                target_likelihood=target[0],
                target_impact=target[1],
                target_score=target[0] * target[1],
                previous_score=previous[0] * previous[1] if previous else None,
                assessed_on=day,
            )
        )
        histories.append(history)
    risks = Risk.objects.bulk_create(risks, batch_size=2000)
    Assessment.objects.bulk_create(
        (
            Assessment(
                risk=risk,
                assessed_on=day,
                by=risk.owner,
                inherent_likelihood=inherent[0],
                inherent_impact=inherent[1],
                current_likelihood=current[0],
                current_impact=current[1],
                target_likelihood=target[0],
                target_impact=target[1],
                note=sentence(rng, 8),
            )
            for risk, history in zip(risks, histories, strict=True)
            for day, inherent, current, target in history
        ),
        batch_size=5000,
    )
    if projects:
        Risk.projects.through.objects.bulk_create(
            (
                Risk.projects.through(risk_id=risk.pk, project_id=rng.choice(projects))
                for risk in risks
                if rng.random() < 0.7
            ),
            batch_size=5000,
        )


def counts(organisation):
    """How much the organisation holds, for the results."""
    terms = TermsOfReference.objects.filter(organisation=organisation)
    return {
        "bodies": organisation.bodies.count(),
        "people": organisation.memberships.count(),
        "memberships": organisation.body_memberships.count(),
        "terms_versions": terms.count(),
        "objectives": Objective.objects.filter(terms__in=terms).count(),
        "sections": Section.objects.filter(terms__in=terms).count(),
        "approvals": Approval.objects.filter(terms__in=terms).count(),
        "reporting_lines": organisation.reporting_lines.count(),
        "policy_drivers": organisation.policy_drivers.count(),
        "meetings": Meeting.objects.filter(organisation=organisation).count(),
        "agenda_items": AgendaItem.objects.filter(meeting__organisation=organisation).count(),
        "papers": Paper.objects.filter(organisation=organisation).count(),
        "restricted_papers": Paper.objects.filter(
            organisation=organisation, restricted=True
        ).count(),
        "attendance": Attendance.objects.filter(meeting__organisation=organisation).count(),
        "decisions": Decision.objects.filter(organisation=organisation).count(),
        "actions": Action.objects.filter(organisation=organisation).count(),
        "benefits": Benefit.objects.filter(project__organisation=organisation).count(),
        "benefit_realisations": BenefitRealisation.objects.filter(
            benefit__project__organisation=organisation
        ).count(),
        "overdue_actions": Action.objects.filter(organisation=organisation)
        .overdue(timezone.localdate())
        .count(),
        "projects": Project.objects.filter(organisation=organisation).count(),
        "business_cases": BusinessCase.objects.filter(organisation=organisation).count(),
        "profile_rows": ProfileYear.objects.filter(
            option__business_case__organisation=organisation
        ).count(),
        "dependencies": Dependency.objects.filter(organisation=organisation).count(),
        "submissions": Submission.objects.filter(organisation=organisation).count(),
        "products": Product.objects.filter(organisation=organisation).count(),
        "risks": Risk.objects.filter(organisation=organisation).count(),
        "risk_assessments": Assessment.objects.filter(risk__organisation=organisation).count(),
        "strategies": Strategy.objects.filter(organisation=organisation).count(),
        "kpis": KPI.objects.filter(organisation=organisation).count(),
        "kpi_measurements": Measurement.objects.filter(kpi__organisation=organisation).count(),
        "strategy_objectives": CorporateObjective.objects.filter(
            organisation=organisation, strategy__isnull=False
        ).count(),
        "scenarios": Scenario.objects.filter(organisation=organisation).count(),
    }
