"""Word documents in the council's style: every paragraph, heading, list and table takes a
named style of the document (`council_document` sets them), never direct formatting, so a
council restyles every document by changing its styles.

python-docx writes them; the minutes, kept as sanitised HTML (steerco.lib.rich_text), are read
with the standard library's HTML parser into the same styles."""

import io
from html.parser import HTMLParser

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

FONT = "Arial"  # the font of most councils' house style
BLACK = RGBColor(0, 0, 0)
SIZES = {"Normal": 12, "Title": 20, "Subtitle": 14, "Heading 1": 16, "Heading 2": 14}
HEADINGS = ["Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5"]
# python-docx's default template has "Table Grid": ruled cells, which read as a table in Word.
TABLE_STYLE = "Table Grid"


def council_document(title):
    """A new document with the council's styles: Arial throughout, black headings."""
    document = Document()
    styles = document.styles
    for name in ["Normal", "Title", "Subtitle", *HEADINGS, "List Bullet", "List Number", "Quote"]:
        style = styles[name]
        style.font.name = FONT
        if name in SIZES:
            style.font.size = Pt(SIZES[name])
        if name.startswith("Heading") or name in ("Title", "Subtitle"):
            style.font.color.rgb = BLACK
    if "Table Heading" not in [style.name for style in styles]:
        heading = styles.add_style("Table Heading", WD_STYLE_TYPE.PARAGRAPH)
        heading.base_style = styles["Normal"]
        heading.font.bold = True
    document.core_properties.title = title
    return document


def to_bytes(document):
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def add_table(document, headings, rows):
    """A table with a heading row (repeated on each page) and text cells."""
    table = document.add_table(rows=1, cols=len(headings))
    table.style = document.styles[TABLE_STYLE]
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.paragraphs[0].text = heading
        cell.paragraphs[0].style = document.styles["Table Heading"]
    _repeat_heading_row(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.paragraphs[0].text = _text(value)
    return table


def _repeat_heading_row(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _text(value):
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return f"{value:%-d %B %Y}"
    return str(value)


class _RichText(HTMLParser):
    """The tags steerco.lib.rich_text allows, as paragraphs and runs of the document's styles."""

    BLOCKS = {"p": "Normal", "h5": "Heading 4", "h6": "Heading 5", "blockquote": "Quote"}

    def __init__(self, document):
        super().__init__(convert_charrefs=True)
        self.document = document
        self.paragraph = None
        self.lists = []  # "ul" or "ol", innermost last
        self.inline = []  # "Strong", "Emphasis"
        self.quote = False
        self.link = None

    def _start(self, style):
        self.paragraph = self.document.add_paragraph(style=self.document.styles[style])

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            self._start("List Number" if self.lists and self.lists[-1] == "ol" else "List Bullet")
        elif tag == "blockquote":
            self.quote = True
        elif tag in self.BLOCKS:
            if tag == "p" and self.lists and self.paragraph is not None:
                return  # a loose list's paragraph stays in its list item
            self._start("Quote" if self.quote and tag == "p" else self.BLOCKS[tag])
        elif tag == "strong":
            self.inline.append("Strong")
        elif tag == "em":
            self.inline.append("Emphasis")
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
        elif tag == "a":
            self.link = dict(attrs).get("href")

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.paragraph = None
        elif tag in ("strong", "em") and self.inline:
            self.inline.pop()
        elif tag == "blockquote":
            self.quote = False
        elif tag == "a":
            if self.link and self.paragraph is not None:
                self.paragraph.add_run(f" ({self.link})")
            self.link = None
        elif tag in self.BLOCKS and not self.lists:
            self.paragraph = None

    def handle_data(self, data):
        if not data.strip() and self.paragraph is None:
            return
        if self.paragraph is None:
            self._start("Normal")
        run = self.paragraph.add_run(data)
        if self.inline:
            run.style = self.document.styles[self.inline[-1]]


def add_rich_text(document, html):
    """Minutes kept as sanitised HTML, written into the document in its styles."""
    parser = _RichText(document)
    parser.feed(html)
    parser.close()


def minutes_docx(minutes):
    """The minutes of a meeting (`record.minutes_document`) as a Word document."""
    document = council_document(minutes.title)
    document.add_paragraph(minutes.title, style=document.styles["Title"])
    document.add_paragraph(minutes.when, style=document.styles["Subtitle"])
    document.add_paragraph(minutes.status)

    document.add_heading("Attendance", level=1)
    if minutes.present:
        document.add_heading("Present", level=2)
        for person, role in minutes.present:
            document.add_paragraph(f"{person} ({role})", style=document.styles["List Bullet"])
    if minutes.apologies:
        document.add_heading("Apologies", level=2)
        for person, substitute in minutes.apologies:
            text = f"{person}, represented by {substitute}" if substitute else str(person)
            document.add_paragraph(text, style=document.styles["List Bullet"])
    if minutes.absent:
        document.add_heading("Absent", level=2)
        for person in minutes.absent:
            document.add_paragraph(str(person), style=document.styles["List Bullet"])
    if not (minutes.present or minutes.apologies or minutes.absent):
        document.add_paragraph("No attendance has been recorded.")

    for entry in minutes.record.items:
        item = entry.item
        document.add_heading(f"{item.position}. {item.title}", level=1)
        for declaration in item.declaration_list:
            document.add_paragraph(
                f"{declaration.person} declared a {declaration.kind} "
                f"interest: {declaration.nature}."
            )
        for person in entry.withdrawn:
            document.add_paragraph(f"{person} withdrew for this item.")
        if item.minutes:
            add_rich_text(document, item.minutes)
        for decision in item.decision_list:
            document.add_heading(f"Decision {decision.reference}", level=2)
            document.add_paragraph(f"{decision.get_outcome_display()}: {decision.statement}")
            if decision.conditions:
                document.add_paragraph(f"Conditions: {decision.conditions}")
        if entry.actions:
            document.add_heading("Actions", level=2)
            add_table(
                document,
                ["No.", "Action", "Owner", "Due"],
                [(a.number, a.description, a.owner, a.due_on) for a in entry.actions],
            )
    return to_bytes(document)


def action_log_docx(minutes):
    """The action log as it stood at the meeting, as a Word document (what is forwarded)."""
    document = council_document(minutes.action_log_title)
    document.add_paragraph(minutes.action_log_title, style=document.styles["Title"])
    document.add_paragraph(minutes.action_log_status)
    if minutes.record.action_log:
        add_table(document, minutes.action_log_headings, minutes.action_log_rows)
    else:
        document.add_paragraph("The action log has no actions.")
    return to_bytes(document)


def council_report_docx(report):
    """A council report (`reports.report_document`) as a Word document."""
    document = council_document(report.report.title)
    document.add_paragraph(report.report.title, style=document.styles["Title"])
    document.add_heading("Summary and recommendations", level=1)
    for label, value in report.front_matter:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ", style=document.styles["Strong"])
        paragraph.add_run(value)
    document.add_heading("Recommendations", level=2)
    for line in report.report.recommendation_list:
        document.add_paragraph(line, style=document.styles["List Number"])
    if report.appendices:
        document.add_heading("Appendices to the report", level=2)
        for name in report.appendix_names:
            document.add_paragraph(name, style=document.styles["List Bullet"])
    for heading, texts in report.sections:
        document.add_heading(heading, level=1)
        for text in texts:
            document.add_paragraph(text)
    if report.decisions:
        document.add_heading("Decision", level=1)
        for line in report.decision_lines:
            document.add_paragraph(line)
    document.add_heading("Contact officer", level=1)
    document.add_paragraph(report.report.contact_officer)
    return to_bytes(document)
