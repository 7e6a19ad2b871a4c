"""Every change to the strategy's registers (legislation, skills, digital champions) goes
through one of these functions: atomic, checked, and recorded in the history with who made it
and why. An entry is never deleted: it is closed by its status, and a change to an entry once
added needs a reason."""

from django.core.exceptions import ValidationError
from django.db import transaction

from steerco.lib.dates import today as council_today
from steerco.lib.history import save_with_history
from steerco.lib.versioning import claim_version
from steerco.meetings import actions as meeting_actions
from steerco.strategy.actions import REASON_LENGTH
from steerco.strategy.registers import SkillAction, SkillLevel, Team


def _changed(reason, noun):
    """The history reason of a change to an entry: the person's, which must be given."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": f"Enter why the {noun} is changed."})
    if len(reason) > REASON_LENGTH:
        raise ValidationError(
            {"reason": f"Enter why the {noun} is changed in {REASON_LENGTH} characters or fewer."}
        )
    return f"Changed: {reason}"


def _save(entry, *, noun, by, reason, version):
    if entry.pk is None:
        return save_with_history(entry, by=by, reason=f"{noun.capitalize()} added")
    why = _changed(reason, noun)
    claim_version(entry, version)
    return save_with_history(entry, by=by, reason=why)


@transaction.atomic
def save_legislation(entry, *, by, reason="", version=None):
    """Adds legislation to the register, or changes it (its assessment, response, status)
    with the reason why: "no longer applies" closes it, and it stays in the register."""
    return _save(entry, noun="legislation", by=by, reason=reason, version=version)


@transaction.atomic
def save_skill(skill, *, by, reason="", version=None):
    """Adds a skill to the framework, or changes it with the reason why (retiring it too)."""
    return _save(skill, noun="skill", by=by, reason=reason, version=version)


@transaction.atomic
def add_team(organisation, *, name, by):
    team = Team(organisation=organisation, name=name.strip())
    return save_with_history(team, by=by, reason="Team added")


@transaction.atomic
def change_team(team, *, name, retired_on, by, reason, version=None, today=None):
    """Renames a team or retires it (or brings a retired one back), with the reason why; a
    retired team keeps its levels and is offered for no new one."""
    name = name.strip()
    errors = {}
    if not name:
        errors["name"] = "Enter the name of the team."
    elif (
        Team.objects.filter(organisation_id=team.organisation_id, name__iexact=name)
        .exclude(pk=team.pk)
        .exists()
    ):
        errors["name"] = "The council already has a team with this name."
    if retired_on is not None and retired_on > (today or council_today()):
        errors["retired_on"] = "The date retired must be today or in the past."
    if errors:
        raise ValidationError(errors)
    why = _changed(reason, "team")
    claim_version(team, version)
    team.name, team.retired_on = name, retired_on
    return save_with_history(team, by=by, reason=why)


@transaction.atomic
def save_skill_level(level, *, by, reason="", version=None):
    """Records a team's current and target level in a skill (one assessment a team and skill:
    a second is refused, the first is changed instead), or changes it with the reason why."""
    if (
        level.pk is None
        and SkillLevel.objects.filter(skill_id=level.skill_id, team_id=level.team_id).exists()
    ):
        raise ValidationError(
            {
                "team": f"The level of {level.team} in {level.skill} is already recorded: "
                "change that one instead."
            }
        )
    return _save(level, noun="level", by=by, reason=reason, version=version)


@transaction.atomic
def add_development_action(level, *, description, owner, due_on, body, by, on=None):
    """A development action to close a team's gap in a skill: an action of the action log of
    the body that follows it up, raised at no meeting (the meeting cycle's `raise_action`
    checks the owner, the text and the due date)."""
    if body is None or body.organisation_id != level.skill.organisation_id:
        raise ValidationError({"body": "Select a body of the council."})
    action = meeting_actions.raise_action(
        body, description=description, owner=owner, due_on=due_on, by=by, on=on
    )
    link = SkillAction(level=level, action=action)
    save_with_history(link, by=by, reason=f"Development action: {level}"[:100])
    return action


@transaction.atomic
def save_champion(champion, *, by, reason="", version=None):
    """Adds a digital champion to the network, or changes one with the reason why: a champion
    who steps down stays in the register with the date."""
    return _save(champion, noun="digital champion", by=by, reason=reason, version=version)
