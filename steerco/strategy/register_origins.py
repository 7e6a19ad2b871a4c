"""The skills framework's part of the action log: a development action arose from a team's
gap in a skill (see steerco/meetings/origins.py)."""

from django.db.models import Q
from django.urls import reverse

from steerco import permissions
from steerco.meetings.origins import Arose, register_origin
from steerco.strategy.registers import SkillAction

KIND = "skills"


def describe(actions):
    links = SkillAction.objects.filter(
        action_id__in=[action.pk for action in actions]
    ).select_related("level__skill__organisation", "level__team")
    found = {}
    for link in links:
        skill = link.level.skill
        url = reverse(
            "strategy:skill", kwargs={"org": skill.organisation.slug, "skill_pk": skill.pk}
        )
        found[link.action_id] = Arose(
            f"the skills framework: {link.level.team} in {skill}", url, link.level, KIND
        )
    return found


def hidden(user, organisation, on):
    # The skills framework is the council's own: it hides nothing from a person of the council.
    return Q(pk__in=[])


def may_update(user, action, level, on):
    return permissions.can_update_development_action(user, action, on)


def register():
    register_origin(KIND, describe=describe, hidden=hidden, may_update=may_update)
