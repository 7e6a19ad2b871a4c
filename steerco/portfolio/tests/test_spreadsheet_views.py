import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from steerco.meetings.tests.test_exports import csv_rows
from steerco.portfolio.models import BusinessCase, Option, ProfileYear, Project
from steerco.portfolio.rules.spreadsheet import write_csv, write_xlsx

HEADERS = ["Reference", "Name", "Start date", "End date", "Whole-life cost (£)"]


def url(name, organisation):
    return reverse(f"portfolio:{name}", kwargs={"org": organisation.slug})


def upload(rows, *, file_type="csv", headers=HEADERS):
    writer = write_csv if file_type == "csv" else write_xlsx
    return SimpleUploadedFile(f"projects.{file_type}", writer(headers, rows))


def post_import(client, organisation, rows, *, dry_run, **kwargs):
    return client.post(
        url("import", organisation),
        {
            "file": upload(rows, **kwargs),
            "mapping": "steerco",
            "dry_run": "yes" if dry_run else "no",
        },
    )


@pytest.fixture
def restricted_case(organisation, chair):
    project = Project.objects.create(organisation=organisation, reference="P9", name="Kestrel")
    case = BusinessCase.objects.create(
        organisation=organisation, project=project, number=1, title="Kestrel hosting",
        restricted=True, exemption="3", base_year=2024, created_by=chair,
    )  # fmt: skip
    option = Option.objects.create(business_case=case, name="Kestrel cloud", preferred=True)
    ProfileYear.objects.create(option=option, year=2024, capital=Decimal("424242.42"))
    return case


def test_an_administrator_checks_a_file_and_nothing_is_saved(client, organisation, administrator):
    client.force_login(administrator)
    response = post_import(
        client, organisation, [["P1", "Laptops", "01.04.2024", "31.03.2025", "£1.5m"]],
        dry_run=True,
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "The file has no problems. Importing it would give 1 created, 0 updated and 0 skipped "
        "as unchanged. Nothing was saved."
    ) in page
    assert not Project.objects.exists()


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_an_administrator_imports_a_file(client, organisation, administrator, file_type):
    client.force_login(administrator)
    response = post_import(
        client, organisation, [["P1", "Laptops", "01.04.2024", "31.03.2025", "£1.5m"]],
        dry_run=False, file_type=file_type,
    )  # fmt: skip
    assert response.status_code == 302
    follow = client.get(response["Location"]).content.decode()
    assert "1 project imported: 1 created, 0 updated and 0 skipped as unchanged." in follow
    project = Project.objects.get(organisation=organisation)
    assert (project.reference, project.starts_on) == ("P1", date(2024, 4, 1))
    assert project.figures.get().amount == Decimal("1500000.00")


def test_every_problem_is_listed_with_its_row_and_nothing_is_saved(
    client, organisation, administrator
):
    client.force_login(administrator)
    rows = [
        ["P1", "Laptops", "31.02.2024", "", ""],
        ["P2", "", "", "", "-3"],
        ["P3", "Phones", "", "", ""],
    ]
    response = post_import(client, organisation, rows, dry_run=False)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The file has 3 problems; nothing was saved." in page
    for row, field, message in [
        (2, "start date", "31.02.2024 is not a real date; enter a date like 31.03.2023"),
        (3, "name", "enter the project&#x27;s name"),
        (3, "whole-life cost", "enter an amount of zero or more; a cost cannot be negative"),
    ]:
        assert (
            f'<td class="govuk-table__cell">{row}</td>\n          '
            f'<td class="govuk-table__cell">{field}</td>\n          '
            f'<td class="govuk-table__cell">{message}</td>'
        ) in page
    assert not Project.objects.exists()


def test_a_file_that_is_no_spreadsheet_is_refused(client, organisation, administrator):
    client.force_login(administrator)
    response = client.post(
        url("import", organisation),
        {
            "file": SimpleUploadedFile("projects.xlsx", b"%PDF-1.4 not a workbook"),
            "mapping": "steerco",
            "dry_run": "yes",
        },
    )
    assert "The file is not an Excel workbook steerco can read." in response.content.decode()


def test_an_empty_form_says_what_to_do(client, organisation, administrator):
    client.force_login(administrator)
    page = client.post(url("import", organisation), {}).content.decode()
    assert "Select the spreadsheet." in page
    assert "Select the shape of the spreadsheet." in page
    assert "Select whether to check the file only or import it." in page


@pytest.mark.parametrize("person", ["secretary", "officer", "member"])
def test_only_administrators_import(client, organisation, person, request):
    client.force_login(request.getfixturevalue(person))
    assert client.get(url("import", organisation)).status_code == 403
    response = post_import(client, organisation, [["P1", "Laptops", "", "", ""]], dry_run=False)
    assert response.status_code == 403
    assert not Project.objects.exists()


def test_another_councils_people_find_no_import_page_or_exports(client, organisation, outsider):
    client.force_login(outsider)
    for name in ("import", "projects-csv", "projects-xlsx", "profiles-csv", "profiles-xlsx"):
        assert client.get(url(name, organisation)).status_code == 404


def test_the_pages_refuse_other_methods(client, organisation, administrator):
    client.force_login(administrator)
    assert client.put(url("import", organisation)).status_code == 405
    assert client.post(url("projects-csv", organisation)).status_code == 405
    assert client.post(url("profiles-xlsx", organisation)).status_code == 405


def test_the_register_downloads_as_csv_and_excel(client, organisation, officer):
    Project.objects.create(organisation=organisation, reference="P1", name="=Laptops")
    client.force_login(officer)
    response = client.get(url("projects-csv", organisation))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="northby-projects.csv"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.streaming  # sent as it is written: 5,000 projects
    rows = csv_rows(response)
    assert rows[1][:2] == ["P1", "'=Laptops"]
    response = client.get(url("projects-xlsx", organisation))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]][:2] == ["P1", "=Laptops"]
    assert sheet[2][1].data_type == "s"


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_a_restricted_business_cases_profile_is_only_in_the_export_of_those_who_may_read_it(
    client, organisation, restricted_case, chair, officer, administrator, file_type
):
    def downloaded(person):
        client.force_login(person)
        response = client.get(url(f"profiles-{file_type}", organisation))
        assert response.status_code == 200
        if file_type == "csv":
            return b"".join(response.streaming_content).decode("utf-8-sig")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return repr([[cell.value for cell in row] for row in sheet.iter_rows()])

    assert "Kestrel" in downloaded(chair)
    assert "424242.42" in downloaded(chair)
    for person in (officer, administrator):
        text = downloaded(person)
        assert "Kestrel" not in text
        assert "424242" not in text


def fill(organisation, size, by):
    """`size` projects, each with figures, assessments, a theme and a business case (every
    other one restricted, sent to a body) with a two-year profile."""
    from steerco.governance.models import Body
    from steerco.portfolio.models import ConfidenceAssessment, ProjectFigure, Submission
    from steerco.strategy.models import Theme

    body = Body.objects.create(organisation=organisation, name=f"Board {size}")
    theme = Theme.objects.create(organisation=organisation, name=f"Theme {size}")
    for n in range(size):
        project = Project.objects.create(
            organisation=organisation, reference=f"S{size}-{n}", name=f"Project {n}"
        )
        project.themes.add(theme)
        ProjectFigure.objects.create(project=project, name="whole_life_cost", amount=n)
        ProjectFigure.objects.create(
            project=project, name="forecast_spend", withheld_exemption="Exempt under s.43"
        )
        ConfidenceAssessment.objects.create(
            project=project, assessed_on=date(2025, 3, 31), scale="five", rating="amber",
            assessor="SRO",
        )  # fmt: skip
        case = BusinessCase.objects.create(
            organisation=organisation, project=project, number=1, title=f"Case {n}",
            restricted=n % 2 == 0, exemption="3" if n % 2 == 0 else "", base_year=2024,
        )  # fmt: skip
        Submission.objects.create(
            organisation=organisation, body=body, kind="business_case", title=f"Case {n}",
            submitted_by=by, project=project, business_case=case, restricted=case.restricted,
            exemption=case.exemption,
        )  # fmt: skip
        option = Option.objects.create(business_case=case, name="Do it")
        for year in (2024, 2025):
            ProfileYear.objects.create(option=option, year=year, capital=n)


@pytest.mark.parametrize("name", ["projects-csv", "projects-xlsx", "profiles-csv", "profiles-xlsx"])
def test_the_downloads_run_the_same_queries_for_a_larger_register(
    client, organisation, other_organisation, officer, make_person, name
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for council, size, person in (
        (organisation, 2, officer),
        (other_organisation, 9, make_person("olu", other_organisation)),
    ):
        fill(council, size, person)
        client.force_login(person)
        client.get(url(name, council))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url(name, council))
        assert response.status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_the_register_offers_the_downloads_to_all_and_the_import_to_administrators(
    client, organisation, officer, administrator
):
    for person, offered in ((officer, False), (administrator, True)):
        client.force_login(person)
        page = client.get(reverse("portfolio:register", kwargs={"org": organisation.slug}))
        text = page.content.decode()
        for name in ("projects-csv", "projects-xlsx", "profiles-csv", "profiles-xlsx"):
            assert f'href="{url(name, organisation)}"' in text
        assert (f'href="{url("import", organisation)}"' in text) is offered
