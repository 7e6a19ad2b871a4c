"""The risks' part of the action log: a mitigating action arose from its risk (see
steerco/meetings/origins.py)."""

from django.urls import reverse

from steerco import permissions
from steerco.meetings.origins import Arose, register_origin
from steerco.risks.models import RiskAction
from steerco.risks.queries import register_settings

KIND = "risk"


def describe(actions):
    links = RiskAction.objects.filter(action_id__in=[action.pk for action in actions])
    found = {}
    for link in links.select_related("risk__organisation"):
        risk = link.risk
        url = reverse("risks:risk", kwargs={"org": risk.organisation.slug, "risk_pk": risk.pk})
        found[link.action_id] = Arose(f"risk {risk.reference}", url, risk, KIND)
    return found


def hidden(user, organisation, on):
    body = register_settings(organisation).register_body()
    return permissions.hidden_risk_actions(user, organisation, body, on)


def may_update(user, action, risk, on):
    return permissions.can_update_risk_action(user, action, risk, on)


def register():
    register_origin(KIND, describe=describe, hidden=hidden, may_update=may_update)
