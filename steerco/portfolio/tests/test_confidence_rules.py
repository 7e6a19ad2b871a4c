from hypothesis import given
from hypothesis import strategies as st

from steerco.portfolio.rules import confidence

five = st.sampled_from(confidence.FIVE_POINT)


@given(five)
def test_every_rating_reads_as_a_three_point_rating_no_better_than_itself(rating):
    reading = confidence.on_three_point_scale(rating)
    assert reading in confidence.THREE_POINT
    assert confidence.FIVE_POINT.index(reading) >= confidence.FIVE_POINT.index(rating)


@given(st.sampled_from(confidence.THREE_POINT))
def test_three_point_ratings_read_as_themselves(rating):
    assert confidence.on_three_point_scale(rating) == rating
    assert rating in confidence.ratings_reading_as(rating)


def test_mixed_ratings_round_towards_the_worse_colour():
    assert confidence.on_three_point_scale("amber_green") == "amber"
    assert confidence.on_three_point_scale("amber_red") == "red"
    assert confidence.ratings_reading_as("red") == ["amber_red", "red"]


@given(st.sampled_from(confidence.THREE_POINT))
def test_the_readings_partition_the_five_point_scale(rating):
    others = [r for r in confidence.THREE_POINT if r != rating]
    mine = set(confidence.ratings_reading_as(rating))
    for other in others:
        assert not mine & set(confidence.ratings_reading_as(other))
    assert set().union(*(confidence.ratings_reading_as(r) for r in confidence.THREE_POINT)) == set(
        confidence.FIVE_POINT
    )


@given(five, five)
def test_worse_is_one_of_the_two_and_no_better_than_either(first, second):
    result = confidence.worse(first, second)
    assert result in (first, second)
    assert confidence.FIVE_POINT.index(result) >= max(
        confidence.FIVE_POINT.index(first), confidence.FIVE_POINT.index(second)
    )
