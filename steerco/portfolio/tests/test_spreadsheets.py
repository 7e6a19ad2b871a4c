import csv
import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from steerco import permissions
from steerco.accounts.models import Organisation
from steerco.portfolio.models import (
    BusinessCase,
    ConfidenceAssessment,
    Option,
    ProfileYear,
    Programme,
    Project,
    ProjectFigure,
)
from steerco.portfolio.rules.spreadsheet import load_mapping, write_csv, write_xlsx
from steerco.portfolio.spreadsheets import import_projects, profile_rows, register_rows
from steerco.strategy.models import Theme

# The real file, in the shared folder beside the repository (as CI has it).
GMPP = Path(__file__).resolve().parents[4] / "shared/interop/gmpp/gmpp_2023.csv"
STEERCO = load_mapping("steerco")
GMPP_MAPPING = load_mapping("gmpp")
FIGURE_COLUMNS = {
    "baseline_spend": "total_baseline",
    "forecast_spend": "forecast_incl_NGC",
    "whole_life_cost": "wlc_baseline_incl_NCG",
    "monetised_benefits": "TOTAL Baseline Benefits (£m)",
}


def gmpp_raw():
    """The file read with the standard library alone, the encoding Windows saved it in."""
    text = GMPP.read_bytes().decode("cp1252")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def register(organisation):
    """Everything an import keeps of a register, in a form two registers compare by."""
    projects = (
        Project.objects.filter(organisation=organisation)
        .select_related("programme")
        .prefetch_related("themes", "figures", "confidence_assessments")
        .order_by("reference")
    )
    return [
        (
            p.reference,
            p.name,
            p.description,
            p.service_area,
            p.stage,
            p.starts_on,
            p.ends_on,
            p.programme.reference if p.programme else None,
            sorted(t.name for t in p.themes.all()),
            sorted(
                (f.name, f.amount, f.withheld_exemption, f.not_given, f.commentary)
                for f in p.figures.all()
            ),
            sorted(
                (a.assessed_on, a.assessor, a.scale, a.rating, a.commentary)
                for a in p.confidence_assessments.all()
            ),
        )
        for p in projects
    ]


def totals(organisation):
    return {
        row["name"]: row["total"]
        for row in ProjectFigure.objects.filter(project__organisation=organisation)
        .values("name")
        .annotate(total=Sum("amount"))
    }


@pytest.fixture
def gmpp_imported(organisation, administrator):
    report = import_projects(
        organisation, GMPP.read_bytes(), mapping=GMPP_MAPPING, by=administrator,
        file_name="gmpp_2023.csv",
    )  # fmt: skip
    assert report.problems == []
    return report


def test_the_gmpp_file_imports_every_project_as_the_file_has_it(
    client, organisation, administrator, gmpp_imported
):
    # One import, checked from every side: it takes a while.
    assert len(gmpp_imported.created) == 244
    assert (gmpp_imported.updated, gmpp_imported.skipped) == ([], [])
    assert Project.objects.filter(organisation=organisation).count() == 244
    assert [str(n) for n in gmpp_imported.notices] == [
        "Row 178, start date: 20.02.2023 is after the end date 20.01.2023, so it is kept as a "
        "note and the project has no start date"
    ]
    assert sorted(gmpp_imported.themes_added) == [
        "Government Transformation and Service Delivery",
        "ICT",
        "Infrastructure and Construction",
        "Military Capability",
    ]
    ict = Theme.objects.get(organisation=organisation, name="ICT")
    assert ict.projects.count() == 32
    one_login = Project.objects.get(organisation=organisation, name="GOV.UK One Login")
    assert one_login.themes.get() == ict
    assert one_login.reference == "CO_0033_2122-Q1"
    raw = gmpp_raw()

    # The register's totals equal the file's.
    expected = {}
    for name, header in FIGURE_COLUMNS.items():
        column = raw[0].index(header)
        expected[name] = sum(
            Decimal(row[column]) * 1_000_000
            for row in raw[1:]
            if re.fullmatch(r"-?\d+(\.\d+)?", row[column])
        )
    assert totals(organisation) == expected | {
        "starts_on": None,
        "ends_on": None,
        "ipa_confidence": None,
        "sro_confidence": None,
    }
    assert expected["whole_life_cost"] == Decimal("471818000000")

    # Withheld figures are kept withheld, with the exemption named; never as zero.
    column = raw[0].index("wlc_baseline_incl_NCG")
    exempt = {row[1]: row[column] for row in raw[1:] if row[column].startswith("Exempt")}
    withheld = ProjectFigure.objects.filter(
        project__organisation=organisation, name="whole_life_cost"
    ).exclude(withheld_exemption="")
    assert {f.project.reference: f.withheld_exemption for f in withheld} == exempt
    assert all(f.amount is None for f in withheld)
    assert len(exempt) == 46
    # ... and the project's page says so.
    figure = withheld.select_related("project").first()
    client.force_login(administrator)
    page = client.get(figure.project.get_absolute_url()).content.decode()
    assert "Figures as imported" in page
    assert f"Withheld under {figure.withheld_exemption}" in page
    early = ProjectFigure.objects.filter(
        project__organisation=organisation, name="whole_life_cost"
    ).exclude(not_given="")
    assert early.count() == 3
    assert early.first().not_given.startswith("Early planning GMPP project")

    # Both confidence ratings are kept, with who made them.
    first, second = (i for i, h in enumerate(raw[0]) if h == "colour_rating")
    assessments = ConfidenceAssessment.objects.filter(project__organisation=organisation)
    expected = {
        (row[1], who, row[position].lower())
        for row in raw[1:]
        for who, position in (("IPA", first), ("SRO", second))
        if row[position] in {"Green", "Amber", "Red"}
    }
    assert {(a.project.reference, a.assessor, a.rating) for a in assessments} == expected
    assert {a.assessed_on for a in assessments} == {date(2023, 3, 31)}
    assert assessments.filter(assessor="IPA").count() == 111
    assert assessments.filter(assessor="SRO").count() == 121
    falcon = Project.objects.get(
        organisation=organisation, name="Falcon IT Platform Refresh and Migration"
    )
    assert falcon.confidence_assessments.exclude(commentary="").exists()
    assert {h.history_change_reason for h in falcon.history.all()} == {
        "Imported from gmpp_2023.csv (Government Major Projects Portfolio (IPA annual data))"
    }


def test_importing_the_same_file_again_changes_nothing(organisation, administrator, gmpp_imported):
    before = register(organisation)
    histories = (Project.history.count(), ProjectFigure.history.count())
    again = import_projects(organisation, GMPP.read_bytes(), mapping=GMPP_MAPPING, by=administrator)
    assert (len(again.created), len(again.updated), len(again.skipped)) == (0, 0, 244)
    assert register(organisation) == before
    # Nothing was written: no new version, no new history.
    assert (Project.history.count(), ProjectFigure.history.count()) == histories
    assert set(Project.objects.values_list("version", flat=True)) == {1}


def test_a_changed_row_updates_its_project_by_reference(organisation, administrator):
    rows = [["P1", "Laptops", "", "ICT", None, "in_delivery"]]
    headers = ["Reference", "Name", "Description", "Themes", "Programme", "Stage"]
    mapping = mapping_for(headers)
    first = import_projects(
        organisation, write_csv(headers, rows), mapping=mapping, by=administrator
    )
    assert first.created == ["P1"]
    rows = [
        ["P1", "Laptops and phones", "", "ICT", None, "closed"],
        ["P2", "Wi-Fi", "", "", None, "idea"],
    ]
    second = import_projects(
        organisation, write_csv(headers, rows), mapping=mapping, by=administrator
    )
    assert (second.created, second.updated, second.skipped) == (["P2"], ["P1"], [])
    project = Project.objects.get(organisation=organisation, reference="P1")
    assert (project.name, project.stage, project.version) == ("Laptops and phones", "closed", 2)
    assert project.history.first().history_change_reason == (
        "Imported from a spreadsheet (council register)"
    )


def mapping_for(headers):
    from steerco.portfolio.rules.spreadsheet import Mapping

    fields = {column.header: column.field for column in STEERCO.columns}
    return Mapping.from_toml(
        'name = "council"\ntitle = "council register"\n'
        + "".join(f'[[columns]]\nheader = "{h}"\nfield = "{fields[h]}"\n' for h in headers)
    )


def test_a_dry_run_saves_nothing_and_reports_what_it_would_do(organisation, administrator):
    report = import_projects(
        organisation, GMPP.read_bytes(), mapping=GMPP_MAPPING, by=administrator, dry_run=True
    )
    assert report.problems == []
    assert len(report.created) == 244
    assert report.summary() == (
        "The file has no problems. Importing it would give 244 created, 0 updated and 0 "
        "skipped as unchanged. Nothing was saved."
    )
    assert not Project.objects.exists()
    assert not Theme.objects.exists()


def test_a_file_with_problems_saves_nothing_and_names_every_row(organisation, administrator):
    Programme.objects.create(organisation=organisation, reference="PR1", name="Digital")
    headers = ["Reference", "Name", "Start date", "End date", "Whole-life cost (£)", "Programme"]
    rows = [
        ["P1", "Laptops", "01.04.2024", "31.03.2025", "£1,000", "PR1"],
        ["P2", "x" * 201, "", "", "", ""],
        ["P3", "Phones", "tomorrow", "", "-5", "Digital"],
        ["P4", "Wi-Fi", "", "", "", "PR9"],
    ]
    report = import_projects(
        organisation, write_csv(headers, rows), mapping=mapping_for(headers), by=administrator
    )
    assert [str(p) for p in report.problems] == [
        "Row 4, start date: enter a date like 31.03.2023",
        "Row 4, whole-life cost: enter an amount of zero or more; a cost cannot be negative",
    ]
    assert not Project.objects.exists()
    # With the file's own problems put right, the register's are found, all of them.
    rows[2] = ["P3", "Phones", "", "", "5", "Digital"]
    report = import_projects(
        organisation, write_csv(headers, rows), mapping=mapping_for(headers), by=administrator
    )
    assert [str(p) for p in report.problems] == [
        "Row 3, name: enter the name in 200 characters or fewer (it has 201)",
        "Row 5, programme: there is no programme “PR9” in the register: add it first, or "
        "leave the cell empty",
    ]
    assert report.summary() == "The file has 2 problems; nothing was saved."
    assert (report.created, report.updated) == ([], [])
    assert not Project.objects.exists()


def test_a_project_of_another_council_with_the_same_reference_is_not_touched(
    organisation, other_organisation, administrator
):
    theirs = Project.objects.create(organisation=other_organisation, reference="P1", name="Theirs")
    headers = ["Reference", "Name"]
    report = import_projects(
        organisation, write_csv(headers, [["P1", "Ours"]]), mapping=mapping_for(headers),
        by=administrator,
    )  # fmt: skip
    assert report.created == ["P1"]
    theirs.refresh_from_db()
    assert theirs.name == "Theirs"


def test_an_export_imports_into_an_empty_council_as_the_same_register(
    organisation, other_organisation, administrator, gmpp_imported, make_person
):
    Programme.objects.create(organisation=organisation, reference="PR1", name="Digital")
    Project.objects.filter(organisation=organisation, reference__startswith="CO_").update(
        programme=Programme.objects.get(organisation=organisation), stage="in_delivery"
    )
    headers, rows = register_rows(organisation)
    assert headers == STEERCO.headers
    # A withheld figure is written as its exemption, never as zero.
    data = write_csv(headers, rows).decode("utf-8-sig")
    cost = headers.index("Whole-life cost (£)")
    cells = [row[cost] for row in list(csv.reader(io.StringIO(data, newline="")))[1:]]
    assert sum(cell.startswith("Exempt under Section") for cell in cells) == 46
    assert sum(cell.startswith("Not given: Early planning") for cell in cells) == 3
    for writer, slug in ((write_csv, "eastby"), (write_xlsx, "westby")):
        empty = Organisation.objects.create(name=f"{slug} council", slug=slug)
        Programme.objects.create(organisation=empty, reference="PR1", name="Digital")
        report = import_projects(
            empty, writer(headers, rows), mapping=STEERCO, by=administrator, file_name="projects"
        )
        assert report.problems == []
        assert len(report.created) == 244
        assert register(empty) == register(organisation)
        assert totals(empty) == totals(organisation)


def test_the_import_command_checks_reports_and_imports(organisation, capsys, tmp_path):
    call_command("import_projects", str(GMPP), organisation="northby", mapping="gmpp", dry_run=True)
    out = capsys.readouterr().out
    assert "Importing it would give 244 created, 0 updated and 0 skipped as unchanged." in out
    assert "Note: Row 178, start date: 20.02.2023 is after the end date" in out
    assert not Project.objects.exists()
    own = tmp_path / "projects.csv"
    own.write_bytes(write_csv(["Reference", "Name"], [["P1", "Laptops"]]))
    mapping = tmp_path / "council.toml"
    mapping.write_text(
        '[[columns]]\nheader = "Reference"\nfield = "reference"\n'
        '[[columns]]\nheader = "Name"\nfield = "name"\n'
    )
    call_command("import_projects", str(own), organisation="northby", mapping=str(mapping))
    assert (
        capsys.readouterr().out
        == "1 project imported: 1 created, 0 updated and 0 skipped as unchanged.\n"
    )
    assert Project.objects.get(organisation=organisation).name == "Laptops"


def test_the_import_command_refuses_a_file_with_problems(organisation, tmp_path, capsys):
    own = tmp_path / "projects.csv"
    own.write_bytes(write_csv(["Reference", "Nom"], [["P1", "Laptops"]]))
    with pytest.raises(CommandError, match=r"Nothing was imported\."):
        call_command("import_projects", str(own), organisation="northby")
    assert "The file has no column “Name”." in capsys.readouterr().out
    assert not Project.objects.exists()
    with pytest.raises(CommandError, match="There is no mapping 'nonsense'"):
        call_command("import_projects", str(own), organisation="northby", mapping="nonsense")
    with pytest.raises(CommandError, match=r"There is no organisation 'nowhere'\."):
        call_command("import_projects", str(own), organisation="nowhere")


def profile(organisation, project, *, restricted, by, capital):
    case = BusinessCase.objects.create(
        organisation=organisation, project=project, number=1, title="Kestrel hosting",
        restricted=restricted, exemption="3" if restricted else "", base_year=2024,
        created_by=by,
    )  # fmt: skip
    option = Option.objects.create(business_case=case, name="Move to cloud", preferred=True)
    ProfileYear.objects.create(option=option, year=2024, capital=capital)
    return case


def test_profiles_of_a_restricted_business_case_are_only_for_those_who_may_read_it(
    organisation, administrator, officer, member
):
    project = Project.objects.create(organisation=organisation, reference="P1", name="Hosting")
    open_project = Project.objects.create(organisation=organisation, reference="P2", name="Wi-Fi")
    profile(organisation, project, restricted=True, by=officer, capital=Decimal("987654.32"))
    profile(organisation, open_project, restricted=False, by=officer, capital=Decimal("5000"))
    today = date(2026, 6, 1)
    for person, sees_restricted in ((officer, True), (member, False), (administrator, False)):
        access = permissions.PortfolioAccess(person, organisation, today)
        headers, rows = profile_rows(organisation, access)
        rows = list(rows)
        assert [row[0] for row in rows] == (["P1", "P2"] if sees_restricted else ["P2"])
        assert any(Decimal("987654.32") in row for row in rows) is sees_restricted
        assert headers[9] == "Capital cost (£)"


def test_a_theme_name_too_long_is_a_problem_of_its_row(organisation, administrator):
    headers = ["Reference", "Name", "Themes"]
    report = import_projects(
        organisation, write_csv(headers, [["P1", "Laptops", "ICT; " + "y" * 201]]),
        mapping=mapping_for(headers), by=administrator,
    )  # fmt: skip
    assert [str(p) for p in report.problems] == [
        "Row 2, themes: enter each theme in 200 characters or fewer (it has 201)"
    ]
    assert not Theme.objects.exists()
