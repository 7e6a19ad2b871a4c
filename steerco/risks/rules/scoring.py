"""Scoring a risk on the 5 × 5 scale (the Orange Book's practice).

A risk is assessed three times: inherent (before controls), current (with the controls in place)
and target (where the treatment should bring it). Each assessment is a likelihood and an impact,
each a whole number from 1 to 5; the score is likelihood × impact, from 1 to 25.

The score falls into a band. The bands are the council's to set, as the highest score of each
band; by default 1 to 5 is low, 6 to 12 medium, 13 to 19 high and 20 to 25 critical.

An assessment is refused when:
- a likelihood or impact is not a whole number from 1 to 5;
- the target score is worse (higher) than the inherent score and no reason is given: a
  treatment is meant to reduce a risk, so a target above it needs explaining;
- the current score is below the inherent score and no controls are recorded: a risk is only
  reduced by the controls in place.

A risk may carry a money impact. Its expected loss is the midpoint of the probability its
likelihood stands for, times that impact (by default rare < 5 %: 2.5 %, unlikely 5–25 %: 15 %,
possible 25–50 %: 37.5 %, likely 50–75 %: 62.5 %, almost certain > 75 %: 87.5 %).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

LEVELS = (1, 2, 3, 4, 5)
HIGHEST_SCORE = 25

LOW, MEDIUM, HIGH, CRITICAL = "low", "medium", "high", "critical"
BAND_NAMES = (LOW, MEDIUM, HIGH, CRITICAL)
# The highest score of each band, in order.
DEFAULT_BAND_LIMITS = (5, 12, 19, 25)

# The probability each likelihood stands for, as a range in per cent: (from, to).
DEFAULT_PROBABILITIES = {1: (0, 5), 2: (5, 25), 3: (25, 50), 4: (50, 75), 5: (75, 100)}


class ScoringError(ValueError):
    """An assessment the scale refuses; `problems` maps each field to its message."""

    def __init__(self, problems):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


@dataclass(frozen=True)
class Rating:
    likelihood: int
    impact: int

    @property
    def score(self):
        return score(self.likelihood, self.impact)


def is_level(value):
    return isinstance(value, int) and not isinstance(value, bool) and value in LEVELS


def score(likelihood, impact):
    if not (is_level(likelihood) and is_level(impact)):
        raise ScoringError(
            {"score": "Likelihood and impact must each be a whole number from 1 to 5."}
        )
    return likelihood * impact


def check_band_limits(limits):
    """Refuses band limits that do not rise from 1 to 25, one limit per band."""
    limits = tuple(limits)
    if len(limits) != len(BAND_NAMES):
        raise ScoringError({"bands": "Give the highest score of each of the four bands."})
    if limits[-1] != HIGHEST_SCORE:
        raise ScoringError({"bands": "The critical band must end at 25."})
    if limits[0] < 1 or any(later <= earlier for earlier, later in pairwise(limits)):
        raise ScoringError({"bands": "Each band must start above the one before it."})
    return limits


def band(value, limits=DEFAULT_BAND_LIMITS):
    """The band of a score from 1 to 25."""
    if not (isinstance(value, int) and 1 <= value <= HIGHEST_SCORE):
        raise ScoringError({"score": "A score must be a whole number from 1 to 25."})
    for name, limit in zip(BAND_NAMES, check_band_limits(limits), strict=True):
        if value <= limit:
            return name
    raise AssertionError("the last band ends at 25")  # check_band_limits guarantees it


def band_range(name, limits=DEFAULT_BAND_LIMITS):
    """The lowest and highest score of a band."""
    limits = check_band_limits(limits)
    index = BAND_NAMES.index(name)
    return (limits[index - 1] + 1 if index else 1, limits[index])


def assessment_problems(inherent, current, target, *, target_reason="", controls=""):
    """What is wrong with an assessment, as {field: message}; empty when it stands."""
    problems = {}
    ratings = {"inherent": inherent, "current": current, "target": target}
    for name, rating in ratings.items():
        for part in ("likelihood", "impact"):
            if not is_level(getattr(rating, part)):
                problems[f"{name}_{part}"] = (
                    f"The {name} {part} must be a whole number from 1 to 5."
                )
    if problems:
        return problems
    if target.score > inherent.score and not target_reason.strip():
        problems["target_reason"] = (
            "Enter why the target score is higher than the score before controls."
        )
    if current.score < inherent.score and not controls.strip():
        problems["controls"] = (
            "Enter the controls in place: the current score can only be below the score "
            "before controls when controls are recorded."
        )
    return problems


def check_assessment(inherent, current, target, *, target_reason="", controls=""):
    problems = assessment_problems(
        inherent, current, target, target_reason=target_reason, controls=controls
    )
    if problems:
        raise ScoringError(problems)


def probability_midpoint(likelihood, probabilities=DEFAULT_PROBABILITIES):
    """The midpoint of the probability a likelihood stands for, as a fraction (0.375)."""
    if not is_level(likelihood):
        raise ScoringError({"likelihood": "The likelihood must be a whole number from 1 to 5."})
    low, high = probabilities[likelihood]
    return (Decimal(low) + Decimal(high)) / Decimal(200)


def expected_loss(likelihood, money_impact, probabilities=DEFAULT_PROBABILITIES):
    """Probability midpoint × money impact, in pounds to the penny."""
    loss = probability_midpoint(likelihood, probabilities) * Decimal(money_impact)
    return loss.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
