from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from steerco.planning import actions, charts
from steerco.planning.models import Scenario

TODAY = date(2026, 12, 7)


def test_two_scenarios_side_by_side_show_value_spend_and_the_projects_that_differ(
    client, organisation, secretary, officer, portfolio, scoring_model, scenario
):
    cut = actions.save_scenario(
        Scenario(
            organisation=organisation, name="A 20% cut", first_year=2027,
            capital_budgets=["160000", "80000", "80000"],
            revenue_budgets=["32000", "32000", "32000"],
        ),
        by=secretary,
    )  # fmt: skip
    for each in (scenario, cut):
        actions.run_scenario(each, by=secretary, at=timezone.now(), today=TODAY)
    client.force_login(officer)

    response = client.get(
        reverse("planning:compare", kwargs={"org": organisation.slug}),
        {"scenarios": [scenario.pk, cut.pk]},
    )

    comparison = response.context["comparison"]
    assert [c["scenario"] for c in comparison["columns"]] == [cut, scenario]
    # The envelope funds both; the cut has no year with the CRM's £200,000 of capital, and
    # the portal's bought option fits in 2029 beside nothing else.
    assert comparison["differ"] == [
        {"id": "P-001", "name": "Customer portal", "cells": ["B from 2029", "A from 2028"]},
        {"id": "P-002", "name": "CRM", "cells": ["Left out", "A from 2027"]},
    ]
    assert comparison["spend"][0] == {
        "year": 2027,
        "cells": [
            {"capital": 0, "revenue": 0, "capital_budget": 160000, "revenue_budget": 32000},
            {"capital": 200000, "revenue": 0, "capital_budget": 250000, "revenue_budget": 40000},
        ],
    }
    page = response.content.decode()
    assert "Projects chosen differently" in page
    assert "A 20% cut: capital" in page


def test_comparing_one_scenario_asks_for_two(client, organisation, secretary, scenario):
    client.force_login(secretary)

    response = client.get(
        reverse("planning:compare", kwargs={"org": organisation.slug}), {"scenarios": scenario.pk}
    )

    assert response.context["form"].errors["scenarios"] == [
        "Select two or more scenarios to compare."
    ]
    assert response.context["comparison"] is None


def test_the_frontier_rises_with_the_budget_and_is_drawn_beside_its_table(
    client, organisation, secretary, officer, portfolio, scoring_model, scenario,
    immediate_tasks, django_capture_on_commit_callbacks,
):  # fmt: skip
    client.force_login(officer)
    frontier_url = reverse(
        "planning:frontier", kwargs={"org": organisation.slug, "scenario_pk": scenario.pk}
    )
    assert client.post(frontier_url).status_code == 403
    client.force_login(secretary)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(frontier_url)

    assert response.url == frontier_url
    scenario.refresh_from_db()
    points = scenario.last_frontier()["points"]
    assert [p["factor"] for p in points][:2] == [Decimal("0.5"), Decimal("0.6")]
    assert len(points) == 11
    values = [p["value"] for p in points]
    assert values == sorted(values)
    assert all(p["status"] == "optimal" for p in points)
    # Half the envelope (£285,000 of capital and revenue) funds one project; all of it, two.
    assert (points[0]["budget"], len(points[0]["selected"])) == (Decimal("285000"), 1)
    assert len(points[5]["selected"]) == 2
    page = client.get(frontier_url).content.decode()
    assert page.count("<circle") == 11
    assert "Best value for each total budget" in page


def test_a_frontier_chart_puts_the_largest_budget_right_and_the_best_value_top():
    points = [
        {"budget": Decimal(100), "value": Decimal(1)},
        {"budget": Decimal(300), "value": Decimal(4)},
        {"budget": Decimal(200), "value": None},
    ]

    chart = charts.frontier_chart(points, in_pounds=False)

    assert [(p.x, p.y) for p in chart.points] == [(72, 198.0), (624, 12.0)]
    assert chart.segments == (charts.Segment(72, 198.0, 624, 12.0),)
    assert [t.text for t in chart.y_ticks] == ["0", "1", "2", "3", "4"]
