"""Every change to a strategy goes through one of these functions: atomic, checked, and
recorded in the history with who made it and why."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from steerco.lib.dates import today
from steerco.lib.history import add_missing_defaults, save_with_history
from steerco.lib.versioning import claim_version
from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import Decision
from steerco.strategy.models import (
    KPI,
    SOCITM_KPIS,
    CorporateObjective,
    Measurement,
    Milestone,
    ObjectiveAction,
    Principle,
    Strategy,
    Theme,
)
from steerco.strategy.rules import performance

# The history keeps a reason of 100 characters; "Corrected: " comes before the person's.
REASON_LENGTH = 80
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
def adopt_themes(strategy, *, themes, by):
    """Puts themes the council recorded before any strategy (the portfolio's) into this one,
    with the objectives under them that are of no strategy either; the projects and risks keep
    their themes. A theme of another strategy, or named as one of this strategy's, is refused."""
    themes = list(themes)
    if not themes:
        raise ValidationError({"themes": "Select the themes to put into the strategy."})
    taken = {name.lower() for name in strategy.themes.values_list("name", flat=True)}
    for theme in themes:
        if theme.organisation_id != strategy.organisation_id:
            raise ValidationError({"themes": f"{theme.name} is not one of the council's themes."})
        if theme.strategy_id is not None:
            raise ValidationError({"themes": f"{theme.name} is already in a strategy."})
        if theme.name.lower() in taken:
            raise ValidationError(
                {"themes": f"The strategy already has a theme called {theme.name}."}
            )
        # Two chosen themes of one name would become two of the strategy's.
        taken.add(theme.name.lower())
    reason = f"Put into {strategy.title}"
    position = _next_position(strategy.themes.all())
    for offset, theme in enumerate(themes):
        theme.strategy, theme.position = strategy, position + offset
        save_with_history(theme, by=by, reason=reason)
        for objective in CorporateObjective.objects.filter(theme=theme, strategy__isnull=True):
            objective.strategy = strategy
            save_with_history(objective, by=by, reason=reason)
    return themes


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


def set_up_kpis(organisation):
    """Gives an organisation the Socitm ICT benchmarking indicators it lacks, with no target
    or owner yet: the default set of its performance standards framework. Run again, it adds
    nothing (a default the council renamed comes back under its own name)."""
    add_missing_defaults(
        KPI,
        ["name"],
        [
            KPI(
                organisation=organisation,
                name=name,
                definition=definition,
                unit=unit,
                direction=direction,
                frequency=frequency,
            )
            for name, definition, unit, direction, frequency in SOCITM_KPIS
        ],
        reason="A default indicator of the performance standards framework",
    )


def organisation_created(sender, instance, created, raw=False, **kwargs):
    """A new council starts with the default KPIs (post_save of Organisation)."""
    if created and not raw:
        set_up_kpis(instance)


@transaction.atomic
def save_kpi(kpi, *, by, version=None):
    """Adds a KPI or changes one. Its measurements must still fit it (a new unit or frequency
    that they do not fit is refused), and their status is derived again from the new target,
    tolerance and direction."""
    if kpi.pk is None:
        return save_with_history(kpi, by=by, reason="KPI added")
    claim_version(kpi, version)
    measurements = list(Measurement.objects.filter(kpi=kpi).order_by("period_starts_on"))
    for measurement in measurements:
        if performance.value_problem(kpi.unit, measurement.value):
            raise ValidationError(
                {
                    "unit": f"The measurement for {kpi.period_label(measurement.period_starts_on)}"
                    f" is not a figure of this unit: correct it first, or keep the unit."
                }
            )
        if performance.period_problem(kpi.frequency, measurement.period_starts_on):
            raise ValidationError(
                {
                    "frequency": "The KPI has measurements for periods that do not fit this "
                    "frequency: keep the frequency, or add a KPI for the new one."
                }
            )
    save_with_history(kpi, by=by, reason="KPI changed")
    changed = []
    for measurement in measurements:
        status = kpi.status_of(measurement.value) or ""
        if measurement.status != status:
            measurement.status = status
            changed.append(measurement)
    # The status is derived, not a change anyone made: no history row of its own.
    Measurement.objects.bulk_update(changed, ["status"], batch_size=500)
    return kpi


@transaction.atomic
def record_measurement(kpi, *, period_starts_on, value, by, note=""):
    """Records the KPI's value for a period: one a period, for a period that fits the KPI's
    frequency, of the kind its unit measures."""
    kpi = KPI.objects.select_for_update().get(pk=kpi.pk)
    if Measurement.objects.filter(kpi=kpi, period_starts_on=period_starts_on).exists():
        raise ValidationError(
            {
                "period_starts_on": f"The KPI already has a measurement for "
                f"{kpi.period_label(period_starts_on)}: correct that one instead."
            }
        )
    measurement = Measurement(
        kpi=kpi,
        period_starts_on=period_starts_on,
        value=value,
        note=note.strip(),
        status=kpi.status_of(value) or "",
    )
    return save_with_history(measurement, by=by, reason="Measurement recorded")


@transaction.atomic
def correct_measurement(measurement, *, value, reason, by, note=None, version=None):
    """Corrects a measurement's value or note. The value it had stays in the history, with who
    corrected it, when and why: a correction needs a reason."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the measurement is corrected."})
    if len(reason) > REASON_LENGTH:
        raise ValidationError(
            {
                "reason": f"Enter why the measurement is corrected in {REASON_LENGTH} "
                "characters or fewer."
            }
        )
    claim_version(measurement, version)
    measurement.value = value
    if note is not None:
        measurement.note = note.strip()
    measurement.status = measurement.kpi.status_of(value) or ""
    return save_with_history(measurement, by=by, reason=f"Corrected: {reason}")


@transaction.atomic
def add_plan_action(objective, *, description, owner, due_on, body, by, on=None):
    """Adds an action to the strategy's action plan, under one of its objectives: an action of
    the action log of the body that follows the plan up, raised at no meeting (the meeting
    cycle's `raise_action` checks the owner, the text and the due date)."""
    if objective.strategy_id is None:
        raise ValidationError(
            "Place the objective in a strategy first: only a strategy has an action plan."
        )
    if body is None or body.organisation_id != objective.organisation_id:
        raise ValidationError({"body": "Select a body of the council."})
    action = meeting_actions.raise_action(
        body, description=description, owner=owner, due_on=due_on, by=by, on=on
    )
    link = ObjectiveAction(objective=objective, action=action)
    save_with_history(link, by=by, reason=f"Action plan of {objective.strategy.title}")
    return action


def _milestone_problems(title, due_on, achieved_on, on):
    errors = {}
    if not title.strip():
        errors["title"] = "Enter the milestone."
    if due_on is None:
        errors["due_on"] = "Enter the date the milestone is due."
    if achieved_on is not None and achieved_on > (on or today()):
        errors["achieved_on"] = "The date achieved must be today or in the past."
    return errors


@transaction.atomic
def add_milestone(objective, *, title, due_on, by, achieved_on=None, on=None):
    """Adds a milestone to the action plan, under one of the strategy's objectives."""
    if objective.strategy_id is None:
        raise ValidationError(
            "Place the objective in a strategy first: only a strategy has an action plan."
        )
    errors = _milestone_problems(title, due_on, achieved_on, on)
    if errors:
        raise ValidationError(errors)
    milestone = Milestone(
        objective=objective, title=title.strip(), due_on=due_on, achieved_on=achieved_on
    )
    return save_with_history(milestone, by=by, reason=f"Action plan of {objective.strategy.title}")


@transaction.atomic
def change_milestone(milestone, *, title, due_on, achieved_on, reason, by, version=None, on=None):
    """Changes a milestone: its wording, its due date, or the day it was achieved (cleared if
    it was recorded in error). What it said before stays in the history, with who changed it,
    when and why: a change needs a reason."""
    errors = _milestone_problems(title, due_on, achieved_on, on)
    reason = reason.strip()
    if not reason:
        errors["reason"] = "Enter why the milestone is changed."
    elif len(reason) > REASON_LENGTH:
        errors["reason"] = (
            f"Enter why the milestone is changed in {REASON_LENGTH} characters or fewer."
        )
    if errors:
        raise ValidationError(errors)
    claim_version(milestone, version)
    milestone.title = title.strip()
    milestone.due_on = due_on
    milestone.achieved_on = achieved_on
    return save_with_history(milestone, by=by, reason=reason)
