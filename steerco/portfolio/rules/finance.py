"""The money of business cases and of the portfolio, by financial year.

Issue 9: a business case has "a cost and benefit profile by financial year (April–March) over a
horizon (default 10 years): capital cost, revenue cost, cashable saving, non-cashable benefit
value, and existing cost displaced (what makes an item cash neutral). Shown: totals per line,
whole-life cost, net cost after displacement, and whether it is cash neutral."

A financial year is named by the calendar year in which it starts: 2024 is 1 April 2024 to
31 March 2025, shown as "2024/25". The whole-life cost is capital plus revenue over the horizon;
the net cost is the whole-life cost less the existing costs it displaces. An item is cash
neutral when the existing costs it displaces cover its whole-life cost (a net cost of nil or
less): seed 003, "the two areas of Client Technologies and Home Working are anticipated to be
cash neutral as they displace existing costs within services". Savings and benefits do not make
an item cash neutral: only spending that stops elsewhere does.

The portfolio sums approved and proposed items per financial year and in total: capital,
revenue, whole-life cost, displaced and net, and the cost of the cash-neutral items apart from
the cost that requires investment (seed 003: £11.85m in all, £9.8m of it cash neutral, £2.05m
requiring investment). An item is classified once, over its whole life, and its every year
counts on that side.

Money is Decimal, in pounds; a float is refused, because it cannot hold pence exactly.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

ZERO = Decimal(0)
# The lines of a profile, in the order they are shown, with their names in a sentence.
LINES = {
    "capital": "capital cost",
    "revenue": "revenue cost",
    "cashable_saving": "cashable saving",
    "non_cashable_benefit": "non-cashable benefit",
    "displaced": "existing cost displaced",
}


def label(year: int) -> str:
    """The financial year starting in April of `year`: 2024 → "2024/25", 1999 → "1999/00"."""
    return f"{year}/{(year + 1) % 100:02d}"


def financial_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def horizon(base_year: int, years: int) -> range:
    return range(base_year, base_year + years)


@dataclass(frozen=True)
class Figures:
    """One financial year of one option's profile, in pounds."""

    year: int
    capital: Decimal = ZERO
    revenue: Decimal = ZERO
    cashable_saving: Decimal = ZERO
    non_cashable_benefit: Decimal = ZERO
    displaced: Decimal = ZERO

    def __post_init__(self) -> None:
        for line in LINES:
            value = getattr(self, line)
            if isinstance(value, int) and not isinstance(value, bool):
                object.__setattr__(self, line, Decimal(value))
            elif not isinstance(value, Decimal):
                raise TypeError(
                    f"The {LINES[line]} for {label(self.year)} must be a Decimal; "
                    f"{value!r} was given."
                )

    @property
    def cost(self) -> Decimal:
        return self.capital + self.revenue

    @property
    def benefits(self) -> Decimal:
        """Savings, benefits and the existing costs displaced (avoided)."""
        return self.cashable_saving + self.non_cashable_benefit + self.displaced

    @property
    def net(self) -> Decimal:
        return self.cost - self.displaced


@dataclass(frozen=True)
class Problem:
    year: int
    # A key of LINES, or "year" when the year itself is wrong.
    field: str
    message: str


def outside_horizon(year: int, base_year: int, years: int) -> str | None:
    """Why the year cannot be in the profile, or None when it is within the horizon."""
    within = horizon(base_year, years)
    if year in within:
        return None
    if not within:
        return (
            f"The year {label(year)} is outside the horizon of this business case, which is empty."
        )
    return (
        f"The year {label(year)} is outside the horizon of this business case, "
        f"{label(within[0])} to {label(within[-1])}."
    )


def given_twice(year: int) -> str:
    return f"The year {label(year)} is given more than once."


def problems(profile: Iterable[Figures], base_year: int, years: int) -> list[Problem]:
    """What is wrong with a profile before it is saved: a year outside the horizon or given
    twice, and a negative figure (a saving is entered as a saving, never as a negative cost)."""
    found: list[Problem] = []
    seen: set[int] = set()
    for figures in profile:
        outside = outside_horizon(figures.year, base_year, years)
        if outside:
            found.append(Problem(figures.year, "year", outside))
        elif figures.year in seen:
            found.append(Problem(figures.year, "year", given_twice(figures.year)))
        seen.add(figures.year)
        for line, words in LINES.items():
            if getattr(figures, line) < 0:
                found.append(
                    Problem(
                        figures.year,
                        line,
                        f"The {words} for {label(figures.year)} must be £0 or more.",
                    )
                )
    return found


@dataclass(frozen=True)
class Totals:
    capital: Decimal
    revenue: Decimal
    cashable_saving: Decimal
    non_cashable_benefit: Decimal
    displaced: Decimal

    @property
    def whole_life_cost(self) -> Decimal:
        return self.capital + self.revenue

    @property
    def net(self) -> Decimal:
        """The net cost after displacement: negative when displacement exceeds the cost."""
        return self.whole_life_cost - self.displaced

    @property
    def cash_neutral(self) -> bool:
        return is_cash_neutral(self.whole_life_cost, self.displaced)


def is_cash_neutral(whole_life_cost: Decimal, displaced: Decimal) -> bool:
    """The existing costs an item displaces cover its whole-life cost (a net cost of nil or
    less). An item with no figures costs nothing, so it is cash neutral."""
    return whole_life_cost - displaced <= 0


def totals(profile: Iterable[Figures]) -> Totals:
    sums = dict.fromkeys(LINES, ZERO)
    for figures in profile:
        for line in LINES:
            sums[line] += getattr(figures, line)
    return Totals(**sums)


@dataclass(frozen=True)
class Item:
    """A business case counted in the portfolio: its preferred option's profile."""

    key: Hashable
    profile: tuple[Figures, ...]

    @property
    def cash_neutral(self) -> bool:
        return totals(self.profile).cash_neutral


@dataclass(frozen=True)
class Row:
    """A financial year of the portfolio, or its total (year None)."""

    year: int | None
    capital: Decimal = ZERO
    revenue: Decimal = ZERO
    displaced: Decimal = ZERO
    # The whole-life cost of the cash-neutral items in this year.
    cash_neutral: Decimal = ZERO

    @property
    def label(self) -> str:
        return "Total" if self.year is None else label(self.year)

    @property
    def cost(self) -> Decimal:
        return self.capital + self.revenue

    @property
    def net(self) -> Decimal:
        return self.cost - self.displaced

    @property
    def requiring_investment(self) -> Decimal:
        return self.cost - self.cash_neutral

    def __add__(self, other: "Row") -> "Row":
        return Row(
            self.year,
            **{
                field.name: getattr(self, field.name) + getattr(other, field.name)
                for field in fields(self)
                if field.name != "year"
            },
        )


@dataclass(frozen=True)
class Summary:
    # One row per financial year that any item has figures for, earliest first.
    years: tuple[Row, ...]
    total: Row
    items: int
    cash_neutral_items: int


def summarise(items: Iterable[Item]) -> Summary:
    # Sums kept as plain lists per year and made into rows once: a portfolio of thousands of
    # cases is summed on every view of the finance page.
    sums: dict[int, list[Decimal]] = {}
    count = neutral = 0
    for item in items:
        count += 1
        cost = displaced = ZERO
        for figures in item.profile:
            cost += figures.capital + figures.revenue
            displaced += figures.displaced
        is_neutral = is_cash_neutral(cost, displaced)
        neutral += is_neutral
        for f in item.profile:
            _add(sums, f.year, f.capital, f.revenue, f.displaced, is_neutral)
    return _summary(sums, count, neutral)


def _add(sums, year, capital, revenue, displaced, is_neutral):
    row = sums.get(year)
    if row is None:
        row = sums[year] = [ZERO, ZERO, ZERO, ZERO]
    row[0] += capital
    row[1] += revenue
    row[2] += displaced
    if is_neutral:
        row[3] += capital + revenue


@dataclass(frozen=True)
class YearSum:
    """The capital, revenue and displaced costs of some items in one financial year, all of
    them cash neutral or none (as a database sums them per year and side)."""

    year: int
    cash_neutral: bool
    capital: Decimal
    revenue: Decimal
    displaced: Decimal


def summarise_sums(year_sums: Iterable[YearSum], items: int, cash_neutral_items: int) -> Summary:
    """What `summarise` makes of items, from their figures already summed per financial year
    apart for the cash-neutral items (each classified over its whole life, by
    `is_cash_neutral`) and the others: the same rows and total, without reading every year of
    every item."""
    sums: dict[int, list[Decimal]] = {}
    for part in year_sums:
        _add(sums, part.year, part.capital, part.revenue, part.displaced, part.cash_neutral)
    return _summary(sums, items, cash_neutral_items)


def _summary(sums, count, neutral):
    years = tuple(Row(year, *sums[year]) for year in sorted(sums))
    # zip(*…) turns the years' lists into the four columns; no years, no columns: Row(None).
    total = Row(None, *(sum(column, ZERO) for column in zip(*sums.values(), strict=True)))
    return Summary(years=years, total=total, items=count, cash_neutral_items=neutral)


def combine(first: Summary, second: Summary) -> Summary:
    """The summary of two sets of items that share none, from their own summaries."""
    rows = {row.year: row for row in first.years}
    for row in second.years:
        rows[row.year] = rows[row.year] + row if row.year in rows else row
    return Summary(
        years=tuple(rows[year] for year in sorted(rows)),
        total=first.total + second.total,
        items=first.items + second.items,
        cash_neutral_items=first.cash_neutral_items + second.cash_neutral_items,
    )
