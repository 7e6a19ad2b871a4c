from decimal import Decimal

from hypothesis import HealthCheck, given, settings

from steerco.planning.rules import frontier, optimiser
from steerco.planning.rules.problem import from_dict
from steerco.planning.tests.instances import problems, search


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_candidates=6))
def test_each_point_is_the_best_value_at_its_budget_and_never_falls_as_the_budget_grows(problem):
    points = frontier.frontier(problem, steps=4, time_limit=5)

    values = []
    for point in points:
        trial = frontier.scaled(problem, point["factor"])
        best = search(trial)
        if best is None:
            assert point["status"] == "infeasible"
            values.append(None)
            continue
        assert point["status"] == "optimal"
        assert point["value"] == optimiser.value_of(trial, best)
        values.append(point["value"])
    feasible = [value for value in values if value is not None]
    assert feasible == sorted(feasible)
    # Once feasible, a larger budget stays feasible.
    if feasible:
        assert values[values.index(feasible[0]) :] == feasible


def test_the_budgets_are_scaled_to_the_penny():
    problem = from_dict(
        {
            "years": [2027, 2028],
            "budgets": {"capital": [1000, 333.33], "revenue": [10, 0]},
            "candidates": [],
        }
    )

    half = frontier.scaled(problem, Decimal("0.5"))

    assert half.capital == (Decimal("500.00"), Decimal("166.67"))
    assert half.revenue == (Decimal("5.00"), Decimal("0.00"))
    assert [str(f) for f in frontier.factors(steps=2)] == ["0.5", "1.0", "1.5"]
    assert optimiser.optimise(half)["status"] == "optimal"
