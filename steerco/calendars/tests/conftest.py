# The meeting cycle's fixtures: the feeds are its meetings and actions.
from steerco.meetings.tests.conftest import (  # noqa: F401
    fixed_today,
    meeting,
    members,
    next_meeting,
)
