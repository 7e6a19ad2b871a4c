"""The finance page sums the preferred options' years in the database; the sums must be those
of reading every year into the pure rule, as the page did before."""

from decimal import Decimal
from random import Random

import pytest

from steerco.portfolio import figures
from steerco.portfolio.models import BusinessCase, Option, ProfileYear, Project
from steerco.portfolio.rules import finance


def read_every_year(organisation):
    """The earlier way: every preferred-option year read, each case an Item of the pure rule."""
    approved, proposed = figures.counted_cases(organisation)
    profiles = {pk: [] for pk in approved + proposed}
    rows = ProfileYear.objects.filter(
        option__business_case__organisation=organisation, option__preferred=True
    ).values_list("option__business_case_id", "year", *finance.LINES)
    for case_id, year, *lines in rows:
        if case_id in profiles:
            profiles[case_id].append(finance.Figures(year, *lines))
    approved_summary = finance.summarise(finance.Item(pk, tuple(profiles[pk])) for pk in approved)
    proposed_summary = finance.summarise(finance.Item(pk, tuple(profiles[pk])) for pk in proposed)
    return approved_summary, proposed_summary


def pounds(rng):
    return Decimal(rng.choice([0, 0, rng.randint(0, 999_999_999)])) / 100


def generate(organisation, rng, cases=40):
    statuses = list(BusinessCase.Status.values)
    for number in range(cases // 2):
        project = Project.objects.create(
            organisation=organisation,
            reference=f"G-{number}",
            name=f"Generated {number}",
            stage=rng.choice(Project.Stage.values),
        )
        for version in range(1, rng.randint(1, 3) + 1):
            case = BusinessCase.objects.create(
                organisation=organisation,
                project=project,
                number=version,
                title="Generated",
                base_year=2024,
                status=rng.choice(statuses),
            )
            preferred = rng.randint(0, 2)  # 2: no option preferred
            for position in range(2):
                option = Option.objects.create(
                    business_case=case,
                    name=f"Option {position}",
                    position=position,
                    preferred=position == preferred,
                )
                ProfileYear.objects.bulk_create(
                    ProfileYear(
                        option=option,
                        year=year,
                        capital=pounds(rng),
                        revenue=pounds(rng),
                        cashable_saving=pounds(rng),
                        non_cashable_benefit=pounds(rng),
                        # Often as much as the cost, so that cases fall on both sides.
                        displaced=pounds(rng) * rng.choice([0, 1, 3]),
                    )
                    for year in rng.sample(range(2020, 2036), rng.randint(0, 10))
                )


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_database_sums_equal_reading_every_year(organisation, seed):
    generate(organisation, Random(seed))
    approved, proposed = read_every_year(organisation)
    summed = figures.portfolio_finance(organisation)
    assert (summed.approved, summed.proposed) == (approved, proposed)
    assert summed.whole == finance.combine(approved, proposed)
    # The generated portfolio has both sides and both kinds of case.
    assert approved.items and proposed.items
    assert 0 < summed.whole.cash_neutral_items < summed.whole.items


@pytest.mark.django_db
def test_an_empty_portfolio_sums_to_nothing(organisation):
    summed = figures.portfolio_finance(organisation)
    assert (summed.whole.years, summed.whole.total, summed.whole.items) == (
        (),
        finance.Row(None),
        0,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2])
def test_the_project_pages_cases_are_summed_as_reading_every_year(organisation, seed):
    """The project page's business cases: each version's preferred option summed by the
    database (figures.preferred_totals), as the rule sums every year read."""
    generate(organisation, Random(seed), cases=16)
    for project in Project.objects.filter(organisation=organisation):
        years = ProfileYear.objects.filter(option__business_case__project=project)
        every_year = {}
        for case_id, year, *lines in years.filter(option__preferred=True).values_list(
            "option__business_case_id", "year", *finance.LINES
        ):
            every_year.setdefault(case_id, []).append(finance.Figures(year, *lines))
        assert figures.preferred_totals(years) == {
            case_id: finance.totals(profile) for case_id, profile in every_year.items()
        }
