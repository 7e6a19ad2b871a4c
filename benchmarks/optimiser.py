"""The investment planning optimiser against the ranking methods, for `make bench`.

Generated instances like a council's (issue 11): 100, 500 and 1,000 candidates, 1–2 options
each, a 10-year horizon, capital and revenue budgets near 40% of demand, 30% of candidates in
"requires" links, exclusive groups, 5% mandatory, start windows of up to 3 years. Five instances
(seeds) per size; each is solved to a proven gap of 0.1% and of 0.01% (10 s limit each), and
the median time and worst proven gap are printed beside the value of the ranking by score and
by value per pound. Pure Python: no database.

    .venv/bin/python -m benchmarks.optimiser [--sizes 100,500,1000] [--seeds 5]
"""

import argparse
import os
import random
import statistics
import time
from decimal import Decimal

SIZES = (100, 500, 1000)
SEEDS = 5
YEARS = 10
FIRST = 2026
# A candidate's value grows a little slower than its cost, give or take 60%.
EXPONENT = 0.9
NOISE = (0.4, 1.6)
# (proven gap, target seconds at 1,000 candidates); each solve may take TIME_LIMIT.
TARGETS = ((Decimal("0.001"), 2.0), (Decimal("0.0001"), 10.0))
TIME_LIMIT = 10.0


def instance(count, seed):
    """A planning file's JSON object (amounts as Decimal)."""
    rng = random.Random(f"planning-{count}-{seed}")
    candidates = []
    for n in range(count):
        earliest = rng.randrange(0, 7)
        latest = min(YEARS - 1, earliest + rng.randrange(0, 3))
        build = rng.randint(1, 3)
        capital_total = rng.randrange(50, 2000) * 1000
        running = rng.randrange(10, 200) * 1000
        capital = [Decimal(capital_total // build)] * build
        revenue = [Decimal(running // 2)] * build + [Decimal(running)] * rng.randint(2, 6)
        cost = capital_total + running * 4
        value = Decimal(str(round((cost / 1000) ** EXPONENT * rng.uniform(*NOISE), 1)))
        options = [{"id": "A", "value": value, "capital": capital, "revenue": revenue}]
        if rng.random() < 0.5:
            scale = rng.uniform(0.5, 0.8)
            options.append(
                {
                    "id": "B",
                    "value": Decimal(str(round(float(value) * rng.uniform(0.5, 0.9), 1))),
                    "capital": [Decimal(int(a * Decimal(scale))) for a in capital],
                    "revenue": [Decimal(int(a * Decimal(scale))) for a in revenue],
                }
            )
        mandatory = rng.random() < 0.05
        candidates.append(
            {
                "id": f"P-{n:04}",
                "name": f"Project {n}",
                "theme": rng.choice(["Digital", "Infrastructure", "Information", "Workforce"]),
                "mandatory": mandatory,
                "earliest_start": FIRST + (min(earliest, 2) if mandatory else earliest),
                "latest_start": FIRST + (min(latest, 4) if mandatory else latest),
                "requires": [],
                "options": options,
            }
        )
    # 30% of candidates in a "requires" link: each link joins two, a later one requiring an
    # earlier one; what a mandatory candidate requires is mandatory too, early enough.
    linked = sorted(rng.sample(range(1, count), k=int(count * 0.15)), reverse=True)
    for n in linked:
        other = rng.randrange(0, n)
        candidates[n]["requires"].append(candidates[other]["id"])
        if candidates[n]["mandatory"]:
            candidates[other]["mandatory"] = True
            candidates[other]["earliest_start"] = FIRST + 0
            # A window of up to 3 years that opens no later than the requiring one's.
            candidates[other]["latest_start"] = FIRST + min(
                2, max(0, candidates[n]["latest_start"] - FIRST - 1)
            )
    free = [c["id"] for c in candidates if not c["mandatory"]]
    rng.shuffle(free)
    exclusive = [free[k : k + 2] for k in range(0, min(len(free), count // 5), 2)]
    demand = {"capital": [Decimal(0)] * YEARS, "revenue": [Decimal(0)] * YEARS}
    for c in candidates:
        option = c["options"][0]
        start = c["earliest_start"] - FIRST
        for kind in demand:
            for k, amount in enumerate(option[kind]):
                if start + k < YEARS:
                    demand[kind][start + k] += amount
    budgets = {
        kind: [(Decimal("0.4") * sum(amounts) / YEARS).quantize(Decimal(1)) for _ in range(YEARS)]
        for kind, amounts in demand.items()
    }
    return {
        "years": [FIRST + t for t in range(YEARS)],
        "budgets": budgets,
        "capital_carry_forward": False,
        "candidates": candidates,
        "exclusive": exclusive,
    }


def measure(count, seeds):
    from steerco.planning.rules import optimiser
    from steerco.planning.rules.problem import from_dict

    rows = []
    for seed in range(seeds):
        problem = from_dict(instance(count, seed))
        row = {"seed": seed}
        for target, _ in TARGETS:
            started = time.perf_counter()
            answer = optimiser.optimise(problem, time_limit=TIME_LIMIT, relative_gap=float(target))
            row[str(target)] = {
                "seconds": time.perf_counter() - started,
                "gap": answer["gap"],
                "status": answer["status"],
                "value": answer["value"],
                "checked": answer["checked"],
            }
        for key in optimiser.RANKINGS:
            ranked = optimiser.ranking(problem, key)
            row[key] = ranked["value"] if ranked["checked"] else None
        rows.append(row)
    return rows


def _gap(run):
    gap = run["gap"]
    return 1.0 if gap is None or gap == float("inf") else gap


def summarise(count, rows):
    tight = str(TARGETS[-1][0])
    best = [max(r[str(t)]["value"] for t, _ in TARGETS) for r in rows]

    def short(key):
        return [
            float((b - r[key]) / b) if r[key] is not None and b else None
            for r, b in zip(rows, best, strict=True)
        ]

    summary = {"candidates": count, "instances": len(rows), "tight": tight}
    for target, limit in TARGETS:
        runs = [r[str(target)] for r in rows]
        summary[str(target)] = {
            "median_seconds": statistics.median(r["seconds"] for r in runs),
            "median_gap": statistics.median(_gap(r) for r in runs),
            "worst_gap": max(_gap(r) for r in runs),
            # Reached the gap within the target's seconds.
            "met": sum(
                1 for r in runs if _gap(r) <= float(target) + 1e-12 and r["seconds"] <= limit
            ),
            "limit": limit,
            "all_checked": all(r["checked"] for r in runs),
        }
    for key in ("score", "value per pound"):
        shortfalls = [s for s in short(key) if s is not None]
        summary[key] = statistics.mean(shortfalls) if shortfalls else None
        summary[f"{key} worst"] = max(shortfalls) if shortfalls else None
    summary["value"] = statistics.median(float(v) for v in best)
    return summary


def _short(summary, key):
    if summary[key] is None:
        return "no portfolio"
    return f"{summary[key]:.1%} (worst {summary[f'{key} worst']:.1%})"


def print_rows(summaries):
    loose_target, tight_target = (str(t) for t, _ in TARGETS)
    print(
        f"Median of {summaries[0]['instances']} instances; each solve may take {TIME_LIMIT:g} s "
        "and stops at the gap asked for. Shortfalls are the rankings' against the best found."
    )
    print(
        f"{'candidates':>10}  {'0.1%: median s':>14}  {'gap (median/worst)':>19}  "
        f"{'0.01%: median s':>15}  {'gap (median/worst)':>19}  {'value':>9}  "
        f"{'score ranking short':>21}  {'value/£ ranking short':>21}"
    )
    for s in summaries:
        loose, tight = s[loose_target], s[tight_target]
        print(
            f"{s['candidates']:>10}  {loose['median_seconds']:>14.2f}  "
            f"{loose['median_gap']:>9.3%}/{loose['worst_gap']:<9.3%}  "
            f"{tight['median_seconds']:>15.2f}  "
            f"{tight['median_gap']:>9.3%}/{tight['worst_gap']:<9.3%}  {s['value']:>9.0f}  "
            f"{_short(s, 'score'):>21}  {_short(s, 'value per pound'):>21}"
        )
    if len(summaries) > 1:
        first, last = summaries[0], summaries[-1]
        for target, _ in TARGETS:
            a = first[str(target)]["median_seconds"]
            b = last[str(target)]["median_seconds"]
            print(
                f"Median time asked for {float(target):.2%} grows {b / a:.1f}× from "
                f"{first['candidates']:,} to {last['candidates']:,} candidates."
            )
    for s in summaries:
        for target, limit in TARGETS:
            t = s[str(target)]
            if s["candidates"] == 1000:
                verdict = "met" if 2 * t["met"] > s["instances"] else "MISSED"
                print(
                    f"Target at 1,000 candidates, a proven gap of {float(target):.2%} in under "
                    f"{limit:g} s: {verdict} ({t['met']} of {s['instances']} instances)."
                )
            if not t["all_checked"]:
                print(f"A selection at {s['candidates']:,} failed the check.")


def run(sizes=SIZES, seeds=SEEDS):
    summaries = []
    for count in sizes:
        print(f"  {count} candidates…", flush=True)
        summaries.append(summarise(count, measure(count, seeds)))
    return summaries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--seeds", type=int, default=SEEDS)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print("Investment planning optimiser:", flush=True)
    summaries = run(sizes, args.seeds)
    print()
    print_rows(summaries)
    print("\nLoad average (1, 5, 15 minutes): " + ", ".join(f"{n:.2f}" for n in os.getloadavg()))


if __name__ == "__main__":
    main()
