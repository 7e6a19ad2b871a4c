from datetime import date, datetime
from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from steerco.documents.models import Pack
from steerco.documents.tests.scenario import pdf_pages
from steerco.meetings import actions


def _run(*arguments):
    out = StringIO()
    call_command("build_packs", *arguments, "--today", "2031-03-01", stdout=out)
    return out.getvalue().strip()


def test_the_command_catches_up_on_published_meetings_without_packs(meeting, item, secretary):
    actions.add_paper(
        item, title="Summary", by=secretary,
        upload=SimpleUploadedFile("s.pdf", pdf_pages("Summary")),
    )  # fmt: skip
    # Published, but the worker never ran (nothing runs after commit in these tests).
    actions.publish_agenda(meeting, by=secretary, now=timezone.make_aware(datetime(2031, 3, 1, 9)))
    assert _run("--dry-run") == "1 meeting would have their packs built (dry run)."
    assert Pack.objects.count() == 0
    assert _run() == "2 packs built for 1 meeting: 2 ready, 0 failed."
    assert _run() == "0 packs built for 0 meetings: 0 ready, 0 failed."
    # A pack left building by a worker that stopped is built again.
    Pack.objects.filter(audience="public").update(state=Pack.State.BUILDING)
    assert _run("--dry-run") == "1 meeting would have their packs built (dry run)."


def test_meetings_already_held_are_left_alone(meeting, secretary):
    actions.publish_agenda(meeting, by=secretary, now=timezone.make_aware(datetime(2031, 3, 1, 9)))
    out = StringIO()
    call_command("build_packs", "--dry-run", "--today", str(date(2031, 3, 12)), stdout=out)
    assert out.getvalue().strip() == "0 meetings would have their packs built (dry run)."
