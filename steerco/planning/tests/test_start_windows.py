"""A project's own start window in a scenario (issue 11, §2): its earliest and latest start
years, in place of its business case's start and the scenario's "years a start may move"."""

from datetime import date

import pytest
from django.urls import reverse

from steerco.planning import candidates
from steerco.planning.forms import ScenarioForm
from steerco.planning.rules import problem as planning_file

TODAY = date(2026, 12, 7)
FORM = {
    "name": "Windows",
    "first_year": "2027",
    "capital_budgets": "200000\n80000\n80000",
    "revenue_budgets": "32000\n32000\n32000",
    "value_measure": "score",
    "score_share": "50",
    "start_window": "0",
}


def form(organisation, windows):
    return ScenarioForm({**FORM, "start_windows": windows}, organisation=organisation)


def test_the_form_reads_a_window_per_project(organisation, portfolio):
    made = form(organisation, "P-001: 2028 to 2029\nP-002: 2027 - 2027")

    assert made.is_valid(), made.errors
    assert made.cleaned_data["start_windows"] == {"P-001": [2028, 2029], "P-002": [2027, 2027]}


@pytest.mark.parametrize(
    ("windows", "message"),
    [
        (
            "P-001: 2029 to 2028",
            "The start window of P-001 ends before it starts: its last year must be 2029 or later.",
        ),
        (
            "P-001: 2028 to 2030",
            "The start window of P-001 must be within the plan's years, 2027 to 2029.",
        ),
        (
            "P-001 from 2028",
            "Enter each start window as the project's reference, a colon and the first and last "
            "years it may start in, like P-001: 2027 to 2029: “P-001 from 2028” is not one.",
        ),
        (
            "P-001: 2027 to 2028\nP-001: 2028 to 2029",
            "Enter one start window for P-001: it has two lines.",
        ),
        (
            "P-001: 2027 to 2028\nP-404: 2027 to 2028\nP-405: 2028 to 2029",
            "Enter start windows only for candidates, whose references are listed under the "
            "exclusive groups box: P-404 and P-405 are not candidates.",
        ),
    ],
)
def test_a_window_that_cannot_be_is_refused_naming_the_project(
    organisation, portfolio, windows, message
):
    made = form(organisation, windows)

    assert made.errors == {"start_windows": [message]}


def test_a_projects_window_replaces_the_scenarios_in_its_problem(
    portfolio, scoring_model, scenario
):
    scenario.start_window = 0
    before = candidates.build(scenario, today=TODAY).problem.candidate("P-001")
    scenario.start_windows = {"P-001": [2028, 2029]}

    built = candidates.build(scenario, today=TODAY)

    assert (before.earliest_start, before.latest_start) == (2027, 2027)
    portal = built.problem.candidate("P-001")
    assert (portal.earliest_start, portal.latest_start) == (2028, 2029)
    # In the planning file too, so a download carries it.
    saved = planning_file.to_dict(built.problem)
    assert [
        (c["earliest_start"], c["latest_start"]) for c in saved["candidates"] if c["id"] == "P-001"
    ] == [(2028, 2029)]


def test_a_window_for_a_project_that_is_no_candidate_is_named(portfolio, scoring_model, scenario):
    scenario.start_windows = {"P-003": [2027, 2028]}

    built = candidates.build(scenario, today=TODAY)

    assert built.notes == ["P-003 has a start window in this scenario but is not a candidate."]


def test_the_secretary_sets_a_window_on_the_page_and_sees_it(
    client, organisation, secretary, portfolio, scenario
):
    client.force_login(secretary)
    edit = reverse(
        "planning:scenario-edit", kwargs={"org": organisation.slug, "scenario_pk": scenario.pk}
    )

    client.post(
        edit,
        {
            **FORM,
            "name": scenario.name,
            "start_windows": "P-001: 2028 to 2029",
            "version": scenario.version,
        },
    )

    scenario.refresh_from_db()
    assert scenario.start_windows == {"P-001": [2028, 2029]}
    page = client.get(scenario.get_absolute_url()).content.decode()
    assert "Start of P-001" in page and "2028/29 to 2029/30" in page
    assert "P-001: 2028 to 2029" in client.get(edit).content.decode()
