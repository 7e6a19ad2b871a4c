import pytest

from steerco.governance.models import Body
from steerco.lib import kinds
from steerco.meetings.models import PaperVersion


def test_a_kind_is_found_by_the_parameter_as_a_route_writes_it():
    assert kinds.kind_for("bodies", "<int:pk>") == kinds.Kind("bodies", "pk", Body, "organisation")


def test_the_same_parameter_after_another_segment_is_another_kind():
    assert kinds.kind_for("versions", "<int:version_pk>").model is PaperVersion
    assert kinds.kind_for("minutes", "<int:pk>") is None


def test_a_kind_is_declared_as_a_segment_and_a_parameter(monkeypatch):
    monkeypatch.setattr(kinds, "_kinds", {})
    with pytest.raises(ValueError, match="bodies/<pk>"):
        kinds.register_kind("<pk>", Body)


@pytest.mark.django_db
def test_a_kind_finds_its_objects_in_an_organisation(organisation, other_organisation):
    ours = Body.objects.create(organisation=organisation, name="Ours")
    Body.objects.create(organisation=other_organisation, name="Theirs")

    assert list(kinds.kind_for("bodies", "pk").in_organisation(organisation)) == [ours]
