"""Fetch-and-authorise helpers for the registers' pages: another organisation's entry gives
404, as one that does not exist; a person of the council who may not keep the registers gets
403 when asking to change one."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.lib.dates import today
from steerco.strategy.registers import DigitalChampion, Legislation, Skill, SkillLevel, Team

LINKS = ("organisation", "theme__strategy", "objective__strategy")


def require_register_keeper(request):
    if not permissions.can_manage_strategy_registers(request.user, request.organisation, today()):
        raise PermissionDenied


def _entry(request, queryset, pk, manage):
    entry = get_object_or_404(queryset, organisation=request.organisation, pk=pk)
    if manage:
        require_register_keeper(request)
    return entry


def get_legislation_for(request, pk, *, manage=False):
    return _entry(request, Legislation.objects.select_related("owner", *LINKS), pk, manage)


def get_skill_for(request, pk, *, manage=False):
    return _entry(request, Skill.objects.select_related("owner", *LINKS), pk, manage)


def get_champion_for(request, pk, *, manage=False):
    return _entry(request, DigitalChampion.objects.select_related("person", *LINKS), pk, manage)


def get_team_for(request, pk, *, manage=False):
    return _entry(request, Team.objects.all(), pk, manage)


def get_skill_level_for(request, skill_pk, pk, *, manage=False):
    """A team's level in the skill: 404 for another skill's or organisation's."""
    skill = get_skill_for(request, skill_pk, manage=manage)
    level = get_object_or_404(SkillLevel.objects.select_related("team"), skill=skill, pk=pk)
    level.skill = skill
    return level
