"""Rules for quorum, assessed for each agenda item.

Seed 001, the terms of reference: "To ensure quoracy, at least five group members including
the Chair or nominated Vice Chair must be in attendance." and "If a nominated Officer is unable
to attend then a suitable substitute should attend where possible."

A member's seat counts when the member counts toward quorum and is present for the item, or is
represented by a substitute where the body lets substitutes count. A member who withdrew from
the item, for example for a prejudicial interest, does not count for it; the secretary and
observers never count. Where the chair is required, the chair or the nominated vice chair must
be there in person and not withdrawn from the item: a substitute cannot take the chair.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Presence(StrEnum):
    PRESENT = "present"
    # The member sent apologies and a substitute attended for them.
    SUBSTITUTE = "substitute"
    APOLOGIES = "apologies"
    ABSENT = "absent"


@dataclass(frozen=True)
class Seat:
    member: int
    counts_toward_quorum: bool
    # The chair or the nominated vice chair.
    chairs: bool
    # For this item: the caller accounts for late arrivals and early departures.
    presence: Presence
    withdrawn: bool = False


@dataclass(frozen=True)
class Rule:
    minimum: int
    requires_chair: bool
    substitutes_count: bool = True

    def __post_init__(self) -> None:
        if self.minimum < 0:
            raise ValueError(f"A quorum cannot be negative; {self.minimum} was given.")


@dataclass(frozen=True)
class Assessment:
    quorate: bool
    counted: int
    minimum: int
    # Whether the chair or nominated vice chair can chair the item, required or not.
    chair_present: bool
    # Empty when quorate.
    reasons: tuple[str, ...]


def _counts(rule: Rule, seat: Seat) -> bool:
    if not seat.counts_toward_quorum or seat.withdrawn:
        return False
    return seat.presence == Presence.PRESENT or (
        seat.presence == Presence.SUBSTITUTE and rule.substitutes_count
    )


def _can_chair(seat: Seat) -> bool:
    return seat.chairs and seat.presence == Presence.PRESENT and not seat.withdrawn


def _members(count: int) -> str:
    if count == 1:
        return "1 member who counts toward quorum is present"
    return f"{count} members who count toward quorum are present"


def assess(rule: Rule, seats: Iterable[Seat]) -> Assessment:
    listed = list(seats)
    seen: set[int] = set()
    for seat in listed:
        # Two seats for one member usually mean a query joined a table twice; merging them
        # could count someone who has withdrawn, so the caller has to sort it out.
        if seat.member in seen:
            raise ValueError(f"Member {seat.member} has more than one seat for this item.")
        seen.add(seat.member)

    counted = sum(1 for seat in listed if _counts(rule, seat))
    chair_present = any(_can_chair(seat) for seat in listed)
    reasons: list[str] = []
    if counted < rule.minimum:
        needed = "is" if rule.minimum == 1 else "are"
        reasons.append(f"{_members(counted)}; at least {rule.minimum} {needed} needed.")
    if rule.requires_chair and not chair_present:
        if any(seat.chairs and seat.presence == Presence.PRESENT for seat in listed):
            reasons.append(
                "Nobody present may chair this item: the chair or nominated vice chair "
                "has withdrawn from it."
            )
        else:
            reasons.append("Neither the chair nor the nominated vice chair is present.")
    return Assessment(
        quorate=not reasons,
        counted=counted,
        minimum=rule.minimum,
        chair_present=chair_present,
        reasons=tuple(reasons),
    )
