from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from steerco.governance.rules import terms

versions = st.lists(st.integers(min_value=0, max_value=99), min_size=1, max_size=4).map(
    lambda parts: ".".join(str(part) for part in parts)
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.4", (1, 4)), ("1.0", (1,)), ("2", (2,)), (" 1.10 ", (1, 10)), ("1.2.0", (1, 2))],
)
def test_parse_version(text, expected):
    assert terms.parse_version(text) == expected


@pytest.mark.parametrize("text", ["", "v1", "1.a", "1..2", "-1", "1.4 draft", "²", "1.²", "١.٢"])
def test_parse_version_refuses_what_is_not_a_version(text):
    with pytest.raises(terms.VersionError):
        terms.parse_version(text)


def test_seed_document_control_versions_follow_each_other():
    seed = ["1.0", "1.1", "1.2", "1.3", "1.4"]
    latest = None
    for version in seed:
        terms.check_next_version(version, latest)
        latest = version


@given(versions, versions)
def test_a_version_is_accepted_exactly_when_it_is_later(new, latest):
    later = terms.parse_version(new) > terms.parse_version(latest)
    if later:
        terms.check_next_version(new, latest)
    else:
        with pytest.raises(terms.VersionError, match="never go backwards"):
            terms.check_next_version(new, latest)


@given(versions)
def test_the_same_version_is_never_issued_twice(version):
    with pytest.raises(terms.VersionError):
        terms.check_next_version(version, version)


def test_1_10_comes_after_1_9():
    terms.check_next_version("1.10", "1.9")


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 60))
def test_add_months_lands_in_the_right_month_on_the_same_or_last_day(day, months):
    result = terms.add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    last_day_of_month = (result + timedelta(days=1)).month != result.month
    assert result.day == day.day or (result.day < day.day and last_day_of_month)


def test_chair_review_falls_due_twelve_months_after_starting():
    assert terms.chair_review_due_on(date(2025, 6, 1), None) == date(2026, 6, 1)
    assert not terms.chair_review_due(date(2025, 6, 1), None, date(2026, 5, 31))
    assert terms.chair_review_due(date(2025, 6, 1), None, date(2026, 6, 1))


def test_a_review_restarts_the_twelve_months():
    assert terms.chair_review_due_on(date(2024, 2, 29), date(2025, 7, 15)) == date(2026, 7, 15)
    assert not terms.chair_review_due(date(2024, 2, 29), date(2025, 7, 15), date(2026, 7, 14))


def test_a_leap_day_start_is_reviewed_on_28_february():
    assert terms.chair_review_due_on(date(2024, 2, 29), None) == date(2025, 2, 28)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2080, 1, 1)),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
)
def test_review_is_due_from_its_date_onwards(started, today):
    due_on = terms.chair_review_due_on(started, None)
    assert terms.chair_review_due(started, None, today) == (today >= due_on)
    assert (due_on - started).days in range(365, 367)
