import io
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from steerco.governance.models import Membership
from steerco.meetings import actions
from steerco.meetings.models import AgendaItem, Purpose

# The tests' meetings are in 2031 and their "today" is fixed in 2026, so the meetings stay ahead
# of it however long the suite lives. The browser tests keep the real day: Chromium is another
# process, and would drop session cookies that the server dated years ago.
MEETING_DAY = date(2031, 3, 11)
NEXT_MEETING_DAY = date(2031, 5, 13)
LONDON = ZoneInfo("Europe/London")
TODAY = datetime(2026, 6, 1, 9, tzinfo=LONDON)
# When the first of two people editing the same record saves it.
FIVE_PAST_TWO = datetime(2026, 6, 1, 14, 5, tzinfo=ZoneInfo("Europe/London"))
PDF_TEXT = "Confidential supplier pricing schedule"


def pdf_bytes(text=PDF_TEXT):
    """A real one-page PDF carrying `text`."""
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def docx_bytes(text="A Word paper"):
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def fixed_today(request):
    if request.node.get_closest_marker("browser"):
        yield None
        return
    with time_machine.travel(TODAY, tick=True):
        yield TODAY.date()


def _travel_to(day, hour):
    with time_machine.travel(datetime.combine(day, time(hour), tzinfo=LONDON), tick=True):
        yield day


@pytest.fixture
def on_the_day(fixed_today):
    """An hour into `meeting`: who attended can be recorded."""
    yield from _travel_to(MEETING_DAY, 11)


@pytest.fixture
def on_the_next_day(fixed_today):
    """The day of `next_meeting`, when it agrees the record of `meeting`."""
    yield from _travel_to(NEXT_MEETING_DAY, 11)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def upload():
    def upload(name="paper.pdf", content=None):
        return SimpleUploadedFile(name, pdf_bytes() if content is None else content)

    return upload


@pytest.fixture
def members(make_person, organisation, steering_group, chair, member):
    """Five members who count toward quorum (the chair among them), so the group is quorate
    when they are all present."""
    others = []
    for number in range(1, 4):
        person = make_person(
            f"supporting-{number}", organisation, name=f"Supporting Officer {number}"
        )
        Membership.objects.create(
            organisation=organisation,
            body=steering_group,
            person=person,
            role=Membership.Role.SUPPORTING_OFFICER,
            area=f"Area {number}",
            starts_on=date(2025, 1, 1),
        )
        others.append(person)
    return [chair, member, *others]


@pytest.fixture
def meeting(steering_group, secretary):
    return actions.schedule_meeting(
        steering_group, on=MEETING_DAY, starts_at=time(10), by=secretary, today=date(2026, 1, 1)
    )


@pytest.fixture
def item(meeting, secretary):
    return actions.save_item(
        AgendaItem(
            meeting=meeting,
            title="Cloud hosting business case",
            purpose=Purpose.DECISION,
            source=AgendaItem.Source.SUBMISSION,
        ),
        by=secretary,
    )


@pytest.fixture
def next_meeting(steering_group, secretary, meeting):
    """The ordinary meeting after `meeting`, two months on."""
    return actions.schedule_meeting(
        steering_group,
        on=NEXT_MEETING_DAY,
        starts_at=time(10),
        by=secretary,
        today=date(2026, 1, 1),
    )
