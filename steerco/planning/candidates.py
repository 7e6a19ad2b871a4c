"""The candidates of a scenario, built from the council's portfolio (issue 11, §2): its projects
at proposal or business-case stage (and, when asked, the approved ones, committed with their
option and start), each with the costed options of its latest business case, turned into the
planning file's problem (`steerco.planning.rules.problem`).

Read in a fixed number of queries whatever the portfolio's size. What is left out is listed
with the reason: a project serving no objective or theme of the current strategy (the
conformance gate of seed 004), one with no costed option, one whose business case is
restricted (its figures are for the few who may read it, and a scenario is the council's), one
without the value the scenario measures, and one requiring a project that is left out.
"""

import string
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from steerco.accounts.models import display_name
from steerco.planning.models import Criterion, Scenario, Score, ScoringModel
from steerco.planning.rules import problem as planning_file
from steerco.planning.rules import scoring
from steerco.portfolio import figures
from steerco.portfolio.models import BusinessCase, Dependency, Option, ProfileYear, Project
from steerco.portfolio.rules import appraisal
from steerco.risks.models import Risk
from steerco.risks.queries import with_tolerance
from steerco.risks.rules.scoring import expected_loss
from steerco.strategy.models import Strategy

ZERO = Decimal(0)
PENNY = Decimal("0.01")
OPEN_STAGES = (Project.Stage.PROPOSAL, Project.Stage.BUSINESS_CASE)
APPROVED_STAGES = (Project.Stage.APPROVED, Project.Stage.IN_DELIVERY)
NO_THEME = "No theme"


@dataclass
class LeftOut:
    reference: str
    name: str
    reason: str


@dataclass
class Built:
    problem: planning_file.Problem | None
    left_out: list[LeftOut] = field(default_factory=list)
    # candidate id -> option id -> the business case option's name
    option_names: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    error: str = ""


def current_strategy(organisation):
    strategy = (
        Strategy.objects.filter(organisation=organisation, is_current=True)
        .prefetch_related("themes", "objectives")
        .first()
    )
    if strategy is None:
        return None, {}, set()
    themes = {t.pk: t for t in strategy.themes.all()}
    objectives = {o.pk: o for o in strategy.objectives.all()}
    return strategy, themes, objectives


def serves_strategy(project, themes, objectives):
    """Whether the project serves a theme or an objective of the current strategy (its themes
    and objectives prefetched)."""
    return any(t.pk in themes for t in project.themes.all()) or any(
        o.pk in objectives for o in project.objectives.all()
    )


def gate_message(strategy):
    return (
        f"It serves no objective or theme of the current strategy, {strategy.title}, "
        "so it cannot be selected."
    )


def conformance(project):
    """The conformance gate's message for a project of the register (None when it serves the
    current strategy, or the council has none), and the current strategy."""
    strategy, themes, objectives = current_strategy(project.organisation)
    if strategy is None or serves_strategy(project, themes, objectives):
        return None, strategy
    return gate_message(strategy), strategy


def choosable(organisation):
    """The projects a scenario may name as mandatory or in an exclusive group: every project
    that is a candidate when approved ones are re-planned, as (reference, name, approved), in
    the order of their references."""
    projects = Project.objects.filter(
        organisation=organisation, stage__in=OPEN_STAGES + APPROVED_STAGES
    ).order_by("reference")
    return [
        (reference, name, stage in APPROVED_STAGES)
        for reference, name, stage in projects.values_list("reference", "name", "stage")
    ]


def _projects(organisation, include_approved):
    stages = OPEN_STAGES + (APPROVED_STAGES if include_approved else ())
    cases = BusinessCase.objects.exclude(
        status__in=[BusinessCase.Status.REJECTED, BusinessCase.Status.SUPERSEDED]
    ).order_by("-number")
    options = Option.objects.filter(is_do_nothing=False).order_by("position", "pk")
    return list(
        Project.objects.filter(organisation=organisation, stage__in=stages)
        .order_by("reference")
        .prefetch_related(
            "themes",
            "objectives",
            Prefetch("business_cases", queryset=cases),
            Prefetch("business_cases__options", queryset=options),
            Prefetch(
                "business_cases__options__years", queryset=ProfileYear.objects.order_by("year")
            ),
            "business_cases__bias_mitigations",
        )
    )


def weighted_scores(organisation, projects):
    """The weighted score of each project, or the criteria it lacks (None: no scoring model)."""
    model = ScoringModel.objects.filter(organisation=organisation).first()
    if model is None:
        return None
    criteria = [c.as_rule() for c in Criterion.objects.filter(model=model).in_use()]
    given = {}
    for project_id, name, full_name, first, last, username, value in (
        Score.objects.filter(
            criterion__model=model, criterion__retired_at=None, project__in=projects
        )
        .order_by("assessor__name", "assessor_id")
        .values_list(
            "project_id",
            "criterion__name",
            "assessor__name",
            "assessor__first_name",
            "assessor__last_name",
            "assessor__username",
            "score",
        )
    ):
        assessor = display_name(full_name, first, last, username)
        given.setdefault(project_id, {}).setdefault(name, []).append((assessor, value))
    if not criteria:
        return None
    try:
        return {
            project.pk: scoring.score(criteria, given.get(project.pk, {}), wide=model.wide_spread)
            for project in projects
        }
    except scoring.ScoringError:
        return None


def _risks(organisation, projects):
    """Per project: the expected loss of its open, unrestricted risks (linked to it or to one of
    its business cases) and whether any of them is above the council's appetite."""
    loss, above = {}, set()
    risks = with_tolerance(
        Risk.objects.filter(organisation=organisation, status=Risk.Status.OPEN, restricted=False),
        organisation,
    )
    seen = set()
    for link in ("projects", "business_cases__project"):
        for project_id, pk, likelihood, impact, score, tolerance in (
            risks.filter(**{f"{link}__in": projects})
            .values_list(
                link, "pk", "current_likelihood", "money_impact", "current_score", "tolerance"
            )
            .distinct()
        ):
            if (project_id, pk) in seen:
                continue
            seen.add((project_id, pk))
            if impact is not None and likelihood is not None:
                loss[project_id] = loss.get(project_id, ZERO) + expected_loss(likelihood, impact)
            if score is not None and tolerance is not None and score > tolerance:
                above.add(project_id)
    return loss, above


def _npsv(case, option, parameters_row, problem_cache):
    """The option's NPSV with optimism bias, or None with the reason in problem_cache."""
    if parameters_row is None:
        problem_cache[case.pk] = "no appraisal parameters are in force"
        return None
    try:
        parameters = parameters_row.as_rules()
        kind = parameters.project_type(case.project_type) if case.project_type else None
        deflator = parameters_row.deflator_series() if case.prices == case.Prices.NOMINAL else None
        if deflator == {}:
            problem_cache[case.pk] = "its cash-terms figures have no deflator series"
            return None
        mitigated = [
            appraisal.Mitigation(m.factor, m.share, m.mitigation)
            for m in case.bias_mitigations.all()
        ]
        saved = [f for f in figures.figures_of(option.years.all()) if f.year >= case.base_year]
        result = appraisal.appraise(
            saved,
            parameters,
            case.base_year,
            project_type=kind.key if kind else None,
            mitigations=mitigated,
            duration=figures.works_duration(case.project),
            deflator=deflator,
        )
    except ValueError as error:
        problem_cache[case.pk] = str(error)
        return None
    return result.adjusted.npsv.quantize(PENNY)


def _profile(option):
    """(first year, capital by year from it, revenue by year from it), or None if uncosted."""
    rows = [row for row in option.years.all() if row.capital or row.revenue]
    if not rows:
        return None
    first, last = rows[0].year, rows[-1].year
    by_year = {row.year: row for row in option.years.all()}
    capital = tuple(by_year[y].capital if y in by_year else ZERO for y in range(first, last + 1))
    revenue = tuple(by_year[y].revenue if y in by_year else ZERO for y in range(first, last + 1))
    return first, capital, revenue


def build(scenario: Scenario, *, today):
    """The scenario's problem from the portfolio, with what was left out and why."""
    organisation = scenario.organisation
    years = scenario.years
    built = Built(problem=None)
    strategy, themes, objectives = current_strategy(organisation)
    projects = _projects(organisation, scenario.include_approved)
    measure = scenario.value_measure
    needs_score = measure in (Scenario.Measure.SCORE, Scenario.Measure.BLEND)
    needs_npsv = measure != Scenario.Measure.SCORE
    scores = weighted_scores(organisation, projects) if needs_score else {}
    losses, above = _risks(organisation, projects)
    parameters_row = figures.set_in_force(figures.parameter_sets(organisation), today)
    if strategy is None:
        built.notes.append(
            "The council has no current strategy, so no candidate is held to serve one."
        )
    if needs_score and scores is None:
        built.notes.append(
            "The council's scoring model has no criteria yet, so no candidate has a score."
        )
    if measure == Scenario.Measure.RISK_ADJUSTED:
        built.notes.append(
            "Risk-adjusted values take away the expected loss (likelihood × money impact) of "
            "each open risk linked to the project or its business case; restricted risks are "
            "not counted."
        )

    raw = []  # (project, case, [(letter, option, npsv, profile)], committed)
    for project in projects:
        reason = ""
        committed = project.stage in APPROVED_STAGES
        current_themes = [t for t in project.themes.all() if t.pk in themes]
        serves = serves_strategy(project, themes, objectives)
        cases = list(project.business_cases.all())
        if committed:
            cases = [c for c in cases if c.status == BusinessCase.Status.APPROVED]
        case = cases[0] if cases else None
        if strategy is not None and not serves:
            reason = gate_message(strategy)
        elif case is None:
            reason = "It has no business case yet."
        elif case.restricted:
            reason = "Its business case is restricted, so its figures are not used in scenarios."
        options = []
        npsv_problems = {}
        if not reason:
            chosen = list(case.options.all())
            if committed:
                chosen = [o for o in chosen if o.preferred] or chosen[:1]
            for letter, option in zip(string.ascii_uppercase, chosen, strict=False):
                profile = _profile(option)
                if profile is None:
                    continue
                npsv = _npsv(case, option, parameters_row, npsv_problems) if needs_npsv else None
                options.append((letter, option, npsv, profile))
            if not options:
                reason = "Its business case has no option with costs yet."
        if not reason and needs_npsv and any(npsv is None for _, _, npsv, _ in options):
            reason = f"Its NPSV cannot be worked out: {next(iter(npsv_problems.values()))}."
        result = (scores or {}).get(project.pk) if needs_score else None
        if not reason and needs_score and (result is None or result.weighted is None):
            missing = ", ".join(result.missing) if result else ""
            reason = (
                f"It has not been scored on every criterion ({missing} missing)."
                if missing
                else "It has no weighted score yet."
            )
        if not reason:
            last_year = years[-1] if years else 0
            planned = min(profile[0] for _, _, _, profile in options)
            if planned > last_year:
                reason = f"Its business case starts in {planned}, after the plan's last year."
        if reason:
            built.left_out.append(LeftOut(project.reference, project.name, reason))
            continue
        raw.append((project, case, options, committed, current_themes, result))

    # A project whose business case's NPSV is largest sets the scale of the blend, so that the
    # score (0–5) and NPSV (pounds) weigh as the scenario says.
    scale = max(
        (abs(npsv) for entry in raw for _, _, npsv, _ in entry[2] if npsv is not None),
        default=ZERO,
    )

    requires = {}
    for project_id, needed_id in Dependency.objects.filter(
        organisation=organisation,
        kind=Dependency.Kind.FINISH_FIRST,
        ended_at__isnull=True,
        project__in=[p for p, *_ in raw],
    ).values_list("project_id", "depends_on_id"):
        requires.setdefault(project_id, []).append(needed_id)
    left_ids = {lo.reference for lo in built.left_out}
    left_pks = {p.pk for p in projects if p.reference in left_ids}
    # A project that requires one left out cannot be chosen either; repeated until none is.
    changed = True
    while changed:
        changed = False
        for entry in list(raw):
            project = entry[0]
            blocked = [pk for pk in requires.get(project.pk, []) if pk in left_pks]
            if blocked:
                needed = next(p for p in projects if p.pk == blocked[0])
                built.left_out.append(
                    LeftOut(
                        project.reference,
                        project.name,
                        f"It requires {needed.reference} {needed.name}, which is left out.",
                    )
                )
                raw.remove(entry)
                left_pks.add(project.pk)
                changed = True
    ids = {project.pk: project.reference for project, *_ in raw}

    candidates = []
    first_year = years[0] if years else 0
    last_year = years[-1] if years else 0
    share = Decimal(scenario.score_share) / 100
    for project, _case, options, committed, current_themes, result in raw:
        rule_options = []
        names = {}
        planned = min(profile[0] for _, _, _, profile in options)
        start = max(planned, first_year)
        for letter, option, npsv, (first, capital, revenue) in options:
            if committed and first < first_year:
                capital, revenue = capital[first_year - first :], revenue[first_year - first :]
            if measure == Scenario.Measure.SCORE:
                value = result.weighted
            elif measure == Scenario.Measure.NPSV:
                value = npsv
            elif measure == Scenario.Measure.RISK_ADJUSTED:
                value = npsv - losses.get(project.pk, ZERO)
            else:
                value = (share * result.weighted / 5 * scale + (1 - share) * npsv).quantize(PENNY)
            rule_options.append(
                planning_file.Option(
                    letter, value, tuple(capital) or (ZERO,), tuple(revenue) or (ZERO,)
                )
            )
            names[letter] = option.name
        built.option_names[project.reference] = names
        latest = start if committed else min(start + scenario.start_window, last_year)
        window = scenario.start_windows.get(project.reference)
        if window and not committed:
            # The scenario's own window for the project: its profile moves with its start.
            start, latest = max(window[0], first_year), min(window[1], last_year)
        candidates.append(
            planning_file.Candidate(
                id=project.reference,
                name=project.name,
                theme=current_themes[0].name if current_themes else NO_THEME,
                options=tuple(rule_options),
                earliest_start=start,
                latest_start=latest,
                mandatory=project.reference in scenario.mandatory,
                committed=committed,
                committed_option=rule_options[0].id if committed else None,
                committed_start=start if committed else None,
                above_appetite=project.pk in above,
                requires=tuple(ids[pk] for pk in requires.get(project.pk, []) if pk in ids),
            )
        )
    known = {c.id for c in candidates}
    for reference in scenario.start_windows:
        if reference not in known:
            built.notes.append(
                f"{reference} has a start window in this scenario but is not a candidate."
            )
    for reference in scenario.mandatory:
        if reference not in known:
            built.notes.append(
                f"{reference} is mandatory in this scenario but is not a candidate, so it "
                "cannot be funded here."
            )
    data = {
        "years": list(years),
        "budgets": {
            "capital": list(scenario.budgets("capital")),
            "revenue": list(scenario.budgets("revenue")),
        },
        "capital_carry_forward": scenario.capital_carry_forward,
        "candidates": [planning_file._candidate_dict(c) for c in candidates],
        "exclusive": [
            [ref for ref in group if ref in known]
            for group in scenario.exclusive
            if len([ref for ref in group if ref in known]) >= 2
        ],
        "theme_spend": scenario.theme_limits(),
        "max_above_appetite": scenario.max_above_appetite,
    }
    try:
        built.problem = planning_file.from_dict(data)
    except planning_file.PlanningFileError as error:
        built.error = str(error)
    return built
