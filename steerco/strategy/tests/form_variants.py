"""The strategy's forms, as its pages make them, for the forms walk
(steerco/meetings/tests/test_forms.py): form class -> [function(data, files)]."""

from datetime import date
from decimal import Decimal

from steerco.strategy import actions, forms
from steerco.strategy.models import KPI, Strategy


def variants(organisation, secretary):
    org = {"organisation": organisation}
    strategy = actions.save_strategy(
        Strategy(organisation=organisation, title="Forms", starts_in=2026, ends_in=2030),
        by=secretary,
    )
    actions.add_theme(strategy, name="Digital First", by=secretary)
    objective = actions.add_objective(strategy, title="Services online", by=secretary)
    milestone = actions.add_milestone(
        objective, title="Forms online", due_on=date(2026, 6, 1), by=secretary
    )
    kpis = {kpi.frequency: kpi for kpi in KPI.objects.filter(organisation=organisation)}
    pounds = KPI.objects.get(organisation=organisation, name="Workstation support cost")
    measurement = actions.record_measurement(
        pounds, period_starts_on=date(2026, 4, 1), value=Decimal("350.00"), by=secretary
    )
    return {
        forms.AdoptThemesForm: [lambda d, f: forms.AdoptThemesForm(d, **org)],
        forms.StrategyForm: [
            lambda d, f: forms.StrategyForm(d, **org),
            lambda d, f: forms.StrategyForm(d, instance=strategy, **org),
        ],
        forms.ThemeForm: [lambda d, f: forms.ThemeForm(d)],
        forms.ObjectiveForm: [lambda d, f: forms.ObjectiveForm(d, strategy=strategy)],
        forms.PrincipleForm: [lambda d, f: forms.PrincipleForm(d)],
        forms.ApproveForm: [lambda d, f: forms.ApproveForm(d, versioned=strategy, **org)],
        forms.KPIForm: [
            lambda d, f: forms.KPIForm(d, **org),
            lambda d, f: forms.KPIForm(d, instance=pounds, **org),
        ],
        forms.MeasurementForm: [
            lambda d, f, kpi=kpi: forms.MeasurementForm(d, kpi=kpi) for kpi in kpis.values()
        ],
        forms.CorrectionForm: [
            lambda d, f: forms.CorrectionForm(d, measurement=measurement),
        ],
        forms.KPIFilterForm: [lambda d, f: forms.KPIFilterForm(d, **org)],
        forms.PlanActionForm: [lambda d, f: forms.PlanActionForm(d, **org)],
        forms.MilestoneForm: [lambda d, f: forms.MilestoneForm(d)],
        forms.MilestoneChangeForm: [
            lambda d, f: forms.MilestoneChangeForm(d, milestone=milestone),
        ],
        forms.MakeCurrentForm: [
            lambda d, f: forms.MakeCurrentForm(d, versioned=strategy, current=None),
            lambda d, f: forms.MakeCurrentForm(d, versioned=strategy, current=strategy),
        ],
    }
