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
EXPONENT = float(os.environ.get("EXP", "0.9"))
NOISE = (float(os.environ.get("LO", "0.4")), float(os.environ.get("HI", "1.6")))
TARGETS = ((Decimal("0.001"), 2.0), (Decimal("0.0001"), 10.0))


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
            candidates[other]["latest_start"] = max(
                candidates[other]["earliest_start"], candidates[n]["latest_start"] - 1
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
        kind: [
            (Decimal("0.4") * sum(amounts) / YEARS).quantize(Decimal(1)) for _ in range(YEARS)
        ]
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
        for target, limit in TARGETS:
            started = time.perf_counter()
            answer = optimiser.optimise(problem, time_limit=limit, relative_gap=float(target))
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


def summarise(count, rows):
    tight = str(TARGETS[-1][0])
    best = [r[tight]["value"] for r in rows]

    def short(key):
        return [
            float((b - r[key]) / b) if r[key] is not None and b else None
            for r, b in zip(rows, best, strict=True)
        ]

    summary = {"candidates": count}
    for target, limit in TARGETS:
        runs = [r[str(target)] for r in rows]
        summary[str(target)] = {
            "median_seconds": statistics.median(r["seconds"] for r in runs),
            "worst_gap": max(r["gap"] if r["gap"] is not None else 1.0 for r in runs),
            "met": sum(
                1 for r in runs if r["gap"] is not None and r["gap"] <= float(target) + 1e-12
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


def print_rows(summaries):
    print(
        f"{'candidates':>10}  {'to 0.1%: median s':>17}  {'worst gap':>9}  "
        f"{'to 0.01%: median s':>18}  {'worst gap':>9}  {'value':>9}  "
        f"{'score ranking short':>19}  {'value/£ ranking short':>21}"
    )
    for s in summaries:
        loose, tight = s[str(TARGETS[0][0])], s[str(TARGETS[1][0])]
        print(
            f"{s['candidates']:>10}  {loose['median_seconds']:>17.2f}  {loose['worst_gap']:>9.4%}  "
            f"{tight['median_seconds']:>18.2f}  {tight['worst_gap']:>9.4%}  {s['value']:>9.0f}  "
            f"{s['score']:>8.1%} (worst {s['score worst']:.1%})  "
            f"{s['value per pound']:>10.1%} (worst {s['value per pound worst']:.1%})"
        )
    if len(summaries) > 1:
        first, last = summaries[0], summaries[-1]
        for target, _ in TARGETS:
            a = first[str(target)]["median_seconds"]
            b = last[str(target)]["median_seconds"]
            print(
                f"Time to {float(target):.2%} grows {b / a:.1f}× from {first['candidates']:,} "
                f"to {last['candidates']:,} candidates."
            )
    for s in summaries:
        for target, limit in TARGETS:
            t = s[str(target)]
            if t["met"] < SEEDS or t["median_seconds"] >= limit:
                print(
                    f"Target missed at {s['candidates']:,}: a gap of {float(target):.2%} within "
                    f"{limit:g} s on {t['met']} of the instances, median {t['median_seconds']:.2f} s."
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
