from django.urls import reverse

from steerco.meetings.models import Paper
from steerco.meetings.tests.test_exports import csv_rows, xlsx_rows
from steerco.risks import actions
from steerco.risks.models import RiskCategory
from steerco.risks.tests.conftest import SCORES
from steerco.risks.views import REGISTER_HEADINGS


def download_url(organisation, file_type, query=""):
    return reverse(f"risks:register-{file_type}", kwargs={"org": organisation.slug}) + query


def add(organisation, by, title, category, owner=None, **fields):
    return actions.create_risk(
        organisation,
        by=by,
        scores=fields.pop("scores", SCORES),
        title=title,
        category=RiskCategory.objects.get(organisation=organisation, name=category),
        owner=owner or by,
        controls="Controls",
        **fields,
    )


def test_the_register_downloads_what_the_filtered_page_lists_in_its_order(
    client, organisation, member, officer
):
    add(organisation, member, "=HYPERLINK(evil)", "Technology")
    add(organisation, member, "Payroll supplier fails", "Commercial")
    high = {**SCORES, "current_likelihood": 4, "current_impact": 4}
    add(organisation, member, "Data centre floods", "Technology", scores=high)
    technology = RiskCategory.objects.get(organisation=organisation, name="Technology")
    client.force_login(officer)
    query = f"?category={technology.pk}&sort=score"

    page = client.get(reverse("risks:register", kwargs={"org": organisation.slug}) + query)
    rows = csv_rows(client.get(download_url(organisation, "csv", query)))
    sheet = xlsx_rows(client.get(download_url(organisation, "xlsx", query)))

    listed = [risk.reference for risk in page.context["page"]]
    assert listed == ["R-003", "R-001"]
    link = download_url(organisation, "csv", query).replace("&", "&amp;")
    assert f'href="{link}"' in page.content.decode()
    assert rows[0] == sheet[0] == REGISTER_HEADINGS
    assert [row[0] for row in rows[1:]] == [row[0] for row in sheet[1:]] == listed
    # A title that a spreadsheet would take for a formula stays text.
    assert rows[2][1] == "'=HYPERLINK(evil)"
    assert sheet[2][1] == "=HYPERLINK(evil)"
    current = REGISTER_HEADINGS.index("Current score")
    assert [row[current] for row in sheet[1:]] == [16, 9]
    assert sheet[1][REGISTER_HEADINGS.index("Flags")] == "Outside appetite"


def test_the_download_leaves_out_a_restricted_risk_the_reader_may_not_read(
    client, organisation, member, officer, secretary
):
    add(organisation, secretary, "Skills shortage", "People")
    add(
        organisation, secretary, "Kestrel firewall bypass", "Security",
        restricted=True, exemption=Paper.Exemption.SECURITY,
    )  # fmt: skip
    for person, references in ((officer, ["R-001"]), (member, ["R-001", "R-002"])):
        client.force_login(person)
        for file_type in ("csv", "xlsx"):
            response = client.get(download_url(organisation, file_type))
            rows = csv_rows(response) if file_type == "csv" else xlsx_rows(response)
            assert [row[0] for row in rows[1:]] == references, (person, file_type)


def test_the_csv_file_is_sent_as_it_is_written(client, organisation, member, officer):
    add(organisation, member, "Payroll supplier fails", "Commercial")
    client.force_login(officer)

    response = client.get(download_url(organisation, "csv"))

    # A register of 20,000 risks: read from the database and sent a piece at a time.
    assert response.streaming
    assert [row[0] for row in csv_rows(response)[1:]] == ["R-001"]


def test_a_download_that_fails_part_way_is_an_error_not_a_file_cut_short(
    client, organisation, member, monkeypatch
):
    from steerco.risks import register

    for n in range(3):
        add(organisation, member, f"Risk {n}", "Technology")
    written = register.rows

    def failing(*args):
        for number, row in enumerate(written(*args)):
            if number == 2:
                raise RuntimeError("The database went away")
            yield row

    monkeypatch.setattr(register, "rows", failing)
    client.force_login(member)
    client.raise_request_exception = False

    response = client.get(download_url(organisation, "csv"))

    assert response.status_code == 500
    assert "Risk 0" not in response.content.decode()


def test_a_whole_download_says_its_length(client, organisation, member):
    add(organisation, member, "Payroll supplier fails", "Commercial")
    client.force_login(member)

    response = client.get(download_url(organisation, "csv"))

    body = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(body)
    assert response["Content-Disposition"].startswith('attachment; filename="northby-risk-')
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert b"Payroll supplier fails" in body
