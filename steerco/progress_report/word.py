"""The annual progress report as a Word document in the council report format, in the
council's styles (`documents/word.py`): headings, lists and tables, never direct formatting."""

from steerco.documents.reports import paragraphs
from steerco.documents.word import add_table, council_document, to_bytes
from steerco.progress_report import tables


def annual_report_docx(report):
    document = council_document(report.title)
    styles = document.styles
    document.add_paragraph(report.title, style=styles["Title"])
    missing = report.front_matter.missing
    if missing:
        document.add_paragraph(tables.draft_note(missing), style=styles["Quote"])
    document.add_heading("Summary and recommendations", level=1)
    for label, value in report.front_matter_rows:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ", style=styles["Strong"])
        paragraph.add_run(value or "Not yet written")
    document.add_heading("Summary", level=2)
    summary = report.commentary.get("summary")
    document.add_paragraph(summary.text if summary else "Not yet written")
    document.add_heading("Recommendations", level=2)
    for line in report.front_matter.recommendation_list:
        document.add_paragraph(line, style=styles["List Number"])
    for value, heading, commentary in report.sections[1:]:
        document.add_heading(heading, level=1)
        if commentary:
            for text in paragraphs(commentary.text):
                document.add_paragraph(text)
        for caption, headings, rows in tables.section_tables(report, value):
            document.add_heading(caption, level=2)
            if rows:
                add_table(document, headings, rows)
            else:
                document.add_paragraph("None.")
    for heading, text in report.implications:
        document.add_heading(heading, level=1)
        for block in paragraphs(text) or ["Not yet written"]:
            document.add_paragraph(block)
    if report.front_matter.appendix_list:
        document.add_heading("Appendices", level=1)
        for line in report.front_matter.appendix_list:
            document.add_paragraph(line, style=document.styles["List Number"])
    return to_bytes(document)
