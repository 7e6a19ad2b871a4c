import io
from datetime import date, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from steerco.governance.models import Membership
from steerco.meetings import actions

# The meeting of the tests is always ahead of the day the tests run.
MEETING_DAY = date(2031, 3, 11)
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
