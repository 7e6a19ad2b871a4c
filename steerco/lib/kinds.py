"""The kinds of object that the parameters of the application's URLs stand for.

Each app declares its kinds once, in its `AppConfig.ready()`: the parameter with the path segment
before it ("bodies/<pk>"), the model, and the path from the model to its organisation. The tests
that walk every URL (steerco/tests/test_isolation.py, steerco/meetings/tests/test_leaks.py) fill
each parameter from here, and fail on a parameter that no kind fills.
"""

import re
from dataclasses import dataclass

PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class Kind:
    segment: str
    parameter: str
    model: type
    organisation_path: str

    def in_organisation(self, organisation):
        return self.model._default_manager.filter(**{self.organisation_path: organisation})


_kinds: dict[tuple[str, str], Kind] = {}


def register_kind(url_parameter, model, organisation_path="organisation"):
    match = re.fullmatch(r"([\w.-]+)/<(\w+)>", url_parameter)
    if match is None:
        raise ValueError(f"{url_parameter!r}: write the segment before the parameter, bodies/<pk>")
    segment, parameter = match.groups()
    _kinds[(segment, parameter)] = Kind(segment, parameter, model, organisation_path)


def kind_for(segment, parameter):
    """The kind of `parameter` as a route writes it ("<int:pk>") after `segment`, or None."""
    match = PARAMETER.fullmatch(parameter)
    return _kinds.get((segment, match.group(1) if match else parameter))


def all_kinds():
    return list(_kinds.values())
