"""The annual progress report's part of the demo council's checks: mixed into
steerco/tests/test_demo.py, which loads the demo once for them all (on 7 December 2026)."""

from datetime import date
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from steerco.accounts.models import Organisation, User
from steerco.governance.models import Body
from steerco.meetings.models import Decision
from steerco.portfolio import actions as portfolio_actions
from steerco.portfolio.models import Benefit, BenefitRealisation, Project
from steerco.progress_report.demo import BILLS_SAVED
from steerco.progress_report.models import Commentary, FrontMatter
from steerco.strategy.models import KPI, Measurement, Strategy


def _report(year, username="member"):
    organisation = Organisation.objects.get()
    strategy = Strategy.objects.get(organisation=organisation, is_current=True)
    client = Client()
    client.force_login(User.objects.get(username=username))
    address = reverse(
        "progress_report:report", kwargs={"org": organisation.slug, "strategy_pk": strategy.pk}
    )
    response = client.get(f"{address}?year={year}")
    assert response.status_code == 200
    return response.context["report"]


def _expected(year):
    """What the records hold for the year, read here in another way than the report does."""
    start, end = date(year, 4, 1), date(year + 1, 4, 1)
    organisation = Organisation.objects.get()
    projects = Project.objects.filter(organisation=organisation)
    started = {
        p.reference
        for p in projects
        if p.starts_on
        and start <= p.starts_on < end
        and p.stage in ("approved", "in_delivery", "closed")
    }
    delivered = set()
    for p in projects.filter(stage="closed"):
        closings = [
            row.history_date.astimezone().date() for row in p.history.all() if row.stage == "closed"
        ]
        if closings and start <= min(closings) < end:
            delivered.add(p.reference)
    realised = {}
    for entry in BenefitRealisation.objects.filter(benefit__project__organisation=organisation):
        if start <= entry.on < end and not hasattr(entry, "corrected_by"):
            realised[entry.benefit_id] = realised.get(entry.benefit_id, 0) + (entry.value or 0)
    benefits = {
        b.pk
        for b in Benefit.objects.filter(project__organisation=organisation)
        if (b.target_on and start <= b.target_on < end) or b.pk in realised
    }
    current = Strategy.objects.get(organisation=organisation, is_current=True)
    kpis = {}
    for kpi in KPI.objects.filter(theme__strategy=current):
        shown = [
            m
            for m in Measurement.objects.filter(kpi=kpi).order_by("period_starts_on")
            if start <= m.period_starts_on < end
        ]
        kpis[kpi.name] = shown[-1].status if shown else None
    steering_group = Body.objects.filter(
        organisation=organisation, kind=Body.Kind.STEERING_GROUP
    ).order_by("pk")[0]
    decisions = {
        d.reference
        for d in Decision.objects.filter(body=steering_group)
        if start <= d.item.meeting.on < end
    }
    return started, delivered, benefits, realised, kpis, decisions


class ProgressReportDemoChecks:
    def test_the_demo_has_benefits_due_and_realised_in_the_last_year(self):
        report = _report(2025)
        bills = [b for b in report.benefits.rows if b.description == BILLS_SAVED]
        assert [(b.planned, b.realised, b.entries) for b in bills] == [
            (Decimal("18000.00"), Decimal("18000.00"), 2)
        ]
        cashable, non_cashable = report.benefits.totals
        assert (cashable.planned, cashable.realised) == (Decimal("18000.00"), Decimal("18000.00"))
        assert non_cashable.realised == Decimal("8000.00")

    def test_the_demo_annual_report_lists_exactly_what_the_records_hold_for_the_year(self):
        for year in (2025, 2026):
            report = _report(year)
            started, delivered, benefits, realised, kpis, decisions = _expected(year)
            assert {p.reference for p in report.projects.started} == started
            assert {p.reference for p in report.projects.delivered} == delivered
            assert {b.pk for b in report.benefits.rows} == benefits
            assert {b.pk: b.realised for b in report.benefits.rows if b.realised} == {
                pk: value for pk, value in realised.items() if value
            }
            assert {k.name: (k.latest.status if k.latest else None) for k in report.kpis} == kpis
            assert {d.reference for d in report.decisions} == decisions
        # The demo has something in each, so the checks above are not of empty lists.
        report = _report(2026)
        assert report.projects.started or report.projects.delivered
        assert report.benefits.rows and report.kpis and report.decisions and report.risks

    def test_the_demo_annual_report_changes_when_a_record_changes(self):
        benefit = Benefit.objects.filter(kind="cashable").order_by("pk").first()
        before = {b.pk: b.realised for b in _report(2026).benefits.rows}
        portfolio_actions.record_realisation(
            benefit,
            on=date(2026, 12, 1),
            value=Decimal("1234.00"),
            evidence="Invoice",
            by=User.objects.get(username="admin"),
        )
        after = {b.pk: b.realised for b in _report(2026).benefits.rows}
        assert after[benefit.pk] == before.get(benefit.pk, 0) + Decimal("1234.00")

    def test_the_demo_has_commentary_and_front_matter_for_the_last_year(self):
        report = _report(2025)
        assert set(report.commentary) == {value for value, _, _ in report.sections}
        assert Commentary.objects.filter(year=2025).count() == 8
        assert report.front_matter.missing == ["the date of the report", "the contact officer"]
        assert report.front_matter.appendix_list and report.front_matter.financial
        assert FrontMatter.objects.get().history.count() == 1

    def test_the_demo_has_a_past_year_of_deliveries_slips_and_moving_risks(self):
        report = _report(2025)
        assert {p.reference for p in report.projects.delivered} == {"ICT-006"}
        assert {p.reference for p in report.projects.slipped} == {"ICT-001", "ICT-002"}
        assert all(project.moved for project in report.projects.slipped)
        assert {risk.movement for risk in report.risks} == {"New", "Better", "No change"}
        assert report.risk_implications.startswith(f"The top {len(report.risks)} open risks")
        # The history is dated as the projects' own dates tell it, oldest first.
        project = Project.objects.get(reference="ICT-006")
        stages = [row.stage for row in project.history.order_by("history_date", "history_id")]
        assert stages[:4] == ["business_case", "approved", "in_delivery", "closed"]
