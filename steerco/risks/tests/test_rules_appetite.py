import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from steerco.risks.rules import appetite
from steerco.risks.rules.appetite import AppetiteError, Standing

appetite_levels = st.sampled_from(appetite.LEVELS)
scores = st.integers(1, 25)
days = st.dates(datetime.date(2025, 1, 1), datetime.date(2027, 12, 31))
tolerances = (
    st.lists(st.integers(1, 25), min_size=5, max_size=5)
    .map(sorted)
    .map(lambda values: dict(zip(appetite.LEVELS, values, strict=True)))
)


def test_technology_with_a_cautious_appetite_tolerates_12():
    assert appetite.tolerance("cautious") == 12


@given(appetite_levels, appetite_levels, tolerances)
def test_a_more_eager_appetite_never_tolerates_less(first, second, table):
    order = appetite.LEVELS.index
    low, high = sorted((first, second), key=order)
    assert appetite.tolerance(low, table) <= appetite.tolerance(high, table)


@given(st.text().filter(lambda text: text not in appetite.LEVELS))
def test_a_level_unknown_to_the_scale_is_refused(level):
    with pytest.raises(AppetiteError, match="Choose an appetite level from the scale"):
        appetite.tolerance(level)


@given(tolerances, appetite_levels, appetite_levels)
def test_tolerances_that_fall_for_a_more_eager_level_are_refused(table, first, second):
    order = appetite.LEVELS.index
    if order(first) >= order(second) or table[first] == table[second]:
        return
    swapped = {**table, first: table[second], second: table[first]}
    with pytest.raises(AppetiteError):
        appetite.check_tolerances(swapped)


@given(scores, scores, st.one_of(st.none(), days), st.one_of(st.none(), scores), days)
def test_the_flags_are_exactly_the_reasons_that_hold(current, limit, review, previous, today):
    standing = Standing(current, limit, review, previous)
    expected = []
    if current > limit:
        expected.append("outside_appetite")
    if review is not None and review < today:
        expected.append("review_overdue")
    if previous is not None and current > previous:
        expected.append("score_rose")
    assert appetite.flags(standing, today) == tuple(expected)
    assert appetite.is_flagged(standing, today) == bool(expected)


@given(scores, scores, st.one_of(st.none(), days), st.one_of(st.none(), scores), days)
def test_a_closed_risk_is_never_flagged(current, limit, review, previous, today):
    assert appetite.flags(Standing(current, limit, review, previous, closed=True), today) == ()


@given(scores, appetite_levels, tolerances)
def test_a_risk_within_its_tolerance_is_not_outside_appetite(current, level, table):
    limit = appetite.tolerance(level, table)
    flagged = appetite.flags(Standing(current, limit, None), datetime.date(2026, 1, 1))
    assert (appetite.OUTSIDE_APPETITE in flagged) == (current > limit)
