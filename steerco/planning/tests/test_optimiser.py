from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steerco.planning.rules import optimiser
from steerco.planning.rules.problem import from_dict
from steerco.planning.tests.instances import least_raise, problem_data, problems, search

SOLVING = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def base():
    return {
        "years": [2026, 2027, 2028],
        "budgets": {"capital": [100, 100, 100], "revenue": [50, 50, 50]},
        "candidates": [
            {
                "id": "A",
                "earliest_start": 2026,
                "latest_start": 2027,
                "requires": ["B"],
                "options": [{"id": "X", "value": 10, "capital": [80, 20], "revenue": [5, 5, 5]}],
            },
            {
                "id": "B",
                "earliest_start": 2026,
                "latest_start": 2028,
                "options": [
                    {"id": "X", "value": 3, "capital": [30], "revenue": [10]},
                    {"id": "Y", "value": 4, "capital": [60]},
                ],
            },
            {
                "id": "C",
                "earliest_start": 2026,
                "latest_start": 2026,
                "mandatory": True,
                "options": [{"id": "X", "value": 1, "capital": [50, 50]}],
            },
        ],
        "exclusive": [["A", "C"]],
    }


def selected(answer):
    return [(s["id"], s["option"], s["start"]) for s in answer["selected"]]


def test_the_best_portfolio_keeps_the_mandatory_item_and_its_exclusion():
    answer = optimiser.optimise(from_dict(base()))

    assert answer["status"] == "optimal"
    assert selected(answer) == [("B", "Y", 2028), ("C", "X", 2026)]
    assert answer["value"] == Decimal(5)
    assert answer["spend"]["capital"] == [50, 50, 60]
    assert answer["checked"] is True
    assert answer["gap"] == 0.0


def test_unspent_capital_carried_forward_pays_for_a_later_year():
    data = base()
    data["exclusive"] = []
    data["candidates"][2]["mandatory"] = False
    data["candidates"][0]["options"][0]["capital"] = [150]
    assert selected(optimiser.optimise(from_dict(data)))[0][0] != "A"

    data["capital_carry_forward"] = True
    answer = optimiser.optimise(from_dict(data))

    assert ("A", "X", 2027) in selected(answer)
    assert answer["checked"] is True


def test_the_check_names_every_broken_constraint():
    problem = from_dict(base())

    assert optimiser.check(problem, [("A", "X", 2026), ("C", "X", 2026)]) == [
        "A requires B, which is not chosen.",
        "A and C are mutually exclusive.",
        "The capital spent in 2026 (130) is more than its limit (100).",
    ]
    assert optimiser.check(problem, [("B", "X", 2026)]) == ["C is mandatory and is not chosen."]
    assert optimiser.check(problem, [("C", "Z", 2026)]) == ["C has no option Z."]
    assert optimiser.check(problem, [("C", "X", 2027)]) == [
        "C starts in 2027, outside its start window."
    ]


def test_the_check_holds_themes_resources_the_appetite_cap_and_commitments():
    data = base()
    data["exclusive"] = []
    data["resources"] = {"developers": [1, 1, 1]}
    data["candidates"][1]["options"][0]["use"] = {"developers": [2]}
    data["candidates"][1]["above_appetite"] = True
    data["candidates"][2]["above_appetite"] = True
    data["candidates"][2]["theme"] = "Digital"
    data["candidates"][2]["committed"] = True
    data["candidates"][2]["committed_option"] = "X"
    data["candidates"][2]["committed_start"] = 2026
    data["theme_spend"] = {"Digital": {"min": 200, "max": 20}}
    data["theme_spend"]["Digital"] = {"min": 10, "max": 20}
    data["max_above_appetite"] = 1
    problem = from_dict(data)

    assert optimiser.check(problem, [("B", "X", 2027), ("C", "X", 2026)]) == [
        "The developers spent in 2027 (2) is more than its limit (1).",
        "The spend on Digital (100) is above its maximum (20).",
        "2 chosen candidates are above appetite; at most 1 may be.",
    ]
    assert optimiser.check(problem, []) == [
        "C is committed to option X starting in 2026.",
        "The spend on Digital (0) is below its minimum (10).",
    ]


def test_the_ranking_funds_in_score_order_and_skips_what_does_not_fit():
    data = base()
    data["exclusive"] = []
    data["candidates"][2]["mandatory"] = False
    answer = optimiser.ranking(from_dict(data), "score")

    # A (10) needs B first, which is not yet funded: skipped. B's better option takes 2026's
    # capital from C, which can start only then.
    assert selected(answer) == [("B", "Y", 2026)]
    assert answer["method"] == "ranking by score"


def test_an_infeasible_problem_gets_a_minimal_conflict_not_an_exception():
    data = base()
    data["candidates"][0]["mandatory"] = True
    answer = optimiser.optimise(from_dict(data))

    assert answer["status"] == "infeasible"
    assert answer["selected"] == []
    assert [item["text"] for item in answer["conflict"]] == [
        "A is mandatory",
        "C is mandatory",
        "at most one of A, C",
    ]


def test_an_overflowing_mandatory_item_names_its_budget_year():
    data = base()
    data["candidates"][2]["options"][0]["capital"] = [150]
    answer = optimiser.optimise(from_dict(data))

    assert answer["conflict"] == [
        {"constraint": "mandatory", "id": "C", "text": "C is mandatory"},
        {"constraint": "capital", "year": 2026, "text": "the capital budget for 2026"},
    ]


def test_out_of_time_the_conflict_is_the_forced_items_and_their_overflowing_years():
    data = base()
    data["candidates"][2]["options"][0]["capital"] = [150]
    problem = from_dict(data)

    assert optimiser.explain_infeasible(problem, deadline=0) == [
        {"constraint": "mandatory", "id": "C", "text": "C is mandatory"},
        {"constraint": "capital", "year": 2026, "text": "the capital budget for 2026"},
    ]


def test_a_left_out_candidate_gets_the_least_increase_that_admits_it():
    data = base()
    data["exclusive"] = []
    problem = from_dict(data)
    answer = optimiser.optimise(problem)
    why = optimiser.explain(problem, answer)

    [a] = why["left_out"]
    assert a["id"] == "A"
    # A starting in 2027 (80) beside C's second year (50); B in 2026 beside C's first.
    assert a["increase"]["capital"] == [0, 30, 0]
    assert a["text"] == "A does not fit: 30 more in the capital budget for 2027 would admit it."


def test_a_candidate_that_fits_but_is_worth_less_says_so():
    data = base()
    data["exclusive"] = []
    data["candidates"][2]["mandatory"] = False
    data["candidates"][0]["options"][0]["capital"] = [30]
    data["candidates"][0]["options"][0]["revenue"] = []
    data["candidates"][2]["options"][0]["value"] = -1
    problem = from_dict(data)
    answer = optimiser.optimise(problem)
    why = optimiser.explain(problem, answer)

    assert [w["id"] for w in why["left_out"]] == ["C"]
    assert why["left_out"][0]["binding"] == "value"
    assert why["left_out"][0]["text"] == "C fits, but the best portfolio with it is worth 2 less."


def test_a_pound_is_worth_what_re_solving_with_it_gains():
    data = base()
    data["exclusive"] = []
    problem = from_dict(data)
    answer = optimiser.optimise(problem)
    rows = optimiser.marginal_values(
        problem,
        answer["value"],
        selected(answer),
        step=Decimal(60),
        deadline=optimiser.time.perf_counter() + 10,
    )

    capital_2027 = next(r for r in rows if r["budget"] == "capital" and r["year"] == 2027)
    # With 60 more in 2027, A (10) joins B and C: from 5 to 14.
    assert capital_2027["gained"] == Decimal(9)
    assert capital_2027["per_pound"] == Decimal(9) / 60


@SOLVING
@given(problems())
def test_the_optimiser_agrees_with_exhaustive_search(problem):
    best = search(problem)
    answer = optimiser.optimise(problem)

    if best is None:
        assert answer["status"] == "infeasible"
        assert answer["conflict"]
        return
    assert answer["status"] == "optimal"
    assert answer["value"] == optimiser.value_of(problem, best)
    assert answer["checked"] is True
    assert optimiser.check(problem, selected(answer)) == []
    for key in optimiser.RANKINGS:
        ranked = optimiser.ranking(problem, key)
        if ranked["checked"]:
            assert answer["value"] >= ranked["value"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_candidates=5))
def test_raising_the_budget_by_the_reported_amount_admits_the_candidate(problem):
    answer = optimiser.optimise(problem)
    if answer["status"] != "optimal":
        return
    why = optimiser.explain(problem, answer, time_limit=30)
    for item in why["left_out"]:
        least = least_raise(problem, item["id"])
        if item["increase"] is None:
            assert least is None, item
            continue
        raised = {
            kind: tuple(b + i for b, i in zip(budget, item["increase"][kind], strict=True))
            for kind, budget in (("capital", problem.capital), ("revenue", problem.revenue))
        }
        assert search(problem, forced=(item["id"],), budgets=raised) is not None
        assert sum(sum(v) for v in item["increase"].values()) == least


@st.composite
def infeasible_data(draw):
    data = draw(problem_data(max_candidates=6))
    forced = draw(st.sampled_from(data["candidates"]))
    forced["mandatory"] = True
    forced["options"] = [
        {**o, "capital": [o["capital"][0] if o["capital"] else 0, 1000]} for o in forced["options"]
    ]
    forced["latest_start"] = forced["earliest_start"] = data["years"][0]
    forced.pop("committed", None)
    forced.pop("committed_option", None)
    forced.pop("committed_start", None)
    data["capital_carry_forward"] = False
    return data


@SOLVING
@given(infeasible_data())
def test_an_infeasible_instance_is_explained(data):
    problem = from_dict(data)
    answer = optimiser.optimise(problem, time_limit=5)

    assert answer["status"] == "infeasible"
    assert answer["checked"] is False
    assert answer["conflict"]
    assert all(item["text"] for item in answer["conflict"])
    kinds = {item["constraint"] for item in answer["conflict"]}
    assert kinds & {"mandatory", "committed", "requires", "theme min"}
