"""The projects that deliver the strategy's objectives, told by the portfolio, which the
strategy may not import (it is the layer above).

The portfolio registers, in its `AppConfig.ready()`, a finder: a function of a list of
objective ids (and `first`: so many of each objective's projects, in order of reference, or
all of them when None) that returns, in one query whatever their number, a dict of objective id
to the projects that serve it, as `Delivering` rows.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Delivering:
    reference: str
    name: str
    url: str
    # Project.Stage's value (what the progress rule counts) and its label.
    stage: str
    stage_label: str


_finders = {}
_stage_finders = {}


def register_delivery(name, finder, stages):
    """Registering a name again replaces it, so a second `ready()` does not add it twice.
    `stages` is the lighter finder for the pages that show the progress but not the projects:
    a dict of objective id to the stages (Project.Stage values) of the projects that serve it."""
    _finders[name] = finder
    _stage_finders[name] = stages


def _gather(finders, objective_ids, **kwargs):
    found = {}
    for finder in finders.values() if objective_ids else ():
        for objective_id, rows in finder(objective_ids, **kwargs).items():
            found.setdefault(objective_id, []).extend(rows)
    return found


def projects_delivering(objective_ids, first=None):
    """`first`: so many of each objective's projects (the strategy page's), else all."""
    return _gather(_finders, objective_ids, first=first)


def stages_delivering(objective_ids):
    """The stages of the projects that deliver each objective, as `projects_delivering` would
    give them, without their names and addresses."""
    return _gather(_stage_finders, objective_ids)
