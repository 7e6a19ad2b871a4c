from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from steerco.documents.rules.forward_plan import (
    NOTICE_CLEAR_DAYS,
    clear_days,
    earliest_decision_day,
    short_notice,
)

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))


def test_the_day_it_appears_and_the_day_it_is_taken_are_not_counted():
    assert clear_days(date(2026, 1, 1), date(2026, 1, 30)) == 28
    assert clear_days(date(2026, 1, 1), date(2026, 1, 29)) == 27
    assert short_notice(date(2026, 1, 1), date(2026, 1, 30)) is None
    assert short_notice(date(2026, 1, 1), date(2026, 1, 29)) == (
        "It would be taken 27 clear days after it first appeared on the forward plan: a key "
        "decision needs 28, so the earliest day is 30 January 2026"
    )


@given(days, st.integers(min_value=-40, max_value=400))
def test_notice_is_met_exactly_from_the_earliest_decision_day(first, offset):
    taken = first + timedelta(days=offset)
    assert (short_notice(first, taken) is None) == (taken >= earliest_decision_day(first))


@given(days, st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=30))
def test_a_later_decision_never_has_fewer_clear_days(first, offset, later):
    taken = first + timedelta(days=offset)
    assert clear_days(first, taken + timedelta(days=later)) >= clear_days(first, taken)
    assert clear_days(first, taken) >= 0


@given(days)
def test_the_earliest_day_has_exactly_the_notice(first):
    earliest = earliest_decision_day(first)
    assert clear_days(first, earliest) == NOTICE_CLEAR_DAYS
    assert clear_days(first, earliest - timedelta(days=1)) == NOTICE_CLEAR_DAYS - 1
