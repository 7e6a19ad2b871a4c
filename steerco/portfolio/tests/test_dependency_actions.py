from datetime import date

import pytest
from django.core.exceptions import ValidationError

from steerco.portfolio import actions
from steerco.portfolio.models import Dependency, Product, ProductUse, Project


def project(organisation, reference, name, **fields):
    return Project.objects.create(
        organisation=organisation, reference=reference, name=name, **fields
    )


@pytest.fixture
def workflow(organisation):
    return project(organisation, "WF-01", "Workflow", ends_on=date(2026, 3, 20))


@pytest.fixture
def mobility(organisation):
    return project(organisation, "MOB-02", "Mobility", starts_on=date(2026, 3, 1))


@pytest.fixture
def client_tech(organisation):
    return project(organisation, "CT-03", "Client Technologies")


def test_a_dependency_is_recorded_with_who_added_it(workflow, mobility, secretary):
    dependency = actions.add_dependency(
        mobility, depends_on=workflow, kind=Dependency.Kind.FINISH_FIRST, note="Forms", by=secretary
    )
    assert (dependency.project, dependency.depends_on, dependency.created_by) == (
        mobility,
        workflow,
        secretary,
    )
    [history] = dependency.history.all()
    assert (history.history_user, history.history_change_reason) == (
        secretary,
        "Dependency added: MOB-02 depends on WF-01",
    )


def test_a_dependency_that_makes_a_cycle_is_refused_with_the_cycle_named(
    workflow, mobility, client_tech, secretary
):
    actions.add_dependency(mobility, depends_on=workflow, by=secretary)
    actions.add_dependency(
        workflow, depends_on=client_tech, kind=Dependency.Kind.PRODUCT, by=secretary
    )
    with pytest.raises(ValidationError) as refused:
        actions.add_dependency(client_tech, depends_on=mobility, by=secretary)
    assert refused.value.message_dict == {
        "depends_on": ["This dependency would make a cycle: CT-03 → MOB-02 → WF-01 → CT-03."]
    }
    assert Dependency.objects.count() == 2


def test_a_project_cannot_depend_on_itself(workflow, secretary):
    with pytest.raises(ValidationError) as refused:
        actions.add_dependency(workflow, depends_on=workflow, by=secretary)
    assert refused.value.message_dict == {"depends_on": ["A project cannot depend on itself."]}


def test_a_project_of_another_council_is_refused(workflow, other_organisation, secretary):
    theirs = project(other_organisation, "X-1", "Their project")
    with pytest.raises(ValidationError) as refused:
        actions.add_dependency(workflow, depends_on=theirs, by=secretary)
    assert refused.value.message_dict == {"depends_on": ["Select a project of this council."]}
    assert not Dependency.objects.exists()


def test_the_same_dependency_is_not_recorded_twice(workflow, mobility, secretary):
    actions.add_dependency(mobility, depends_on=workflow, by=secretary)
    with pytest.raises(ValidationError) as refused:
        actions.add_dependency(mobility, depends_on=workflow, by=secretary)
    assert refused.value.message_dict == {
        "depends_on": [
            "This dependency is already recorded: MOB-02 depends on WF-01 (must finish first)."
        ]
    }
    actions.add_dependency(
        mobility, depends_on=workflow, kind=Dependency.Kind.SHARED_RESOURCE, by=secretary
    )


def test_an_ended_dependency_is_kept_with_its_reason_and_no_longer_counts(
    workflow, mobility, secretary
):
    dependency = actions.add_dependency(mobility, depends_on=workflow, by=secretary)
    actions.end_dependency(dependency, reason="  Mobility now uses paper forms  ", by=secretary)
    dependency.refresh_from_db()
    assert (dependency.ended_by, dependency.ended_reason) == (
        secretary,
        "Mobility now uses paper forms",
    )
    assert dependency.ended_at is not None
    assert dependency.history.first().history_change_reason == (
        "Dependency ended: Mobility now uses paper forms"
    )
    # The other way round no longer closes a cycle, and the same one may be recorded again.
    actions.add_dependency(workflow, depends_on=mobility, by=secretary)
    assert Dependency.objects.count() == 2


def test_a_dependency_ends_once_and_with_a_reason(workflow, mobility, secretary):
    dependency = actions.add_dependency(mobility, depends_on=workflow, by=secretary)
    with pytest.raises(ValidationError) as refused:
        actions.end_dependency(dependency, reason=" ", by=secretary)
    assert refused.value.message_dict == {"reason": ["Enter why the dependency ends."]}
    actions.end_dependency(dependency, reason="Done", by=secretary)
    stale = Dependency.objects.get(pk=dependency.pk)
    stale.ended_at = None
    with pytest.raises(ValidationError) as refused:
        actions.end_dependency(stale, reason="Again", by=secretary)
    assert refused.value.messages == ["This dependency has already ended."]


def test_the_catalogue_holds_each_product_once_whatever_its_case(organisation, secretary):
    actions.save_product(Product(organisation=organisation, name="Intune"), by=secretary)
    with pytest.raises(ValidationError) as refused:
        actions.save_product(Product(organisation=organisation, name=" intune "), by=secretary)
    assert refused.value.message_dict == {
        "name": ["The catalogue already has a product or platform called intune."]
    }


def test_a_project_declares_what_it_does_with_a_product(
    organisation, other_organisation, workflow, secretary
):
    intune = actions.save_product(Product(organisation=organisation, name="Intune"), by=secretary)
    actions.declare_product_use(workflow, product=intune, use="uses", by=secretary)
    actions.declare_product_use(workflow, product=intune, use="retires", by=secretary)
    [use] = ProductUse.objects.all()
    assert use.use == "retires"
    assert [h.history_change_reason for h in use.history.order_by("history_id")] == [
        "WF-01 uses Intune",
        "WF-01 retires Intune",
    ]
    with pytest.raises(ValidationError) as refused:
        actions.declare_product_use(workflow, product=intune, use="retires", by=secretary)
    assert refused.value.messages == ["WF-01 already retires Intune."]
    theirs = Product.objects.create(organisation=other_organisation, name="SAP")
    with pytest.raises(ValidationError) as refused:
        actions.declare_product_use(workflow, product=theirs, use="uses", by=secretary)
    assert refused.value.message_dict == {
        "product": ["Select a product or platform of this council."]
    }
