"""Optimising a scenario is the task worker's: the page says it is being optimised and since
when, asks every few seconds whether the answer is ready (htmx), and shows the answer, or why
the attempt failed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from steerco.planning import actions, tasks
from steerco.planning.models import Scenario

POLL = {"HX-Request": "true"}


def optimise_url(scenario):
    return reverse(
        "planning:optimise",
        kwargs={"org": scenario.organisation.slug, "scenario_pk": scenario.pk},
    )


def test_the_page_waits_for_the_worker_and_then_shows_the_answer(
    client, secretary, scenario, portfolio, scoring_model, django_capture_on_commit_callbacks
):
    client.force_login(secretary)

    with django_capture_on_commit_callbacks() as queued:
        client.post(optimise_url(scenario))

    assert len(queued) == 1  # the task is enqueued once the request commits
    scenario.refresh_from_db()
    assert scenario.optimising_since is not None and scenario.answer == ""
    page = client.get(scenario.get_absolute_url()).content.decode()
    assert "The scenario is being optimised, since" in page
    assert 'hx-trigger="every 3s"' in page
    polled = client.get(scenario.get_absolute_url(), headers=POLL)
    assert "<html" not in polled.content.decode()
    assert "The scenario is being optimised, since" in polled.content.decode()

    tasks.optimise_scenario.call(scenario.pk, secretary.pk, scenario.optimising_since.isoformat())

    done = client.get(scenario.get_absolute_url(), headers=POLL)
    assert (done.content, done["HX-Refresh"]) == (b"", "true")
    scenario.refresh_from_db()
    assert scenario.answered_by == secretary
    assert scenario.last_answer()["answer"]["status"] == "optimal"
    page = client.get(scenario.get_absolute_url()).content.decode()
    assert "Optimal: proven to be the best affordable portfolio" in page
    assert "being optimised" not in page


def test_with_an_immediate_worker_the_answer_is_there_on_return(
    client, secretary, scenario, portfolio, scoring_model, immediate_tasks,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    client.force_login(secretary)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(optimise_url(scenario))

    page = client.get(scenario.get_absolute_url()).content.decode()
    assert "Optimal: proven to be the best affordable portfolio" in page
    assert [h.history_change_reason for h in scenario.history.all()[:2]] == [
        "Optimised: optimal",
        "Asked to optimise",
    ]


@pytest.fixture
def overdrawn(organisation, secretary):
    """A scenario whose problem cannot be built: a negative budget."""
    return actions.save_scenario(
        Scenario(
            organisation=organisation, name="Overdrawn", first_year=2027,
            capital_budgets=["-5"], revenue_budgets=["0"],
        ),
        by=secretary,
    )  # fmt: skip


def test_a_failed_attempt_says_why(
    client, secretary, overdrawn, immediate_tasks, django_capture_on_commit_callbacks
):
    scenario = overdrawn
    client.force_login(secretary)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(optimise_url(scenario))

    scenario.refresh_from_db()
    assert scenario.optimising_since is None
    assert scenario.optimise_failed == (
        "The scenario's problem cannot be built: budgets.capital[0]: cannot be negative."
    )
    page = client.get(scenario.get_absolute_url()).content.decode()
    assert "The last attempt to optimise failed: The scenario&#x27;s problem" in page


@pytest.mark.parametrize("outcome", ["answer", "failure"])
def test_an_earlier_attempt_ending_leaves_the_later_one_waited_for(
    secretary, scenario, portfolio, scoring_model, outcome
):
    first = timezone.now()
    later = first + timedelta(seconds=5)
    actions.request_optimise(scenario, by=secretary, at=first)
    actions.request_optimise(scenario, by=secretary, at=later)

    if outcome == "answer":
        actions.run_scenario(
            scenario, by=secretary, at=later, today=first.date(), requested_at=first
        )
    else:
        actions.record_failure(
            scenario, "optimise", reason="HiGHS stopped", by=secretary, requested_at=first
        )

    scenario.refresh_from_db()
    assert (scenario.optimising_since, scenario.optimise_failed) == (later, "")


def test_the_frontier_is_worked_out_by_the_worker_too(
    client, organisation, secretary, scenario, portfolio, scoring_model,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    address = reverse(
        "planning:frontier", kwargs={"org": organisation.slug, "scenario_pk": scenario.pk}
    )
    client.force_login(secretary)

    with django_capture_on_commit_callbacks() as queued:
        client.post(address)

    assert len(queued) == 1
    assert "The efficient frontier is being worked out, since" in (
        client.get(address, headers=POLL).content.decode()
    )
    scenario.refresh_from_db()
    tasks.work_out_frontier.call(scenario.pk, secretary.pk, scenario.frontier_since.isoformat())

    assert client.get(address, headers=POLL)["HX-Refresh"] == "true"
    scenario.refresh_from_db()
    assert len(scenario.last_frontier()["points"]) == 11
    assert (scenario.frontier_since, scenario.optimising_since) == (None, None)


def test_a_failed_frontier_says_why(
    client, organisation, secretary, overdrawn, immediate_tasks, django_capture_on_commit_callbacks
):
    scenario = overdrawn
    address = reverse(
        "planning:frontier", kwargs={"org": organisation.slug, "scenario_pk": scenario.pk}
    )
    client.force_login(secretary)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(address)

    page = client.get(address).content.decode()
    assert "The last attempt to work out the frontier failed: The scenario&#x27;s problem" in page
    assert scenario.history.first().history_change_reason == (
        "Working out the efficient frontier failed"
    )
