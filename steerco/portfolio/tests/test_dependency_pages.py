from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from steerco.portfolio import actions
from steerco.portfolio.models import Benefit, Dependency, Product, ProductUse, Programme, Project


def project(organisation, reference, name, **fields):
    return Project.objects.create(
        organisation=organisation, reference=reference, name=name, **fields
    )


@pytest.fixture
def chain(organisation, secretary):
    """Client Technologies, then Workflow, then Mobility: each must finish before the next."""
    client_tech = project(
        organisation, "CT-03", "Client Technologies", starts_on=date(2024, 4, 1),
        ends_on=date(2025, 3, 31),
    )  # fmt: skip
    workflow = project(
        organisation, "WF-01", "Workflow", starts_on=date(2025, 6, 1), ends_on=date(2026, 3, 20)
    )
    mobility = project(
        organisation, "MOB-02", "Mobility", starts_on=date(2026, 3, 1), ends_on=date(2027, 2, 1)
    )
    actions.add_dependency(workflow, depends_on=client_tech, by=secretary)
    actions.add_dependency(mobility, depends_on=workflow, note="Forms", by=secretary)
    Benefit.objects.create(
        project=mobility, description="Fewer trips to the office", target_on=date(2027, 3, 15)
    )
    return client_tech, workflow, mobility


def url(name, organisation, **kwargs):
    return reverse(f"portfolio:{name}", kwargs={"org": organisation.slug, **kwargs})


def test_a_project_page_shows_what_it_waits_on_and_what_waits_on_it(
    client, organisation, officer, chain
):
    client_tech, workflow, mobility = chain
    client.force_login(officer)
    response = client.get(url("project-dependencies", organisation, project_pk=client_tech.pk))
    assert response.status_code == 200
    assert [each.project for each in response.context["waited_on_by"]] == [workflow, mobility]
    assert [each.distance for each in response.context["waited_on_by"]] == [1, 2]
    assert response.context["waits_on"] == []
    assert response.context["can_manage"] is False
    body = response.content.decode()
    assert "through 1 other project" in body
    assert "<svg" in body
    assert "Add a dependency" not in body


def test_the_slip_shows_the_projects_benefits_and_budget_years_that_move(
    client, organisation, officer, chain
):
    client_tech, _, _ = chain
    client.force_login(officer)
    response = client.get(
        url("project-dependencies", organisation, project_pk=client_tech.pk),
        {"slip": "1", "ends_on_0": "29", "ends_on_1": "6", "ends_on_2": "2025"},
    )
    slip = response.context["slip"]
    assert [(row.project.reference, row.shift.days) for row in slip.rows] == [
        ("CT-03", 90),
        ("WF-01", 28),
        ("MOB-02", 28),
    ]
    assert [(row.budget_years, row.new_budget_years) for row in slip.rows[1:]] == [
        ("2025/26", "2025/26 to 2026/27"),
        ("2025/26 to 2026/27", "2025/26 to 2026/27"),
    ]
    [benefit] = slip.benefits
    assert (benefit.moved.new_target_on, benefit.year, benefit.new_year) == (
        date(2027, 4, 12),
        "2026/27",
        "2027/28",
    )
    body = response.content.decode()
    assert "2 other projects would move" in body
    assert "2027/28 (was 2026/27)" in body


def test_an_end_date_no_later_than_planned_is_refused(client, organisation, officer, chain):
    client_tech, _, _ = chain
    client.force_login(officer)
    response = client.get(
        url("project-dependencies", organisation, project_pk=client_tech.pk),
        {"slip": "1", "ends_on_0": "1", "ends_on_1": "3", "ends_on_2": "2025"},
    )
    assert response.status_code == 200
    assert "slip" not in response.context
    assert response.context["form"].errors == {
        "ends_on": ["The new end date must be after the planned end date, 31 March 2025."]
    }


def test_a_project_without_an_end_date_slips_by_weeks(client, organisation, officer, secretary):
    first = project(organisation, "A-1", "First")
    then = project(organisation, "B-2", "Then")
    actions.add_dependency(then, depends_on=first, by=secretary)
    client.force_login(officer)
    response = client.get(
        url("project-dependencies", organisation, project_pk=first.pk), {"slip": "1", "weeks": "3"}
    )
    assert [row.shift.days for row in response.context["slip"].rows] == [21, 21]


def test_another_councils_project_is_not_found(client, organisation, outsider, chain):
    client.force_login(outsider)
    response = client.get(url("project-dependencies", organisation, project_pk=chain[0].pk))
    assert response.status_code == 404


def test_a_portfolio_manager_adds_a_dependency(client, organisation, secretary, chain):
    client_tech, _, mobility = chain
    client.force_login(secretary)
    response = client.post(
        url("dependency-create", organisation, project_pk=mobility.pk),
        {"depends_on": client_tech.pk, "kind": "shared_resource", "note": "Same engineers"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("project-dependencies", organisation, project_pk=mobility.pk)
    added = Dependency.objects.get(kind="shared_resource")
    assert (added.project, added.depends_on, added.note) == (
        mobility,
        client_tech,
        "Same engineers",
    )


def test_a_dependency_making_a_cycle_is_refused_on_the_page(
    client, organisation, administrator, chain
):
    client_tech, _, mobility = chain
    client.force_login(administrator)
    response = client.post(
        url("dependency-create", organisation, project_pk=client_tech.pk),
        {"depends_on": mobility.pk, "kind": "finish_first"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "depends_on": ["This dependency would make a cycle: CT-03 → MOB-02 → WF-01 → CT-03."]
    }
    assert Dependency.objects.count() == 2


def test_only_portfolio_managers_change_dependencies(client, organisation, officer, chain):
    mobility = chain[2]
    dependency = Dependency.objects.first()
    client.force_login(officer)
    assert (
        client.get(url("dependency-create", organisation, project_pk=mobility.pk)).status_code
        == 403
    )
    response = client.post(
        url("dependency-end", organisation, dependency_pk=dependency.pk), {"reason": "No"}
    )
    assert response.status_code == 403
    assert Dependency.objects.filter(ended_at__isnull=True).count() == 2


def test_a_dependency_is_ended_with_a_reason(client, organisation, secretary, chain):
    dependency = Dependency.objects.get(project=chain[2])
    client.force_login(secretary)
    end = url("dependency-end", organisation, dependency_pk=dependency.pk)
    response = client.post(end, {"reason": ""})
    assert response.context["form"].errors == {"reason": ["Enter why the dependency ends."]}
    response = client.post(end, {"reason": "Mobility no longer needs the forms"})
    assert response.status_code == 302
    dependency.refresh_from_db()
    assert dependency.ended_reason == "Mobility no longer needs the forms"
    page = client.get(url("project-dependencies", organisation, project_pk=chain[2].pk))
    assert page.context["ended"] == [dependency]
    assert "Mobility no longer needs the forms" in page.content.decode()


def test_the_dependency_map_draws_and_lists_the_portfolio(client, organisation, officer, chain):
    client.force_login(officer)
    response = client.get(url("dependency-map", organisation))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == list(
        Dependency.objects.order_by("project__reference")
    )
    assert len(response.context["picture"].boxes) == 3
    assert client.post(url("dependency-map", organisation)).status_code == 405


def test_the_map_narrows_to_a_programme(client, organisation, officer, chain, secretary):
    programme = Programme.objects.create(organisation=organisation, reference="P1", name="Mobile")
    Project.objects.filter(pk=chain[2].pk).update(programme=programme)
    client.force_login(officer)
    response = client.get(url("dependency-map", organisation), {"programme": programme.pk})
    assert [d.project for d in response.context["page"].object_list] == [chain[2]]
    assert {project.reference for _, project in response.context["picture"].boxes} == {
        "MOB-02",
        "WF-01",
    }


def test_the_catalogue_counts_and_a_product_lists_the_projects_that_use_it(
    client, organisation, officer, secretary, chain
):
    intune = Product.objects.create(organisation=organisation, name="Intune", kind="platform")
    ProductUse.objects.create(project=chain[2], product=intune, use="introduces")
    ProductUse.objects.create(project=chain[1], product=intune, use="uses")
    ProductUse.objects.create(project=chain[0], product=intune, use="uses")
    client.force_login(officer)
    response = client.get(url("products", organisation))
    [product] = response.context["page"].object_list
    assert (product.uses_count, product.introduces_count, product.retires_count) == (2, 1, 0)
    assert "Add a product or platform" not in response.content.decode()
    response = client.get(url("product-detail", organisation, product_pk=intune.pk))
    assert [(use.project, use.use) for use in response.context["page"].object_list] == [
        (chain[2], "introduces"),
        (chain[0], "uses"),
        (chain[1], "uses"),
    ]


def test_a_portfolio_manager_adds_a_product_and_declares_its_use(
    client, organisation, secretary, chain
):
    client.force_login(secretary)
    response = client.post(
        url("product-create", organisation),
        {"name": "Intune", "kind": "platform", "supplier": "Microsoft", "description": ""},
    )
    assert response.status_code == 302
    intune = Product.objects.get(organisation=organisation)
    response = client.post(
        url("product-use-create", organisation),
        {"project": chain[1].pk, "product": intune.pk, "use": "uses"},
    )
    assert response.status_code == 302
    assert ProductUse.objects.get().project == chain[1]


def test_an_officer_cannot_change_the_catalogue(client, organisation, officer):
    client.force_login(officer)
    assert client.get(url("product-create", organisation)).status_code == 403
    assert client.get(url("product-use-create", organisation)).status_code == 403


def test_the_duplicate_check_lists_similar_projects_before_one_is_saved(
    client, organisation, officer, chain
):
    intune = Product.objects.create(organisation=organisation, name="Intune")
    ProductUse.objects.create(project=chain[0], product=intune)
    client.force_login(officer)
    check = url("duplicate-check", organisation)
    response = client.get(check, {"name": "Mobile working project", "products": [intune.pk]})
    assert [row.project["reference"] for row in response.context["matches"]] == ["CT-03"]
    response = client.get(check, {"name": "Mobility"})
    [row] = response.context["matches"]
    assert (row.project["reference"], row.percent) == ("MOB-02", 100)
    partial = client.get(check, {"name": "Mobility"}, headers={"HX-Request": "true"})
    assert partial.content.decode().strip().startswith('<div id="duplicates">')
    assert client.get(check).context["matches"] is None


def test_a_projects_page_reads_only_what_is_linked_to_it_and_answers_as_the_whole_portfolio(
    organisation, secretary
):
    from random import Random

    from steerco.portfolio import impact
    from steerco.portfolio.rules import dependencies as rules

    rng = Random(9)
    projects = [project(organisation, f"P-{n:02d}", f"Project {n}") for n in range(14)]
    for _ in range(22):
        later, earlier = sorted(rng.sample(range(14), 2), reverse=True)
        kind = rng.choice(["finish_first", "product", "same_service"])
        try:
            actions.add_dependency(
                projects[later], depends_on=projects[earlier], kind=kind, by=secretary
            )
        except ValidationError:  # already recorded
            continue
    actions.end_dependency(Dependency.objects.first(), reason="No longer", by=secretary)
    whole = rules.Graph(impact.current_links(organisation.pk))
    for each in projects:
        linked = rules.Graph(impact.linked_to(each))
        assert rules.waits_on(linked, each.pk) == rules.waits_on(whole, each.pk)
        assert rules.waited_on_by(linked, each.pk) == rules.waited_on_by(whole, each.pk)
        plans = [rules.Plan(p.pk, None, None) for p in projects]
        assert rules.slip(plans, linked, each.pk, 10) == rules.slip(plans, whole, each.pk, 10)
        # The project page counts them in the database, and draws its direct links as the
        # linked graph does.
        waits, waited = rules.waits_on(whole, each.pk), rules.waited_on_by(whole, each.pk)
        assert impact.reached_counts(each) == (len(waits), len(waited))
        section = impact.project_section(None, each)
        near = {key for key, distance in (waits | waited).items() if distance == 1} | {each.pk}
        expected = impact.picture(
            organisation, impact.linked_to(each), impact._projects(organisation, near), each.pk
        )
        assert section["picture"] == (expected if len(near) > 1 else None)


def test_the_project_page_shows_its_dependencies_beside_the_picture(
    client, organisation, officer, chain
):
    client.force_login(officer)
    response = client.get(url("project", organisation, project_pk=chain[1].pk))
    [section] = [
        section
        for template, section in response.context["sections"]
        if template.endswith("project_dependencies_section.html")
    ]
    assert (section["waits_on_count"], section["waited_on_by_count"]) == (1, 1)
    client_tech, workflow, mobility = chain
    assert {project for _, project in section["picture"].boxes} == {client_tech, workflow, mobility}
    body = response.content.decode()
    assert "Its dependencies, and what a later end would move" in body
    assert 'aria-labelledby="project-section-title"' in body


def test_the_picture_escapes_the_names_it_draws(client, organisation, officer, chain, secretary):
    """The picture is written in Python (templatetags/pictures.py), not by the template
    engine: a name is escaped as a template would escape it, in the boxes and the title."""
    odd = project(organisation, "R&D-1", 'Lab <script>alert("x")</script>')
    actions.add_dependency(odd, depends_on=chain[0], by=secretary)
    client.force_login(officer)
    bodies = [
        client.get(page).content.decode()
        for page in (
            url("project", organisation, project_pk=odd.pk),
            url("project-dependencies", organisation, project_pk=odd.pk),
            url("dependency-map", organisation),
        )
    ]
    for body in bodies:
        assert "<script>alert" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)" in body
    assert '<title id="project-section-title">Dependencies of R&amp;D-1</title>' in bodies[0]


def test_the_map_lists_its_dependencies_a_page_at_a_time_and_downloads_every_page(
    client, organisation, officer, chain, secretary, monkeypatch
):
    from steerco.meetings.tests.test_exports import csv_rows, xlsx_rows

    monkeypatch.setattr("steerco.portfolio.dependency_views.DEPENDENCIES_PER_PAGE", 1)
    programme = Programme.objects.create(organisation=organisation, reference="P1", name="Mobile")
    Project.objects.filter(pk__in=[chain[1].pk, chain[2].pk]).update(programme=programme)
    ended = actions.add_dependency(chain[2], depends_on=chain[0], by=secretary)
    actions.end_dependency(ended, reason="Recorded by mistake", by=secretary)
    client.force_login(officer)
    query = f"?programme={programme.pk}"

    first = client.get(url("dependency-map", organisation) + query)
    second = client.get(url("dependency-map", organisation) + query + "&page=2")
    rows = csv_rows(client.get(url("dependency-map-csv", organisation) + query))
    sheet = xlsx_rows(client.get(url("dependency-map-xlsx", organisation) + query))

    listed = [
        (d.project.reference, d.depends_on.reference)
        for page in (first, second)
        for d in page.context["page"].object_list
    ]
    assert listed == [
        (d.project.reference, d.depends_on.reference)
        for d in first.context["page"].paginator.object_list
    ]
    assert listed == [("MOB-02", "WF-01"), ("WF-01", "CT-03")]
    assert f'href="?programme={programme.pk}&amp;page=2"' in first.content.decode()
    assert [(row[0], row[3]) for row in rows[1:]] == [(row[0], row[3]) for row in sheet[1:]]
    assert [(row[0], row[3]) for row in rows[1:]] == listed
    assert rows[1] == ["MOB-02", "Mobility", "Must finish first", "WF-01", "Workflow", "Forms"]
    link = (url("dependency-map-csv", organisation) + query).replace("&", "&amp;")
    assert f'href="{link}"' in first.content.decode()


def test_what_waits_on_a_project_is_listed_a_page_at_a_time_keeping_the_slip(
    client, organisation, officer, chain, monkeypatch
):
    monkeypatch.setattr("steerco.portfolio.impact.REACHED_PER_PAGE", 1)
    client_tech, workflow, mobility = chain
    client.force_login(officer)
    address = url("project-dependencies", organisation, project_pk=client_tech.pk)
    slip = {"slip": "1", "ends_on_0": "29", "ends_on_1": "6", "ends_on_2": "2025"}
    first = client.get(address, slip)
    second = client.get(address, {**slip, "waited_page": "2"})
    assert [each.project for each in first.context["waited_on_by"]] == [workflow]
    assert [each.project for each in second.context["waited_on_by"]] == [mobility]
    assert [each.distance for each in second.context["waited_on_by"]] == [2]
    body = second.content.decode()
    assert "2 projects, 1 directly; 2 to 2 here, nearest first." in body
    assert f'href="{url("project-dependencies", organisation, project_pk=mobility.pk)}"' in body
    # Its pages keep the slip asked about, and the slip its every project.
    kept = "?slip=1&amp;ends_on_0=29&amp;ends_on_1=6&amp;ends_on_2=2025&amp;"
    assert f'href="{kept}waited_page=1#waited-on-by"' in body
    assert second.context["slip"].rows_count == 3


def test_the_slip_lists_the_nearest_projects_and_counts_all_that_move(
    client, organisation, officer, chain, monkeypatch
):
    monkeypatch.setattr("steerco.portfolio.impact.SLIP_ROWS_SHOWN", 1)
    client_tech, _, mobility = chain
    Benefit.objects.create(
        project=mobility, description="Forms online", target_on=date(2027, 1, 10)
    )
    client.force_login(officer)
    response = client.get(
        url("project-dependencies", organisation, project_pk=client_tech.pk),
        {"slip": "1", "ends_on_0": "29", "ends_on_1": "6", "ends_on_2": "2025"},
    )
    slip = response.context["slip"]
    assert [row.project.reference for row in slip.rows] == ["CT-03"]
    assert [row.benefit.description for row in slip.benefits] == ["Forms online"]
    assert (slip.rows_count, slip.delayed_count, slip.years_moved_count) == (3, 2, 2)
    assert (slip.benefits_count, slip.benefit_years_moved_count) == (2, 1)
    body = response.content.decode()
    assert "2 other projects would move" in body
    assert "2 projects wait for it to finish, however indirectly" in body
    assert "Budget years would move for 2 projects" in body
    assert "Target dates would move for 2 benefits, 1 of them into another financial year" in body
    assert "The table lists the nearest 1 of the 3 projects." in body
    assert "The table lists the first 1 of the 2 benefits, by project." in body
