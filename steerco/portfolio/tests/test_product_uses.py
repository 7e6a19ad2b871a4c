from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from steerco.lib.dates import today
from steerco.portfolio import actions, impact
from steerco.portfolio.models import Product, ProductUse, Project
from steerco.portfolio.tests.test_dependency_pages import url


@pytest.fixture
def intune(organisation):
    return Product.objects.create(organisation=organisation, name="Intune", kind="platform")


@pytest.fixture
def workflow(organisation):
    return Project.objects.create(organisation=organisation, reference="WF-01", name="Workflow")


@pytest.fixture
def used(workflow, intune, secretary):
    return actions.declare_product_use(workflow, product=intune, use="uses", by=secretary)


def test_ending_a_use_keeps_it_with_when_who_and_why(secretary, used):
    ended_on = today() - timedelta(days=3)
    actions.end_product_use(used, on=ended_on, reason="Moved to Jamf", by=secretary)
    used.refresh_from_db()
    assert (used.ended_on, used.ended_by, used.ended_reason, used.is_current) == (
        ended_on,
        secretary,
        "Moved to Jamf",
        False,
    )
    assert ProductUse.objects.count() == 1
    latest = used.history.first()
    assert (latest.history_change_reason, latest.history_user) == (
        "WF-01 no longer uses Intune: Moved to Jamf",
        secretary,
    )


def test_a_use_is_ended_once_with_a_reason_on_a_day_not_in_the_future(secretary, used):
    with pytest.raises(ValidationError) as refused:
        actions.end_product_use(used, reason=" ", by=secretary)
    assert refused.value.message_dict == {"reason": ["Enter why the use ends."]}
    with pytest.raises(ValidationError) as refused:
        actions.end_product_use(used, on=today() + timedelta(days=1), reason="Later", by=secretary)
    assert refused.value.message_dict == {
        "on": ["The date the use ended must be today or in the past."]
    }
    actions.end_product_use(used, reason="Replaced", by=secretary)
    with pytest.raises(ValidationError) as refused:
        actions.end_product_use(ProductUse.objects.get(), reason="Again", by=secretary)
    assert refused.value.messages == [f"This use already ended on {today():%-d %B %Y}: Replaced"]


def test_only_whoever_keeps_the_register_ends_a_use(client, organisation, officer, member, used):
    with pytest.raises(ValidationError, match="Only whoever keeps the register"):
        actions.end_product_use(used, reason="Mine", by=officer)
    path = url("product-use-end", organisation, use_pk=used.pk)
    for person in (officer, member):
        client.force_login(person)
        assert client.get(path).status_code == 403
        assert client.post(path, {"reason": "Mine"}).status_code == 403
    assert ProductUse.objects.get().is_current


def test_a_project_uses_a_product_again_after_its_use_ended(workflow, intune, secretary, used):
    actions.end_product_use(used, reason="Paused", by=secretary)
    again = actions.declare_product_use(workflow, product=intune, use="introduces", by=secretary)
    assert again.pk != used.pk
    assert [(use.use, use.is_current) for use in ProductUse.objects.order_by("pk")] == [
        ("uses", False),
        ("introduces", True),
    ]


def test_only_one_current_use_of_a_product_per_project(workflow, intune, used):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductUse.objects.create(project=workflow, product=intune, use="retires")


def test_an_ended_use_needs_its_reason_in_the_database(used):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductUse.objects.filter(pk=used.pk).update(ended_on=date(2026, 1, 1))


def test_the_end_page_ends_it_and_the_pages_show_current_and_ended_uses_apart(
    client, organisation, secretary, officer, workflow, intune, used
):
    mobility = Project.objects.create(organisation=organisation, reference="MOB-02", name="Mob")
    actions.declare_product_use(mobility, product=intune, use="introduces", by=secretary)
    client.force_login(secretary)
    product_page = url("product-detail", organisation, product_pk=intune.pk)
    path = url("product-use-end", organisation, use_pk=used.pk)
    assert f'href="{path}"' in client.get(product_page).content.decode()
    project_page = client.get(workflow.get_absolute_url()).content.decode()
    assert f'href="{path}"' in project_page

    refused = client.post(path, {"on_0": "", "on_1": "", "on_2": "", "reason": ""})
    assert refused.status_code == 200
    assert set(refused.context["form"].errors) == {"on", "reason"}
    day = today()
    response = client.post(
        path,
        {"on_0": day.day, "on_1": day.month, "on_2": day.year, "reason": "Moved to Jamf"},
    )
    assert response.status_code == 302
    assert response["Location"] == product_page

    page = client.get(product_page)
    assert [(use.project, use.use) for use in page.context["page"].object_list] == [
        (mobility, "introduces")
    ]
    assert page.context["ended"] == {"uses": [ProductUse.objects.get(pk=used.pk)], "count": 1}
    assert "Moved to Jamf" in page.content.decode()
    assert f'href="{path}"' not in page.content.decode()

    client.force_login(officer)
    project = client.get(workflow.get_absolute_url())
    assert project.context["product_uses"] == {
        "current": [],
        "ended": {"uses": [ProductUse.objects.get(pk=used.pk)], "count": 1},
    }
    shown = project.content.decode()
    assert "Moved to Jamf" in shown and f"{day:%-d %B %Y}, by {secretary}" in shown
    assert "End this use" not in shown

    client.force_login(secretary)
    again = client.get(path, follow=True)
    assert [str(m) for m in again.context["messages"]] == [
        f"This use already ended on {day:%-d %B %Y}: Moved to Jamf"
    ]


def test_the_catalogue_and_the_duplicate_check_count_current_uses_only(
    client, organisation, officer, secretary, workflow, intune, used
):
    mobility = Project.objects.create(organisation=organisation, reference="MOB-02", name="Mob")
    actions.declare_product_use(mobility, product=intune, use="uses", by=secretary)
    actions.end_product_use(used, reason="Moved to Jamf", by=secretary)
    [product] = impact.catalogue(organisation)
    assert (product.uses_count, product.introduces_count, product.retires_count) == (1, 0, 0)
    matches = impact.possible_duplicates(organisation, "Something else", products=[intune])
    assert [(row.project["reference"], row.products) for row in matches] == [("MOB-02", ["Intune"])]
