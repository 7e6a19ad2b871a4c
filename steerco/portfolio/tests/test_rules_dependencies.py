from collections import deque
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steerco.portfolio.rules.dependencies import (
    CycleError,
    Graph,
    Kind,
    Link,
    Plan,
    Shift,
    Target,
    budget_years,
    cycle_made_by,
    financial_year,
    refuse_cycle,
    slip,
    waited_on_by,
    waits_on,
)
from steerco.portfolio.rules.finance import label

NAMES = {1: "WF-01", 2: "MOB-02", 3: "CT-03", 4: "HW-04"}


def test_a_dependency_that_closes_a_loop_is_refused_with_the_cycle_named():
    links = [Link(2, 1)]
    with pytest.raises(CycleError) as refused:
        refuse_cycle(links, 1, 2, NAMES)
    assert str(refused.value) == "This dependency would make a cycle: WF-01 → MOB-02 → WF-01."
    assert refused.value.cycle == (1, 2, 1)


def test_the_cycle_named_is_the_whole_chain_through_other_projects():
    links = [Link(2, 3, Kind.PRODUCT), Link(3, 4, Kind.SAME_SERVICE), Link(4, 1)]
    with pytest.raises(CycleError) as refused:
        refuse_cycle(links, 1, 2, NAMES)
    assert str(refused.value) == (
        "This dependency would make a cycle: WF-01 → MOB-02 → CT-03 → HW-04 → WF-01."
    )


def test_a_project_cannot_depend_on_itself():
    with pytest.raises(CycleError) as refused:
        refuse_cycle([], 1, 1, NAMES)
    assert str(refused.value) == "A project cannot depend on itself."


def test_a_dependency_in_the_same_direction_as_the_chain_is_allowed():
    links = [Link(1, 2), Link(2, 3)]
    assert cycle_made_by(links, 1, 3) is None
    refuse_cycle(links, 1, 3, NAMES)


def test_what_a_project_waits_on_and_what_waits_on_it_are_transitive():
    links = [Link(1, 2), Link(2, 3, Kind.PRODUCT), Link(4, 1, Kind.SHARED_RESOURCE)]
    assert waits_on(links, 1) == {2: 1, 3: 2}
    assert waited_on_by(links, 3) == {2: 1, 1: 2, 4: 3}
    assert waits_on(links, 1, kinds=[Kind.FINISH_FIRST]) == {2: 1}
    assert waits_on(links, 99) == {}


def test_financial_years_run_from_april_to_march():
    assert financial_year(date(2025, 3, 31)) == 2024
    assert financial_year(date(2025, 4, 1)) == 2025
    assert label(2024) == "2024/25"
    assert label(2099) == "2099/00"
    assert budget_years(date(2024, 6, 1), date(2026, 2, 1)) == (2024, 2025)
    assert budget_years(None, date(2026, 5, 1)) == (2026,)
    assert budget_years(None, None) == ()


def test_a_slip_uses_up_the_float_then_moves_the_chain_of_three():
    # Client Technologies must finish before Workflow starts, and Workflow before Mobility.
    plans = [
        Plan(3, date(2024, 4, 1), date(2025, 3, 31)),
        Plan(1, date(2025, 6, 1), date(2026, 3, 20)),
        Plan(2, date(2026, 3, 1), date(2027, 2, 1)),
        Plan(4, date(2024, 4, 1), date(2025, 1, 1)),
    ]
    links = [Link(1, 3), Link(2, 1), Link(4, 3, Kind.PRODUCT)]
    targets = [
        Target("mobile working", 2, date(2027, 3, 15)),
        Target("fewer forms", 1, None),
        Target("home working", 4, date(2025, 1, 1)),
    ]

    result = slip(plans, links, 3, 90, targets)

    assert result.shifts == (
        Shift(3, 90, date(2024, 4, 1), date(2025, 3, 31), start_moves=False),
        Shift(1, 28, date(2025, 6, 1), date(2026, 3, 20), pushed_by=3),
        Shift(2, 28, date(2026, 3, 1), date(2027, 2, 1), pushed_by=1),
    )
    assert result.shifts[0].new_starts_on == date(2024, 4, 1)
    assert result.shifts[0].new_ends_on == date(2025, 6, 29)
    assert result.shifts[1].new_starts_on == date(2025, 6, 29)
    assert result.shifts[1].budget_years == (2025,)
    assert result.shifts[1].new_budget_years == (2025, 2026)
    assert result.shifts[1].years_moved
    [moved] = result.targets
    assert (moved.key, moved.target_on, moved.new_target_on) == (
        "mobile working",
        date(2027, 3, 15),
        date(2027, 4, 12),
    )
    assert (moved.year, moved.new_year) == (2026, 2027)
    assert result.days_for(4) == 0


def test_a_slip_within_the_float_moves_nothing_downstream():
    plans = [Plan(1, date(2025, 1, 1), date(2025, 6, 30)), Plan(2, date(2025, 9, 1), None)]
    result = slip(plans, [Link(2, 1)], 1, 30)
    assert result.shifts == (
        Shift(1, 30, date(2025, 1, 1), date(2025, 6, 30), start_moves=False),
        Shift(2, 0, date(2025, 9, 1), None),
    )
    assert result.delayed == (result.shifts[0],)


def test_without_dates_a_slip_passes_on_in_full():
    result = slip([], [Link(2, 1), Link(3, 2)], 1, 14)
    assert [(shift.project, shift.days) for shift in result.shifts] == [(1, 14), (2, 14), (3, 14)]


def test_a_dependant_without_a_start_cannot_finish_before_what_it_waits_on():
    plans = [Plan(1, None, date(2025, 6, 30)), Plan(2, None, date(2025, 7, 10))]
    assert slip(plans, [Link(2, 1)], 1, 30).days_for(2) == 20


def test_a_slip_earlier_than_planned_is_refused():
    with pytest.raises(ValueError, match="cannot be earlier"):
        slip([], [], 1, -1)


def test_a_cycle_already_in_the_data_is_named_rather_than_followed():
    with pytest.raises(CycleError) as refused:
        slip([], [Link(1, 2), Link(2, 3), Link(3, 1)], 1, 10)
    cycle = refused.value.cycle
    assert cycle[0] == cycle[-1]
    assert {(a, b) for a, b in pairwise(cycle)} <= {(1, 2), (2, 3), (3, 1)}


# Generated graphs. Dependencies are offered one at a time and kept unless refused, as the
# application does.

NODES = 8
kinds = st.sampled_from(Kind)
offers = st.lists(
    st.tuples(st.integers(0, NODES - 1), st.integers(0, NODES - 1), kinds), max_size=30
)
days = st.dates(date(2020, 1, 1), date(2035, 12, 31))


@st.composite
def plans(draw):
    result = []
    for key in range(NODES):
        starts_on = draw(st.none() | days)
        ends_on = draw(st.none() | days)
        if starts_on and ends_on and ends_on < starts_on:
            starts_on, ends_on = ends_on, starts_on
        result.append(Plan(key, starts_on, ends_on))
    return result


def accepted(offered):
    links = []
    for waiter, waited_on, kind in offered:
        try:
            refuse_cycle(links, waiter, waited_on)
        except CycleError:
            continue
        links.append(Link(waiter, waited_on, kind))
    return links


def distances(edges, start):
    """Breadth-first search, written here without networkx."""
    seen, queue = {start: 0}, deque([start])
    while queue:
        node = queue.popleft()
        for a, b in edges:
            if a == node and b not in seen:
                seen[b] = seen[node] + 1
                queue.append(b)
    del seen[start]
    return seen


def finish_first_edges(links):
    return [(link.waiter, link.waited_on) for link in links if link.kind == Kind.FINISH_FIRST]


def has_cycle(edges):
    return any(a == b or a in distances(edges, b) for a, b in edges)


@given(offers, st.integers(0, NODES - 1), st.integers(0, NODES - 1))
def test_a_dependency_is_refused_exactly_when_it_closes_a_cycle(offered, waiter, waited_on):
    links = accepted(offered)
    edges = {(link.waiter, link.waited_on) for link in links}
    assert not has_cycle(edges)
    cycle = cycle_made_by(links, waiter, waited_on)
    assert (cycle is not None) == has_cycle(edges | {(waiter, waited_on)})
    if cycle is not None:
        assert cycle[0] == cycle[-1] == waiter
        assert cycle[1] == waited_on
        assert all(pair in edges for pair in pairwise(cycle[1:]))


@given(offers, st.integers(0, NODES - 1))
def test_transitive_impact_is_reachability(offered, project):
    links = accepted(offered)
    edges = [(link.waiter, link.waited_on) for link in links]
    assert waits_on(links, project) == distances(edges, project)
    assert waited_on_by(links, project) == distances([(b, a) for a, b in edges], project)
    finish_first = finish_first_edges(links)
    assert waits_on(links, project, kinds=[Kind.FINISH_FIRST]) == distances(finish_first, project)
    # A graph built once answers the same, and so do the rows of the database as plain tuples.
    graph = Graph([tuple(link) for link in links])
    assert waits_on(graph, project) == distances(edges, project)
    assert waited_on_by(graph, project, kinds=[Kind.FINISH_FIRST]) == distances(
        [(b, a) for a, b in finish_first], project
    )


def slack(before, after):
    constrained = after.starts_on or after.ends_on
    if before.ends_on is None or constrained is None:
        return 0
    return max(0, (constrained - before.ends_on).days)


def relaxed(plans, links, project, slipped):
    """The delays found by relaxing every link until nothing changes, in no particular order."""
    plan_of = {plan.key: plan for plan in plans}
    delay = dict.fromkeys(plan_of, 0) | {project: slipped}
    changed = True
    while changed:
        changed = False
        for link in links:
            if link.kind != Kind.FINISH_FIRST or link.waiter == project:
                continue
            before, after = plan_of[link.waited_on], plan_of[link.waiter]
            passed = max(0, delay[link.waited_on] - slack(before, after))
            if passed > delay[link.waiter]:
                delay[link.waiter], changed = passed, True
    return delay


@settings(max_examples=150)
@given(offers, plans(), st.integers(0, NODES - 1), st.integers(0, 800))
def test_a_slip_moves_only_what_waits_for_it_and_never_earlier(offered, plans, project, slipped):
    links = accepted(offered)
    result = slip(plans, links, project, slipped)
    finish_first = finish_first_edges(links)
    downstream = distances([(b, a) for a, b in finish_first], project)
    listed = [shift.project for shift in result.shifts]
    assert sorted(listed) == sorted([project, *downstream])
    assert listed[0] == project
    nearness = [downstream[key] for key in listed[1:]]
    assert nearness == sorted(nearness)
    assert result.days_for(project) == slipped
    assert slip(plans, Graph(links), project, slipped) == result
    expected = relaxed(plans, links, project, slipped)
    for plan in plans:
        moved = result.days_for(plan.key)
        assert moved == expected[plan.key]
        assert 0 <= moved <= slipped
        if plan.key != project and plan.key not in downstream:
            assert moved == 0
    for shift in result.shifts:
        assert shift.new_starts_on is None or shift.new_starts_on >= shift.starts_on
        assert shift.new_ends_on is None or shift.new_ends_on >= shift.ends_on
        if shift.pushed_by is not None:
            assert shift.days > 0


@settings(max_examples=150)
@given(offers, plans(), st.integers(0, NODES - 1), st.integers(0, 400), st.integers(0, 400))
def test_a_longer_slip_never_moves_a_project_less(offered, plans, project, first, second):
    links = accepted(offered)
    shorter, longer = sorted([first, second])
    less, more = slip(plans, links, project, shorter), slip(plans, links, project, longer)
    assert all(less.days_for(plan.key) <= more.days_for(plan.key) for plan in plans)
    assert slip(plans, links, project, 0).delayed == ()


@settings(max_examples=150)
@given(offers, plans(), st.integers(0, NODES - 1), st.integers(0, 800))
def test_a_finish_first_link_kept_in_the_plan_is_kept_after_a_slip(
    offered, plans, project, slipped
):
    links = accepted(offered)
    result = slip(plans, links, project, slipped)
    after = {
        plan.key: Plan(
            plan.key,
            plan.starts_on and plan.starts_on + timedelta(days=result.days_for(plan.key)),
            plan.ends_on and plan.ends_on + timedelta(days=result.days_for(plan.key)),
        )
        for plan in plans
    }
    before = {plan.key: plan for plan in plans}
    for link in links:
        if link.kind != Kind.FINISH_FIRST:
            continue
        was, now = before[link.waiter], after[link.waiter]
        first, then = before[link.waited_on].ends_on, after[link.waited_on].ends_on
        if first and (was.starts_on or was.ends_on) and (was.starts_on or was.ends_on) >= first:
            assert (now.starts_on or now.ends_on) >= then


@given(
    offers,
    plans(),
    st.integers(0, NODES - 1),
    st.integers(1, 400),
    st.lists(st.tuples(st.integers(0, NODES - 1), st.none() | days), max_size=10),
)
def test_benefits_move_with_their_project(offered, plans, project, slipped, benefits):
    links = accepted(offered)
    targets = [Target(index, owner, on) for index, (owner, on) in enumerate(benefits)]
    result = slip(plans, links, project, slipped, targets)
    moved = {target.key: target for target in result.targets}
    for target in targets:
        days_moved = result.days_for(target.project)
        if target.target_on is None or days_moved == 0:
            assert target.key not in moved
        else:
            assert moved[target.key].new_target_on == target.target_on + timedelta(days=days_moved)
            assert moved[target.key].new_year >= moved[target.key].year
