import csv
import io
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from steerco.lib.dates import today
from steerco.portfolio import actions
from steerco.portfolio.models import Benefit, Project


def url(organisation, file_type=None):
    name = "portfolio:benefits" + (f"-{file_type}" if file_type else "")
    return reverse(name, kwargs={"org": organisation.slug})


@pytest.fixture
def projects(organisation, officer):
    made = []
    for number, name in enumerate(["Home Working", "@Cloud", "Mobility"], start=1):
        project = Project.objects.create(
            organisation=organisation, reference=f"ICT-00{number}", name=name, manager=officer
        )
        benefit = actions.add_benefit(
            project, description="Savings", kind=Benefit.Kind.CASHABLE,
            target_value=Decimal("1500.50") * number, target_on=today() - timedelta(days=1),
            by=officer,
        )  # fmt: skip
        actions.record_realisation(
            benefit, on=today(), value=Decimal("100.25"), evidence="Invoices.", by=officer
        )
        made.append(project)
    return made


def test_the_benefits_download_is_the_pages_by_project_table(
    client, organisation, projects, member, monkeypatch
):
    monkeypatch.setattr("steerco.portfolio.benefit_views.PROJECTS_PER_PAGE", 2)
    client.force_login(member)
    page = client.get(url(organisation))
    references = dict(Project.objects.values_list("pk", "reference"))
    listed = [references[pk] for pk in page.context["page"].paginator.object_list]

    rows = list(
        csv.reader(io.StringIO(client.get(url(organisation, "csv")).content.decode("utf-8-sig")))
    )
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(url(organisation, "xlsx")).content)).active
    workbook = [list(row) for row in sheet.iter_rows(values_only=True)]

    assert [row[0] for row in rows[1:]] == listed == ["ICT-001", "ICT-002", "ICT-003"]
    assert rows[2][1] == "'@Cloud" and workbook[2][1] == "@Cloud"
    assert rows[1][3:5] == ["1500.50", "100.25"]
    assert workbook[2][3] == 3001.0  # an amount is a number cell
    assert url(organisation, "xlsx") in page.content.decode()


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_the_benefits_download_is_for_the_councils_people(
    client, organisation, projects, outsider, file_type
):
    assert client.get(url(organisation, file_type)).status_code == 302
    client.force_login(outsider)
    assert client.get(url(organisation, file_type)).status_code == 404


def submit(body, title, restricted, by):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from steerco.meetings.tests.conftest import pdf_bytes
    from steerco.portfolio.models import Submission

    return actions.submit(
        Submission(
            organisation=body.organisation, body=body, kind=Submission.Kind.HIGHLIGHT_REPORT,
            title=title, asked="Note it.", restricted=restricted,
            exemption="commercial" if restricted else "",
        ),
        files=[SimpleUploadedFile("report.pdf", pdf_bytes())],
        by=by,
    )  # fmt: skip


@pytest.mark.parametrize(("persona", "sees_title"), [("secretary", True), ("administrator", False)])
def test_the_submissions_download_hides_what_the_page_hides(
    request, client, organisation, steering_group, officer, settings, tmp_path, persona, sees_title
):
    settings.MEDIA_ROOT = tmp_path
    submit(steering_group, "Open highlight report", False, officer)
    submit(steering_group, "Kestrel pricing", True, officer)
    client.force_login(request.getfixturevalue(persona))
    address = reverse("portfolio:submission-list", kwargs={"org": organisation.slug})
    page = client.get(address)

    content = client.get(address.rstrip("/") + ".csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))

    assert len(rows) - 1 == len(page.context["rows"]) == 2
    assert rows[1][0] == "Open highlight report"
    assert ("Kestrel" in content) is sees_title is ("Kestrel" in page.content.decode())
    if not sees_title:
        assert rows[2][0].startswith("Restricted submission: commercial")


def rows_of(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_programmes_download_what_the_page_lists(client, organisation, projects, member):
    from steerco.portfolio.models import Programme

    for reference in ("PRG-2", "PRG-1"):
        Programme.objects.create(organisation=organisation, reference=reference, name="+Digital")
    client.force_login(member)
    address = reverse("portfolio:programmes", kwargs={"org": organisation.slug})
    listed = [p.reference for p in client.get(address).context["programmes"]]

    rows = rows_of(
        client.get(reverse("portfolio:programmes-csv", kwargs={"org": organisation.slug}))
    )

    assert [row[0] for row in rows[1:]] == listed
    assert sorted(listed) == ["PRG-1", "PRG-2"]
    assert rows[1][1] == "'+Digital"


def test_the_catalogue_downloads_every_product_the_page_lists(
    client, organisation, secretary, member
):
    from steerco.portfolio.models import Product

    for name in ("Intune", "Azure", "=cmd"):
        actions.save_product(Product(organisation=organisation, name=name), by=secretary)
    client.force_login(member)
    page = client.get(reverse("portfolio:products", kwargs={"org": organisation.slug}))
    listed = [p.name for p in page.context["page"].paginator.object_list]

    sheet = openpyxl.load_workbook(
        io.BytesIO(
            client.get(
                reverse("portfolio:products-xlsx", kwargs={"org": organisation.slug})
            ).content
        )
    ).active

    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == listed
    assert "=cmd" in listed and sheet["A2"].data_type == "s"


@pytest.mark.parametrize("name", ["programmes-csv", "products-xlsx"])
def test_the_portfolio_lists_download_for_the_councils_people_only(
    client, organisation, outsider, name
):
    address = reverse(f"portfolio:{name}", kwargs={"org": organisation.slug})
    assert client.get(address).status_code == 302
    client.force_login(outsider)
    assert client.get(address).status_code == 404


def test_the_register_downloads_every_project_the_filtered_page_lists_in_its_order(
    client, organisation, officer, member, monkeypatch
):
    from steerco.meetings.tests.test_exports import xlsx_rows
    from steerco.portfolio.models import Programme, Rating

    monkeypatch.setattr("steerco.portfolio.views.PROJECTS_PER_PAGE", 1)
    programme = Programme.objects.create(organisation=organisation, reference="PRG-1", name="Cloud")
    for number, (name, stage) in enumerate(
        [("=Mobility", "approved"), ("Workflow", "idea"), ("Home Working", "approved")], start=1
    ):
        project = Project.objects.create(
            organisation=organisation, reference=f"ICT-00{number}", name=name, stage=stage,
            programme=programme if number == 3 else None, service_area="Adult care",
            starts_on=today(), manager=officer,
        )  # fmt: skip
    actions.record_confidence(project, assessed_on=today(), rating=Rating.AMBER_RED, by=officer)
    client.force_login(member)
    query = "?stage=approved&sort=name"
    page = client.get(reverse("portfolio:register", kwargs={"org": organisation.slug}) + query)
    listed = [project.reference for project in page.context["page"].paginator.object_list]

    csv_address = reverse("portfolio:register-csv", kwargs={"org": organisation.slug}) + query
    response = client.get(csv_address)
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    workbook = xlsx_rows(
        client.get(reverse("portfolio:register-xlsx", kwargs={"org": organisation.slug}) + query)
    )

    assert listed == ["ICT-001", "ICT-003"]
    assert [row[0] for row in rows[1:]] == [row[0] for row in workbook[1:]] == listed
    assert f'href="{csv_address.replace("&", "&amp;")}"' in page.content.decode()
    by_reference = {row[0]: row for row in rows[1:]}
    assert by_reference["ICT-003"][1:] == [
        "Home Working", "Approved", "Cloud", "Adult care", today().isoformat(), "", "Amber/red",
    ]  # fmt: skip
    assert by_reference["ICT-001"][1] == "'=Mobility"
    assert by_reference["ICT-001"][-1] == "Not assessed"


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_the_register_download_is_for_the_councils_people(
    client, organisation, outsider, file_type
):
    address = reverse(f"portfolio:register-{file_type}", kwargs={"org": organisation.slug})
    client.force_login(outsider)
    assert client.get(address).status_code == 404
