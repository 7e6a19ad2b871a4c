"""A scenario's recommendation paper (issue 11, §8): the council report, in the format of seeds
003 and 004, that puts an optimised scenario to a meeting and onward to Cabinet. Its front
matter is written here from the scenario's stored answer; the secretary then changes it as any
other report. The legal and equality implications are not the optimiser's to know: they are
left for the report's author to write."""

from decimal import ROUND_HALF_UP, Decimal

from steerco.planning.models import Scenario
from steerco.portfolio.rules.finance import label as financial_year
from steerco.portfolio.templatetags.money import pounds
from steerco.risks.models import Risk
from steerco.risks.queries import with_tolerance

ZERO = Decimal(0)
BUDGET_KINDS = ("capital", "revenue")
TO_BE_WRITTEN = "To be written by the report's author before the agenda is published."


def refusal(scenario):
    """Why the scenario cannot be recommended as it stands, or "" when it can."""
    stored = scenario.last_answer()
    if stored is None:
        return "Optimise the scenario before recommending it."
    if stored.get("version") != scenario.version:
        return (
            "The scenario's inputs have changed since it was optimised: optimise it again "
            "before recommending it."
        )
    if stored["answer"]["status"] not in ("optimal", "feasible"):
        return "The scenario has no affordable portfolio to recommend: change its inputs."
    if not stored["answer"]["selected"]:
        return "The scenario's best portfolio funds no project, so there is nothing to recommend."
    return ""


def linked_risks(organisation, references):
    """The open risks that are not restricted linked to the projects of `references` (or to
    one of their business cases): [(risk, project reference)], each risk with its tolerance."""
    risks = with_tolerance(
        Risk.objects.filter(organisation=organisation, status=Risk.Status.OPEN, restricted=False),
        organisation,
    )
    pairs = set()
    for link in ("projects", "business_cases__project"):
        pairs.update(
            risks.filter(**{f"{link}__reference__in": references}).values_list(
                "pk", f"{link}__reference"
            )
        )
    by_pk = risks.in_bulk({pk for pk, _ in pairs})
    return sorted(
        ((by_pk[pk], reference) for pk, reference in pairs),
        key=lambda pair: (pair[0].number, pair[1]),
    )


def _in_pounds(scenario):
    return not scenario.uploaded and scenario.value_measure != Scenario.Measure.SCORE


def _value(amount, scenario):
    if _in_pounds(scenario):
        return pounds(amount)
    return f"{Decimal(amount).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def _per_cent(more, than):
    if not than:
        return None
    return ((Decimal(more) - Decimal(than)) / abs(Decimal(than)) * 100).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def _measure(scenario):
    if scenario.uploaded:
        return "value as the uploaded planning file measures it"
    return {
        Scenario.Measure.SCORE: "weighted score",
        Scenario.Measure.NPSV: "net present social value (NPSV)",
        Scenario.Measure.RISK_ADJUSTED: "NPSV less the expected loss of the projects' risks",
        Scenario.Measure.BLEND: f"a blend of weighted score ({scenario.score_share}%) and NPSV",
    }[scenario.value_measure]


def _comparison(scenario, stored):
    answer = stored["answer"]
    lines = []
    for name, result in (
        ("ranking by score", stored["ranking"]),
        ("ranking by value per pound", stored.get("ranking_per_pound")),
    ):
        if not result or result["value"] is None or not result["checked"]:
            continue
        more = _per_cent(answer["value"], result["value"])
        lines.append(
            f"{_value(result['value'], scenario)} by {name}"
            + (f" ({more}% more with the optimiser)" if more else "")
        )
    return lines


def paper(scenario, stored, *, by, on, risks):
    """The council report's fields for the scenario's stored answer (`Scenario.last_answer()`),
    written by `by` on `on`; `risks` are `linked_risks` of the projects selected."""
    problem, answer = stored["problem"], stored["answer"]
    years = problem["years"]
    candidates = {c["id"]: c for c in problem["candidates"]}
    option_names = stored.get("option_names", {})
    selected = answer["selected"]
    author = by.get_full_name() or by.get_username()
    period = f"{financial_year(years[0])} to {financial_year(years[-1])}"

    def option_text(choice):
        name = option_names.get(choice["id"], {}).get(choice["option"])
        return f"option {choice['option']}" + (f" ({name})" if name else "")

    def project(candidate_id):
        return f"{candidate_id} {candidates[candidate_id]['name']}"

    budgets = {
        kind: sum((Decimal(a) for a in problem["budgets"][kind]), ZERO) for kind in BUDGET_KINDS
    }
    spent = {kind: sum((Decimal(a) for a in answer["spend"][kind]), ZERO) for kind in BUDGET_KINDS}
    proof = (
        "It is proven to be the best affordable portfolio."
        if answer["status"] == "optimal"
        else "It is the best portfolio found in the time allowed"
        + (
            f", within {_per_cent_of_gap(answer['gap'])}% of the best possible."
            if answer.get("gap") is not None
            else "."
        )
    )
    comparison = _comparison(scenario, stored)
    summary = [
        f"The investment planning scenario {scenario.name} chooses {len(selected)} of the "
        f"{len(candidates)} candidate projects for {period}, worth "
        f"{_value(answer['value'], scenario)} in {_measure(scenario)}"
        + (f", against {' and '.join(comparison)}" if comparison else "")
        + f". {proof}",
        f"The budgets over the {len(years)} years are {pounds(budgets['capital'])} capital and "
        f"{pounds(budgets['revenue'])} revenue; the portfolio recommended uses "
        f"{pounds(spent['capital'])} capital and {pounds(spent['revenue'])} revenue of them.",
    ]
    recommendations = [
        f"Fund {project(choice['id'])} with {option_text(choice)}, starting in "
        f"{financial_year(choice['start'])}."
        for choice in selected
    ]

    financial = [
        "Spend by financial year against each budget, for the projects recommended:",
        *(
            f"{financial_year(year)}: capital {pounds(answer['spend']['capital'][n])} of a "
            f"{pounds(problem['budgets']['capital'][n])} budget; revenue "
            f"{pounds(answer['spend']['revenue'][n])} of a "
            f"{pounds(problem['budgets']['revenue'][n])} budget."
            for n, year in enumerate(years)
        ),
        f"In all: capital {pounds(spent['capital'])} of {pounds(budgets['capital'])}; "
        f"revenue {pounds(spent['revenue'])} of {pounds(budgets['revenue'])}.",
    ]
    if problem.get("capital_carry_forward"):
        financial.append("Capital unspent in a year is carried forward to later years.")

    above = [choice["id"] for choice in selected if candidates[choice["id"]]["above_appetite"]]
    risk = [
        (
            "Projects recommended with a residual risk above the council's appetite: "
            + ", ".join(project(c) for c in above)
            + "."
        )
        if above
        else "No project recommended has a residual risk above the council's appetite."
    ]
    if problem.get("max_above_appetite") is not None:
        risk.append(f"The scenario allows at most {problem['max_above_appetite']} such projects.")
    if risks:
        risk.append("Open risks linked to the projects recommended:")
        risk.extend(
            f"{item.reference} {item.title} ({reference}): current score "
            + (str(item.current_score) if item.current_score is not None else "not assessed")
            + (f" against a tolerance of {item.tolerance}" if item.tolerance is not None else "")
            + "."
            for item, reference in risks
        )
    else:
        risk.append("No open risk that may be published is linked to the projects recommended.")

    detail = ["Projects selected:"]
    detail.extend(
        f"{project(c['id'])}: {option_text(c)}, starting in {financial_year(c['start'])}."
        for c in selected
    )
    left_out = stored["explanation"]["left_out"]
    if left_out:
        detail.append("Candidates left out, and why:")
        detail.extend(f"{project(item['id'])}: {item['text']}" for item in left_out)
    if stored.get("left_out"):
        detail.append("Projects that are not candidates, and why:")
        detail.extend(
            f"{item['reference']} {item['name']}: {item['reason']}" for item in stored["left_out"]
        )
    detail.extend(stored.get("notes", []))

    return {
        "title": f"ICT investment plan: {scenario.name}"[:300],
        "report_of": author[:200],
        "report_date": on,
        "purpose": f"To recommend the ICT projects to fund over {period}, with their options "
        "and start years, within the capital and revenue budgets, for onward recommendation "
        "to Cabinet.",
        "key_decision": False,
        "summary": "\n\n".join(summary),
        "recommendations": "\n".join(recommendations),
        "detail": "\n".join(detail),
        "financial": "\n".join(financial),
        "legal": TO_BE_WRITTEN,
        "equality": TO_BE_WRITTEN,
        "risk": "\n".join(risk),
        "contact_officer": author[:300],
    }


def _per_cent_of_gap(gap):
    return (Decimal(gap) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
