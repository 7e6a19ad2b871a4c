"""Rules for notice: working days, the agenda deadline and the schedule of ordinary meetings.

Seed 001, the terms of reference: "Agendas will be electronically available at least four
working days prior to meetings." A working day is a weekday that is not a bank holiday of the
council's nation; each UK nation keeps its own bank holidays, taken from the `holidays` package
and never typed in here. The agenda is due by the end of the deadline day, and that day is
itself one of the working days of notice: a meeting on Tuesday 29 December 2026 in England,
with the Christmas bank holidays on 25 and 28 December, needs its agenda by the end of Monday
21 December.

Ordinary meetings fall on a fixed weekday of the month, such as the second Tuesday or the last
Thursday, every one or more months (the steering group meets "on a bi-monthly basis"). One that
would fall on a bank holiday moves to the next working day, even when that is in the following
month: the last Friday of March 2024 was Good Friday, so in England a meeting set for it
moved past Easter Monday to Tuesday 2 April.
"""

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays

NATIONS = ("ENG", "WLS", "SCT", "NIR")
WEEKS_OF_MONTH = (1, 2, 3, 4, -1)
ONE_DAY = timedelta(days=1)


def _check_nation(nation: str) -> None:
    if nation not in NATIONS:
        raise ValueError(
            f"“{nation}” is not a UK nation: use ENG for England, WLS for Wales, "
            "SCT for Scotland or NIR for Northern Ireland."
        )


@lru_cache(maxsize=256)
def bank_holidays(nation: str, year: int) -> frozenset[date]:
    _check_nation(nation)
    return frozenset(holidays.country_holidays("GB", subdiv=nation, years=year))


def is_working_day(day: date, nation: str) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(nation, day.year)


def next_working_day(day: date, nation: str) -> date:
    while not is_working_day(day, nation):
        day += ONE_DAY
    return day


def working_days_before(day: date, count: int, nation: str) -> date:
    """The count-th working day before `day`, which is never counted itself; `day` for 0."""
    if count < 0:
        raise ValueError(f"A number of working days cannot be negative; {count} was given.")
    _check_nation(nation)
    while count:
        day -= ONE_DAY
        if is_working_day(day, nation):
            count -= 1
    return day


def agenda_deadline(meeting_day: date, notice_working_days: int, nation: str) -> date:
    """The day by whose end the agenda is due; the meeting day itself when no notice is set."""
    return working_days_before(meeting_day, notice_working_days, nation)


def _nominal_day(year: int, month: int, weekday: int, week_of_month: int) -> date:
    first_weekday, days_in_month = calendar.monthrange(year, month)
    first = 1 + (weekday - first_weekday) % 7
    if week_of_month == -1:
        # Four weeks on from the first such weekday may still be in the month: 29, 30 or 31.
        return date(year, month, first + 7 * ((days_in_month - first) // 7))
    # Weeks 1 to 4 always fit: the fourth such weekday is on the 28th at the latest.
    return date(year, month, first + 7 * (week_of_month - 1))


def schedule(
    *,
    start: date,
    until: date,
    every_months: int,
    weekday: int,
    week_of_month: int,
    nation: str,
) -> list[date]:
    _check_nation(nation)
    if until < start:
        raise ValueError("A schedule must end on or after the day it starts.")
    if every_months < 1:
        raise ValueError(f"Meetings must be at least one month apart; {every_months} was given.")
    if weekday not in range(5):
        raise ValueError(
            f"Ordinary meetings fall on a weekday, Monday (0) to Friday (4): {weekday} was given."
        )
    if week_of_month not in WEEKS_OF_MONTH:
        raise ValueError(
            "The week of the month must be the first (1) to the fourth (4) or the last (-1): "
            f"{week_of_month} was given."
        )
    meetings = []
    month_index = start.year * 12 + start.month - 1
    # A moved meeting lands at most a few days later, so a month that starts after `until`
    # can no longer produce one.
    while (month_index // 12, month_index % 12 + 1) <= (until.year, until.month):
        nominal = _nominal_day(month_index // 12, month_index % 12 + 1, weekday, week_of_month)
        day = next_working_day(nominal, nation)
        if start <= day <= until:
            meetings.append(day)
        month_index += every_months
    return meetings


def next_in_cycle(*, last_meeting: date | None, every_months: int, today: date) -> date:
    """Where a forward programme starts unless the secretary says otherwise: in step with the
    meetings already scheduled.

    A body that meets every other month and last has a meeting in December goes on in
    February, April and so on, not in January. The programme starts on the first day of the
    first month after the last scheduled meeting that the cycle reaches (a whole number of
    `every_months` after that meeting's month) and that is not already over, or today when
    that month is the current one. With no meeting scheduled, it starts today.
    """
    if every_months < 1:
        raise ValueError(f"Meetings must be at least one month apart; {every_months} was given.")
    if last_meeting is None:
        return today
    month_index = last_meeting.year * 12 + last_meeting.month - 1 + every_months
    current = today.year * 12 + today.month - 1
    if month_index < current:
        behind = current - month_index
        month_index += -(-behind // every_months) * every_months
    return max(date(month_index // 12, month_index % 12 + 1, 1), today)
