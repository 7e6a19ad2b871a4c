from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from steerco.progress_report.rules.years import (
    bounds,
    default_year,
    financial_year,
    label,
    years_offered,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
periods = st.tuples(st.integers(2000, 2080), st.integers(0, 10))


@given(days)
def test_a_day_falls_in_the_financial_year_whose_bounds_hold_it(day):
    start, end = bounds(financial_year(day))
    assert start <= day < end
    assert (start.month, start.day, end - start >= timedelta(days=365)) == (4, 1, True)


def test_years_are_named_as_the_kpis_name_them():
    assert label(2026) == "2026/27" and label(1999) == "1999/00"
    assert financial_year(date(2027, 3, 31)) == 2026 and financial_year(date(2027, 4, 1)) == 2027


@given(periods, st.booleans(), days)
def test_the_years_offered_have_begun_and_lie_in_the_period_or_after_a_current_one(
    period, is_current, today
):
    starts_in, length = period
    ends_in = starts_in + length
    offered = years_offered(starts_in, ends_in, is_current, today)
    assert offered == sorted(offered, reverse=True)
    for year in offered:
        assert starts_in <= year <= financial_year(today)
        assert year <= ends_in or is_current
    if is_current and starts_in <= financial_year(today):
        assert offered[0] == financial_year(today)
    choice = default_year(offered, today)
    assert (choice is None) == (not offered)
    if choice is not None:
        assert choice in offered
        ended = [year for year in offered if year < financial_year(today)]
        assert choice == (ended[0] if ended else offered[0])


def test_an_earlier_strategy_is_reported_on_for_its_period_only():
    assert years_offered(2012, 2017, False, date(2026, 6, 1)) == [
        2017,
        2016,
        2015,
        2014,
        2013,
        2012,
    ]
    assert years_offered(2012, 2017, True, date(2026, 6, 1))[:2] == [2026, 2025]
    assert years_offered(2030, 2035, True, date(2026, 6, 1)) == []
