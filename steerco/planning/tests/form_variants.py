"""The planning pages' forms, as they make them, for the forms walk
(steerco/meetings/tests/test_forms.py): form class -> [function(data, files)]."""

from decimal import Decimal

from steerco.meetings.models import Meeting
from steerco.planning import actions, forms
from steerco.planning.models import Scenario


def variants(organisation, secretary):
    org = {"organisation": organisation}
    scenario = actions.save_scenario(
        Scenario(
            organisation=organisation, name="Forms", first_year=2027,
            capital_budgets=["1000", "2000"], revenue_budgets=["100", "200"],
            theme_spend={"Digital": {"min": None, "max": "500"}}, exclusive=[["P-1", "P-2"]],
        ),
        by=secretary,
    )  # fmt: skip
    model = actions.set_criteria(
        organisation,
        [("Fit", Decimal(2), tuple("012345")), ("Cost", Decimal(1), ())],
        by=secretary,
    )
    criterion = model.criteria.first()
    return {
        forms.CriterionForm: [
            lambda d, f: forms.CriterionForm(d, versioned=model),
            lambda d, f: forms.CriterionForm(d, instance=criterion, versioned=model),
        ],
        forms.RetireCriterionForm: [lambda d, f: forms.RetireCriterionForm(d, versioned=model)],
        forms.SpreadForm: [lambda d, f: forms.SpreadForm(d, instance=model)],
        forms.ScoreForm: [
            lambda d, f: forms.ScoreForm(d, criteria=model.criteria.in_use(), earlier={})
        ],
        forms.ScenarioForm: [
            lambda d, f: forms.ScenarioForm(d, **org),
            lambda d, f: forms.ScenarioForm(d, instance=scenario, **org),
        ],
        forms.UploadForm: [lambda d, f: forms.UploadForm(d, f)],
        forms.CompareForm: [lambda d, f: forms.CompareForm(d, **org)],
        forms.RecommendForm: [
            lambda d, f: forms.RecommendForm(
                d, meetings=Meeting.objects.filter(organisation=organisation)
            )
        ],
    }
