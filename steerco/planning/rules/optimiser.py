"""The investment planning optimiser (issue 11, §3–5).

Choose at most one option and one start year per candidate to maximise the total value, subject
to: the capital and revenue budgets of each financial year over the horizon (optionally with
unspent capital carried forward to later years); "A requires B" (B chosen and starting no later
than A); mutually exclusive groups (at most one of each); mandatory candidates (chosen);
committed candidates (chosen, with their committed option and start); the minimum and maximum
spend per theme (capital plus revenue within the horizon); other yearly resources when given;
and the risk-appetite cap (at most K chosen candidates above appetite). What a profile spends
after the last year is shown, not constrained.

The problem is a mixed-integer programme solved by HiGHS under a time limit, with one binary
variable per (candidate, option, start). "Requires" is written per start year of A over the
cumulative starts of B (A starting in year s needs B started by s), which is tighter than a
pairwise big-M form. Choices that cannot fit in any year on their own are left out of the model.
Money rows are divided by their largest figure so that HiGHS works with numbers near 1. The best
of three greedy portfolios (the two rankings', and one guided by the linear relaxation: the
candidates it takes most of first, each with the choice it favours), when it satisfies every
constraint, is handed to the solver as its first incumbent.

Every selection the solver returns is checked here in plain Python, in Decimal, against every
constraint (solvers have returned wrong "optimal" answers on small problems); a selection that
fails the check is replaced by the ranking method's, and the answer says so. An infeasible
problem gets an explanation, never an exception: a minimal set of constraints that cannot hold
together, found by deletion filtering, or, when that runs out of time, the mandatory and
committed candidates and the budget years they overflow.
"""

import math
import time
from decimal import Decimal

import highspy
import numpy as np

ZERO = Decimal(0)
INF = highspy.kHighsInf
DEFAULT_TIME_LIMIT = 10.0
BUDGETS = ("capital", "revenue")


def _horizon(problem, amounts, start):
    """{year index: amount} of a profile starting in `start`, within the horizon."""
    first = problem.years[0]
    count = len(problem.years)
    return {
        start - first + k: amount
        for k, amount in enumerate(amounts)
        if amount and 0 <= start - first + k < count
    }


def _profile(problem, option, start, kind):
    if kind in BUDGETS:
        return _horizon(problem, getattr(option, kind), start)
    return _horizon(problem, option.used(kind), start)


def spend(problem, selection):
    """Capital, revenue and each resource used per year by a selection of (id, option, start)."""
    by_id = problem.by_id()
    kinds = list(BUDGETS) + [name for name, _ in problem.resources]
    totals = {kind: [ZERO] * len(problem.years) for kind in kinds}
    for candidate_id, option_id, start in selection:
        option = by_id[candidate_id].option(option_id)
        for kind in kinds:
            for t, amount in _profile(problem, option, start, kind).items():
                totals[kind][t] += amount
    return totals


def value_of(problem, selection):
    by_id = problem.by_id()
    return sum((by_id[c].option(o).value for c, o, _ in selection), ZERO)


def _cumulative(amounts):
    total, running = ZERO, []
    for amount in amounts:
        total += amount
        running.append(total)
    return running


def check(problem, selection, *, budgets=None):
    """Every constraint the selection breaks, in words; an empty list when it satisfies them all.

    `budgets` replaces the problem's {"capital": [...], "revenue": [...]} (to check a raise)."""
    budgets = budgets or {"capital": problem.capital, "revenue": problem.revenue}
    by_id = problem.by_id()
    broken = []
    chosen = {}
    for candidate_id, option_id, start in selection:
        candidate = by_id.get(candidate_id)
        if candidate is None:
            broken.append(f"{candidate_id} is not a candidate.")
            continue
        if candidate_id in chosen:
            broken.append(f"{candidate_id} is chosen more than once.")
            continue
        if candidate.option(option_id) is None:
            broken.append(f"{candidate_id} has no option {option_id}.")
            continue
        if not candidate.earliest_start <= start <= candidate.latest_start:
            broken.append(f"{candidate_id} starts in {start}, outside its start window.")
        chosen[candidate_id] = (option_id, start)
    if broken:
        return broken
    for candidate in problem.candidates:
        choice = chosen.get(candidate.id)
        if candidate.committed and choice != (
            candidate.committed_option,
            candidate.committed_start,
        ):
            broken.append(
                f"{candidate.id} is committed to option {candidate.committed_option} "
                f"starting in {candidate.committed_start}."
            )
        elif candidate.mandatory and choice is None:
            broken.append(f"{candidate.id} is mandatory and is not chosen.")
        if choice is None:
            continue
        for other in candidate.requires:
            if other not in chosen:
                broken.append(f"{candidate.id} requires {other}, which is not chosen.")
            elif chosen[other][1] > choice[1]:
                broken.append(
                    f"{candidate.id} requires {other}, which starts later "
                    f"({chosen[other][1]}, not by {choice[1]})."
                )
    for group in problem.exclusive:
        both = [c for c in group if c in chosen]
        if len(both) > 1:
            broken.append(f"{' and '.join(both)} are mutually exclusive.")
    used = spend(problem, selection)
    limits = {**budgets, **dict(problem.resources)}
    for kind, amounts in used.items():
        limit = limits[kind]
        if kind == "capital" and problem.capital_carry_forward:
            amounts, limit = _cumulative(amounts), _cumulative(limit)
        for t, amount in enumerate(amounts):
            if amount > limit[t]:
                upto = " to date" if kind == "capital" and problem.capital_carry_forward else ""
                broken.append(
                    f"The {kind} spent{upto} in {problem.years[t]} ({amount}) is more than "
                    f"its limit ({limit[t]})."
                )
    for theme, limits in problem.theme_spend:
        total = sum(
            (
                sum(_profile(problem, by_id[c].option(o), s, kind).values(), ZERO)
                for c, o, s in selection
                if by_id[c].theme == theme
                for kind in BUDGETS
            ),
            ZERO,
        )
        if limits.min is not None and total < limits.min:
            broken.append(f"The spend on {theme} ({total}) is below its minimum ({limits.min}).")
        if limits.max is not None and total > limits.max:
            broken.append(f"The spend on {theme} ({total}) is above its maximum ({limits.max}).")
    if problem.max_above_appetite is not None:
        above = [c for c in chosen if by_id[c].above_appetite]
        if len(above) > problem.max_above_appetite:
            broken.append(
                f"{len(above)} chosen candidates are above appetite; "
                f"at most {problem.max_above_appetite} may be."
            )
    return broken


def _whole_cost(problem, option, start):
    return sum(
        (sum(_profile(problem, option, start, kind).values(), ZERO) for kind in BUDGETS), ZERO
    )


GUIDED = "greedy guided by the linear relaxation"
RANKINGS = {
    "score": "ranking by score",
    "value per pound": "ranking by value per pound",
}


def _rank_key(problem, key):
    def option_key(candidate, option):
        if key == "score":
            return option.value
        cost = _whole_cost(problem, option, candidate.earliest_start)
        if cost:
            return option.value / cost
        return Decimal("Infinity") if option.value > 0 else option.value

    return option_key


class _Budget:
    """What a growing selection uses, to tell in constant time whether one more choice fits
    (every limit but the theme minimums, which a ranking does not seek)."""

    def __init__(self, problem):
        self.problem = problem
        self.limits = {"capital": problem.capital, "revenue": problem.revenue}
        self.limits.update(problem.resources)
        if problem.capital_carry_forward:
            self.limits["capital"] = _cumulative(problem.capital)
        self.used = {kind: [ZERO] * len(problem.years) for kind in self.limits}
        self.themes = {theme: ZERO for theme, _ in problem.theme_spend}
        self.theme_max = {theme: limits.max for theme, limits in problem.theme_spend}
        self.above = 0

    def _profiles(self, option, start):
        problem = self.problem
        for kind in self.limits:
            profile = _profile(problem, option, start, kind)
            if kind == "capital" and problem.capital_carry_forward:
                running, total = {}, ZERO
                for t in range(len(problem.years)):
                    total += profile.get(t, ZERO)
                    if total:
                        running[t] = total
                profile = running
            yield kind, profile

    def fits(self, candidate, option, start):
        for kind, profile in self._profiles(option, start):
            used, limit = self.used[kind], self.limits[kind]
            if any(used[t] + amount > limit[t] for t, amount in profile.items()):
                return False
        high = self.theme_max.get(candidate.theme)
        cost = _whole_cost(self.problem, option, start) if high is not None else ZERO
        if high is not None and self.themes[candidate.theme] + cost > high:
            return False
        cap = self.problem.max_above_appetite
        return not (candidate.above_appetite and cap is not None and self.above >= cap)

    def add(self, candidate, option, start):
        for kind, profile in self._profiles(option, start):
            for t, amount in profile.items():
                self.used[kind][t] += amount
        if candidate.theme in self.themes:
            self.themes[candidate.theme] += _whole_cost(self.problem, option, start)
        self.above += 1 if candidate.above_appetite else 0


def ranking(problem, key="score"):
    """The spreadsheet method: fund candidates in order (of score, or of value per pound),
    each with its best option at its earliest start that fits, skipping what does not fit.

    Committed candidates come first as committed, then mandatory ones with what they require;
    a candidate whose requirement is not yet funded is skipped. Theme minimums are not sought."""
    started = time.perf_counter()
    option_key = _rank_key(problem, key)

    def rank(candidate):
        return max(option_key(candidate, o) for o in candidate.options)

    def choices(candidate):
        return sorted(
            candidate.choices(), key=lambda choice: (-option_key(candidate, choice[0]), choice[1])
        )

    selection = _fund(problem, rank, choices)
    return _answer(
        problem,
        selection,
        status="feasible",
        method=RANKINGS[key],
        seconds=time.perf_counter() - started,
    )


def _fund(problem, rank, choices):
    """Fund candidates in descending `rank`, each with the first of its `choices` that fits."""
    by_id = problem.by_id()
    # Stable: equal ranks keep the file's order.
    order = sorted(
        range(len(problem.candidates)), key=lambda n: rank(problem.candidates[n]), reverse=True
    )
    forced, seen = [], set()

    def pull(candidate_id):
        if candidate_id in seen:
            return
        seen.add(candidate_id)
        for other in by_id[candidate_id].requires:
            pull(other)
        forced.append(candidate_id)

    for candidate in problem.candidates:
        if candidate.committed:
            pull(candidate.id)
    for n in order:
        if problem.candidates[n].mandatory:
            pull(problem.candidates[n].id)
    queue = forced + [
        problem.candidates[n].id for n in order if problem.candidates[n].id not in seen
    ]

    selection, chosen = [], {}
    excluded = {}
    for n, group in enumerate(problem.exclusive):
        for member in group:
            excluded.setdefault(member, []).append(n)
    taken_groups = set()
    budget = _Budget(problem)
    for candidate_id in queue:
        candidate = by_id[candidate_id]
        must = candidate.committed or candidate.mandatory
        if any(g in taken_groups for g in excluded.get(candidate_id, [])) and not must:
            continue
        if any(r not in chosen for r in candidate.requires) and not must:
            continue
        not_before = max((chosen[r][1] for r in candidate.requires if r in chosen), default=0)
        ordered = choices(candidate)
        pick = next(
            (
                (option, start)
                for option, start in ordered
                if start >= not_before and budget.fits(candidate, option, start)
            ),
            None,
        )
        if pick is None and must:
            pick = ordered[0]
            if not candidate.committed:
                pick = (pick[0], max(pick[1], min(not_before, candidate.latest_start)))
        if pick is None:
            continue
        budget.add(candidate, *pick)
        selection.append((candidate_id, pick[0].id, pick[1]))
        chosen[candidate_id] = (pick[0].id, pick[1])
        taken_groups.update(excluded.get(candidate_id, []))
    return selection


def _guided(problem, model, time_limit):
    """A portfolio guided by the linear relaxation: candidates in order of how much of them
    the relaxation takes (then of value), each with the choices it favours first."""
    highs = model.highs
    if not model.columns:
        return []
    integral = np.array(model.integral(), dtype=np.uint8)
    count = len(integral)
    index = np.arange(count, dtype=np.int32)
    highs.changeColsIntegrality(count, index, np.zeros(count, dtype=np.uint8))
    highs.setOptionValue("time_limit", float(max(time_limit, 0.01)))
    highs.run()
    solved = highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
    values = list(highs.getSolution().col_value) if solved else [0.0] * count
    highs.changeColsIntegrality(count, index, integral)
    highs.clearSolver()
    taken, favoured = {}, {}
    for j, (candidate_id, option_id, start, _) in enumerate(model.columns):
        taken[candidate_id] = taken.get(candidate_id, 0.0) + values[j]
        favoured[(candidate_id, option_id, start)] = values[j]

    def rank(candidate):
        return (round(taken.get(candidate.id, 0.0), 6), max(o.value for o in candidate.options))

    def choices(candidate):
        return sorted(
            candidate.choices(),
            key=lambda c: (-favoured.get((candidate.id, c[0].id, c[1]), 0.0), -c[0].value, c[1]),
        )

    return _fund(problem, rank, choices)


def _answer(problem, selection, *, status, method, seconds, gap=None, note=None, conflict=()):
    order = {c.id: n for n, c in enumerate(problem.candidates)}
    selection = sorted(selection, key=lambda choice: order[choice[0]])
    broken = check(problem, selection) if status != "infeasible" else []
    if broken and method != "optimiser":
        status = "infeasible"
    used = spend(problem, selection)
    return {
        "status": status,
        "value": value_of(problem, selection) if status != "infeasible" or selection else None,
        "gap": gap,
        "selected": [{"id": c, "option": o, "start": s} for c, o, s in selection],
        "spend": {kind: used[kind] for kind in BUDGETS},
        "resources": {name: used[name] for name, _ in problem.resources},
        "checked": status != "infeasible" and not broken,
        "broken": broken,
        "conflict": list(conflict),
        "method": method,
        "note": note,
        "seconds": round(seconds, 3),
    }


class Model:
    """The mixed-integer programme of a problem in HiGHS.

    `dropped` names constraint groups left out (for the deletion filter): ("mandatory", id),
    ("committed", id), ("requires", a, b), ("exclusive", n), ("capital", year index),
    ("revenue", t), ("resource", name, t), ("theme min", theme), ("theme max", theme),
    ("appetite",). `forced` candidates must be chosen. `elastic` adds a budget increase per
    year and kind, and minimises their total instead of maximising value. `feasibility` drops
    the objective."""

    def __init__(
        self,
        problem,
        *,
        dropped=frozenset(),
        forced=(),
        elastic=False,
        feasibility=False,
        budgets=None,
        prune=True,
        aggregate=True,
    ):
        self.problem = problem
        self.budgets = budgets or {"capital": problem.capital, "revenue": problem.revenue}
        self.elastic = elastic
        years = len(problem.years)
        carry = problem.capital_carry_forward
        prune = prune and not dropped
        self.columns = []
        self.by_candidate = {}
        costs = []
        lower = []
        for candidate in problem.candidates:
            columns = []
            for option, start in candidate.choices():
                if prune and not self._fits_alone(option, start):
                    continue
                columns.append(len(self.columns))
                self.columns.append((candidate.id, option.id, start, option))
                costs.append(0.0 if feasibility or elastic else float(option.value))
                fixed = candidate.committed and ("committed", candidate.id) not in dropped
                lower.append(1.0 if fixed else 0.0)
            self.by_candidate[candidate.id] = columns
        self.extra = {}
        if elastic:
            for kind in BUDGETS:
                for t in range(years):
                    self.extra[(kind, t)] = len(costs)
                    costs.append(-1.0)
                    lower.append(0.0)
        # One variable per candidate with several choices, equal to the sum of its choices:
        # branching on "this candidate or not" splits the search far more evenly than
        # branching on one option and start at a time.
        self.aggregates = {}
        if aggregate:
            for candidate in problem.candidates:
                if len(self.by_candidate[candidate.id]) > 1:
                    self.aggregates[candidate.id] = len(costs)
                    costs.append(0.0)
                    lower.append(0.0)
        self.rows = []
        self.groups = []
        by_id = problem.by_id()
        for candidate_id, y in self.aggregates.items():
            row = dict.fromkeys(self.by_candidate[candidate_id], 1.0)
            row[y] = -1.0
            self._row(("aggregate", candidate_id), 0.0, 0.0, row)
        for candidate in problem.candidates:
            columns = self.by_candidate[candidate.id]
            must = (candidate.mandatory and ("mandatory", candidate.id) not in dropped) or (
                candidate.committed and ("committed", candidate.id) not in dropped
            )
            low = 1.0 if must or candidate.id in forced else 0.0
            self._row(("one", candidate.id), low, 1.0, dict.fromkeys(columns, 1.0))
        for n, group in enumerate(problem.exclusive):
            if ("exclusive", n) not in dropped:
                columns = {j: 1.0 for c in group for j in self.by_candidate[c]}
                self._row(("exclusive", n), -INF, 1.0, columns)
        for candidate in problem.candidates:
            for other in candidate.requires:
                key = ("requires", candidate.id, other)
                if key in dropped:
                    continue
                starts = sorted({self.columns[j][2] for j in self.by_candidate[candidate.id]})
                for start in starts:
                    row = {
                        j: 1.0
                        for j in self.by_candidate[candidate.id]
                        if self.columns[j][2] == start
                    }
                    for j in self.by_candidate[other]:
                        if self.columns[j][2] <= start:
                            row[j] = row.get(j, 0.0) - 1.0
                    self._row(key, -INF, 0.0, row)
        limits = [(kind, self.budgets[kind]) for kind in BUDGETS] + list(problem.resources)
        for kind, limit in limits:
            cumulative = kind == "capital" and carry
            per_year = [{} for _ in range(years)]
            for j, (_, _, start, option) in enumerate(self.columns):
                for t, amount in _profile(problem, option, start, kind).items():
                    per_year[t][j] = float(amount)
            total, running = {}, ZERO
            for t in range(years):
                key = (kind, t) if kind in BUDGETS else ("resource", kind, t)
                if cumulative:
                    for j, amount in per_year[t].items():
                        total[j] = total.get(j, 0.0) + amount
                    running += limit[t]
                    row, bound = dict(total), running
                else:
                    row, bound = dict(per_year[t]), limit[t]
                if key in dropped or not row:
                    continue
                if elastic and kind in BUDGETS:
                    for u in range(t + 1) if cumulative else [t]:
                        row[self.extra[(kind, u)]] = -1.0
                self._row(key, -INF, float(bound), row, scaled=True)
        for theme, limits_ in problem.theme_spend:
            row = {}
            for j, (candidate_id, _, start, option) in enumerate(self.columns):
                if by_id[candidate_id].theme == theme:
                    row[j] = float(_whole_cost(problem, option, start))
            low = limits_.min if ("theme min", theme) not in dropped else None
            high = limits_.max if ("theme max", theme) not in dropped else None
            if low is None and high is None:
                continue
            key = ("theme", theme)
            self._row(
                key,
                -INF if low is None else float(low),
                INF if high is None else float(high),
                row,
                scaled=True,
            )
        if problem.max_above_appetite is not None and ("appetite",) not in dropped:
            row = {
                j: 1.0
                for j, (candidate_id, *_) in enumerate(self.columns)
                if by_id[candidate_id].above_appetite
            }
            self._row(("appetite",), -INF, float(problem.max_above_appetite), row)

        self.highs = highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        highs.setOptionValue("threads", 1)
        count = len(costs)
        upper = [1.0] * len(self.columns) + [INF] * len(self.extra) + [1.0] * len(self.aggregates)
        highs.addVars(count, np.array(lower), np.array(upper))
        if count:
            highs.changeColsCost(count, np.arange(count, dtype=np.int32), np.array(costs))
            integral = self.integral()
            highs.changeColsIntegrality(
                count,
                np.arange(count, dtype=np.int32),
                np.array(integral, dtype=np.uint8),
            )
        starts, indices, values, lows, highs_ = [], [], [], [], []
        for low, high, row in self.rows:
            starts.append(len(indices))
            indices.extend(row)
            values.extend(row.values())
            lows.append(low)
            highs_.append(high)
        if self.rows:
            highs.addRows(
                len(self.rows),
                np.array(lows),
                np.array(highs_),
                len(indices),
                np.array(starts, dtype=np.int32),
                np.array(indices, dtype=np.int32),
                np.array(values),
            )
        highs.changeObjectiveSense(highspy.ObjSense.kMaximize)

    def _fits_alone(self, option, start):
        """False when the choice alone overruns some year's limit (it can never be chosen)."""
        if self.elastic:
            return True
        problem = self.problem
        limits = [(kind, self.budgets[kind]) for kind in BUDGETS] + list(problem.resources)
        for kind, limit in limits:
            profile = _profile(problem, option, start, kind)
            if kind == "capital" and problem.capital_carry_forward:
                used = _cumulative([profile.get(t, ZERO) for t in range(len(problem.years))])
                if any(u > b for u, b in zip(used, _cumulative(limit), strict=True)):
                    return False
            elif any(amount > limit[t] for t, amount in profile.items()):
                return False
        return True

    def _row(self, key, low, high, row, scaled=False):
        row = {j: v for j, v in row.items() if v}
        if scaled:
            # Pounds in the millions beside 0–1 choices: each money row is divided by its
            # largest figure, so HiGHS works with numbers near 1.
            scale = max(
                [abs(v) for v in row.values()]
                + [abs(b) for b in (low, high) if b not in (INF, -INF)]
                + [1.0]
            )
            row = {j: v / scale for j, v in row.items()}
            low = low / scale if low != -INF else low
            high = high / scale if high != INF else high
        self.rows.append((low, high, row))
        self.groups.append(key)

    def integral(self):
        return [1] * len(self.columns) + [0] * len(self.extra) + [1] * len(self.aggregates)

    def warm_start(self, selection):
        index = {(c, o, s): j for j, (c, o, s, _) in enumerate(self.columns)}
        values = [0.0] * (len(self.columns) + len(self.extra) + len(self.aggregates))
        for choice in selection:
            if choice not in index:
                return
            values[index[choice]] = 1.0
            if choice[0] in self.aggregates:
                values[self.aggregates[choice[0]]] = 1.0
        solution = highspy.HighsSolution()
        solution.col_value = values
        solution.value_valid = True
        self.highs.setSolution(solution)

    def solve(self, time_limit, relative_gap=0.0):
        highs = self.highs
        if not self.columns and not self.extra:
            # Nothing can be chosen: HiGHS calls the model empty; the empty selection decides.
            fits = all(low <= 0 <= high for low, high, _ in self.rows)
            status = (
                highspy.HighsModelStatus.kOptimal if fits else highspy.HighsModelStatus.kInfeasible
            )
            return status, fits, [], None, {}
        highs.setOptionValue("time_limit", float(max(time_limit, 0.01)))
        highs.setOptionValue("mip_rel_gap", float(relative_gap))
        highs.run()
        status = highs.getModelStatus()
        info = highs.getInfo()
        has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
        selection = []
        if has_solution:
            values = highs.getSolution().col_value
            selection = [
                (c, o, s) for j, (c, o, s, _) in enumerate(self.columns) if values[j] > 0.5
            ]
        extra = {}
        if has_solution and self.extra:
            values = highs.getSolution().col_value
            extra = {key: values[j] for key, j in self.extra.items()}
        return status, has_solution, selection, info, extra


def _status(status, has_solution):
    if status == highspy.HighsModelStatus.kOptimal:
        return "optimal"
    if status in (
        highspy.HighsModelStatus.kInfeasible,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
    ):
        return "infeasible"
    return "feasible" if has_solution else "time limit"


def optimise(problem, *, time_limit=DEFAULT_TIME_LIMIT, relative_gap=0.0, warm_start=True):
    """The best affordable portfolio, as the planning file's answer."""
    started = time.perf_counter()
    deadline = started + time_limit
    greedy = None
    model = Model(problem)
    if warm_start:
        answers = [ranking(problem, key) for key in RANKINGS]
        guided = _guided(problem, model, time_limit / 4)
        answers.append(_answer(problem, guided, status="feasible", method=GUIDED, seconds=0))
        greedy = max(
            answers, key=lambda a: (a["checked"], a["value"] if a["value"] is not None else 0)
        )
        if greedy["checked"]:
            model.warm_start([(s["id"], s["option"], s["start"]) for s in greedy["selected"]])
    status, has_solution, selection, info, _ = model.solve(
        deadline - time.perf_counter(), relative_gap
    )
    status = _status(status, has_solution)
    seconds = time.perf_counter() - started
    if status == "infeasible":
        if greedy is None:
            greedy = ranking(problem, "value per pound")
        if greedy["checked"]:
            return {
                **greedy,
                "seconds": round(seconds, 3),
                "note": "The solver found no affordable portfolio, but a greedy search found "
                "one that passes the check: this is that portfolio.",
            }
        conflict = explain_infeasible(problem, deadline=time.perf_counter() + time_limit)
        return _answer(
            problem,
            [],
            status="infeasible",
            method="optimiser",
            seconds=time.perf_counter() - started,
            conflict=conflict,
        )
    if status == "time limit":
        return _answer(
            problem,
            [],
            status="time limit",
            method="optimiser",
            seconds=seconds,
            note=f"No affordable portfolio was found within {time_limit:g} seconds.",
        )
    gap = float(info.mip_gap) if info else 0.0
    gap = 0.0 if status == "optimal" and gap < 1e-9 else max(gap, 0.0)
    if not math.isfinite(gap):
        gap = None  # no bound proven yet: how far from the best is unknown
    answer = _answer(
        problem, selection, status=status, method="optimiser", seconds=seconds, gap=gap
    )
    if answer["broken"]:
        fallback = ranking(problem, "score")
        fallback["note"] = (
            "The solver's portfolio failed the check ("
            + " ".join(answer["broken"])
            + ") so this is the ranking method's."
        )
        fallback["seconds"] = round(seconds, 3)
        return fallback
    if status != "optimal" and gap is None:
        answer["note"] = (
            f"Not proven optimal within {time_limit:g} seconds, and how far the best "
            "portfolio found is from the best possible is not yet known."
        )
    elif status != "optimal":
        answer["note"] = (
            f"Not proven optimal within {time_limit:g} seconds: the best portfolio found is "
            f"within {gap:.2%} of the best possible."
        )
    return answer


def _describe(problem, key):
    kind = key[0]
    if kind == "mandatory":
        return f"{key[1]} is mandatory"
    if kind == "committed":
        candidate = problem.candidate(key[1])
        return (
            f"{key[1]} is committed to option {candidate.committed_option} "
            f"starting in {candidate.committed_start}"
        )
    if kind == "requires":
        return f"{key[1]} requires {key[2]}, chosen and starting no later"
    if kind == "exclusive":
        return f"at most one of {', '.join(problem.exclusive[key[1]])}"
    if kind in BUDGETS:
        year = problem.years[key[1]]
        if kind == "capital" and problem.capital_carry_forward:
            return f"the capital budget to {year} (carried forward)"
        return f"the {kind} budget for {year}"
    if kind == "resource":
        return f"the {key[1]} available in {problem.years[key[2]]}"
    if kind == "theme min":
        return f"the minimum spend on {key[1]}"
    if kind == "theme max":
        return f"the maximum spend on {key[1]}"
    return f"at most {problem.max_above_appetite} candidates above appetite"


def _conflict_item(problem, key):
    item = {"constraint": key[0], "text": _describe(problem, key)}
    if key[0] in ("mandatory", "committed"):
        item["id"] = key[1]
    elif key[0] == "requires":
        item["id"], item["requires"] = key[1], key[2]
    elif key[0] in BUDGETS:
        item["year"] = problem.years[key[1]]
    elif key[0] == "resource":
        item["resource"], item["year"] = key[1], problem.years[key[2]]
    elif key[0] in ("theme min", "theme max"):
        item["theme"] = key[1]
    elif key[0] == "exclusive":
        item["group"] = list(problem.exclusive[key[1]])
    return item


def _groups(problem):
    """Demands (what forces a choice) and limits (what bounds one), for the deletion filter."""
    demands = [("committed", c.id) for c in problem.candidates if c.committed]
    demands += [("mandatory", c.id) for c in problem.candidates if c.mandatory]
    demands += [("requires", c.id, r) for c in problem.candidates for r in c.requires]
    demands += [("theme min", t) for t, limits in problem.theme_spend if limits.min]
    limits = [(kind, t) for kind in BUDGETS for t in range(len(problem.years))]
    limits += [
        ("resource", name, t) for name, _ in problem.resources for t in range(len(problem.years))
    ]
    limits += [("exclusive", n) for n in range(len(problem.exclusive))]
    limits += [("theme max", t) for t, limits_ in problem.theme_spend if limits_.max is not None]
    if problem.max_above_appetite is not None:
        limits.append(("appetite",))
    return demands, limits


def _feasible(problem, dropped, deadline, forced=()):
    """True, False, or None when the time ran out before the solver could tell."""
    remaining = deadline - time.perf_counter()
    if remaining <= 0:
        return None
    model = Model(problem, dropped=frozenset(dropped), forced=forced, feasibility=True)
    status, has_solution, *_ = model.solve(remaining)
    if has_solution:
        return True
    if _status(status, has_solution) == "infeasible":
        return False
    return None


def explain_infeasible(problem, *, deadline):
    """What cannot be satisfied together: a minimal conflicting set by deletion filtering
    (each constraint whose removal leaves the rest still infeasible is removed), or, when the
    time runs out, the mandatory and committed candidates and the budget years they overflow."""
    demands, limits = _groups(problem)
    everything = demands + limits
    kept = list(everything)
    for key in everything:
        trial = [k for k in kept if k != key]
        dropped = set(everything) - set(trial)
        feasible = _feasible(problem, dropped, deadline)
        if feasible is None:
            return _rough_conflict(problem)
        if feasible is False:
            kept = trial
    return [_conflict_item(problem, key) for key in kept]


def _rough_conflict(problem):
    """The mandatory and committed candidates, and the years in which their least spend alone
    overruns a budget."""
    forced = [c for c in problem.candidates if c.committed or c.mandatory]
    items = [
        _conflict_item(problem, ("committed" if c.committed else "mandatory", c.id)) for c in forced
    ]
    for kind in BUDGETS:
        least = [ZERO] * len(problem.years)
        for candidate in forced:
            profiles = [_profile(problem, o, s, kind) for o, s in candidate.choices()]
            for t in range(len(problem.years)):
                least[t] += min(p.get(t, ZERO) for p in profiles)
        limit = problem.capital if kind == "capital" else problem.revenue
        if kind == "capital" and problem.capital_carry_forward:
            least, limit = _cumulative(least), _cumulative(limit)
        items += [
            _conflict_item(problem, (kind, t))
            for t in range(len(problem.years))
            if least[t] > limit[t]
        ]
    return items


PENNY = Decimal("0.01")


def _raise_needed(problem, selection):
    """The least increase per year of each budget that lets `selection` through, in Decimal."""
    used = spend(problem, selection)
    raised = {}
    for kind in BUDGETS:
        limit = problem.capital if kind == "capital" else problem.revenue
        if kind == "capital" and problem.capital_carry_forward:
            increases, given = [], ZERO
            for running, budget in zip(_cumulative(used[kind]), _cumulative(limit), strict=True):
                increases.append(max(ZERO, running - budget - given))
                given += increases[-1]
        else:
            increases = [max(ZERO, u - b) for u, b in zip(used[kind], limit, strict=True)]
        raised[kind] = increases
    return raised


def _budgets_plus(problem, increases):
    return {
        kind: tuple(
            b + i
            for b, i in zip(
                problem.capital if kind == "capital" else problem.revenue,
                increases[kind],
                strict=True,
            )
        )
        for kind in BUDGETS
    }


def _why_out(problem, candidate, best_value, deadline):
    """The constraint that keeps a candidate out, and the least budget increase that admits it
    (with it chosen, every constraint holds once the budgets are raised by that much)."""
    item = {"id": candidate.id, "binding": None, "increase": None, "text": None}
    remaining = deadline - time.perf_counter()
    if remaining <= 0:
        item["text"] = "Not explained within the time limit."
        return item
    model = Model(problem, forced=(candidate.id,))
    status, has_solution, selection, *_ = model.solve(remaining)
    if has_solution and not check(problem, selection):
        with_it = value_of(problem, selection)
        proven = _status(status, has_solution) == "optimal"
        item["binding"] = "value"
        item["increase"] = {kind: [ZERO] * len(problem.years) for kind in BUDGETS}
        item["value_with_it"] = with_it
        item["text"] = (
            f"{candidate.id} fits, but the best portfolio with it is worth "
            f"{best_value - with_it}{'' if proven else ' or less'} less."
        )
        return item
    if not has_solution and _status(status, has_solution) != "infeasible":
        item["text"] = "Not explained within the time limit."
        return item
    remaining = deadline - time.perf_counter()
    elastic = Model(problem, forced=(candidate.id,), elastic=True)
    status, has_solution, selection, *_ = elastic.solve(max(remaining, 0))
    if has_solution:
        increase = _raise_needed(problem, selection)
        if not check(problem, selection, budgets=_budgets_plus(problem, increase)):
            item["increase"] = increase
            item["binding"] = [
                _conflict_item(problem, (kind, t))
                for kind in BUDGETS
                for t, amount in enumerate(increase[kind])
                if amount
            ]
            total = sum((sum(v, ZERO) for v in increase.values()), ZERO)
            item["text"] = (
                f"{candidate.id} does not fit: {total} more in "
                + ", ".join(b["text"] for b in item["binding"])
                + " would admit it."
            )
            if _status(status, has_solution) != "optimal":
                item["text"] += " A smaller increase may do."
            return item
    if _status(status, has_solution) != "infeasible":
        item["text"] = "Not explained within the time limit."
        return item
    # No budget increase admits it: name a constraint whose removal would.
    demands, limits = _groups(problem)
    others = [k for k in limits if k[0] not in BUDGETS] + [
        k for k in demands if k[0] != "requires" or candidate.id in k[1:]
    ]
    for key in others:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            break
        trial = Model(problem, forced=(candidate.id,), elastic=True, dropped=frozenset([key]))
        status, has_solution, *_ = trial.solve(remaining)
        if has_solution:
            item["binding"] = [_conflict_item(problem, key)]
            item["text"] = f"No budget increase admits {candidate.id}: {_describe(problem, key)}."
            return item
    item["binding"] = "several"
    item["text"] = f"No budget increase admits {candidate.id}: several constraints keep it out."
    return item


def marginal_values(problem, best_value, selection, *, step=None, deadline):
    """What a pound is worth in each budget year: the value gained by re-solving with that
    year's budget raised by `step`, and lost with it lowered (a mixed-integer problem has no
    reliable dual prices). `step` is a tenth of the year's budget unless given."""
    rows = []
    for kind in BUDGETS:
        limit = problem.capital if kind == "capital" else problem.revenue
        for t, budget in enumerate(limit):
            moved = step if step is not None else (budget / 10).quantize(PENNY)
            row = {"budget": kind, "year": problem.years[t], "step": moved}
            for sign, name in ((1, "gained"), (-1, "lost")):
                amounts = list(limit)
                amounts[t] = max(ZERO, budget + sign * moved)
                budgets = {"capital": problem.capital, "revenue": problem.revenue}
                budgets[kind] = tuple(amounts)
                remaining = deadline - time.perf_counter()
                if remaining <= 0 or not moved:
                    row[name] = None
                    continue
                model = Model(problem, budgets=budgets)
                if sign > 0:
                    model.warm_start(selection)
                solves_left = 2 * (len(BUDGETS) * len(problem.years) - len(rows)) - (sign < 0)
                status, has_solution, chosen, *_ = model.solve(remaining / solves_left)
                if has_solution and not check(problem, chosen, budgets=budgets):
                    change = value_of(problem, chosen) - best_value
                    row[name] = change if sign > 0 else -change
                    row[f"{name}_proven"] = _status(status, has_solution) == "optimal"
                elif _status(status, has_solution) == "infeasible":
                    row[name] = "infeasible"
                else:
                    row[name] = None
            gained = row.get("gained")
            row["per_pound"] = gained / moved if isinstance(gained, Decimal) and moved else None
            rows.append(row)
    return rows


def explain(problem, answer, *, time_limit=DEFAULT_TIME_LIMIT, step=None):
    """Why each left-out candidate is out, and what extra money in each budget year is worth."""
    deadline = time.perf_counter() + time_limit
    if answer["status"] in ("infeasible", "time limit"):
        return {"left_out": [], "marginal": []}
    chosen = {s["id"] for s in answer["selected"]}
    selection = [(s["id"], s["option"], s["start"]) for s in answer["selected"]]
    out = [candidate for candidate in problem.candidates if candidate.id not in chosen]
    # Each left-out candidate gets a fair share of the time, and the marginal values the
    # last share: one slow candidate cannot leave the rest unexplained.
    left_out = []
    for n, candidate in enumerate(out):
        share = (deadline - time.perf_counter()) / (len(out) - n + 1)
        left_out.append(_why_out(problem, candidate, answer["value"], time.perf_counter() + share))
    marginal = marginal_values(problem, answer["value"], selection, step=step, deadline=deadline)
    return {"left_out": left_out, "marginal": marginal}
