"""Dependencies between projects, and what a late finish does downstream.

Issue 9, item 7: "Project A depends on B: must finish first, needs a product or platform,
shares a resource, affects the same service. A dependency that would make a cycle is refused
with the cycle named. For a project: what it waits on, what waits on it (transitively), and the
slip a later end date would cause downstream through the 'finish first' links, with the benefits
and the budget years that move with it."

The rules, as implemented here:

1. A link runs from the project that waits to the project it waits on, and has a kind.
2. No chain of links of any kind may lead from a project back to itself: a project cannot wait,
   however indirectly, on something that waits on it. A dependency that would close such a chain
   is refused, naming the chain ("WF-01 → MOB-02 → WF-01"); a project cannot wait on itself.
3. What a project waits on is every project reached by following links from it; what waits on
   it is every project from which it is reached.
4. Finish first: the dependant cannot start until the project it waits on has finished (a
   dependant with no start date cannot finish before it). The time planned between the one's
   end and the other's start (its float) absorbs a slip first; where the dates are missing or
   the plan already overlaps there is no float and the slip passes on in full. A dependant's
   delay is the largest of what each project it waits on passes on:
   max(0, that project's delay − float). Only finish-first links carry a slip.
5. The project that slips keeps its start; its end moves. A project delayed by it keeps its
   length: its start and end move by its delay. The target dates of their benefits move with
   their ends.
6. Budget years are financial years, 1 April to 31 March, named by the year they start in
   (2024 is 2024/25). A project's budget years are those its dates span; a slip can move its
   spending into later years and a benefit's target into a later year.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

import networkx as nx

from .finance import financial_year


class Kind(StrEnum):
    FINISH_FIRST = "finish_first"
    PRODUCT = "product"
    SHARED_RESOURCE = "shared_resource"
    SAME_SERVICE = "same_service"


class Link(NamedTuple):
    """A plain (waiter, waited on, kind) tuple will do as well, as a database row gives it."""

    waiter: Hashable
    waited_on: Hashable
    kind: str = Kind.FINISH_FIRST


class CycleError(ValueError):
    def __init__(self, cycle: tuple, names: Mapping | None = None):
        self.cycle = cycle
        self.named = " → ".join(str((names or {}).get(key, key)) for key in cycle)
        if len(cycle) == 2:
            message = "A project cannot depend on itself."
        else:
            message = f"This dependency would make a cycle: {self.named}."
        super().__init__(message)


class Graph:
    """The links, built into a graph once to answer several questions of the same portfolio;
    every function here takes one in place of the links. What a project reaches is walked on
    plain adjacency lists; the networkx graph (cycles, slips) is built only when asked for."""

    def __init__(self, links: Iterable[Link]):
        # Kept as given: a large page asks only what a project reaches, and every object
        # more that lives through the request is one more for the garbage collector.
        self.links = links if isinstance(links, list) else list(links)
        self._adjacent = {}

    @cached_property
    def kinds_of(self) -> dict[tuple, set]:
        kinds_of = {}
        for waiter, waited_on, kind in self.links:
            kinds_of.setdefault((waiter, waited_on), set()).add(kind)
        return kinds_of

    @cached_property
    def graph(self) -> nx.DiGraph:
        graph = nx.DiGraph()
        graph.add_edges_from(
            (waiter, waited_on, {"kinds": kinds})
            for (waiter, waited_on), kinds in self.kinds_of.items()
        )
        return graph

    def of_kinds(self, kinds: Iterable[Kind] | None = None) -> nx.DiGraph:
        if kinds is None:
            return self.graph
        wanted = set(kinds)
        return nx.subgraph_view(
            self.graph, filter_edge=lambda a, b: bool(self.graph[a][b]["kinds"] & wanted)
        )

    def reached(
        self, project: Hashable, *, upward: bool, kinds: Iterable[Kind] | None = None
    ) -> dict[Hashable, int]:
        """Every project reached from `project` along the links (`upward`: to what it waits on;
        else to what waits on it), with the fewest links between; not the project itself."""
        wanted = None if kinds is None else frozenset(kinds)
        key = (upward, wanted)
        if key not in self._adjacent:
            adjacent = {}
            for waiter, waited_on, kind in self.links:
                if wanted is None or kind in wanted:
                    start, end = (waiter, waited_on) if upward else (waited_on, waiter)
                    adjacent.setdefault(start, []).append(end)
            self._adjacent[key] = adjacent
        adjacent = self._adjacent[key]
        distance, frontier, step = {project: 0}, [project], 0
        while frontier:
            step += 1
            further = []
            for node in frontier:
                for other in adjacent.get(node, ()):
                    if other not in distance:
                        distance[other] = step
                        further.append(other)
            frontier = further
        del distance[project]
        return distance


Links = Iterable[Link] | Graph


def _graph(links: Links, kinds: Iterable[Kind] | None = None) -> nx.DiGraph:
    return _as_graph(links).of_kinds(kinds)


def cycle_made_by(links: Links, waiter: Hashable, waited_on: Hashable) -> tuple | None:
    """The cycle that `waiter` waiting on `waited_on` would close, from `waiter` back to itself,
    shortest first; None when it closes none."""
    if waiter == waited_on:
        return (waiter, waiter)
    graph = _graph(links)
    if waited_on not in graph or waiter not in graph:
        return None
    try:
        back = nx.shortest_path(graph, waited_on, waiter)
    except nx.NetworkXNoPath:
        return None
    return (waiter, *back)


def refuse_cycle(
    links: Links, waiter: Hashable, waited_on: Hashable, names: Mapping | None = None
) -> None:
    cycle = cycle_made_by(links, waiter, waited_on)
    if cycle is not None:
        raise CycleError(cycle, names)


def _as_graph(links: Links) -> Graph:
    return links if isinstance(links, Graph) else Graph(links)


def waits_on(
    links: Links, project: Hashable, kinds: Iterable[Kind] | None = None
) -> dict[Hashable, int]:
    """Every project `project` waits on, directly or not, with the number of links between."""
    return _as_graph(links).reached(project, upward=True, kinds=kinds)


def waited_on_by(
    links: Links, project: Hashable, kinds: Iterable[Kind] | None = None
) -> dict[Hashable, int]:
    """Every project that waits on `project`, directly or not, with the number of links between."""
    return _as_graph(links).reached(project, upward=False, kinds=kinds)


def budget_years(starts_on: date | None, ends_on: date | None) -> tuple[int, ...]:
    known = [day for day in (starts_on, ends_on) if day is not None]
    if not known:
        return ()
    return tuple(range(financial_year(min(known)), financial_year(max(known)) + 1))


def _later(day: date | None, days: int) -> date | None:
    return None if day is None else day + timedelta(days=days)


@dataclass(frozen=True)
class Plan:
    key: Hashable
    starts_on: date | None
    ends_on: date | None


@dataclass(frozen=True)
class Target:
    """A benefit's target date."""

    key: Hashable
    project: Hashable
    target_on: date | None


@dataclass(frozen=True)
class Shift:
    project: Hashable
    days: int
    starts_on: date | None
    ends_on: date | None
    # The project whose delay it takes on; None for the project that slips, or when its float
    # absorbs the delay.
    pushed_by: Hashable | None = None
    # False for the project that slips: only its end moves.
    start_moves: bool = True

    @property
    def new_starts_on(self) -> date | None:
        return _later(self.starts_on, self.days) if self.start_moves else self.starts_on

    @property
    def new_ends_on(self) -> date | None:
        return _later(self.ends_on, self.days)

    @property
    def budget_years(self) -> tuple[int, ...]:
        return budget_years(self.starts_on, self.ends_on)

    @property
    def new_budget_years(self) -> tuple[int, ...]:
        return budget_years(self.new_starts_on, self.new_ends_on)

    @property
    def years_moved(self) -> bool:
        return self.budget_years != self.new_budget_years


@dataclass(frozen=True)
class TargetShift:
    key: Hashable
    project: Hashable
    days: int
    target_on: date

    @property
    def new_target_on(self) -> date:
        return self.target_on + timedelta(days=self.days)

    @property
    def year(self) -> int:
        return financial_year(self.target_on)

    @property
    def new_year(self) -> int:
        return financial_year(self.new_target_on)


@dataclass(frozen=True)
class Slip:
    project: Hashable
    days: int
    # The project that slips first, then every project downstream of it through finish-first
    # links, nearest first; a project whose float absorbs the slip is there with 0 days.
    shifts: tuple[Shift, ...]
    # The benefits whose target date moves.
    targets: tuple[TargetShift, ...]

    def days_for(self, project: Hashable) -> int:
        return next((shift.days for shift in self.shifts if shift.project == project), 0)

    @property
    def delayed(self) -> tuple[Shift, ...]:
        return tuple(shift for shift in self.shifts if shift.days > 0)


def float_days(before: Plan, after: Plan) -> int:
    """Days `before` may finish late before `after`, which waits for it to finish, must move."""
    if before.ends_on is None:
        return 0
    constrained = after.starts_on if after.starts_on is not None else after.ends_on
    if constrained is None:
        return 0
    return max(0, (constrained - before.ends_on).days)


def slip(
    plans: Iterable[Plan],
    links: Links,
    project: Hashable,
    days: int,
    targets: Iterable[Target] = (),
) -> Slip:
    """What `project` finishing `days` later does to the projects that wait for it to finish."""
    if days < 0:
        raise ValueError("A slip cannot be earlier than the planned end date.")
    plan_of = {plan.key: plan for plan in plans}
    # Only the finish-first links among the project and what waits for it to finish, each
    # from a project to one that waits on it: the rest of the portfolio is never built.
    graph = _as_graph(links)
    nodes = {project, *graph.reached(project, upward=False, kinds=[Kind.FINISH_FIRST])}
    downstream = nx.DiGraph()
    downstream.add_node(project)
    downstream.add_edges_from(
        (waited_on, waiter)
        for waiter, waited_on, kind in graph.links
        if kind == Kind.FINISH_FIRST and waiter in nodes and waited_on in nodes
    )
    try:
        order = list(nx.topological_sort(downstream))
    except nx.NetworkXUnfeasible:
        # The subgraph runs from each project to those waiting on it: name the cycle the other
        # way round, as the dependencies read.
        around = [edge[0] for edge in nx.find_cycle(downstream)]
        raise CycleError(tuple(reversed([*around, around[0]]))) from None
    distance = nx.single_source_shortest_path_length(downstream, project)
    order.sort(key=lambda key: distance[key])
    # Delays are worked out in dependency order, so each predecessor's is known first.
    delay, pushed_by = {project: days}, {project: None}
    for key in nx.topological_sort(downstream):
        if key == project:
            continue
        after = plan_of.get(key, Plan(key, None, None))
        delay[key], pushed_by[key] = 0, None
        for before_key in downstream.predecessors(key):
            before = plan_of.get(before_key, Plan(before_key, None, None))
            passed = max(0, delay[before_key] - float_days(before, after))
            if passed > delay[key]:
                delay[key], pushed_by[key] = passed, before_key
    shifts = tuple(
        Shift(
            project=key,
            days=delay[key],
            starts_on=plan_of[key].starts_on if key in plan_of else None,
            ends_on=plan_of[key].ends_on if key in plan_of else None,
            pushed_by=pushed_by[key],
            start_moves=key != project,
        )
        for key in order
    )
    moved = tuple(
        TargetShift(target.key, target.project, delay[target.project], target.target_on)
        for target in targets
        if target.target_on is not None and delay.get(target.project, 0) > 0
    )
    return Slip(project, days, shifts, moved)
