"""Green Book appraisal of a business case option.

Issue 9: "figures in real base-year prices (a deflator series rebases nominal figures);
discount factors chained year by year from the declining schedule — 3.5% for years 0–30, 3.0%
for 31–75, 2.5% for 76–125: DF₀ = 1, DF_t = DF_(t−1) / (1 + r_t), so DF₁₀ at 3.5% is 0.7089 and
DF₃₁ = DF₃₀ / 1.03; present value of costs and of benefits, net present social value,
benefit–cost ratio; switching values (how far costs must rise, or benefits fall, before NPSV
reaches zero); optimism bias by project type […] reduced as mitigation is recorded —
OB = upper × (1 − Σ share_i × mitigation_i), never below the lower bound — uplifting costs and
duration and shown beside the unadjusted figures. The rates and the bias tables are
effective-dated parameter sets with their source […]: a Treasury revision is data, not code."

Year t of an appraisal is the financial year t years after the base year, whose prices the
figures are in; the base year is year 0 and is not discounted. Each year's factor is the
previous year's divided by one plus that year's rate, so a change of rate applies from the
first year of its band and never restates the years before it.

Costs are capital and revenue costs. Benefits are cashable savings, non-cashable benefits and
existing costs displaced (spending that stops elsewhere because of the option, an avoided
cost). NPSV is the present value of benefits less that of costs; the BCR is the first over the
second, and has no value when the costs are nil.

A switching value is the change, in per cent of the present value, that brings NPSV to zero:
costs must rise by NPSV / PV costs, or benefits fall by NPSV / PV benefits. A negative value
means the costs must fall, or the benefits rise, before the option breaks even.

Optimism bias (HM Treasury, Supplementary Green Book Guidance: Optimism Bias, 2003) uplifts
capital costs by the capital expenditure bias, revenue costs by the operating expenditure bias
(given for outsourcing only) and the works duration by the duration bias of the project type.
Each starts at the upper bound and is reduced by the recorded mitigation of its contributory
factors: a factor's share of the bias (per cent) times how far it is mitigated (per cent). The
same mitigation reduces every measure of the type; the result never goes below the lower bound.

Percentages are given as per cent (3.5 for 3.5%), money as Decimal in pounds; nothing is
rounded here, so the caller rounds for display.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from steerco.portfolio.rules.finance import Figures, label

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


class Measure(StrEnum):
    WORKS_DURATION = "duration"
    CAPITAL = "capital"
    OPERATING = "operating"


MEASURES = {
    Measure.WORKS_DURATION: "works duration",
    Measure.CAPITAL: "capital expenditure",
    Measure.OPERATING: "operating expenditure",
}


@dataclass(frozen=True)
class Band:
    """A rate (per cent a year) for years first to last inclusive; last None is open-ended."""

    first: int
    last: int | None
    rate: Decimal


@dataclass(frozen=True)
class Bias:
    upper: Decimal
    lower: Decimal


@dataclass(frozen=True)
class ProjectType:
    key: str
    name: str
    # Only the measures the guidance gives for the type: a measure it leaves out is not uplifted.
    bias: Mapping[Measure, Bias]


@dataclass(frozen=True)
class Parameters:
    effective_from: date
    source: str
    discount: tuple[Band, ...]
    project_types: tuple[ProjectType, ...]

    def __post_init__(self) -> None:
        _check_bands(self.discount)
        keys = [kind.key for kind in self.project_types]
        if len(set(keys)) != len(keys):
            raise ValueError("Each project type must have its own key.")
        for kind in self.project_types:
            for measure, bias in kind.bias.items():
                if not ZERO <= bias.lower <= bias.upper:
                    raise ValueError(
                        f"The {MEASURES[measure]} bias of {kind.name} must have a lower bound "
                        "of 0% or more and no more than its upper bound."
                    )

    def rate(self, year: int) -> Decimal:
        for band in self.discount:
            if band.first <= year and (band.last is None or year <= band.last):
                return band.rate
        raise ValueError(f"The discount schedule has no rate for year {year}.")

    def project_type(self, key: str) -> ProjectType:
        for kind in self.project_types:
            if kind.key == key:
                return kind
        raise ValueError(f"“{key}” is not a project type of this parameter set.")


def _check_bands(bands: tuple[Band, ...]) -> None:
    if not bands:
        raise ValueError("The discount schedule needs at least one band.")
    expected = 0
    for position, band in enumerate(bands):
        if band.first != expected:
            raise ValueError(
                f"The discount schedule must run on without a gap from year 0; "
                f"a band starts at year {band.first} where year {expected} was expected."
            )
        if band.rate <= -HUNDRED:
            raise ValueError("A discount rate must be more than −100%.")
        if band.last is None:
            if position != len(bands) - 1:
                raise ValueError("Only the last band of the discount schedule can be open-ended.")
            return
        if band.last < band.first:
            raise ValueError(f"The band starting at year {band.first} ends before it starts.")
        expected = band.last + 1


def _percent(fraction: str) -> Decimal:
    return Decimal(fraction) * HUNDRED


def _fraction(percent: Decimal) -> str:
    return format((percent / HUNDRED).normalize(), "f")


def parameters_from_data(
    effective_from: date,
    source: str,
    discount_schedule: list[list[Any]],
    optimism_bias: Mapping[str, Mapping[str, Any]],
) -> Parameters:
    """A parameter set from its stored form (as in HM_TREASURY below): the schedule as
    [first year, last year or None, rate] and each project type's bias as
    {"label": name, measure: [upper, lower]}, the rate and the bounds as fractions in strings
    ("0.035" for 3.5%)."""
    try:
        discount = tuple(
            Band(int(first), None if last is None else int(last), _percent(rate))
            for first, last, rate in discount_schedule
        )
        project_types = tuple(
            ProjectType(
                key=key,
                name=entry["label"],
                bias={
                    Measure(measure): Bias(_percent(bounds[0]), _percent(bounds[1]))
                    for measure, bounds in entry.items()
                    if measure != "label"
                },
            )
            for key, entry in optimism_bias.items()
        )
    except (KeyError, IndexError, TypeError, ValueError, ArithmeticError) as error:
        raise ValueError(f"The parameter set is incomplete or malformed ({error}).") from error
    return Parameters(effective_from, source, discount, project_types)


def parameters_to_data(parameters: Parameters) -> dict[str, Any]:
    """The stored form of a set: the keyword arguments of parameters_from_data."""
    return {
        "effective_from": parameters.effective_from,
        "source": parameters.source,
        "discount_schedule": [
            [band.first, band.last, _fraction(band.rate)] for band in parameters.discount
        ],
        "optimism_bias": {
            kind.key: {
                "label": kind.name,
                **{
                    str(measure): [_fraction(bias.upper), _fraction(bias.lower)]
                    for measure, bias in kind.bias.items()
                },
            }
            for kind in parameters.project_types
        },
    }


def in_force(sets: Iterable[Parameters], on: date) -> Parameters:
    """The set with the latest effective date on or before `on`."""
    current = None
    for candidate in sets:
        if candidate.effective_from <= on and (
            current is None or candidate.effective_from > current.effective_from
        ):
            current = candidate
    if current is None:
        raise ValueError(f"No appraisal parameters were in force on {on.isoformat()}.")
    return current


HM_TREASURY = {
    # The schedule and the bias table came in with the 2003 edition of the Green Book and are
    # unchanged in the 2022 edition, so this set covers business cases from 2003 on.
    "effective_from": date(2003, 1, 1),
    "source": (
        "HM Treasury, The Green Book (2003; unchanged in the 2022 edition, Annex A6): the "
        "declining long-term discount rate. HM Treasury, Supplementary Green Book Guidance: "
        "Optimism Bias (2003), Table 1 (Mott MacDonald, 2002)."
    ),
    "discount_schedule": [
        [0, 30, "0.035"],
        [31, 75, "0.03"],
        [76, 125, "0.025"],
        [126, 200, "0.02"],
        [201, 300, "0.015"],
        [301, None, "0.01"],
    ],
    "optimism_bias": {
        "standard_buildings": {
            "label": "Standard buildings",
            "duration": ["0.04", "0.01"],
            "capital": ["0.24", "0.02"],
        },
        "non_standard_buildings": {
            "label": "Non-standard buildings",
            "duration": ["0.39", "0.02"],
            "capital": ["0.51", "0.04"],
        },
        "standard_civil_engineering": {
            "label": "Standard civil engineering",
            "duration": ["0.2", "0.01"],
            "capital": ["0.44", "0.03"],
        },
        "non_standard_civil_engineering": {
            "label": "Non-standard civil engineering",
            "duration": ["0.25", "0.03"],
            "capital": ["0.66", "0.06"],
        },
        "equipment_development": {
            "label": "Equipment and development",
            "duration": ["0.54", "0.1"],
            "capital": ["2", "0.1"],
        },
        "outsourcing": {"label": "Outsourcing", "operating": ["0.41", "0"]},
    },
}


def discount_factors(parameters: Parameters, years: int) -> list[Decimal]:
    """DF_0 … DF_years, each the one before divided by one plus its year's rate."""
    if years < 0:
        raise ValueError(f"A number of years cannot be negative; {years} was given.")
    factors = [ONE]
    for year in range(1, years + 1):
        factors.append(factors[-1] / (ONE + parameters.rate(year) / HUNDRED))
    return factors


def deflator_from_data(data: Mapping[str, Any]) -> dict[int, Decimal]:
    """A stored deflator series, {"2024": "100.0", …} (each financial year by the year it
    starts), as {2024: Decimal("100.0")}; every index must be a number above 0."""
    series = {}
    for year, value in data.items():
        try:
            index = Decimal(str(value))
            series[int(year)] = index
        except (ValueError, ArithmeticError) as error:
            raise ValueError(f"The deflator series is malformed ({year}: {value}).") from error
        if not index.is_finite() or index <= 0:
            raise ValueError(f"The deflator index for {label(int(year))} must be more than 0.")
    return dict(sorted(series.items()))


def to_real(
    profile: Iterable[Figures], deflator: Mapping[int, Decimal], base_year: int
) -> list[Figures]:
    """Nominal figures rebased to base-year prices: each multiplied by the deflator index of
    the base year over that of its own year."""

    def index(year: int) -> Decimal:
        if year not in deflator:
            raise ValueError(f"The deflator has no index for {label(year)}.")
        if deflator[year] <= 0:
            raise ValueError(f"The deflator index for {label(year)} must be more than 0.")
        return deflator[year]

    base = index(base_year)
    real = []
    for figures in profile:
        ratio = base / index(figures.year)
        real.append(
            Figures(
                figures.year,
                capital=figures.capital * ratio,
                revenue=figures.revenue * ratio,
                cashable_saving=figures.cashable_saving * ratio,
                non_cashable_benefit=figures.non_cashable_benefit * ratio,
                displaced=figures.displaced * ratio,
            )
        )
    return real


@dataclass(frozen=True)
class Mitigation:
    factor: str
    # The factor's contribution to the bias, per cent.
    share: Decimal
    # How far the factor is mitigated, per cent.
    mitigation: Decimal


def check_mitigations(mitigations: Iterable[Mitigation]) -> list[str]:
    found = []
    total = ZERO
    for entry in mitigations:
        for name, value in (("share", entry.share), ("mitigation", entry.mitigation)):
            if not ZERO <= value <= HUNDRED:
                found.append(f"The {name} of “{entry.factor}” must be between 0% and 100%.")
        total += entry.share
    if total > HUNDRED:
        found.append(f"The shares of the contributory factors add up to {total}%; 100% at most.")
    return found


def optimism_bias(bias: Bias, mitigations: Iterable[Mitigation]) -> Decimal:
    """OB = upper × (1 − Σ share × mitigation), never below the lower bound (per cent)."""
    listed = list(mitigations)
    found = check_mitigations(listed)
    if found:
        raise ValueError(" ".join(found))
    reduction = sum((entry.share * entry.mitigation for entry in listed), ZERO) / HUNDRED**2
    return max(bias.lower, bias.upper * (ONE - reduction))


@dataclass(frozen=True)
class YearValue:
    year: int
    # Years after the base year.
    t: int
    factor: Decimal
    costs: Decimal
    benefits: Decimal

    @property
    def pv_costs(self) -> Decimal:
        return self.costs * self.factor

    @property
    def pv_benefits(self) -> Decimal:
        return self.benefits * self.factor


@dataclass(frozen=True)
class Result:
    years: tuple[YearValue, ...]
    pv_costs: Decimal
    pv_benefits: Decimal

    @property
    def npsv(self) -> Decimal:
        return self.pv_benefits - self.pv_costs

    @property
    def bcr(self) -> Decimal | None:
        return self.pv_benefits / self.pv_costs if self.pv_costs else None

    @property
    def costs_switching(self) -> Decimal | None:
        """Per cent by which costs must rise (negative: fall) for NPSV to be zero."""
        return self.npsv / self.pv_costs * HUNDRED if self.pv_costs else None

    @property
    def benefits_switching(self) -> Decimal | None:
        """Per cent by which benefits must fall (negative: rise) for NPSV to be zero."""
        return self.npsv / self.pv_benefits * HUNDRED if self.pv_benefits else None


def present_values(
    profile: Iterable[Figures],
    parameters: Parameters,
    base_year: int,
    *,
    capital_uplift: Decimal = ZERO,
    revenue_uplift: Decimal = ZERO,
) -> Result:
    """The present values of a profile in base-year prices, its costs uplifted by the given
    per cents."""
    listed = sorted(profile, key=lambda figures: figures.year)
    for figures in listed:
        if figures.year < base_year:
            raise ValueError(
                f"{label(figures.year)} is before the base year of the appraisal, "
                f"{label(base_year)}."
            )
    factors = discount_factors(parameters, listed[-1].year - base_year if listed else 0)
    capital = ONE + capital_uplift / HUNDRED
    revenue = ONE + revenue_uplift / HUNDRED
    years = tuple(
        YearValue(
            year=figures.year,
            t=figures.year - base_year,
            factor=factors[figures.year - base_year],
            costs=figures.capital * capital + figures.revenue * revenue,
            benefits=figures.benefits,
        )
        for figures in listed
    )
    return Result(
        years=years,
        pv_costs=sum((value.pv_costs for value in years), ZERO),
        pv_benefits=sum((value.pv_benefits for value in years), ZERO),
    )


@dataclass(frozen=True)
class Appraisal:
    unadjusted: Result
    # With optimism bias: the same as unadjusted when no project type is given.
    adjusted: Result
    # The bias applied to each measure of the project type, per cent.
    bias: Mapping[Measure, Decimal]
    duration: Decimal | None
    adjusted_duration: Decimal | None


def appraise(
    profile: Iterable[Figures],
    parameters: Parameters,
    base_year: int,
    *,
    project_type: str | None = None,
    mitigations: Iterable[Mitigation] = (),
    deflator: Mapping[int, Decimal] | None = None,
    duration: Decimal | None = None,
) -> Appraisal:
    """Appraise a profile in base-year prices (or nominal prices rebased with `deflator`),
    beside the same with the optimism bias of `project_type`. `duration` is the planned works
    duration, in any unit; it comes back uplifted in the same unit."""
    listed = list(profile)
    if deflator is not None:
        listed = to_real(listed, deflator, base_year)
    bias: dict[Measure, Decimal] = {}
    if project_type is not None:
        kind = parameters.project_type(project_type)
        mitigated = list(mitigations)
        bias = {measure: optimism_bias(bounds, mitigated) for measure, bounds in kind.bias.items()}
    adjusted_duration = None
    if duration is not None:
        adjusted_duration = duration * (ONE + bias.get(Measure.WORKS_DURATION, ZERO) / HUNDRED)
    return Appraisal(
        unadjusted=present_values(listed, parameters, base_year),
        adjusted=present_values(
            listed,
            parameters,
            base_year,
            capital_uplift=bias.get(Measure.CAPITAL, ZERO),
            revenue_uplift=bias.get(Measure.OPERATING, ZERO),
        ),
        bias=bias,
        duration=duration,
        adjusted_duration=adjusted_duration,
    )
