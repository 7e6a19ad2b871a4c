import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from steerco import permissions
from steerco.lib.dates import today
from steerco.lib.spreadsheets import write_csv, write_xlsx
from steerco.meetings.tests.test_exports import csv_rows
from steerco.risks import actions
from steerco.risks.models import Assessment, Risk
from steerco.risks.tests.conftest import SCORES
from steerco.risks.views import REGISTER_HEADINGS

pytestmark = pytest.mark.django_db
H = REGISTER_HEADINGS


def url(organisation, name="risks:import"):
    return reverse(name, kwargs={"org": organisation.slug})


def downloaded(client, organisation, file_type="csv"):
    response = client.get(url(organisation, f"risks:register-{file_type}"))
    if file_type == "csv":
        return csv_rows(response)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def upload(rows, name="register.csv"):
    write = write_xlsx if name.endswith(".xlsx") else write_csv
    return SimpleUploadedFile(name, write(rows[0], rows[1:]))


def counts():
    return (
        Risk.objects.count(),
        Assessment.objects.count(),
        Risk.history.count(),
        Assessment.history.count(),
    )


def access_for(person, organisation):
    return permissions.RiskAccess(person, organisation, None, today())


def test_a_downloaded_register_changed_and_imported_shows_its_plan_then_saves_it(
    client, organisation, risk, secretary, officer
):
    client.force_login(secretary)
    rows = downloaded(client, organisation)
    rows[1][H.index("Owner")] = "Olu Okafor"
    rows[1][H.index("Current likelihood")] = "4"
    new = list(rows[1])
    new[H.index("Reference")] = ""
    new[H.index("Title")] = "Payroll supplier fails"
    new[H.index("Category")] = "Commercial"
    rows.append(new)

    preview = client.post(url(organisation), {"file": upload(rows)})

    plan = preview.context["plan"]
    assert plan.problems == []
    assert [(c.reference, c.title) for c in plan.created] == [("R-002", "Payroll supplier fails")]
    assert [(c.reference, c.changes) for c in plan.changed] == [
        ("R-001", [("owner", "Mo Mensah", "Olu Okafor"), ("current likelihood", "3", "4")])
    ]
    assert Risk.objects.count() == 1
    token = preview.context["confirm"]["token"].value()

    confirmed = client.post(url(organisation, "risks:import-confirm"), {"token": token})

    assert confirmed.status_code == 302
    risk.refresh_from_db()
    assert (risk.owner, risk.current_likelihood, risk.current_score) == (officer, 4, 12)
    assert risk.history.first().history_change_reason == "Imported from register.csv"
    assert risk.assessments.last().note == "Imported from register.csv"
    added = Risk.objects.get(organisation=organisation, number=2)
    assert (added.title, added.category.name, added.owner, added.current_score) == (
        "Payroll supplier fails",
        "Commercial",
        officer,
        12,
    )
    assert {h.history_change_reason for h in added.history.all()} == {"Imported from register.csv"}


def test_a_workbook_downloaded_and_imported_unchanged_changes_nothing(
    client, organisation, risk, secretary
):
    client.force_login(secretary)
    rows = downloaded(client, organisation, "xlsx")
    before = counts()

    preview = client.post(url(organisation), {"file": upload(rows, "register.xlsx")})
    token = preview.context["confirm"]["token"].value()
    client.post(url(organisation, "risks:import-confirm"), {"token": token})

    assert preview.context["plan"].unchanged == ["R-001"]
    assert counts() == before


def test_a_file_with_one_bad_row_changes_nothing(organisation, risk, secretary, technology):
    good_change = [
        "R-001", "Disaster recovery site failed over", "Technology", "Mo Mensah", "Open",
        4, 4, "", 3, 3, "", 2, 3, "", "", "", "Treat", "Nightly off-site backups",
        "Near (3 to 12 months)", "", "", "", "", "",
    ]  # fmt: skip
    good_new = ["", *good_change[1:]]
    bad = ["R-007", "Cyber attack", "Weather", "Nobody", "Open", *good_change[5:]]
    bad[H.index("Target likelihood")] = 6
    before = counts()

    plan = actions.import_register(
        organisation,
        write_csv(H, [good_change, good_new, bad]),
        file_name="risks.csv",
        by=secretary,
        access=access_for(secretary, organisation),
    )

    assert [str(problem) for problem in plan.problems] == [
        "Row 4, category: “Weather” is not a category of the council's register: add it first",
        "Row 4, owner: “Nobody” is not a person of the council",
        "Row 4, target likelihood: enter a whole number from 1 to 5",
    ]
    assert counts() == before
    risk.refresh_from_db()
    assert risk.title == "Disaster recovery site not tested"


def test_a_risk_changed_between_the_check_and_the_confirmation_is_checked_again(
    client, organisation, risk, secretary
):
    client.force_login(secretary)
    rows = downloaded(client, organisation)
    rows[1][H.index("Title")] = "Disaster recovery site tested at last"
    rows.append(["", *rows[1][1:]])
    preview = client.post(url(organisation), {"file": upload(rows)})
    actions.close_risk(risk, by=secretary, note="The site was failed over in June.")
    before = counts()

    confirmed = client.post(
        url(organisation, "risks:import-confirm"),
        {"token": preview.context["confirm"]["token"].value()},
    )

    assert confirmed.status_code == 200
    assert [str(p) for p in confirmed.context["plan"].problems] == [
        "Row 2, status: change the status of R-001 on its page: closing a risk needs a closing "
        "note, and a closed risk stays closed"
    ]
    assert counts() == before


def test_a_reference_the_register_has_not_keeps_its_number(organisation, secretary, risk):
    row = [
        "R-010", "Cloud migration stalls", "Technology", "sam@example.org", "",
        2, 2, "", 2, 2, "", 1, 1, "", "", "", "", "", "", "31.03.2027", "£1,500", "", "", "",
    ]  # fmt: skip
    secretary.email = "sam@example.org"
    secretary.save()

    plan = actions.import_register(
        organisation,
        write_csv(H, [row]),
        file_name="new.csv",
        by=secretary,
        access=access_for(secretary, organisation),
    )

    assert plan.problems == []
    added = Risk.objects.get(organisation=organisation, number=10)
    assert (added.reference, added.owner, str(added.money_impact)) == (
        "R-010",
        secretary,
        "1500.00",
    )
    assert added.review_on.isoformat() == "2027-03-31"
    # Imported again, the same file adds nothing.
    again = actions.import_register(
        organisation,
        write_csv(H, [row]),
        file_name="new.csv",
        by=secretary,
        access=access_for(secretary, organisation),
    )
    assert (again.created, again.unchanged) == ([], ["R-010"])


def test_a_restricted_risk_the_importer_may_not_read_is_not_changed(
    organisation, administrator, member, technology
):
    hidden = actions.create_risk(
        organisation,
        by=member,
        scores=SCORES,
        title="Firewall weakness",
        category=technology,
        owner=member,
        controls="Patched",
        restricted=True,
        exemption="security",
    )
    row = [
        hidden.reference, "Guessed title", "Technology", "Ada Ahmed", "Open",
        4, 4, "", 3, 3, "", 2, 3, "", "", "", "Treat", "Patched", "", "", "", "", "", "",
    ]  # fmt: skip

    plan = actions.import_register(
        organisation,
        write_csv(H, [row]),
        file_name="guess.csv",
        by=administrator,
        access=access_for(administrator, organisation),
    )

    assert [str(p) for p in plan.problems] == [
        "Row 2, reference: R-001 is a risk you may not read: leave its row out of the file, or "
        "empty its reference to add a new risk"
    ]
    hidden.refresh_from_db()
    assert hidden.title == "Firewall weakness"


def test_a_file_that_is_no_spreadsheet_is_refused(client, organisation, secretary):
    client.force_login(secretary)

    response = client.post(
        url(organisation), {"file": SimpleUploadedFile("risks.xlsx", b"not a workbook")}
    )

    assert response.status_code == 200
    assert [str(p) for p in response.context["plan"].problems] == [
        "The file is not an Excel workbook steerco can read."
    ]
    assert response.context["confirm"] is None


def test_a_confirmation_with_a_token_of_another_person_or_tampered_is_refused(
    client, organisation, risk, secretary, administrator
):
    client.force_login(secretary)
    rows = downloaded(client, organisation)
    rows[1][H.index("Title")] = "Changed"
    token = (
        client.post(url(organisation), {"file": upload(rows)}).context["confirm"]["token"].value()
    )
    client.force_login(administrator)
    before = counts()

    for sent in (token, token[:-2] + "xx"):
        response = client.post(url(organisation, "risks:import-confirm"), {"token": sent})
        assert response.status_code == 200
        assert response.context["errors"] == [
            "The checked file has expired or cannot be read: choose the file again."
        ]
    assert counts() == before


def test_only_whoever_keeps_the_register_imports(client, organisation, member, outsider):
    client.force_login(member)
    assert client.get(url(organisation)).status_code == 403
    assert client.post(url(organisation, "risks:import-confirm"), {"token": "x"}).status_code == 403
    assert client.get(url(organisation, "risks:import-confirm")).status_code == 405
    client.force_login(outsider)
    assert client.get(url(organisation)).status_code == 404


def test_the_register_offers_the_import_to_whoever_keeps_it(
    client, organisation, secretary, member
):
    link = url(organisation)
    client.force_login(secretary)
    assert link in client.get(url(organisation, "risks:register")).content.decode()
    client.force_login(member)
    assert link not in client.get(url(organisation, "risks:register")).content.decode()


def test_a_retired_category_takes_no_new_risk_but_its_risks_keep_it(
    client, organisation, risk, secretary, technology
):
    client.force_login(secretary)
    rows = downloaded(client, organisation)
    rows.append(["", *rows[1][1:]])
    actions.change_category(
        technology, name="Technology", appetite_level="cautious", retired=True, by=secretary,
        reason="Merged into Information",
    )  # fmt: skip

    plan = client.post(url(organisation), {"file": upload(rows)}).context["plan"]

    assert [str(p) for p in plan.problems] == [
        "Row 3, category: Technology is a retired category, for no new risk: choose another"
    ]
    assert plan.unchanged == ["R-001"]


# A council's own register: other headings, in another order, with columns steerco has not.
OWN_HEADINGS = [
    "Ref", "Risk description", "Notes", "Residual L", "Residual I", "Risk Owner", "Risk_Category",
    "Gross L", "Gross I", "Target L", "Target I", "Mitigation in place", "RAG",
]  # fmt: skip
OWN_COLUMNS = {
    "reference": "Ref",
    "title": "Risk description",
    "owner": "Risk Owner",
    "category": "Risk_Category",
    "inherent_likelihood": "Gross L",
    "inherent_impact": "Gross I",
    "current_likelihood": "Residual L",
    "current_impact": "Residual I",
    "target_likelihood": "Target L",
    "target_impact": "Target I",
    "controls": "Mitigation in place",
}
OWN_ROWS = [
    ["R-001", "DR site not tested", "", 4, 3, "Mo Mensah", "technology", 4, 4, 2, 3,
     "Nightly off-site backups", "Amber"],
    ["", "Payroll supplier fails", "Contract ends 2027", 2, 2, "Olu Okafor", "Commercial",
     3, 3, 1, 2, "Escrow", "Green"],
]  # fmt: skip


def own_sheet(name="own-register.xlsx"):
    return upload([OWN_HEADINGS, *OWN_ROWS], name)


def choices(columns):
    """The form's answer: each field's column, by its position in OWN_HEADINGS."""
    return {name: str(OWN_HEADINGS.index(heading)) for name, heading in columns.items()}


def test_a_register_of_the_councils_own_shape_imports_through_its_columns(
    client, organisation, risk, secretary, officer
):
    client.force_login(secretary)

    chosen = client.post(url(organisation), {"file": own_sheet()})

    form = chosen.context["columns"]
    assert chosen.context["plan"] is None and Risk.objects.count() == 1
    # Suggested where a heading names the field, whatever its case and punctuation.
    assert (form["owner"].value(), form["category"].value()) == (5, 6)
    assert (form["reference"].value(), form["title"].value(), form["cause"].value()) == (
        None,
        None,
        None,
    )
    page = chosen.content.decode()
    assert "Not in this file" in page and "Risk description (column B)" in page

    preview = client.post(
        url(organisation), {"token": form["token"].value(), **choices(OWN_COLUMNS)}
    )

    plan = preview.context["plan"]
    assert plan.problems == []
    assert [(c.reference, c.changes) for c in plan.changed] == [
        (
            "R-001",
            [("title", "Disaster recovery site not tested", "DR site not tested"),
             ("current likelihood", "3", "4")],
        )
    ]  # fmt: skip
    assert [(c.reference, c.title) for c in plan.created] == [("R-002", "Payroll supplier fails")]
    assert Risk.objects.count() == 1

    confirmed = client.post(
        url(organisation, "risks:import-confirm"),
        {"token": preview.context["confirm"]["token"].value()},
    )

    assert confirmed.status_code == 302
    risk.refresh_from_db()
    # What the file has not (the cause) is left as it was.
    assert (risk.title, risk.current_score, risk.cause) == (
        "DR site not tested",
        12,
        "The second data centre has not been failed over to since 2022.",
    )
    added = Risk.objects.get(organisation=organisation, number=2)
    assert (added.owner, added.category.name, added.controls, added.current_score) == (
        officer,
        "Commercial",
        "Escrow",
        4,
    )


def test_columns_chosen_twice_or_a_required_field_left_out_are_refused(
    client, organisation, risk, secretary
):
    client.force_login(secretary)
    token = client.post(url(organisation), {"file": own_sheet("own.csv")}).context["columns"]
    token = token["token"].value()
    before = counts()
    twice = choices(OWN_COLUMNS) | {"cause": str(OWN_HEADINGS.index("Risk description"))}
    no_owner = choices(OWN_COLUMNS) | {"owner": ""}

    refused = [client.post(url(organisation), {"token": token, **c}) for c in (twice, no_owner)]

    assert [dict(r.context["columns"].errors) for r in refused] == [
        {
            "cause": [
                "Select another column for the cause: “Risk description” is already chosen "
                "for the title."
            ]
        },
        {"owner": ["Select the column that holds the owner."]},
    ]
    assert all(r.context["confirm"] is None for r in refused)
    assert "There is a problem" in refused[0].content.decode()
    assert counts() == before


def test_a_token_of_the_columns_step_alone_imports_nothing(client, organisation, risk, secretary):
    client.force_login(secretary)
    form = client.post(url(organisation), {"file": own_sheet()}).context["columns"]
    before = counts()

    # Its columns are not chosen yet: read as the download's, the file has not its headings.
    response = client.post(
        url(organisation, "risks:import-confirm"), {"token": form["token"].value()}
    )

    assert response.status_code == 200
    assert "The file has no column “Title”." in [str(p) for p in response.context["plan"].problems]
    assert counts() == before


@pytest.fixture
def linked(organisation, risk, secretary, other_organisation):
    """The risk linked to one of each kind, the whole service and a restricted business case."""
    from steerco.portfolio.models import BusinessCase, Programme, Project
    from steerco.strategy.models import CorporateObjective

    project = Project.objects.create(organisation=organisation, reference="ICT-1", name="CRM")
    Project.objects.create(organisation=organisation, reference="ICT-2", name="Payroll")
    Project.objects.create(organisation=other_organisation, reference="ICT-9", name="Theirs")
    case = BusinessCase.objects.create(
        organisation=organisation, project=project, number=2, title="CRM", base_year=2026
    )
    hidden = BusinessCase.objects.create(
        organisation=organisation, project=project, number=3, title="Vault hosting bid",
        base_year=2026, restricted=True, exemption="commercial",
    )  # fmt: skip
    programme = Programme.objects.create(organisation=organisation, reference="PG-1", name="Dig")
    objective = CorporateObjective.objects.create(
        organisation=organisation, title="Digital by default; for everyone"
    )
    risk.whole_service = True
    actions.change_risk(
        risk,
        by=secretary,
        reason="Linked",
        links={
            "projects": [project],
            "business_cases": [case, hidden],
            "programmes": [programme],
            "objectives": [objective],
        },
    )
    return risk


def links(risk):
    risk.refresh_from_db()
    return (
        risk.whole_service,
        *(
            sorted(str(o) for o in getattr(risk, kind).all())
            for kind in ("projects", "business_cases", "programmes", "objectives")
        ),
    )


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_what_a_risk_affects_is_downloaded_and_imported_back_unchanged(
    client, organisation, linked, secretary, file_type
):
    client.force_login(secretary)
    rows = downloaded(client, organisation, file_type)
    before, linked_before = counts(), links(linked)

    preview = client.post(url(organisation), {"file": upload(rows, f"register.{file_type}")})
    client.post(
        url(organisation, "risks:import-confirm"),
        {"token": preview.context["confirm"]["token"].value()},
    )

    # The restricted business case is not named in the file, and is kept.
    assert rows[1][H.index("Affects")] == (
        "Whole service\nProject ICT-1\nProgramme PG-1\nBusiness case ICT-1 version 2\n"
        "Objective Digital by default; for everyone"
    )
    assert "Vault" not in str(rows)
    assert preview.context["plan"].unchanged == ["R-001"]
    assert (counts(), links(linked)) == (before, linked_before)


def test_what_a_risk_affects_is_changed_by_an_import(client, organisation, linked, secretary):
    client.force_login(secretary)
    rows = downloaded(client, organisation)
    rows[1][H.index("Affects")] = "ICT-2; programme pg-1"

    preview = client.post(url(organisation), {"file": upload(rows)})
    client.post(
        url(organisation, "risks:import-confirm"),
        {"token": preview.context["confirm"]["token"].value()},
    )

    assert [c.changes for c in preview.context["plan"].changed] == [
        [
            (
                "affects",
                "Whole service\nProject ICT-1\nProgramme PG-1\nBusiness case ICT-1 version 2\n"
                "Objective Digital by default; for everyone",
                "Project ICT-2\nProgramme PG-1",
            )
        ]
    ]
    assert links(linked) == (
        False,
        ["ICT-2 Payroll"],
        ["Vault hosting bid (version 3)"],
        ["Dig"],
        [],
    )
    assert linked.history.first().history_change_reason == "Imported from register.csv"


def test_an_affected_object_the_council_has_not_or_the_importer_may_not_read_is_refused(
    client, organisation, linked, secretary
):
    client.force_login(secretary)
    rows = downloaded(client, organisation)
    rows.append(["", *rows[1][1:]])
    rows[2][H.index("Affects")] = "P-999"
    rows[1][H.index("Affects")] = "Project ICT-9\nBusiness case ICT-1 version 3"
    before = counts()

    plan = client.post(url(organisation), {"file": upload(rows)}).context["plan"]

    assert [str(p) for p in plan.problems] == [
        "Row 2, affects: “ICT-9” is not a project of the council; “ICT-1 version 3” is not a "
        "business case of the council",
        "Row 3, affects: “P-999” is not a project of the council",
    ]
    assert counts() == before
