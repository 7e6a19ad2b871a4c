"""The strategy's action plan as the pages read it: each objective's actions, milestones and
the projects that deliver it, with the progress `rules/progress.py` derives from them."""

from django.db.models import Prefetch

from steerco.strategy.delivery import projects_delivering
from steerco.strategy.models import CorporateObjective, Milestone, ObjectiveAction, Theme
from steerco.strategy.rules import progress


def objective_progress(objective, projects):
    """Reads the objective's prefetched `plan_actions` and `milestones`."""
    return progress.objective_progress(
        [link.action.status for link in objective.plan_actions.all() if not link.action.voided_at],
        [milestone.is_achieved for milestone in objective.milestones.all()],
        [project.stage for project in projects],
    )


def attach_progress(themes, unthemed=()):
    """Sets `delivering` (the projects) and `progress` on each objective (with its
    `plan_actions` and `milestones` prefetched) and `progress` on each theme (with its
    `objectives` prefetched). One query for the projects, whatever their number."""
    objectives = [o for theme in themes for o in theme.objectives.all()] + list(unthemed)
    found = projects_delivering([objective.pk for objective in objectives])
    for objective in objectives:
        objective.delivering = found.get(objective.pk, [])
        objective.progress = objective_progress(objective, objective.delivering)
    for theme in themes:
        theme.progress = progress.theme_progress([o.progress for o in theme.objectives.all()])


def themes_with_progress(strategy):
    """The strategy's themes, each with its objectives and the progress of each: six queries
    whatever the size of the plan."""
    objectives = CorporateObjective.objects.order_by("position", "pk").prefetch_related(
        Prefetch("plan_actions", queryset=ObjectiveAction.objects.select_related("action")),
        Prefetch("milestones", queryset=Milestone.objects.for_plan()),
    )
    themes = list(
        Theme.objects.filter(strategy=strategy)
        .order_by("position", "name")
        .prefetch_related(Prefetch("objectives", queryset=objectives))
    )
    attach_progress(themes)
    return themes
