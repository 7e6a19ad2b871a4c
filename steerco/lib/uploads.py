"""Uploaded papers are checked by what they contain, never by the name they were given.

A paper is untrusted: besides its type, the check refuses what would act when the paper is
opened or converted: a PDF that runs JavaScript or launches a program, a Word, Excel or
OpenDocument file with macros, and one whose parts would unpack to far more than the file (a
zip bomb), judged from the zip's own table of contents before any part is unpacked.
"""

import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from pypdf import PdfReader
from pypdf.errors import PdfReadError

# What a council circulates as a paper, by the type found in the file's own bytes.
PAPER_TYPES = {
    "pdf": "PDF",
    "docx": "Word document (DOCX)",
    "xlsx": "Excel spreadsheet (XLSX)",
    "odt": "OpenDocument text (ODT)",
}


def check_paper_file(upload):
    """The file's type ("pdf", "docx", …) when it is an allowed paper; ValidationError if not."""
    limit = settings.PAPER_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"The selected file must be smaller than {filesizeformat(limit)}.", code="too_big"
        )
    if upload.size == 0:
        raise ValidationError("The selected file is empty.", code="empty")
    upload.seek(0)
    kind = filetype.guess(upload.read(65536))
    upload.seek(0)
    if kind is None or kind.extension not in PAPER_TYPES:
        raise ValidationError(
            "The selected file must be a PDF, Word (DOCX), Excel (XLSX) or OpenDocument (ODT) "
            "file. Its contents are not one of these, whatever its name says.",
            code="wrong_type",
        )
    name_extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if name_extension != kind.extension:
        raise ValidationError(
            f"The selected file is called “{upload.name}” but it is a "
            f"{PAPER_TYPES[kind.extension]} file. Rename it to end in .{kind.extension} "
            "and upload it again.",
            code="name_mismatch",
        )
    upload.seek(0)
    if kind.extension == "pdf":
        _check_pdf(upload)
    else:
        _check_package(upload)
    upload.seek(0)
    return kind.extension


# A PDF action of these kinds runs a script, starts a program or sends data somewhere.
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/Rendition"}


def _is_active(action):
    action = action.get_object() if action is not None else None
    return hasattr(action, "get") and action.get("/S") in ACTIVE_ACTIONS


def _check_pdf(upload):
    refused = ValidationError(
        "The selected PDF contains a script or an action that runs when it is opened. Save it "
        "again without them (for example, print it to PDF) and upload it again.",
        code="active_content",
    )
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            # Protected by a password: nothing in it can be read, here or in a pack, which
            # says so on a page of its own.
            return
        root = reader.trailer["/Root"].get_object()
        names = root.get("/Names")
        names = names.get_object() if names is not None else {}
        if _is_active(root.get("/OpenAction")) or "/AA" in root or "/JavaScript" in names:
            raise refused
        for page in reader.pages:
            if "/AA" in page:
                raise refused
            for annotation in page.get("/Annots") or []:
                if _is_active(annotation.get_object().get("/A")):
                    raise refused
    except (PdfReadError, KeyError, TypeError, AttributeError, ValueError, IndexError, OSError):
        # A damaged PDF is named in the pack as one that could not be included.
        return


# Parts that hold macros: Word and Excel keep them in vbaProject.bin, OpenDocument in Basic/.
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
MACRO_FOLDERS = ("basic/", "scripts/")
MAX_PARTS = 5000


def _check_package(upload):
    try:
        package = zipfile.ZipFile(upload)
        parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationError(
            "The selected file is damaged: it cannot be opened as a Word, Excel or OpenDocument "
            "file. Save it again and upload it again.",
            code="damaged",
        ) from error
    unpacked = sum(part.file_size for part in parts)
    limit = settings.PAPER_MAX_UNPACKED_BYTES
    if (
        len(parts) > MAX_PARTS
        or unpacked > limit
        or unpacked > settings.PAPER_MAX_RATIO * max(upload.size, 100 * 1024)
    ):
        raise ValidationError(
            f"The selected file would unpack to {filesizeformat(unpacked)} in {len(parts)} "
            f"parts, far more than a paper needs (at most {filesizeformat(limit)}). Save it "
            "again as an ordinary document and upload it again.",
            code="unpacks_too_big",
        )
    names = [part.filename.lower() for part in parts]
    macros = any(name.rsplit("/", 1)[-1] in MACRO_PARTS for name in names) or any(
        name.startswith(MACRO_FOLDERS) for name in names
    )
    if not macros and "[content_types].xml" in names:
        types = next(p for p in parts if p.filename.lower() == "[content_types].xml")
        macros = types.file_size < 1024 * 1024 and b"macroenabled" in package.read(types).lower()
    if macros:
        raise ValidationError(
            "The selected file contains macros. Save it as a Word document (.docx), Excel "
            "workbook (.xlsx) or OpenDocument text (.odt) without macros and upload it again.",
            code="macros",
        )
