from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from steerco.risks.rules import scoring
from steerco.risks.rules.scoring import Rating, ScoringError

levels = st.sampled_from(scoring.LEVELS)
ratings = st.builds(Rating, levels, levels)
not_levels = st.one_of(st.integers().filter(lambda n: n not in scoring.LEVELS), st.booleans())
limits = (
    st.lists(st.integers(1, 24), min_size=3, max_size=3, unique=True)
    .map(sorted)
    .map(lambda values: (*values, 25))
)


@given(levels, levels)
def test_the_score_is_likelihood_times_impact_from_1_to_25(likelihood, impact):
    assert scoring.score(likelihood, impact) == likelihood * impact
    assert 1 <= scoring.score(likelihood, impact) <= 25


@given(not_levels, levels)
def test_a_level_outside_1_to_5_is_refused(wrong, right):
    with pytest.raises(ScoringError):
        scoring.score(wrong, right)
    with pytest.raises(ScoringError):
        scoring.score(right, wrong)


def test_the_default_bands():
    assert [scoring.band(n) for n in (1, 5, 6, 12, 13, 19, 20, 25)] == [
        "low",
        "low",
        "medium",
        "medium",
        "high",
        "high",
        "critical",
        "critical",
    ]


@given(st.integers(1, 25), st.integers(1, 25), limits)
def test_a_higher_score_is_never_in_a_lower_band(first, second, bands):
    low, high = sorted((first, second))
    names = scoring.BAND_NAMES
    assert names.index(scoring.band(low, bands)) <= names.index(scoring.band(high, bands))


@given(limits, st.sampled_from(scoring.BAND_NAMES))
def test_each_band_is_the_scores_of_its_range(bands, name):
    low, high = scoring.band_range(name, bands)
    assert {scoring.band(n, bands) for n in range(low, high + 1)} == {name}


@given(st.lists(st.integers(0, 30), min_size=4, max_size=4))
def test_band_limits_must_rise_to_25(values):
    rising = values[0] >= 1 and all(b > a for a, b in pairwise(values))
    if rising and values[-1] == 25:
        assert scoring.check_band_limits(values) == tuple(values)
    else:
        with pytest.raises(ScoringError):
            scoring.check_band_limits(values)


@given(ratings, ratings, ratings, st.booleans(), st.booleans())
def test_every_assessment_triple_is_refused_exactly_for_its_reasons(
    inherent, current, target, reason_given, controls_given
):
    problems = scoring.assessment_problems(
        inherent,
        current,
        target,
        target_reason="Supplier exit costs" if reason_given else "  ",
        controls="Nightly backups" if controls_given else "",
    )
    expected = set()
    if target.score > inherent.score and not reason_given:
        expected.add("target_reason")
    if current.score < inherent.score and not controls_given:
        expected.add("controls")
    assert set(problems) == expected


@given(ratings, ratings, levels, not_levels)
def test_an_assessment_with_a_level_outside_the_scale_names_the_field(
    inherent, current, level, wrong
):
    with pytest.raises(ScoringError) as refused:
        scoring.check_assessment(inherent, current, Rating(level, wrong))
    assert refused.value.problems == {
        "target_impact": "The target impact must be a whole number from 1 to 5."
    }


def test_expected_loss_is_the_probability_midpoint_times_the_impact():
    assert scoring.expected_loss(3, Decimal("200000")) == Decimal("75000.00")
    assert scoring.expected_loss(1, Decimal("100000")) == Decimal("2500.00")
    assert scoring.expected_loss(5, Decimal("0.01")) == Decimal("0.01")


@given(levels, levels, st.decimals(0, 10**9, places=2))
def test_a_likelier_risk_never_expects_a_smaller_loss(first, second, impact):
    low, high = sorted((first, second))
    assert scoring.expected_loss(low, impact) <= scoring.expected_loss(high, impact)
    assert isinstance(scoring.expected_loss(low, impact), Decimal)
