"""A business case goes for approval only with an assessed risk of the register linked: the
portfolio's tests give their cases one."""

from steerco.risks import actions
from steerco.risks.models import RiskCategory

SCORES = {
    f"{which}_{part}": 2
    for which in ("inherent", "current", "target")
    for part in ("likelihood", "impact")
}


def link_assessed_risk(case, by, title="Supplier capacity to deliver"):
    return actions.create_risk(
        case.organisation,
        by=by,
        scores=SCORES,
        title=title,
        category=RiskCategory.objects.get(
            organisation=case.organisation, name="Project / programme"
        ),
        owner=by,
        links={"business_cases": [case]},
    )
