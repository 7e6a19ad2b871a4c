import json
from decimal import Decimal

import pytest

from benchmarks.optimiser import YEARS, instance
from steerco.planning.rules import optimiser
from steerco.planning.rules.problem import dumps, from_dict


def test_the_bench_instances_are_shaped_as_the_issue_says():
    data = instance(1000, 0)
    problem = from_dict(data)
    candidates = problem.candidates

    assert len(problem.years) == YEARS
    assert {len(c.options) for c in candidates} == {1, 2}
    assert max(c.latest_start - c.earliest_start for c in candidates) == 2
    linked = {c.id for c in candidates if c.requires} | {r for c in candidates for r in c.requires}
    assert 0.25 <= len(linked) / len(candidates) <= 0.30
    assert 0.04 <= sum(c.mandatory for c in candidates) / len(candidates) <= 0.10
    assert problem.exclusive
    for kind in optimiser.BUDGETS:
        demand = sum(
            (
                sum(
                    optimiser._profile(problem, c.options[0], c.earliest_start, kind).values(),
                    Decimal(0),
                )
                for c in candidates
            ),
            Decimal(0),
        )
        budget = sum(getattr(problem, kind))
        assert abs(budget / demand - Decimal("0.4")) < Decimal("0.001")


def test_the_bench_instances_can_be_funded():
    problem = from_dict(instance(100, 1))

    assert optimiser.ranking(problem, "value per pound")["checked"] is True


def test_out_of_time_before_any_bound_the_answer_says_the_gap_is_unknown():
    problem = from_dict(instance(1000, 0))

    answer = optimiser.optimise(problem, time_limit=0.05)

    assert answer["status"] == "feasible"
    assert answer["gap"] is None
    assert answer["checked"] is True
    assert answer["note"] == (
        "Not proven optimal within 0.05 seconds, and how far the best portfolio found is from "
        "the best possible is not yet known."
    )
    assert json.loads(dumps(answer), parse_constant=lambda name: pytest.fail(name))["gap"] is None
