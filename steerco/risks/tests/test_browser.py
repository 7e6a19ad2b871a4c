import re

import pytest
from playwright.sync_api import expect

from steerco.risks.demo import ACCEPTED
from steerco.risks.models import Assessment, Risk
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "steerco-demo"


def test_the_secretary_reads_the_register_and_a_heat_map_and_reassesses_a_risk(
    page, live_server, demo_council
):
    risk = Risk.objects.get(organisation__slug="northby", title=ACCEPTED)
    assessments = Assessment.objects.filter(risk=risk).count()
    sign_in(page, live_server, "secretary", DEMO_PASSWORD)

    page.goto("/northby/risks/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Risk register")
    expect(page.get_by_role("link", name=re.compile(re.escape(ACCEPTED)))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Heat maps").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Current risk heat map")
    assert_accessible(page)

    page.goto(f"/northby/risks/{risk.pk}/reassess/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Reassess {risk.reference}")
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Likelihood now")).select_option("5")
    page.get_by_label(re.compile(r"^Note on this assessment")).fill("Failover test postponed.")
    page.get_by_role("button", name="Save the assessment").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(ACCEPTED)
    expect(page.get_by_text(f"{risk.reference} reassessed.")).to_be_visible()
    assert_accessible(page)
    assert Assessment.objects.filter(risk=risk).count() == assessments + 1
    risk.refresh_from_db()
    assert risk.current_likelihood == 5


def test_the_secretary_reaches_the_registers_import_and_settings(page, live_server, demo_council):
    sign_in(page, live_server, "secretary", DEMO_PASSWORD)

    page.goto("/northby/risks/import/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Import the risk register")
    assert_accessible(page)
    # A register of the council's own shape: its columns are chosen first, one left out.
    own = "Risk title,Risk owner,Category,Gross L,Gross I\nPayroll supplier fails,x,y,3,3\n"
    page.get_by_label("Spreadsheet").set_input_files(
        {"name": "own.csv", "mimeType": "text/csv", "buffer": own.encode()}
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Which column holds each field")).to_be_visible()
    page.get_by_role("button", name="Check the file").click()
    expect(
        page.get_by_text("Select the column that holds the current likelihood.").first
    ).to_be_visible()
    assert_accessible(page)

    page.goto("/northby/risks/settings/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Settings of the risk register")
    assert_accessible(page)


def test_an_officer_asks_for_a_large_registers_excel_file_and_downloads_it(
    page, live_server, demo_council, settings, tmp_path, monkeypatch
):
    """Over the threshold (lowered here: the demo register has twenty risks), the Excel link
    leads to the page that has the file prepared, waits for it and offers it."""
    from steerco.risks import views

    monkeypatch.setattr(views, "DIRECT_XLSX_RISKS", 5)
    settings.MEDIA_ROOT = tmp_path
    sign_in(page, live_server, "officer", DEMO_PASSWORD)

    page.goto("/northby/risks/")
    page.get_by_role("link", name=re.compile(r"^Excel")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The register as an Excel file")
    assert_accessible(page)
    # No worker runs here: the file stays "being prepared", and the page keeps asking.
    page.get_by_role("button", name="Prepare the Excel file").click()
    expect(page.get_by_role("status").last).to_contain_text("being prepared")
    assert_accessible(page)

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    page.get_by_role("button", name="Prepare a new file").click()
    expect(page.get_by_role("heading", name="Your file is ready")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the register (Excel)").click()
    assert download.value.suggested_filename.startswith("northby-risk-register-")
