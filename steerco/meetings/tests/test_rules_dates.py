from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from steerco.meetings.rules import dates, notice

nations = st.sampled_from(notice.NATIONS)
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2035, 12, 31))


@pytest.mark.parametrize(
    ("day", "nation", "problem"),
    [
        (date(2026, 12, 8), "ENG", None),
        (date(2026, 12, 12), "ENG", "Saturday 12 December 2026 is a weekend"),
        (
            date(2026, 12, 25),
            "ENG",
            "Friday 25 December 2026 is a bank holiday in England (Christmas Day)",
        ),
        (
            date(2026, 11, 30),
            "SCT",
            "Monday 30 November 2026 is a bank holiday in Scotland (Saint Andrew's Day)",
        ),
        (date(2026, 11, 30), "ENG", None),
        (
            date(2026, 3, 17),
            "NIR",
            "Tuesday 17 March 2026 is a bank holiday in Northern Ireland (Saint Patrick's Day)",
        ),
    ],
)
def test_an_unusual_meeting_day_is_named(day, nation, problem):
    assert dates.unusual_meeting_day(day, nation) == problem


@given(days, nations)
def test_a_meeting_day_is_unusual_exactly_when_it_is_not_a_working_day(day, nation):
    assert (dates.unusual_meeting_day(day, nation) is None) == notice.is_working_day(day, nation)


@pytest.mark.parametrize(
    ("due", "problem"),
    [
        (date(2026, 10, 13), None),
        (date(2028, 10, 13), None),
        (
            date(2026, 10, 12),
            "The due date must be on or after the day of the meeting, Tuesday 13 October 2026",
        ),
        (
            date(2028, 10, 14),
            "The due date must be within 2 years of the meeting, by Friday 13 October 2028",
        ),
    ],
)
def test_an_action_falls_due_between_its_meeting_and_two_years_on(due, problem):
    assert dates.action_due_problem(due, date(2026, 10, 13)) == problem


@given(days, st.integers(min_value=-800, max_value=800))
def test_an_action_due_date_is_refused_outside_its_window(meeting_day, offset):
    due = meeting_day + timedelta(days=offset)
    two_years_on = (meeting_day.year + 2, meeting_day.month, meeting_day.day)
    in_window = meeting_day <= due and (due.year, due.month, due.day) <= two_years_on
    assert (dates.action_due_problem(due, meeting_day) is None) == in_window


def test_a_due_date_two_years_after_29_february_is_28_february():
    assert dates.action_due_problem(date(2030, 2, 28), date(2028, 2, 29)) is None
    assert dates.action_due_problem(date(2030, 3, 1), date(2028, 2, 29)) is not None


@pytest.mark.parametrize(
    ("on", "meeting_day", "problem"),
    [
        (date(2026, 11, 30), date(2026, 10, 13), None),
        (date(2026, 10, 13), date(2026, 10, 13), None),
        (
            date(2026, 12, 1),
            date(2026, 10, 13),
            "The date of the update must be today or in the past",
        ),
        (
            date(2026, 10, 12),
            date(2026, 10, 13),
            "The date of the update must be on or after the day of the meeting the action "
            "arose at, Tuesday 13 October 2026",
        ),
        # Set down ahead of its meeting: updated today, if at all.
        (date(2026, 11, 30), date(2026, 12, 8), None),
        (
            date(2026, 11, 29),
            date(2026, 12, 8),
            "The date of the update must be today: the meeting the action arose at is still to "
            "come",
        ),
    ],
)
def test_an_update_is_dated_between_its_meeting_and_today(on, meeting_day, problem):
    assert dates.update_date_problem(on, meeting_day, date(2026, 11, 30)) == problem


@given(days, days, days)
def test_an_update_is_never_dated_after_today(on, meeting_day, today):
    if on > today:
        assert dates.update_date_problem(on, meeting_day, today) is not None
    elif on >= meeting_day:
        assert dates.update_date_problem(on, meeting_day, today) is None


@given(days, days)
def test_a_review_comes_after_the_decision(review_on, meeting_day):
    assert (dates.review_date_problem(review_on, meeting_day) is None) == (review_on > meeting_day)


@given(days, days, days)
def test_a_forwarding_is_dated_between_its_meeting_and_today(on, meeting_day, today):
    allowed = meeting_day <= on <= today
    assert (dates.forwarding_date_problem(on, meeting_day, today) is None) == allowed
