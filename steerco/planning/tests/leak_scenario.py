"""Investment planning's part of the leak walk's scenario (steerco/meetings/tests/test_leaks.py):
a scenario optimised on risk-adjusted values whose candidates are the project with the
restricted business case (Merganser: its title, option and figures are the portfolio's needles)
and a project linked to the restricted risk (Kestrel: the register's needles). Every person of
the council reads the scenario, so neither may show in it, its answer or its planning file. It
is recommended to `meeting`, so its agenda item and council report, whose risk implications
name the risks of the project chosen (Kestrel's restricted one among them), are walked too,
with the scoring model and the supplier's scores."""

from decimal import Decimal

from django.utils import timezone

from steerco.lib.dates import today
from steerco.planning import actions
from steerco.planning.models import Scenario
from steerco.portfolio.models import BusinessCase, Option, ProfileYear, Project
from steerco.risks.models import Risk


def planning_scenario(organisation, *, secretary, strategy, risks, meeting):
    theme = strategy.themes.first()
    supplier = Project.objects.get(organisation=organisation, reference="ICT-7")
    hosting = Project.objects.get(organisation=organisation, reference="ICT-11")
    for project in (supplier, hosting):
        project.stage = Project.Stage.PROPOSAL
        project.save()
        project.themes.add(theme)
    case = BusinessCase.objects.create(
        organisation=organisation, project=supplier, number=1, title="Supplier systems case",
        base_year=2027, created_by=secretary,
    )  # fmt: skip
    option = Option.objects.create(business_case=case, name="Replace")
    ProfileYear.objects.create(
        option=option, year=2027, capital=Decimal(50000), cashable_saving=Decimal(900000)
    )
    restricted = next(risk for risk in risks if risk.restricted)
    Risk.objects.filter(pk=restricted.pk).update(money_impact=Decimal("4321987.65"))
    restricted.projects.add(supplier)
    scenario = actions.save_scenario(
        Scenario(
            organisation=organisation, name="Risk-adjusted envelope", first_year=2027,
            capital_budgets=["100000", "100000"], revenue_budgets=["10000", "10000"],
            value_measure=Scenario.Measure.RISK_ADJUSTED,
        ),
        by=secretary,
    )  # fmt: skip
    actions.run_scenario(scenario, by=secretary, at=timezone.now(), today=today(), time_limit=2)
    assert [c["id"] for c in scenario.last_answer()["answer"]["selected"]] == ["ICT-7"]
    actions.recommend(
        scenario, meeting=meeting, by=secretary, today=meeting.on, late_reason="The budget round"
    )
    # The scoring model's pages are walked too: its criterion, and the supplier's scores.
    model = actions.set_criteria(organisation, [("Strategic fit", Decimal(1), ())], by=secretary)
    actions.record_score(
        supplier, model.criteria.get(), assessor=secretary, score=4, comment="Overdue", by=secretary
    )
    return {"scenario": scenario, "needles": [b"4321987", b"4,321,987"]}
