import pytest

# The meeting cycle's fixtures: submissions go onto its agendas.
from steerco.meetings.tests.conftest import (  # noqa: F401
    fixed_today,
    media_root,
    meeting,
    members,
    next_meeting,
)
from steerco.portfolio.models import Project


@pytest.fixture
def project(organisation, officer):
    """A project in delivery managed by the officer (a test module may give its own)."""
    return Project.objects.create(
        organisation=organisation,
        reference="ICT-001",
        name="Home Working",
        manager=officer,
        stage=Project.Stage.IN_DELIVERY,
    )
