from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command

from steerco.documents.models import Pack
from steerco.meetings.models import Meeting


def test_the_demo_builds_the_packs_of_its_published_meeting_ahead_once(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # the demo's papers and packs
    # A day on which the next demo meeting is past its agenda deadline, so it is published.
    with time_machine.travel(datetime(2026, 12, 7, 9, tzinfo=ZoneInfo("Europe/London"))):
        call_command("load_demo")
        ahead = Meeting.objects.filter(on__gte="2026-12-07", agenda_published_at__isnull=False)
        assert ahead.count() == 1
        packs = Pack.objects.filter(meeting__in=ahead)
        assert {(pack.audience, pack.state) for pack in packs} >= {
            ("members", Pack.State.READY),
            ("public", Pack.State.READY),
        }
        first = list(Pack.objects.values_list("pk", "build").order_by("pk"))
        call_command("load_demo")
        assert list(Pack.objects.values_list("pk", "build").order_by("pk")) == first
