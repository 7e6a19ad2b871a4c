"""The strategy's forms, as its pages make them, for the forms walk
(steerco/meetings/tests/test_forms.py): form class -> [function(data, files)]."""

from steerco.strategy import actions, forms
from steerco.strategy.models import Strategy


def variants(organisation, secretary):
    org = {"organisation": organisation}
    strategy = actions.save_strategy(
        Strategy(organisation=organisation, title="Forms", starts_in=2026, ends_in=2030),
        by=secretary,
    )
    actions.add_theme(strategy, name="Digital First", by=secretary)
    return {
        forms.StrategyForm: [
            lambda d, f: forms.StrategyForm(d, **org),
            lambda d, f: forms.StrategyForm(d, instance=strategy, **org),
        ],
        forms.ThemeForm: [lambda d, f: forms.ThemeForm(d)],
        forms.ObjectiveForm: [lambda d, f: forms.ObjectiveForm(d, strategy=strategy)],
        forms.PrincipleForm: [lambda d, f: forms.PrincipleForm(d)],
        forms.ApproveForm: [lambda d, f: forms.ApproveForm(d, versioned=strategy, **org)],
        forms.MakeCurrentForm: [
            lambda d, f: forms.MakeCurrentForm(d, versioned=strategy, current=None),
            lambda d, f: forms.MakeCurrentForm(d, versioned=strategy, current=strategy),
        ],
    }
