"""Every change to a strategy goes through one of these functions: atomic, checked, and
recorded in the history with who made it and why."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from steerco.lib.history import save_with_history
from steerco.lib.versioning import claim_version
from steerco.meetings.models import Decision
from steerco.strategy.models import CorporateObjective, Principle, Strategy, Theme

APPROVING = {Decision.Outcome.APPROVED, Decision.Outcome.APPROVED_WITH_CONDITIONS}


def _next_position(queryset):
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def save_strategy(strategy, *, by, drivers=None, version=None):
    """Adds a strategy (a draft) or changes its title, period, vision or policy drivers."""
    if drivers is not None and any(
        driver.organisation_id != strategy.organisation_id for driver in drivers
    ):
        raise ValidationError({"drivers": "Choose policy drivers of this council."})
    if strategy.pk is None:
        reason = "Strategy added"
    else:
        claim_version(strategy, version)
        reason = "Strategy changed"
    save_with_history(strategy, by=by, reason=reason)
    if drivers is not None:
        strategy.drivers.set(drivers)
    return strategy


@transaction.atomic
def approve_strategy(strategy, *, decision, by, version=None):
    """Records that a body approved the strategy at a meeting: the decision is the evidence,
    so it must be one of the organisation's, not voided, and approve."""
    if strategy.status == Strategy.Status.APPROVED:
        raise ValidationError("The strategy is already approved.")
    if (
        decision.organisation_id != strategy.organisation_id
        or decision.is_voided
        or decision.outcome not in APPROVING
    ):
        raise ValidationError(
            {"decision": "Choose a decision of a meeting that approved the strategy."}
        )
    claim_version(strategy, version)
    strategy.status = Strategy.Status.APPROVED
    strategy.decision = decision
    return save_with_history(strategy, by=by, reason=f"Approved by decision {decision.reference}")


@transaction.atomic
def make_current(strategy, *, by, replaces=None, version=None):
    """Makes an approved strategy the organisation's current one. An organisation has one
    current strategy: while another is current this one is refused, unless the person says
    that it replaces that one (`replaces`), which then stays readable as an earlier strategy."""
    if strategy.status != Strategy.Status.APPROVED:
        raise ValidationError("Approve the strategy before making it the current one.")
    if strategy.is_current:
        raise ValidationError("The strategy is already the current one.")
    current = (
        Strategy.objects.select_for_update()
        .filter(organisation_id=strategy.organisation_id, is_current=True)
        .first()
    )
    if current is not None and (replaces is None or replaces.pk != current.pk):
        raise ValidationError(
            f"{current} is the current strategy. Say that this strategy replaces it, "
            "or leave it as it is."
        )
    claim_version(strategy, version)
    if current is not None:
        claim_version(current)
        current.is_current = False
        save_with_history(current, by=by, reason=f"Replaced by {strategy}")
    strategy.is_current = True
    return save_with_history(strategy, by=by, reason="Made the current strategy")


@transaction.atomic
def add_theme(strategy, *, name, by, description=""):
    theme = Theme(
        organisation_id=strategy.organisation_id,
        strategy=strategy,
        name=name.strip(),
        description=description.strip(),
        position=_next_position(strategy.themes.all()),
    )
    return save_with_history(theme, by=by, reason="Theme added")


@transaction.atomic
def add_objective(strategy, *, title, by, theme=None, iso38500=(), cobit=()):
    """Adds an objective to the strategy, under one of its own themes (never another
    strategy's, whose objectives it would then be counted with)."""
    if theme is not None and theme.strategy_id != strategy.pk:
        raise ValidationError(
            {"theme": "Choose a theme of this strategy: the theme belongs to another one."}
        )
    objective = CorporateObjective(
        organisation_id=strategy.organisation_id,
        strategy=strategy,
        theme=theme,
        title=title.strip(),
        iso38500=list(iso38500),
        cobit=list(cobit),
        position=_next_position(strategy.objectives.all()),
    )
    return save_with_history(objective, by=by, reason="Objective added")


@transaction.atomic
def add_principle(strategy, *, title, by, description=""):
    principle = Principle(
        strategy=strategy,
        title=title.strip(),
        description=description.strip(),
        position=_next_position(strategy.principles.all()),
    )
    return save_with_history(principle, by=by, reason="Principle added")
