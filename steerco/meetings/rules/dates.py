"""Dates the record will not take without a second look: each rule returns what is wrong with
a date, as a sentence for the person who typed it, or None when the date is fine.

- A meeting is held on a working day. A weekend or a bank holiday of the council's nation
  (see `notice`) is possible – an urgent meeting about a major incident may have to be – but
  it is more often a slip of the keyboard, so the secretary confirms it.
- An action arises at a meeting, so it falls due on the day of that meeting or after it, and
  within two years of it: a later date is almost always a mistyped year, and work that long is
  a project, not an action.
- An update to an action reports what has happened: it is dated today or earlier, and not
  before the meeting at which the action arose (an action set down ahead of its meeting is
  updated today, if at all).
- A decision is reviewed after it is made: its review date is after the day of the meeting
  that made it.
- A forwarding records something already sent: it is dated today or earlier, and not before
  the meeting whose record was sent.
"""

from datetime import date

import holidays

from steerco.meetings.rules import notice

NATION_NAMES = {
    "ENG": "England",
    "WLS": "Wales",
    "SCT": "Scotland",
    "NIR": "Northern Ireland",
}
# How far ahead an action may fall due, from the meeting at which it arose.
ACTION_YEARS_AHEAD = 2


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _long(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def unusual_meeting_day(day: date, nation: str) -> str | None:
    """Why the day is not a working day of the nation: a weekend or a bank holiday."""
    if day in notice.bank_holidays(nation, day.year):
        name = holidays.country_holidays("GB", subdiv=nation, years=day.year).get(day)
        return f"{_long(day)} is a bank holiday in {NATION_NAMES[nation]} ({name})"
    if day.weekday() >= 5:
        return f"{_long(day)} is a weekend"
    return None


def action_due_problem(due: date, meeting_day: date, *, raised: bool = False) -> str | None:
    """`raised`: the action was raised between meetings (a risk's mitigating action), on
    `meeting_day`, rather than at a meeting held that day."""
    start = "the day the action was raised" if raised else "the day of the meeting"
    if due < meeting_day:
        return f"The due date must be on or after {start}, {_long(meeting_day)}"
    latest = _years_after(meeting_day, ACTION_YEARS_AHEAD)
    if due > latest:
        return (
            f"The due date must be within {ACTION_YEARS_AHEAD} years of "
            f"{'the day the action was raised' if raised else 'the meeting'}, "
            f"by {_long(latest)}"
        )
    return None


def update_date_problem(
    on: date, meeting_day: date, today: date, *, raised: bool = False
) -> str | None:
    """`raised` as for `action_due_problem`."""
    if on > today:
        return "The date of the update must be today or in the past"
    earliest = min(meeting_day, today)
    if on < earliest:
        start = "the day the action was raised"
        if not raised:
            start = "the day of the meeting the action arose at"
        return (
            f"The date of the update must be on or after {start}, {_long(earliest)}"
            if earliest == meeting_day
            else "The date of the update must be today: the meeting the action arose at is "
            "still to come"
        )
    return None


def review_date_problem(review_on: date, meeting_day: date) -> str | None:
    if review_on <= meeting_day:
        return f"The review date must be after the day of the decision, {_long(meeting_day)}"
    return None


def forwarding_date_problem(on: date, meeting_day: date, today: date) -> str | None:
    if on > today:
        return "The date forwarded must be today or in the past"
    if on < meeting_day:
        return (
            f"The date forwarded must be on or after the day of the meeting, {_long(meeting_day)}"
        )
    return None
