"""The child process that reads papers' PDFs: run by sandbox.pdf_job, never imported by Django.

`clean` counts each PDF's pages and writes a copy of it stripped of whatever could act when the
pack is opened, one paper at a time; or says why it cannot be read (damaged, protected by a
password). Each paper is cleaned once a build, however many packs hold it; qpdf.py puts the
cleaned papers together, stamps the page numbers on and adds the bookmarks.

Reads JSON from standard input and writes JSON to standard output.
"""

import gc
import json
import sys

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, NameObject

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


def clean(arguments):
    return {"results": [_clean(paper["path"], paper["output"]) for paper in arguments["papers"]]}


def _clean(path, output):
    """Writes the paper's pages to `output` stripped, each upright (a page's /Rotate turned into
    its content, so the page numbers qpdf stamps on it are upright too); its page count and
    each page's size in points."""
    try:
        reader = _reader(path)
        writer = PdfWriter()
        sizes = []
        for page in reader.pages:
            page = writer.add_page(page)
            if int(page.get("/Rotate", 0)) % 360:
                page.transfer_rotation_to_content()
            strip_page(page)
            # The box qpdf fits the page's number to: its overlay page is drawn this size.
            sizes.append(
                [round(float(page.trimbox.width), 2), round(float(page.trimbox.height), 2)]
            )
        strip_document(writer)
        pages = len(writer.pages)
        if pages:
            with open(output, "wb") as written:
                writer.write(written)
    except ValueError as error:
        return {"error": str(error)}
    except (PdfReadError, KeyError, TypeError, AttributeError, IndexError, OSError):
        return {"error": "it is damaged or is not a PDF"}
    finally:
        gc.collect()
    if pages == 0:
        return {"error": "it has no pages"}
    return {"pages": pages, "sizes": sizes}


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


if __name__ == "__main__":
    job = {"clean": clean}[sys.argv[1]]
    json.dump(job(json.load(sys.stdin)), sys.stdout)
