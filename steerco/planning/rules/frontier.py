"""The efficient frontier (issue 11, §6): the best value against the total budget over a range.

Every capital and revenue budget of the problem is scaled by the same factor (by default from
50% to 150% of the scenario's, in ten steps) and the problem optimised again, each with a short
time limit. Scaling up only loosens the budgets, so the best value never falls as the budget
grows; a point not proven optimal says so, with its gap, and may sit below the true frontier.
"""

import dataclasses
from decimal import ROUND_HALF_UP, Decimal

from steerco.planning.rules import optimiser

PENNY = Decimal("0.01")
LOW, HIGH, STEPS = Decimal("0.5"), Decimal("1.5"), 10
TIME_LIMIT = 1.0


def scaled(problem, factor):
    """The problem with every capital and revenue budget multiplied by `factor`, to the penny."""

    def scale(amounts):
        return tuple((a * factor).quantize(PENNY, rounding=ROUND_HALF_UP) for a in amounts)

    return dataclasses.replace(
        problem, capital=scale(problem.capital), revenue=scale(problem.revenue)
    )


def factors(low=LOW, high=HIGH, steps=STEPS):
    return [low + (high - low) * step / steps for step in range(steps + 1)]


def frontier(problem, *, low=LOW, high=HIGH, steps=STEPS, time_limit=TIME_LIMIT):
    """One point per factor: the total budget (capital and revenue over the horizon), the best
    value found, its status and gap, and how many candidates it selects."""
    points = []
    for factor in factors(low, high, steps):
        trial = scaled(problem, factor)
        answer = optimiser.optimise(trial, time_limit=time_limit)
        points.append(
            {
                "factor": factor,
                "budget": sum(trial.capital) + sum(trial.revenue),
                "value": answer["value"],
                "status": answer["status"],
                "gap": answer["gap"],
                "selected": [s["id"] for s in answer["selected"]],
            }
        )
    return points
