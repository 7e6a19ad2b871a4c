"""Lays out a grouped bar chart for an inline SVG, built on the server (no script, no inline
style, so the page keeps its strict Content-Security-Policy). Pure: no Django import.

Every chart is shown beside a table of the same figures; the picture only helps the eye.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

# Room for the axis labels on the left and the group labels below.
LEFT = 72
BOTTOM = 28
TOP = 12
RIGHT = 8
STEPS = (1, 2, 5)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    value: Decimal
    text: str


@dataclass(frozen=True)
class Tick:
    y: float
    value: Decimal
    text: str


@dataclass(frozen=True)
class GroupLabel:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: int
    plot_bottom: float
    plot_right: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    labels: tuple[GroupLabel, ...]
    series: tuple[str, ...]


def short_pounds(value: Decimal) -> str:
    """£1.2m, £750K, £40: the axis's short form (the table beside it has the full figure)."""
    sign = "−" if value < 0 else ""
    value = abs(value)
    if value >= 1_000_000:
        text = f"{value / 1_000_000:.2f}".rstrip("0").rstrip(".")
        return f"{sign}£{text}m"
    if value >= 1_000:
        text = f"{value / 1_000:.1f}".rstrip("0").rstrip(".")
        return f"{sign}£{text}K"
    return f"{sign}£{value:.0f}"


def nice_step(largest: Decimal, ticks: int = 4) -> Decimal:
    """The smallest step of 1, 2 or 5 times a power of ten (£1 at least) that covers
    `largest` in `ticks` steps."""
    if largest <= 0:
        return Decimal(1)
    magnitude = Decimal(1)
    while magnitude * 10 <= largest / ticks:
        magnitude *= 10
    while magnitude > largest / ticks and magnitude > 1:
        magnitude /= 10
    for multiple in (*STEPS, 10):
        step = magnitude * multiple
        if step * ticks >= largest:
            return step
    return magnitude * 10


def bar_chart(
    groups: list[tuple[str, list[Decimal]]],
    series: list[str],
    *,
    width: int = 640,
    height: int = 260,
) -> Chart:
    """Bars for each group (a financial year, say), one per series, side by side."""
    for name, values in groups:
        if len(values) != len(series):
            raise ValueError(f"{name} has {len(values)} values for {len(series)} series.")
        if any(value < 0 for value in values):
            raise ValueError(f"{name} has a negative value, which this chart cannot show.")
    largest = max((value for _, values in groups for value in values), default=Decimal(0))
    step = nice_step(largest)
    top_value = step * max(1, (largest / step).to_integral_value(ROUND_CEILING))
    plot_bottom = height - BOTTOM
    plot_height = plot_bottom - TOP
    plot_width = width - LEFT - RIGHT
    slot = plot_width / max(1, len(groups))
    bar_width = slot * 0.8 / max(1, len(series))

    def y_of(value: Decimal) -> float:
        return plot_bottom - float(value / top_value) * plot_height

    bars, labels = [], []
    for index, (name, values) in enumerate(groups):
        left = LEFT + index * slot + slot * 0.1
        for position, value in enumerate(values):
            y = y_of(value)
            bars.append(
                Bar(
                    x=round(left + position * bar_width, 2),
                    y=round(y, 2),
                    width=round(bar_width, 2),
                    height=round(plot_bottom - y, 2),
                    series=position,
                    value=value,
                    text=f"{name}, {series[position]}: {short_pounds(value)}",
                )
            )
        labels.append(GroupLabel(x=round(LEFT + (index + 0.5) * slot, 2), y=height - 8, text=name))
    tick_values = []
    value = Decimal(0)
    while value <= top_value:
        tick_values.append(value)
        value += step
    ticks = tuple(Tick(round(y_of(v), 2), v, short_pounds(v)) for v in tick_values)
    return Chart(
        width=width,
        height=height,
        plot_left=LEFT,
        plot_bottom=plot_bottom,
        plot_right=width - RIGHT,
        bars=tuple(bars),
        ticks=ticks,
        labels=tuple(labels),
        series=tuple(series),
    )
