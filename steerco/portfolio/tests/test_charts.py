from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from steerco.portfolio.charts import bar_chart, nice_step, short_pounds

values = st.decimals(min_value=0, max_value=100_000_000, places=2, allow_nan=False)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal(11_850_000), "£11.85m"),
        (Decimal(750_000), "£750K"),
        (Decimal(130_500), "£130.5K"),
        (Decimal(40), "£40"),
        (Decimal(-2_000_000), "−£2m"),
    ],
)
def test_axis_figures_are_short(value, text):
    assert short_pounds(value) == text


def test_the_step_is_one_two_or_five_times_a_power_of_ten():
    assert nice_step(Decimal(11_850_000)) == Decimal(5_000_000)
    assert nice_step(Decimal("0.5")) == Decimal(1)
    assert nice_step(Decimal(50)) == Decimal(20)
    assert nice_step(Decimal(0)) == Decimal(1)


def test_a_chart_has_a_bar_per_series_in_each_group_and_a_label_per_group():
    chart = bar_chart(
        [("2024/25", [Decimal(100), Decimal(50)]), ("2025/26", [Decimal(0), Decimal(200)])],
        ["Costs", "Benefits"],
    )
    assert [(bar.series, bar.value) for bar in chart.bars] == [
        (0, 100), (1, 50), (0, 0), (1, 200),
    ]  # fmt: skip
    assert [label.text for label in chart.labels] == ["2024/25", "2025/26"]
    assert chart.bars[1].text == "2024/25, Benefits: £50"
    assert [tick.text for tick in chart.ticks] == ["£0", "£50", "£100", "£150", "£200"]


@given(st.lists(st.lists(values, min_size=2, max_size=2), min_size=1, max_size=12))
def test_bars_are_in_proportion_and_inside_the_plot(rows):
    chart = bar_chart([(str(n), row) for n, row in enumerate(rows)], ["a", "b"])
    top = chart.ticks[-1]
    assert top.value >= max(value for row in rows for value in row)
    for bar in chart.bars:
        assert bar.y >= top.y - 0.01
        assert abs(bar.y + bar.height - chart.plot_bottom) < 0.02
        expected = float(bar.value / top.value) * (chart.plot_bottom - top.y)
        assert abs(bar.height - expected) < 0.02


def test_negative_values_are_refused():
    with pytest.raises(ValueError, match="2024/25 has a negative value"):
        bar_chart([("2024/25", [Decimal(-1)])], ["Costs"])
