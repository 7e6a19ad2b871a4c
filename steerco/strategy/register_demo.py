"""The registers' part of the demo council (called by strategy/demo.py): legislation and
regulation affecting ICT (seed 000's "impact of new legislation/regulations"), the skills and
capacity framework with three teams' levels (seeds 000 and 002) and a development action on the
Service Improvement Board's log, and the network of digital champions (seed 001). Loaded once:
a second run adds nothing."""

from datetime import date, timedelta

from steerco.governance.models import Body
from steerco.strategy import register_actions
from steerco.strategy.models import CorporateObjective, Strategy, Theme
from steerco.strategy.registers import DigitalChampion, Legislation, Skill, SkillLevel

# The board that follows up service improvement, skills among it (the steering group's log is
# the meeting cycle's demo, counted by its checks).
FOLLOWED_UP_BY = "Service Improvement Board"

LEGISLATION = [
    {
        "title": "Data (Use and Access) Act 2025",
        "reference": "2025 c. 18",
        "in_force_on": date(2025, 6, 19),
        "requires": "Changes to UK GDPR and the Data Protection Act 2018 (recognised legitimate "
        "interests, automated decision-making, complaints handling), a framework for digital "
        "verification services and smart data schemes. Royal Assent on 19 June 2025; its "
        "provisions come into force in stages by regulations.",
        "impact": Legislation.Impact.MEDIUM,
        "impact_assessment": "The council's privacy notices, data protection complaints process "
        "and any automated decisions in revenues and benefits need review as each stage "
        "commences.",
        "response": "Information governance to review privacy notices and the complaints "
        "process; ICT to list the systems that make automated decisions.",
        "owner": "sam.okafor",
        "status": Legislation.Status.RESPONDING,
        "link": "Manage our information better",
    },
    {
        "title": "The Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
        "Accessibility Regulations 2018",
        "reference": "SI 2018/952",
        "in_force_on": date(2018, 9, 23),
        "requires": "The council's websites and mobile apps meet the accessibility standard "
        "(WCAG 2.2 level AA, as the Government Digital Service monitors it) and each publishes "
        "an accessibility statement that is kept up to date.",
        "impact": Legislation.Impact.HIGH,
        "impact_assessment": "Every online service and document on the website is in scope; "
        "older PDF forms and two supplier portals fail the standard.",
        "response": "Replace the PDF forms with online forms, ask the suppliers for their "
        "roadmaps, and review the accessibility statement every six months.",
        "owner": "member",
        "status": Legislation.Status.RESPONDING,
        "link": "Residents can do business with the council online, first time",
    },
    {
        "title": "Data Protection Act 2018",
        "reference": "2018 c. 12",
        "in_force_on": date(2018, 5, 25),
        "requires": "Personal data processed lawfully, fairly and securely, with records of "
        "processing, data protection impact assessments and breach reporting within 72 hours.",
        "impact": Legislation.Impact.HIGH,
        "impact_assessment": "Applies to every system that holds residents' or staff data.",
        "response": "Data protection impact assessment in every business case; records of "
        "processing kept by information governance.",
        "owner": "admin",
        "status": Legislation.Status.COMPLIANT,
        "link": "Manage our information better",
        # Its yearly review is three weeks overdue: the chair's dashboard names it.
        "review_in": -21,
    },
]

SKILLS = [
    ("Project management", "SFIA: PRMG", "officer", "Establish the new ICT service"),
    ("Information security", "SFIA: SCTY", "admin", "New ways of working"),
    ("Data management", "SFIA: DATM", "sam.okafor", "Manage our information better"),
    ("Cloud services", "", "admin", "Prepare for cloud services"),
]
TEAMS = ["ICT Service Desk", "Applications and Development", "Digital Delivery"]
# (skill, team): (current, target)
LEVELS = {
    ("Project management", "Applications and Development"): (2, 3),
    ("Project management", "Digital Delivery"): (3, 4),
    ("Information security", "ICT Service Desk"): (2, 3),
    ("Information security", "Applications and Development"): (3, 3),
    ("Data management", "Applications and Development"): (2, 4),
    ("Data management", "Digital Delivery"): (1, 3),
    ("Cloud services", "ICT Service Desk"): (1, 3),
    ("Cloud services", "Applications and Development"): (1, 4),
    ("Cloud services", "Digital Delivery"): (2, 3),
}

CHAMPIONS = [
    ("helen.price", "Communications", date(2024, 4, 1), None),
    ("mark.ellis", "Human Resources", date(2024, 9, 2), None),
    ("rachel.doyle", "Waste and street scene", date(2025, 1, 6), None),
    ("tom.barker", "Operational services", date(2023, 6, 1), date(2025, 3, 31)),
]


def load(organisation, people, today):
    if Legislation.objects.filter(organisation=organisation).exists():
        return
    current = Strategy.objects.filter(organisation=organisation, is_current=True).first()
    if current is None:
        return
    admin = people["admin"]
    themes = {theme.name: theme for theme in Theme.objects.filter(strategy=current)}
    objectives = {
        objective.title: objective
        for objective in CorporateObjective.objects.filter(strategy=current)
    }

    def link(name):
        if name in objectives:
            return {"objective": objectives[name], "theme": objectives[name].theme}
        return {"theme": themes[name]}

    for entry in LEGISLATION:
        fields = {
            key: value for key, value in entry.items() if key not in {"owner", "link", "review_in"}
        }
        register_actions.save_legislation(
            Legislation(
                organisation=organisation,
                owner=people[entry["owner"]],
                review_on=today + timedelta(days=entry.get("review_in", 180)),
                **fields,
                **link(entry["link"]),
            ),
            by=admin,
        )
    skills = {
        name: register_actions.save_skill(
            Skill(
                organisation=organisation,
                name=name,
                framework_reference=reference,
                owner=people[owner],
                review_on=today + timedelta(days=365),
                **link(theme),
            ),
            by=admin,
        )
        for name, reference, owner, theme in SKILLS
    }
    teams = {name: register_actions.add_team(organisation, name=name, by=admin) for name in TEAMS}
    levels = {
        key: register_actions.save_skill_level(
            SkillLevel(
                skill=skills[key[0]],
                team=teams[key[1]],
                current=current_level,
                target=target,
                assessed_on=today - timedelta(days=60),
            ),
            by=admin,
        )
        for key, (current_level, target) in LEVELS.items()
    }
    body = Body.objects.filter(organisation=organisation, name=FOLLOWED_UP_BY).first()
    if body is not None:
        register_actions.add_development_action(
            levels[("Cloud services", "Applications and Development")],
            description="Two developers to complete cloud architecture training before the "
            "hosting migration.",
            owner=people["officer"],
            due_on=today + timedelta(days=120),
            body=body,
            by=admin,
            on=today,
        )
    for username, service, since, until in CHAMPIONS:
        register_actions.save_champion(
            DigitalChampion(
                organisation=organisation,
                person=people[username],
                service=service,
                since=since,
                until=until,
                status=DigitalChampion.Status.STEPPED_DOWN
                if until
                else DigitalChampion.Status.ACTIVE,
                **link("Exploit new communication channels"),
            ),
            by=admin,
        )
