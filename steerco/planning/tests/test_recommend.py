import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from steerco import permissions
from steerco.documents.models import CouncilReport
from steerco.governance.models import Body, Membership
from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import AgendaItem, Purpose
from steerco.meetings.tests.conftest import MEETING_DAY
from steerco.planning import actions
from steerco.planning.models import Scenario
from steerco.portfolio.models import Project
from steerco.portfolio.rules.finance import label as financial_year
from steerco.portfolio.templatetags.money import pounds
from steerco.risks import actions as risk_actions

PLAN_DAY = date(2026, 12, 7)
SCORES = {
    f"{which}_{part}": 3
    for which in ("inherent", "current", "target")
    for part in ("likelihood", "impact")
}


def recommend_url(scenario):
    return reverse(
        "planning:recommend", kwargs={"org": scenario.organisation.slug, "scenario_pk": scenario.pk}
    )


def optimise(scenario, by):
    actions.run_scenario(scenario, by=by, at=timezone.now(), today=PLAN_DAY)
    scenario.refresh_from_db()
    return scenario.last_answer()


@pytest.fixture
def standing_item(meeting, secretary):
    return meeting_actions.save_item(
        AgendaItem(meeting=meeting, title="Highlight reports", purpose=Purpose.INFORMATION),
        by=secretary,
    )


@pytest.fixture
def linked_risks(organisation, secretary, category, portfolio):
    """On the customer portal: an open risk, and a restricted one whose title must not go into
    a report the agenda may publish. On the CRM: another open risk."""
    made = {}
    for title, reference, extra in (
        ("Supplier fails", "P-001", {}),
        ("Secret firewall gap", "P-001", {"restricted": True, "exemption": "security"}),
        ("Data migration slips", "P-002", {}),
    ):
        risk = risk_actions.create_risk(
            organisation, by=secretary, scores=SCORES, title=title, category=category,
            owner=secretary, **extra,
        )  # fmt: skip
        risk.projects.add(Project.objects.get(reference=reference))
        made[title] = (risk, reference)
    # Also on the intranet refresh, which is not a candidate: it is not named for it.
    made["Supplier fails"][0].projects.add(Project.objects.get(reference="P-003"))
    return made


def test_the_secretary_recommends_an_optimised_scenario_and_its_report_holds_its_figures(
    client, fixed_today, secretary, portfolio, scoring_model, scenario, meeting, standing_item,
    linked_risks,
):  # fmt: skip
    stored = optimise(scenario, secretary)
    answer, problem = stored["answer"], stored["problem"]
    client.force_login(secretary)
    assert "Recommend to a meeting" in client.get(scenario.get_absolute_url()).content.decode()
    assert client.get(recommend_url(scenario)).status_code == 200

    response = client.post(recommend_url(scenario), {"meeting": meeting.pk})

    assert response.url == scenario.get_absolute_url()
    item = meeting.items.order_by("position").last()
    assert (item.position, item.title, item.purpose) == (
        standing_item.position + 1,
        "ICT investment plan: Seed envelope",
        Purpose.DECISION,
    )
    report = CouncilReport.objects.get(item=item)
    names = {c["id"]: c["name"] for c in problem["candidates"]}
    assert report.recommendation_list == [
        f"Fund {c['id']} {names[c['id']]} with option {c['option']} "
        f"({stored['option_names'][c['id']][c['option']]}), starting in "
        f"{financial_year(c['start'])}."
        for c in answer["selected"]
    ]
    assert report.recommendation_list  # the fixture's budgets fund something
    value = f"{Decimal(answer['value']).quantize(Decimal('0.01')):,}"
    ranked = f"{Decimal(stored['ranking']['value']).quantize(Decimal('0.01')):,}"
    assert f"worth {value} in weighted score" in report.summary
    assert f"{ranked} by ranking by score" in report.summary
    assert f"{pounds(sum(Decimal(a) for a in problem['budgets']['capital']))} capital" in (
        report.summary
    )
    financial = report.financial.splitlines()
    for n, year in enumerate(problem["years"]):
        assert (
            f"{financial_year(year)}: capital {pounds(answer['spend']['capital'][n])} of a "
            f"{pounds(problem['budgets']['capital'][n])} budget; revenue "
            f"{pounds(answer['spend']['revenue'][n])} of a "
            f"{pounds(problem['budgets']['revenue'][n])} budget."
        ) in financial
    chosen = {c["id"] for c in answer["selected"]}
    for title, (risk, linked) in linked_risks.items():
        shown = f"{risk.reference} {title} ({linked})" in report.risk
        assert shown == (linked in chosen and not risk.restricted), title
    assert "(P-003)" not in report.risk
    assert "Secret firewall gap" not in report.risk + report.detail + report.summary
    for left in stored["explanation"]["left_out"]:
        assert f"{left['id']} {names[left['id']]}: {left['text']}" in report.detail
    for left in stored["left_out"]:
        assert f"{left['reference']} {left['name']}: {left['reason']}" in report.detail

    scenario.refresh_from_db()
    assert scenario.recommended_at == item
    assert scenario.history.first().history_change_reason == (
        f"Recommended to {meeting.body} on {meeting.on:%-d %B %Y}"
    )
    page = client.get(scenario.get_absolute_url()).content.decode()
    assert item.get_absolute_url() in page
    # Recording the recommendation changes no input: the answer is still the current one.
    assert "The inputs have changed since" not in page

    pdf = client.get(
        reverse(
            "documents:council-report-pdf",
            kwargs={"org": scenario.organisation.slug, "item_pk": item.pk},
        )
    )
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf.content)).pages
    )
    for line in report.recommendation_list:
        assert " ".join(line.split()) in text


def test_a_scenario_not_optimised_or_changed_since_is_refused_with_a_message(
    client, fixed_today, secretary, portfolio, scoring_model, scenario, meeting
):
    before = meeting.items.count()
    client.force_login(secretary)
    response = client.post(recommend_url(scenario), {"meeting": meeting.pk}, follow=True)
    assert "Optimise the scenario before recommending it." in response.content.decode()
    assert "Recommend to a meeting" not in response.content.decode()

    optimise(scenario, secretary)
    scenario.start_window = 1
    actions.save_scenario(scenario, by=secretary, version=scenario.version)

    response = client.post(recommend_url(scenario), {"meeting": meeting.pk}, follow=True)
    assert "The scenario&#x27;s inputs have changed since it was optimised" in (
        response.content.decode()
    )
    with pytest.raises(ValidationError, match="inputs have changed since"):
        actions.recommend(scenario, meeting=meeting, by=secretary, today=fixed_today)
    assert meeting.items.count() == before
    assert not CouncilReport.objects.exists()


def test_an_officer_who_does_not_keep_scenarios_may_not_recommend_one(
    client, fixed_today, officer, secretary, portfolio, scoring_model, scenario, meeting
):
    optimise(scenario, secretary)
    before = meeting.items.count()
    client.force_login(officer)

    assert "Recommend to a meeting" not in client.get(scenario.get_absolute_url()).content.decode()
    assert client.get(recommend_url(scenario)).status_code == 403
    assert client.post(recommend_url(scenario), {"meeting": meeting.pk}).status_code == 403
    assert meeting.items.count() == before


def test_another_bodys_secretary_keeps_scenarios_but_may_not_add_to_this_agenda(
    client, fixed_today, make_person, organisation, secretary, portfolio, scoring_model,
    scenario, meeting,
):  # fmt: skip
    board = Body.objects.create(organisation=organisation, name="Project board")
    other = make_person("board-secretary", organisation, name="Bo Baker")
    Membership.objects.create(
        organisation=organisation, body=board, person=other, role=Membership.Role.SECRETARY,
        starts_on=date(2025, 1, 1),
    )  # fmt: skip
    optimise(scenario, secretary)
    before = meeting.items.count()
    assert permissions.can_manage_scenarios(other, organisation, fixed_today)
    assert not permissions.can_recommend_scenario(other, meeting, fixed_today)
    assert permissions.can_recommend_scenario(secretary, meeting, fixed_today)
    client.force_login(other)

    page = client.get(recommend_url(scenario)).content.decode()
    assert meeting.body.name not in page
    assert "No meeting is still to come of a body whose agenda you keep" in page
    response = client.post(recommend_url(scenario), {"meeting": meeting.pk})
    assert "Select the meeting." in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        actions.recommend(scenario, meeting=meeting, by=other, today=fixed_today)
    assert refused.value.message_dict == {
        "meeting": ["Select a meeting of a body whose agenda you keep."]
    }
    assert meeting.items.count() == before


def test_a_cancelled_or_past_meeting_is_refused(
    fixed_today, secretary, portfolio, scoring_model, scenario, meeting
):
    optimise(scenario, secretary)
    before = meeting.items.count()
    with pytest.raises(ValidationError) as refused:
        actions.recommend(
            scenario, meeting=meeting, by=secretary, today=MEETING_DAY.replace(day=12)
        )
    assert refused.value.message_dict == {
        "meeting": ["Select a meeting still to come that is not cancelled."]
    }
    meeting_actions.cancel_meeting(meeting, reason="No business", by=secretary)
    with pytest.raises(ValidationError):
        actions.recommend(scenario, meeting=meeting, by=secretary, today=fixed_today)
    assert meeting.items.count() == before


def test_recommending_is_a_form_a_get_shows(client, fixed_today, secretary, scenario, meeting):
    client.force_login(secretary)
    assert client.put(recommend_url(scenario)).status_code == 405


def test_a_portfolio_that_funds_nothing_is_not_recommended(
    fixed_today, secretary, scenario, meeting
):
    too_dear = {
        "years": [2027],
        "budgets": {"capital": [100], "revenue": [0]},
        "candidates": [
            {"id": "P-1", "name": "Portal", "earliest_start": 2027, "latest_start": 2027,
             "options": [{"id": "A", "value": 5, "capital": [500], "revenue": [0]}]}
        ],
    }  # fmt: skip
    actions.upload_problem(scenario, json.dumps(too_dear), name="plan.json", by=secretary)
    assert optimise(scenario, secretary)["answer"]["selected"] == []
    before = meeting.items.count()

    with pytest.raises(ValidationError) as refused:
        actions.recommend(scenario, meeting=meeting, by=secretary, today=fixed_today)

    assert refused.value.messages == [
        "The scenario's best portfolio funds no project, so there is nothing to recommend."
    ]
    assert meeting.items.count() == before


def test_a_value_in_pounds_is_reported_in_pounds(
    fixed_today, secretary, portfolio, scenario, meeting
):
    # Neither NPSV is positive: the CRM is funded because it is mandatory.
    scenario.value_measure = Scenario.Measure.NPSV
    scenario.mandatory = ["P-002"]
    actions.save_scenario(scenario, by=secretary, version=scenario.version)
    stored = optimise(scenario, secretary)

    actions.recommend(scenario, meeting=meeting, by=secretary, today=fixed_today)

    report = CouncilReport.objects.get(item=meeting.items.order_by("position").last())
    assert (
        f"worth {pounds(stored['answer']['value'])} in net present social value (NPSV), "
        f"against {pounds(stored['ranking']['value'])} by ranking by score"
    ) in report.summary
