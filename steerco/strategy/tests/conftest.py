from decimal import Decimal

import pytest

from steerco.meetings.models import Decision
from steerco.meetings.tests.conftest import fixed_today, item, meeting  # noqa: F401
from steerco.strategy import actions
from steerco.strategy.models import Strategy


@pytest.fixture
def decision(organisation, steering_group, item):  # noqa: F811
    return Decision.objects.create(
        organisation=organisation,
        body=steering_group,
        item=item,
        year=2031,
        number=1,
        statement="The ICT strategy 2012 to 2017 is approved.",
        outcome=Decision.Outcome.APPROVED,
    )


@pytest.fixture
def strategy(organisation, secretary):
    return actions.save_strategy(
        Strategy(organisation=organisation, title="ICT strategy", starts_in=2012, ends_in=2017),
        by=secretary,
    )


@pytest.fixture
def approved(strategy, decision, secretary):
    return actions.approve_strategy(strategy, decision=decision, by=secretary)


@pytest.fixture
def availability(organisation, secretary, officer):
    """The council's service availability KPI: monthly, at least 99.5%, amber down to 99%,
    owned by the officer."""
    from steerco.strategy.models import KPI

    kpi = KPI.objects.get(organisation=organisation, name="Service availability")
    kpi.target, kpi.tolerance, kpi.owner = Decimal("99.5"), Decimal("0.5"), officer
    return actions.save_kpi(kpi, by=secretary)
