"""The portfolio register and the project page, through the pages."""

from datetime import date

import pytest
from django.urls import reverse

from steerco.portfolio.models import ConfidenceAssessment, PortfolioSettings, Programme, Project
from steerco.strategy.models import Theme


def url(name, organisation, **kwargs):
    return reverse(f"portfolio:{name}", kwargs={"org": organisation.slug, **kwargs})


@pytest.fixture
def theme(organisation):
    return Theme.objects.create(organisation=organisation, name="Digital First")


@pytest.fixture
def project(organisation, officer):
    return Project.objects.create(
        organisation=organisation,
        reference="ICT-01",
        name="Client Technologies",
        stage=Project.Stage.IN_DELIVERY,
        service_area="ICT",
        sro=officer,
        starts_on=date(2024, 4, 1),
        ends_on=date(2026, 3, 31),
    )


def project_data(**overrides):
    data = {
        "reference": "ICT-02",
        "name": "Home Working",
        "description": "Laptops and remote access for 1,200 staff.",
        "stage": "proposal",
        "service_area": "Customer Services",
        "starts_on_0": "1",
        "starts_on_1": "4",
        "starts_on_2": "2025",
        "ends_on_0": "31",
        "ends_on_1": "3",
        "ends_on_2": "2027",
    }
    data.update(overrides)
    return data


def test_a_secretary_registers_a_project_with_its_themes(client, secretary, organisation, theme):
    client.force_login(secretary)
    response = client.post(url("project-create", organisation), project_data(themes=[theme.pk]))
    project = Project.objects.get(reference="ICT-02")
    assert response.status_code == 302
    assert response.url == project.get_absolute_url()
    assert list(project.themes.all()) == [theme]
    assert project.history.first().history_change_reason == "Project registered"
    assert project.history.first().history_user == secretary
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Home Working" in page and "Digital First" in page


def test_a_project_ending_before_it_starts_is_refused_and_nothing_saved(
    client, secretary, organisation
):
    client.force_login(secretary)
    response = client.post(url("project-create", organisation), project_data(ends_on_2="2024"))
    assert response.status_code == 200
    assert "The end date must be the same as or after the start date." in response.content.decode()
    assert not Project.objects.exists()


def test_a_reference_in_use_is_refused(client, secretary, organisation, project):
    client.force_login(secretary)
    response = client.post(url("project-create", organisation), project_data(reference="ict-01"))
    assert "There is already a project with the reference ict-01" in response.content.decode()
    assert Project.objects.count() == 1


def test_a_project_named_like_another_is_registered_only_once_confirmed_new(
    client, secretary, organisation, project
):
    client.force_login(secretary)
    data = project_data(name="Client Technology")
    response = client.post(url("project-create", organisation), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 project of the council has a similar name. Check it below" in page
    assert "ICT-01 Client Technologies" in page  # the possible duplicate, linked
    assert "Yes, it is a new project: register it" in page
    assert Project.objects.count() == 1

    response = client.post(url("project-create", organisation), data | {"confirm_new": "on"})
    assert response.status_code == 302
    assert Project.objects.filter(name="Client Technology").exists()


def test_a_project_named_like_no_other_needs_no_confirmation(
    client, secretary, organisation, project
):
    client.force_login(secretary)
    page = client.get(url("project-create", organisation)).content.decode()
    assert "Yes, it is a new project" not in page
    response = client.post(url("project-create", organisation), project_data())
    assert response.status_code == 302


def test_renaming_a_project_is_not_held_up_by_the_duplicate_check(
    client, secretary, organisation, project
):
    other = Project.objects.create(organisation=organisation, reference="ICT-09", name="Payroll")
    client.force_login(secretary)
    data = project_data(reference="ICT-09", name="Client Technologies 2", version=other.version)
    response = client.post(url("project-edit", organisation, project_pk=other.pk), data)
    assert response.status_code == 302


def test_an_officer_reads_the_register_but_does_not_register(
    client, officer, organisation, project
):
    client.force_login(officer)
    page = client.get(url("register", organisation)).content.decode()
    assert "Client Technologies" in page
    assert "Register a project" not in page
    assert client.get(url("project-create", organisation)).status_code == 403


def test_the_project_s_sro_changes_it_but_another_officer_may_not(
    client, officer, make_person, organisation, project
):
    client.force_login(officer)
    edit = url("project-edit", organisation, project_pk=project.pk)
    assert client.get(edit).status_code == 200
    client.force_login(make_person("someone", organisation))
    assert client.get(edit).status_code == 403


def test_another_council_cannot_see_the_register_or_a_project(
    client, outsider, organisation, project
):
    client.force_login(outsider)
    assert client.get(url("register", organisation)).status_code == 404
    assert client.get(project.get_absolute_url()).status_code == 404


def test_a_stale_edit_is_refused_and_loses_nothing(client, secretary, organisation, project):
    client.force_login(secretary)
    edit = url("project-edit", organisation, project_pk=project.pk)
    opened = project.version
    client.post(edit, project_data(reference="ICT-01", name="First change", version=opened))
    response = client.post(
        edit, project_data(reference="ICT-01", name="Second change", version=opened)
    )
    assert "since you opened it" in response.content.decode()
    project.refresh_from_db()
    assert project.name == "First change"


def test_filters_and_sorting(client, officer, organisation, project, theme):
    programme = Programme.objects.create(organisation=organisation, reference="P1", name="Digital")
    other = Project.objects.create(
        organisation=organisation,
        reference="ICT-03",
        name="Workflow",
        stage=Project.Stage.PROPOSAL,
        programme=programme,
    )
    other.themes.add(theme)
    ConfidenceAssessment.objects.create(
        project=project, assessed_on=date(2025, 1, 1), scale="five", rating="amber_red"
    )
    ConfidenceAssessment.objects.create(
        project=other, assessed_on=date(2025, 1, 1), scale="five", rating="green"
    )
    client.force_login(officer)

    def names(**query):
        response = client.get(url("register", organisation), query)
        return [p.name for p in response.context["page"]]

    assert names() == ["Client Technologies", "Workflow"]
    assert names(stage="proposal") == ["Workflow"]
    assert names(theme=theme.pk) == ["Workflow"]
    assert names(programme=programme.pk) == ["Workflow"]
    assert names(service_area="ICT") == ["Client Technologies"]
    assert names(confidence="amber_red") == ["Client Technologies"]
    # A three-point filter finds the five-point ratings that read as it.
    assert names(confidence="red") == ["Client Technologies"]
    assert names(confidence="amber") == []
    assert names(sort="name", stage="") == ["Client Technologies", "Workflow"]
    assert names(sort="confidence") == ["Client Technologies", "Workflow"]
    assert names(sort="stage") == ["Workflow", "Client Technologies"]
    # A bad value in a shared link is ignored, not a failure.
    assert names(stage="nonsense", sort="nonsense") == ["Client Technologies", "Workflow"]


def test_confidence_is_recorded_on_the_council_s_scale_and_mapped_where_scales_meet(
    client, secretary, organisation, project
):
    client.force_login(secretary)
    create = url("confidence-create", organisation, project_pk=project.pk)
    day = {"assessed_on_0": "1", "assessed_on_1": "6", "assessed_on_2": "2025"}
    client.post(create, {**day, "rating": "amber_green", "commentary": "Supplier late."})
    PortfolioSettings.objects.create(organisation=organisation, confidence_scale="three")
    refused = client.post(create, {**day, "rating": "amber_green"})
    assert refused.status_code == 200
    assert project.confidence_assessments.count() == 1
    client.post(create, {**day, "assessed_on_1": "7", "rating": "red"})
    page = client.get(project.get_absolute_url()).content.decode()
    assert "On three points" in page
    assert "amber/green is read as amber" in page
    assert [a.rating for a in project.confidence_assessments.all()] == ["red", "amber_green"]


def test_an_assessment_dated_in_the_future_is_refused(client, secretary, organisation, project):
    client.force_login(secretary)
    response = client.post(
        url("confidence-create", organisation, project_pk=project.pk),
        {"assessed_on_0": "1", "assessed_on_1": "1", "assessed_on_2": "2999", "rating": "green"},
    )
    assert "must be today or in the past" in response.content.decode()
    assert not project.confidence_assessments.exists()


def test_a_programme_is_added_and_lists_its_projects(client, secretary, organisation, project):
    client.force_login(secretary)
    response = client.post(
        url("programme-create", organisation), {"reference": "PRG-1", "name": "Digital First"}
    )
    programme = Programme.objects.get(reference="PRG-1")
    assert response.url == programme.get_absolute_url()
    project.programme = programme
    project.save()
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Client Technologies" in page
    again = client.post(
        url("programme-create", organisation), {"reference": "prg-1", "name": "Again"}
    )
    assert "There is already a programme with the reference prg-1" in again.content.decode()


def test_the_administrator_chooses_the_scale_and_a_secretary_may_not(
    client, administrator, secretary, organisation
):
    client.force_login(secretary)
    assert client.get(url("settings", organisation)).status_code == 403
    client.force_login(administrator)
    client.post(url("settings", organisation), {"confidence_scale": "three"})
    assert PortfolioSettings.objects.get(organisation=organisation).confidence_scale == "three"
    client.post(url("settings", organisation), {"confidence_scale": "five"})
    settings = PortfolioSettings.objects.get(organisation=organisation)
    assert settings.confidence_scale == "five"
    assert settings.history.count() == 2
