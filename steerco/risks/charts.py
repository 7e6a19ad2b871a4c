"""Lays out a risk's scores over time as a line chart for an inline SVG, built on the server
(no script, no inline style: the strict Content-Security-Policy holds). Pure: no Django import.
The page shows the same figures in a table beside it."""

from dataclasses import dataclass

WIDTH, HEIGHT = 480, 220
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 12, 28
TICKS = (0, 5, 10, 15, 20, 25)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Line:
    name: str
    series: int
    points: tuple[Point, ...]

    @property
    def path(self):
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)


@dataclass(frozen=True)
class ScoreChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    ticks: tuple[tuple[float, int], ...]
    labels: tuple[Point, ...]
    lines: tuple[Line, ...]


def _y(score):
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - score / 25)


def score_chart(rows):
    """`rows`: (label, current score, target score) in date order."""
    rows = list(rows)
    span = WIDTH - LEFT - RIGHT
    step = span / max(len(rows) - 1, 1)

    def x(index):
        return LEFT + (index * step if len(rows) > 1 else span / 2)

    lines = tuple(
        Line(
            name,
            series,
            tuple(
                Point(x(index), _y(row[column]), f"{row[0]}: {name.lower()} score {row[column]}")
                for index, row in enumerate(rows)
            ),
        )
        for series, (name, column) in enumerate((("Current", 1), ("Target", 2)))
    )
    labels = tuple(Point(x(index), HEIGHT - 8, row[0]) for index, row in enumerate(rows))
    return ScoreChart(
        WIDTH,
        HEIGHT,
        LEFT,
        WIDTH - RIGHT,
        tuple((_y(tick), tick) for tick in TICKS),
        labels,
        lines,
    )
