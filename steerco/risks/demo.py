"""The register's part of `manage.py load_demo`: twenty ICT and digital risks of the seeds'
world, linked to the demo projects, each with its assessments over the past year. Two are
outside appetite, and one of those is on the agenda of the steering group's next meeting; the
other is escalated to the group by the project board of the project it threatens.
Everything goes through the register's actions, as a person would enter it."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from steerco.governance.models import Body
from steerco.meetings.models import Meeting
from steerco.portfolio.models import BusinessCase, Project
from steerco.risks import actions
from steerco.risks.models import Risk, RiskCategory


@dataclass
class RiskSpec:
    title: str
    category: str
    owner: str
    cause: str
    event: str
    consequence: str
    controls: str
    # The assessments, oldest first: (days ago, inherent, current, target, note), each rating
    # as (likelihood, impact).
    history: list
    projects: list = field(default_factory=list)
    treatment: str = "treat"
    proximity: str = "near"
    money: str | None = None
    restricted: bool = False
    whole_service: bool = False


def _history(*steps):
    return list(steps)


RISKS = [
    RiskSpec(
        "Disaster recovery facilities not proven",
        "Technology",
        "sam.okafor",
        "The second data centre has not been failed over to since the move of the main "
        "systems, and the recovery plan predates the cloud migration.",
        "A fire, flood or power failure at the main data centre takes the council's systems "
        "down and recovery takes days rather than hours.",
        "Council tax, benefits, social care case records and the contact centre stop; the "
        "council cannot meet its statutory duties to vulnerable residents.",
        "Nightly backups copied off site; a recovery plan last tested in part.",
        _history(
            (700, (4, 5), (3, 4), (2, 3), "Recorded from the ICT service risk log."),
            (330, (4, 5), (3, 4), (2, 3), "Annual review: no change."),
            (200, (4, 5), (3, 4), (2, 3), "Quarterly review: no change."),
            (20, (4, 5), (4, 4), (2, 3), "The failover test was postponed again: likelier."),
        ),
        projects=["ICT-012"],
        proximity="imminent",
        money="750000",
        whole_service=True,
    ),
    RiskSpec(
        "CRM supplier fails to deliver the replacement",
        "Commercial",
        "officer",
        "The preferred supplier is small and is delivering for three other councils at once.",
        "The supplier misses the build milestones or fails financially.",
        "The old CRM's support ends before the new one is live; the contact centre works "
        "from spreadsheets.",
        "Milestone payments; escrow of the source code agreed in the contract.",
        _history(
            (150, (4, 4), (3, 4), (2, 3), "Raised at contract award."),
            (45, (4, 4), (4, 4), (2, 3), "Two milestones slipped: likelier."),
        ),
        projects=["ICT-005"],
        money="400000",
    ),
    RiskSpec(
        "Ransomware attack encrypts council systems",
        "Security",
        "sam.okafor",
        "Phishing emails and unpatched remote access are the commonest way in.",
        "An attacker encrypts the council's file servers and demands a ransom.",
        "Services stop for weeks; personal data may be published.",
        "Cyber Essentials Plus controls; immutable backups; multi-factor sign-in for all "
        "staff; 24-hour security monitoring.",
        _history(
            (650, (4, 5), (3, 3), (1, 3), "Assessed with the Cyber Essentials Plus renewal."),
            (300, (4, 5), (2, 3), (1, 3), "Backups copied off site daily: less likely."),
            (120, (4, 5), (2, 2), (1, 3), "Immutable backups in place: less impact."),
        ),
        projects=["ICT-015"],
        treatment="treat",
        restricted=True,
        whole_service=True,
    ),
    RiskSpec(
        "Shortage of cloud and security skills",
        "People",
        "mark.ellis",
        "The council's pay for technical posts is below the market's.",
        "Key posts stay vacant or the staff who know the systems leave.",
        "Projects slow down and the council depends on expensive contractors.",
        "Market supplement for two posts; apprenticeship scheme; knowledge base.",
        _history(
            (280, (4, 3), (3, 3), (2, 3), "Two vacancies unfilled for six months."),
            (90, (4, 3), (3, 3), (2, 3), "One post filled."),
        ),
        projects=["ICT-012", "ICT-013"],
    ),
    RiskSpec(
        "Capital funding for the ICT strategy cut",
        "Financial",
        "priya.shah",
        "The medium-term financial plan has a gap the council must close.",
        "Cabinet reduces or defers the capital agreed for the ICT strategy.",
        "Projects are stopped or phased and the savings they carry are not made.",
        "The investments are cash neutral or save money; the business cases are approved.",
        _history(
            (250, (3, 4), (2, 4), (2, 3), "Budget round."),
            (60, (3, 4), (2, 4), (2, 3), "No change after the budget consultation."),
        ),
        money="1200000",
        whole_service=True,
    ),
    RiskSpec(
        "Staff do not adopt the new workflow tools",
        "Operations",
        "member",
        "Services have their own paper and spreadsheet processes and little time to change.",
        "Staff keep to the old ways and the new workflows are little used.",
        "The benefits of the Workflow Technologies business case are not realised.",
        "A champion in each service; training plan; adoption reported to the project board.",
        _history(
            (240, (4, 3), (3, 3), (2, 2), "Raised with the business case."),
            (70, (4, 3), (2, 3), (2, 2), "Champions in place in five services."),
        ),
        projects=["ICT-003"],
    ),
    RiskSpec(
        "Legacy housing system out of support",
        "Technology",
        "sam.okafor",
        "The housing system runs on a database version its maker no longer supports.",
        "A fault or a security flaw cannot be fixed.",
        "Housing repairs and allocations stop or run on paper.",
        "Extended support bought for a year; isolated network segment.",
        _history(
            (210, (4, 4), (3, 3), (2, 2), "Extended support bought."),
            (50, (4, 4), (3, 3), (2, 2), "Replacement in the housing repairs project."),
        ),
        projects=["ICT-009"],
        money="150000",
    ),
    RiskSpec(
        "Cloud migration costs more than planned",
        "Financial",
        "priya.shah",
        "Cloud charges depend on use, which is hard to forecast before the move.",
        "The monthly cloud bill is higher than the business case assumed.",
        "The data centre move does not save what it promised.",
        "Reserved instances for the known workloads; monthly cost reports.",
        _history(
            (180, (3, 3), (2, 3), (2, 2), "Raised at the start of the move."),
            (40, (3, 3), (2, 3), (2, 2), "First three months within budget."),
        ),
        projects=["ICT-012"],
        money="200000",
    ),
    RiskSpec(
        "Personal data sent to the wrong recipient",
        "Information",
        "helen.price",
        "Staff email personal data by hand and autocomplete picks the wrong address.",
        "Personal data reaches someone not entitled to it.",
        "A report to the Information Commissioner and harm to the person.",
        "Data protection training each year; email warnings for outside addresses.",
        _history(
            (260, (4, 3), (2, 3), (2, 2), "Two incidents last year."),
            (80, (4, 3), (2, 3), (2, 2), "No incident this quarter."),
        ),
        projects=["ICT-014"],
    ),
    RiskSpec(
        "Microsoft 365 licence costs rise at renewal",
        "Commercial",
        "priya.shah",
        "Microsoft's public sector prices rise with each agreement.",
        "The renewal costs more than the budget holds.",
        "Savings must be found elsewhere or licences reduced.",
        "Licence review; Crown Commercial Service agreement.",
        _history(
            (160, (4, 3), (3, 3), (3, 2), "Renewal due."),
            (30, (4, 3), (3, 2), (3, 2), "Unused licences removed."),
        ),
        projects=["ICT-010"],
        proximity="imminent",
        money="90000",
    ),
    RiskSpec(
        "Copilot exposes documents staff should not see",
        "Information",
        "sam.okafor",
        "Permissions on shared sites are wider than intended.",
        "The assistant surfaces restricted documents in its answers.",
        "A data breach inside the council.",
        "Pilot limited to fifty staff; permissions review of the shared sites first.",
        _history(
            (100, (3, 4), (2, 3), (1, 3), "Raised for the pilot."),
            (25, (3, 4), (2, 3), (1, 3), "Permissions review half done."),
        ),
        projects=["ICT-011"],
    ),
    RiskSpec(
        "Network refresh disrupts frontline sites",
        "Operations",
        "sam.okafor",
        "Each site's switches are replaced in working hours for lack of out-of-hours staff.",
        "Sites lose their network for part of a day.",
        "Libraries, depots and contact points cannot serve residents for a time.",
        "Changes booked with each site; mobile data as fallback.",
        _history(
            (140, (3, 3), (3, 2), (2, 2), "Raised with the project plan."),
            (35, (3, 3), (2, 2), (2, 2), "First ten sites done without complaint."),
        ),
        projects=["ICT-013"],
    ),
    RiskSpec(
        "Telephony switch-off catches the council unprepared",
        "Technology",
        "officer",
        "The national switch-off of the analogue telephone network.",
        "Lines for alarms and lifts stop working before they are moved.",
        "Alarms in council buildings and sheltered housing fail.",
        "Inventory of analogue lines; replacement contract let.",
        _history(
            (190, (4, 4), (3, 3), (2, 2), "Inventory started."),
            (55, (4, 4), (2, 3), (2, 2), "Inventory complete; sheltered housing first."),
        ),
        projects=["ICT-016"],
    ),
    RiskSpec(
        "Online council tax account has low take-up",
        "Project / programme",
        "member",
        "Residents are used to phoning and do not know the account exists.",
        "Few residents register and calls do not fall.",
        "The contact centre saving is not made.",
        "Campaign with the annual bills; registration at the counter.",
        _history(
            (120, (3, 3), (3, 3), (2, 2), "Raised at launch."),
            (30, (3, 3), (2, 3), (2, 2), "Take-up rising after the bills campaign."),
        ),
        projects=["ICT-006"],
        treatment="tolerate",
    ),
    RiskSpec(
        "Records lost in the move to electronic document management",
        "Information",
        "helen.price",
        "Paper files and shared drives are moved by each service.",
        "Records are lost, duplicated or filed where no one finds them.",
        "The council cannot answer a request or prove a decision.",
        "Retention schedule; migration checklist signed off by each service.",
        _history(
            (170, (3, 4), (2, 3), (2, 2), "Raised with the project."),
            (65, (3, 4), (2, 3), (2, 2), "Three services migrated without loss."),
        ),
        projects=["ICT-014"],
    ),
    RiskSpec(
        "Mobile devices lost with council data",
        "Security",
        "officer",
        "Staff working in the field carry laptops and phones.",
        "A device is lost or stolen.",
        "Council data is exposed if the device is not protected.",
        "Encryption and remote wipe on every device; Intune management.",
        _history(
            (220, (4, 3), (2, 2), (1, 2), "Raised with Mobility Technologies."),
            (75, (4, 3), (2, 2), (1, 2), "Remote wipe tested."),
        ),
        projects=["ICT-004"],
        treatment="transfer",
    ),
    RiskSpec(
        "Home working equipment not refreshed",
        "Operations",
        "mark.ellis",
        "Home working kit was bought in one go and ages together.",
        "Equipment fails at once across many homes.",
        "Staff cannot work and the service desk is overwhelmed.",
        "Five-year refresh cycle in the Client Technologies plan.",
        _history(
            (230, (3, 3), (2, 3), (2, 2), "Raised with Home Working."),
            (85, (3, 3), (2, 3), (2, 2), "Refresh funded."),
        ),
        projects=["ICT-002", "ICT-001"],
    ),
    RiskSpec(
        "Parking permits service misses the new permit year",
        "Project / programme",
        "rachel.doyle",
        "The new service depends on the payment provider's integration.",
        "The online service is not live when permits are renewed.",
        "Residents queue at the counter; complaints rise.",
        "Paper renewals kept as fallback; weekly checkpoint with the supplier.",
        _history(
            (110, (3, 3), (3, 3), (2, 2), "Integration late."),
            (28, (3, 3), (2, 3), (2, 2), "Integration tested."),
        ),
        projects=["ICT-008"],
        proximity="imminent",
    ),
    RiskSpec(
        "Missed bin reports not passed to the crews",
        "Reputational",
        "rachel.doyle",
        "The online form and the crews' in-cab system are not yet linked.",
        "Reports are keyed again by hand or missed.",
        "Bins are not collected after a report; complaints and press interest.",
        "Daily export checked by the waste team.",
        _history(
            (130, (3, 3), (3, 3), (2, 2), "Raised at go-live."),
            (40, (3, 3), (2, 3), (2, 2), "Daily check in place."),
        ),
        projects=["ICT-007"],
    ),
    RiskSpec(
        "Governance of the ICT strategy loses momentum",
        "Governance",
        "priya.shah",
        "Steering group meetings are cancelled or inquorate.",
        "Decisions on projects are delayed.",
        "Projects wait for approvals and the strategy slips.",
        "Quorum rule and substitutes in the terms of reference; forward plan of meetings.",
        _history(
            (300, (3, 3), (2, 2), (2, 2), "Raised at the annual review."),
            (100, (3, 3), (2, 2), (2, 2), "All meetings quorate this year."),
        ),
        whole_service=True,
        treatment="tolerate",
    ),
]

# The risk the secretary accepts onto the steering group's next agenda.
ACCEPTED = "Disaster recovery facilities not proven"
# The risk its owner escalates from its project's board to the steering group (which the board
# reports to): on the group's risks for escalation, with who escalated it, when and why.
ESCALATED = "CRM supplier fails to deliver the replacement"


def load(organisation, people, today=None):
    if Risk.objects.filter(organisation=organisation).exists():
        return
    today = today or timezone.localdate()
    loaded_at = timezone.now()
    actions.set_up_register(organisation)
    categories = {c.name: c for c in RiskCategory.objects.filter(organisation=organisation)}
    projects = {p.reference: p for p in Project.objects.filter(organisation=organisation)}
    risks = {}
    for spec in RISKS:
        days_ago, inherent, current, target, note = spec.history[0]
        owner = people[spec.owner]
        linked = [projects[reference] for reference in spec.projects if reference in projects]
        risk = actions.create_risk(
            organisation,
            by=owner,
            on=today - timedelta(days=days_ago),
            scores=_scores(inherent, current, target),
            note=note,
            links={
                "projects": linked,
                "business_cases": list(
                    BusinessCase.objects.filter(project__in=linked, restricted=False)
                ),
            },
            title=spec.title,
            cause=spec.cause,
            event=spec.event,
            consequence=spec.consequence,
            category=categories[spec.category],
            owner=owner,
            controls=spec.controls,
            treatment=spec.treatment,
            proximity=spec.proximity,
            review_on=today + timedelta(days=60 + 7 * len(risks)),
            money_impact=Decimal(spec.money) if spec.money else None,
            restricted=spec.restricted,
            exemption="security" if spec.restricted else "",
            whole_service=spec.whole_service,
        )
        _dated(risk, today - timedelta(days=days_ago), loaded_at)
        for days_ago, inherent, current, target, note in spec.history[1:]:
            actions.reassess_risk(
                risk,
                by=owner,
                on=today - timedelta(days=days_ago),
                scores=_scores(inherent, current, target),
                note=note,
            )
            _dated(risk, today - timedelta(days=days_ago), loaded_at)
        risks[spec.title] = risk
    _accept_onto_the_next_agenda(organisation, people, risks[ACCEPTED], today)
    _escalate_from_its_board(risks[ESCALATED])


def _escalate_from_its_board(risk):
    project = risk.projects.select_related("board").filter(board__isnull=False).first()
    steering_group = Body.objects.filter(
        organisation_id=risk.organisation_id, kind=Body.Kind.STEERING_GROUP
    ).first()
    if project is None or steering_group is None:
        return
    actions.escalate_risk(
        risk,
        from_body=project.board,
        to=steering_group,
        by=risk.owner,
        reason="Two build milestones slipped and the supplier's accounts are late: the board "
        "asks the group to decide whether to invoke the escrow of the source code.",
    )


def _dated(risk, on, loaded_at):
    """Dates the history just written on the day of the assessment, as a register kept for
    years would have it: the annual progress report reads how the risks moved from it."""
    when = timezone.make_aware(datetime.combine(on, time(10)))
    Risk.history.filter(id=risk.pk, history_date__gte=loaded_at).update(history_date=when)


def _scores(inherent, current, target):
    scores = {}
    for which, rating in (("inherent", inherent), ("current", current), ("target", target)):
        scores[f"{which}_likelihood"], scores[f"{which}_impact"] = rating
    return scores


def _accept_onto_the_next_agenda(organisation, people, risk, today):
    body = Body.objects.filter(organisation=organisation, kind=Body.Kind.STEERING_GROUP).first()
    meeting = (
        Meeting.objects.upcoming(today)
        .filter(body=body, minutes_approved_at__isnull=True)
        .order_by("on", "pk")
        .first()
    )
    if meeting is None:
        return
    actions.accept_for_agenda(
        risk,
        meeting=meeting,
        by=people["secretary"],
        reason="Outside the technology appetite: the failover test was postponed again.",
        late_reason="Escalated from the risk register after the agenda was published."
        if meeting.is_published
        else "",
    )
