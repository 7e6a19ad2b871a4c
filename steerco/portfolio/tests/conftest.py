# The meeting cycle's fixtures: submissions go onto its agendas.
from steerco.meetings.tests.conftest import (  # noqa: F401
    fixed_today,
    media_root,
    meeting,
    members,
    next_meeting,
)
