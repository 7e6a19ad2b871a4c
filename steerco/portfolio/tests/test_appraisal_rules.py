from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from steerco.portfolio.rules.appraisal import (
    HM_TREASURY,
    Band,
    Bias,
    Measure,
    Mitigation,
    Parameters,
    appraise,
    check_mitigations,
    deflator_from_data,
    discount_factors,
    in_force,
    optimism_bias,
    parameters_from_data,
    parameters_to_data,
    present_values,
    to_real,
)
from steerco.portfolio.rules.finance import Figures

TREASURY = parameters_from_data(**HM_TREASURY)
BASE = 2024
TOLERANCE = Decimal("1e-18")

pounds = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False)
percent = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False)


def profiles(max_year=130):
    return st.lists(
        st.builds(
            Figures,
            year=st.integers(BASE, BASE + max_year),
            capital=pounds,
            revenue=pounds,
            cashable_saving=pounds,
            non_cashable_benefit=pounds,
            displaced=pounds,
        ),
        min_size=1,
        max_size=15,
        unique_by=lambda figures: figures.year,
    )


@st.composite
def schedules(draw):
    """A schedule of up to five bands, each with its own rate, the last open-ended."""
    lengths = draw(st.lists(st.integers(1, 40), min_size=0, max_size=4))
    rates = draw(
        st.lists(
            st.decimals(min_value=0, max_value=10, places=2, allow_nan=False),
            min_size=len(lengths) + 1,
            max_size=len(lengths) + 1,
        )
    )
    bands, first = [], 0
    for length, rate in zip(lengths, rates, strict=False):
        bands.append(Band(first, first + length - 1, rate))
        first += length
    bands.append(Band(first, None, rates[-1]))
    return Parameters(date(2020, 1, 1), "generated", tuple(bands), ())


def closed_form(parameters, t):
    """DF_t as a product over the bands: (1 + r)^−(the years of the band up to t)."""
    factor = Decimal(1)
    for band in parameters.discount:
        last = t if band.last is None else min(t, band.last)
        years_in_band = max(0, last - max(band.first, 1) + 1)
        factor /= (1 + band.rate / 100) ** years_in_band
    return factor


def close(a, b, scale=Decimal(1)):
    return abs(a - b) <= TOLERANCE * max(scale, Decimal(1))


def test_the_treasury_discount_factor_of_year_10_is_0_7089():
    assert round(discount_factors(TREASURY, 10)[10], 4) == Decimal("0.7089")


def test_year_0_is_not_discounted():
    assert discount_factors(TREASURY, 0) == [Decimal(1)]


def test_the_rate_falls_to_3_per_cent_from_year_31_and_to_2_5_from_year_76():
    factors = discount_factors(TREASURY, 80)
    assert factors[30] == factors[29] / Decimal("1.035")
    assert factors[31] == factors[30] / Decimal("1.03")
    assert factors[75] == factors[74] / Decimal("1.03")
    assert factors[76] == factors[75] / Decimal("1.025")
    assert close(factors[31], Decimal("1.035") ** -30 / Decimal("1.03"))
    assert close(factors[76], Decimal("1.035") ** -30 * Decimal("1.03") ** -45 / Decimal("1.025"))


@given(schedules(), st.integers(0, 200))
def test_chained_factors_equal_the_closed_form_per_band(parameters, t):
    assert close(discount_factors(parameters, t)[t], closed_form(parameters, t))


@given(profiles())
def test_present_values_equal_an_independent_sum_over_the_closed_form(profile):
    result = present_values(profile, TREASURY, BASE)
    costs = sum(
        ((f.capital + f.revenue) * closed_form(TREASURY, f.year - BASE) for f in profile),
        Decimal(0),
    )
    benefits = sum(
        (
            (f.cashable_saving + f.non_cashable_benefit + f.displaced)
            * closed_form(TREASURY, f.year - BASE)
            for f in profile
        ),
        Decimal(0),
    )
    assert close(result.pv_costs, costs, costs)
    assert close(result.pv_benefits, benefits, benefits)
    assert close(result.npsv, benefits - costs, costs + benefits)


def test_npsv_bcr_and_switching_values_of_a_small_case():
    profile = [
        Figures(2024, capital=Decimal(1000)),
        Figures(2025, cashable_saving=Decimal(1035)),
        Figures(2026, non_cashable_benefit=Decimal("1071.225")),
    ]
    result = present_values(profile, TREASURY, 2024)
    assert result.pv_costs == Decimal(1000)
    assert close(result.pv_benefits, Decimal(2000))
    assert close(result.npsv, Decimal(1000))
    assert close(result.bcr, Decimal(2))
    assert close(result.costs_switching, Decimal(100))
    assert close(result.benefits_switching, Decimal(50))


def test_there_is_no_ratio_or_switching_value_without_costs_or_benefits():
    result = present_values([Figures(2024)], TREASURY, 2024)
    assert (result.bcr, result.costs_switching, result.benefits_switching) == (None, None, None)


@given(profiles(max_year=90))
def test_switching_values_bring_npsv_to_zero(profile):
    result = present_values(profile, TREASURY, BASE)
    assume(result.pv_costs and result.pv_benefits)
    raised = present_values(
        profile,
        TREASURY,
        BASE,
        capital_uplift=result.costs_switching,
        revenue_uplift=result.costs_switching,
    )
    assert close(raised.npsv, Decimal(0), result.pv_costs + result.pv_benefits)
    factor = 1 - result.benefits_switching / 100
    lowered = present_values(
        [
            Figures(
                f.year,
                capital=f.capital,
                revenue=f.revenue,
                cashable_saving=f.cashable_saving * factor,
                non_cashable_benefit=f.non_cashable_benefit * factor,
                displaced=f.displaced * factor,
            )
            for f in profile
        ],
        TREASURY,
        BASE,
    )
    assert close(lowered.npsv, Decimal(0), result.pv_costs + result.pv_benefits)


def test_a_year_before_the_base_year_is_refused():
    with pytest.raises(ValueError, match="2023/24 is before the base year of the appraisal"):
        present_values([Figures(2023)], TREASURY, 2024)


def test_mitigation_reduces_the_bias_from_its_upper_bound():
    equipment = Bias(upper=Decimal(200), lower=Decimal(10))
    assert optimism_bias(equipment, []) == Decimal(200)
    mitigated = [
        Mitigation("Inadequacy of the business case", Decimal(50), Decimal(80)),
        Mitigation("Degree of innovation", Decimal(20), Decimal(50)),
    ]
    assert optimism_bias(equipment, mitigated) == Decimal(200) * (1 - Decimal("0.5"))


def test_full_mitigation_stops_at_the_lower_bound():
    equipment = Bias(upper=Decimal(200), lower=Decimal(10))
    assert optimism_bias(equipment, [Mitigation("All", Decimal(100), Decimal(100))]) == 10


@given(
    st.tuples(percent, percent).map(sorted),
    st.lists(st.tuples(percent, percent), max_size=4),
)
def test_optimism_bias_is_never_below_its_lower_bound_nor_above_its_upper(bounds, entries):
    lower, upper = bounds
    mitigations = [Mitigation(f"factor {n}", share, m) for n, (share, m) in enumerate(entries)]
    assume(sum((share for share, _ in entries), Decimal(0)) <= 100)
    bias = optimism_bias(Bias(upper=upper, lower=lower), mitigations)
    assert lower <= bias <= upper
    reduction = sum((share * m for share, m in entries), Decimal(0)) / 10_000
    assert bias == max(lower, upper * (1 - reduction))


def test_shares_over_100_per_cent_or_out_of_range_are_refused():
    assert check_mitigations(
        [
            Mitigation("Design complexity", Decimal(60), Decimal(101)),
            Mitigation("Funding availability", Decimal(50), Decimal(0)),
        ]
    ) == [
        "The mitigation of “Design complexity” must be between 0% and 100%.",
        "The shares of the contributory factors add up to 110%; 100% at most.",
    ]
    with pytest.raises(ValueError, match="add up to 110%"):
        optimism_bias(
            Bias(Decimal(10), Decimal(0)),
            [Mitigation("a", Decimal(60), Decimal(1)), Mitigation("b", Decimal(50), Decimal(1))],
        )


def test_equipment_bias_uplifts_capital_and_duration_beside_the_unadjusted_figures():
    profile = [Figures(2024, capital=Decimal(1000), revenue=Decimal(100))]
    result = appraise(
        profile,
        TREASURY,
        2024,
        project_type="equipment_development",
        mitigations=[Mitigation("Inadequacy of the business case", Decimal(50), Decimal(50))],
        duration=Decimal(12),
    )
    assert result.bias == {Measure.WORKS_DURATION: Decimal("40.5"), Measure.CAPITAL: 150}
    assert result.unadjusted.pv_costs == Decimal(1100)
    assert result.adjusted.pv_costs == Decimal(2500 + 100)
    assert result.adjusted_duration == Decimal("16.86")


def test_outsourcing_bias_uplifts_revenue_costs_only():
    profile = [Figures(2024, capital=Decimal(1000), revenue=Decimal(100))]
    result = appraise(profile, TREASURY, 2024, project_type="outsourcing")
    assert result.bias == {Measure.OPERATING: Decimal(41)}
    assert result.adjusted.pv_costs == Decimal(1141)


def test_without_a_project_type_the_adjusted_figures_are_the_unadjusted():
    profile = [Figures(2025, capital=Decimal(1000), cashable_saving=Decimal(900))]
    result = appraise(profile, TREASURY, 2024)
    assert result.adjusted == result.unadjusted
    assert result.bias == {}


def test_nominal_figures_are_rebased_to_base_year_prices():
    deflator = {2024: Decimal(100), 2025: Decimal(102), 2026: Decimal("104.04")}
    profile = [Figures(2025, capital=Decimal(102)), Figures(2026, revenue=Decimal("104.04"))]
    assert to_real(profile, deflator, 2024) == [
        Figures(2025, capital=Decimal(100)),
        Figures(2026, revenue=Decimal(100)),
    ]
    result = appraise(profile, TREASURY, 2024, deflator=deflator)
    assert close(result.unadjusted.pv_costs, 100 / Decimal("1.035") + 100 / Decimal("1.035") ** 2)


def test_a_year_missing_from_the_deflator_is_named():
    with pytest.raises(ValueError, match="The deflator has no index for 2027/28"):
        to_real([Figures(2027)], {2024: Decimal(100)}, 2024)


@given(
    st.dictionaries(
        st.integers(1990, 2100),
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal(1000), places=2),
        max_size=12,
    )
)
def test_a_stored_deflator_reads_back_as_it_was_written(series):
    stored = {str(year): str(index) for year, index in series.items()}
    assert deflator_from_data(stored) == series
    assert list(deflator_from_data(stored)) == sorted(series)


@pytest.mark.parametrize("index", ["0", "-1", "NaN", "Infinity", "lots"])
def test_a_stored_deflator_index_must_be_a_number_above_nought(index):
    with pytest.raises(ValueError, match="deflator"):
        deflator_from_data({"2024": index})


def test_the_treasury_set_round_trips_through_its_stored_form():
    assert parameters_to_data(TREASURY) == HM_TREASURY
    assert TREASURY.source.startswith("HM Treasury, The Green Book")
    assert TREASURY.project_type("equipment_development").bias[Measure.CAPITAL] == Bias(
        Decimal(200), Decimal(10)
    )
    assert [band.rate for band in TREASURY.discount[:3]] == [
        Decimal("3.5"),
        Decimal("3.0"),
        Decimal("2.5"),
    ]


def test_a_schedule_with_a_gap_is_refused():
    data = {**HM_TREASURY, "discount_schedule": [[0, 30, "0.035"], [32, None, "0.03"]]}
    with pytest.raises(ValueError, match="a band starts at year 32 where year 31 was expected"):
        parameters_from_data(**data)


def test_a_lower_bound_above_the_upper_is_refused():
    data = {
        **HM_TREASURY,
        "optimism_bias": {"x": {"label": "Software", "capital": ["0.05", "0.06"]}},
    }
    with pytest.raises(ValueError, match="capital expenditure bias of Software"):
        parameters_from_data(**data)


def test_a_malformed_set_is_refused():
    with pytest.raises(ValueError, match="incomplete or malformed"):
        parameters_from_data(**{**HM_TREASURY, "discount_schedule": [[0, "0.035"]]})


def test_a_year_beyond_a_closed_schedule_has_no_rate():
    closed = Parameters(date(2020, 1, 1), "test", (Band(0, 30, Decimal("3.5")),), ())
    with pytest.raises(ValueError, match="no rate for year 31"):
        discount_factors(closed, 31)


def test_the_set_in_force_is_the_latest_that_has_started():
    revised = Parameters(date(2030, 4, 1), "A later revision", TREASURY.discount, ())
    sets = [revised, TREASURY]
    assert in_force(sets, date(2030, 3, 31)) is TREASURY
    assert in_force(sets, date(2030, 4, 1)) is revised
    with pytest.raises(ValueError, match="No appraisal parameters were in force on 2002-12-31"):
        in_force(sets, date(2002, 12, 31))
