import json
import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from steerco.planning import actions
from steerco.planning.models import Scenario
from steerco.planning.rules import problem as planning_file

TODAY = date(2026, 12, 7)


def url(name, organisation, **kwargs):
    return reverse(f"planning:{name}", kwargs={"org": organisation.slug, **kwargs})


def scenario_url(name, scenario):
    return url(name, scenario.organisation, scenario_pk=scenario.pk)


FORM = {
    "name": "A 20% cut",
    "first_year": "2027",
    "capital_budgets": "£200,000\n80000\n80,000.50",
    "revenue_budgets": "32000\n32000\n32000",
    "value_measure": "score",
    "score_share": "50",
    "start_window": "2",
    "theme_spend": "Digital: at most £150,000\nDigital: at least 10000",
    "mandatory": "P-002",
    "exclusive": "P-001, P-003",
}


def test_the_secretary_adds_a_scenario_and_optimises_it_beside_the_ranking(
    client, organisation, secretary, portfolio, scoring_model, immediate_tasks,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    client.force_login(secretary)
    response = client.post(url("scenario-create", organisation), FORM)

    scenario = Scenario.objects.get()
    assert response.url == scenario.get_absolute_url()
    assert scenario.capital_budgets == ["200000", "80000", "80000.50"]
    assert scenario.theme_spend == {"Digital": {"min": "10000", "max": "150000"}}
    assert (scenario.mandatory, scenario.exclusive) == (["P-002"], [["P-001", "P-003"]])
    assert scenario.history.get().history_change_reason == "Created the scenario"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(scenario_url("optimise", scenario))
    assert response.url == scenario.get_absolute_url()
    scenario.refresh_from_db()
    assert (scenario.optimising_since, scenario.optimise_failed) == (None, "")
    answer = scenario.last_answer()
    assert answer["answer"]["status"] == "optimal"
    # The mandatory CRM takes 2027's capital: the portal's cheaper option waits a year.
    assert answer["answer"]["selected"] == [
        {"id": "P-001", "option": "B", "start": 2028},
        {"id": "P-002", "option": "A", "start": 2027},
    ]
    assert scenario.answered_by == secretary
    assert scenario.history.first().history_change_reason == "Optimised: optimal"

    page = client.get(scenario.get_absolute_url()).content.decode()
    assert "Optimal: proven to be the best affordable portfolio" in page
    assert "B: Buy" in page
    assert "It serves no objective or theme of the current strategy" in page
    assert "Beside the ranking method" in page
    assert "The inputs have changed since" not in page

    client.post(scenario_url("scenario-edit", scenario), {**FORM, "version": scenario.version})
    page = client.get(scenario.get_absolute_url()).content.decode()
    assert "The inputs have changed since" in page


def test_a_scenario_shows_why_a_project_is_out_and_what_money_is_worth(
    client, organisation, secretary, portfolio, scoring_model, scenario
):
    scenario.capital_budgets = ["100000", "100000", "100000"]
    scenario.save()
    actions.run_scenario(scenario, by=secretary, at=timezone.now(), today=TODAY)
    client.force_login(secretary)

    page = client.get(scenario.get_absolute_url()).content.decode()

    stored = scenario.last_answer()
    assert [s["id"] for s in stored["answer"]["selected"]] == ["P-001"]
    (crm,) = stored["explanation"]["left_out"]
    # £100,000 more in 2027 admits the CRM's £200,000; the portal then starts in 2028.
    assert crm["increase"]["capital"] == [100000, 0, 0]
    assert "£100,000" in page
    assert "What extra money in each year is worth" in page
    assert "Capital, 2027/28" in page


def test_the_scenario_form_refuses_budgets_it_cannot_read_with_a_sentence_for_each(
    client, organisation, secretary
):
    client.force_login(secretary)
    response = client.post(
        url("scenario-create", organisation),
        {
            **FORM,
            "capital_budgets": "lots",
            "revenue_budgets": "1\n2",
            "theme_spend": "Digital 5",
            "exclusive": "P-001",
        },
    )

    errors = response.context["form"].errors
    assert errors["capital_budgets"] == [
        "Enter each capital budget as an amount in pounds, like £900,000, one to a line: "
        "“lots” is not one."
    ]
    assert errors["theme_spend"][0].startswith("Enter each limit of spend per theme")
    assert errors["exclusive"] == [
        "Enter two or more project references on each line of the exclusive groups: "
        "“P-001” has fewer."
    ]
    assert Scenario.objects.count() == 0


def test_mandatory_projects_are_chosen_from_the_candidates_listed_with_their_references(
    client, organisation, secretary, portfolio, scenario
):
    scenario.mandatory = ["P-002", "P-099"]
    scenario.save()
    client.force_login(secretary)

    page = client.get(scenario_url("scenario-edit", scenario))

    html = page.content.decode()
    boxes = re.findall(r'name="mandatory" type="checkbox" value="([^"]+)"( checked)?', html)
    # Every project at proposal, business case or approved stage, and the one named before
    # that is no candidate now, to be taken off.
    assert boxes == [
        ("P-001", ""), ("P-002", " checked"), ("P-003", ""), ("P-004", ""), ("P-005", ""),
        ("P-006", ""), ("P-007", ""), ("P-099", " checked"),
    ]  # fmt: skip
    assert "P-002 CRM</label>" in html
    assert "P-006 Telephony (approved: a candidate when re-planned)</label>" in html
    assert "P-099 (not a candidate now)</label>" in html
    # The exclusive groups box lists the candidates beside their references.
    listed = html[html.index('name="exclusive"') :]
    assert "The candidates and their references" in listed
    assert re.search(r"P-001</td>\s*<td[^>]*>Customer portal</td>", listed)


def test_references_that_are_not_candidates_are_refused_by_name(
    client, organisation, secretary, portfolio
):
    client.force_login(secretary)
    response = client.post(
        url("scenario-create", organisation),
        {**FORM, "mandatory": ["P-002", "P-404"], "exclusive": "P-001, P-998\nP-003, P-999, P-998"},
    )

    errors = response.context["form"].errors
    assert errors["mandatory"] == [
        "Select the mandatory projects from the list: P-404 is not a candidate."
    ]
    assert errors["exclusive"] == [
        "Enter only the references of candidates in the exclusive groups, as listed under the "
        "box: P-998 and P-999 are not candidates."
    ]
    assert Scenario.objects.count() == 0

    response = client.post(
        url("scenario-create", organisation), {**FORM, "exclusive": "P-001, P-9"}
    )
    assert response.context["form"].errors["exclusive"][0].endswith("box: P-9 is not a candidate.")


def test_revenue_budgets_for_other_years_than_the_capital_are_refused(
    client, organisation, secretary
):
    client.force_login(secretary)
    response = client.post(
        url("scenario-create", organisation), {**FORM, "revenue_budgets": "1\n2"}
    )

    assert response.context["form"].errors["revenue_budgets"] == [
        "Enter a revenue budget for each of the 3 years of the capital budgets: there are 2."
    ]


def test_the_planning_file_downloads_and_an_edited_one_uploads(
    client, organisation, secretary, portfolio, scoring_model, scenario
):
    client.force_login(secretary)
    response = client.get(scenario_url("download", scenario))

    assert response["Content-Disposition"] == 'attachment; filename="seed-envelope.json"'
    data = json.loads(response.content)
    assert [c["id"] for c in data["candidates"]] == ["P-001", "P-002"]
    data["budgets"]["capital"] = [1000000, 0, 0]
    response = client.post(
        scenario_url("upload", scenario),
        {"file": SimpleUploadedFile("plan.json", json.dumps(data).encode())},
    )
    assert response.url == scenario.get_absolute_url()
    scenario.refresh_from_db()
    assert scenario.uploaded_problem().capital == (Decimal(1000000), 0, 0)

    actions.run_scenario(scenario, by=secretary, at=timezone.now(), today=TODAY)
    page = client.get(scenario.get_absolute_url()).content.decode()
    assert "From the uploaded planning file plan.json" in page

    client.post(scenario_url("clear-upload", scenario))
    scenario.refresh_from_db()
    assert scenario.uploaded == ""


def test_a_malformed_planning_file_is_refused_naming_the_field_and_nothing_changes(
    client, organisation, secretary, scenario
):
    client.force_login(secretary)
    data = {"years": [2027], "budgets": {"capital": [-1], "revenue": [0]}, "candidates": []}

    response = client.post(
        scenario_url("upload", scenario),
        {"file": SimpleUploadedFile("plan.json", json.dumps(data).encode())},
    )

    assert response.context["form"].errors["file"] == [
        "The file was refused: budgets.capital[0]: cannot be negative."
    ]
    scenario.refresh_from_db()
    assert (scenario.uploaded, scenario.version) == ("", 1)


def test_a_planning_file_that_is_not_json_is_refused(client, organisation, secretary, scenario):
    client.force_login(secretary)

    response = client.post(
        scenario_url("upload", scenario), {"file": SimpleUploadedFile("plan.json", b"{nope")}
    )

    assert response.context["form"].errors["file"] == [
        "The file was refused: file: the file is not valid JSON (line 1): Expecting property "
        "name enclosed in double quotes."
    ]


def test_an_infeasible_scenario_says_what_conflicts(
    organisation, secretary, portfolio, scoring_model, scenario
):
    scenario.mandatory = ["P-002"]
    scenario.capital_budgets = ["1000", "0", "0"]
    scenario.save()

    actions.run_scenario(scenario, by=secretary, at=timezone.now(), today=TODAY)

    answer = scenario.last_answer()["answer"]
    assert answer["status"] == "infeasible"
    assert {item["text"] for item in answer["conflict"]} >= {"P-002 is mandatory"}


def test_saving_a_scenario_with_budgets_of_different_years_is_refused(organisation, secretary):
    with pytest.raises(ValidationError) as refused:
        actions.save_scenario(
            Scenario(
                organisation=organisation, name="Odd", first_year=2027,
                capital_budgets=["1", "2"], revenue_budgets=["1"],
            ),
            by=secretary,
        )  # fmt: skip
    assert refused.value.message_dict == {
        "revenue_budgets": [
            "Enter a revenue budget for each of the 2 years of the capital budgets."
        ]
    }


def test_the_council_reads_scenarios_and_only_their_keepers_change_them(
    client, organisation, officer, outsider, scenario
):
    client.force_login(officer)
    assert client.get(url("scenarios", organisation)).status_code == 200
    assert client.get(scenario.get_absolute_url()).status_code == 200
    assert client.get(scenario_url("download", scenario)).status_code == 200
    assert "Optimise" not in client.get(scenario.get_absolute_url()).content.decode()
    for name in ("scenario-edit", "upload"):
        assert client.get(scenario_url(name, scenario)).status_code == 403
    for name in ("optimise", "clear-upload"):
        assert client.post(scenario_url(name, scenario)).status_code == 403
    assert client.get(url("scenario-create", organisation)).status_code == 403

    client.force_login(outsider)
    assert client.get(url("scenarios", organisation)).status_code == 404
    assert client.get(scenario.get_absolute_url()).status_code == 404


def test_optimising_is_a_post(client, secretary, scenario):
    client.force_login(secretary)
    assert client.get(scenario_url("optimise", scenario)).status_code == 405
    assert client.post(scenario.get_absolute_url()).status_code == 405


def test_the_planning_file_round_trips_amounts_exactly(scenario, portfolio, scoring_model):
    problem, _ = actions.scenario_problem(scenario, today=TODAY)
    text = planning_file.dumps(planning_file.to_dict(problem))
    assert planning_file.parse(text) == problem


def test_the_scenarios_download_is_the_list(client, organisation, secretary, member, scenario):
    from steerco.meetings.tests.test_exports import csv_rows, xlsx_rows

    # 8.30 UTC, written as the page shows it: 9.30 in London's summer time.
    answered = datetime(2026, 7, 1, 8, 30, tzinfo=UTC)
    actions.save_scenario(
        Scenario(
            organisation=organisation, name="+20% capital", first_year=2028,
            capital_budgets=["300000", "120000"], revenue_budgets=["40000", "40000"],
            answered_at=answered, answered_by=secretary,
        ),
        by=secretary,
    )  # fmt: skip
    client.force_login(member)
    page = client.get(url("scenarios", organisation))
    shown = [scenario.name for scenario in page.context["scenarios"]]

    rows = csv_rows(client.get(url("scenarios-csv", organisation)))
    sheet = xlsx_rows(client.get(url("scenarios-xlsx", organisation)))

    assert url("scenarios-xlsx", organisation) in page.content.decode()
    assert sorted(shown) == ["+20% capital", "Seed envelope"]
    assert [row[0] for row in sheet[1:]] == shown
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["'+20% capital"][1:] == ["2028", "2029", "2026-07-01T09:30:00", str(secretary)]
    assert by_name["Seed envelope"][1:] == ["2027", "2029", "Not yet", ""]


def test_the_scenarios_download_is_for_the_councils_people(client, organisation, outsider):
    client.force_login(outsider)
    assert client.get(url("scenarios-csv", organisation)).status_code == 404
