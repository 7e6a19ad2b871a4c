# The meeting cycle's fixtures: packs are built from its meetings and papers.
from steerco.meetings.tests.conftest import (  # noqa: F401
    fixed_today,
    item,
    media_root,
    meeting,
    members,
)
