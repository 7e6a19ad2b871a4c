"""What a scenario page shows of a stored answer: rows for the tables, worked out from the
stored JSON alone (no query), so the page keeps a fixed query count."""

from decimal import Decimal

ZERO = Decimal(0)
BUDGET_KINDS = ("capital", "revenue")


def _selected(answer):
    return {s["id"]: s for s in answer["selected"]}


def build(stored):
    """Rows for the scenario page from the stored answer (`Scenario.last_answer()`)."""
    problem = stored["problem"]
    answer = stored["answer"]
    ranking = stored["ranking"]
    names = {c["id"]: c["name"] for c in problem["candidates"]}
    option_names = stored.get("option_names", {})
    years = problem["years"]
    budgets = problem["budgets"]

    def option_label(candidate_id, option_id):
        name = option_names.get(candidate_id, {}).get(option_id)
        return f"{option_id}: {name}" if name else option_id

    def spend_rows(result):
        if result["status"] in ("infeasible", "time limit"):
            return []
        return [
            {
                "year": year,
                **{
                    kind: {"budget": budgets[kind][n], "spent": result["spend"][kind][n]}
                    for kind in BUDGET_KINDS
                },
            }
            for n, year in enumerate(years)
        ]

    chosen, ranked = _selected(answer), _selected(ranking)
    selected = [
        {
            "id": s["id"],
            "name": names[s["id"]],
            "option": option_label(s["id"], s["option"]),
            "start": s["start"],
            "in_ranking": s["id"] in ranked,
        }
        for s in answer["selected"]
    ]
    left_out = []
    for item in stored["explanation"]["left_out"]:
        increase = item.get("increase") or {}
        total = sum((sum(amounts, ZERO) for amounts in increase.values()), ZERO)
        left_out.append(
            {
                "id": item["id"],
                "name": names[item["id"]],
                "text": item["text"],
                "on_value": item.get("binding") == "value",
                "increase": total if total and item.get("binding") != "value" else None,
                "in_ranking": item["id"] in ranked,
            }
        )

    def choice_text(choices, candidate_id):
        choice = choices.get(candidate_id)
        if choice is None:
            return None
        return option_label(candidate_id, choice["option"]) + f", from {choice['start']}"

    # Answers stored before the ranking by value per pound was kept have the score's alone.
    rankings = [("by score", ranking)]
    if stored.get("ranking_per_pound"):
        rankings.append(("by value per pound", stored["ranking_per_pound"]))
    choices = [chosen] + [_selected(result) for _, result in rankings]
    differ = [
        candidate_id
        for candidate_id in names
        if len({choice_text(c, candidate_id) for c in choices}) > 1
    ]
    optimiser_spend = spend_rows(answer)
    method_spend = [spend_rows(result) for _, result in rankings]
    return {
        "years": years,
        "selected": selected,
        "spend": optimiser_spend,
        "left_out": left_out,
        "marginal": stored["explanation"]["marginal"],
        "methods": [
            {"label": label, "value": result["value"], "checked": result["checked"]}
            for label, result in rankings
        ],
        "method_spend": [
            {
                "year": year,
                "cells": [
                    rows[n][kind]["spent"] if rows else None
                    for kind in BUDGET_KINDS
                    for rows in [optimiser_spend, *method_spend]
                ],
            }
            for n, year in enumerate(years)
        ]
        if optimiser_spend
        else [],
        "differ": [
            {
                "id": candidate_id,
                "name": names[candidate_id],
                "cells": [choice_text(c, candidate_id) for c in choices],
            }
            for candidate_id in differ
        ],
        "conflict": [item["text"] for item in answer.get("conflict", [])],
    }


def _choice_text(choice):
    return f"{choice['option']} from {choice['start']}"


def compare(scenarios):
    """Rows comparing the answers of `scenarios` (each with its stored answer, or none)."""
    answered = [(s, s.last_answer()) for s in scenarios]
    columns = [
        {
            "scenario": scenario,
            "answer": stored["answer"] if stored else None,
            "ranking": stored["ranking"] if stored else None,
        }
        for scenario, stored in answered
    ]
    years = sorted(
        {year for _, stored in answered if stored for year in stored["problem"]["years"]}
    )
    spend = []
    for year in years:
        cells = []
        for _, stored in answered:
            problem = stored["problem"] if stored else None
            if (
                not problem
                or year not in problem["years"]
                or stored["answer"]["status"]
                in (
                    "infeasible",
                    "time limit",
                )
            ):
                cells.append(None)
                continue
            n = problem["years"].index(year)
            cells.append(
                {kind: stored["answer"]["spend"][kind][n] for kind in BUDGET_KINDS}
                | {f"{kind}_budget": problem["budgets"][kind][n] for kind in BUDGET_KINDS}
            )
        spend.append({"year": year, "cells": cells})
    names, order = {}, []
    for _, stored in answered:
        for candidate in stored["problem"]["candidates"] if stored else ():
            if candidate["id"] not in names:
                order.append(candidate["id"])
            names[candidate["id"]] = candidate["name"]
    differ = []
    for candidate_id in order:
        cells = []
        for _, stored in answered:
            if not stored:
                cells.append("Not optimised")
            elif candidate_id not in {c["id"] for c in stored["problem"]["candidates"]}:
                cells.append("Not a candidate")
            else:
                chosen = _selected(stored["answer"]).get(candidate_id)
                cells.append(_choice_text(chosen) if chosen else "Left out")
        if len(set(cells)) > 1:
            differ.append({"id": candidate_id, "name": names[candidate_id], "cells": cells})
    return {"columns": columns, "spend": spend, "differ": differ}
