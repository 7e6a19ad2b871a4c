"""The portfolio's lists on its record pages as CSV and as workbooks: a programme's projects, a
project's dependencies and its submissions, a product's uses. Each holds what its page shows,
every page of it, with the page's permission rules."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from steerco.lib.dates import today
from steerco.meetings.tests.conftest import pdf_bytes
from steerco.meetings.tests.test_exports import csv_rows, xlsx_rows
from steerco.portfolio import actions
from steerco.portfolio.models import Product, ProductUse, Programme, Project, Rating, Submission

pytestmark = pytest.mark.django_db


def address(name, organisation, file_type=None, **kwargs):
    suffix = f"-{file_type}" if file_type else ""
    return reverse(f"portfolio:{name}{suffix}", kwargs={"org": organisation.slug, **kwargs})


def _project(organisation, number, name, manager, **extra):
    return Project.objects.create(
        organisation=organisation, reference=f"ICT-00{number}", name=name, manager=manager,
        **extra,
    )  # fmt: skip


def test_a_programmes_download_is_its_projects(client, organisation, officer, member):
    programme = Programme.objects.create(organisation=organisation, reference="PRG-1", name="Cloud")
    first = _project(organisation, 1, "=Mobility", officer, programme=programme)
    _project(organisation, 2, "Workflow", officer, programme=programme, stage="idea")
    _project(organisation, 3, "Elsewhere", officer)
    actions.record_confidence(first, assessed_on=today(), rating=Rating.AMBER_RED, by=officer)
    client.force_login(member)
    page = client.get(address("programme", organisation, programme_pk=programme.pk))
    shown = [project.reference for project in page.context["projects"]]

    kwargs = {"programme_pk": programme.pk}
    csv_file = csv_rows(client.get(address("programme", organisation, "csv", **kwargs)))
    workbook = xlsx_rows(client.get(address("programme", organisation, "xlsx", **kwargs)))

    assert address("programme", organisation, "csv", **kwargs) in page.content.decode()
    assert sorted(shown) == ["ICT-001", "ICT-002"]
    assert [row[0] for row in csv_file[1:]] == [row[0] for row in workbook[1:]] == shown
    by_reference = {row[0]: row for row in workbook[1:]}
    assert by_reference["ICT-001"][1:] == ["=Mobility", first.get_stage_display(), "Amber/red"]
    assert by_reference["ICT-002"][3] == "Not assessed"
    assert {row[0]: row for row in csv_file[1:]}["ICT-001"][1] == "'=Mobility"


def test_a_projects_dependencies_download_is_both_its_tables(
    client, organisation, officer, secretary, member
):
    middle = _project(organisation, 1, "Home Working", officer)
    first = _project(organisation, 2, "Network", officer)
    last = _project(organisation, 3, "Telephony", officer)
    actions.add_dependency(middle, depends_on=first, note="=Cabling first", by=secretary)
    actions.add_dependency(last, depends_on=middle, by=secretary)
    client.force_login(member)
    kwargs = {"project_pk": middle.pk}
    page = client.get(address("project-dependencies", organisation, **kwargs))

    csv_file = csv_rows(client.get(address("project-dependencies", organisation, "csv", **kwargs)))
    workbook = xlsx_rows(
        client.get(address("project-dependencies", organisation, "xlsx", **kwargs))
    )

    assert address("project-dependencies", organisation, "xlsx", **kwargs) in (
        page.content.decode()
    )
    assert len(page.context["depends_on"]) == len(page.context["dependants"]) == 1
    assert workbook[1:] == [
        ["Its dependencies", "ICT-001 Home Working", "Must finish first", "ICT-002 Network",
         "=Cabling first"],
        ["Projects that depend on it", "ICT-003 Telephony", "Must finish first",
         "ICT-001 Home Working", None],
    ]  # fmt: skip
    assert csv_file[1][4] == "'=Cabling first"


def test_a_products_download_is_every_project_using_it(
    client, organisation, officer, secretary, member, monkeypatch
):
    product = actions.save_product(Product(organisation=organisation, name="Intune"), by=secretary)
    for number, use in ((1, ProductUse.Use.USES), (2, ProductUse.Use.RETIRES)):
        project = _project(organisation, number, f"Project {number}", officer)
        actions.declare_product_use(project, product=product, use=use, by=secretary)
    client.force_login(member)
    kwargs = {"product_pk": product.pk}
    page = client.get(address("product-detail", organisation, **kwargs))
    shown = [f"{u.project.reference} {u.project.name}" for u in page.context["page"].object_list]

    csv_file = csv_rows(client.get(address("product-detail", organisation, "csv", **kwargs)))
    workbook = xlsx_rows(client.get(address("product-detail", organisation, "xlsx", **kwargs)))

    assert address("product-detail", organisation, "csv", **kwargs) in page.content.decode()
    assert [row[0] for row in csv_file[1:]] == [row[0] for row in workbook[1:]] == shown
    assert workbook[1:] == [["ICT-002 Project 2", "Retires"], ["ICT-001 Project 1", "Uses"]]


def _submit(project, body, title, restricted, by):
    return actions.submit(
        Submission(
            organisation=body.organisation, body=body, project=project,
            kind=Submission.Kind.HIGHLIGHT_REPORT, title=title, asked="Note it.",
            restricted=restricted, exemption="commercial" if restricted else "",
        ),
        files=[SimpleUploadedFile("report.pdf", pdf_bytes())],
        by=by,
    )  # fmt: skip


@pytest.mark.parametrize(("persona", "sees_title"), [("member", True), ("administrator", False)])
def test_a_projects_submissions_download_hides_what_the_page_hides(
    request, client, organisation, steering_group, project, officer, persona, sees_title,
    monkeypatch,
):  # fmt: skip
    monkeypatch.setattr("steerco.portfolio.views_submissions.SUBMISSIONS_PER_PAGE", 1)
    _submit(project, steering_group, "Open highlight report", False, officer)
    _submit(project, steering_group, "Kestrel pricing", True, officer)
    client.force_login(request.getfixturevalue(persona))
    kwargs = {"project_pk": project.pk}
    page = client.get(address("project-submissions", organisation, **kwargs))

    csv_file = csv_rows(client.get(address("project-submissions", organisation, "csv", **kwargs)))
    workbook = xlsx_rows(client.get(address("project-submissions", organisation, "xlsx", **kwargs)))

    assert address("project-submissions", organisation, "csv", **kwargs) in page.content.decode()
    assert len(page.context["rows"]) == 1
    assert len(csv_file) - 1 == len(workbook) - 1 == page.context["page"].paginator.count == 2
    titles = {row[0] for row in csv_file[1:]}
    assert "Open highlight report" in titles
    assert ("Kestrel pricing" in titles) is sees_title
    assert ("Restricted submission: commercial" in " ".join(titles)) is not sees_title


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("programme", "programme"),
        ("project-dependencies", "project"),
        ("project-submissions", "project"),
        ("product-detail", "product"),
    ],
)
def test_the_record_downloads_are_for_the_councils_people(
    client, organisation, officer, secretary, outsider, name, kind
):
    made = {
        "programme": lambda: Programme.objects.create(organisation=organisation, name="Cloud"),
        "project": lambda: _project(organisation, 1, "Home Working", officer),
        "product": lambda: actions.save_product(
            Product(organisation=organisation, name="Intune"), by=secretary
        ),
    }[kind]()
    target = address(name, organisation, "csv", **{f"{kind}_pk": made.pk})
    assert client.get(target).status_code == 302
    client.force_login(outsider)
    assert client.get(target).status_code == 404
