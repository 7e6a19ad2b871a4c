"""Every main page runs the same number of queries whatever the size of the organisation.

The benchmark generator builds a small and a larger organisation; a page that queries once per
body, member, version, objective, meeting, agenda item, paper or action (N+1) runs more queries
for the larger one and fails here.
"""

import re
from collections import Counter

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.generate import Size, build_organisation
from benchmarks.run import BACKEND, PAGES, Page, Scene, browse_as

# Every per-row count differs between the two, so a loop over any of them shows up.
SMALL = Size(
    bodies=3,
    people=10,
    memberships=12,
    versions_per_body=3,
    objectives_per_version=3,
    sections_per_version=3,
    approvals_per_version=(1, 1),
    drivers_per_body=(1, 1),
    meeting_years=1,
    items_per_meeting=5,
    actions_per_meeting=2,
    long_agenda_items=20,
    projects=12,
    dependencies=15,
    benefits_per_project=(1, 2),
    realisations_per_benefit=(0, 2),
    products=4,
    risks=10,
    assessments_per_risk=(1, 2),
    strategies=2,
    themes_per_strategy=2,
    objectives_per_theme=(1, 2),
    principles_per_strategy=3,
    scenarios=2,
    kpis=10,
    kpi_years=1,
    legislation=3,
    skills=4,
    teams=2,
    champions=5,
)
LARGE = Size(
    bodies=8,
    people=40,
    memberships=120,
    versions_per_body=6,
    objectives_per_version=10,
    sections_per_version=8,
    approvals_per_version=(3, 3),
    drivers_per_body=(3, 3),
    meeting_years=3,
    items_per_meeting=9,
    actions_per_meeting=6,
    long_agenda_items=180,
    projects=60,
    dependencies=150,
    benefits_per_project=(2, 4),
    realisations_per_benefit=(1, 4),
    products=15,
    risks=140,
    assessments_per_risk=(2, 5),
    strategies=4,
    themes_per_strategy=5,
    objectives_per_theme=(3, 6),
    principles_per_strategy=8,
    scenarios=3,
    kpis=60,
    kpi_years=3,
    legislation=120,
    skills=70,
    teams=5,
    champions=130,
)


def queries_for(client, organisation, role, page):
    client.force_login(browse_as(organisation, page.persona or role), backend=BACKEND)
    url = page.url(Scene.of(organisation))
    # The first request fills process-wide caches (content types, templates); count the next
    # two: the page built from nothing kept in the cache, and the page served from what the
    # cache kept (the meeting's agenda).
    client.get(url)
    counted = Counter()
    for served in ("built", "kept"):
        if served == "built":
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            if response.streaming:  # a download's rows are read as it is written
                b"".join(response.streaming_content)
        assert response.status_code == 200, f"{page.name} ({url}) answered {response.status_code}"
        # Without its literals (ids, slugs), a query repeated once per row shows as one shape.
        counted += Counter(
            f"{served}: " + re.sub(r"'[^']*'|\b\d+\b", "?", query["sql"])
            for query in captured.captured_queries
        )
    return counted


def shorten(sql):
    # The table comes first and the WHERE clause last: keep both.
    return sql if len(sql) < 240 else f"{sql[:100]} … {sql[-130:]}"


@pytest.fixture(scope="module")
def councils(django_db_setup, django_db_blocker):
    """The two councils, built once for the module's tests (building them is most of the
    time) and rolled back after its last: each test runs in a savepoint inside this
    transaction, as Django's TestCase.setUpTestData does."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield (
                build_organisation("small-council", SMALL),
                build_organisation("large-council", LARGE),
            )
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["administrator", "officer"])
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_page_runs_the_same_queries_for_a_larger_organisation(councils, client, page, role):
    small_council, large_council = councils
    small = queries_for(client, small_council, role, page)
    large = queries_for(client, large_council, role, page)

    extra = "\n".join(f"  {n}× more: {shorten(sql)}" for sql, n in (large - small).items())
    small_total, large_total = small.total(), large.total()
    assert small_total == large_total, (
        f"The {page.name} page as {role} ran {small_total} queries for the small organisation "
        f"and {large_total} for the larger one:\n{extra}"
    )


@pytest.mark.django_db
def test_the_scenario_page_is_counted_with_the_meeting_it_was_recommended_to(councils, client):
    """Each council's first scenario is recommended (the generator makes sure it funds a
    project) and its second is not: the scenario page runs the same queries with and without
    the link to the meeting."""
    from steerco.planning.models import Scenario

    _small, large = councils
    first, second = Scene.of(large).scenarios_compared
    assert Scenario.objects.get(pk=first).recommended_at is not None
    assert Scenario.objects.get(pk=second).recommended_at is None

    def scenario_page(pk):
        return Page(
            "scenario",
            lambda s: reverse("planning:scenario", kwargs={"org": s.org, "scenario_pk": pk}),
        )

    recommended = queries_for(client, large, "administrator", scenario_page(first))
    not_recommended = queries_for(client, large, "administrator", scenario_page(second))
    assert sum(recommended.values()) == sum(not_recommended.values())
