"""Papers for the pack tests, made in the test: real PDFs of known pages and text, a Word paper,
and the hostile and broken ones a council is sent."""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject


def pdf_pages(*texts, size="A4"):
    """A real PDF with one page for each text."""
    from weasyprint import HTML

    pages = "".join(f'<p style="break-after: page">{text}</p>' for text in texts)
    html = f"<style>@page {{ size: {size}; }}</style>{pages}"
    return HTML(string=html).write_pdf()


def password_protected(text="Locked paper"):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_pages(text))))
    writer.encrypt(user_password="open-sesame", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def damaged():
    """Starts like a PDF, so the upload takes it as one, and goes on as nonsense."""
    return b"%PDF-1.7\n" + b"\x00garbage that is not a PDF at all\n" * 200


def with_javascript(text="Scripted paper"):
    """A PDF that runs JavaScript when opened, and on its first page, and carries a file."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_pages(text))))
    script = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hello')"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(script)
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): writer._add_object(script)}
    )
    writer.add_attachment("payload.exe", b"MZ not really")
    names = writer._root_object["/Names"]
    names[NameObject("/JavaScript")] = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("again"), writer._add_object(script)])}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_pages(text):
    from docx import Document

    document = Document()
    document.add_heading("Hosting options", level=1)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
