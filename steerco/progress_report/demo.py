"""The demo council's annual progress report: the head of ICT's commentary on the last
financial year that has ended of the current strategy (seed 004: "the Head of ICT will produce
a report each year outlining progress in achieving the objectives of this strategy"), with the
front matter of the report to the City Executive Board, and the past its projects' history
would hold had the council kept them in steerco for years, and benefits due and realised in
that year. A second load writes nothing."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from steerco.portfolio import actions as portfolio_actions
from steerco.portfolio.models import Benefit, BenefitRealisation, Project
from steerco.progress_report import actions
from steerco.progress_report.models import Commentary, FrontMatter
from steerco.progress_report.rules.years import bounds, financial_year, label
from steerco.strategy.models import Strategy

COMMENTARY = {
    "summary": "The strategy's themes moved forward in the year: more services are online, "
    "and the portfolio delivered what the steering group approved, with some slippage.",
    "progress": "Progress is measured from the action plan, its milestones and the projects "
    "that deliver each objective.",
    "projects": "The projects that slipped did so for supplier capacity; their boards have "
    "agreed revised plans.",
    "benefits": "The council tax account's e-billing saved what was planned for the year; the "
    "savings from the print contract start next year.",
    "kpis": "Service availability stayed near its target; user satisfaction rose.",
    "risks": "The top risks are under treatment and reported to each steering group meeting.",
    "decisions": "The steering group's decisions are listed with their references.",
    "actions": "The open actions are followed up at each meeting of the steering group.",
}


# Projects whose end date was put back in their first year of delivery: days put back, why.
SLIPPED = {
    "ICT-001": (120, "End date put back: the laptop stock shortage delayed the roll-out."),
    "ICT-002": (90, "End date put back: the VPN procurement was re-run."),
}
STAGES = Project.Stage
AHEAD = {STAGES.APPROVED, STAGES.IN_DELIVERY, STAGES.CLOSED}


def _at(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def give_projects_a_past(organisation, today):
    """The demo registers its projects on the day it is loaded, so their history would begin
    then and no past year would show a delivery or a slip. This dates each project's history
    as its own dates tell it: registered a year before it started (as a business case, if it
    went ahead), approved two months before its start, in delivery from its start, closed on
    its end date; `SLIPPED` put their end dates back two months into delivery."""
    history = Project.history.model.objects
    for project in Project.objects.filter(organisation=organisation).order_by("pk"):
        rows = history.filter(id=project.pk).order_by("history_date", "history_id")
        first = rows.first()
        if first is None or project.starts_on is None or project.ends_on is None:
            continue
        start = min(project.starts_on, today)
        slip_days, why = SLIPPED.get(project.reference, (0, ""))
        steps = []  # (day, changes, reason), oldest first
        if project.stage in AHEAD:
            steps.append((start - dt.timedelta(days=60), {"stage": STAGES.APPROVED}, "Approved"))
        if project.stage in (STAGES.IN_DELIVERY, STAGES.CLOSED) and project.starts_on <= today:
            steps.append((project.starts_on, {"stage": STAGES.IN_DELIVERY}, "In delivery"))
        if slip_days:
            steps.append(
                (project.starts_on + dt.timedelta(days=60), {"ends_on": project.ends_on}, why)
            )
        if project.stage == STAGES.CLOSED and project.ends_on < today:
            steps.append((project.ends_on, {"stage": STAGES.CLOSED}, "Closed"))
        first.history_date = _at(start - dt.timedelta(days=365))
        first.stage = STAGES.BUSINESS_CASE if project.stage in AHEAD else project.stage
        first.ends_on = project.ends_on - dt.timedelta(days=slip_days)
        first.save()
        row = first
        for day, changes, reason in steps:
            row.pk = None
            row.history_type = "~"
            row.history_date = _at(day)
            row.history_change_reason = reason
            for name, value in changes.items():
                setattr(row, name, value)
            row.save()


# A benefit of the council tax account (closed in the last year that has ended) due in that
# year, and what it and the missed bin reporting realised in it: the report's benefits and
# their totals are not empty for the year the demo's commentary is written on.
BILLS_SAVED = "Council tax bills no longer printed and posted"


def give_the_year_benefits(organisation, people, year):
    """Through the portfolio's actions, dated in `year` (a year that has ended); once."""
    projects = Project.objects.filter(organisation=organisation)
    account = projects.filter(reference="ICT-006").first()
    bins = projects.filter(reference="ICT-007").first()
    if account is None or Benefit.objects.filter(project=account, description=BILLS_SAVED).exists():
        return
    start, end = bounds(year)
    last_day = end - dt.timedelta(days=1)
    by = people["admin"]
    bills = portfolio_actions.add_benefit(
        account,
        description=BILLS_SAVED,
        kind=Benefit.Kind.CASHABLE,
        measure="£ a year of printing and postage of council tax bills",
        baseline="£36,000 a year",
        target_value=Decimal("18000"),
        target_on=end - dt.timedelta(days=31),
        owner=account.manager,
        by=by,
    )
    for on, value, evidence in (
        (start + dt.timedelta(days=120), "6000", "Print run reduced after e-billing sign-ups."),
        (end - dt.timedelta(days=45), "12000", "Annual billing: 41% of bills sent by email."),
    ):
        portfolio_actions.record_realisation(
            bills, on=on, value=Decimal(value), evidence=evidence, by=by, today=last_day
        )
    reports = Benefit.objects.filter(project=bins, kind=Benefit.Kind.NON_CASHABLE).first()
    evidence = "Officer time no longer spent taking missed bin reports by phone."
    if (
        reports
        and not BenefitRealisation.objects.filter(benefit=reports, evidence=evidence).exists()
    ):
        portfolio_actions.record_realisation(
            reports,
            on=end - dt.timedelta(days=90),
            value=Decimal("8000"),
            evidence=evidence,
            by=by,
            today=last_day,
        )


def load(organisation, people, today=None):
    today = today or timezone.localdate()
    strategy = Strategy.objects.filter(organisation=organisation, is_current=True).first()
    if strategy is None:
        return
    year = financial_year(today) - 1
    author = people["admin"]
    if not FrontMatter.objects.filter(strategy__organisation=organisation).exists():
        give_projects_a_past(organisation, today)
    give_the_year_benefits(organisation, people, year)
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
                financial="None from this report: the projects' costs are in their business "
                "cases and the council's capital programme.",
                legal="None from this report. The legislation register lists the laws the "
                "strategy answers.",
                equality="None from this report: each project assesses its own effect on "
                "people with protected characteristics.",
                appendices="The KPIs' measurements for the year\nThe risk register's top risks",
                # Risk implications are said from the report's top risks.
                # The report date and contact officer are left for the head of ICT: the
                # report shows what is still missing.
            ),
            by=author,
        )
