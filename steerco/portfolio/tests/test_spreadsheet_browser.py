import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from steerco.portfolio.models import Project
from steerco.portfolio.rules.spreadsheet import write_csv
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser

HEADERS = ["Reference", "Name", "Start date", "Whole-life cost (£)"]


def choose(page, rows):
    page.get_by_label("Spreadsheet").set_input_files(
        files=[{"name": "projects.csv", "mimeType": "text/csv", "buffer": write_csv(HEADERS, rows)}]
    )


def test_an_administrator_checks_puts_right_and_imports_a_spreadsheet(
    page, live_server, organisation, administrator
):
    sign_in(page, live_server, "administrator", PASSWORD)
    page.goto("/northby/portfolio/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import projects from a spreadsheet")
    assert_accessible(page)

    choose(page, [["P1", "Laptops", "31.02.2024", "£1m"], ["P2", "", "", "-4"]])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("The file has 3 problems; nothing was saved.")
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(4)
    expect(table.get_by_role("row").nth(3)).to_contain_text("a cost cannot be negative")
    assert_accessible(page)

    choose(page, [["P1", "Laptops", "01.04.2024", "£1m"], ["P2", "Phones", "", "4"]])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("region", name="Checked")).to_contain_text(
        "Importing it would give 2 created, 0 updated and 0 skipped as unchanged."
    )
    assert_accessible(page)
    assert not Project.objects.exists()

    choose(page, [["P1", "Laptops", "01.04.2024", "£1m"], ["P2", "Phones", "", "4"]])
    page.get_by_label("Import it").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("2 projects imported: 2 created")).to_be_visible()
    assert_accessible(page)
    assert sorted(Project.objects.values_list("reference", flat=True)) == ["P1", "P2"]
