"""The people list as CSV and as a workbook: every page of it, for the council's people only."""

import pytest
from django.urls import reverse

from steerco.meetings.tests.test_exports import csv_rows, xlsx_rows

pytestmark = pytest.mark.django_db


def address(organisation, file_type=None):
    name = "accounts:people" + (f"-{file_type}" if file_type else "")
    return reverse(name, kwargs={"org": organisation.slug})


def test_the_people_download_is_every_page_of_the_list(
    client, organisation, administrator, secretary, member, outsider, monkeypatch
):
    monkeypatch.setattr("steerco.accounts.views.PEOPLE_PER_PAGE", 1)
    client.force_login(member)
    page = client.get(address(organisation))
    shown = [person.display_name for person in page.context["page"].paginator.object_list]

    csv_file = csv_rows(client.get(address(organisation, "csv")))
    workbook = xlsx_rows(client.get(address(organisation, "xlsx")))

    assert address(organisation, "xlsx") in page.content.decode()
    assert len(page.context["page"]) == 1
    assert [row[0] for row in csv_file[1:]] == [row[0] for row in workbook[1:]] == shown
    assert "Oscar Owen" not in shown and len(shown) == 3
    by_name = {row[0]: row for row in csv_file[1:]}
    assert by_name["Ada Ahmed"][1] == "Yes"
    assert by_name["Sam Shah"][1:] == ["No", "", "", "Secretary, Digital Services Steering Group"]
    assert by_name["Ada Ahmed"][4] == "None at present"


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_the_people_download_is_for_the_councils_people(client, organisation, outsider, file_type):
    assert client.get(address(organisation, file_type)).status_code == 302
    client.force_login(outsider)
    assert client.get(address(organisation, file_type)).status_code == 404
