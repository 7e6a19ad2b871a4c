"""Putting a pack's parts together with qpdf, stamping its page numbers on, and giving it its
bookmarks and title.

qpdf copies each page's streams from the part it came from as it writes the pack, and never
holds the pack's content in memory: what it keeps is the table of the pack's objects, which
grows with its pages (benchmarks/RESULTS.md, "Agenda packs: memory"). The page numbers are
qpdf's overlay, drawn as the bookmarks are written: each page of the overlay file becomes a
form drawn over its page of the pack, and what the overlay's pages share (their fonts) is
copied into the pack once, not once for each paper. qpdf 11.3 takes one overlay file, so the
chunks the overlay is rendered in are merged into one first; overlaying in the merge's own run
took a third more memory than in the next, which has one file open instead of every paper.

The bookmarks: qpdf describes the merged pack's pages as JSON (their object numbers, not their
content), the outline is written as new objects in qpdf's JSON and qpdf writes the pack again
with them (`--update-from-json`). The catalogue is written afresh, holding only the pages and
the outline, so nothing a paper's own catalogue carried (an open action, scripts, attached
files, a form) reaches the pack.

Runs qpdf through sandbox.run, with the same limits as the rest of the merge. No Django import.
"""

import json
import shutil
from pathlib import Path

from steerco.documents import sandbox

QPDF = shutil.which("qpdf") or "/usr/bin/qpdf"


def merge(pages: list[str], output: Path, limits: sandbox.Limits):
    """The pages, in order, as one PDF (`pages` as qpdf's --pages takes them: each file, with a
    page range where not all its pages are wanted)."""
    sandbox.run([QPDF, "--warning-exit-0", "--empty", "--pages", *pages, "--", str(output)], limits)


def _described(path: Path, limits, *keys, objects=()):
    args = [QPDF, "--warning-exit-0", "--json=2", *(f"--json-key={key}" for key in keys)]
    args += [f"--json-object={name}" for name in objects]
    return json.loads(sandbox.run([*args, str(path)], limits))


def finish(
    source: Path, output: Path, outline, title: str, limits: sandbox.Limits, *, overlay=None
) -> int:
    """Writes `source` to `output` with the bookmarks of `outline` (items, each a title, a page
    counted from 0 and its children) and `title` as its title, and each page of `overlay` drawn
    over its page. The number of pages it has."""
    described = _described(source, limits, "qpdf", "pages", objects=["trailer"])
    pages = [page["object"] for page in described["pages"]]
    header, found = described["qpdf"]
    root_ref = found["trailer"]["value"]["/Root"]
    root_id = root_ref.split()[0]
    root = _described(source, limits, "qpdf", objects=[root_id])["qpdf"][1][f"obj:{root_ref}"]
    objects = Objects(header["maxobjectid"])
    outlines = objects.add({"/Type": "/Outlines"})
    _link(objects, outlines, outline, pages)
    info = objects.add({"/Title": f"u:{title}", "/Producer": "u:steerco"})
    objects.set(
        root_ref,
        {
            "/Type": "/Catalog",
            "/Pages": root["value"]["/Pages"],
            "/Outlines": outlines,
            "/PageMode": "/UseOutlines",
        },
    )
    trailer = found["trailer"]["value"]
    objects.set_trailer({**trailer, "/Info": info, "/Size": objects.highest + 1})
    update = output.with_suffix(".json")
    update.write_text(json.dumps(objects.as_json(header)))
    args = [QPDF, "--warning-exit-0", str(source), f"--update-from-json={update}"]
    if overlay is not None:
        # The pages keep their objects, which the bookmarks point at.
        args += ["--overlay", str(overlay), "--"]
    sandbox.run([*args, "--object-streams=generate", str(output)], limits)
    update.unlink()
    return len(pages)


def _link(objects, parent, items, pages):
    """Writes `items` as the children of the outline entry `parent`: each points at its page,
    its parent and its neighbours, and counts its open descendants. Their count."""
    refs = [objects.reserve() for _ in items]
    visible = len(items)
    for n, (ref, item) in enumerate(zip(refs, items, strict=True)):
        entry = {
            "/Title": f"u:{item['title']}",
            "/Parent": parent,
            "/Dest": [pages[item["page"]], "/Fit"],
        }
        if n > 0:
            entry["/Prev"] = refs[n - 1]
        if n < len(refs) - 1:
            entry["/Next"] = refs[n + 1]
        children = item.get("children", [])
        if children:
            count = _link(objects, ref, children, pages)
            entry["/Count"] = count
            visible += count
        objects.fill(ref, entry)
    if refs:
        objects.fill(parent, {"/First": refs[0], "/Last": refs[-1], "/Count": visible})
    return visible


class Objects:
    """New and replaced objects, in qpdf's JSON (version 2): a reference is "7 0 R", a name
    "/Name", a text string "u:text"."""

    def __init__(self, highest):
        self.highest = highest
        self.values = {}
        self.trailer = None

    def reserve(self):
        self.highest += 1
        ref = f"{self.highest} 0 R"
        self.values[ref] = {}
        return ref

    def add(self, value):
        ref = self.reserve()
        self.values[ref] = value
        return ref

    def fill(self, ref, value):
        self.values[ref].update(value)

    def set(self, ref, value):
        self.values[ref] = value

    def set_trailer(self, value):
        self.trailer = value

    def as_json(self, header):
        body = {f"obj:{ref}": {"value": value} for ref, value in self.values.items()}
        if self.trailer is not None:
            body["trailer"] = {"value": self.trailer}
        return {"qpdf": [{**header, "maxobjectid": self.highest}, body]}
