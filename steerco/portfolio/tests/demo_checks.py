"""The portfolio part of the demo council's checks: mixed into steerco/tests/test_demo.py, which
loads the demo once for them all."""

from decimal import Decimal

import networkx as nx
from django.db.models import F, Q, Sum
from django.utils import timezone

from steerco.meetings.models import Decision
from steerco.portfolio.models import (
    Benefit,
    BenefitRealisation,
    BusinessCase,
    ConfidenceAssessment,
    Dependency,
    ProductUse,
    ProfileYear,
    Project,
    Submission,
)
from steerco.portfolio.realisation import (
    overdue_benefits,
    overdue_lines,
    portfolio_totals,
    total,
)
from steerco.strategy.models import Theme

SEED_003_AREAS = {
    "Client Technologies",
    "Home Working",
    "Workflow Technologies",
    "Mobility Technologies",
}


def preferred_years(**filters):
    """The yearly rows of the preferred options of the approved business cases."""
    return ProfileYear.objects.filter(
        option__preferred=True, option__business_case__status=BusinessCase.Status.APPROVED
    ).filter(**filters)


class PortfolioDemoChecks:
    def test_the_demo_portfolio_reproduces_the_figures_of_seed_003(self):
        cases = BusinessCase.objects.filter(status=BusinessCase.Status.APPROVED)
        assert {case.project.name for case in cases} == SEED_003_AREAS
        cost = Sum("capital") + Sum("revenue")
        years = preferred_years()
        # Ten financial years from the base year, for each area.
        for case in cases:
            assert case.horizon_years == 10
            assert sorted(
                years.filter(option__business_case=case).values_list("year", flat=True)
            ) == list(range(case.base_year, case.base_year + 10))
        # £11.85m over ten years in all.
        assert years.aggregate(total=cost)["total"] == Decimal("11850000")
        # £9.8m of it cash neutral: Client Technologies and Home Working displace what they cost.
        neutral = years.filter(
            option__business_case__project__name__in=["Client Technologies", "Home Working"]
        )
        assert neutral.aggregate(total=cost)["total"] == Decimal("9800000")
        assert neutral.aggregate(total=Sum("displaced"))["total"] == Decimal("9800000")
        assert not neutral.exclude(displaced=F("capital") + F("revenue")).exists()
        # £2.05m needing investment: Workflow and Mobility, £750,000 capital and £130,000 a year.
        investment = years.exclude(
            option__business_case__project__name__in=["Client Technologies", "Home Working"]
        )
        assert investment.aggregate(
            capital=Sum("capital"), revenue=Sum("revenue"), displaced=Sum("displaced")
        ) == {
            "capital": Decimal("750000"),
            "revenue": Decimal("1300000"),
            "displaced": Decimal("0"),
        }
        assert (
            list(
                investment.values("year")
                .annotate(revenue=Sum("revenue"))
                .values_list("revenue", flat=True)
            )
            == [Decimal("130000")] * 10
        )
        assert investment.aggregate(total=cost)["total"] == Decimal("2050000")

    def test_the_demo_portfolio_tells_its_story(self):
        today = timezone.localdate()
        projects = Project.objects.all()
        assert projects.count() == 16
        assert Theme.objects.count() == 5
        # The Workflow business case went to a held meeting of the steering group and was approved
        # with conditions there; the decision approved the case and moved the project on.
        workflow = BusinessCase.objects.get(project__name="Workflow Technologies")
        decision = workflow.approved_by_decision
        assert decision.outcome == Decision.Outcome.APPROVED_WITH_CONDITIONS
        assert decision.item.meeting.on < today
        assert decision.body.short_name == "DSSG"
        assert workflow.project.stage == Project.Stage.APPROVED
        submission = Submission.objects.get(business_case=workflow)
        assert (submission.item, submission.status) == (decision.item, Submission.Status.ACCEPTED)
        # Highlight reports brought to the group, one still waiting for the secretary.
        reports = Submission.objects.filter(kind=Submission.Kind.HIGHLIGHT_REPORT)
        assert reports.filter(status=Submission.Status.ACCEPTED).count() == 4
        assert reports.filter(status=Submission.Status.SUBMITTED).count() == 1
        # One chain of three that must finish in turn, and no cycle anywhere.
        graph = nx.DiGraph(
            list(Dependency.objects.values_list("project__reference", "depends_on__reference"))
        )
        assert nx.is_directed_acyclic_graph(graph)
        finish_first = nx.DiGraph(
            list(
                Dependency.objects.filter(kind=Dependency.Kind.FINISH_FIRST).values_list(
                    "project__reference", "depends_on__reference"
                )
            )
        )
        assert nx.dag_longest_path_length(finish_first) == 2
        assert set(ProductUse.objects.values_list("use", flat=True)) == set(ProductUse.Use)
        # Confidence with its history.
        assert ConfidenceAssessment.objects.values("project").distinct().count() >= 10
        assert max(p.confidence_assessments.count() for p in projects) == 3
        # Benefits, some realised, some past their date, and a correction kept beside its entry.
        # (The thirteenth, the council tax account's bills saved, is the annual report's:
        # due and realised in the last year that has ended, progress_report/demo.py.)
        assert Benefit.objects.count() == 13
        organisation = projects.first().organisation
        assert total(portfolio_totals(organisation)).realised > 0
        overdue = overdue_lines(list(overdue_benefits(organisation, today)))
        assert {b.description for b in overdue} == {
            "Office accommodation released at Bank House",
            "Fewer council tax calls to the contact centre",
            "Printing and postage of paper permits stopped",
        }
        correction = BenefitRealisation.objects.get(~Q(reason=""))
        assert (correction.corrects.value, correction.value) == (
            Decimal("750000"),
            Decimal("75000"),
        )
