"""The demo council's documents: the agenda packs of its meetings still ahead whose agenda is
published, built at once (the demo has no task worker running when it loads), and seed 004's
report to the City Executive Board in the council report format. A second load builds and
writes nothing: those meetings have their packs, and the item its report."""

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


def load(organisation, people, today=None):
    today = today or timezone.localdate()
    for meeting in actions.meetings_needing_packs(today).filter(organisation=organisation):
        actions.build_packs(meeting)
    item = AgendaItem.objects.filter(
        meeting__organisation=organisation, meeting__on=date(2011, 12, 7), title="ICT Strategy"
    ).first()
    if item is not None and not CouncilReport.objects.filter(item=item).exists():
        actions.save_council_report(CouncilReport(item=item, **SEED_004_REPORT), by=people["admin"])
