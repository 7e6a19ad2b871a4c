import json
from datetime import date

from django.utils import timezone

from steerco.planning import actions, report
from steerco.planning.rules import optimiser

TODAY = date(2026, 12, 7)


def candidate(reference, value, capital):
    return {
        "id": reference,
        "name": f"Project {reference}",
        "earliest_start": 2027,
        "latest_start": 2027,
        "options": [{"id": "A", "value": value, "capital": [capital], "revenue": [0]}],
    }


# By score the portal (10) is funded and fills the budget; by value per pound the two cheaper
# projects (0.12 and 0.075 a pound) come first and leave the portal out, worth 9; the optimiser
# proves the portal alone, worth 10, the best.
PLANNING_FILE = {
    "years": [2027],
    "budgets": {"capital": [100], "revenue": [0]},
    "candidates": [candidate("P-1", 10, 100), candidate("P-2", 6, 50), candidate("P-3", 3, 40)],
}


def test_the_scenario_page_sets_ranking_by_value_per_pound_beside_score_and_the_optimiser(
    client, secretary, scenario
):
    actions.upload_problem(
        scenario, json.dumps(PLANNING_FILE), name="plan.json", by=secretary, version=None
    )
    actions.run_scenario(scenario, by=secretary, at=timezone.now(), today=TODAY)
    scenario.refresh_from_db()
    stored = scenario.last_answer()
    problem = scenario.uploaded_problem()
    per_pound = optimiser.ranking(problem, "value per pound")
    assert (
        stored["ranking_per_pound"]["selected"]
        == per_pound["selected"]
        == [
            {"id": "P-2", "option": "A", "start": 2027},
            {"id": "P-3", "option": "A", "start": 2027},
        ]
    )

    rows = report.build(stored)

    assert rows["methods"] == [
        {"label": "by score", "value": stored["ranking"]["value"], "checked": True},
        {"label": "by value per pound", "value": per_pound["value"], "checked": True},
    ]
    assert [row["cells"] for row in rows["method_spend"]] == [
        # capital: optimiser, by score, by value per pound; then revenue the same
        [100, 100, 90, 0, 0, 0]
    ]
    assert rows["differ"] == [
        {"id": "P-1", "name": "Project P-1", "cells": ["A, from 2027", "A, from 2027", None]},
        {"id": "P-2", "name": "Project P-2", "cells": [None, None, "A, from 2027"]},
        {"id": "P-3", "name": "Project P-3", "cells": [None, None, "A, from 2027"]},
    ]
    client.force_login(secretary)
    page = client.get(scenario.get_absolute_url()).content.decode()
    assert "Value, ranking by value per pound" in page
    assert "Capital, ranking by value per pound" in page
    assert "Ranking by value per pound</th>" in page


def test_an_answer_kept_before_the_value_per_pound_ranking_shows_the_score_ranking_alone(
    secretary, scenario
):
    actions.upload_problem(
        scenario, json.dumps(PLANNING_FILE), name="plan.json", by=secretary, version=None
    )
    actions.run_scenario(scenario, by=secretary, at=timezone.now(), today=TODAY)
    stored = scenario.last_answer()
    del stored["ranking_per_pound"]

    rows = report.build(stored)

    assert [method["label"] for method in rows["methods"]] == ["by score"]
    assert rows["differ"] == []
