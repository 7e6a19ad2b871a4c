import pytest

from steerco.meetings.tests.conftest import (  # noqa: F401
    MEETING_DAY,
    fixed_today,
    item,
    meeting,
    members,
    next_meeting,
)
from steerco.risks import actions
from steerco.risks.models import RiskCategory

SCORES = {
    "inherent_likelihood": 4,
    "inherent_impact": 4,
    "current_likelihood": 3,
    "current_impact": 3,
    "target_likelihood": 2,
    "target_impact": 3,
}


@pytest.fixture
def technology(organisation):
    return RiskCategory.objects.get(organisation=organisation, name="Technology")


@pytest.fixture
def risk(organisation, technology, member, secretary):
    return actions.create_risk(
        organisation,
        by=secretary,
        scores=SCORES,
        title="Disaster recovery site not tested",
        cause="The second data centre has not been failed over to since 2022.",
        category=technology,
        owner=member,
        controls="Nightly off-site backups",
    )
