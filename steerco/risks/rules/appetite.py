"""Risk appetite and the flags that bring a risk to the steering group.

Each category of risk has an appetite level on the government scale (the Orange Book's risk
appetite guidance): averse, minimal, cautious, open, eager. Each level means a tolerance: the
highest current score the council accepts in that category. The tolerances are the council's to
set; by default averse 4, minimal 8, cautious 12, open 16, eager 20 (so technology with a
cautious appetite tolerates 12). A more eager level never tolerates less than a more averse one.

A risk is flagged when:
- its current score is above its category's tolerance (outside appetite);
- its review date has passed (review overdue);
- its current score rose at its last review (score rose).
A closed risk is never flagged.
"""

from dataclasses import dataclass
from itertools import pairwise

AVERSE, MINIMAL, CAUTIOUS, OPEN, EAGER = "averse", "minimal", "cautious", "open", "eager"
LEVELS = (AVERSE, MINIMAL, CAUTIOUS, OPEN, EAGER)
DEFAULT_TOLERANCES = {AVERSE: 4, MINIMAL: 8, CAUTIOUS: 12, OPEN: 16, EAGER: 20}

OUTSIDE_APPETITE = "outside_appetite"
REVIEW_OVERDUE = "review_overdue"
SCORE_ROSE = "score_rose"
FLAGS = (OUTSIDE_APPETITE, REVIEW_OVERDUE, SCORE_ROSE)
FLAG_WORDING = {
    OUTSIDE_APPETITE: "Outside appetite",
    REVIEW_OVERDUE: "Review overdue",
    SCORE_ROSE: "Score rose at the last review",
}


class AppetiteError(ValueError):
    pass


def check_tolerances(tolerances):
    """Refuses tolerances that leave out a level, fall outside 1 to 25, or tolerate less for a
    more eager level than for a more averse one."""
    if set(tolerances) != set(LEVELS):
        raise AppetiteError("Give a tolerance for each appetite level.")
    values = [tolerances[level] for level in LEVELS]
    if any(not isinstance(value, int) or not 1 <= value <= 25 for value in values):
        raise AppetiteError("Each tolerance must be a score from 1 to 25.")
    if any(later < earlier for earlier, later in pairwise(values)):
        raise AppetiteError("A more eager appetite cannot tolerate a lower score.")
    return tolerances


def tolerance(level, tolerances=DEFAULT_TOLERANCES):
    if level not in LEVELS:
        raise AppetiteError(
            "Choose an appetite level from the scale: averse, minimal, cautious, open or eager."
        )
    return check_tolerances(tolerances)[level]


@dataclass(frozen=True)
class Standing:
    """What is known of a risk to decide its flags."""

    current_score: int
    tolerance: int
    review_date: object  # a date, or None when no review is set
    previous_score: int | None = None  # the current score before the last review
    closed: bool = False


def flags(standing, today):
    """The flags of a risk, in the order of FLAGS."""
    if standing.closed:
        return ()
    found = []
    if standing.current_score > standing.tolerance:
        found.append(OUTSIDE_APPETITE)
    if standing.review_date is not None and standing.review_date < today:
        found.append(REVIEW_OVERDUE)
    if standing.previous_score is not None and standing.current_score > standing.previous_score:
        found.append(SCORE_ROSE)
    return tuple(found)


def is_flagged(standing, today):
    return bool(flags(standing, today))
