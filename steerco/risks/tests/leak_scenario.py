"""The register's part of the leak walk's scenario (steerco/meetings/tests/test_leaks.py): an
open risk and a restricted one that only the steering group's members, its owner and whoever
raised it read, with the text that must not reach anyone else (`needles`)."""

from datetime import timedelta

from django.utils import timezone

from steerco.lib.dates import today
from steerco.lib.history import save_with_history
from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import Paper
from steerco.risks import actions
from steerco.risks.models import RiskCategory

RESTRICTED_TITLE = "Kestrel firewall bypass found in penetration test"
RESTRICTED_CAUSE = "KESTREL-SECRET-CAUSE"


def risks_scenario(organisation, *, member, secretary, item, conflicted):
    """`item` is where the restricted risk was escalated: whoever declared a prejudicial
    interest in it (`conflicted`) does not read the risk, nor its mitigating actions. Those
    were raised from the risk, at no meeting, before the risk was escalated (one is the
    conflicted person's own, so their calendar feed and pages must leave out even their own
    action), and one at the item itself, which its meeting's agenda must leave out, and one
    recorded through the meeting's own action form at the item once the risk was escalated
    there. The conflicted person asked for the register's Excel file while they still read the
    risk: it holds the risk, and is not served to them once they no longer read it."""
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
    for owner, description in (
        (secretary, "Retest the Kestrel firewall rules after the patch"),
        (conflicted, "Brief procurement on the Kestrel findings"),
    ):
        actions.add_mitigating_action(
            restricted,
            description=description,
            owner=owner,
            due_on=today() + timedelta(days=90),
            by=secretary,
        )
    # And one raised at the item where it was discussed: the agenda shows the actions arising
    # from each item, and must leave this one out for whoever may not read the risk.
    actions.add_mitigating_action(
        restricted,
        description="Close the Kestrel bypass before the next audit",
        owner=secretary,
        due_on=max(today(), item.meeting.on) + timedelta(days=90),
        by=secretary,
        meeting=item.meeting,
        item=item,
        on=max(today(), item.meeting.on),
    )
    asked = actions.request_register_file(organisation, by=conflicted, query="", at=timezone.now())
    actions.build_register_file(asked.pk, str(asked.token))
    escalation = actions.escalate_risk(
        restricted, to=item.meeting.body, by=secretary, reason="Outside the security appetite"
    )
    escalation.item = item
    save_with_history(escalation, by=secretary, reason="Discussed at the item")
    # Escalated again since, not yet on an agenda: the risks for escalation name it with why.
    actions.escalate_risk(
        restricted,
        to=item.meeting.body,
        by=secretary,
        reason="The Kestrel bypass is still open after the meeting",
    )
    meeting_actions.add_action(
        item.meeting,
        item=item,
        description="Rotate the Kestrel VPN keys",
        owner=secretary,
        due_on=max(today(), item.meeting.on) + timedelta(days=90),
        by=secretary,
    )
    return {
        "risks": [open_risk, restricted],
        "needles": [b"Kestrel", RESTRICTED_CAUSE.encode()],
    }
