"""The strategy's part of `manage.py load_demo`: seed 004's ICT strategy (five themes, eight
underpinning principles), approved by the City Executive Board (the demo's Cabinet) on
7 December 2011, as the current strategy; and seed 002's corporate ICT strategy, whose immediate
priorities are kept as the objectives of an earlier strategy that steerco holds no decision for
(Cabinet approved it on 31 October 2006, before the council kept its decisions here), so it stays
a draft and is never current. The portfolio's demo links its projects to the current themes.

The performance standards framework: the eight Socitm indicators every council starts with and
four of the council's own, a dozen KPIs that the council measures monthly, with targets,
owners and the themes they evidence, and two years of measurements up to last month. The
resolution of reported incidents has slipped below its target (red); the workstation support
cost is benchmarked against the Socitm peer group; one availability figure was corrected."""

from datetime import date, time, timedelta
from decimal import Decimal

from django.utils import timezone

from steerco.governance.models import Body
from steerco.lib.history import save_with_history
from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import Action, AgendaItem, Decision, Purpose
from steerco.strategy import actions, register_demo
from steerco.strategy.models import (
    KPI,
    CorporateObjective,
    Frequency,
    Measurement,
    Milestone,
    ObjectiveAction,
    Strategy,
    Theme,
)
from steerco.strategy.rules import performance

SEED_004_VISION = (
    "To align the council's information systems with its strategic priorities: to drive "
    "business improvement, deliver added value and be an enabler of change, while offering "
    "improved value for money."
)
# The five themes, with the objectives the portfolio's projects serve.
THEMES = [
    (
        "Establish the new ICT service",
        "A shared, restructured ICT service with strong governance of ICT project "
        "prioritisation and expenditure.",
        [
            ("Strong governance of ICT investment and projects", ["strategy"], ["EDM01"]),
            ("Value for money from ICT", ["acquisition"], ["EDM04"]),
        ],
    ),
    (
        "Exploit new communication channels",
        "Broaden residents' access to council services through new channels.",
        [("Residents can do business with the council online, first time", [], ["EDM02"])],
    ),
    (
        "New ways of working",
        "How staff interact with information services, and their patterns and location of work.",
        [
            ("Staff work securely from any location", ["human_behaviour"], []),
            ("Secure remote and mobile working", ["conformance"], ["EDM03"]),
        ],
    ),
    (
        "Prepare for cloud services",
        "Prepare the council's information services to exploit the benefits and savings of "
        "cloud services.",
        [("Sound and scalable technology, designed for integration", ["strategy"], ["EDM04"])],
    ),
    (
        "Manage our information better",
        "Robust information management and workflow across the council and with partners.",
        [("Robust information management and workflow", ["performance"], ["EDM02"])],
    ),
]
PRINCIPLES = [
    "Strong governance of ICT project prioritisation and expenditure",
    "Partnership and collaboration within the public sector",
    "Data and system security",
    "Adherence to established service management principles and methodologies",
    "Sustainability",
    "Effective supplier management",
    "Robust training programmes",
    "Benchmarking of our services",
]
SEED_002_PRIORITIES = [
    "Conclude the development of a detailed ICT strategy implementation plan",
    "Establish an Enterprise Architecture function and the as-is and to-be architecture models",
    "Establish a project control framework integrated with the corporate change programme",
    "Support the flexible and mobile working programme with appropriate technical options",
    "Develop a framework for communicating the strategy to staff and stakeholders",
    "Establish a formal approach to performance management in ICT",
    "Develop an ICT career pathway so technical staff have the skills the change programme needs",
    "Commission improved ICT resilience and disaster recovery, then review information security",
]


def _cabinet_decision(organisation, people):
    """The City Executive Board's decision of 7 December 2011 (seed 004) approving the draft
    IT strategy and its action plan."""
    cabinet = Body.objects.get(organisation=organisation, kind=Body.Kind.CABINET)
    secretary = people["admin"]
    meeting = meeting_actions.schedule_meeting(
        cabinet, on=date(2011, 12, 7), starts_at=time(18), by=secretary, today=date(2011, 11, 1)
    )
    item = meeting_actions.save_item(
        AgendaItem(meeting=meeting, title="ICT Strategy", purpose=Purpose.DECISION),
        by=secretary,
    )
    decision = Decision(
        organisation=organisation,
        body=cabinet,
        item=item,
        year=2011,
        number=1,
        statement="The City Executive Board approved the draft IT Strategy and the "
        "associated action plan.",
        outcome=Decision.Outcome.APPROVED,
    )
    return save_with_history(decision, by=secretary, reason="Recorded from seed 004")


def load(organisation, people, today=None):
    if not Strategy.objects.filter(organisation=organisation).exists():
        _load_strategies(organisation, people)
    _load_kpis(organisation, people, today or timezone.localdate())
    if not Milestone.objects.filter(objective__organisation=organisation).exists():
        _load_milestones(organisation, people)
    if not ObjectiveAction.objects.filter(objective__organisation=organisation).exists():
        _load_plan_actions(organisation, people, today or timezone.localdate())
    # The registers the strategy asks the group to keep.
    register_demo.load(organisation, people, today or timezone.localdate())


def _load_strategies(organisation, people):
    secretary = people["admin"]
    earlier = actions.save_strategy(
        Strategy(
            organisation=organisation,
            title="Corporate ICT Strategy",
            starts_in=2007,
            ends_in=2009,
            vision="Revised to align ICT with the corporate change programme after the 2006 "
            "independent review of the ICT service.",
        ),
        by=secretary,
    )
    for title in SEED_002_PRIORITIES:
        actions.add_objective(earlier, title=title, by=secretary)

    current = actions.save_strategy(
        Strategy(
            organisation=organisation,
            title="ICT Strategy",
            starts_in=2012,
            ends_in=2017,
            vision=SEED_004_VISION,
        ),
        drivers=list(organisation.policy_drivers.all()),
        by=secretary,
    )
    for name, description, objectives in THEMES:
        theme = actions.add_theme(current, name=name, description=description, by=secretary)
        for title, iso38500, cobit in objectives:
            actions.add_objective(
                current, title=title, theme=theme, iso38500=iso38500, cobit=cobit, by=secretary
            )
    for title in PRINCIPLES:
        actions.add_principle(current, title=title, by=secretary)
    actions.approve_strategy(
        current, decision=_cabinet_decision(organisation, people), by=secretary
    )
    actions.make_current(current, by=secretary)


# name -> (owner, theme, target, tolerance, first value, last value, wobble), and for the
# council's own KPIs their definition, unit and direction. The values move in a straight line
# from the first month to the last, with a wobble that repeats every six months.
KPIS = {
    "User satisfaction": ("sam.okafor", 0, "85", "5", "80", "87.5", "1.2"),
    "Resolution of reported incidents": ("sam.okafor", 0, "90", "3", "92", "84.5", "0.8"),
    "Project success index": ("officer", 0, "5", "0.5", "4.4", "5.2", "0.2"),
    "Workstation acquisition cost": ("admin", 3, "650", "50", "720", "615", "12"),
    "Workstation support cost": ("admin", 2, "600", "60", "690", "585", "15"),
    "Service availability": ("sam.okafor", 3, "99.5", "0.3", "99.4", "99.8", "0.1"),
    "Voice and data communications cost": ("admin", 2, "300", "30", "345", "296", "6"),
    "Flexible working": ("member", 2, "60", "10", "35", "63", "1"),
    "Transactions completed online": ("member", 1, "70", "5", "48", "67", "1.5"),
    "Calls answered within 20 seconds": ("sam.okafor", 1, "80", "5", "74", "82", "2"),
    "Staff who clicked a simulated phishing email": ("sam.okafor", 4, "5", "2", "12", "4.5", "0.6"),
    "Information requests answered in 20 working days": ("admin", 4, "90", "5", "86", "93", "1.5"),
}
OWN_KPIS = {
    "Transactions completed online": (
        "The percentage of the transactions residents started with the council that they "
        "completed online, without a call or a visit (Digital First).",
        performance.PERCENTAGE,
        performance.HIGHER,
    ),
    "Calls answered within 20 seconds": (
        "The percentage of calls to the ICT service desk answered within 20 seconds.",
        performance.PERCENTAGE,
        performance.HIGHER,
    ),
    "Staff who clicked a simulated phishing email": (
        "The percentage of staff sent the month's simulated phishing email who clicked its link.",
        performance.PERCENTAGE,
        performance.LOWER,
    ),
    "Information requests answered in 20 working days": (
        "The percentage of freedom of information and environmental information requests "
        "answered within 20 working days.",
        performance.PERCENTAGE,
        performance.HIGHER,
    ),
}
WOBBLE = (0, 1, -1, Decimal("-0.5"), Decimal("0.5"), 0)
BENCHMARKED = "Workstation support cost"
CORRECTED = "Service availability"
MONTHS = 24


def _months(today):
    """The first days of the two years of months before this one, oldest first."""
    months = [(today.replace(day=1) - timedelta(days=1)).replace(day=1)]
    while len(months) < MONTHS:
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    return months[::-1]


def _load_kpis(organisation, people, today):
    kpis = KPI.objects.filter(organisation=organisation)
    if Measurement.objects.filter(kpi__organisation=organisation).exists():
        return
    admin = people["admin"]
    actions.set_up_kpis(organisation)
    current = Strategy.objects.get(organisation=organisation, is_current=True)
    themes = list(Theme.objects.filter(strategy=current).order_by("position"))
    months = _months(today)
    for name, (owner, theme, target, tolerance, first, last, wobble) in KPIS.items():
        kpi = kpis.filter(name=name).first()
        if kpi is None:
            definition, unit, direction = OWN_KPIS[name]
            kpi = KPI(
                organisation=organisation,
                name=name,
                definition=definition,
                unit=unit,
                direction=direction,
                frequency=Frequency.MONTHLY,
            )
        # The council measures every one of its KPIs monthly.
        kpi.frequency = Frequency.MONTHLY
        kpi.owner = people[owner]
        kpi.theme = themes[theme]
        kpi.target, kpi.tolerance = Decimal(target), Decimal(tolerance)
        if name == BENCHMARKED:
            kpi.benchmark_lower_quartile = Decimal("480")
            kpi.benchmark_median = Decimal("560")
            kpi.benchmark_upper_quartile = Decimal("705")
            kpi.benchmark_source = "Socitm benchmarking, unitary councils"
            kpi.benchmark_year = months[-1].year - 1
        actions.save_kpi(kpi, by=admin)
        first, last, wobble = Decimal(first), Decimal(last), Decimal(wobble)
        step = (last - first) / (len(months) - 1)
        for index, month in enumerate(months):
            value = first + step * index
            if 0 < index < len(months) - 1:
                value += wobble * WOBBLE[index % len(WOBBLE)]
            value = min(value.quantize(Decimal("0.01")), Decimal(100))
            measurement = actions.record_measurement(
                kpi,
                period_starts_on=month,
                value=value,
                note="Two unplanned outages of the payments system."
                if value < kpi.target and name == CORRECTED
                else "",
                by=kpi.owner,
            )
        if name == CORRECTED:
            actions.correct_measurement(
                measurement,
                value=measurement.value - Decimal("0.05"),
                reason="The monitoring tool had missed a 20-minute outage",
                by=kpi.owner,
            )


# Milestones of seed 004's action plan: objective -> (milestone, due, achieved as first
# recorded, achieved as corrected). One was recorded on the wrong day and corrected.
MILESTONES = {
    "Strong governance of ICT investment and projects": [
        (
            "Terms of reference of the ICT steering group approved",
            date(2012, 3, 31),
            date(2012, 3, 20),
            None,
        ),
        (
            "The project control framework used for every ICT project",
            date(2012, 9, 30),
            date(2012, 10, 1),
            date(2012, 11, 14),
        ),
    ],
    "Residents can do business with the council online, first time": [
        ("Council tax and benefits forms online", date(2013, 6, 30), date(2013, 7, 15), None),
    ],
    "Staff work securely from any location": [
        ("Remote access for every office-based member of staff", date(2014, 3, 31), None, None),
    ],
    "Sound and scalable technology, designed for integration": [
        ("Cloud readiness assessment of the main systems", date(2016, 3, 31), None, None),
    ],
}
CORRECTION = "Achieved when the framework was adopted in November, not when it was drafted"


def _load_milestones(organisation, people):
    secretary = people["admin"]
    current = Strategy.objects.get(organisation=organisation, is_current=True)
    for title, milestones in MILESTONES.items():
        objective = CorporateObjective.objects.select_related("strategy").get(
            strategy=current, title=title
        )
        for name, due_on, achieved_on, corrected in milestones:
            milestone = actions.add_milestone(
                objective, title=name, due_on=due_on, achieved_on=achieved_on, by=secretary
            )
            if corrected:
                actions.change_milestone(
                    milestone,
                    title=name,
                    due_on=due_on,
                    achieved_on=corrected,
                    reason=CORRECTION,
                    by=secretary,
                )


# Actions of the current strategy's plan, on the steering group's action log (owned by its
# members, as the rest of its log is): objective,
# action, owner, raised (days ago), due (days from today), done (days ago) or None.
PLAN_ACTIONS = [
    (
        "Residents can do business with the council online, first time",
        "Publish the digital inclusion plan, with the digital champions' help",
        "priya.shah",
        120,
        60,
        None,
    ),
    (
        "Staff work securely from any location",
        "Turn on multi-factor authentication for every remote user",
        "sam.okafor",
        200,
        -30,
        40,
    ),
    (
        "Sound and scalable technology, designed for integration",
        "Agree the integration standards the CRM replacement must meet",
        "mark.ellis",
        150,
        -21,
        None,
    ),
    (
        "Strong governance of ICT investment and projects",
        "Review the project control framework against the Cabinet Office's",
        "secretary",
        30,
        90,
        None,
    ),
]


def _load_plan_actions(organisation, people, today):
    """A few actions of the plan through the app's own action: one done, one overdue."""
    secretary = people["admin"]
    current = Strategy.objects.get(organisation=organisation, is_current=True)
    body = Body.objects.filter(organisation=organisation, kind=Body.Kind.STEERING_GROUP).first()
    for title, description, owner, raised, due, done in PLAN_ACTIONS:
        objective = CorporateObjective.objects.select_related("strategy").get(
            strategy=current, title=title
        )
        action = actions.add_plan_action(
            objective,
            description=description,
            owner=people[owner],
            due_on=today + timedelta(days=due),
            body=body,
            by=secretary,
            on=today - timedelta(days=raised),
        )
        if done is not None:
            meeting_actions.update_action(
                action,
                status=Action.Status.DONE,
                text="Done: every remote user signs in with a second factor.",
                on=today - timedelta(days=done),
                by=people[owner],
            )
