"""The strategy's part of the action log: an action of the action plan arose from an objective
of a strategy (see steerco/meetings/origins.py)."""

from django.db.models import Q
from django.urls import reverse

from steerco import permissions
from steerco.meetings.origins import Arose, register_origin
from steerco.strategy.models import ObjectiveAction

KIND = "strategy"


def describe(actions):
    links = ObjectiveAction.objects.filter(
        action_id__in=[action.pk for action in actions]
    ).select_related("objective__strategy__organisation")
    found = {}
    for link in links:
        strategy = link.objective.strategy
        url = reverse(
            "strategy:strategy",
            kwargs={"org": strategy.organisation.slug, "strategy_pk": strategy.pk},
        )
        found[link.action_id] = Arose(
            f"the action plan of {strategy.title}", url, link.objective, KIND
        )
    return found


def hidden(user, organisation, on):
    # The strategy is the council's own: its plan hides nothing from a person of the council.
    return Q(pk__in=[])


def may_update(user, action, objective, on):
    return permissions.can_update_plan_action(user, action, on)


def register():
    register_origin(KIND, describe=describe, hidden=hidden, may_update=may_update)
