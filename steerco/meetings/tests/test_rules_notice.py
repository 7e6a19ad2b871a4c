import calendar
from datetime import date, timedelta
from itertools import pairwise

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steerco.meetings.rules import notice

YEARS = range(2025, 2031)
# The oracle reaches beyond YEARS: a deadline in early 2025 falls in late 2024, and a
# schedule may run on into 2033.
HOLIDAYS = {
    nation: frozenset(holidays.country_holidays("GB", subdiv=nation, years=range(2024, 2035)))
    for nation in notice.NATIONS
}

nations = st.sampled_from(notice.NATIONS)
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31))


def working(day, nation):
    return day.weekday() < 5 and day not in HOLIDAYS[nation]


def oracle_next_working_day(day, nation):
    while not working(day, nation):
        day += timedelta(days=1)
    return day


def oracle_schedule(start, until, every_months, weekday, week_of_month, nation):
    meetings = []
    year, month = start.year, start.month
    while (year, month) <= (until.year, until.month):
        in_month = [
            date(year, month, day)
            for day in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, day).weekday() == weekday
        ]
        nominal = in_month[-1] if week_of_month == -1 else in_month[week_of_month - 1]
        moved = oracle_next_working_day(nominal, nation)
        if start <= moved <= until:
            meetings.append(moved)
        year, month = year + (month - 1 + every_months) // 12, (month - 1 + every_months) % 12 + 1
    return meetings


def test_nations_are_the_uk_subdivisions_of_the_holidays_package():
    assert sorted(notice.NATIONS) == sorted(holidays.country_holidays("GB").subdivisions)


def test_bank_holidays_differ_by_nation():
    assert date(2026, 8, 3) in notice.bank_holidays("SCT", 2026)
    assert date(2026, 8, 3) not in notice.bank_holidays("ENG", 2026)
    assert date(2026, 7, 13) in notice.bank_holidays("NIR", 2026)
    assert date(2026, 4, 6) not in notice.bank_holidays("SCT", 2026)


def test_bank_holidays_are_looked_up_once_per_nation_and_year():
    notice.bank_holidays.cache_clear()
    notice.bank_holidays("WLS", 2027)
    notice.bank_holidays("WLS", 2027)
    assert notice.bank_holidays.cache_info().hits == 1


def test_an_unknown_nation_is_refused():
    with pytest.raises(ValueError, match="is not a UK nation"):
        notice.is_working_day(date(2026, 1, 5), "GB")


def test_the_agenda_for_a_meeting_after_christmas_is_due_before_christmas():
    assert notice.agenda_deadline(date(2026, 12, 29), 4, "ENG") == date(2026, 12, 21)


def test_the_deadline_day_is_one_of_the_working_days_of_notice():
    # Friday's meeting: Monday, Tuesday, Wednesday and Thursday are the four days.
    assert notice.agenda_deadline(date(2026, 1, 16), 4, "ENG") == date(2026, 1, 12)


def test_no_notice_leaves_the_meeting_day_itself():
    assert notice.agenda_deadline(date(2026, 1, 16), 0, "ENG") == date(2026, 1, 16)


def test_negative_notice_is_refused():
    with pytest.raises(ValueError, match="cannot be negative"):
        notice.working_days_before(date(2026, 1, 16), -1, "ENG")


def test_next_working_day_is_the_day_itself_when_it_is_one():
    assert notice.next_working_day(date(2026, 1, 16), "ENG") == date(2026, 1, 16)
    assert notice.next_working_day(date(2026, 1, 17), "ENG") == date(2026, 1, 19)


@settings(max_examples=150)
@given(nations, days, st.integers(1, 10))
def test_the_deadline_leaves_exactly_the_notice_in_working_days(nation, meeting_day, count):
    deadline = notice.agenda_deadline(meeting_day, count, nation)
    assert working(deadline, nation)
    assert deadline < meeting_day
    span = [deadline + timedelta(days=n) for n in range((meeting_day - deadline).days)]
    assert sum(working(day, nation) for day in span) == count


@settings(max_examples=150)
@given(nations, days)
def test_is_working_day_agrees_with_the_holidays_data(nation, day):
    assert notice.is_working_day(day, nation) == working(day, nation)


def test_every_bank_holiday_is_not_a_working_day_and_moves_a_meeting():
    walked = 0
    for nation in notice.NATIONS:
        for holiday in holidays.country_holidays("GB", subdiv=nation, years=YEARS):
            walked += 1
            assert not notice.is_working_day(holiday, nation)
            moved = oracle_next_working_day(holiday, nation)
            assert moved > holiday
            assert notice.next_working_day(holiday, nation) == moved
            if holiday.weekday() >= 5:
                continue
            week = (holiday.day - 1) // 7 + 1
            meetings = notice.schedule(
                start=holiday,
                until=holiday + timedelta(days=14),
                every_months=1,
                weekday=holiday.weekday(),
                week_of_month=-1 if week == 5 else week,
                nation=nation,
            )
            assert meetings == [moved]
    assert walked >= 4 * len(YEARS) * 8


def test_bi_monthly_meetings_on_the_last_monday_avoid_the_spring_bank_holiday():
    meetings = notice.schedule(
        start=date(2026, 1, 1),
        until=date(2026, 12, 31),
        every_months=2,
        weekday=calendar.MONDAY,
        week_of_month=-1,
        nation="ENG",
    )
    assert meetings == [
        date(2026, 1, 26),
        date(2026, 3, 30),
        date(2026, 5, 26),
        date(2026, 7, 27),
        date(2026, 9, 28),
        date(2026, 11, 30),
    ]


def test_a_meeting_on_good_friday_moves_into_the_next_month_in_england_only():
    kwargs = {
        "start": date(2024, 3, 1),
        "until": date(2024, 3, 31),
        "every_months": 1,
        "weekday": calendar.FRIDAY,
        "week_of_month": -1,
    }
    assert notice.schedule(**kwargs, nation="ENG") == []
    assert notice.schedule(**kwargs | {"until": date(2024, 4, 2)}, nation="ENG") == [
        date(2024, 4, 2)
    ]
    # Easter Monday is not a bank holiday in Scotland.
    assert notice.schedule(**kwargs | {"until": date(2024, 4, 2)}, nation="SCT") == [
        date(2024, 4, 1)
    ]


def test_meetings_before_the_start_are_left_out():
    meetings = notice.schedule(
        start=date(2026, 1, 14),
        until=date(2026, 3, 31),
        every_months=1,
        weekday=calendar.TUESDAY,
        week_of_month=2,
        nation="ENG",
    )
    assert meetings == [date(2026, 2, 10), date(2026, 3, 10)]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"until": date(2025, 12, 31)}, "must end on or after"),
        ({"every_months": 0}, "at least one month apart"),
        ({"weekday": calendar.SATURDAY}, "Monday \\(0\\) to Friday \\(4\\)"),
        ({"week_of_month": 5}, "the last \\(-1\\)"),
        ({"week_of_month": 0}, "the last \\(-1\\)"),
        ({"nation": "UK"}, "is not a UK nation"),
    ],
)
def test_schedule_refuses_what_cannot_be_scheduled(change, message):
    arguments = {
        "start": date(2026, 1, 1),
        "until": date(2026, 12, 31),
        "every_months": 2,
        "weekday": calendar.TUESDAY,
        "week_of_month": 2,
        "nation": "ENG",
    }
    with pytest.raises(ValueError, match=message):
        notice.schedule(**arguments | change)


@settings(max_examples=150)
@given(
    nations,
    days,
    st.integers(0, 900),
    st.integers(1, 6),
    st.integers(calendar.MONDAY, calendar.FRIDAY),
    st.sampled_from(notice.WEEKS_OF_MONTH),
)
def test_schedule_gives_one_working_day_per_scheduled_month(
    nation, start, length, every_months, weekday, week_of_month
):
    until = start + timedelta(days=length)
    meetings = notice.schedule(
        start=start,
        until=until,
        every_months=every_months,
        weekday=weekday,
        week_of_month=week_of_month,
        nation=nation,
    )
    assert meetings == oracle_schedule(start, until, every_months, weekday, week_of_month, nation)
    assert all(working(day, nation) for day in meetings)
    assert all(earlier < later for earlier, later in pairwise(meetings))
    assert all(start <= day <= until for day in meetings)
    months = (until.year - start.year) * 12 + until.month - start.month
    assert len(meetings) <= months // every_months + 1


def month_index(day):
    return day.year * 12 + day.month - 1


def test_the_forward_programme_goes_on_in_step_with_the_last_meeting():
    # The demo group meets in December, February, April…: after December, February.
    assert notice.next_in_cycle(
        last_meeting=date(2026, 12, 8), every_months=2, today=date(2026, 11, 30)
    ) == date(2027, 2, 1)
    assert notice.next_in_cycle(
        last_meeting=None, every_months=2, today=date(2026, 11, 30)
    ) == date(2026, 11, 30)
    # Long after the last meeting, the cycle still holds: June, August, October… and today.
    assert notice.next_in_cycle(
        last_meeting=date(2026, 6, 9), every_months=2, today=date(2026, 10, 14)
    ) == date(2026, 10, 14)


@given(
    last=st.none() | days,
    every_months=st.sampled_from([1, 2, 3, 6, 12]),
    today=days,
)
def test_the_forward_programme_starts_at_the_first_month_of_the_cycle_not_over(
    last, every_months, today
):
    start = notice.next_in_cycle(last_meeting=last, every_months=every_months, today=today)

    assert start >= today
    if last is None:
        assert start == today
        return
    assert start == today or start.day == 1
    offset = month_index(start) - month_index(last)
    assert offset > 0 and offset % every_months == 0
    # The cycle's month before it was the last meeting's own, or is already over.
    earlier = month_index(start) - every_months
    assert earlier == month_index(last) or earlier < month_index(today)
