"""Rules for terms of reference: version numbers and the chair's term.

Seed 001 numbers its document-control rows 1.0, 1.1 … 1.4; each change is a new, later
version and an earlier version is never overwritten. Seed 000 appoints the chair "for initial
12 months, reviewed thereafter": a review falls due 12 months after the chair started or was
last reviewed.
"""

import calendar
import re
from datetime import date

_NUMBER = re.compile(r"[0-9]{1,9}", re.ASCII)


class VersionError(ValueError):
    pass


def parse_version(text: str) -> tuple[int, ...]:
    """'1.4' -> (1, 4). Trailing zero parts are dropped so that 1.0 equals 1."""
    parts = text.strip().split(".")
    # ASCII digits only: "²" and "١" pass str.isdigit() but are no part of a version number.
    if not all(_NUMBER.fullmatch(part) for part in parts):
        raise VersionError(f"“{text}” is not a version number like 1.4 or 2.0.")
    numbers = [int(part) for part in parts]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def check_next_version(new: str, latest: str | None) -> None:
    """Refuses a version that is not later than the latest one."""
    new_key = parse_version(new)
    if latest is not None and new_key <= parse_version(latest):
        raise VersionError(
            f"Version {new} must come after the current version {latest}: "
            "version numbers never go backwards."
        )


def add_months(day: date, months: int) -> date:
    """The same day `months` later; 31 January + 1 month is 28 (or 29) February."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


CHAIR_TERM_MONTHS = 12


def chair_review_due_on(started_on: date, last_reviewed_on: date | None) -> date:
    return add_months(last_reviewed_on or started_on, CHAIR_TERM_MONTHS)


def chair_review_due(started_on: date, last_reviewed_on: date | None, today: date) -> bool:
    return today >= chair_review_due_on(started_on, last_reviewed_on)
