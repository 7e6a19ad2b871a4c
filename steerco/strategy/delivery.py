"""The projects that deliver the strategy's objectives, told by the portfolio, which the
strategy may not import (it is the layer above).

The portfolio registers, in its `AppConfig.ready()`, a finder: a function of a list of
objective ids that returns, in one query whatever their number, a dict of objective id to the
projects that serve it, as `Delivering` rows.
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


def register_delivery(name, finder):
    """Registering a name again replaces it, so a second `ready()` does not add it twice."""
    _finders[name] = finder


def projects_delivering(objective_ids):
    found = {}
    for finder in _finders.values() if objective_ids else ():
        for objective_id, rows in finder(objective_ids).items():
            found.setdefault(objective_id, []).extend(rows)
    return found
