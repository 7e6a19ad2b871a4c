"""Rules for attendance: the two-apologies challenge and the annual review figures.

Seed 001, the terms of reference: "When a group member has sent their apologies to two
consecutive meetings of the Group, they will be challenged in line with the Council's Efficient
Meetings Protocol. This also requires an annual review of attendance and the addressing of
individual poor attendance very proactively."

Only meetings that were held while the person was a member count. A cancelled meeting neither
breaks a run of apologies nor adds to it. Apologies with a substitute are still the member's
apologies. Being present, being absent without apologies, or a held meeting with nothing
recorded for the member ends a run. In the figures a held meeting with nothing recorded counts
as expected and as absent: the member did not send apologies for it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Status(StrEnum):
    PRESENT = "present"
    # The member sent apologies and a substitute attended for them.
    SUBSTITUTE = "substitute"
    APOLOGIES = "apologies"
    ABSENT = "absent"


APOLOGIES = frozenset({Status.APOLOGIES, Status.SUBSTITUTE})


@dataclass(frozen=True)
class MeetingRecord:
    on: date
    # False for a cancelled meeting.
    held: bool
    # This member's attendance; None when nothing was recorded.
    status: Status | None


@dataclass(frozen=True)
class Figures:
    expected: int
    attended: int
    apologies: int
    substituted: int
    absent: int
    # Attended as a percentage of expected, to one decimal place; None when none was expected.
    percentage: Decimal | None


def _check_membership(joined: date, left: date | None) -> None:
    if left is not None and left < joined:
        raise ValueError("A member cannot leave before they joined.")


def _counted(
    records: Iterable[MeetingRecord], joined: date, left: date | None
) -> list[MeetingRecord]:
    return [
        record
        for record in records
        if record.held and joined <= record.on and (left is None or record.on <= left)
    ]


def apologies_run(
    records: Iterable[MeetingRecord], *, joined: date, left: date | None
) -> tuple[date, ...]:
    """Empty when the latest meeting the member was expected at ended the run.

    Records carry no time of day, so two held meetings on one day cannot be put in order: such
    a day is one step of a run when the member sent apologies to both, and ends the run otherwise.
    """
    _check_membership(joined, left)
    apologies_by_day: dict[date, bool] = {}
    for record in _counted(records, joined, left):
        sent = record.status in APOLOGIES
        apologies_by_day[record.on] = apologies_by_day.get(record.on, True) and sent
    run: list[date] = []
    for on in sorted(apologies_by_day):
        if apologies_by_day[on]:
            run.append(on)
        else:
            run.clear()
    return tuple(run)


def challenge_due(
    records: Iterable[MeetingRecord],
    *,
    joined: date,
    left: date | None,
    challenged_through: date | None = None,
    run_length: int = 2,
) -> bool:
    """`challenged_through` is the last meeting covered by a challenge already made.

    Apologies up to that meeting have been dealt with; only `run_length` more in a row after it
    call for another challenge under the Efficient Meetings Protocol.
    """
    if run_length < 1:
        raise ValueError(f"A run of apologies is at least one meeting; {run_length} was given.")
    run = apologies_run(records, joined=joined, left=left)
    unchallenged = [on for on in run if challenged_through is None or on > challenged_through]
    return len(unchallenged) >= run_length


def _percentage(attended: int, expected: int) -> Decimal | None:
    if not expected:
        return None
    # Whole tenths of a per cent in integers, so a half rounds up exactly, never to even.
    tenths, remainder = divmod(attended * 1000, expected)
    if 2 * remainder >= expected:
        tenths += 1
    return Decimal(tenths).scaleb(-1)


def figures(
    records: Iterable[MeetingRecord],
    *,
    joined: date,
    left: date | None,
    period_start: date,
    period_end: date,
) -> Figures:
    _check_membership(joined, left)
    if period_end < period_start:
        raise ValueError("A review period must end on or after the day it starts.")
    counts = dict.fromkeys(Status, 0)
    for record in _counted(records, joined, left):
        if period_start <= record.on <= period_end:
            counts[record.status or Status.ABSENT] += 1
    expected = sum(counts.values())
    return Figures(
        expected=expected,
        attended=counts[Status.PRESENT],
        apologies=counts[Status.APOLOGIES],
        substituted=counts[Status.SUBSTITUTE],
        absent=counts[Status.ABSENT],
        percentage=_percentage(counts[Status.PRESENT], expected),
    )
