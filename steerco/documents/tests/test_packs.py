"""The agenda packs, built once for a meeting whose papers are open, restricted, late, in Word,
damaged, protected by a password and scripted, then read back as a member would: with qpdf,
pdftotext and pypdf."""

import io
import re
import subprocess
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from pypdf import PdfReader

from steerco.accounts.models import Nation, Organisation, OrganisationMembership, User
from steerco.documents import actions
from steerco.documents.models import Pack
from steerco.documents.tests import scenario as papers
from steerco.governance.models import Body, Membership
from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import AgendaItem, Declaration, Paper, PaperVersion, Purpose

LONDON = ZoneInfo("Europe/London")
SECRET = "WRENSECRET"


def _person(username, organisation, body=None, role=None, name=""):
    person = User.objects.create(username=username, name=name, email=f"{username}@x.gov.uk")
    OrganisationMembership.objects.create(
        user=person, organisation=organisation, role=OrganisationMembership.Role.OFFICER
    )
    if body is not None:
        Membership.objects.create(
            organisation=organisation, body=body, person=person, role=role,
            starts_on=date(2025, 1, 1),
        )  # fmt: skip
    return person


def _stored(item, title, content, file_type, by):
    """A paper put straight into storage, as one uploaded before today's checks would be."""
    paper = Paper.objects.create(organisation=item.meeting.organisation, item=item, title=title)
    version = PaperVersion(paper=paper, number=1, file_name=f"paper.{file_type}",
                           file_type=file_type, size=len(content), uploaded_by=by)  # fmt: skip
    version.file.save("upload", ContentFile(content), save=False)
    version.save()
    return paper


def _build_meeting():
    organisation = Organisation.objects.create(
        name="Northby Borough Council", slug="northby", nation=Nation.ENGLAND
    )
    group = Body.objects.create(
        organisation=organisation, name="Digital Services Steering Group", notice_working_days=4
    )
    secretary = _person("secretary", organisation, group, Membership.Role.SECRETARY, "Sam Shah")
    _person("member", organisation, group, Membership.Role.CHAIR, "Carol Chen")
    conflicted = _person(
        "conflicted", organisation, group, Membership.Role.SUPPORTING_OFFICER, "Connie Cole"
    )
    meeting = meeting_actions.schedule_meeting(
        group, on=date(2031, 3, 11), starts_at=time(10), by=secretary, today=date(2026, 1, 1)
    )
    meeting.location = "Committee Room 2"
    meeting.save()

    def item(title):
        return meeting_actions.save_item(
            AgendaItem(meeting=meeting, title=title, purpose=Purpose.DECISION), by=secretary
        )

    def add(on, title, content, name, **extra):
        return meeting_actions.add_paper(
            on, title=title, upload=SimpleUploadedFile(name, content), by=secretary, **extra
        )

    contract = item("Supplier contract renewal")
    add(contract, "Renewal summary", papers.pdf_pages("OPENALPHA one", "OPENALPHA two"), "a.pdf")
    add(
        contract, "Bluefinch pricing schedule",
        papers.pdf_pages(*(f"{SECRET} page {n}" for n in (1, 2, 3))), "b.pdf",
        restricted=True, exemption=Paper.Exemption.COMMERCIAL,
    )  # fmt: skip
    hosting = item("Hosting options")
    add(hosting, "Hosting options paper", papers.docx_pages("WORDPAPER text"), "h.docx")
    add(hosting, "Wide plan", papers.pdf_pages("LANDSCAPE plan", size="A3 landscape"), "w.pdf")
    broken = item("Papers that cannot be read")
    _stored(broken, "Damaged budget paper", papers.damaged(), "pdf", secretary)
    _stored(broken, "Locked staffing paper", papers.password_protected(), "pdf", secretary)
    _stored(broken, "Scripted paper", papers.with_javascript("SCRIPTED text"), "pdf", secretary)
    meeting_actions.declare_interest(
        contract, person=conflicted, kind=Declaration.Kind.PREJUDICIAL,
        nature="Relative works for Bluefinch", by=conflicted, in_advance=True,
    )  # fmt: skip
    meeting_actions.publish_agenda(
        meeting, by=secretary, now=datetime(2031, 3, 2, 9, tzinfo=LONDON)
    )
    add(contract, "Revised bid", papers.pdf_pages("LATEPAPER text"), "r.pdf",
        late_reason="The bid was revised")  # fmt: skip
    built = actions.build_packs(meeting)
    return {
        "packs": {
            (p.audience, p.supplementary, p.person.username if p.person else None): {
                "pack": p,
                "bytes": p.file.read() if p.is_ready else b"",
                "papers": sorted(paper.title for paper in p.papers.all()),
            }
            for p in built
        },
    }


_BUILT = {}


@pytest.fixture
def built(db, tmp_path_factory):
    """Built once for the module, by whichever test comes first: a pack takes a second or two,
    a Word paper more. The tests read the files, not the rows, which go with that first test."""
    if not _BUILT:
        with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
            _BUILT.update(_build_meeting())
        _BUILT["folder"] = tmp_path_factory.mktemp("packs")
    return _BUILT


def _pack(built, audience="members", supplementary=False, person=None):
    return built["packs"][audience, supplementary, person]


def _file(built, name, content):
    path = built["folder"] / name
    path.write_bytes(content)
    return path


def _page_texts(path):
    count = len(PdfReader(path).pages)
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


def test_the_meeting_has_its_packs(built):
    assert set(built["packs"]) == {
        ("members", False, None),
        ("members", False, "conflicted"),
        ("members", True, None),
        ("members", True, "conflicted"),
        ("public", False, None),
        ("public", True, None),
    }
    packs = built["packs"]
    states = {key: (entry["pack"].state, entry["pack"].failure) for key, entry in packs.items()}
    assert states == dict.fromkeys(built["packs"], (Pack.State.READY, ""))


@pytest.mark.parametrize("key", [
    ("members", False, None), ("public", False, None), ("members", False, "conflicted"),
    ("members", True, None),
])  # fmt: skip
def test_qpdf_finds_nothing_wrong(built, key):
    path = _file(built, "check.pdf", built["packs"][key]["bytes"])
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_the_page_count_is_the_front_matter_and_every_papers_pages(built):
    members = _pack(built)
    path = _file(built, "members.pdf", members["bytes"])
    texts = _page_texts(path)
    # Cover, agenda and contents; 2 + 3 + 1 late on the contract; the Word paper and the plan;
    # a page for each of the damaged and locked papers; the scripted paper's own page.
    assert members["pack"].page_count == len(texts) == 3 + 2 + 3 + 1 + 1 + 1 + 1 + 1 + 1
    assert [f"Page {n} of {len(texts)}" in text for n, text in enumerate(texts, 1)] == [True] * 14


def test_the_bookmarks_name_every_item_and_paper(built):
    reader = PdfReader(io.BytesIO(_pack(built)["bytes"]))
    outline = reader.outline
    items = [entry.title for entry in outline if not isinstance(entry, list)]
    children = [[child.title for child in entry] for entry in outline if isinstance(entry, list)]
    assert items == [
        # The standing items of every meeting come first, without papers: found on the agenda.
        "1. Apologies and substitutes",
        "2. Declarations of interest",
        "3. Minutes and action log of the previous meeting",
        "4. Supplier contract renewal",
        "5. Hosting options",
        "6. Papers that cannot be read",
    ]
    assert [reader.get_destination_page_number(entry) for entry in outline[:3]] == [1, 1, 1]
    assert children == [
        ["Renewal summary", "Bluefinch pricing schedule", "Revised bid"],
        ["Hosting options paper", "Wide plan"],
        ["Damaged budget paper", "Locked staffing paper", "Scripted paper"],
    ]


def test_the_contents_points_at_each_papers_first_page(built):
    path = _file(built, "members.pdf", _pack(built)["bytes"])
    texts = _page_texts(path)
    contents = texts[2]
    assert "Contents" in contents

    def page_of(title):
        return int(re.search(rf"{re.escape(title)}\s+(\d+)", contents).group(1))

    expected = {
        "Renewal summary": "OPENALPHA one",
        "Bluefinch pricing schedule": f"{SECRET} page 1",
        "Revised bid": "LATEPAPER",
        "Hosting options paper": "WORDPAPER",
        "Wide plan": "LANDSCAPE",
        "Damaged budget paper": "could not be included",
        "Locked staffing paper": "protected by a password",
        "Scripted paper": "SCRIPTED",
    }
    for title, text in expected.items():
        assert text in texts[page_of(title) - 1], title
    assert page_of("4. Supplier contract renewal") == page_of("Renewal summary") == 4


def test_restricted_pages_say_so_at_the_top_and_no_others(built):
    texts = _page_texts(_file(built, "members.pdf", _pack(built)["bytes"]))
    marked = [n for n, text in enumerate(texts, 1) if "RESTRICTED" in text]
    assert marked == [6, 7, 8]
    assert all(SECRET in texts[n - 1] for n in marked)


def test_the_page_numbers_fonts_are_in_the_pack_once_not_once_a_paper(built):
    # Each page's numbers are the form drawn last on it; every page's form, on whichever paper,
    # uses the same font objects (a regular and a bold for RESTRICTED).
    reader = PdfReader(io.BytesIO(_pack(built)["bytes"]))
    fonts = set()
    for page in reader.pages:
        contents = page["/Contents"].get_object()
        last = contents[-1].get_object() if isinstance(contents, list) else contents
        drawn = re.findall(rb"(/\S+) Do", last.get_data())[-1].decode()
        used = page["/Resources"]["/XObject"][drawn]["/Resources"]["/Font"]
        fonts |= {used.raw_get(name).idnum for name in used}
    assert len(reader.pages) == 14
    assert len(fonts) == 2


def test_the_public_pack_has_no_word_of_a_restricted_paper(built):
    public = _pack(built, "public")
    texts = _page_texts(_file(built, "public.pdf", public["bytes"]))
    whole = "\n".join(texts)
    assert SECRET not in whole
    assert "Bluefinch" not in whole
    assert b"Bluefinch" not in public["bytes"]
    assert "Reason for restriction: Commercially sensitive." in whole
    assert "RESTRICTED" not in whole
    assert public["papers"] == [
        "Hosting options paper", "Renewal summary", "Revised bid", "Scripted paper", "Wide plan",
    ]  # fmt: skip
    assert public["pack"].page_count == len(texts) == 3 + 2 + 1 + 1 + 1 + 1 + 1 + 1 + 1


def test_the_conflicted_members_pack_lacks_the_withheld_paper(built):
    theirs = _pack(built, person="conflicted")
    whole = " ".join("\n".join(_page_texts(_file(built, "theirs.pdf", theirs["bytes"]))).split())
    assert SECRET not in whole
    assert "Bluefinch" not in whole
    assert "you declared a prejudicial interest in this item" in whole
    assert "Bluefinch pricing schedule" not in theirs["papers"]
    assert "Bluefinch pricing schedule" in _pack(built)["papers"]


def test_the_supplementary_pack_holds_only_the_late_papers(built):
    late = _pack(built, supplementary=True)
    texts = _page_texts(_file(built, "late.pdf", late["bytes"]))
    assert late["papers"] == ["Revised bid"]
    assert len(texts) == 4
    assert "LATEPAPER" in texts[3]
    assert "Supplementary agenda pack" in texts[0]


def test_a_paper_that_cannot_be_read_is_named_and_the_pack_still_builds(built):
    members = _pack(built)
    texts = "\n".join(_page_texts(_file(built, "members.pdf", members["bytes"])))
    assert "Damaged budget paper" in texts
    assert "could not be included in the pack because it is damaged or is not a PDF" in texts
    assert (
        "Locked staffing paper This paper could not be included in the pack because it is "
        "protected by a password" in " ".join(texts.split())
    )
    assert [problem["problem"] for problem in members["pack"].problems] == [
        "it is damaged or is not a PDF",
        "it is protected by a password",
    ]


def test_the_pack_carries_no_script_action_or_attached_file(built):
    content = _pack(built)["bytes"]
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root
    assert "/JavaScript" not in root.get("/Names", {})
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    assert all("/AA" not in page for page in reader.pages)
    for marker in (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"app.alert"):
        assert marker not in content
