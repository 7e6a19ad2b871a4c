"""Every change to what a published meeting's packs hold sets them building again, and queues
the rebuild for after the change is committed."""

from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from steerco.documents.models import Pack
from steerco.meetings import actions
from steerco.meetings.models import AgendaItem, Declaration, Paper
from steerco.meetings.tests.conftest import pdf_bytes

DUMMY = "django_tasks.backends.dummy.DummyBackend"


@pytest.fixture
def published(settings, meeting, item, secretary):
    settings.TASKS = {"default": {"BACKEND": DUMMY}}
    paper = actions.add_paper(
        item, title="Summary", by=secretary, upload=SimpleUploadedFile("s.pdf", pdf_bytes())
    )
    actions.publish_agenda(meeting, by=secretary, now=timezone.make_aware(datetime(2031, 3, 2, 9)))
    return paper


def _ready(meeting):
    return Pack.objects.create(
        meeting=meeting, audience="public", state=Pack.State.READY, requested_at=timezone.now()
    )


CHANGES = {
    "a late paper": lambda p, by, m: actions.add_paper(
        p.item,
        title="Late",
        by=by,
        late_reason="Revised",
        upload=SimpleUploadedFile("l.pdf", pdf_bytes()),
    ),
    "a new version": lambda p, by, m: actions.replace_paper(
        p, upload=SimpleUploadedFile("s.pdf", pdf_bytes("Two")), by=by
    ),
    "a new title": lambda p, by, m: actions.retitle_paper(p, title="Else", reason="Typo", by=by),
    "a restriction": lambda p, by, m: actions.change_restriction(
        p, restricted=True, exemption=Paper.Exemption.LEGAL, reason="Advice", by=by
    ),
    "a withdrawal": lambda p, by, m: actions.withdraw_paper(p, reason="Wrong", by=by),
    "a prejudicial interest": lambda p, by, m: actions.declare_interest(
        p.item, person=m[1], kind=Declaration.Kind.PREJUDICIAL, nature="Bidder", by=by
    ),
    "an item saved": lambda p, by, m: actions.save_item(
        AgendaItem(meeting=p.item.meeting, title="Late item", late_reason="Urgent"), by=by
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_sets_the_packs_building_and_queues_the_rebuild(
    change, published, secretary, members, django_capture_on_commit_callbacks
):
    pack = _ready(published.item.meeting)
    with django_capture_on_commit_callbacks() as callbacks:
        CHANGES[change](published, secretary, members)
    pack.refresh_from_db()
    assert pack.state == Pack.State.BUILDING
    assert len(callbacks) == 1


def test_carrying_an_item_rebuilds_the_packs_of_the_meeting_it_is_carried_to(
    published, secretary, steering_group, django_capture_on_commit_callbacks
):
    following = actions.schedule_meeting(
        steering_group, on=datetime(2031, 5, 13).date(), starts_at=datetime(2031, 1, 1, 10).time(),
        by=secretary, today=datetime(2026, 1, 1).date(),
    )  # fmt: skip
    actions.publish_agenda(
        following, by=secretary, now=timezone.make_aware(datetime(2031, 5, 1, 9))
    )
    pack = _ready(following)
    actions.carry_item(published.item, to=following, by=secretary)
    pack.refresh_from_db()
    assert pack.state == Pack.State.BUILDING


def test_changes_to_a_draft_agenda_build_nothing(
    meeting, item, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        actions.add_paper(
            item, title="Draft", by=secretary, upload=SimpleUploadedFile("d.pdf", pdf_bytes())
        )
    assert callbacks == []


def test_of_several_requests_queued_in_a_row_only_the_last_builds_the_packs(
    published, secretary, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    from steerco.documents import tasks

    meeting = published.item.meeting
    default_task_backend.clear()
    for title in ("First", "Second", "Third"):
        with django_capture_on_commit_callbacks(execute=True):
            actions.add_paper(
                published.item,
                title=title,
                by=secretary,
                late_reason="Revised",
                upload=SimpleUploadedFile("l.pdf", pdf_bytes(title)),
            )
    queued = [result.args for result in default_task_backend.results]
    assert [meeting_id for meeting_id, _ in queued] == [meeting.pk] * 3
    assert len({token for _, token in queued}) == 3
    # The worker reaches them after all three were requested: the first two build nothing.
    built = [tasks.build_packs.call(*args) for args in queued]
    assert built[:2] == [0, 0]
    assert built[2] > 0
    packs = Pack.objects.filter(meeting=meeting)
    assert {pack.build for pack in packs} == {1}
    assert all(pack.state == Pack.State.READY for pack in packs)
    # What the last build holds: all three late papers.
    supplementary = packs.get(audience="members", supplementary=True, person=None)
    assert {paper.title for paper in supplementary.papers.all()} >= {"First", "Second", "Third"}
    # The command (no token) always builds.
    assert tasks.build_packs.call(meeting.pk) > 0
