"""Council reports in the format of seeds 003 and 004 (issue 13 §3)."""

import io
from datetime import date, time

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from steerco.accounts.models import Organisation
from steerco.documents import actions as document_actions
from steerco.documents.models import CouncilReport
from steerco.governance.models import Body
from steerco.meetings import actions
from steerco.meetings.models import AgendaItem, Attendance, Decision
from steerco.meetings.tests.conftest import on_the_day, pdf_bytes  # noqa: F401

pytestmark = pytest.mark.django_db

FRONT = {
    "title": "ICT Strategy",
    "report_of": "Adrian Orchard, Head of ICT Strategy",
    "report_date_0": "7",
    "report_date_1": "12",
    "report_date_2": "2030",
    "purpose": "To propose a strategy for the council's IT systems for five years.",
    "key_decision": "yes",
    "lead_member": "Cllr Ed Turner",
    "policy_framework": "Efficient and Effective Council",
    "summary": "The previous strategy ends in 2012.\n\nNew circumstances change the priorities.",
    "recommendations": "Approve the draft IT Strategy.\nApprove the action plan.",
    "detail": "",
    "financial": "Within the approved capital programme.",
    "legal": "None.",
    "equality": "There are no likely equality impacts.",
    "risk": "A risk assessment is attached.",
    "contact_officer": "Adrian Orchard, Head of ICT Strategy, 01865 252000",
}


def url(name, organisation, item, file_type=None):
    suffix = f"-{file_type}" if file_type else "-form"
    return reverse(
        f"documents:council-report{suffix}", kwargs={"org": organisation.slug, "item_pk": item.pk}
    )


@pytest.fixture
def written(client, organisation, item, secretary):
    client.force_login(secretary)
    response = client.post(url("", organisation, item), FRONT)
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    return CouncilReport.objects.get(item=item)


def paper(item, secretary, title, **restriction):
    return actions.add_paper(
        item,
        title=title,
        upload=SimpleUploadedFile("paper.pdf", pdf_bytes()),
        by=secretary,
        **restriction,
    )


def test_the_secretary_writes_a_report_that_comes_out_in_word_in_the_councils_format(
    client, organisation, item, secretary, written
):
    paper(item, secretary, "IT Strategy")
    paper(item, secretary, "Risks and impacts")
    client.force_login(secretary)
    response = client.get(url("", organisation, item, "docx"))
    document = docx.Document(io.BytesIO(response.content))
    text = [p.text for p in document.paragraphs]
    styles = {p.text: p.style.name for p in document.paragraphs}

    assert response.status_code == 200
    assert text[0] == "ICT Strategy" and styles["ICT Strategy"] == "Title"
    assert "Key decision: Yes" in text
    assert "Report of: Adrian Orchard, Head of ICT Strategy" in text
    assert f"To: {item.meeting.body.name}" in text
    assert [t for t in text if styles[t] == "List Number"] == [
        "Approve the draft IT Strategy.",
        "Approve the action plan.",
    ]
    assert "Appendix 1: IT Strategy" in text and "Appendix 2: Risks and impacts" in text
    assert [t for t in text if t.startswith(("The previous", "New circumstances"))] == [
        "The previous strategy ends in 2012.",
        "New circumstances change the priorities.",
    ]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    # The detail was left blank: it is left out.
    assert headings == [
        "Summary and recommendations",
        "Recommendations",
        "Appendices to the report",
        "Summary",
        "Financial implications",
        "Legal implications",
        "Equality implications",
        "Risk implications",
        "Contact officer",
    ]


def test_the_report_comes_out_as_pdf(client, organisation, item, secretary, written):
    client.force_login(secretary)
    response = client.get(url("", organisation, item, "pdf"))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    for words in ("ICT Strategy", "Key decision", "Cllr Ed Turner", "Approve the action plan"):
        assert words in text


def test_a_report_with_its_front_matter_incomplete_is_refused_field_by_field(
    client, organisation, item, secretary
):
    client.force_login(secretary)
    incomplete = {**FRONT, "purpose": "", "recommendations": " \n ", "key_decision": ""}
    del incomplete["financial"]
    response = client.post(url("", organisation, item), incomplete)
    errors = response.context["form"].errors

    assert response.status_code == 200
    assert errors["purpose"] == ["Enter the purpose of the report."]
    assert errors["recommendations"] == ["Enter the recommendations."]
    assert errors["key_decision"] == ["Select whether it is a key decision."]
    assert errors["financial"] == ["Enter the financial implications."]
    assert not CouncilReport.objects.exists()


def test_a_change_says_why_and_is_kept_in_the_history(
    client, organisation, item, secretary, written
):
    client.force_login(secretary)
    changed = {**FRONT, "key_decision": "no", "version": written.version}
    refused = client.post(url("", organisation, item), changed)
    assert refused.context["form"].errors["reason"] == ["Enter why the report is changing."]

    done = client.post(url("", organisation, item), {**changed, "reason": "Not a key decision"})
    stale = client.post(url("", organisation, item), {**changed, "reason": "Again"})

    assert done.status_code == 302
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()
    written.refresh_from_db()
    assert written.key_decision is False
    assert [(h.history_change_reason, h.history_user) for h in written.history.all()] == [
        ("Changed: Not a key decision", secretary),
        ("Council report written", secretary),
    ]


def test_a_report_on_restricted_business_is_as_restricted_as_its_papers(
    client, organisation, item, secretary, officer, written
):
    meeting = item.meeting
    actions.publish_agenda(meeting, by=secretary, now=timezone.now())
    public = type(client)()
    assert public.get(url("", organisation, item, "pdf")).status_code == 200

    paper(
        item,
        secretary,
        "Supplier prices",
        restricted=True,
        exemption="commercial",
        late_reason="The prices came after the agenda.",
    )

    assert public.get(url("", organisation, item, "pdf")).status_code == 404
    client.force_login(officer)
    assert client.get(url("", organisation, item, "docx")).status_code == 404
    client.force_login(secretary)
    assert client.get(url("", organisation, item, "docx")).status_code == 200


def test_before_the_agenda_is_published_the_public_reads_no_report(
    client, organisation, item, written
):
    assert client.get(url("", organisation, item, "pdf")).status_code in (302, 404)


def test_only_whoever_runs_the_body_writes_reports(client, organisation, item, member):
    client.force_login(member)
    assert client.get(url("", organisation, item)).status_code == 404


def test_the_meeting_page_offers_the_reports_and_the_items_still_without_one(
    client, organisation, item, secretary, member, written
):
    other = actions.save_item(
        type(item)(meeting=item.meeting, title="Data centre exit", purpose="decision"),
        by=secretary,
    )
    client.force_login(secretary)
    page = client.get(item.meeting.get_absolute_url()).content.decode()
    assert url("", organisation, item, "docx") in page
    assert url("", organisation, other) in page
    client.force_login(member)
    page = client.get(item.meeting.get_absolute_url()).content.decode()
    assert url("", organisation, item, "docx") in page
    assert url("", organisation, other) not in page


def test_a_long_agenda_lists_the_first_items_without_a_report_and_the_rest_on_their_own_page(
    client, organisation, item, secretary, member, written
):
    from steerco.documents.sections import REPORTS_SHOWN

    extra = [
        actions.save_item(
            type(item)(meeting=item.meeting, title=f"Decision {n}", purpose="decision"),
            by=secretary,
        )
        for n in range(REPORTS_SHOWN + 2)
    ]
    whole = reverse(
        "documents:meeting-council-reports",
        kwargs={"org": organisation.slug, "meeting_pk": item.meeting.pk},
    )
    client.force_login(secretary)
    page = client.get(item.meeting.get_absolute_url()).content.decode()
    listed = [other for other in extra if url("", organisation, other) in page]
    assert listed == extra[:REPORTS_SHOWN]
    assert f"({REPORTS_SHOWN + 2}, the first {REPORTS_SHOWN} listed)" in page
    assert whole in page
    page = client.get(whole).content.decode()
    assert all(url("", organisation, other) in page for other in extra)
    assert url("", organisation, item, "docx") in page
    # A member reads the reports but is offered nothing to write.
    client.force_login(member)
    page = client.get(whole).content.decode()
    assert url("", organisation, item, "docx") in page
    assert not any(url("", organisation, other) in page for other in extra)


def test_a_decision_taken_on_the_item_is_in_the_report(
    client,
    organisation,
    item,
    secretary,
    chair,
    members,
    written,
    on_the_day,  # noqa: F811
):
    for person in members:
        actions.record_attendance(
            item.meeting,
            person=person,
            status=Attendance.Status.PRESENT,
            by=secretary,
            now=item.meeting.starts(),
        )
    decision = actions.record_decision(
        item,
        statement="The strategy is approved.",
        outcome=Decision.Outcome.APPROVED,
        confirmed_by=chair,
        by=secretary,
    )
    client.force_login(secretary)
    document = docx.Document(io.BytesIO(client.get(url("", organisation, item, "docx")).content))
    text = [p.text for p in document.paragraphs]
    assert f"{decision.reference}: Approved. The strategy is approved." in text


def short_notice_meeting(steering_group, secretary):
    """A meeting 20 days after the fixed day of these tests (1 June 2026)."""
    return actions.schedule_meeting(
        steering_group,
        on=date(2026, 6, 22),
        starts_at=time(10),
        by=secretary,
        today=date(2026, 6, 1),
        confirm_unusual_day=True,
    )


def test_a_key_decision_goes_on_the_public_forward_plan_the_day_it_is_marked(
    client, organisation, item, written
):
    response = client.get(reverse("documents:forward-plan", kwargs={"org": organisation.slug}))
    written.refresh_from_db()

    assert written.on_forward_plan_since == date(2026, 6, 1)
    assert [entry.report for entry in response.context["entries"]] == [written]
    assert "Full notice" in response.content.decode()
    assert "ICT Strategy" in response.content.decode()


def test_a_key_decision_with_less_than_28_clear_days_notice_must_say_why_it_is_urgent(
    client, organisation, steering_group, secretary
):
    meeting = short_notice_meeting(steering_group, secretary)
    item = actions.save_item(
        AgendaItem(meeting=meeting, title="Telephony contract", purpose="decision"), by=secretary
    )
    client.force_login(secretary)
    refused = client.post(url("", organisation, item), FRONT)
    assert refused.context["form"].errors["urgency_reason"] == [
        "It would be taken 20 clear days after it first appeared on the forward plan: a key "
        "decision needs 28, so the earliest day is 30 June 2026. Enter why the decision is "
        "urgent, or put it to a later meeting."
    ]
    urgent = {**FRONT, "urgency_reason": "The contract ends on 30 June."}
    assert client.post(url("", organisation, item), urgent).status_code == 302
    plan = client.get(
        reverse("documents:forward-plan", kwargs={"org": organisation.slug})
    ).content.decode()
    assert "Short notice" in plan and "The contract ends on 30 June." in plan


def test_a_report_written_after_the_decision_was_never_on_the_plan(
    organisation, steering_group, secretary
):
    meeting = actions.schedule_meeting(
        steering_group, on=date(2026, 3, 10), starts_at=time(10), by=secretary,
        today=date(2026, 1, 1),
    )  # fmt: skip
    item = actions.save_item(AgendaItem(meeting=meeting, title="Old"), by=secretary)
    fields = {k: v for k, v in FRONT.items() if not k.startswith("report_date")}
    report = document_actions.save_council_report(
        CouncilReport(item=item, report_date=date(2026, 3, 1), **{**fields, "key_decision": True}),
        by=secretary,
    )
    assert report.on_forward_plan_since is None


def test_each_body_has_its_own_forward_plan_and_both_come_as_pdf(
    client, organisation, item, written, secretary
):
    other_body = Body.objects.create(organisation=organisation, name="Cabinet")
    other_meeting = actions.schedule_meeting(
        other_body, on=date(2026, 9, 1), starts_at=time(18), by=secretary,
        today=date(2026, 6, 1),
    )  # fmt: skip
    other_item = actions.save_item(
        AgendaItem(meeting=other_meeting, title="Data centre", purpose="decision"), by=secretary
    )
    fields = {k: v for k, v in FRONT.items() if not k.startswith("report_date")}
    document_actions.save_council_report(
        CouncilReport(
            item=other_item,
            report_date=date(2026, 6, 1),
            **{**fields, "title": "Data centre move", "key_decision": True},
        ),
        by=secretary,
    )

    def plan(name, **kwargs):
        return client.get(reverse(name, kwargs={"org": organisation.slug, **kwargs}))

    whole = plan("documents:forward-plan")
    own = plan("documents:body-forward-plan", pk=other_body.pk)
    titles = [e.report.title for e in whole.context["entries"]]
    assert titles == ["Data centre move", "ICT Strategy"]  # soonest first
    assert [e.report.title for e in own.context["entries"]] == ["Data centre move"]
    assert (
        reverse(
            "documents:body-forward-plan", kwargs={"org": organisation.slug, "pk": other_body.pk}
        )
        in whole.content.decode()
    )

    for response, expected, absent in (
        (plan("documents:forward-plan-pdf"), ["ICT Strategy", "Data centre move"], None),
        (plan("documents:body-forward-plan-pdf", pk=other_body.pk), ["Data centre move"], "2031"),
    ):
        assert response["Content-Type"] == "application/pdf"
        pages = PdfReader(io.BytesIO(response.content)).pages
        text = " ".join(" ".join(page.extract_text() for page in pages).split())
        assert all(title in text for title in expected)
        assert "Published 1 June 2026" in text
        assert absent is None or absent not in text


def test_a_body_of_another_council_has_no_forward_plan_here(client, organisation, written):
    elsewhere = Organisation.objects.create(name="Elsewhere", slug="elsewhere")
    body = Body.objects.create(organisation=elsewhere, name="Its steering group")
    response = client.get(
        reverse("documents:body-forward-plan", kwargs={"org": organisation.slug, "pk": body.pk})
    )
    assert response.status_code == 404


def test_moving_a_meeting_earlier_warns_that_a_key_decision_has_too_little_notice(
    client, item, written, secretary
):
    meeting = item.meeting
    client.force_login(secretary)
    assert "without enough notice" not in client.get(meeting.get_absolute_url()).content.decode()

    actions.move_meeting(
        meeting, on=date(2026, 6, 15), starts_at=meeting.starts_at, location=meeting.location,
        reason="The chair is away.", by=secretary, today=date(2026, 6, 1),
        confirm_unusual_day=True,
    )  # fmt: skip
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f"Item {item.position}, {item.title}, is a key decision without enough notice." in page
    assert "It would be taken 13 clear days after it first appeared on the forward plan" in page

    written.urgency_reason = "The contract ends on 30 June."
    document_actions.save_council_report(written, by=secretary, version=written.version,
                                         reason="Urgent")  # fmt: skip
    assert "without enough notice" not in client.get(meeting.get_absolute_url()).content.decode()


def test_the_forward_plans_download_as_spreadsheets_for_anyone(
    client, organisation, steering_group, secretary
):
    from steerco.meetings.tests.test_exports import csv_rows, xlsx_rows

    meeting = short_notice_meeting(steering_group, secretary)
    item = actions.save_item(
        AgendaItem(meeting=meeting, title="Telephony contract", purpose="decision"), by=secretary
    )
    fields = {k: v for k, v in FRONT.items() if not k.startswith("report_date")}
    document_actions.save_council_report(
        CouncilReport(
            item=item, report_date=date(2026, 6, 1),
            **{**fields, "title": "=Telephony", "key_decision": True,
               "urgency_reason": "The contract ends on 30 June."},
        ),
        by=secretary,
    )  # fmt: skip
    other_body = Body.objects.create(organisation=organisation, name="Cabinet")

    def address(name, file_type="", **kwargs):
        suffix = f"-{file_type}" if file_type else ""
        return reverse(f"documents:{name}{suffix}", kwargs={"org": organisation.slug, **kwargs})

    page = client.get(address("forward-plan"))
    shown = [entry.report.title for entry in page.context["entries"]]
    rows = csv_rows(client.get(address("forward-plan", "csv")))
    sheet = xlsx_rows(client.get(address("forward-plan", "xlsx")))
    body_rows = csv_rows(client.get(address("body-forward-plan", "csv", pk=steering_group.pk)))
    other_rows = csv_rows(client.get(address("body-forward-plan", "csv", pk=other_body.pk)))

    assert shown == ["=Telephony"]
    assert [row[0] for row in sheet[1:]] == shown
    assert rows[1][:5] == [
        "'=Telephony", steering_group.name, "2026-06-22", "2026-06-01",
        f"Short notice: {page.context['entries'][0].short_notice}. "
        "Urgent because: The contract ends on 30 June.",
    ]  # fmt: skip
    assert body_rows == rows and other_rows == [rows[0]]
    assert address("forward-plan", "xlsx") in page.content.decode()
