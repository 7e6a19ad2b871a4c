"""The documents part of the demo council's checks: mixed into steerco/tests/test_demo.py, which
loads the demo once for them all, on a day when its next meeting is past its agenda deadline."""

from steerco.documents.models import Pack
from steerco.meetings.models import Meeting


class DocumentsDemoChecks:
    def test_the_demo_builds_the_packs_of_its_published_meeting_ahead(self):
        ahead = Meeting.objects.filter(on__gte="2026-12-07", agenda_published_at__isnull=False)
        assert ahead.count() == 1
        packs = Pack.objects.filter(meeting__in=ahead)
        assert {(pack.audience, pack.state) for pack in packs} >= {
            ("members", Pack.State.READY),
            ("public", Pack.State.READY),
        }
