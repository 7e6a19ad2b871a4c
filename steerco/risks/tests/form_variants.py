"""The register's forms, as its pages make them, for the forms walk
(steerco/meetings/tests/test_forms.py): form class -> [function(data, files)]."""

from steerco.governance.models import Body
from steerco.meetings.models import Meeting
from steerco.risks import actions, forms
from steerco.risks.models import RiskCategory


def variants(organisation, secretary):
    org = {"organisation": organisation}
    risk = actions.create_risk(
        organisation,
        by=secretary,
        scores={
            f"{which}_{part}": 2
            for which in ("inherent", "current", "target")
            for part in ("likelihood", "impact")
        },
        title="Forms",
        category=RiskCategory.objects.filter(organisation=organisation).first(),
        owner=secretary,
    )
    return {
        forms.RiskForm: [
            lambda d, f: forms.RiskForm(d, **org),
            lambda d, f: forms.RiskForm(d, instance=risk, **org),
        ],
        forms.ReassessForm: [lambda d, f: forms.ReassessForm(d, risk=risk)],
        forms.CloseForm: [lambda d, f: forms.CloseForm(d, versioned=risk)],
        forms.MitigatingActionForm: [lambda d, f: forms.MitigatingActionForm(d, **org)],
        forms.AcceptForm: [
            lambda d, f: forms.AcceptForm(
                d, meetings=Meeting.objects.filter(organisation=organisation)
            )
        ],
        forms.EscalateForm: [
            lambda d, f, none=none: forms.EscalateForm(
                d,
                organisation=organisation,
                sources=list(Body.objects.filter(organisation=organisation)[:1]),
                reports_to={},
                may_choose_none=none,
            )
            for none in (True, False)
        ],
        forms.RegisterImportForm: [lambda d, f: forms.RegisterImportForm(d, f)],
        forms.ConfirmImportForm: [
            lambda d, f: forms.ConfirmImportForm(d, organisation=organisation, user=secretary)
        ],
        forms.CategoryForm: [
            lambda d, f: forms.CategoryForm(d, new=True),
            lambda d, f: forms.CategoryForm(d),
        ],
        forms.TolerancesForm: [lambda d, f: forms.TolerancesForm(d)],
        forms.ScaleForm: [
            lambda d, f: forms.ScaleForm(d, axis="likelihood"),
            lambda d, f: forms.ScaleForm(d, axis="impact"),
        ],
        forms.BandsForm: [lambda d, f: forms.BandsForm(d)],
        forms.RegisterFilterForm: [lambda d, f: forms.RegisterFilterForm(d, **org)],
        forms.RegisterFileForm: [lambda d, f: forms.RegisterFileForm(d)],
        forms.ColumnsForm: [
            lambda d, f: forms.ColumnsForm(d, headers=["Risk", "Owner", "Likelihood", None])
        ],
        forms.RemoveCategoryForm: [
            lambda d, f: forms.RemoveCategoryForm(d, versioned=risk.category),
        ],
    }
