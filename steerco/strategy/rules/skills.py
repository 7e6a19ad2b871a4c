"""The skills and capacity framework's rules: the levels a team's capability in a skill is
assessed at, the gap between the current and the target level, and a skill's gaps across the
teams. Pure: no Django import.

The levels run from 0 to 5, for a team (not a person):

- 0 None: nobody in the team has the skill.
- 1 Awareness: the team knows what the skill is and when it is needed.
- 2 Working: the team can apply it to routine work with guidance.
- 3 Practitioner: the team applies it on its own, day to day.
- 4 Expert: the team leads the council's work in it and advises others.
- 5 Leading: the team shapes how the sector does it.

SFIA's seven levels describe a person's responsibility (from "follow" to "set strategy"), not
a team's capability, and have no level for a skill the team lacks; a skill's SFIA code can
still be given as its framework reference.

The gap is how far the current level falls short of the target: the target less the current
level, or none when the team is at or above its target (a team above target has no negative
gap to offset another's shortfall).
"""

from dataclasses import dataclass

LEVELS = {
    0: "None",
    1: "Awareness",
    2: "Working",
    3: "Practitioner",
    4: "Expert",
    5: "Leading",
}


def gap(current: int, target: int) -> int:
    return max(0, target - current)


@dataclass(frozen=True)
class Gaps:
    assessed: int  # teams assessed in the skill
    short: int  # teams below their target
    total: int  # the levels missing, over the teams
    largest: int  # the largest gap of one team


def gaps(levels: list[tuple[int, int]]) -> Gaps:
    """A skill's gaps over the teams assessed in it, from each team's (current, target)."""
    each = [gap(current, target) for current, target in levels]
    return Gaps(
        assessed=len(each),
        short=sum(1 for one in each if one),
        total=sum(each),
        largest=max(each, default=0),
    )
