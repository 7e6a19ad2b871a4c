"""A pack is stamped a paper at a time, with page numbers rendered a chunk of pages at a time,
and put together by qpdf: the numbers run on across the chunks and the parts, and the pack's
catalogue holds only its pages and bookmarks."""

import io
import re
import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from steerco.documents import actions, build, qpdf, sandbox
from steerco.documents.tests import scenario
from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import Paper, PaperVersion


def _page_texts(path):
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True, text=True, check=True,
        ).stdout
        for n in range(1, len(PdfReader(path).pages) + 1)
    ]  # fmt: skip


def _paper(item, title, content, by, **extra):
    paper = Paper.objects.create(
        organisation=item.meeting.organisation, item=item, title=title, **extra
    )
    version = PaperVersion(paper=paper, number=1, file_name="p.pdf", file_type="pdf",
                           size=len(content), uploaded_by=by)  # fmt: skip
    version.file.save("upload", ContentFile(content), save=False)
    version.save()


@pytest.fixture
def members_pack(item, secretary, monkeypatch, tmp_path):
    monkeypatch.setattr(build, "OVERLAY_CHUNK", 2)
    _paper(item, "Open paper", scenario.pdf_pages("OPENONE", "OPENTWO", "OPENTHREE"), secretary)
    _paper(
        item, "Secret paper", scenario.pdf_pages("SECRETONE", "SECRETTWO"), secretary,
        restricted=True, exemption=Paper.Exemption.COMMERCIAL,
    )  # fmt: skip
    _paper(item, "Last paper", scenario.pdf_pages("LASTONE"), secretary)
    meeting_actions.publish_agenda(
        item.meeting, by=secretary, now=datetime(2031, 3, 2, 9, tzinfo=ZoneInfo("Europe/London"))
    )
    packs = actions.build_packs(item.meeting)
    pack = next(p for p in packs if p.audience == "members" and not p.supplementary)
    assert pack.state == pack.State.READY, pack.failure
    path = tmp_path / "members.pdf"
    path.write_bytes(pack.file.read())
    return path


def test_the_page_numbers_run_on_across_the_chunks_and_the_papers(members_pack):
    texts = _page_texts(members_pack)
    total = len(texts)
    assert total > 2 * build.OVERLAY_CHUNK
    assert [f"Page {n} of {total}" in text for n, text in enumerate(texts, 1)] == [True] * total
    marked = [n for n, text in enumerate(texts, 1) if "RESTRICTED" in text]
    assert [n for n, text in enumerate(texts, 1) if "SECRET" in text] == marked
    assert len(marked) == 2
    assert "LASTONE" in texts[-1]


def test_the_packs_catalogue_holds_only_its_pages_and_bookmarks(members_pack):
    reader = PdfReader(members_pack)
    assert set(reader.trailer["/Root"]) == {"/Type", "/Pages", "/Outlines", "/PageMode"}
    assert reader.metadata.title.startswith("Agenda pack: ")
    check = subprocess.run(["qpdf", "--check", str(members_pack)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_qpdf_writes_nested_bookmarks_pointing_at_their_pages(tmp_path):
    parts = []
    for n in range(3):
        parts.append(tmp_path / f"part-{n}.pdf")
        parts[-1].write_bytes(scenario.pdf_pages(*(f"Part {n} page {p}" for p in range(2))))
    merged, output = tmp_path / "merged.pdf", tmp_path / "pack.pdf"
    limits = sandbox.Limits(seconds=30, memory_mb=512)
    qpdf.merge([str(part) for part in parts], merged, limits)
    outline = [
        {"title": "1. Apologies", "page": 0, "children": []},
        {"title": "2. Café budget £5", "page": 2, "children": [
            {"title": "Budget", "page": 2}, {"title": "Appendix", "page": 5},
        ]},
    ]  # fmt: skip
    assert qpdf.finish(merged, output, outline, "Agenda pack: test", limits) == 6
    reader = PdfReader(io.BytesIO(output.read_bytes()))
    found = [
        [(child.title, reader.get_destination_page_number(child)) for child in entry]
        if isinstance(entry, list)
        else (entry.title, reader.get_destination_page_number(entry))
        for entry in reader.outline
    ]
    assert found == [
        ("1. Apologies", 0),
        ("2. Café budget £5", 2),
        [("Budget", 2), ("Appendix", 5)],
    ]
    assert reader.trailer["/Root"]["/Outlines"]["/Count"] == 4
    assert reader.metadata.title == "Agenda pack: test"


def test_a_page_larger_than_a4_has_its_number_at_its_foot_and_restricted_at_its_head(
    item, secretary, tmp_path
):
    # qpdf only ever shrinks an overlay page to fit: an A4 one would sit mid-page on A3.
    _paper(
        item, "Site plan", scenario.pdf_pages("BIGPLAN", size="A3"), secretary,
        restricted=True, exemption=Paper.Exemption.COMMERCIAL,
    )  # fmt: skip
    meeting_actions.publish_agenda(
        item.meeting, by=secretary, now=datetime(2031, 3, 2, 9, tzinfo=ZoneInfo("Europe/London"))
    )
    pack = next(p for p in actions.build_packs(item.meeting) if p.audience == "members")
    path = tmp_path / "members.pdf"
    path.write_bytes(pack.file.read())
    last = pack.page_count
    words = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(last), "-l", str(last), str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', words).group(1))
    tops = {
        word: float(top)
        for top, word in re.findall(r'yMin="([\d.]+)"[^>]*>(Page|RESTRICTED|BIGPLAN)<', words)
    }
    assert round(height) == 1191  # A3 portrait, in points
    assert tops["Page"] > height - 40  # within 14 mm of the foot
    assert tops["RESTRICTED"] < 40
