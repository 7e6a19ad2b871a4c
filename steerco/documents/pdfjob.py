"""The child process that reads papers' PDFs: run by sandbox.pdf_job, never imported by Django.

`inspect` counts a PDF's pages, or says why it cannot be read (damaged, protected by a
password). `assemble` merges the front matter, the papers and the pages standing in for papers
into one pack, stamps every page with its number (and RESTRICTED on restricted papers' pages),
adds the bookmarks and strips whatever could act when the pack is opened.

Reads JSON from standard input and writes JSON to standard output.
"""

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


def assemble(arguments):
    return {"pages": [_assemble(job) for job in arguments["packs"]]}


def _assemble(arguments):
    front = PdfReader(arguments["front"])
    inserts = PdfReader(arguments["inserts"]) if arguments.get("inserts") else None
    overlay = PdfReader(arguments["overlay"])
    writer = PdfWriter()
    for page in front.pages:
        writer.add_page(page)
    for part in arguments["parts"]:
        if part["kind"] == "insert":
            writer.add_page(inserts.pages[part["index"]])
            continue
        reader = _reader(part["path"])
        for page in reader.pages:
            added = writer.add_page(page)
            strip_page(added)
    for number, page in enumerate(writer.pages):
        _stamp(writer, page, overlay.pages[number], number)
    for item in arguments["outline"]:
        parent = writer.add_outline_item(title=item["title"], page_number=item["page"])
        for child in item.get("children", []):
            writer.add_outline_item(title=child["title"], page_number=child["page"], parent=parent)
    writer.add_metadata({"/Title": arguments.get("title", "Agenda pack"), "/Producer": "steerco"})
    strip_document(writer)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    with open(arguments["output"], "wb") as output:
        writer.write(output)
    return len(writer.pages)


if __name__ == "__main__":
    job = {"inspect": inspect, "assemble": assemble}[sys.argv[1]]
    json.dump(job(json.load(sys.stdin)), sys.stdout)
