from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from steerco.planning.rules.scoring import Criterion, ScoringError, score, validate

CRITERIA = [
    Criterion("Strategic alignment", Decimal(3)),
    Criterion("Statutory need", Decimal(2)),
    Criterion("Deliverability", Decimal(1)),
]


def test_the_weighted_score_is_the_weighted_mean_of_the_criteria_means():
    result = score(
        CRITERIA,
        {
            "Strategic alignment": [("Amira", 4), ("Ben", 5)],
            "Statutory need": [("Amira", 2)],
            "Deliverability": [("Ben", 3)],
        },
    )

    # (3 × 4.5 + 2 × 2 + 1 × 3) / 6
    assert result.weighted == Decimal("3.42")
    assert result.criteria[0].scores == (("Amira", 4), ("Ben", 5))
    assert result.criteria[0].mean == Decimal("4.5")
    assert result.missing == ()


def test_a_wide_spread_between_assessors_is_flagged():
    result = score(
        CRITERIA,
        {
            "Strategic alignment": [("Amira", 1), ("Ben", 3)],
            "Statutory need": [("Amira", 2), ("Ben", 3)],
            "Deliverability": [("Ben", 3)],
        },
    )

    assert [c.spread for c in result.criteria] == [2, 1, 0]
    assert result.flagged == ("Strategic alignment",)


def test_a_candidate_not_scored_on_every_criterion_has_no_weighted_score():
    result = score(CRITERIA, {"Strategic alignment": [("Amira", 4)]})

    assert result.weighted is None
    assert result.missing == ("Statutory need", "Deliverability")


def test_a_criterion_weighted_zero_need_not_be_scored():
    criteria = [Criterion("Strategic alignment", Decimal(1)), Criterion("Spare", Decimal(0))]

    assert score(criteria, {"Strategic alignment": [("Amira", 4)]}).weighted == Decimal(4)


@pytest.mark.parametrize(
    ("criteria", "field", "message"),
    [
        ([], "criteria", "A scoring model needs at least one criterion."),
        (
            [Criterion("A", Decimal(0)), Criterion("B", Decimal(0))],
            "criteria",
            "The weights cannot all be zero.",
        ),
        ([Criterion("A", Decimal(-1))], "criteria[0].weight", "A weight cannot be negative."),
        ([Criterion(" ", Decimal(1))], "criteria[0].name", "Enter the criterion's name."),
        (
            [Criterion("A", Decimal(1)), Criterion("A", Decimal(1))],
            "criteria[1].name",
            "There is already a criterion called A.",
        ),
        (
            [Criterion("A", Decimal(1), ("None", "Some"))],
            "criteria[0].scale",
            "Describe each point of the scale from 0 to 5.",
        ),
    ],
)
def test_a_model_that_cannot_score_is_refused(criteria, field, message):
    with pytest.raises(ScoringError) as refused:
        validate(criteria)

    assert refused.value.field == field
    assert refused.value.message == message


@pytest.mark.parametrize("value", [-1, 6, 2.5, True, "3"])
def test_a_score_is_a_whole_number_from_0_to_5(value):
    with pytest.raises(ScoringError) as refused:
        score(CRITERIA[:1], {"Strategic alignment": [("Amira", value)]})

    assert refused.value.message == "A score is a whole number from 0 to 5."


weights = st.lists(st.integers(1, 10), min_size=1, max_size=6)
points = st.integers(0, 5)


@given(weights, st.data())
def test_the_weighted_score_stays_on_the_scale_and_ignores_a_common_factor(ws, data):
    criteria = [Criterion(f"C{n}", Decimal(w)) for n, w in enumerate(ws)]
    scores = {
        c.name: [
            (f"assessor {m}", v)
            for m, v in enumerate(data.draw(st.lists(points, min_size=1, max_size=4)))
        ]
        for c in criteria
    }
    factor = data.draw(st.integers(2, 7))
    doubled = [Criterion(c.name, c.weight * factor) for c in criteria]

    result = score(criteria, scores)

    assert Decimal(0) <= result.weighted <= Decimal(5)
    assert score(doubled, scores).weighted == result.weighted
    lowest = min(min(v for _, v in given) for given in scores.values())
    highest = max(max(v for _, v in given) for given in scores.values())
    assert lowest <= result.weighted <= highest


@given(weights, points, st.integers(1, 5))
def test_assessors_who_agree_give_their_score_and_no_flag(ws, value, assessors):
    criteria = [Criterion(f"C{n}", Decimal(w)) for n, w in enumerate(ws)]
    scores = {c.name: [(f"assessor {m}", value) for m in range(assessors)] for c in criteria}

    result = score(criteria, scores)

    assert result.weighted == Decimal(value)
    assert result.flagged == ()
