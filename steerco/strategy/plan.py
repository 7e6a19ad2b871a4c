"""The strategy's action plan as the pages read it: each objective's actions, milestones and
the projects that deliver it, with the progress `rules/progress.py` derives from them."""

from collections import Counter, defaultdict
from typing import NamedTuple

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from steerco.strategy.delivery import projects_delivering, stages_delivering
from steerco.strategy.models import CorporateObjective, Milestone, ObjectiveAction, Theme
from steerco.strategy.rules import progress

# The strategy page shows so many of each objective's actions, milestones and projects, with
# how many there are and a link to the objective's whole plan (`?objective=<pk>`).
PLAN_ROWS = 3

# Only what the strategy page shows of an action of the plan.
PLAN_ACTION_FIELDS = [
    "objective_id",
    "action__number",
    "action__description",
    "action__due_on",
    "action__status",
    "action__voided_at",
    "action__body__name",
    *(f"action__owner__{name}" for name in ("name", "first_name", "last_name", "username")),
]


class PlanCounts(NamedTuple):
    actions: int
    milestones: int
    projects: int


def _set_progress(themes, objectives):
    """Sets `progress` on each objective, from its actions' statuses, its milestones and the
    stages of the projects that deliver it, read as plain rows (three queries whatever the
    size of the plan), and on each theme (from its `objective_list`); `plan_counts` (how many
    actions, milestones and projects) on each objective."""
    ids = [objective.pk for objective in objectives]
    statuses, links = defaultdict(list), Counter()
    for objective_id, status, voided_at in ObjectiveAction.objects.filter(
        objective__in=ids
    ).values_list("objective_id", "action__status", "action__voided_at"):
        links[objective_id] += 1
        if voided_at is None:
            statuses[objective_id].append(status)
    achieved = defaultdict(list)
    for objective_id, achieved_on in Milestone.objects.filter(objective__in=ids).values_list(
        "objective_id", "achieved_on"
    ):
        achieved[objective_id].append(achieved_on is not None)
    stages = stages_delivering(ids)
    for objective in objectives:
        found = stages.get(objective.pk, [])
        objective.progress = progress.objective_progress(
            statuses[objective.pk], achieved[objective.pk], found
        )
        objective.plan_counts = PlanCounts(
            links[objective.pk], len(achieved[objective.pk]), len(found)
        )
    for theme in themes:
        theme.progress = progress.theme_progress([o.progress for o in theme.objective_list])


def _themes(strategy, themed_only=False):
    """The strategy's themes, each with its `objective_list`, and its objectives under no
    theme (none when `themed_only`). Two queries."""
    themes = list(Theme.objects.filter(strategy=strategy).order_by("position", "name"))
    objectives = CorporateObjective.objects.filter(strategy=strategy).order_by("position", "pk")
    under = defaultdict(list)
    for objective in objectives.filter(theme__in=themes) if themed_only else objectives:
        under[objective.theme_id].append(objective)
    for theme in themes:
        theme.objective_list = under.get(theme.pk, [])
    return themes, under.get(None, [])


def _first_of_each(query, order, opened, rows):
    """The rows of `query` (of an objective's parts) by objective: the first `rows` of each in
    `order`, and all of the `opened` objective's. One query, two with an objective opened."""
    found = defaultdict(list)
    numbered = (
        query.exclude(objective_id=opened)
        .annotate(row=Window(RowNumber(), partition_by=F("objective_id"), order_by=order))
        .filter(row__lte=rows)
        .order_by(*order)
    )
    for part in numbered:
        found[part.objective_id].append(part)
    if opened is not None:
        found[opened] = list(query.filter(objective_id=opened).order_by(*order))
    return found


def strategy_plan(strategy, opened=None):
    """The strategy page's plan: its themes (each with its `objective_list`) and the
    objectives under no theme, with the progress of each, and on each objective
    `actions_shown`, `milestones_shown` and `delivering_shown` (the projects): all of them for
    the objective `opened` (its id, as the address gives it), else the first PLAN_ROWS of each,
    read as far as that; `plan_counts` and `more` (how many are left out). Returns the themes,
    the objectives under no theme and the opened objective's id (or None). A fixed number of
    queries, and only the rows shown are made into objects: a plan of hundreds of actions and
    a thousand projects makes little for the garbage collector."""
    themes, unthemed = _themes(strategy)
    objectives = [o for theme in themes for o in theme.objective_list] + unthemed
    ids = {objective.pk for objective in objectives}
    opened = int(opened) if opened and opened.isdecimal() and int(opened) in ids else None
    _set_progress(themes, objectives)
    actions = _first_of_each(
        ObjectiveAction.objects.filter(objective__in=ids)
        .select_related("action__owner", "action__body")
        .only(*PLAN_ACTION_FIELDS),
        [F("action__due_on").asc(), F("pk").asc()],
        opened,
        PLAN_ROWS,
    )
    milestones = _first_of_each(
        Milestone.objects.filter(objective__in=ids),
        [F("due_on").asc(), F("pk").asc()],
        opened,
        PLAN_ROWS,
    )
    delivering = projects_delivering(sorted(ids - {opened}), first=PLAN_ROWS)
    if opened is not None:
        delivering.update(projects_delivering([opened]))
    for objective in objectives:
        objective.actions_shown = actions.get(objective.pk, [])
        objective.milestones_shown = milestones.get(objective.pk, [])
        objective.delivering_shown = delivering.get(objective.pk, [])
        shown = (objective.actions_shown, objective.milestones_shown, objective.delivering_shown)
        objective.more = sum(objective.plan_counts) - sum(len(rows) for rows in shown)
    return themes, unthemed, opened


def themes_with_progress(strategy):
    """The strategy's themes, each with its objectives (`objective_list`) and the progress of
    each, for the pages that show the progress but not the plan (the annual report, the
    chair's dashboard): five queries whatever the size of the plan, and little Python."""
    themes, _unthemed = _themes(strategy, themed_only=True)
    _set_progress(themes, [o for theme in themes for o in theme.objective_list])
    return themes
