"""The bodies list as CSV and as a workbook: the rows the page shows, for whoever may see the
page (a public page: anyone)."""

import pytest
from django.urls import reverse

from steerco.governance.models import Body
from steerco.meetings.tests.test_exports import csv_rows, xlsx_rows

pytestmark = pytest.mark.django_db


def address(organisation, file_type=None):
    name = "governance:body-list" + (f"-{file_type}" if file_type else "")
    return reverse(name, kwargs={"org": organisation.slug})


def test_the_bodies_download_is_the_bodies_list(client, organisation, steering_group, member):
    Body.objects.create(organisation=organisation, name="=Efficiency Board")
    page = client.get(address(organisation))
    shown = [body.name for body in page.context["bodies"]]

    csv_file = csv_rows(client.get(address(organisation, "csv")))
    workbook = xlsx_rows(client.get(address(organisation, "xlsx")))

    assert address(organisation, "csv") in page.content.decode()
    assert shown == ["=Efficiency Board", "Digital Services Steering Group"]
    assert [row[0] for row in workbook[1:]] == shown
    assert csv_file[0] == ["Body", "Kind", "Meets", "Decides", "Current members"]
    assert csv_file[1][0] == "'=Efficiency Board"
    assert workbook[2] == [
        "Digital Services Steering Group", "Steering group", steering_group.get_frequency_display(),
        "By agreement (no voting)", 1,
    ]  # fmt: skip


def test_another_councils_bodies_are_not_in_the_download(
    client, organisation, steering_group, other_organisation
):
    Body.objects.create(organisation=other_organisation, name="Southby Board")
    assert [row[0] for row in xlsx_rows(client.get(address(organisation, "xlsx")))[1:]] == [
        "Digital Services Steering Group"
    ]
