"""Building one meeting's agenda packs: what each pack holds, and the PDF itself.

steerco writes the cover, agenda, contents and the pages standing in for papers with WeasyPrint;
the papers themselves are only ever read in a child process (sandbox.py): LibreOffice converts
Word, Excel and OpenDocument papers, pypdf counts their pages and strips them one paper at a
time there (pdfjob.py), and qpdf puts each pack together and stamps its page numbers on
(qpdf.py).
"""

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from steerco import permissions
from steerco.documents import qpdf, sandbox
from steerco.documents.rendering import render
from steerco.documents.rules.numbering import settle, total_pages
from steerco.governance.models import Membership
from steerco.meetings.models import AgendaItem, Paper

# The page numbers (and RESTRICTED headers) stamped on a pack are rendered this many pages at a
# time, so that rendering them takes the same memory however long the pack is. Each chunk's
# fonts are written into the pack once, whatever the number of papers its pages fall on.
OVERLAY_CHUNK = 100
# The overlay's own page size, in points: a paper's page of another size gets a page its size, so
# qpdf, which only ever shrinks an overlay page to fit, puts the number at its foot.
A4 = (595.28, 841.89)


class Mode:
    FULL = "full"
    # The public pack's page giving only the restricted paper's exemption category.
    EXEMPT = "exempt"
    # A restricted paper a person may not read (a prejudicial interest in its item).
    WITHHELD = "withheld"
    # A paper that could not be included: damaged, protected by a password, not convertible.
    FAILED = "failed"


@dataclass
class Entry:
    paper: Paper
    mode: str
    pages: int = 1
    path: Path | None = None
    problem: str = ""
    first_page: int = 0
    # Each page's size in points where it is not A4 (a paper's own pages), for its number.
    sizes: list | None = None

    @property
    def title(self):
        """The paper as this pack may name it: a restricted paper left out is not named."""
        if self.mode in (Mode.EXEMPT, Mode.WITHHELD):
            return f"Restricted paper: {self.paper.get_exemption_display()}"
        return self.paper.title

    @property
    def restricted_here(self):
        return self.mode == Mode.FULL and self.paper.restricted


@dataclass
class Section:
    item: AgendaItem
    entries: list[Entry] = field(default_factory=list)

    @property
    def first_page(self):
        return self.entries[0].first_page if self.entries else None


@dataclass(frozen=True)
class Spec:
    """One pack to build: its audience, whether supplementary, whose, and which papers it holds
    in full (`readable(paper)`)."""

    audience: str
    supplementary: bool
    person: object
    readable: object


def meeting_papers(meeting):
    """The meeting's items in agenda order, each with its current papers and their current
    versions (a withdrawn paper is in no pack)."""
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .prefetch_related("papers__versions")
    )
    papers = {}
    for item in items:
        papers[item] = [
            paper
            for paper in sorted(item.papers.all(), key=lambda p: p.pk)
            if not paper.is_withdrawn and paper.versions.all()
        ]
    return papers


def current_version(paper):
    return max(paper.versions.all(), key=lambda version: version.number)


def specs_for(meeting, papers, day):
    """The packs a meeting has: members' and public; a members' pack of their own for each
    member of the body who may not read all its restricted papers (permissions.PaperAccess
    decides, as for the papers themselves); and the same again holding only the late papers,
    once there are any."""
    every = [paper for item_papers in papers.values() for paper in item_papers]
    restricted = [paper for paper in every if paper.restricted]
    specs = [
        Spec("members", False, None, lambda paper: True),
        Spec("public", False, None, lambda paper: not paper.restricted),
    ]
    if restricted:
        people = (
            Membership.objects.current(meeting.on)
            .filter(body_id=meeting.body_id)
            .select_related("person")
            .order_by("person_id")
        )
        for person in dict.fromkeys(membership.person for membership in people):
            access = permissions.PaperAccess(person, meeting.organisation, day)
            if all(access.can_read(paper, meeting.body_id) for paper in restricted):
                continue
            specs.append(
                Spec(
                    "members",
                    False,
                    person,
                    lambda paper, access=access: access.can_read(paper, meeting.body_id),
                )
            )
    if any(paper.is_late for paper in every):
        specs += [Spec(s.audience, True, s.person, s.readable) for s in list(specs)]
    return specs


def _paper_limits():
    return sandbox.Limits(
        seconds=settings.PACK_PAPER_SECONDS, memory_mb=settings.PACK_PAPER_MEMORY_MB
    )


def _cleaned(papers):
    return sandbox.pdf_job("clean", {"papers": papers}, _paper_limits())["results"]


class Converter:
    """Each paper's current version as a cleaned PDF with its page count, worked out once per
    build however many packs hold it; or why it cannot be included. Word, Excel and
    OpenDocument papers are converted one by one; the PDFs are then cleaned in one child
    process, and one by one only if that fails, so that a hostile paper fails alone."""

    def __init__(self, work: Path, papers):
        self.work = work
        self.found = {}
        versions = {}
        for paper in papers:
            version = current_version(paper)
            versions.setdefault(version.pk, version)
        paths = {}
        for version in versions.values():
            try:
                paths[version.pk] = self._as_pdf(version)
            except sandbox.Failed as error:
                self.found[version.pk] = (None, 0, str(error), None)
        self._clean(paths)

    def __call__(self, paper):
        return self.found[current_version(paper).pk]

    def _as_pdf(self, version):
        source = Path(version.file.path)
        if not source.exists():
            raise sandbox.Failed("its file is missing")
        if version.file_type == "pdf":
            return source
        return sandbox.convert_to_pdf(
            source, _paper_limits(), suffix=version.file_type, into=self.work
        )

    def _clean(self, paths):
        if not paths:
            return
        papers = {
            key: {"path": str(path), "output": str(self.work / f"paper-{key}.pdf")}
            for key, path in paths.items()
        }
        try:
            answers = _cleaned(list(papers.values()))
        except sandbox.Failed:
            answers = []
            for paper in papers.values():
                try:
                    answers += _cleaned([paper])
                except sandbox.Failed as error:
                    answers.append({"error": str(error)})
        for (key, paper), answer in zip(papers.items(), answers, strict=True):
            if "error" in answer:
                self.found[key] = (None, 0, answer["error"], None)
            else:
                output = Path(paper["output"])
                self.found[key] = (output, answer["pages"], "", answer["sizes"])


def sections_for(spec, papers, convert):
    sections = []
    for item, item_papers in papers.items():
        chosen = [paper for paper in item_papers if paper.is_late or not spec.supplementary]
        if spec.supplementary and not chosen:
            continue
        section = Section(item)
        for paper in chosen:
            if not spec.readable(paper):
                mode = Mode.EXEMPT if spec.audience == "public" else Mode.WITHHELD
                section.entries.append(Entry(paper, mode))
                continue
            path, pages, problem, sizes = convert(paper)
            if problem:
                section.entries.append(Entry(paper, Mode.FAILED, problem=problem))
            else:
                section.entries.append(Entry(paper, Mode.FULL, pages=pages, path=path, sizes=sizes))
        sections.append(section)
    return sections


def prepare_pack(meeting, spec, sections, output: Path, work: Path):
    """Renders what steerco writes of the pack into `work` (a folder of its own); the job for
    `assemble` that puts it together into `output`, and the pack's page count."""
    entries = [entry for section in sections for entry in section.entries]
    context = {
        "meeting": meeting,
        "spec": spec,
        "sections": sections,
        "members": Membership.objects.current(meeting.on)
        .filter(body_id=meeting.body_id)
        .in_role_order()
        .select_related("person"),
        "deadline": meeting.agenda_deadline(),
    }
    context["members"] = list(context["members"])
    rendered = {}

    def render_front(starts):
        for entry, start in zip(entries, starts, strict=True):
            entry.first_page = start
        rendered["front"] = render("documents/pack_front.html", context)
        return len(rendered["front"].pages)

    front_pages, _ = settle(render_front, [entry.pages for entry in entries])
    rendered["front"].write_pdf(work / "front.pdf")
    inserts = [entry for entry in entries if entry.mode != Mode.FULL]
    if inserts:
        render("documents/pack_inserts.html", {**context, "inserts": inserts}).write_pdf(
            work / "inserts.pdf"
        )
    total = total_pages(front_pages, [entry.pages for entry in entries])
    restricted_pages, sizes = set(), {}
    for entry in entries:
        if entry.restricted_here:
            restricted_pages.update(range(entry.first_page, entry.first_page + entry.pages))
        for number, size in enumerate(entry.sizes or [], entry.first_page):
            if abs(size[0] - A4[0]) > 1 or abs(size[1] - A4[1]) > 1:
                sizes[number] = size
    overlays = []
    for first in range(1, total + 1, OVERLAY_CHUNK):
        numbers = range(first, min(first + OVERLAY_CHUNK, total + 1))
        path = work / f"overlay-{len(overlays)}.pdf"
        stamps = [
            {"number": n, "restricted": n in restricted_pages, "size": sizes.get(n)}
            for n in numbers
        ]
        shapes = list(dict.fromkeys(tuple(stamp["size"]) for stamp in stamps if stamp["size"]))
        for stamp in stamps:
            # A page of another size is a named page of that size (`s<n>`, `s<n>-restricted`).
            shape = f"s{shapes.index(tuple(stamp['size']))}" if stamp["size"] else ""
            kind = "restricted" if stamp["restricted"] else ""
            stamp["page"] = "-".join(filter(None, [shape, kind]))
        context = {"pages": stamps, "total": total, "shapes": shapes}
        render("documents/pack_overlay.html", context).write_pdf(path)
        overlays.append(str(path))
    # What qpdf's --pages takes: each file, with the pages of it wanted (all when not given).
    pages = [str(work / "front.pdf")]
    for entry in entries:
        if entry.mode == Mode.FULL:
            pages.append(str(entry.path))
        else:
            pages += [str(work / "inserts.pdf"), str(inserts.index(entry) + 1)]
    outline = [
        {
            "title": f"{section.item.position}. {section.item.title}",
            # An item without papers is found on the agenda, the page after the cover.
            "page": (section.first_page or 2) - 1,
            "children": [
                {"title": entry.title, "page": entry.first_page - 1} for entry in section.entries
            ],
        }
        for section in sections
    ]
    job = {
        "pages": pages,
        "overlays": overlays,
        "outline": outline,
        "output": str(output),
        "title": f"Agenda pack: {meeting.title}, {meeting.on:%-d %B %Y}",
    }
    return job, total


def _merge_limits():
    return sandbox.Limits(
        seconds=settings.PACK_MERGE_SECONDS, memory_mb=settings.PACK_MERGE_MEMORY_MB
    )


def assemble(jobs):
    """Puts each pack together: qpdf merges its parts, stamps the page numbers on and adds its
    bookmarks, one pack at a time, so one pack that cannot be built leaves the others. For each
    job its page count, or Failed."""
    return [_merge(job) for job in jobs]


def _merge(job):
    """The pack as one PDF with its page numbers and bookmarks: its page count, or Failed."""
    output = Path(job["output"])
    merged, overlay = output.with_name("merged.pdf"), output.with_name("overlay.pdf")
    try:
        qpdf.merge(job["overlays"], overlay, _merge_limits())
        qpdf.merge(job["pages"], merged, _merge_limits())
        return qpdf.finish(
            merged, output, job["outline"], job["title"], _merge_limits(), overlay=overlay
        )
    except sandbox.Failed as error:
        return error
    except (ValueError, KeyError, IndexError):  # qpdf described the pack in a way not expected
        return sandbox.Failed("qpdf could not describe the merged pack")
    finally:
        merged.unlink(missing_ok=True)
        overlay.unlink(missing_ok=True)


def work_dir():
    return Path(tempfile.mkdtemp(prefix="steerco-pack-"))


def remove(path):
    shutil.rmtree(path, ignore_errors=True)
