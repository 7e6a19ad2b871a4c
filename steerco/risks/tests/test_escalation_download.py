from django.urls import reverse

from steerco.meetings.models import Paper
from steerco.meetings.tests.test_exports import csv_rows, xlsx_rows
from steerco.risks.tests.conftest import SCORES
from steerco.risks.tests.test_register_download import add
from steerco.risks.views import ESCALATION_HEADINGS

HIGH = {**SCORES, "current_likelihood": 4, "current_impact": 4}


def address(organisation, file_type=None):
    suffix = f"-{file_type}" if file_type else ""
    return reverse(f"risks:escalations{suffix}", kwargs={"org": organisation.slug})


def test_the_download_is_every_risk_for_escalation_the_reader_may_read(
    client, organisation, member, officer, secretary, meeting, fixed_today, monkeypatch
):
    monkeypatch.setattr("steerco.risks.views.RISKS_PER_PAGE", 1)
    add(organisation, secretary, "Skills shortage", "Technology", scores=HIGH)
    add(organisation, secretary, "Payroll supplier fails", "Commercial")
    restricted = add(
        organisation, secretary, "Kestrel firewall bypass", "Technology", scores=HIGH,
        restricted=True, exemption=Paper.Exemption.SECURITY,
    )  # fmt: skip
    client.force_login(secretary)
    client.post(
        reverse("risks:accept", kwargs={"org": organisation.slug, "risk_pk": restricted.pk}),
        {"meeting": meeting.pk, "reason": "Outside the technology appetite"},
    )

    for person in (officer, member, secretary):
        client.force_login(person)
        page = client.get(address(organisation))
        listed = [risk.reference for risk in page.context["page"].paginator.object_list]
        rows = csv_rows(client.get(address(organisation, "csv")))
        sheet = xlsx_rows(client.get(address(organisation, "xlsx")))

        assert rows[0] == sheet[0] == ESCALATION_HEADINGS
        assert [row[0] for row in rows[1:]] == [row[0] for row in sheet[1:]] == listed
        assert ("R-003" in listed) is (person != officer)
        content = b"".join(client.get(address(organisation, "csv")).streaming_content)
        assert (b"Kestrel" in content) is (person != officer)
    assert "R-002" not in listed
    assert rows[1] == ["R-001", "Skills shortage", "16", "Outside appetite", "Proposed"]
    assert rows[2][4] == "On the agenda"
    assert address(organisation, "csv") in page.content.decode()


def test_the_download_is_for_the_councils_people(client, organisation, outsider):
    client.force_login(outsider)
    assert client.get(address(organisation, "csv")).status_code == 404
