"""A council report as it is circulated: its front matter with what the record says."""

from dataclasses import dataclass

from steerco.documents.models import CouncilReport
from steerco.meetings.models import Decision, Paper


@dataclass
class ReportDocument:
    report: CouncilReport
    appendices: list
    decisions: list

    @property
    def item(self):
        return self.report.item

    @property
    def meeting(self):
        return self.report.item.meeting

    @property
    def front_matter(self):
        """The summary table at the head of the report, as the seeds lay it out."""
        report = self.report
        rows = [
            ("To", self.meeting.body.name),
            ("Date", f"{report.report_date:%-d %B %Y}"),
            ("Report of", report.report_of),
            ("Title of report", report.title),
            ("Purpose of report", report.purpose),
            ("Key decision", "Yes" if report.key_decision else "No"),
        ]
        if report.lead_member:
            rows.append(("Executive lead member", report.lead_member))
        if report.policy_framework:
            rows.append(("Policy framework", report.policy_framework))
        return rows

    @property
    def appendix_names(self):
        return [
            f"Appendix {number}: {paper.title}"
            for number, paper in enumerate(self.appendices, start=1)
        ]

    @property
    def sections(self):
        """The body of the report: each heading with its paragraphs; empty parts left out."""
        report = self.report
        parts = [
            ("Summary", report.summary),
            ("Detail", report.detail),
            ("Financial implications", report.financial),
            ("Legal implications", report.legal),
            ("Equality implications", report.equality),
            ("Risk implications", report.risk),
        ]
        return [(heading, paragraphs(text)) for heading, text in parts if text.strip()]

    @property
    def decision_lines(self):
        return [
            f"{decision.reference}: {decision.get_outcome_display()}. {decision.statement}"
            for decision in self.decisions
        ]


def paragraphs(text):
    """Plain text as its paragraphs: a blank line between two."""
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def item_papers(item):
    """The papers the report lists as its appendices: the item's, not withdrawn."""
    return list(Paper.objects.filter(item=item, withdrawn_at__isnull=True).order_by("id"))


def report_document(report, papers):
    """`papers`: the item's papers (`item_papers`), which the reader may read."""
    decisions = list(Decision.objects.filter(item=report.item).order_by("id"))
    return ReportDocument(report=report, appendices=papers, decisions=decisions)
