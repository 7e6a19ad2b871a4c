"""The upload check, given real hostile files made here: scripted PDFs, zip bombs and macros."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from steerco.documents.tests.scenario import docx_pages, pdf_pages, with_javascript
from steerco.lib.uploads import check_paper_file

MACROS = (
    "The selected file contains macros. Save it as a Word document (.docx), Excel workbook "
    "(.xlsx) or OpenDocument text (.odt) without macros and upload it again."
)
SCRIPTED = (
    "The selected PDF contains a script or an action that runs when it is opened. Save it "
    "again without them (for example, print it to PDF) and upload it again."
)


def _refusal(name, content):
    with pytest.raises(ValidationError) as refused:
        check_paper_file(SimpleUploadedFile(name, content))
    return refused.value.messages


def _xlsx():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _repacked(content, *, add=(), content_types=None):
    """The package with extra parts, or its content types changed."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "[Content_Types].xml" and content_types:
                data = content_types(data)
            target.writestr(part.filename, data)
        for name, data in add:
            target.writestr(name, data)
    return buffer.getvalue()


def test_ordinary_papers_pass():
    assert check_paper_file(SimpleUploadedFile("a.pdf", pdf_pages("Open"))) == "pdf"
    assert check_paper_file(SimpleUploadedFile("a.docx", docx_pages("Word"))) == "docx"
    assert check_paper_file(SimpleUploadedFile("a.xlsx", _xlsx())) == "xlsx"


def test_a_pdf_that_runs_javascript_when_opened_is_refused():
    assert _refusal("scripted.pdf", with_javascript()) == [SCRIPTED]


def test_a_pdf_whose_only_script_is_its_open_action_is_refused():
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_pages("Looks harmless"))))
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("this.exportDataObject({cName: 'x'})"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert _refusal("open-action.pdf", buffer.getvalue()) == [SCRIPTED]


def test_a_word_file_that_unpacks_to_far_more_than_its_size_is_refused():
    # 30 MB of zeros packs into about 30 KB: the table of contents says so before unpacking.
    bomb = _repacked(docx_pages("Bomb"), add=[("word/media/padding.bin", bytes(30 * 1024 * 1024))])
    assert len(bomb) < 200 * 1024
    assert _refusal("bomb.docx", bomb) == [
        "The selected file would unpack to 30.8\xa0MB in 18 parts, far more than a paper needs "
        "(at most 200.0\xa0MB). Save it again as an ordinary document and upload it again."
    ]


def test_an_excel_file_past_the_unpacked_limit_is_refused(settings):
    settings.PAPER_MAX_UNPACKED_BYTES = 1024 * 1024
    big = _repacked(_xlsx(), add=[("xl/media/image.bin", bytes(2 * 1024 * 1024))])
    assert _refusal("big.xlsx", big) == [
        "The selected file would unpack to 2.0\xa0MB in 10 parts, far more than a paper needs "
        "(at most 1.0\xa0MB). Save it again as an ordinary document and upload it again."
    ]


def test_a_word_file_with_macros_is_refused():
    docm = _repacked(
        docx_pages("Macro"),
        add=[("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really a VBA project")],
    )
    assert _refusal("macro.docx", docm) == [MACROS]


def test_an_excel_file_declaring_itself_macro_enabled_is_refused():
    def enable(types):
        return types.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )

    xlsm = _repacked(_xlsx(), content_types=enable)
    assert b"macroEnabled" in zipfile.ZipFile(io.BytesIO(xlsm)).read("[Content_Types].xml")
    assert _refusal("book.xlsx", xlsm) == [MACROS]
