from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from steerco.strategy.rules import performance
from steerco.strategy.rules.performance import (
    AMBER,
    GREEN,
    HIGHER,
    LOWER,
    RED,
    STATUSES,
    period_label,
    period_problem,
    quartile,
    status,
    trend,
    value_problem,
)

figures = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)
tolerances = st.decimals(min_value=0, max_value=10**4, places=2, allow_nan=False)
directions = st.sampled_from([HIGHER, LOWER])


@given(directions, figures, figures, tolerances)
def test_lower_is_better_mirrors_higher_is_better(direction, value, target, tolerance):
    mirrored = LOWER if direction == HIGHER else HIGHER
    assert status(direction, value, target, tolerance) == status(
        mirrored, -value, -target, tolerance
    )


@given(figures, figures, figures, tolerances)
def test_a_better_value_never_has_a_worse_status(value, other, target, tolerance):
    low, high = sorted([value, other])
    rank = STATUSES.index
    assert rank(status(HIGHER, high, target, tolerance)) <= rank(
        status(HIGHER, low, target, tolerance)
    )
    assert rank(status(LOWER, low, target, tolerance)) <= rank(
        status(LOWER, high, target, tolerance)
    )


@given(figures, figures, tolerances, tolerances)
def test_a_wider_tolerance_never_worsens_the_status(value, target, tolerance, more):
    rank = STATUSES.index
    for direction in (HIGHER, LOWER):
        assert rank(status(direction, value, target, tolerance + more)) <= rank(
            status(direction, value, target, tolerance)
        )


@given(directions, figures, tolerances)
def test_the_target_itself_is_green_and_the_edge_of_the_tolerance_amber(
    direction, target, tolerance
):
    sign = -1 if direction == HIGHER else 1
    cent = Decimal("0.01")
    assert status(direction, target, target, tolerance) == GREEN
    if tolerance:
        assert status(direction, target + sign * cent, target, tolerance) == AMBER
        assert status(direction, target + sign * tolerance, target, tolerance) == AMBER
    assert status(direction, target + sign * (tolerance + cent), target, tolerance) == RED


def test_a_kpi_without_a_target_has_no_status():
    assert status(HIGHER, Decimal(50), None, Decimal(5)) is None


def test_the_status_against_a_target_of_95_percent_with_2_points_tolerance():
    values = ["97", "95", "93", "92.99"]
    assert [status(HIGHER, Decimal(v), Decimal(95), Decimal(2)) for v in values] == [
        GREEN,
        GREEN,
        AMBER,
        RED,
    ]


@given(directions, figures, figures)
def test_the_trend_is_symmetric_in_its_direction(direction, previous, latest):
    mirrored = LOWER if direction == HIGHER else HIGHER
    assert trend(direction, previous, latest) == trend(mirrored, -previous, -latest)
    assert (trend(direction, previous, latest) == performance.STEADY) == (previous == latest)


def test_the_trend_needs_two_measurements():
    assert trend(HIGHER, None, Decimal(3)) is None
    assert trend(HIGHER, Decimal(2), Decimal(3)) == performance.IMPROVING
    assert trend(LOWER, Decimal(2), Decimal(3)) == performance.WORSENING


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_a_period_fits_its_frequency_only_from_the_first_of_a_month(day):
    monthly = period_problem(performance.MONTHLY, day)
    quarterly = period_problem(performance.QUARTERLY, day)
    yearly = period_problem(performance.YEARLY, day)
    assert (monthly is None) == (day.day == 1)
    assert (quarterly is None) == (day.day == 1 and day.month in (1, 4, 7, 10))
    assert (yearly is None) == (day.day == 1 and day.month == 4)
    # A period that fits a longer frequency fits every shorter one.
    assert yearly is not None or quarterly is None
    assert quarterly is not None or monthly is None


def test_periods_are_labelled_in_the_financial_year():
    assert period_label(performance.MONTHLY, date(2026, 3, 1)) == "March 2026"
    assert period_label(performance.QUARTERLY, date(2026, 4, 1)) == "Q1 2026/27"
    assert period_label(performance.QUARTERLY, date(2027, 1, 1)) == "Q4 2026/27"
    assert period_label(performance.YEARLY, date(2099, 4, 1)) == "2099/00"


@pytest.mark.parametrize(
    ("unit", "value", "problem"),
    [
        ("percentage", "100.01", "The value is a percentage: it must be from 0 to 100."),
        ("percentage", "-1", "The value is a percentage: it must be from 0 to 100."),
        ("percentage", "100", None),
        ("pounds", "-0.01", "The value is an amount in pounds: it must be £0 or more."),
        ("pounds", "1.005", "The value is an amount in pounds: give it to the nearest penny."),
        ("pounds", "1250.50", None),
        ("number", "-2", "The value must be 0 or more."),
        ("days", "0", None),
    ],
)
def test_a_value_must_be_of_the_kind_its_unit_measures(unit, value, problem):
    assert value_problem(unit, Decimal(value)) == problem


@given(directions, figures, st.lists(figures, min_size=3, max_size=3))
def test_the_quartile_is_symmetric_and_best_at_the_good_end(direction, value, quartiles):
    lower, median, upper = sorted(quartiles)
    mirrored = LOWER if direction == HIGHER else HIGHER
    position = quartile(direction, value, lower, median, upper)
    assert position == quartile(mirrored, -value, -upper, -median, -lower)
    best = upper if direction == HIGHER else lower
    assert quartile(direction, best, lower, median, upper) == 1
