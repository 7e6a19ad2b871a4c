"""Lays out a KPI's measurements over time as a line chart for an inline SVG, built on the
server (no script, no inline style: the strict Content-Security-Policy holds), with the target
and the peer group's median as labelled horizontal lines. Pure: no Django import. The page
shows the same figures in a table beside it."""

import math
from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 96, 12, 28
MOST_LABELS = 6


# Coordinates are given as the text the SVG prints ("123.4"): a page of charts then prints
# them as they are, rather than passing thousands of floats through the template's localisation.


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    text: str


@dataclass(frozen=True)
class Level:
    """A horizontal line across the plot: the target or the benchmark."""

    y: str
    name: str
    text: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    ticks: tuple[tuple[str, str], ...]  # (y, the figure)
    labels: tuple[Point, ...]
    points: tuple[Point, ...]
    levels: tuple[Level, ...]
    # What the chart shows, in words: its title for screen readers.
    title: str = ""

    @property
    def path(self):
        return " ".join(f"{point.x},{point.y}" for point in self.points)


def _at(coordinate):
    return f"{coordinate:.1f}"


def _step(span):
    """A round step (1, 2 or 5 times a power of ten) giving about five ticks over `span`."""
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _tick_text(value, step):
    places = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    return f"{value:,.{places}f}"


def trend_chart(points, *, target=None, median=None, title=""):
    """`points`: (period label, value, text) in period order; `target` and `median`: the
    figures drawn as levels, or None."""
    points = list(points)
    figures = [float(value) for _, value, _ in points]
    figures += [float(level) for level in (target, median) if level is not None]
    low, high = min(figures), max(figures)
    if high == low:
        low, high = low - 1, high + 1
    step = _step(high - low)
    bottom = math.floor(low / step) * step
    top = math.ceil(high / step) * step
    plot_height = HEIGHT - TOP - BOTTOM
    span = WIDTH - LEFT - RIGHT
    gap = span / max(len(points) - 1, 1)

    def y(value):
        return _at(TOP + plot_height * (1 - (float(value) - bottom) / (top - bottom)))

    def x(index):
        return _at(LEFT + (index * gap if len(points) > 1 else span / 2))

    every = max(1, math.ceil(len(points) / MOST_LABELS))
    count = round((top - bottom) / step)
    levels = []
    if target is not None:
        levels.append(Level(y(target), "Target", f"Target: {_plain(target)}"))
    if median is not None:
        levels.append(Level(y(median), "Peer median", f"Peer group median: {_plain(median)}"))
    return TrendChart(
        WIDTH,
        HEIGHT,
        LEFT,
        WIDTH - RIGHT,
        tuple(
            (y(bottom + n * step), _tick_text(bottom + n * step, step)) for n in range(count + 1)
        ),
        tuple(
            Point(x(index), _at(HEIGHT - 8), label)
            for index, (label, _, _) in enumerate(points)
            if index % every == 0
        ),
        tuple(Point(x(index), y(value), text) for index, (_, value, text) in enumerate(points)),
        tuple(levels),
        title,
    )


def kpi_chart(kpi, measurements, *, title):
    """A KPI's measurements, in period order, with its target and its peer group median;
    `title` says what it shows. None when there is nothing to draw."""
    if not measurements:
        return None
    return trend_chart(
        (
            (
                measurement.period,
                measurement.value,
                f"{measurement.period}: {kpi.formatted(measurement.value)}"
                + (f", {measurement.get_status_display().lower()}" if measurement.status else ""),
            )
            for measurement in measurements
        ),
        target=kpi.target,
        median=kpi.benchmark_median,
        title=f"{title}. The same figures are in the table beside the chart.",
    )


def _plain(value):
    return f"{Decimal(value).normalize():f}"
