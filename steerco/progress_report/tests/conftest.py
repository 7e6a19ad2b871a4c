from datetime import date, time

import pytest

from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import AgendaItem, Decision, Paper, Purpose
from steerco.meetings.tests.conftest import fixed_today  # noqa: F401
from steerco.portfolio import actions as portfolio_actions
from steerco.portfolio.models import Project
from steerco.risks import actions as risk_actions
from steerco.risks.models import RiskCategory
from steerco.risks.tests.conftest import SCORES
from steerco.strategy import actions as strategy_actions
from steerco.strategy.models import Strategy

# The tests run on 1 June 2026 (meetings/tests/conftest.py): the year in progress is 2026/27.
YEAR = 2026


@pytest.fixture
def strategy(organisation, secretary):
    strategy = strategy_actions.save_strategy(
        Strategy(organisation=organisation, title="Digital strategy", starts_in=2024, ends_in=2028),
        by=secretary,
    )
    theme = strategy_actions.add_theme(strategy, name="Digital First", by=secretary)
    strategy_actions.add_objective(strategy, title="Services online", theme=theme, by=secretary)
    return strategy


def project(organisation, secretary, reference, **fields):
    return portfolio_actions.save_project(
        Project(
            organisation=organisation, reference=reference, name=f"Project {reference}", **fields
        ),
        by=secretary,
    )


@pytest.fixture
def decision(organisation, steering_group, secretary):
    meeting = meeting_actions.schedule_meeting(
        steering_group,
        on=date(2026, 5, 12),
        starts_at=time(10),
        by=secretary,
        today=date(2026, 1, 1),
    )
    item = meeting_actions.save_item(
        AgendaItem(meeting=meeting, title="Cloud hosting", purpose=Purpose.DECISION), by=secretary
    )
    return Decision.objects.create(
        organisation=organisation,
        body=steering_group,
        item=item,
        year=2026,
        number=7,
        statement="The move to cloud hosting is approved.",
        outcome=Decision.Outcome.APPROVED,
    )


@pytest.fixture
def risks(organisation, secretary, member):
    technology = RiskCategory.objects.get(organisation=organisation, name="Technology")
    common = {"category": technology, "owner": member, "by": secretary, "scores": SCORES}
    common["controls"] = "Nightly off-site backups"
    return (
        risk_actions.create_risk(organisation, title="Data centre not failed over", **common),
        risk_actions.create_risk(
            organisation,
            title="Supplier in administration",
            restricted=True,
            exemption=Paper.Exemption.COMMERCIAL,
            **common,
        ),
    )
