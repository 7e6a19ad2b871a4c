"""The strategy's action plan as the pages read it: each objective's actions, milestones and
the projects that deliver it, with the progress `rules/progress.py` derives from them."""

from steerco.strategy.delivery import projects_delivering
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
