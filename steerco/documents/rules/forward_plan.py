"""The notice of a key decision (the Local Authorities (Executive Arrangements) (Meetings and
Access to Information) (England) Regulations 2012, reg. 9): a key decision is taken only once it
has been on the forward plan for at least 28 clear days, unless it is urgent. Clear days leave
out the day it first appeared and the day the decision is taken."""

from datetime import date, timedelta

NOTICE_CLEAR_DAYS = 28


def clear_days(first_on_plan: date, taken_on: date) -> int:
    """The whole days between the two, neither counted; never below zero."""
    return max((taken_on - first_on_plan).days - 1, 0)


def earliest_decision_day(first_on_plan: date) -> date:
    """The first day the decision may be taken with full notice."""
    return first_on_plan + timedelta(days=NOTICE_CLEAR_DAYS + 1)


def short_notice(first_on_plan: date, taken_on: date) -> str | None:
    """Why the decision would be taken without full notice, or None when the notice is met."""
    days = clear_days(first_on_plan, taken_on)
    if days >= NOTICE_CLEAR_DAYS:
        return None
    earliest = earliest_decision_day(first_on_plan)
    return (
        f"It would be taken {days} clear days after it first appeared on the forward plan: a key "
        f"decision needs {NOTICE_CLEAR_DAYS}, so the earliest day is {earliest:%-d %B %Y}"
    )
