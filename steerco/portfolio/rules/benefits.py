"""Benefits realisation: what a benefit planned against what it has delivered.

The rules (issue 9, §6, and seed 003's "governance … including benefits realisation"):

- A realisation is recorded on a date, with a value and its evidence. A date after today is
  refused: a benefit is realised when it has been delivered, not when it is expected. A
  negative value is refused: a shortfall is a realised value below the target, not a
  negative realisation.
- A mistaken entry is never changed or deleted. A later entry corrects it, with the reason,
  and takes its place: only entries that no other entry corrects count. Only a current entry
  can be corrected (a correction of a correction corrects the correction).
- A benefit valued in pounds (cashable or non-cashable) has realised the sum of the values of
  its current entries. A qualitative benefit is judged on its latest current entry.
- A benefit is realised when a valued benefit's realised sum has reached its target value, or
  when a benefit with no target value (a qualitative one) has any current entry.
- A benefit is overdue when its target date has passed and it is not realised.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

ZERO = Decimal("0")
CASHABLE, NON_CASHABLE, QUALITATIVE = "cashable", "non_cashable", "qualitative"
VALUED = (CASHABLE, NON_CASHABLE)


@dataclass(frozen=True)
class Entry:
    id: int
    on: date
    value: Decimal | None
    corrects: int | None = None


@dataclass(frozen=True)
class Planned:
    kind: str
    target_value: Decimal | None
    target_on: date | None


def realisation_problems(on: date, value: Decimal | None, today: date) -> dict[str, str]:
    """The refusals of an entry, by field."""
    problems = {}
    if on > today:
        problems["on"] = "The date of the realisation must be today or in the past."
    if value is not None and value < 0:
        problems["value"] = "The value realised must be £0 or more."
    return problems


def current(entries: Iterable[Entry]) -> list[Entry]:
    """The entries that no other entry corrects, in the order given."""
    entries = list(entries)
    corrected = {entry.corrects for entry in entries if entry.corrects is not None}
    return [entry for entry in entries if entry.id not in corrected]


def realised_value(entries: Iterable[Entry]) -> Decimal:
    return sum((entry.value or ZERO for entry in current(entries)), ZERO)


def latest(entries: Iterable[Entry]) -> Entry | None:
    """The current entry with the latest date (the last recorded, on the same date)."""
    entries = current(entries)
    return max(entries, key=lambda entry: (entry.on, entry.id)) if entries else None


def is_realised(planned: Planned, entries: Sequence[Entry]) -> bool:
    if planned.target_value is not None:
        return realised_value(entries) >= planned.target_value
    return bool(current(entries))


def is_past_due(target_on: date | None, realised: bool, today: date) -> bool:
    """Overdue, for a benefit whose realisation has been judged (`realised`)."""
    return target_on is not None and target_on < today and not realised


def is_overdue(planned: Planned, entries: Sequence[Entry], today: date) -> bool:
    return is_past_due(planned.target_on, is_realised(planned, entries), today)


@dataclass(frozen=True)
class Totals:
    """Planned (target values) against realised, in pounds, for one kind of benefit."""

    planned: Decimal = ZERO
    realised: Decimal = ZERO

    def __add__(self, other):
        return Totals(self.planned + other.planned, self.realised + other.realised)

    @property
    def share(self) -> Decimal | None:
        """The part of the planned value realised so far, as a percentage."""
        if not self.planned:
            return None
        return (self.realised * 100 / self.planned).quantize(Decimal("1"))


def totals(benefits: Iterable[tuple[Planned, Sequence[Entry]]]) -> dict[str, Totals]:
    """Planned against realised for the cashable and the non-cashable benefits."""
    result = {kind: Totals() for kind in VALUED}
    for planned, entries in benefits:
        if planned.kind in VALUED:
            result[planned.kind] += Totals(planned.target_value or ZERO, realised_value(entries))
    return result


# The chart: planned against realised, one pair of bars a row, drawn on the server as SVG
# (no script or style in the page, under the strict Content-Security-Policy). Each row has its
# label above its two bars; the figures are written beside the bars and in the table.


@dataclass(frozen=True)
class Bar:
    y: int
    width: Decimal  # in the picture's units
    value: Decimal


@dataclass(frozen=True)
class ChartRow:
    label: str
    label_y: int
    planned: Bar
    realised: Bar


@dataclass(frozen=True)
class Chart:
    rows: tuple[ChartRow, ...]
    width: int
    height: int
    plot_width: int
    scale: Decimal  # the value at the plot's right-hand edge
    bar_height: int


ROW_HEIGHT, LABEL_HEIGHT, BAR_HEIGHT, GAP = 64, 18, 16, 4


def chart(rows: Iterable[tuple[str, Decimal, Decimal]], *, plot_width: int = 440) -> Chart:
    """Bars for (label, planned, realised) rows, scaled to the largest figure among them."""
    rows = list(rows)
    scale = max([max(planned, realised) for _, planned, realised in rows] or [ZERO])

    def width(value):
        if not scale:
            return ZERO
        return (value * plot_width / scale).quantize(Decimal("0.1"))

    drawn = []
    for index, (label, planned, realised) in enumerate(rows):
        top = index * ROW_HEIGHT
        planned_y = top + LABEL_HEIGHT + GAP
        drawn.append(
            ChartRow(
                label=label,
                label_y=top + LABEL_HEIGHT - GAP,
                planned=Bar(planned_y, width(planned), planned),
                realised=Bar(planned_y + BAR_HEIGHT + GAP, width(realised), realised),
            )
        )
    return Chart(
        rows=tuple(drawn),
        width=plot_width + 160,
        height=max(len(drawn), 1) * ROW_HEIGHT,
        plot_width=plot_width,
        scale=scale,
        bar_height=BAR_HEIGHT,
    )
