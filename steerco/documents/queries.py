"""The documents' shared reads."""

from dataclasses import dataclass

from steerco.documents.models import CouncilReport
from steerco.documents.rules import forward_plan as notice
from steerco.meetings.models import Meeting


@dataclass
class PlanEntry:
    report: CouncilReport
    short_notice: str | None

    @property
    def meeting(self):
        return self.report.item.meeting


def forward_plan(organisation, today, body=None):
    """The key decisions of meetings still ahead (not cancelled), soonest first, each with
    whether it would be taken with short notice: the council's plan, or one body's."""
    reports = CouncilReport.objects.filter(
        item__meeting__organisation=organisation,
        item__meeting__on__gte=today,
        key_decision=True,
    )
    if body is not None:
        reports = reports.filter(item__meeting__body=body)
    reports = (
        reports.exclude(item__meeting__status=Meeting.Status.CANCELLED)
        .select_related("item__meeting__body", "item__meeting__organisation")
        .order_by("item__meeting__on", "item__position")
    )
    return [
        PlanEntry(
            report,
            notice.short_notice(report.on_forward_plan_since, report.item.meeting.on)
            if report.on_forward_plan_since
            else None,
        )
        for report in reports
    ]
