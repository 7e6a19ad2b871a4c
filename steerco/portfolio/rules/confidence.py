"""Delivery Confidence Assessments on the five-point and the three-point scale.

Ratings are kept as they were entered. Where the scales meet (a five-point rating shown to a
council that uses three points, or a register filtered on three), a five-point rating is read on
the three-point scale by rounding a mixed rating towards the worse colour: amber/green is read as
amber and amber/red as red. The rule leans towards attention, never towards comfort.
"""

FIVE_POINT = ("green", "amber_green", "amber", "amber_red", "red")
THREE_POINT = ("green", "amber", "red")

_ON_THREE = {
    "green": "green",
    "amber_green": "amber",
    "amber": "amber",
    "amber_red": "red",
    "red": "red",
}

RULE = (
    "A five-point rating is read on the three-point scale by rounding a mixed rating towards "
    "the worse colour: amber/green is read as amber and amber/red as red."
)


def on_three_point_scale(rating):
    """The three-point reading of a rating of either scale."""
    return _ON_THREE[rating]


def ratings_reading_as(rating):
    """Every rating of either scale that reads as `rating` on the three-point scale (a filter
    on "amber" finds amber/green and amber)."""
    return [value for value in FIVE_POINT if _ON_THREE[value] == rating]


def worse(first, second):
    """The worse of two ratings of the five-point scale."""
    return max(first, second, key=FIVE_POINT.index)
