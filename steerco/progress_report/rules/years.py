"""The years an annual progress report can cover. Pure: no Django import.

The rule, as the report's page states it:

- A report covers one financial year of the council, from 1 April to 31 March, named as the
  KPIs name it: "2026/27" is the year from 1 April 2026 to 31 March 2027. A strategy's period
  "2012–2017" is the financial years 2012/13 to 2017/18.
- A report can be written for each year of the strategy's period that has begun. The current
  strategy is still being delivered after its last year until another replaces it, so it is
  reported on every year after too, up to the year in progress.
"""

from datetime import date

FINANCIAL_YEAR_STARTS = 4


def financial_year(day: date) -> int:
    """The financial year a day falls in, by its first calendar year."""
    return day.year if day.month >= FINANCIAL_YEAR_STARTS else day.year - 1


def label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def bounds(year: int) -> tuple[date, date]:
    """The first day of the year and the first day after it."""
    return date(year, FINANCIAL_YEAR_STARTS, 1), date(year + 1, FINANCIAL_YEAR_STARTS, 1)


def years_offered(starts_in: int, ends_in: int, is_current: bool, today: date) -> list[int]:
    """The years a report can be written for, latest first."""
    this_year = financial_year(today)
    last = max(ends_in, this_year) if is_current else ends_in
    return list(range(min(last, this_year), starts_in - 1, -1))


def default_year(offered: list[int], today: date) -> int | None:
    """The latest year that has ended, else the year in progress."""
    this_year = financial_year(today)
    ended = [year for year in offered if year < this_year]
    if ended:
        return ended[0]
    return offered[0] if offered else None
