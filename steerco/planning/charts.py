"""Lays out the efficient frontier as a line chart for an inline SVG, built on the server (no
script, no inline style: the strict Content-Security-Policy holds). The page shows the same
figures in a table beside it; the picture only helps the eye."""

import itertools
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from steerco.portfolio.charts import nice_step, short_pounds

LEFT, RIGHT, TOP, BOTTOM = 72, 16, 12, 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Tick:
    at: float
    text: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    points: tuple[Point, ...]
    segments: tuple[Segment, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]


def value_text(value, in_pounds):
    return short_pounds(value) if in_pounds else f"{value.normalize():f}"


def frontier_chart(points, *, in_pounds, width=640, height=300):
    """Points (budget, value) joined in budget order; a point with no value (infeasible) is
    left out of the line."""
    shown = sorted(
        (Decimal(p["budget"]), Decimal(p["value"])) for p in points if p["value"] is not None
    )
    plot_bottom, plot_right = height - BOTTOM, width - RIGHT
    if not shown:
        return None
    low_x, high_x = shown[0][0], shown[-1][0]
    low_y = min(Decimal(0), min(v for _, v in shown))
    high_y = max(Decimal(0), max(v for _, v in shown))
    step = nice_step(high_y - low_y or Decimal(1))
    bottom = step * (low_y / step).to_integral_value(ROUND_FLOOR)
    top = step * max(Decimal(1), (high_y / step).to_integral_value(ROUND_CEILING))

    def x_of(budget):
        if high_x == low_x:
            return (LEFT + plot_right) / 2
        return LEFT + float((budget - low_x) / (high_x - low_x)) * (plot_right - LEFT)

    def y_of(value):
        return plot_bottom - float((value - bottom) / (top - bottom)) * (plot_bottom - TOP)

    placed = [
        Point(
            round(x_of(budget), 2),
            round(y_of(value), 2),
            f"Budget {short_pounds(budget)}: value {value_text(value, in_pounds)}",
        )
        for budget, value in shown
    ]
    segments = tuple(Segment(a.x, a.y, b.x, b.y) for a, b in itertools.pairwise(placed))
    y_ticks = []
    value = bottom
    while value <= top:
        y_ticks.append(Tick(round(y_of(value), 2), value_text(value, in_pounds)))
        value += step
    x_ticks = tuple(Tick(placed[n].x, short_pounds(shown[n][0])) for n in range(0, len(shown), 2))
    return LineChart(
        width=width,
        height=height,
        plot_left=LEFT,
        plot_right=plot_right,
        plot_top=TOP,
        plot_bottom=plot_bottom,
        points=tuple(placed),
        segments=segments,
        y_ticks=tuple(y_ticks),
        x_ticks=x_ticks,
    )
