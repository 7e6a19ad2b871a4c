"""The strategy's part of `manage.py load_demo`: seed 004's ICT strategy (five themes, eight
underpinning principles), approved by the City Executive Board (the demo's Cabinet) on
7 December 2011, as the current strategy; and seed 002's corporate ICT strategy, whose immediate
priorities are kept as the objectives of an earlier strategy that steerco holds no decision for
(Cabinet approved it on 31 October 2006, before the council kept its decisions here), so it stays
a draft and is never current. The portfolio's demo links its projects to the current themes."""

from datetime import date, time

from steerco.governance.models import Body
from steerco.lib.history import save_with_history
from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import AgendaItem, Decision, Purpose
from steerco.strategy import actions
from steerco.strategy.models import Strategy

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
    if Strategy.objects.filter(organisation=organisation).exists():
        return
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
