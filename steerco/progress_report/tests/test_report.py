import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import time_machine
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from steerco.portfolio import actions as portfolio_actions
from steerco.portfolio.models import Project
from steerco.progress_report import actions
from steerco.progress_report.models import Commentary, FrontMatter
from steerco.progress_report.tests.conftest import YEAR, project
from steerco.risks import actions as risk_actions
from steerco.risks.models import RiskCategory
from steerco.risks.tests.conftest import SCORES
from steerco.strategy import actions as strategy_actions
from steerco.strategy.models import KPI, Strategy, Theme


def url(name, organisation, strategy, year=YEAR, **query):
    address = reverse(
        f"progress_report:{name}", kwargs={"org": organisation.slug, "strategy_pk": strategy.pk}
    )
    extra = "".join(f"&{key}={value}" for key, value in query.items())
    return f"{address}?year={year}{extra}"


def build_the_year(organisation, secretary, officer, strategy):
    """Records of every kind, some in the year 2026/27 and some not."""
    with time_machine.travel(datetime(2026, 3, 1, 9), tick=False):
        moved = project(
            organisation, secretary, "P-MOVED", stage="in_delivery", ends_on=date(2026, 12, 31)
        )
    moved.ends_on = date(2027, 3, 31)
    portfolio_actions.save_project(moved, by=secretary)
    started = project(
        organisation, secretary, "P-START", stage="in_delivery", starts_on=date(2026, 5, 1)
    )
    project(organisation, secretary, "P-IDEA", stage="idea", starts_on=date(2026, 5, 1))
    project(organisation, secretary, "P-OLD", stage="in_delivery", starts_on=date(2025, 5, 1))
    closed = project(organisation, secretary, "P-CLOSE", stage="in_delivery")
    closed.stage = Project.Stage.CLOSED
    portfolio_actions.save_project(closed, by=secretary)
    late = project(organisation, secretary, "P-LATE", stage="in_delivery", ends_on=date(2026, 5, 1))
    due = portfolio_actions.add_benefit(
        started,
        description="Printing costs saved",
        kind="cashable",
        target_value=Decimal("1000.00"),
        target_on=date(2026, 9, 30),
        by=secretary,
    )
    portfolio_actions.record_realisation(
        due, on=date(2026, 5, 15), value=Decimal("400.00"), evidence="Invoices", by=secretary
    )
    portfolio_actions.add_benefit(
        started,
        description="Fewer calls",
        kind="cashable",
        target_value=Decimal("500.00"),
        target_on=date(2027, 9, 30),
        by=secretary,
    )
    kpi = KPI.objects.get(organisation=organisation, name="Service availability")
    kpi.target, kpi.tolerance = Decimal("99.5"), Decimal("0.5")
    kpi.theme = Theme.objects.get(strategy=strategy)
    strategy_actions.save_kpi(kpi, by=secretary)
    for month, value in ((3, "99.9"), (4, "99.8"), (5, "98.0")):
        strategy_actions.record_measurement(
            kpi, period_starts_on=date(2026, month, 1), value=Decimal(value), by=secretary
        )
    return {"late": late, "started": started, "closed": closed, "moved": moved, "kpi": kpi}


def test_the_report_holds_the_years_records(
    client, organisation, secretary, officer, strategy, decision, risks
):
    made = build_the_year(organisation, secretary, officer, strategy)
    client.force_login(secretary)
    response = client.get(url("report", organisation, strategy))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.label == "2026/27"
    assert [p.reference for p in report.projects.started] == ["P-START"]
    assert [p.reference for p in report.projects.delivered] == ["P-CLOSE"]
    assert [(p.reference, p.moved) for p in report.projects.slipped] == [
        ("P-LATE", False),
        ("P-MOVED", True),
    ]
    assert [(b.description, b.planned, b.realised) for b in report.benefits.rows] == [
        ("Printing costs saved", Decimal("1000.00"), Decimal("400.00"))
    ]
    assert [(k.name, k.latest.period, k.latest.status, k.trend) for k in report.kpis] == [
        ("Service availability", "May 2026", "red", "worsening")
    ]
    assert [r.title for r in report.risks] == [
        "Data centre not failed over",
        "Supplier in administration",
    ]
    assert [r.movement for r in report.risks] == ["New", "New"]
    assert report.decisions == [decision]
    assert [t.progress.percent for t in report.themes] == [None]
    page = response.content.decode()
    assert "P-START Project P-START" in page and "£1,000.00" in page and "£400.00" in page
    assert "<svg" in page

    # The report changes with the records.
    late = made["late"]
    late.stage = Project.Stage.CLOSED
    portfolio_actions.save_project(late, by=secretary)
    report = client.get(url("report", organisation, strategy)).context["report"]
    assert [p.reference for p in report.projects.delivered] == ["P-CLOSE", "P-LATE"]
    assert [p.reference for p in report.projects.slipped] == ["P-MOVED"]


def test_a_risk_the_reader_may_not_read_is_not_in_the_report(
    client, organisation, officer, strategy, risks
):
    client.force_login(officer)
    response = client.get(url("report", organisation, strategy))
    assert [r.title for r in response.context["report"].risks] == ["Data centre not failed over"]
    assert "Supplier in administration" not in response.content.decode()
    document = client.get(url("report-docx", organisation, strategy))
    text = "\n".join(p.text for p in Document(io.BytesIO(document.content)).paragraphs)
    cells = [
        cell.text
        for table in Document(io.BytesIO(document.content)).tables
        for row in table.rows
        for cell in row.cells
    ]
    assert "Supplier in administration" not in text + "".join(cells)
    pdf = client.get(url("report-pdf", organisation, strategy)).content
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Data centre" in pdf_text and "Supplier" not in pdf_text


def test_the_year_is_one_the_strategy_covers(client, organisation, officer, strategy):
    client.force_login(officer)
    assert client.get(url("report", organisation, strategy, year=2023)).status_code == 404
    assert client.get(url("report", organisation, strategy, year=2027)).status_code == 404
    assert client.get(url("report", organisation, strategy, year="x")).status_code == 404
    address = reverse(
        "progress_report:report", kwargs={"org": organisation.slug, "strategy_pk": strategy.pk}
    )
    # Without a year: the latest year that has ended.
    assert client.get(address).context["report"].year == 2025


def test_another_councils_strategy_is_not_found(client, outsider, organisation, strategy):
    client.force_login(outsider)
    assert client.get(url("report", organisation, strategy)).status_code == 404


def test_only_whoever_records_the_strategy_writes_the_report(
    client, organisation, officer, member, strategy
):
    for person in (officer, member):
        client.force_login(person)
        assert client.get(url("report", organisation, strategy)).status_code == 200
        assert client.get(url("front-matter", organisation, strategy)).status_code == 403
        commentary = url("commentary", organisation, strategy, section="kpis")
        assert client.post(commentary, {"text": "Good"}).status_code == 403
    assert not Commentary.objects.exists()


def test_commentary_is_kept_with_its_history_and_a_stale_edit_is_refused(
    client, organisation, secretary, strategy
):
    client.force_login(secretary)
    address = url("commentary", organisation, strategy, section="kpis")
    assert client.get(url("commentary", organisation, strategy, section="nope")).status_code == 404
    response = client.post(address, {"text": "Availability fell in May."})
    assert response.status_code == 302
    commentary = Commentary.objects.get()
    opened = commentary.version
    response = client.post(
        address, {"text": "Availability fell in May: a power cut.", "version": opened}
    )
    assert response.status_code == 200
    assert "Enter why you are changing the commentary." in response.content.decode()
    client.post(
        address,
        {"text": "Availability fell in May: a power cut.", "version": opened, "reason": "Cause"},
    )
    response = client.post(address, {"text": "Stale words", "version": opened, "reason": "Mine"})
    assert "since you opened it" in response.content.decode()
    commentary.refresh_from_db()
    assert commentary.text == "Availability fell in May: a power cut."
    assert [
        (row.text, row.history_change_reason, row.history_user)
        for row in commentary.history.order_by("history_id")
    ] == [
        ("Availability fell in May.", "Commentary written", secretary),
        ("Availability fell in May: a power cut.", "Changed: Cause", secretary),
    ]
    page = client.get(url("report", organisation, strategy)).content.decode()
    assert "Availability fell in May: a power cut." in page


def test_incomplete_front_matter_is_named_and_the_documents_are_drafts(
    client, organisation, secretary, strategy
):
    client.force_login(secretary)
    page = client.get(url("report", organisation, strategy)).content.decode()
    assert "The front matter is not complete" in page
    assert "the executive lead member" in page
    pdf = client.get(url("report-pdf", organisation, strategy))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Draft: the front matter is not complete" in text

    response = client.post(
        url("front-matter", organisation, strategy),
        {
            "report_of": "Adrian Orchard, Head of ICT",
            "report_date_0": "7",
            "report_date_1": "12",
            "report_date_2": "2026",
            "purpose": "To report the strategy's progress in 2026/27.",
            "key_decision": "no",
            "lead_member": "Cllr Ed Turner",
            "policy_framework": "Efficient and Effective Council",
            "recommendations": "That the Board notes the progress.\nThat the plan goes on.",
            "contact_officer": "Adrian Orchard",
        },
    )
    assert response.status_code == 302
    front = FrontMatter.objects.get()
    assert front.missing == [
        "the financial implications",
        "the legal implications",
        "the equality implications",
    ]
    implications = {
        "financial": "Within the approved budget.",
        "legal": "None beyond the Data Protection Act 2018.",
        "equality": "Assessed by each project.",
        "risk": "The cyber attack risk stays the highest.",
        "appendices": "KPI measurements\nRisk register extract",
    }
    response = client.post(
        url("front-matter", organisation, strategy),
        {
            "version": front.version,
            "reason": "Implications written",
            "report_of": front.report_of,
            "report_date_0": "7",
            "report_date_1": "12",
            "report_date_2": "2026",
            "purpose": front.purpose,
            "key_decision": "no",
            "lead_member": front.lead_member,
            "policy_framework": front.policy_framework,
            "recommendations": front.recommendations,
            "contact_officer": front.contact_officer,
            **implications,
        },
    )
    assert response.status_code == 302
    front = FrontMatter.objects.get()
    assert front.missing == [] and front.key_decision is False
    assert [row.history_change_reason for row in front.history.order_by("history_id")] == [
        "Front matter written",
        "Changed: Implications written",
    ]
    assert front.history.order_by("history_id").first().financial == ""
    page = client.get(url("report", organisation, strategy)).content.decode()
    assert "The front matter is not complete" not in page
    pdf = client.get(url("report-pdf", organisation, strategy))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    text = " ".join(text.split())
    word = Document(io.BytesIO(client.get(url("report-docx", organisation, strategy)).content))
    paragraphs = [p.text for p in word.paragraphs]
    for expected in [*implications.values(), "Risk implications", "Appendices"]:
        for line in expected.splitlines():
            assert line in page and line in text and line in paragraphs, line
    assert "Draft" not in text


def test_the_risk_implications_default_to_what_the_top_risks_show(
    client, organisation, secretary, strategy, risks
):
    client.force_login(secretary)
    page = client.get(url("report", organisation, strategy)).content.decode()
    report = client.get(url("report", organisation, strategy)).context["report"]
    highest = report.risks[0]
    assert f"The highest is {highest.reference}, {highest.title}" in page
    assert report.implications[-1] == ("Risk implications", report.risk_implications)


def test_the_documents_hold_what_the_records_hold(
    client, organisation, secretary, officer, strategy, decision, risks
):
    build_the_year(organisation, secretary, officer, strategy)
    actions.save_commentary(
        Commentary(strategy=strategy, year=YEAR, section="summary"),
        text="A year of steady progress.",
        by=secretary,
    )
    client.force_login(secretary)
    pdf = client.get(url("report-pdf", organisation, strategy))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    text = " ".join(text.split())
    for expected in (
        "Digital strategy: annual progress report 2026/27",
        "A year of steady progress.",
        "P-START",
        "P-CLOSE",
        "P-MOVED",
        "Printing costs saved",
        "Service availability",
        decision.reference,
        "Supplier in administration",
    ):
        assert expected in text, expected

    word = Document(io.BytesIO(client.get(url("report-docx", organisation, strategy)).content))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Summary and recommendations", "Summary", "Recommendations"]
    assert "Projects started, delivered and slipped" in headings
    tables = {
        table.rows[0].cells[0].text: [[cell.text for cell in row.cells] for row in table.rows[1:]]
        for table in word.tables
    }
    assert tables["Decision"] == [
        [decision.reference, "12 May 2026", "Approved", "The move to cloud hosting is approved."]
    ]
    assert tables["KPI"][0][:5] == [
        "Service availability",
        "Digital First",
        "99.50%",
        "May 2026: 98.00%",
        "Red",
    ]


def test_a_strategy_none_of_whose_years_has_begun_says_so(client, organisation, secretary, officer):
    later = strategy_actions.save_strategy(
        Strategy(organisation=organisation, title="Next strategy", starts_in=2030, ends_in=2034),
        by=secretary,
    )
    client.force_login(officer)
    address = reverse(
        "progress_report:report", kwargs={"org": organisation.slug, "strategy_pk": later.pk}
    )
    assert "No year of the strategy has begun yet." in client.get(address).content.decode()
    assert client.get(url("report-pdf", organisation, later)).status_code == 404


def test_the_page_shows_the_open_actions_a_page_at_a_time_and_the_documents_all(
    client, monkeypatch, organisation, secretary, strategy, steering_group
):
    from steerco.lib.dates import today
    from steerco.progress_report import views

    monkeypatch.setattr(views, "ACTIONS_PAGE_SIZE", 2)
    objective = strategy.objectives.get()
    for days, description in ((10, "First"), (20, "Second"), (30, "Third")):
        strategy_actions.add_plan_action(
            objective,
            description=f"{description} open action",
            owner=secretary,
            due_on=today() + timedelta(days=days),
            body=steering_group,
            by=secretary,
        )
    client.force_login(secretary)
    first = client.get(url("report", organisation, strategy)).content.decode()
    assert "First open action" in first and "Second open action" in first
    assert "Third open action" not in first
    assert f"?year={YEAR}&amp;page=2" in first
    second = client.get(url("report", organisation, strategy, page=2)).content.decode()
    assert "Third open action" in second and "First open action" not in second
    pdf = client.get(url("report-pdf", organisation, strategy)).content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert all(f"{word} open action" in text for word in ("First", "Second", "Third"))


def test_the_page_shows_the_first_rows_of_long_lists_with_their_counts_and_documents_all(
    client, organisation, secretary, officer, strategy, monkeypatch
):
    records = build_the_year(organisation, secretary, officer, strategy)
    portfolio_actions.add_benefit(
        records["started"],
        description="Postage saved",
        kind="cashable",
        target_value=Decimal("250.00"),
        target_on=date(2026, 10, 31),
        by=secretary,
    )
    monkeypatch.setattr("steerco.progress_report.views.ROWS_SHOWN", 1)
    client.force_login(officer)
    response = client.get(url("report", organisation, strategy))
    benefits = response.context["report"].benefits
    assert [b.description for b in benefits.rows] == ["Printing costs saved"]
    assert benefits.count == 2
    cashable = benefits.totals[0]
    assert (cashable.planned, cashable.realised) == (Decimal("1250.00"), Decimal("400.00"))
    assert "The first 1 of 2 benefits" in response.content.decode()
    projects = response.context["report"].projects
    assert [p.reference for p in projects.slipped] == ["P-LATE"]
    assert (projects.started_count, projects.delivered_count, projects.slipped_count) == (1, 1, 2)
    assert "1 project started, 1 delivered and 2 slipped" in response.content.decode()
    word = Document(io.BytesIO(client.get(url("report-docx", organisation, strategy)).content))
    rows = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    assert {"Printing costs saved", "Postage saved"} <= {row[1] for row in rows if len(row) > 1}
    assert {"P-LATE Project P-LATE", "P-MOVED Project P-MOVED"} <= {row[0] for row in rows}


def test_every_kpi_links_to_its_page_and_the_furthest_off_target_are_charted(
    client, organisation, secretary, officer, strategy, monkeypatch
):
    made = build_the_year(organisation, secretary, officer, strategy)
    incidents = KPI.objects.get(organisation=organisation, name="Resolution of reported incidents")
    incidents.target, incidents.theme = Decimal("90"), made["kpi"].theme
    strategy_actions.save_kpi(incidents, by=secretary)
    strategy_actions.record_measurement(
        incidents, period_starts_on=date(2026, 4, 1), value=Decimal("95"), by=secretary
    )
    monkeypatch.setattr("steerco.progress_report.views.KPI_CHARTS", 1)
    client.force_login(officer)
    response = client.get(url("report", organisation, strategy))
    report, page = response.context["report"], response.content.decode()
    # The table lists both, each linked to its own page; the one chart is the red one's.
    for kpi in (incidents, made["kpi"]):
        assert f'<a class="govuk-link" href="{kpi.get_absolute_url()}">{kpi.name}</a>' in page
    assert [kpi.name for kpi in report.kpi_charts] == ["Service availability"]
    assert page.count("<svg") == 1 and "of the 2 KPIs measured in it" in page
    assert [(k.name, k.latest.status) for k in report.kpis] == [
        ("Resolution of reported incidents", "green"),
        ("Service availability", "red"),
    ]


def test_what_changed_since_the_years_end_is_reported_as_it_stood_then(
    client, organisation, secretary, member, strategy
):
    """The report of 2025/26 read on 1 June 2026: a project closed and a risk closed or
    reassessed since 31 March 2026 are reported as the history has them at that date, those
    unchanged since as they are."""
    technology = RiskCategory.objects.get(organisation=organisation, name="Technology")
    common = {"category": technology, "owner": member, "by": secretary}
    common["controls"] = "Nightly off-site backups"
    high = {**SCORES, "inherent_likelihood": 5, "inherent_impact": 5, "current_likelihood": 4}
    high["current_impact"] = 5
    with time_machine.travel(datetime(2025, 3, 1, 9), tick=False):
        moved = project(
            organisation, secretary, "P-MOVED", stage="in_delivery", ends_on=date(2025, 12, 31)
        )
        project(organisation, secretary, "P-LATE", stage="in_delivery", ends_on=date(2025, 11, 30))
        cyber = risk_actions.create_risk(organisation, title="Cyber attack", scores=high, **common)
        licences = risk_actions.create_risk(
            organisation, title="Licences lapse", scores=SCORES, **common
        )
        risk_actions.create_risk(organisation, title="Printers fail", scores=SCORES, **common)
    with time_machine.travel(datetime(2025, 10, 1, 9), tick=False):
        moved.ends_on = date(2026, 2, 28)
        portfolio_actions.save_project(moved, by=secretary)
    # Since the year's end.
    moved.stage = Project.Stage.CLOSED
    portfolio_actions.save_project(moved, by=secretary)
    risk_actions.close_risk(cyber, by=secretary, note="Mitigated")
    lower = {**SCORES, "current_likelihood": 2}
    risk_actions.reassess_risk(licences, by=secretary, scores=lower, note="Renewed")

    client.force_login(secretary)
    report = client.get(url("report", organisation, strategy, year=2025)).context["report"]
    assert [(p.reference, p.end_at_end, p.moved) for p in report.projects.slipped] == [
        ("P-LATE", date(2025, 11, 30), False),
        ("P-MOVED", date(2026, 2, 28), True),
    ]
    assert report.projects.delivered == []
    assert [(r.title, r.score_at_end, r.movement) for r in report.risks] == [
        ("Cyber attack", 20, "No change"),
        ("Licences lapse", 9, "No change"),
        ("Printers fail", 9, "No change"),
    ]
    # The year in progress has them as they are.
    report = client.get(url("report", organisation, strategy)).context["report"]
    assert [(r.title, r.score_at_end) for r in report.risks] == [
        ("Printers fail", 9),
        ("Licences lapse", 6),
    ]


def test_the_pages_tables_escape_every_cell():
    from steerco.progress_report.tables import Linked
    from steerco.progress_report.templatetags.report_tables import table_body

    html = table_body([(Linked("<b>KPI</b>", "/kpis/1/?a=1&b=2"), "<script>x</script>", 5)])
    assert "<script>" not in html and '<td class="govuk-table__cell">&lt;script&gt;' in html
    assert 'href="/kpis/1/?a=1&amp;b=2">&lt;b&gt;KPI&lt;/b&gt;</a></th>' in html
    assert '<td class="govuk-table__cell">5</td></tr>' in html
