"""The demo council's documents: the agenda packs of its meetings still ahead whose agenda is
published, built at once (the demo has no task worker running when it loads), and seed 004's
report to the City Executive Board in the council report format, and the key decision the
steering group takes at its next meeting (the CRM contract award), on the forward plan since
the group's meeting before it. A second load builds and writes nothing: those meetings have
their packs, and the items their reports."""

from datetime import date

from django.utils import timezone

from steerco.documents import actions
from steerco.documents.models import CouncilReport
from steerco.meetings.models import AgendaItem

SEED_004_REPORT = {
    "title": "ICT Strategy",
    "report_of": "Adrian Orchard, Head of ICT Strategy",
    "report_date": date(2011, 12, 7),
    "purpose": "To propose a strategy for the procurement and management of the Council's IT "
    "Systems for the forthcoming five years.",
    "key_decision": True,
    "lead_member": "Cllr Ed Turner",
    "policy_framework": "Efficient and Effective Council",
    "summary": "The previous ICT strategy was finalised in 2009 to cover the period to 2012. "
    "Since its completion new circumstances have affected the priorities of the authority.\n\n"
    "The aim of this new strategy is to outline how the Council will align its information "
    "systems with the strategic priorities of the Council to drive business improvement, "
    "deliver added value, and be an enabler of change.",
    "recommendations": "That the City Executive Board approve the draft IT Strategy and "
    "associated action plan.",
    "detail": "The draft ICT Strategy sets out five core themes for delivery of IT within the "
    "Council, underpinned by strong governance of ICT project prioritisation and expenditure.\n\n"
    "A key criterion for any IT based project to commence is its conformance to corporate "
    "objectives and this Strategy, and this will be assessed by the ICT Governance Group. The "
    "Head of ICT will produce a report each year outlining progress in achieving the objectives "
    "of this strategy.",
    "financial": "The strategy has been written taking into account the current budget for FY "
    "2011/12 and the indicative budget for the following four years.",
    "legal": "None arising from this report.",
    "equality": "There are no likely equality impacts.",
    "risk": "A risk assessment is attached at Appendix 2.",
    "contact_officer": "Adrian Orchard, Head of ICT Strategy",
}


CRM_CONTRACT_AWARD = {
    "title": "CRM replacement: contract award",
    "report_of": "Dan Hughes, ICT Project Manager",
    "purpose": "To award the contract for the replacement customer relationship management "
    "system, following the open tender approved in the business case.",
    "key_decision": True,
    "lead_member": "Cabinet Member for Finance and Digital",
    "policy_framework": "ICT Strategy: Digital First",
    "summary": "The tender for the replacement CRM closed with four compliant bids. The "
    "evaluation panel scored them on quality (60%) and price (40%).",
    "recommendations": "That the group recommends the award of the CRM contract to the "
    "highest-scoring bidder.\nThat the group notes the implementation plan and its milestones.",
    "detail": "The evaluation report is restricted: it holds the bidders' commercial "
    "information (Local Government Act 1972, Schedule 12A, paragraph 3).",
    "financial": "The award is within the capital budget approved in the business case; the "
    "running cost replaces the current system's support contract.",
    "legal": "The procurement followed the Procurement Act 2023; the standstill period applies "
    "before the contract is signed.",
    "equality": "The new system meets the public sector bodies accessibility regulations.",
    "risk": "Data migration from the current system is the main delivery risk; it is on the "
    "risk register with its mitigating actions.",
    "contact_officer": "Dan Hughes, ICT Project Manager",
}


def load(organisation, people, today=None):
    today = today or timezone.localdate()
    for meeting in actions.meetings_needing_packs(today).filter(organisation=organisation):
        actions.build_packs(meeting)
    item = AgendaItem.objects.filter(
        meeting__organisation=organisation, meeting__on=date(2011, 12, 7), title="ICT Strategy"
    ).first()
    if item is not None and not CouncilReport.objects.filter(item=item).exists():
        actions.save_council_report(CouncilReport(item=item, **SEED_004_REPORT), by=people["admin"])
    _report_the_contract_award(organisation, people, today)


def _report_the_contract_award(organisation, people, today):
    """The next meeting's key decision, on the forward plan since the meeting before it: more
    than 28 clear days' notice, so the plan shows it without an urgency reason."""
    item = (
        AgendaItem.objects.filter(
            meeting__organisation=organisation,
            meeting__on__gt=today,
            title=CRM_CONTRACT_AWARD["title"],
        )
        .select_related("meeting")
        .first()
    )
    if item is None or CouncilReport.objects.filter(item=item).exists():
        return
    previous = item.meeting.body.meetings.filter(on__lt=item.meeting.on).order_by("-on").first()
    report = CouncilReport(
        item=item,
        report_date=today,
        on_forward_plan_since=previous.on,
        **CRM_CONTRACT_AWARD,
    )
    actions.save_council_report(report, by=people["secretary"])
