"""The figures of business cases and of the portfolio: rows read in a fixed number of queries
and handed to the pure rules (steerco.portfolio.rules), whose results the pages show."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, IntegerField, Prefetch, Sum, Value, When

from steerco.portfolio.charts import Chart, bar_chart
from steerco.portfolio.models import (
    AppraisalParameters,
    BiasMitigation,
    BusinessCase,
    Option,
    ProfileYear,
    Project,
)
from steerco.portfolio.rules import appraisal, finance

ZERO = Decimal(0)
DAYS_A_MONTH = Decimal("365.25") / 12


def figures_of(rows):
    return [
        finance.Figures(row.year, **{line: getattr(row, line) for line in finance.LINES})
        for row in rows
    ]


def parameter_sets(organisation):
    """Every set that applies to the organisation (the national ones and its own), newest
    first; on the same day the council's own comes first."""
    rows = AppraisalParameters.objects.for_organisation(organisation).order_by(
        "-effective_from", "organisation_id"
    )
    return list(rows)


def set_in_force(sets, on):
    """The row in force on `on`: the latest that has started, the council's own winning a tie."""
    started = [row for row in sets if row.effective_from <= on]
    if not started:
        return None
    latest = max(row.effective_from for row in started)
    tied = [row for row in started if row.effective_from == latest]
    return next((row for row in tied if row.organisation_id), tied[0])


def appraised_on(case, today):
    """An approved case keeps the parameters it was approved under; any other uses today's."""
    return case.approved_at.date() if case.approved_at else today


def works_duration(project):
    """The project's planned duration in months, from its dates, or None."""
    if project.starts_on is None or project.ends_on is None:
        return None
    return Decimal((project.ends_on - project.starts_on).days) / DAYS_A_MONTH


@dataclass
class OptionFigures:
    option: Option
    # One row per year of the horizon, and any saved outside it, earliest first.
    profile: list
    totals: finance.Totals
    appraisal: appraisal.Appraisal | None
    chart: Chart | None
    chart_title: str = ""


@dataclass
class CaseFigures:
    case: BusinessCase
    options: list[OptionFigures]
    parameters: AppraisalParameters | None
    project_type: appraisal.ProjectType | None
    mitigations: list[BiasMitigation]
    # Why there is no appraisal, when there is none.
    problem: str = ""
    years: list[int] = field(default_factory=list)
    # The optimism bias applied, per cent: (measure, bias), the same for every option.
    bias: list = field(default_factory=list)

    @property
    def preferred(self):
        return next((figures for figures in self.options if figures.option.preferred), None)


def options_with_years(case):
    return case.options.prefetch_related(
        Prefetch("years", queryset=ProfileYear.objects.order_by("year"))
    ).order_by("position", "pk")


def case_figures(case, *, today):
    """Everything the business case page shows about the money: a fixed number of queries
    (options, their years, the mitigations, the parameter sets) whatever the case's size."""
    horizon = list(finance.horizon(case.base_year, case.horizon_years))
    options = list(options_with_years(case))
    mitigations = list(case.bias_mitigations.order_by("position", "pk"))
    row = set_in_force(parameter_sets(case.organisation), appraised_on(case, today))
    parameters = kind = deflator = None
    problem = ""
    if row is None:
        problem = (
            "No appraisal parameters were in force on "
            f"{appraised_on(case, today):%-d %B %Y}: an administrator adds them."
        )
    else:
        try:
            parameters = row.as_rules()
            kind = parameters.project_type(case.project_type)
            deflator = row.deflator_series() if case.prices == case.Prices.NOMINAL else None
        except ValueError as error:
            problem = str(error)
        if deflator == {}:
            problem = (
                "The figures are in cash terms, but the appraisal parameters in force have no "
                "deflator series to rebase them to the base year's prices: an administrator "
                "adds it, or the business case gives its figures in real terms."
            )
            parameters = None
    duration = works_duration(case.project)
    mitigated = [appraisal.Mitigation(m.factor, m.share, m.mitigation) for m in mitigations]
    rows = []
    for option in options:
        saved = figures_of(option.years.all())
        by_year = {figures.year: figures for figures in saved}
        profile = [by_year.get(year, finance.Figures(year)) for year in horizon] + [
            figures for figures in saved if figures.year not in horizon
        ]
        result = None
        if parameters is not None and kind is not None:
            try:
                result = appraisal.appraise(
                    [figures for figures in saved if figures.year >= case.base_year],
                    parameters,
                    case.base_year,
                    project_type=kind.key,
                    mitigations=mitigated,
                    duration=duration,
                    deflator=deflator,
                )
            except ValueError as error:
                problem = str(error)
        rows.append(
            OptionFigures(
                option=option,
                profile=profile,
                totals=finance.totals(saved),
                appraisal=result,
                chart=bar_chart(
                    [
                        (
                            finance.label(figures.year),
                            [figures.cost, figures.benefits],
                        )
                        for figures in profile
                    ],
                    ["Costs", "Savings, benefits and costs displaced"],
                )
                if profile
                else None,
                chart_title=f"Costs against savings, benefits and costs displaced of "
                f"{option.name}, by financial year",
            )
        )
    bias = []
    if kind is not None and not problem:
        bias = [
            (appraisal.MEASURES[measure], appraisal.optimism_bias(bounds, mitigated))
            for measure, bounds in kind.bias.items()
        ]
    return CaseFigures(
        case=case,
        options=rows,
        parameters=row,
        project_type=kind,
        mitigations=mitigations,
        problem=problem,
        years=horizon,
        bias=bias,
    )


# The business cases the portfolio counts, per project: its approved case if it has one, or
# else its latest case still before the group (a draft or submitted); never a rejected or
# superseded one, nor a cancelled project's.
COUNTED = (BusinessCase.Status.DRAFT, BusinessCase.Status.SUBMITTED, BusinessCase.Status.APPROVED)


def counted_cases(organisation):
    """(approved, proposed): the ids of the business cases the portfolio counts."""
    cases = (
        BusinessCase.objects.filter(organisation=organisation, status__in=COUNTED)
        .exclude(project__stage=Project.Stage.CANCELLED)
        .order_by("project_id", "-number")
        .values_list("pk", "project_id", "status")
    )
    chosen = {}
    for pk, project_id, status in cases:
        approved = status == BusinessCase.Status.APPROVED
        current = chosen.get(project_id)
        if current is None or (approved and not current[1]):
            chosen[project_id] = (pk, approved)
    approved = [pk for pk, is_approved in chosen.values() if is_approved]
    proposed = [pk for pk, is_approved in chosen.values() if not is_approved]
    return approved, proposed


def _preferred_years(organisation):
    return ProfileYear.objects.filter(
        option__business_case__organisation=organisation, option__preferred=True
    ).order_by()


def case_totals(organisation):
    """{case id: (capital, revenue, displaced)}: each business case's preferred option summed
    over its whole life by the database, one row a case."""
    rows = (
        _preferred_years(organisation)
        .values("option__business_case_id")
        .annotate(capital=Sum("capital"), revenue=Sum("revenue"), displaced=Sum("displaced"))
        .values_list("option__business_case_id", "capital", "revenue", "displaced")
    )
    return {case_id: tuple(sums) for case_id, *sums in rows}


def preferred_totals(years):
    """{case id: finance.Totals of its preferred option's years}, for the cases of the
    `years` (a ProfileYear queryset), summed by the database: one row a case."""
    rows = (
        years.filter(option__preferred=True)
        .order_by()
        .values("option__business_case_id")
        .annotate(**{line: Sum(line) for line in finance.LINES})
    )
    return {
        row["option__business_case_id"]: finance.Totals(
            **{line: row[line] or ZERO for line in finance.LINES}
        )
        for row in rows
    }


def _sides(case_ids, totals):
    """The cases of `case_ids` that are cash neutral over their whole life (by the rule) and the
    others."""
    neutral, other = [], []
    for pk in case_ids:
        capital, revenue, displaced = totals.get(pk, (ZERO, ZERO, ZERO))
        (neutral if finance.is_cash_neutral(capital + revenue, displaced) else other).append(pk)
    return neutral, other


def year_sums(organisation, groups):
    """{group: [finance.YearSum]}: the preferred options' years summed by the database per
    financial year for each group of `groups` ({group: (cash neutral?, case ids)}), in one
    query. A case in no group is left out."""
    when = [
        When(option__business_case_id__in=ids, then=Value(index))
        for index, (_, ids) in enumerate(groups.values())
        if ids
    ]
    keys = list(groups)
    sums = {key: [] for key in keys}
    if not when:
        return sums
    rows = (
        _preferred_years(organisation)
        .annotate(group=Case(*when, default=Value(-1), output_field=IntegerField()))
        .filter(group__gte=0)
        .values("group", "year")
        .annotate(capital=Sum("capital"), revenue=Sum("revenue"), displaced=Sum("displaced"))
        .values_list("group", "year", "capital", "revenue", "displaced")
    )
    for index, year, capital, revenue, displaced in rows:
        key = keys[index]
        sums[key].append(finance.YearSum(year, groups[key][0], capital, revenue, displaced))
    return sums


@dataclass
class PortfolioFinance:
    approved: finance.Summary
    proposed: finance.Summary
    whole: finance.Summary
    chart: Chart | None
    years: list[int]


def portfolio_finance(organisation):
    """The sums only: a restricted business case counts in them like any other, but no case is
    named or shown on its own."""
    approved, proposed = counted_cases(organisation)
    totals = case_totals(organisation)
    sides = {"approved": _sides(approved, totals), "proposed": _sides(proposed, totals)}
    groups = {
        (name, neutral): (neutral, cases[0] if neutral else cases[1])
        for name, cases in sides.items()
        for neutral in (True, False)
    }
    sums = year_sums(organisation, groups)

    def summary(name):
        neutral, other = sides[name]
        parts = sums[(name, True)] + sums[(name, False)]
        return finance.summarise_sums(parts, len(neutral) + len(other), len(neutral))

    approved_summary = summary("approved")
    proposed_summary = summary("proposed")
    whole = finance.combine(approved_summary, proposed_summary)
    return PortfolioFinance(
        approved=approved_summary,
        proposed=proposed_summary,
        whole=whole,
        chart=bar_chart(
            [(row.label, [row.cash_neutral, row.requiring_investment]) for row in whole.years],
            ["Cash neutral", "Requiring investment"],
        )
        if whole.years
        else None,
        years=[row.year for row in whole.years],
    )
