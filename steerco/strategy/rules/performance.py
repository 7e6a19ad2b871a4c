"""The performance standards framework's rules: whether a measurement's period fits the KPI's
frequency, whether a figure is of the kind the KPI's unit measures, the red / amber / green
status of a measurement against the target, and the trend between two measurements. Pure: no
Django import.

The status, as the framework states it:

- Green: the value meets the target (at or above it where higher is better, at or below it
  where lower is better).
- Amber: the value misses the target by no more than the tolerance.
- Red: the value misses the target by more than the tolerance.
- No status: the KPI has no target yet.

Periods follow the council's financial year, which starts on 1 April: a monthly measurement
is for a month (it starts on the 1st), a quarterly one for a quarter of the financial year
(it starts on 1 April, 1 July, 1 October or 1 January) and a yearly one for a financial year
(it starts on 1 April).
"""

from datetime import date
from decimal import Decimal

HIGHER = "higher"
LOWER = "lower"

MONTHLY = "monthly"
QUARTERLY = "quarterly"
YEARLY = "yearly"

PERCENTAGE = "percentage"
POUNDS = "pounds"
NUMBER = "number"
DAYS = "days"

GREEN = "green"
AMBER = "amber"
RED = "red"
# Worst last: a status is no better than one after it.
STATUSES = (GREEN, AMBER, RED)

IMPROVING = "improving"
WORSENING = "worsening"
STEADY = "steady"

QUARTER_MONTHS = (4, 7, 10, 1)
FINANCIAL_YEAR_STARTS = 4


def period_problem(frequency, starts_on: date) -> str | None:
    """Why a period starting on `starts_on` does not fit the frequency, or None if it does."""
    if starts_on.day != 1:
        return "The period must start on the first day of a month."
    if frequency == QUARTERLY and starts_on.month not in QUARTER_MONTHS:
        return (
            "A quarterly KPI is measured for quarters of the financial year: the period must "
            "start on 1 April, 1 July, 1 October or 1 January."
        )
    if frequency == YEARLY and starts_on.month != FINANCIAL_YEAR_STARTS:
        return "A yearly KPI is measured for financial years: the period must start on 1 April."
    return None


def period_label(frequency, starts_on: date) -> str:
    """ "April 2026", "Q1 2026/27" (April to June), "2026/27"."""
    first_year = starts_on.year if starts_on.month >= FINANCIAL_YEAR_STARTS else starts_on.year - 1
    financial_year = f"{first_year}/{(first_year + 1) % 100:02d}"
    if frequency == YEARLY:
        return financial_year
    if frequency == QUARTERLY:
        quarter = (starts_on.month - FINANCIAL_YEAR_STARTS) % 12 // 3 + 1
        return f"Q{quarter} {financial_year}"
    return starts_on.strftime("%B %Y")


def value_problem(unit, value: Decimal, noun="The value") -> str | None:
    """Why `value` cannot be a figure of `unit`, or None if it can. `noun` names it in the
    message ("The target")."""
    if unit == PERCENTAGE and not Decimal(0) <= value <= Decimal(100):
        return f"{noun} is a percentage: it must be from 0 to 100."
    if unit == POUNDS:
        if value < 0:
            return f"{noun} is an amount in pounds: it must be £0 or more."
        if value != value.quantize(Decimal("0.01")):
            return f"{noun} is an amount in pounds: give it to the nearest penny."
    if unit in (NUMBER, DAYS) and value < 0:
        return f"{noun} must be 0 or more."
    return None


def status(direction, value: Decimal, target: Decimal | None, tolerance: Decimal) -> str | None:
    """The red / amber / green status of `value` against `target` (see the module's text)."""
    if target is None:
        return None
    shortfall = target - value if direction == HIGHER else value - target
    if shortfall <= 0:
        return GREEN
    if shortfall <= tolerance:
        return AMBER
    return RED


def trend(direction, previous: Decimal | None, latest: Decimal | None) -> str | None:
    """Whether the latest measurement is better, worse or the same as the one before it (None
    with fewer than two)."""
    if previous is None or latest is None:
        return None
    if latest == previous:
        return STEADY
    better = latest > previous if direction == HIGHER else latest < previous
    return IMPROVING if better else WORSENING


def quartile(direction, value: Decimal, lower: Decimal, median: Decimal, upper: Decimal) -> int:
    """Which quartile of the peer group `value` falls in, 1 being the best: the lower and
    upper quartiles and the median are the peer group's figures, with the best quarter at the
    top where higher is better and at the bottom where lower is better. A value on a boundary
    counts in the better quartile."""
    if direction == LOWER:
        value, lower, median, upper = -value, -upper, -median, -lower
    if value >= upper:
        return 1
    if value >= median:
        return 2
    if value >= lower:
        return 3
    return 4
