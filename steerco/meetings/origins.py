"""Where an action arose when not at a meeting, told by the apps above, which the meeting cycle
may not import.

An action raised elsewhere (a risk's mitigating action) has no meeting; it is on its body's
action log all the same. The app that raised it registers, in its `AppConfig.ready()`, an origin
with three functions:

- `describe(actions)`: for the actions it raised among `actions`, a dict of action pk to an
  `Arose` (what to call the origin, its address, and the object itself for the permission
  rules), in one query whatever the number of actions;
- `hidden(user, organisation, on)`: a Q of the actions this person may not read (a restricted
  risk's actions, for someone who may not read the risk), for lists, feeds and downloads to
  exclude;
- `may_update(user, action, source, on)`: whether this person may update one of its actions
  that has no meeting (one raised at a meeting follows the meeting cycle's rule).

`describe` sets `action.origin` on every action it is given (None for one raised at a meeting),
so that templates and permission rules read it without a query.
"""

from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Arose:
    label: str
    url: str
    source: object
    kind: str


@dataclass(frozen=True)
class Origin:
    kind: str
    describe: object
    hidden: object
    may_update: object


_registry: dict[str, Origin] = {}


def register_origin(kind, *, describe, hidden, may_update):
    """Registering a kind again replaces it, so a second `ready()` does not add it twice."""
    _registry[kind] = Origin(kind, describe, hidden, may_update)


def describe(actions):
    """Sets `origin` on each of `actions` (a list) and returns them. Only an action with no
    meeting is looked up (one raised at a meeting says so): a page whose actions all arose at
    meetings asks nothing more."""
    elsewhere = [action for action in actions if action.meeting_id is None]
    found = {}
    for origin in _registry.values() if elsewhere else ():
        found |= origin.describe(elsewhere)
    for action in actions:
        action.origin = found.get(action.pk)
    return actions


def hidden(user, organisation, on):
    """A Q of the organisation's actions this person may not read."""
    where = Q(pk__in=[])
    for origin in _registry.values():
        where |= origin.hidden(user, organisation, on)
    return where


def may_update(user, action, on):
    """None for an action the meeting cycle raised (its own rule applies), else the rule of
    the origin that raised it. `action.origin` is set (`describe`)."""
    arose = getattr(action, "origin", None)
    if arose is None or action.meeting_id is not None:
        return None
    return _registry[arose.kind].may_update(user, action, arose.source, on)
