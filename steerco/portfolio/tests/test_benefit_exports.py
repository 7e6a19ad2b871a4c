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
    listed = [row.reference for row in page.context["page"].paginator.object_list]

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
