"""The register's part of the leak walk's scenario (steerco/meetings/tests/test_leaks.py): an
open risk and a restricted one that only the steering group's members, its owner and whoever
raised it read, with the text that must not reach anyone else (`needles`)."""

from steerco.lib.history import save_with_history
from steerco.meetings.models import Paper
from steerco.risks import actions
from steerco.risks.models import RiskCategory

RESTRICTED_TITLE = "Kestrel firewall bypass found in penetration test"
RESTRICTED_CAUSE = "KESTREL-SECRET-CAUSE"


def risks_scenario(organisation, *, member, secretary, item):
    """`item` is where the restricted risk was escalated: whoever declared a prejudicial
    interest in it does not read the risk."""
    scores = {
        f"{which}_{part}": 4
        for which in ("inherent", "current", "target")
        for part in ("likelihood", "impact")
    }
    open_risk = actions.create_risk(
        organisation,
        by=secretary,
        scores=scores,
        title="Skills shortage in cloud engineering",
        category=RiskCategory.objects.get(organisation=organisation, name="People"),
        owner=member,
    )
    restricted = actions.create_risk(
        organisation,
        by=member,
        scores={**scores, "current_likelihood": 5, "current_impact": 5, "target_likelihood": 2},
        title=RESTRICTED_TITLE,
        cause=RESTRICTED_CAUSE,
        category=RiskCategory.objects.get(organisation=organisation, name="Security"),
        owner=member,
        restricted=True,
        exemption=Paper.Exemption.SECURITY,
    )
    escalation = actions.escalate_risk(
        restricted, to=item.meeting.body, by=secretary, reason="Outside the security appetite"
    )
    escalation.item = item
    save_with_history(escalation, by=secretary, reason="Discussed at the item")
    return {
        "risks": [open_risk, restricted],
        "needles": [b"Kestrel", RESTRICTED_CAUSE.encode()],
    }
