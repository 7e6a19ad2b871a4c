"""The strategy's action plan as the pages read it: each objective's actions, milestones and
the projects that deliver it, with the progress `rules/progress.py` derives from them."""

from collections import defaultdict

from django.db.models import Prefetch

from steerco.strategy.delivery import projects_delivering, stages_delivering
from steerco.strategy.models import CorporateObjective, Milestone, ObjectiveAction, Theme
from steerco.strategy.rules import progress


def objective_progress(objective, stages):
    """Reads the objective's prefetched `plan_actions` and `milestones`."""
    return progress.objective_progress(
        [link.action.status for link in objective.plan_actions.all() if not link.action.voided_at],
        [milestone.is_achieved for milestone in objective.milestones.all()],
        stages,
    )


def _set_progress(themes, objectives, progress_of, stages_of):
    """Sets `progress` on each objective, from `progress_of(objective, stages of its
    projects)`, and on each theme (with its `objectives` prefetched). `stages_of(objective)`."""
    for objective in objectives:
        objective.progress = progress_of(objective, stages_of(objective))
    for theme in themes:
        theme.progress = progress.theme_progress([o.progress for o in theme.objectives.all()])


def attach_progress(themes, unthemed=()):
    """Sets `delivering` (the projects) and `progress` on each objective (with its
    `plan_actions` and `milestones` prefetched, as the strategy page lists them) and `progress`
    on each theme. One query for the projects, whatever their number."""
    objectives = [o for theme in themes for o in theme.objectives.all()] + list(unthemed)
    found = projects_delivering([objective.pk for objective in objectives])
    for objective in objectives:
        objective.delivering = found.get(objective.pk, [])
    _set_progress(
        themes,
        objectives,
        objective_progress,
        lambda objective: [project.stage for project in objective.delivering],
    )


# The strategy page shows so many of each objective's actions, milestones and projects, with
# how many there are and a link to the objective's whole plan (`?objective=<pk>`).
PLAN_ROWS = 3


def bound_plan(themes, unthemed, opened):
    """Sets on each objective `actions_shown`, `milestones_shown` and `delivering_shown`: all of
    them for the objective `opened` (its id, as the address gives it), else the first
    PLAN_ROWS of each; and `more`, how many are left out. The progress, set before, counts them
    all. Returns the opened objective's id, or None."""
    objectives = [o for theme in themes for o in theme.objectives.all()] + list(unthemed)
    ids = {objective.pk for objective in objectives}
    opened = int(opened) if opened and opened.isdecimal() and int(opened) in ids else None
    for objective in objectives:
        actions = list(objective.plan_actions.all())
        milestones = list(objective.milestones.all())
        rows = None if objective.pk == opened else PLAN_ROWS
        objective.actions_shown = actions[:rows]
        objective.milestones_shown = milestones[:rows]
        objective.delivering_shown = objective.delivering[:rows]
        objective.more = (
            len(actions) + len(milestones) + len(objective.delivering)
            - len(objective.actions_shown) - len(objective.milestones_shown)
            - len(objective.delivering_shown)
        )  # fmt: skip
        objective.plan_counts = (len(actions), len(milestones), len(objective.delivering))
    return opened


def themes_with_progress(strategy):
    """The strategy's themes, each with its objectives and the progress of each, for the pages
    that show the progress but not the plan (the annual report, the chair's dashboard): the
    actions' statuses and the milestones are read as plain rows rather than prefetched per
    objective, so five queries whatever the size of the plan, and little Python."""
    themes = list(
        Theme.objects.filter(strategy=strategy)
        .order_by("position", "name")
        .prefetch_related(
            Prefetch("objectives", queryset=CorporateObjective.objects.order_by("position", "pk"))
        )
    )
    statuses, achieved = defaultdict(list), defaultdict(list)
    for objective_id, status in ObjectiveAction.objects.filter(
        objective__theme__strategy=strategy, action__voided_at__isnull=True
    ).values_list("objective_id", "action__status"):
        statuses[objective_id].append(status)
    for objective_id, achieved_on in Milestone.objects.filter(
        objective__theme__strategy=strategy
    ).values_list("objective_id", "achieved_on"):
        achieved[objective_id].append(achieved_on is not None)
    objectives = [o for theme in themes for o in theme.objectives.all()]
    # The stages alone: these pages show the progress, not the projects.
    stages = stages_delivering([objective.pk for objective in objectives])
    _set_progress(
        themes,
        objectives,
        lambda objective, found: progress.objective_progress(
            statuses[objective.pk], achieved[objective.pk], found
        ),
        lambda objective: stages.get(objective.pk, []),
    )
    return themes
