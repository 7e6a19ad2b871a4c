"""Every change to investment planning goes through one of these functions: atomic, checked,
and recorded in the history with who made it and why."""

from django.core.exceptions import ValidationError
from django.db import transaction

from steerco.lib.history import save_with_history
from steerco.planning.models import Criterion, Score, ScoringModel
from steerco.planning.rules import scoring


def _refuse(error):
    return ValidationError({error.field.split(".")[-1].split("[")[0]: error.message})


@transaction.atomic
def set_criteria(organisation, criteria, *, by, wide_spread=scoring.WIDE_SPREAD):
    """Make or replace the council's scoring model's criteria: `criteria` is a list of
    (name, weight, scale of six descriptions or ()). Scores given on a criterion that keeps its
    name are kept; a criterion that goes takes its scores with it."""
    rules = [scoring.Criterion(name, weight, tuple(scale)) for name, weight, scale in criteria]
    try:
        scoring.validate(rules)
    except scoring.ScoringError as error:
        raise _refuse(error) from None
    model, _ = ScoringModel.objects.get_or_create(organisation=organisation)
    if model.wide_spread != wide_spread:
        model.wide_spread = wide_spread
        save_with_history(model, by=by, reason="Changed the spread flagged for discussion")
    kept = {c.name: c for c in model.criteria.all()}
    for criterion in kept.values():
        if criterion.name not in {rule.name for rule in rules}:
            criterion._history_user = by
            criterion._change_reason = "Removed from the scoring model"
            criterion.delete()
    for position, rule in enumerate(rules, start=1):
        criterion = kept.get(rule.name) or Criterion(model=model, name=rule.name)
        criterion.weight = rule.weight
        criterion.position = position
        for point in range(6):
            setattr(criterion, f"scale_{point}", rule.scale[point] if rule.scale else "")
        save_with_history(criterion, by=by, reason="Set the scoring model's criteria")
    return model


@transaction.atomic
def record_score(project, criterion, *, assessor, score, comment="", by):
    """An assessor's score of a project on a criterion (replacing their earlier one)."""
    if criterion.model.organisation_id != project.organisation_id:
        raise ValidationError("The criterion is not one of the project's council's.")
    try:
        scoring.check_score(score)
    except scoring.ScoringError as error:
        raise ValidationError({"score": error.message}) from None
    given = Score.objects.filter(criterion=criterion, project=project, assessor=assessor).first()
    given = given or Score(criterion=criterion, project=project, assessor=assessor)
    given.score = score
    given.comment = comment
    return save_with_history(given, by=by, reason=f"Scored {criterion.name}")
