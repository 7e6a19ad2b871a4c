"""The demo council's annual progress report: the head of ICT's commentary on the last
financial year that has ended of the current strategy (seed 004: "the Head of ICT will produce
a report each year outlining progress in achieving the objectives of this strategy"), with the
front matter of the report to the City Executive Board. A second load writes nothing."""

from django.utils import timezone

from steerco.progress_report import actions
from steerco.progress_report.models import Commentary, FrontMatter
from steerco.progress_report.rules.years import financial_year, label
from steerco.strategy.models import Strategy

COMMENTARY = {
    "summary": "The strategy's themes moved forward in the year: more services are online, "
    "and the portfolio delivered what the steering group approved, with some slippage.",
    "progress": "Progress is measured from the action plan, its milestones and the projects "
    "that deliver each objective.",
    "projects": "The projects that slipped did so for supplier capacity; their boards have "
    "agreed revised plans.",
    "benefits": "Cashable savings are behind plan: the savings from the print contract start "
    "next year.",
    "kpis": "Service availability stayed near its target; user satisfaction rose.",
    "risks": "The top risks are under treatment and reported to each steering group meeting.",
    "decisions": "The steering group's decisions are listed with their references.",
    "actions": "The open actions are followed up at each meeting of the steering group.",
}


def load(organisation, people, today=None):
    today = today or timezone.localdate()
    strategy = Strategy.objects.filter(organisation=organisation, is_current=True).first()
    if strategy is None:
        return
    year = financial_year(today) - 1
    author = people["admin"]
    for section, text in COMMENTARY.items():
        if not Commentary.objects.filter(strategy=strategy, year=year, section=section).exists():
            actions.save_commentary(
                Commentary(strategy=strategy, year=year, section=section), text=text, by=author
            )
    if not FrontMatter.objects.filter(strategy=strategy, year=year).exists():
        actions.save_front_matter(
            FrontMatter(
                strategy=strategy,
                year=year,
                report_of="Adrian Orchard, Head of ICT Strategy",
                purpose=f"To report the progress of the ICT strategy in {label(year)}.",
                key_decision=False,
                lead_member="Cllr Ed Turner",
                policy_framework="Efficient and Effective Council",
                recommendations="That the City Executive Board notes the progress of the strategy.",
                # The report date and contact officer are left for the head of ICT: the
                # report shows what is still missing.
            ),
            by=author,
        )
