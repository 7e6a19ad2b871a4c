"""Scoring candidates for investment (issue 11, §1).

"A scoring model per organisation — criteria (e.g. strategic alignment, financial return from
the business case's NPSV, risk reduction, statutory need, customer impact, deliverability), each
with a weight and a 0–5 scale described in words. Assessors score candidates; the model gives the
weighted score, who scored what, and the spread between assessors (a wide spread is flagged for
discussion)."

A criterion's score is the mean of its assessors' scores (each a whole number from 0 to 5). The
weighted score is the weighted mean of the criteria's scores, on the same 0–5 scale: weights are
relative, so doubling every weight changes nothing. Weights cannot be negative and cannot sum to
zero. A candidate not yet scored on every weighted criterion has no weighted score: the
criteria it lacks are named instead. The spread of a criterion is its highest score less its
lowest; a spread of two points or more (the council may choose another) is flagged for
discussion.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

LOWEST, HIGHEST = 0, 5
WIDE_SPREAD = 2
PLACES = Decimal("0.01")


class ScoringError(ValueError):
    def __init__(self, field, message):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Criterion:
    name: str
    weight: Decimal
    scale: tuple[str, ...] = ()  # what 0, 1, …, 5 mean, in words


@dataclass(frozen=True)
class CriterionResult:
    name: str
    weight: Decimal
    scores: tuple[tuple[str, int], ...]  # (assessor, score)
    mean: Decimal | None
    spread: int | None
    wide: bool


@dataclass(frozen=True)
class Result:
    criteria: tuple[CriterionResult, ...]
    weighted: Decimal | None
    missing: tuple[str, ...]

    @property
    def flagged(self):
        return tuple(c.name for c in self.criteria if c.wide)


def validate(criteria):
    """Refuse a scoring model that cannot give a weighted score, naming the field."""
    if not criteria:
        raise ScoringError("criteria", "A scoring model needs at least one criterion.")
    names = set()
    for n, criterion in enumerate(criteria):
        if not criterion.name.strip():
            raise ScoringError(f"criteria[{n}].name", "Enter the criterion's name.")
        if criterion.name in names:
            raise ScoringError(
                f"criteria[{n}].name", f"There is already a criterion called {criterion.name}."
            )
        names.add(criterion.name)
        if criterion.weight < 0:
            raise ScoringError(f"criteria[{n}].weight", "A weight cannot be negative.")
        if criterion.scale and len(criterion.scale) != HIGHEST - LOWEST + 1:
            raise ScoringError(
                f"criteria[{n}].scale",
                f"Describe each point of the scale from {LOWEST} to {HIGHEST}.",
            )
    if sum(c.weight for c in criteria) == 0:
        raise ScoringError("criteria", "The weights cannot all be zero.")


def check_score(score):
    if isinstance(score, bool) or not isinstance(score, int) or not LOWEST <= score <= HIGHEST:
        raise ScoringError("score", f"A score is a whole number from {LOWEST} to {HIGHEST}.")
    return score


def score(criteria, scores, *, wide=WIDE_SPREAD):
    """The result for one candidate. `scores` is {criterion name: [(assessor, score), ...]};
    a spread of `wide` points or more is flagged."""
    validate(criteria)
    results = []
    for criterion in criteria:
        given = tuple(
            (assessor, check_score(value)) for assessor, value in scores.get(criterion.name, ())
        )
        values = [value for _, value in given]
        mean = Decimal(sum(values)) / len(values) if values else None
        spread = max(values) - min(values) if values else None
        results.append(
            CriterionResult(
                name=criterion.name,
                weight=criterion.weight,
                scores=given,
                mean=mean,
                spread=spread,
                wide=spread is not None and spread >= wide,
            )
        )
    missing = tuple(r.name for r in results if r.mean is None and r.weight)
    weighted = None
    if not missing:
        total = sum(r.weight for r in results)
        weighted = sum((r.weight * r.mean for r in results if r.weight), Decimal(0)) / total
        weighted = weighted.quantize(PLACES, rounding=ROUND_HALF_UP)
    return Result(criteria=tuple(results), weighted=weighted, missing=missing)
