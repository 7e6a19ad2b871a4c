from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from steerco.portfolio.rules.finance import (
    Figures,
    Item,
    Problem,
    Row,
    Totals,
    combine,
    financial_year,
    label,
    problems,
    summarise,
    totals,
)

pounds = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False)
years = st.integers(2000, 2040)
figures = st.builds(
    Figures,
    year=years,
    capital=pounds,
    revenue=pounds,
    cashable_saving=pounds,
    non_cashable_benefit=pounds,
    displaced=pounds,
)
profiles = st.lists(figures, max_size=12, unique_by=lambda figures: figures.year)
items = st.lists(
    st.builds(Item, key=st.uuids(), profile=profiles.map(tuple)),
    max_size=6,
)


def k(thousands):
    return Decimal(thousands) * 1000


def seed_003():
    """Seed 003: £11.85m over ten years; Client Technologies and Home Working (£9.8m) displace
    existing costs; Workflow and Mobility are £750K capital and £130K a year revenue."""
    client = [Figures(2007, capital=k(1800), displaced=k(1800))] + [
        Figures(year, revenue=k(600), displaced=k(600)) for year in range(2008, 2017)
    ]
    home = [Figures(year, revenue=k(260), displaced=k(260)) for year in range(2007, 2017)]
    workflow = [Figures(2007, capital=k(450), revenue=k(65))] + [
        Figures(year, revenue=k(65)) for year in range(2008, 2017)
    ]
    mobility = [Figures(2007, capital=k(300), revenue=k(65))] + [
        Figures(year, revenue=k(65)) for year in range(2008, 2017)
    ]
    return [
        Item(name, tuple(profile))
        for name, profile in [
            ("Client Technologies", client),
            ("Home Working", home),
            ("Workflow", workflow),
            ("Mobility", mobility),
        ]
    ]


@pytest.mark.parametrize(
    ("year", "expected"), [(2024, "2024/25"), (1999, "1999/00"), (2009, "2009/10")]
)
def test_a_financial_year_is_named_by_its_two_calendar_years(year, expected):
    assert label(year) == expected


def test_a_financial_year_starts_on_1_april():
    assert financial_year(date(2025, 3, 31)) == 2024
    assert financial_year(date(2025, 4, 1)) == 2025


def test_money_given_as_a_float_is_refused():
    with pytest.raises(TypeError, match="The capital cost for 2024/25 must be a Decimal"):
        Figures(2024, capital=1.1)


def test_totals_per_line_whole_life_cost_and_net_cost():
    profile = [
        Figures(2024, capital=Decimal("100.50"), revenue=Decimal(20), displaced=Decimal(30)),
        Figures(2025, revenue=Decimal(20), cashable_saving=Decimal(5), displaced=Decimal(30)),
    ]
    result = totals(profile)
    assert result == Totals(
        capital=Decimal("100.50"),
        revenue=Decimal(40),
        cashable_saving=Decimal(5),
        non_cashable_benefit=Decimal(0),
        displaced=Decimal(60),
    )
    assert result.whole_life_cost == Decimal("140.50")
    assert result.net == Decimal("80.50")
    assert not result.cash_neutral


@given(profiles)
def test_an_item_is_cash_neutral_exactly_when_displacement_covers_its_whole_life_cost(profile):
    cost = sum((f.capital + f.revenue for f in profile), Decimal(0))
    displaced = sum((f.displaced for f in profile), Decimal(0))
    assert totals(profile).cash_neutral == (displaced >= cost)


@given(profiles, pounds)
def test_savings_and_benefits_never_make_an_item_cash_neutral(profile, extra):
    richer = [
        Figures(
            f.year,
            capital=f.capital,
            revenue=f.revenue,
            cashable_saving=f.cashable_saving + extra,
            non_cashable_benefit=f.non_cashable_benefit + extra,
            displaced=f.displaced,
        )
        for f in profile
    ]
    assert totals(richer).cash_neutral == totals(profile).cash_neutral


def test_a_profile_names_the_row_and_field_of_each_problem():
    profile = [
        Figures(2024, capital=Decimal(-1)),
        Figures(2034, revenue=Decimal(5)),
        Figures(2025, displaced=Decimal("-0.01")),
        Figures(2025),
    ]
    assert problems(profile, base_year=2024, years=10) == [
        Problem(2024, "capital", "The capital cost for 2024/25 must be £0 or more."),
        Problem(
            2034,
            "year",
            "The year 2034/35 is outside the horizon of this business case, 2024/25 to 2033/34.",
        ),
        Problem(2025, "displaced", "The existing cost displaced for 2025/26 must be £0 or more."),
        Problem(2025, "year", "The year 2025/26 is given more than once."),
    ]


def test_a_year_before_the_base_year_is_outside_the_horizon():
    assert [p.field for p in problems([Figures(2023)], base_year=2024, years=10)] == ["year"]
    assert problems([Figures(2024), Figures(2033)], base_year=2024, years=10) == []


def test_the_seed_003_investment_sums_to_its_cabinet_figures():
    summary = summarise(seed_003())
    assert summary.total.cost == k(11_850)
    assert summary.total.cash_neutral == k(9_800)
    assert summary.total.requiring_investment == k(2_050)
    assert summary.total.capital == k(1_800 + 750)
    assert summary.items == 4
    assert summary.cash_neutral_items == 2
    assert [row.label for row in summary.years] == [label(year) for year in range(2007, 2017)]
    assert summary.years[1] == Row(
        2008, capital=Decimal(0), revenue=k(990), displaced=k(860), cash_neutral=k(860)
    )
    assert summary.years[1].requiring_investment == k(130)


@given(items)
def test_the_years_of_the_portfolio_add_up_to_its_total(listed):
    summary = summarise(listed)
    total = Row(None)
    for row in summary.years:
        total += row
    assert summary.total == total
    assert summary.total.cost == sum(
        (totals(item.profile).whole_life_cost for item in listed), Decimal(0)
    )
    assert summary.total.cash_neutral == sum(
        (totals(item.profile).whole_life_cost for item in listed if item.cash_neutral),
        Decimal(0),
    )
    assert summary.total.net == sum((totals(item.profile).net for item in listed), Decimal(0))


@given(items, items)
def test_approved_and_proposed_sum_to_the_whole_portfolio(approved, proposed):
    whole = summarise(approved + proposed)
    apart = [summarise(approved), summarise(proposed)]
    assert whole.total == apart[0].total + apart[1].total
    for row in whole.years:
        parts = [r for summary in apart for r in summary.years if r.year == row.year]
        added = parts[0]
        for part in parts[1:]:
            added += part
        assert row == added


@given(items, items)
def test_two_summaries_combine_into_the_summary_of_both(approved, proposed):
    assert combine(summarise(approved), summarise(proposed)) == summarise(approved + proposed)


@given(items)
def test_the_cash_neutral_part_and_the_part_requiring_investment_make_the_whole(listed):
    for row in (*summarise(listed).years, summarise(listed).total):
        assert row.cash_neutral + row.requiring_investment == row.cost
        assert 0 <= row.cash_neutral <= row.cost


def _year_sums(items_):
    """The items summed per year and side, as the database sums them for the finance page."""
    from steerco.portfolio.rules.finance import YearSum

    sums = {}
    for item in items_:
        neutral = item.cash_neutral
        for f in item.profile:
            row = sums.setdefault((f.year, neutral), [Decimal(0)] * 3)
            row[0] += f.capital
            row[1] += f.revenue
            row[2] += f.displaced
    return [YearSum(year, neutral, *row) for (year, neutral), row in sums.items()]


@given(items)
def test_summing_per_year_and_side_first_gives_the_same_summary(items_):
    from steerco.portfolio.rules.finance import summarise_sums

    neutral = sum(item.cash_neutral for item in items_)
    assert summarise_sums(_year_sums(items_), len(items_), neutral) == summarise(items_)
