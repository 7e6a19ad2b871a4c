"""Uploaded papers are checked by what they contain, never by the name they were given."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

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
    return kind.extension
