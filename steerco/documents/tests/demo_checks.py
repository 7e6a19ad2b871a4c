"""The documents part of the demo council's checks: mixed into steerco/tests/test_demo.py, which
loads the demo once for them all, on a day when its next meeting is past its agenda deadline."""

import hashlib
import io
import tempfile
from pathlib import Path

from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from steerco.accounts.models import User
from steerco.documents import sandbox
from steerco.documents.models import CouncilReport, Pack
from steerco.governance.models import Body
from steerco.lib.dates import today
from steerco.meetings.models import Action, Decision, Declaration, Forwarding, Meeting


def record_file_url(name, meeting):
    return reverse(
        f"documents:{name}", kwargs={"org": meeting.organisation.slug, "meeting_pk": meeting.pk}
    )


class DocumentsDemoChecks:
    def test_the_demo_builds_the_packs_of_its_published_meeting_ahead(self):
        ahead = Meeting.objects.filter(on__gte="2026-12-07", agenda_published_at__isnull=False)
        assert ahead.count() == 1
        packs = Pack.objects.filter(meeting__in=ahead)
        assert {(pack.audience, pack.state) for pack in packs} >= {
            ("members", Pack.State.READY),
            ("public", Pack.State.READY),
        }

    def test_the_minutes_and_action_log_come_out_as_word_and_pdf_in_the_councils_styles(self):
        group = Body.objects.get(organisation__slug="northby", kind=Body.Kind.STEERING_GROUP)
        held = [m for m in group.meetings.order_by("on") if m.is_held(today())]
        approved, draft = held[-2], held[-1]
        assert approved.minutes_approved_at and not draft.minutes_approved_at
        self.client.force_login(User.objects.get(username="secretary"))
        # The meeting page offers them.
        page = self.client.get(draft.get_absolute_url()).content.decode()
        for name in ("minutes-docx", "minutes-pdf", "action-log-docx", "action-log-pdf"):
            assert record_file_url(name, draft) in page

        response = self.client.get(record_file_url("minutes-docx", approved))
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith('.docx"')
        document = Document(io.BytesIO(response.content))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        items = list(approved.items.order_by("position"))
        assert [h for h in headings if h[0].isdigit()] == [
            f"{i.position}. {i.title}" for i in items
        ]
        decisions = Decision.objects.filter(item__meeting=approved)
        assert decisions.exists()
        assert {f"Decision {d.reference}" for d in decisions} <= set(headings)
        assert document.paragraphs[0].style.name == "Title"
        text = "\n".join(p.text for p in document.paragraphs)
        assert "Approved as a correct record at the meeting of" in text
        # Styles, never direct formatting: every run takes its look from a style of the document.
        names = {style.name for style in document.styles}
        assert all(p.style.name in names for p in document.paragraphs)
        assert all(
            run.bold is None and run.italic is None and run.font.size is None
            for p in document.paragraphs
            for run in p.runs
        )
        actions = Action.objects.filter(meeting=approved)
        rows = sum(len(table.rows) - 1 for table in document.tables)
        assert rows == actions.count()

        # LibreOffice opens the Word file and makes a PDF of it without an error.
        with tempfile.TemporaryDirectory() as work:
            source = Path(work) / "minutes.docx"
            source.write_bytes(response.content)
            converted = sandbox.convert_to_pdf(
                source, sandbox.Limits(seconds=120), suffix="docx", into=Path(work)
            )
            assert PdfReader(converted).pages

        # Declarations and withdrawals are minuted at their item.
        declaration = Declaration.objects.get(kind=Declaration.Kind.PREJUDICIAL)
        declared = self.client.get(record_file_url("minutes-docx", declaration.item.meeting))
        text = "\n".join(p.text for p in Document(io.BytesIO(declared.content)).paragraphs)
        assert f"declared a prejudicial interest: {declaration.nature}." in text
        assert f"{declaration.person} withdrew for this item." in text

        response = self.client.get(record_file_url("minutes-pdf", approved))
        pdf = PdfReader(io.BytesIO(response.content))
        text = " ".join(page.extract_text() for page in pdf.pages)
        assert all(d.reference in text for d in decisions)

        log = self.client.get(record_file_url("action-log-docx", draft))
        table = Document(io.BytesIO(log.content)).tables[0]
        assert [cell.text for cell in table.rows[0].cells][:2] == ["No.", "Action"]
        previous = Meeting.objects.previous_to(draft)
        shown = Action.objects.log_for(draft, previous.on if previous else None)
        assert len(table.rows) - 1 == shown.count()
        assert self.client.get(record_file_url("action-log-pdf", draft)).status_code == 200

    def test_the_public_reads_approved_minutes_only_and_never_the_action_log(self):
        group = Body.objects.get(organisation__slug="northby", kind=Body.Kind.STEERING_GROUP)
        held = [m for m in group.meetings.order_by("on") if m.is_held(today())]
        approved, draft = held[-2], held[-1]
        assert self.client.get(record_file_url("minutes-pdf", approved)).status_code == 200
        assert self.client.get(record_file_url("minutes-docx", draft)).status_code == 404
        ahead = group.meetings.order_by("on").last()
        self.client.force_login(User.objects.get(username="secretary"))
        # A meeting not yet held has no minutes.
        assert self.client.get(record_file_url("minutes-docx", ahead)).status_code == 404
        self.client.logout()
        response = self.client.get(record_file_url("action-log-docx", approved))
        assert response.status_code == 302  # sign in first

    def test_each_forwarding_of_the_demo_keeps_the_word_file_sent(self):
        forwardings = Forwarding.objects.filter(meeting__organisation__slug="northby")
        assert forwardings.exists()
        for forwarding in forwardings.select_related("sent_file"):
            sent = forwarding.sent_file
            content = sent.file.open("rb").read()
            assert hashlib.sha256(content).hexdigest() == sent.sha256
            assert Document(io.BytesIO(content)).tables, forwarding

    def test_the_demo_has_seed_004s_report_to_the_city_executive_board(self):
        report = CouncilReport.objects.get(item__meeting__on="2011-12-07")
        self.client.force_login(User.objects.get(username="secretary"))
        response = self.client.get(
            reverse(
                "documents:council-report-pdf",
                kwargs={"org": "northby", "item_pk": report.item_id},
            )
        )
        text = " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
        assert "Efficient and Effective Council" in text
        assert "The City Executive Board approved the draft IT Strategy" in text

    def test_the_demo_forward_plan_gives_notice_of_the_next_meetings_key_decision(self):
        report = CouncilReport.objects.get(
            item__meeting__organisation__slug="northby",
            item__meeting__on__gt=today(),
            key_decision=True,
        )
        assert report.key_decision and not report.urgency_reason
        # First on the plan at the meeting before: well over 28 clear days before it is taken.
        assert (report.item.meeting.on - report.on_forward_plan_since).days > 28
        response = self.client.get(reverse("documents:forward-plan", kwargs={"org": "northby"}))
        assert response.status_code == 200
        assert report.title in response.content.decode()
        assert "Full notice" in response.content.decode()
        assert "Short notice" not in response.content.decode()
