"""The demo council's ICT portfolio (issue 9, §10), dated relative to today.

Seed 003 is a Cabinet decision on the ICT strategy: £11.85m over ten years, of which Client
Technologies and Home Working (£9.8m) are cash neutral because they displace existing costs in
services, and Workflow and Mobility need investment: £750,000 capital and £130,000 a year in
revenue, £2.05m over the ten years. The seed gives no split between the two cash-neutral areas,
nor between Workflow and Mobility, nor by year; the profiles below choose one that keeps every
figure the seed does give (see SEED_003). Seed 004 gives the five themes of the strategy.

Around them: a dozen further projects of a district council's ICT portfolio drawn from the
demo meetings (the CRM replacement, the online services, Microsoft 365), with their
dependencies, the product catalogue, Delivery Confidence Assessments, benefits and their
realisation, highlight reports brought to the steering group, and the Workflow business case
that the group approved with conditions at one of its demo meetings.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from steerco.governance.demo import STEERING_GROUP
from steerco.governance.models import Body
from steerco.lib.history import save_with_history
from steerco.meetings.demo import WORKFLOW_CASE
from steerco.meetings.models import AgendaItem, Decision
from steerco.portfolio import actions
from steerco.portfolio.models import (
    BusinessCase,
    ConfidenceAssessment,
    ConfidenceScale,
    Dependency,
    Option,
    PortfolioSettings,
    Product,
    ProductUse,
    ProfileYear,
    Programme,
    Project,
    Submission,
)
from steerco.strategy.models import Theme

Stage, Use, Kind = Project.Stage, ProductUse.Use, Dependency.Kind
K = 1000

# The programme that carries seed 003's four investments.
PROGRAMME = ("PRG-01", "ICT strategy investment programme")


@dataclass(frozen=True)
class Profile:
    """A preferred option's ten-year profile, year 0 being the base year, in pounds."""

    capital: dict[int, int]  # year offset: amount
    revenue: int  # every year
    displaces: bool  # the costs displace existing costs in services, year by year


# Seed 003's figures, split between the four areas. Client Technologies and Home Working
# displace, year by year, as much as they cost: together £9.8m. Workflow and Mobility have
# £750,000 capital between them and £130,000 a year revenue: £2.05m over ten years.
SEED_003 = {
    "Client Technologies": Profile({0: 1000 * K, 1: 600 * K, 5: 600 * K}, 400 * K, True),
    "Home Working": Profile({0: 400 * K, 1: 200 * K}, 300 * K, True),
    "Workflow Technologies": Profile({0: 350 * K, 1: 150 * K}, 80 * K, False),
    "Mobility Technologies": Profile({0: 150 * K, 1: 100 * K}, 50 * K, False),
}
YEARS = 10


@dataclass(frozen=True)
class BenefitSpec:
    description: str
    kind: str
    target_value: int | None
    target_in: int  # days from today: negative for a target date that has passed
    measure: str = ""
    baseline: str = ""
    target: str = ""
    owner: str = ""
    # (days before today, value, evidence)
    realised: tuple[tuple[int, int | None, str], ...] = ()


@dataclass(frozen=True)
class ProjectSpec:
    reference: str
    name: str
    description: str
    service_area: str
    stage: str
    sro: str
    manager: str
    starts_in: int  # days from today
    ends_in: int
    themes: tuple[int, ...]  # indexes into the current strategy's themes (seed 004's five)
    board: str = ""
    in_programme: bool = False
    products: tuple[tuple[str, str], ...] = ()
    # (days before today, rating, commentary), oldest first
    confidence: tuple[tuple[int, str, str], ...] = ()
    benefits: tuple[BenefitSpec, ...] = field(default=())


WMPB = "ICT Project Board – Workflow and Mobility"
DDPB = "Digital Delivery Project Board"

PRODUCTS = [
    ("Microsoft 365", "platform", "Microsoft", "Email, documents, Teams and SharePoint."),
    ("Microsoft Azure", "platform", "Microsoft", "The council's cloud hosting."),
    ("Citrix Virtual Apps", "product", "Citrix", "Remote access to desktop applications."),
    ("Windows 11 laptops", "product", "Dell", "The standard staff device."),
    ("Thin client terminals", "product", "HP", "Fixed desktop terminals in council offices."),
    ("Microsoft Intune", "product", "Microsoft", "Management of laptops and mobile devices."),
    ("Power Automate", "platform", "Microsoft", "Workflow and electronic forms."),
    ("SharePoint Online", "platform", "Microsoft", "Documents and records."),
    ("Dynamics 365 Customer Service", "product", "Microsoft", "Customer relationship management."),
    ("Lagan CRM", "product", "Verint", "The current customer relationship management system."),
    ("Achieve Forms", "product", "Granicus", "Online forms on the council website."),
    ("Mitel telephony", "product", "Mitel", "The council's current telephone system."),
    ("Teams Phone", "product", "Microsoft", "Telephony in Microsoft Teams."),
    ("Meraki network", "platform", "Cisco", "The wide and local area networks."),
]

G, AG, A, AR, R = "green", "amber_green", "amber", "amber_red", "red"

PROJECTS = [
    ProjectSpec(
        "ICT-001",
        "Client Technologies",
        "Replaces the thin client estate with managed laptops, displacing the services' "
        "existing desktop costs.",
        "ICT Services",
        Stage.IN_DELIVERY,
        "sam.okafor",
        "officer",
        -420,
        1400,
        (2, 3),
        board=WMPB,
        in_programme=True,
        products=(
            ("Windows 11 laptops", Use.INTRODUCES),
            ("Microsoft Intune", Use.USES),
            ("Thin client terminals", Use.RETIRES),
        ),
        confidence=(
            (300, AG, "Device roll-out started in Resources; the supplier is on time."),
            (180, A, "Stock shortages have held back the roll-out in Operational Services."),
            (60, AG, "Stock recovered; 62% of staff now have their new device."),
        ),
        benefits=(
            BenefitSpec(
                "Existing desktop costs in services displaced",
                "cashable",
                800 * K,
                500,
                measure="£ a year of services' desktop budgets",
                baseline="£400,000 a year",
                owner="sam.okafor",
                realised=(
                    (240, 100 * K, "Desktop budgets of Resources transferred to ICT."),
                    (120, 300 * K, "Operational Services' desktop budget transferred."),
                    (30, 150 * K, "Frontline Services' desktop budget transferred."),
                ),
            ),
        ),
    ),
    ProjectSpec(
        "ICT-002",
        "Home Working",
        "Secure remote working for every member of staff, displacing the cost of office "
        "accommodation and of the remote access service.",
        "Human Resources",
        Stage.IN_DELIVERY,
        "mark.ellis",
        "officer",
        -400,
        700,
        (2,),
        board=WMPB,
        in_programme=True,
        products=(("Microsoft 365", Use.USES), ("Citrix Virtual Apps", Use.RETIRES)),
        confidence=(
            (320, G, "Policy agreed with the unions; equipment ordered."),
            (150, AG, "Citrix retirement slipped by a month for two legacy applications."),
        ),
        benefits=(
            BenefitSpec(
                "Office accommodation released at Bank House",
                "cashable",
                150 * K,
                -30,
                measure="£ a year of lease and running costs",
                baseline="£150,000 a year",
                owner="mark.ellis",
                # Realised in Portfolio.correct_a_mistake.
            ),
            BenefitSpec(
                "Staff travel time saved",
                "non_cashable",
                60 * K,
                200,
                measure="Hours of travel between offices, valued at the average hourly rate",
                owner="mark.ellis",
                realised=((45, 22 * K, "Staff survey: 1,540 hours a quarter saved."),),
            ),
        ),
    ),
    ProjectSpec(
        "ICT-003",
        "Workflow Technologies",
        "Electronic forms and workflow to replace paper processes in Revenues and Benefits, "
        "Planning and Housing.",
        "Revenues and Benefits",
        Stage.APPROVED,
        "priya.shah",
        "officer",
        30,
        760,
        (4, 0),
        board=WMPB,
        in_programme=True,
        products=(("Power Automate", Use.INTRODUCES), ("SharePoint Online", Use.USES)),
        confidence=((20, A, "Approved with conditions; the medium term financial plan is due."),),
        benefits=(
            BenefitSpec(
                "Forms no longer re-keyed between systems",
                "cashable",
                90 * K,
                700,
                measure="£ a year of staff time in Revenues and Benefits",
                baseline="38% of forms re-keyed",
                owner="officer",
            ),
        ),
    ),
    ProjectSpec(
        "ICT-004",
        "Mobility Technologies",
        "Mobile devices and applications for field officers in Environmental Health, "
        "Planning enforcement and Housing.",
        "Operational Services",
        Stage.APPROVED,
        "tom.barker",
        "officer",
        90,
        640,
        (2,),
        board=WMPB,
        in_programme=True,
        products=(("Microsoft Intune", Use.USES),),
        benefits=(
            BenefitSpec(
                "Field officers' time saved",
                "non_cashable",
                120 * K,
                800,
                measure="Hours a year no longer spent returning to the office",
                owner="tom.barker",
            ),
        ),
    ),
    ProjectSpec(
        "ICT-005",
        "Customer relationship management replacement",
        "A cloud CRM integrated with the website and the online account, replacing the CRM "
        "whose support ends next year.",
        "Customer Services",
        Stage.APPROVED,
        "priya.shah",
        "officer",
        -250,
        330,
        (1,),
        board=DDPB,
        products=(
            ("Dynamics 365 Customer Service", Use.INTRODUCES),
            ("Lagan CRM", Use.RETIRES),
        ),
        confidence=(
            (250, A, "Business case approved with conditions; procurement to start."),
            (100, AG, "Tender issued on the framework; timetable on track."),
        ),
        benefits=(
            BenefitSpec(
                "Enquiries resolved at first contact",
                "cashable",
                110 * K,
                540,
                measure="£ a year of contact centre staff time",
                baseline="62% resolved at first contact",
                owner="member",
            ),
        ),
    ),
    ProjectSpec(
        "ICT-006",
        "Online council tax account",
        "Residents see their bill, pay and tell us about changes online.",
        "Revenues and Benefits",
        Stage.CLOSED,
        "priya.shah",
        "member",
        -600,
        -300,
        (1,),
        board=DDPB,
        products=(("Achieve Forms", Use.USES),),
        confidence=((330, G, "Live; 4,120 residents registered in three weeks."),),
        benefits=(
            BenefitSpec(
                "Residents manage their council tax online",
                "qualitative",
                None,
                -200,
                target="Half of council tax changes made online",
                owner="member",
                realised=((160, None, "54% of changes of address made online last quarter."),),
            ),
            BenefitSpec(
                "Fewer council tax calls to the contact centre",
                "cashable",
                45 * K,
                -60,
                measure="£ a year of contact centre staff time",
                owner="member",
                realised=((100, 30 * K, "Calls down 21% on the year before."),),
            ),
        ),
    ),
    ProjectSpec(
        "ICT-007",
        "Missed bin reporting online",
        "Residents report a missed bin collection online, straight to the crews' devices.",
        "Waste and Street Scene",
        Stage.CLOSED,
        "rachel.doyle",
        "member",
        -420,
        -200,
        (1,),
        board=DDPB,
        products=(("Achieve Forms", Use.USES),),
        confidence=((210, G, "Live; 61% of reports made online in the first month."),),
        benefits=(
            BenefitSpec(
                "Missed bin reports made online",
                "non_cashable",
                20 * K,
                -40,
                measure="Contact centre time saved, valued at the average hourly rate",
                owner="rachel.doyle",
                realised=(
                    (150, 8 * K, "61% of reports made online in the first month."),
                    (60, 13 * K, "68% of reports made online this quarter."),
                ),
            ),
        ),
    ),
    ProjectSpec(
        "ICT-008",
        "Parking permits online",
        "Residents apply for and renew parking permits online.",
        "Parking Services",
        Stage.CLOSED,
        "tom.barker",
        "member",
        -380,
        -150,
        (1,),
        board=DDPB,
        products=(("Achieve Forms", Use.USES),),
        confidence=((240, AR, "Two weeks behind after the payment gateway change."),),
        benefits=(
            BenefitSpec(
                "Printing and postage of paper permits stopped",
                "cashable",
                25 * K,
                -20,
                measure="£ a year of printing and postage",
                owner="tom.barker",
            ),
        ),
    ),
    ProjectSpec(
        "ICT-009",
        "Housing repairs booking service",
        "Tenants book a repair online at a time that suits them.",
        "Housing",
        Stage.IN_DELIVERY,
        "tom.barker",
        "member",
        -160,
        260,
        (1, 4),
        board=DDPB,
        products=(("Dynamics 365 Customer Service", Use.USES),),
        confidence=(
            (140, AG, "Discovery complete."),
            (70, A, "The repairs system supplier has not confirmed its interface."),
            (10, AG, "Alpha under way with two repairs teams."),
        ),
    ),
    ProjectSpec(
        "ICT-010",
        "Microsoft 365 licensing renewal",
        "Renew Microsoft 365 on a mixed estate of E3 and F3 licences for three years.",
        "ICT Services",
        Stage.IN_DELIVERY,
        "sam.okafor",
        "sam.okafor",
        -330,
        760,
        (0, 3),
        products=(("Microsoft 365", Use.USES),),
        confidence=((300, G, "Renewed on the mixed estate."),),
        benefits=(
            BenefitSpec(
                "Saving of the mixed estate against like-for-like renewal",
                "cashable",
                96 * K,
                -90,
                measure="£ a year",
                owner="sam.okafor",
                realised=(
                    (200, 96 * K, "Invoice for the first year: £96,000 below like for like."),
                ),
            ),
        ),
    ),
    ProjectSpec(
        "ICT-011",
        "Microsoft 365 Copilot pilot",
        "A three-month pilot of Copilot for 50 staff in four services.",
        "ICT Services",
        Stage.IN_DELIVERY,
        "tom.barker",
        "sam.okafor",
        -40,
        50,
        (2,),
        products=(("Microsoft 365", Use.USES),),
        confidence=((15, AG, "Licences assigned; first month's usage being gathered."),),
        benefits=(
            BenefitSpec(
                "Time saved on minutes, reports and correspondence",
                "qualitative",
                None,
                60,
                target="Participants report an hour a week saved",
                owner="tom.barker",
            ),
        ),
    ),
    ProjectSpec(
        "ICT-012",
        "Data centre move to the cloud",
        "Move the council's servers from the Civic Centre data centre to cloud hosting.",
        "ICT Services",
        Stage.BUSINESS_CASE,
        "sam.okafor",
        "officer",
        200,
        900,
        (3,),
        products=(("Microsoft Azure", Use.INTRODUCES),),
    ),
    ProjectSpec(
        "ICT-013",
        "Network refresh",
        "Replace the end-of-life wide and local area network equipment.",
        "ICT Services",
        Stage.PROPOSAL,
        "sam.okafor",
        "sam.okafor",
        60,
        400,
        (3,),
        products=(("Meraki network", Use.INTRODUCES),),
    ),
    ProjectSpec(
        "ICT-014",
        "Electronic document and records management",
        "Move the services' shared drives into managed records with retention.",
        "Legal and Democratic Services",
        Stage.PROPOSAL,
        "priya.shah",
        "officer",
        400,
        1000,
        (4,),
        products=(("SharePoint Online", Use.INTRODUCES),),
    ),
    ProjectSpec(
        "ICT-015",
        "Cyber Essentials Plus renewal",
        "Renew the certification and close the findings of the last assessment.",
        "ICT Services",
        Stage.IN_DELIVERY,
        "sam.okafor",
        "sam.okafor",
        -120,
        80,
        (0,),
        confidence=((100, AG, "Assessor booked."), (20, G, "Findings closed.")),
    ),
    ProjectSpec(
        "ICT-016",
        "Telephony replacement",
        "Replace the Mitel telephone system with telephony in Microsoft Teams.",
        "Customer Services",
        Stage.IDEA,
        "priya.shah",
        "sam.okafor",
        950,
        1300,
        (3, 2),
        products=(("Mitel telephony", Use.RETIRES), ("Teams Phone", Use.INTRODUCES)),
    ),
]

# (the project that waits, the project it waits on, kind, note). The network refresh, the move
# to the cloud and the telephony replacement are the chain of three that must finish in turn.
DEPENDENCIES = [
    ("ICT-012", "ICT-013", Kind.FINISH_FIRST, "Cloud hosting needs the new network links."),
    ("ICT-016", "ICT-012", Kind.FINISH_FIRST, "Teams telephony is routed through the cloud."),
    ("ICT-003", "ICT-001", Kind.PRODUCT, "Electronic forms run on the new laptops."),
    ("ICT-014", "ICT-003", Kind.PRODUCT, "Records are filed by the new workflows."),
    ("ICT-004", "ICT-002", Kind.SHARED_RESOURCE, "The same device management team."),
    ("ICT-009", "ICT-005", Kind.PRODUCT, "Bookings are recorded in the new CRM."),
    ("ICT-011", "ICT-010", Kind.FINISH_FIRST, "Copilot needs the renewed licences."),
    ("ICT-006", "ICT-005", Kind.SAME_SERVICE, "Both change how the contact centre works."),
]


def at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def financial_year(day):
    return day.year if day.month >= 4 else day.year - 1


class Portfolio:
    def __init__(self, organisation, people, today):
        self.organisation, self.people, self.today = organisation, people, today
        self.secretary = people["secretary"]
        self.bodies = {b.name: b for b in Body.objects.filter(organisation=organisation)}
        self.steering_group = self.bodies[STEERING_GROUP]

    def save(self, instance, reason, by=None):
        return save_with_history(instance, by=by or self.secretary, reason=reason)

    def strategy(self):
        save_with_history(
            PortfolioSettings(
                organisation=self.organisation, confidence_scale=ConfidenceScale.FIVE
            ),
            by=self.people["admin"],
            reason="Portfolio set up",
        )
        # The strategy's demo made seed 004's strategy the current one, with its five themes
        # and the objectives the projects serve.
        self.themes = list(
            Theme.objects.filter(
                organisation=self.organisation, strategy__is_current=True
            ).order_by("position")
        )
        self.products = {}
        for name, kind, supplier, description in PRODUCTS:
            self.products[name] = self.save(
                Product(
                    organisation=self.organisation,
                    name=name,
                    kind=kind,
                    supplier=supplier,
                    description=description,
                ),
                "Added to the catalogue",
            )
        reference, name = PROGRAMME
        self.programme = self.save(
            Programme(
                organisation=self.organisation,
                reference=reference,
                name=name,
                description="The four investment areas of the ICT strategy approved by "
                "Cabinet: client technologies, home working, workflow and mobility.",
                sro=self.people["priya.shah"],
                board=self.bodies[WMPB],
            ),
            "Programme registered",
        )

    def register(self, spec):
        project = Project(
            organisation=self.organisation,
            reference=spec.reference,
            name=spec.name,
            description=spec.description,
            service_area=spec.service_area,
            stage=spec.stage,
            sro=self.people[spec.sro],
            manager=self.people[spec.manager],
            starts_on=self.today + timedelta(days=spec.starts_in),
            ends_on=self.today + timedelta(days=spec.ends_in),
            programme=self.programme if spec.in_programme else None,
            board=self.bodies[spec.board] if spec.board else None,
        )
        actions.save_project(
            project,
            by=self.secretary,
            themes=[self.themes[index] for index in spec.themes],
            objectives=[
                objective
                for index in spec.themes
                for objective in self.themes[index].objectives.order_by("position")
            ],
        )
        for product, use in spec.products:
            self.save(
                ProductUse(project=project, product=self.products[product], use=use),
                "Product use declared",
            )
        for days_ago, rating, commentary in spec.confidence:
            assessment = actions.record_confidence(
                project,
                assessed_on=self.today - timedelta(days=days_ago),
                rating=rating,
                assessor="SRO",
                commentary=commentary,
                by=project.manager,
            )
            # Recorded on the day it was made, not the day the demo was loaded.
            ConfidenceAssessment.objects.filter(pk=assessment.pk).update(
                recorded_at=at(assessment.assessed_on, 16)
            )
        for benefit_spec in spec.benefits:
            self.add_benefit(project, benefit_spec)
        return project

    def add_benefit(self, project, spec):
        owner = self.people[spec.owner] if spec.owner else None
        benefit = actions.add_benefit(
            project,
            description=spec.description,
            kind=spec.kind,
            measure=spec.measure,
            baseline=spec.baseline,
            target=spec.target,
            target_value=Decimal(spec.target_value) if spec.target_value is not None else None,
            target_on=self.today + timedelta(days=spec.target_in),
            owner=owner,
            by=project.manager,
        )
        for days_ago, value, evidence in spec.realised:
            actions.record_realisation(
                benefit,
                on=self.today - timedelta(days=days_ago),
                value=Decimal(value) if value is not None else None,
                evidence=evidence,
                by=owner or project.manager,
                today=self.today,
            )
        return benefit

    def correct_a_mistake(self, project):
        """Home Working's lease saving was first keyed with a nought too many, then corrected
        by a new entry with the reason; the mistaken entry stays in the record."""
        benefit = project.benefits.get(description="Office accommodation released at Bank House")
        on = self.today - timedelta(days=90)
        evidence = "Lease of the first floor of Bank House surrendered."
        wrong = actions.record_realisation(
            benefit,
            on=on,
            value=Decimal(750 * K),
            evidence=evidence,
            by=self.people["mark.ellis"],
            today=self.today,
        )
        actions.correct_realisation(
            wrong,
            on=on,
            value=Decimal(75 * K),
            evidence=evidence,
            reason="Keyed with a nought too many: the surrender saves £75,000 a year.",
            by=self.people["mark.ellis"],
            today=self.today,
        )

    def business_case(self, project, profile, *, base_year, approved_at, decision=None):
        case = BusinessCase(
            organisation=self.organisation,
            project=project,
            number=1,
            title=f"{project.name}: business case",
            summary=project.description,
            status=BusinessCase.Status.APPROVED,
            risk_assessment=f"A risk assessment of the {project.name.lower()} investment is "
            "kept with the project's risk log; the main risks are supplier capacity and the "
            "services' capacity to change how they work.",
            base_year=base_year,
            horizon_years=YEARS,
            created_by=project.manager,
        )
        self.save(case, "Business case drafted", by=project.manager)
        do_nothing = self.save(
            Option(
                business_case=case,
                position=1,
                name="Do nothing",
                description="Keep the current arrangements.",
                is_do_nothing=True,
            ),
            "Option added",
            by=project.manager,
        )
        preferred = self.save(
            Option(
                business_case=case,
                position=2,
                name=f"Invest in {project.name.lower()}",
                description=project.description,
                preferred=True,
            ),
            "Option added",
            by=project.manager,
        )
        for offset in range(YEARS):
            capital = Decimal(profile.capital.get(offset, 0))
            revenue = Decimal(profile.revenue)
            self.save(
                ProfileYear(
                    option=preferred,
                    year=base_year + offset,
                    capital=capital,
                    revenue=revenue,
                    displaced=capital + revenue if profile.displaces else Decimal(0),
                ),
                "Profile entered",
                by=project.manager,
            )
            if profile.displaces:
                # Doing nothing keeps paying the costs the investment would displace.
                self.save(
                    ProfileYear(
                        option=do_nothing, year=base_year + offset, revenue=capital + revenue
                    ),
                    "Profile entered",
                    by=project.manager,
                )
        case.approved_by_decision = decision
        case.approved_at = approved_at
        reason = f"Approved by decision {decision.reference}" if decision else "Approved by Cabinet"
        self.save(case, reason, by=self.secretary)
        return case

    def submit(self, *, title, kind, asked, by, item=None, project=None, case=None, **extra):
        submission = self.save(
            Submission(
                organisation=self.organisation,
                body=self.steering_group,
                kind=kind,
                title=title,
                asked=asked,
                submitted_by=by,
                service_area=by.service_area,
                project=project,
                business_case=case,
                status=Submission.Status.ACCEPTED if item else Submission.Status.SUBMITTED,
                item=item,
                **extra,
            ),
            "Submitted",
            by=by,
        )
        if item is not None:
            Submission.objects.filter(pk=submission.pk).update(
                submitted_at=at(item.meeting.on - timedelta(days=14), 10)
            )
        return submission


def _decision_of(item):
    return Decision.objects.filter(item=item).order_by("-id").first()


def load(organisation, people, today=None):
    if Project.objects.filter(organisation=organisation).exists():
        return
    today = today or timezone.localdate()
    portfolio = Portfolio(organisation, people, today)
    portfolio.strategy()
    projects = {spec.reference: portfolio.register(spec) for spec in PROJECTS}
    portfolio.correct_a_mistake(projects["ICT-002"])
    for waits, on, kind, note in DEPENDENCIES:
        portfolio.save(
            Dependency(
                organisation=organisation,
                project=projects[waits],
                depends_on=projects[on],
                kind=kind,
                note=note,
                created_by=portfolio.secretary,
            ),
            "Dependency recorded",
        )

    # Seed 003's investments: Cabinet approved the strategy and its funding a year ago, and
    # the steering group approved the Workflow business case with conditions.
    base_year = financial_year(today - timedelta(days=365))
    cabinet = at(date(base_year, 9, 27), 18)
    by_name = {project.name: project for project in projects.values()}
    steering_group = portfolio.steering_group
    workflow_item = AgendaItem.objects.filter(
        meeting__body=steering_group, title=WORKFLOW_CASE
    ).first()
    for name, profile in SEED_003.items():
        project = by_name[name]
        decision = _decision_of(workflow_item) if name == "Workflow Technologies" else None
        case = portfolio.business_case(
            project,
            profile,
            base_year=base_year,
            approved_at=decision.recorded_at if decision else cabinet,
            decision=decision,
        )
        if decision is not None:
            portfolio.submit(
                title=WORKFLOW_CASE,
                kind=Submission.Kind.BUSINESS_CASE,
                asked="To approve the business case for workflow technologies.",
                by=project.manager,
                item=workflow_item,
                project=project,
                case=case,
            )

    # What else came to the steering group from services and project boards.
    items = AgendaItem.objects.filter(meeting__body=steering_group).select_related("meeting")
    for item in items.filter(title__startswith="Highlight report from the Digital Delivery"):
        portfolio.submit(
            title=f"Digital Delivery Project Board highlight report – {item.meeting.on:%B %Y}",
            kind=Submission.Kind.HIGHLIGHT_REPORT,
            asked="To note the progress of the digital delivery projects.",
            by=people["member"],
            item=item,
        )
    crm = projects["ICT-005"]
    for title, kind, asked in [
        (
            "Business case for a new customer relationship management (CRM) system",
            Submission.Kind.BUSINESS_CASE,
            "To approve the business case for replacing the CRM and the move to procurement.",
        ),
        (
            "CRM replacement: contract award",
            Submission.Kind.REQUEST_FOR_RESOURCE,
            "To award the contract for the new CRM to the preferred supplier.",
        ),
    ]:
        item = items.filter(title=title).order_by("meeting__on").first()
        portfolio.submit(title=title, kind=kind, asked=asked, by=crm.manager, item=item,
                         project=crm)  # fmt: skip
    portfolio.submit(
        title="Client Technologies highlight report",
        kind=Submission.Kind.HIGHLIGHT_REPORT,
        asked="To note that the laptop roll-out has reached 62% of staff and recovered from "
        "the stock shortage.",
        by=projects["ICT-001"].manager,
        project=projects["ICT-001"],
    )
