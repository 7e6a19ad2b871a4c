from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from steerco.portfolio.rules.benefits import (
    Entry,
    Planned,
    Totals,
    chart,
    current,
    is_overdue,
    is_realised,
    latest,
    realisation_problems,
    realised_value,
    totals,
)

TODAY = date(2026, 11, 30)
money = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)
days = st.dates(min_value=date(2020, 1, 1), max_value=TODAY)


@st.composite
def histories(draw):
    """Entries recorded one after another; each later one may correct an earlier current one,
    as the action allows. Returns the entries and, worked out step by step, the live ones."""
    entries, live = [], {}
    for number in range(1, draw(st.integers(0, 12)) + 1):
        corrects = None
        if live and draw(st.booleans()):
            corrects = draw(st.sampled_from(sorted(live)))
            del live[corrects]
        value = draw(st.none() | money)
        entry = Entry(number, draw(days), value, corrects)
        entries.append(entry)
        live[number] = entry
    return entries, live


def test_a_date_after_today_and_a_negative_value_are_refused():
    assert realisation_problems(TODAY + timedelta(days=1), Decimal("-0.01"), TODAY) == {
        "on": "The date of the realisation must be today or in the past.",
        "value": "The value realised must be £0 or more.",
    }
    assert realisation_problems(TODAY, Decimal("0"), TODAY) == {}
    assert realisation_problems(TODAY, None, TODAY) == {}


def test_a_correction_takes_the_place_of_the_entry_it_corrects():
    entries = [
        Entry(1, date(2026, 4, 30), Decimal("12000")),
        Entry(2, date(2026, 7, 31), Decimal("15000")),
        Entry(3, date(2026, 4, 30), Decimal("1200"), corrects=1),
    ]
    assert [entry.id for entry in current(entries)] == [2, 3]
    assert realised_value(entries) == Decimal("16200")
    assert latest(entries) == entries[1]


@given(histories())
def test_only_entries_no_one_corrects_count(history):
    entries, live = history
    assert {entry.id for entry in current(entries)} == set(live)
    assert realised_value(entries) == sum((e.value or 0 for e in live.values()), Decimal(0))


@given(histories())
def test_the_latest_entry_is_the_last_dated_current_one(history):
    entries, live = history
    found = latest(entries)
    if not live:
        assert found is None
    else:
        assert found in live.values()
        assert all((found.on, found.id) >= (e.on, e.id) for e in live.values())


@given(histories(), money, st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)))
def test_a_valued_benefit_is_overdue_after_its_date_until_its_target_is_reached(
    history, target, target_on
):
    entries, live = history
    planned = Planned("cashable", target, target_on)
    reached = sum((e.value or 0 for e in live.values()), Decimal(0)) >= target
    assert is_realised(planned, entries) == reached
    assert is_overdue(planned, entries, TODAY) == (target_on < TODAY and not reached)


@given(histories())
def test_a_qualitative_benefit_is_realised_by_any_current_entry(history):
    entries, live = history
    planned = Planned("qualitative", None, TODAY - timedelta(days=1))
    assert is_realised(planned, entries) == bool(live)
    assert is_overdue(planned, entries, TODAY) == (not live)


def test_a_benefit_with_no_target_date_is_never_overdue():
    assert not is_overdue(Planned("cashable", Decimal("100"), None), [], TODAY)


def test_a_benefit_due_today_is_not_yet_overdue():
    assert not is_overdue(Planned("cashable", Decimal("100"), TODAY), [], TODAY)


@given(st.lists(st.tuples(st.sampled_from(["cashable", "non_cashable", "qualitative"]), money,
                          histories())))  # fmt: skip
def test_totals_add_up_each_kind_apart(benefits):
    rows = [(Planned(kind, target, None), entries) for kind, target, (entries, _) in benefits]
    found = totals(rows)
    for kind in ("cashable", "non_cashable"):
        assert found[kind] == Totals(
            sum((p.target_value for p, _ in rows if p.kind == kind), Decimal(0)),
            sum((realised_value(e) for p, e in rows if p.kind == kind), Decimal(0)),
        )
    assert set(found) == {"cashable", "non_cashable"}


def test_the_share_realised_is_a_whole_percentage_and_none_without_a_plan():
    assert Totals(Decimal("300"), Decimal("100")).share == Decimal("33")
    assert Totals(Decimal("0"), Decimal("100")).share is None


@given(st.lists(st.tuples(st.text(max_size=5), money, money), max_size=8))
def test_the_chart_scales_every_bar_to_the_largest_figure(rows):
    drawn = chart(rows, plot_width=400)
    largest = max([max(p, r) for _, p, r in rows] or [Decimal(0)])
    assert drawn.scale == largest
    assert [row.label for row in drawn.rows] == [label for label, _, _ in rows]
    bottom = 0
    for row, (_, planned, realised) in zip(drawn.rows, rows, strict=True):
        assert (row.planned.value, row.realised.value) == (planned, realised)
        for bar in (row.planned, row.realised):
            assert 0 <= bar.width <= 400
            if largest:
                assert abs(bar.width - bar.value * 400 / largest) <= Decimal("0.05")
        # Label, then the planned bar, then the realised one, each below the row before.
        assert bottom < row.label_y < row.planned.y
        assert row.planned.y + drawn.bar_height < row.realised.y
        bottom = row.realised.y + drawn.bar_height
    assert bottom <= drawn.height
    if largest:
        assert any(bar.width == 400 for row in drawn.rows for bar in (row.planned, row.realised))
