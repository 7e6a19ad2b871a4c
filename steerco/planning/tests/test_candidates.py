from datetime import date
from decimal import Decimal

from steerco.planning import candidates
from steerco.planning.models import Scenario
from steerco.portfolio import figures
from steerco.portfolio.models import Project
from steerco.risks import actions as risk_actions

TODAY = date(2026, 12, 7)


def reasons(built):
    return {item.reference: item.reason for item in built.left_out}


def test_the_candidates_are_the_projects_that_serve_the_current_strategy(
    portfolio, scoring_model, scenario
):
    built = candidates.build(scenario, today=TODAY)

    assert [c.id for c in built.problem.candidates] == ["P-001", "P-002"]
    assert reasons(built) == {
        "P-003": "It serves no objective or theme of the current strategy, ICT strategy, "
        "so it cannot be selected.",
        "P-004": "Its business case is restricted, so its figures are not used in scenarios.",
        "P-005": "It has no business case yet.",
        "P-007": "It requires P-003 Intranet refresh, which is left out.",
    }


def test_a_candidate_has_its_business_case_options_costed_from_their_first_year(
    portfolio, scoring_model, scenario
):
    web = candidates.build(scenario, today=TODAY).problem.candidate("P-001")

    build, buy = web.options
    assert (build.id, build.capital, build.revenue) == (
        "A",
        (Decimal(100000), Decimal(0)),
        (Decimal(10000), Decimal(10000)),
    )
    assert (buy.id, buy.capital, buy.revenue) == ("B", (Decimal(60000),), (Decimal(30000),))
    # Weighted score: (2 × 4 + 1 × 3) / 3.
    assert build.value == buy.value == Decimal("3.67")
    assert (web.earliest_start, web.latest_start, web.theme) == (2027, 2029, "Digital")


def test_approved_projects_come_in_committed_with_what_is_left_of_their_profile(
    portfolio, scoring_model, scenario
):
    scenario.include_approved = True
    telephony = candidates.build(scenario, today=TODAY).problem.candidate("P-006")

    assert telephony.committed
    assert (telephony.committed_option, telephony.committed_start) == ("A", 2027)
    # It started in 2026: the plan from 2027 sees only its 2027 revenue.
    assert telephony.options[0].capital == (Decimal(0),)
    assert telephony.options[0].revenue == (Decimal(20000),)


def test_with_no_current_strategy_no_project_is_held_to_one(portfolio, scenario):
    portfolio["strategy"].is_current = False
    portfolio["strategy"].save()
    scenario.value_measure = Scenario.Measure.NPSV

    built = candidates.build(scenario, today=TODAY)

    assert [c.id for c in built.problem.candidates] == ["P-001", "P-002", "P-003", "P-007"]
    assert built.notes == [
        "The council has no current strategy, so no candidate is held to serve one."
    ]
    assert built.problem.candidate("P-007").requires == ("P-003",)


def test_a_project_not_scored_on_every_criterion_has_no_score_to_be_chosen_by(
    portfolio, scoring_model, scenario
):
    scoring_model.criteria.get(name="Deliverability").scores.filter(
        project__reference="P-002"
    ).delete()

    assert reasons(candidates.build(scenario, today=TODAY))["P-002"] == (
        "It has not been scored on every criterion (Deliverability missing)."
    )


def test_npsv_values_each_option_by_its_appraisal(portfolio, scenario):
    scenario.value_measure = Scenario.Measure.NPSV
    problem = candidates.build(scenario, today=TODAY).problem

    # The business case page's NPSV, with optimism bias.
    case = Project.objects.get(reference="P-001").business_cases.get()
    shown = [
        option.appraisal.adjusted.npsv.quantize(Decimal("0.01"))
        for option in figures.case_figures(case, today=TODAY).options
        if not option.option.is_do_nothing
    ]
    assert [option.value for option in problem.candidate("P-001").options] == shown
    assert shown[0] != shown[1]


def test_risk_adjusted_values_take_away_the_expected_loss_of_open_risks_but_not_restricted(
    portfolio, scenario, secretary, category
):
    scores = {
        f"{which}_{part}": 3
        for which in ("inherent", "current", "target")
        for part in ("likelihood", "impact")
    }
    web = Project.objects.get(reference="P-001")
    for title, extra in (("Supplier fails", {}), ("Secret", {"restricted": True,
                                                            "exemption": "security"})):  # fmt: skip
        risk = risk_actions.create_risk(
            scenario.organisation, by=secretary, scores=scores, title=title, category=category,
            owner=secretary, money_impact=Decimal(100000), **extra,
        )  # fmt: skip
        risk.projects.add(web)
    scenario.value_measure = Scenario.Measure.NPSV
    npsv = candidates.build(scenario, today=TODAY).problem.candidate("P-001").options[0].value
    scenario.value_measure = Scenario.Measure.RISK_ADJUSTED

    built = candidates.build(scenario, today=TODAY)

    loss = risk_actions.Risk.objects.get(title="Supplier fails").expected_loss()
    assert built.problem.candidate("P-001").options[0].value == npsv - loss
    assert "restricted risks are not counted" in built.notes[-1]


def test_the_blend_weighs_the_score_against_npsv_in_pounds(portfolio, scoring_model, scenario):
    scenario.value_measure = Scenario.Measure.NPSV
    npsv = {
        c.id: c.options[0].value for c in candidates.build(scenario, today=TODAY).problem.candidates
    }
    scenario.value_measure = Scenario.Measure.BLEND
    scenario.score_share = 100

    blended = candidates.build(scenario, today=TODAY).problem

    scale = max(abs(v) for v in npsv.values())
    assert blended.candidate("P-001").options[0].value == (Decimal("3.67") / 5 * scale).quantize(
        Decimal("0.01")
    )


def test_mandatory_and_exclusive_projects_are_the_scenarios(portfolio, scoring_model, scenario):
    scenario.mandatory = ["P-002"]
    scenario.exclusive = [["P-001", "P-002"], ["P-001", "P-003"]]

    problem = candidates.build(scenario, today=TODAY).problem

    assert problem.candidate("P-002").mandatory
    # A group left with one candidate is no group.
    assert problem.exclusive == (("P-001", "P-002"),)


def test_a_mandatory_project_that_is_no_candidate_is_named(portfolio, scoring_model, scenario):
    scenario.mandatory = ["P-003"]

    built = candidates.build(scenario, today=TODAY)

    assert built.notes == [
        "P-003 is mandatory in this scenario but is not a candidate, so it cannot be funded here."
    ]


def test_an_approved_project_starting_after_the_plan_is_left_out(
    portfolio, scoring_model, scenario
):
    scenario.include_approved = True
    scenario.first_year, scenario.capital_budgets, scenario.revenue_budgets = 2024, ["1"], ["1"]

    built = candidates.build(scenario, today=TODAY)

    assert built.error == ""
    assert reasons(built)["P-006"] == (
        "Its business case starts in 2026, after the plan's last year."
    )
