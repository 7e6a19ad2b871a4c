"""Small random planning problems and an exhaustive search to judge the optimiser by."""

from decimal import Decimal

from hypothesis import strategies as st

from steerco.planning.rules import optimiser
from steerco.planning.rules.problem import from_dict

FIRST = 2026


@st.composite
def problem_data(draw, max_candidates=8, max_options=2, max_width=1):
    """A planning file's JSON object with every kind of constraint, each drawn or not."""
    years = draw(st.integers(2, 4))
    resources = draw(st.booleans())
    count = draw(st.integers(max(1, max_candidates - 4), max_candidates))
    ids = [f"P-{n:03}" for n in range(count)]
    candidates = []
    for n, candidate_id in enumerate(ids):
        earliest = draw(st.integers(0, years - 1))
        latest = min(years - 1, earliest + draw(st.integers(0, max_width)))
        options = []
        for m in range(draw(st.integers(1, max_options))):
            option = {
                "id": "AB"[m],
                "value": draw(st.integers(-3, 30)),
                "capital": draw(st.lists(st.integers(0, 60), max_size=3)),
                "revenue": draw(st.lists(st.integers(0, 30), max_size=3)),
            }
            if resources:
                option["use"] = {"developers": draw(st.lists(st.integers(0, 4), max_size=3))}
            options.append(option)
        candidate = {
            "id": candidate_id,
            "name": f"Project {n}",
            "theme": draw(st.sampled_from(["Digital", "Infrastructure"])),
            "earliest_start": FIRST + earliest,
            "latest_start": FIRST + latest,
            "mandatory": draw(st.integers(0, 19)) == 0,
            "above_appetite": draw(st.booleans()),
            "requires": draw(
                st.lists(st.sampled_from(ids[:n]), max_size=2, unique=True) if n else st.just([])
            ),
            "options": options,
        }
        if draw(st.integers(0, 19)) == 0:
            candidate["committed"] = True
            candidate["committed_option"] = draw(st.sampled_from([o["id"] for o in options]))
            candidate["committed_start"] = FIRST + draw(st.integers(earliest, latest))
        candidates.append(candidate)
    data = {
        "years": [FIRST + t for t in range(years)],
        "budgets": {
            "capital": draw(st.lists(st.integers(20, 160), min_size=years, max_size=years)),
            "revenue": draw(st.lists(st.integers(10, 80), min_size=years, max_size=years)),
        },
        "capital_carry_forward": draw(st.booleans()),
        "candidates": candidates,
    }
    if resources:
        data["resources"] = {
            "developers": draw(st.lists(st.integers(0, 6), min_size=years, max_size=years))
        }
    if count >= 2 and draw(st.booleans()):
        data["exclusive"] = [
            draw(st.lists(st.sampled_from(ids), min_size=2, max_size=3, unique=True))
        ]
    if draw(st.booleans()):
        low = draw(st.none() | st.none() | st.integers(0, 40))
        high = draw(st.none() | st.integers(low or 0, 300))
        data["theme_spend"] = {"Digital": {"min": low, "max": high}}
    if draw(st.booleans()):
        data["max_above_appetite"] = draw(st.integers(0, 2))
    return data


def problems(**kwargs):
    return problem_data(**kwargs).map(from_dict)


def _prunes(problem, budgets):
    """Per choice, its use of each limited kind per year (cumulative capital when carried)."""
    limits = dict(budgets)
    limits.update(problem.resources)
    carry = problem.capital_carry_forward
    if carry:
        limits["capital"] = optimiser._cumulative(limits["capital"])
    years = len(problem.years)

    def usage(option, start):
        used = {}
        for kind in limits:
            profile = optimiser._profile(problem, option, start, kind)
            row = [profile.get(t, Decimal(0)) for t in range(years)]
            used[kind] = optimiser._cumulative(row) if kind == "capital" and carry else row
        return used

    return limits, usage


def search(problem, *, forced=(), budgets=None):
    """The best selection by exhaustive search, or None when none satisfies every constraint.

    Branches whose spend already overruns a limit, or that cannot beat the best found, are cut;
    every leaf that would improve on the best is judged by `optimiser.check`."""
    budgets = budgets or {"capital": problem.capital, "revenue": problem.revenue}
    limits, usage = _prunes(problem, budgets)
    candidates = problem.candidates
    choices = []
    for candidate in candidates:
        options = [
            (option.id, start, usage(option, start), option.value)
            for option, start in candidate.choices()
        ]
        if not (candidate.mandatory or candidate.committed or candidate.id in forced):
            options.append(None)
        choices.append(options)
    best_after = [Decimal(0)] * (len(candidates) + 1)
    for n in range(len(candidates) - 1, -1, -1):
        gain = max((c[3] for c in choices[n] if c is not None), default=Decimal(0))
        best_after[n] = best_after[n + 1] + max(gain, Decimal(0))
    best = {"value": None, "selection": None}
    zero = {kind: [Decimal(0)] * len(problem.years) for kind in limits}

    def walk(n, used, selection, value):
        if best["value"] is not None and value + best_after[n] <= best["value"]:
            return
        if n == len(candidates):
            if not optimiser.check(problem, selection, budgets=budgets):
                best["value"], best["selection"] = value, list(selection)
            return
        for choice in choices[n]:
            if choice is None:
                walk(n + 1, used, selection, value)
                continue
            option_id, start, more, option_value = choice
            after = {
                kind: [a + b for a, b in zip(used[kind], more[kind], strict=True)] for kind in used
            }
            if any(a > b for kind in after for a, b in zip(after[kind], limits[kind], strict=True)):
                continue
            selection.append((candidates[n].id, option_id, start))
            walk(n + 1, after, selection, value + option_value)
            selection.pop()

    walk(0, zero, [], Decimal(0))
    return best["selection"]


def least_raise(problem, candidate_id):
    """The least total budget increase with which some selection holding the candidate
    satisfies every constraint, by exhaustive search; None when no increase would do."""
    huge = {kind: tuple(Decimal(10**9) for _ in problem.years) for kind in optimiser.BUDGETS}
    least = None
    candidates = problem.candidates

    def walk(n, selection):
        nonlocal least
        if n == len(candidates):
            if not optimiser.check(problem, selection, budgets=huge):
                needed = optimiser._raise_needed(problem, selection)
                total = sum((sum(v, Decimal(0)) for v in needed.values()), Decimal(0))
                least = total if least is None else min(least, total)
            return
        candidate = candidates[n]
        if not (candidate.mandatory or candidate.committed or candidate.id == candidate_id):
            walk(n + 1, selection)
        for option, start in candidate.choices():
            selection.append((candidate.id, option.id, start))
            walk(n + 1, selection)
            selection.pop()

    walk(0, [])
    return least
