"""The child process that reads papers' PDFs: run by sandbox.pdf_job, never imported by Django.

`inspect` counts a PDF's pages, or says why it cannot be read (damaged, protected by a
password). `stamp` writes each part of a pack (the front matter, each paper, each page standing
in for a paper) to a file of its own, every page stamped with its number in the pack (and
RESTRICTED on restricted papers' pages), stripped of whatever could act when the pack is opened.
qpdf.py puts the parts together and adds the bookmarks.

Reads JSON from standard input and writes JSON to standard output.
"""

import gc
import json
import sys

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
)

# What a pack keeps of a paper's annotations: links to web pages and within the document, notes.
SAFE_ACTIONS = {"/URI", "/GoTo"}
UNSAFE_ANNOTATIONS = {"/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia", "/Widget"}
# Entries of a document's catalogue that act when it is opened or carry other files.
ACTIVE_CATALOGUE = ("/OpenAction", "/AA", "/AcroForm")
ACTIVE_NAMES = ("/JavaScript", "/EmbeddedFiles")


def _reader(path):
    reader = PdfReader(path, strict=False)
    if reader.is_encrypted:
        # An empty user password only restricts printing or copying: the paper opens for anyone.
        try:
            opened = reader.decrypt("")
        except Exception as error:
            raise ValueError("it is protected by a password") from error
        if not opened:
            raise ValueError("it is protected by a password")
    return reader


def inspect(arguments):
    return {"results": [_inspect(path) for path in arguments["paths"]]}


def _inspect(path):
    try:
        reader = _reader(path)
        pages = len(reader.pages)
        for page in reader.pages:
            page.mediabox  # noqa: B018 (reading every page finds a damaged one now, not later)
    except ValueError as error:
        return {"error": str(error)}
    except (PdfReadError, KeyError, TypeError, AttributeError, IndexError, OSError):
        return {"error": "it is damaged or is not a PDF"}
    if pages == 0:
        return {"error": "it has no pages"}
    return {"pages": pages}


def strip_page(page):
    """Drops a page's actions and the annotations that could run something or carry a file."""
    for key in ("/AA",):
        if key in page:
            del page[NameObject(key)]
    if "/Annots" not in page:
        return
    kept = ArrayObject()
    for reference in page["/Annots"]:
        annotation = reference.get_object()
        if annotation.get("/Subtype") in UNSAFE_ANNOTATIONS:
            continue
        if "/AA" in annotation:
            del annotation[NameObject("/AA")]
        action = annotation.get("/A")
        if action is not None and action.get_object().get("/S") not in SAFE_ACTIONS:
            del annotation[NameObject("/A")]
        kept.append(reference)
    page[NameObject("/Annots")] = kept


def strip_document(writer):
    root = writer._root_object
    for key in ACTIVE_CATALOGUE:
        if key in root:
            del root[NameObject(key)]
    names = root.get("/Names")
    if names is not None:
        names = names.get_object()
        for key in ACTIVE_NAMES:
            if key in names:
                del names[NameObject(key)]


def _stamp(writer, page, overlay, number):
    """Puts the overlay's page (A4: the page number at the foot, RESTRICTED at the head) on the
    page, scaled to fit it and centred across it, whatever its size and orientation.

    The overlay goes in as a form drawn after the page's own content, which is wrapped in a
    saved graphics state and never parsed: parsing every page's content to merge into it took
    most of a pack's build time."""
    if int(page.get("/Rotate", 0)) % 360:
        page.transfer_rotation_to_content()
    box, size = page.mediabox, overlay.mediabox
    scale = min(float(box.width) / float(size.width), float(box.height) / float(size.height))
    shift_x = float(box.left) + (float(box.width) - float(size.width) * scale) / 2
    shift_y = float(box.bottom) + (float(box.height) - float(size.height) * scale) / 2
    drawn = overlay.get_contents()
    form = DecodedStreamObject()
    form.set_data(drawn.get_data() if drawn is not None else b"")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(v) for v in size]),
            NameObject("/Resources"): overlay["/Resources"].get_object().clone(writer),
        }
    )
    if "/Resources" not in page:
        page[NameObject("/Resources")] = DictionaryObject()
    resources = page["/Resources"].get_object()
    if "/XObject" not in resources:
        resources[NameObject("/XObject")] = DictionaryObject()
    name = NameObject(f"/SteercoStamp{number}")
    resources["/XObject"].get_object()[name] = writer._add_object(form)
    before, after = DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data(
        f"\nQ\nq {scale:.6f} 0 0 {scale:.6f} {shift_x:.4f} {shift_y:.4f} cm {name} Do Q\n".encode()
    )
    contents = page.get("/Contents")
    own = []
    if contents is not None:
        own = (
            list(contents.get_object())
            if isinstance(contents.get_object(), ArrayObject)
            else [contents]
        )
    page[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(before), *own, writer._add_object(after)]
    )


def stamp(arguments):
    return {"pages": [_stamp_pack(job) for job in arguments["packs"]]}


class _Overlays:
    """The overlay's pages, rendered in files of `chunk` pages each and opened one at a time:
    pages are stamped in order, so each file is read once and only one is ever held."""

    def __init__(self, paths, chunk):
        self.paths, self.chunk = paths, chunk
        self.index, self.reader = None, None

    def page(self, number):
        index = number // self.chunk
        if index != self.index:
            self.index, self.reader = index, PdfReader(self.paths[index])
        return self.reader.pages[number % self.chunk]


def _stamp_pack(arguments):
    """Writes each part of a pack (the front matter, each paper, each page standing in for a
    paper) stamped with its pages' numbers, to a file of its own, one part at a time: only one
    paper is ever held in memory, whatever the size of the pack. qpdf puts the parts together.
    The number of pages written."""
    overlays = _Overlays(arguments["overlays"], arguments["chunk"])
    inserts = None
    number = 0
    for part in arguments["parts"]:
        writer = PdfWriter()
        if part["kind"] == "insert":
            if inserts is None:
                inserts = PdfReader(arguments["inserts"])
            writer.add_page(inserts.pages[part["index"]])
        elif part["kind"] == "front":
            for page in PdfReader(part["path"]).pages:
                writer.add_page(page)
        else:
            for page in _reader(part["path"]).pages:
                strip_page(writer.add_page(page))
        for page in writer.pages:
            _stamp(writer, page, overlays.page(number), number)
            number += 1
        strip_document(writer)
        with open(part["output"], "wb") as output:
            writer.write(output)
        del writer
        gc.collect()
    return number


if __name__ == "__main__":
    job = {"inspect": inspect, "stamp": stamp}[sys.argv[1]]
    json.dump(job(json.load(sys.stdin)), sys.stdout)
