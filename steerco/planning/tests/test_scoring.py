from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from steerco.planning import actions
from steerco.planning.models import Criterion, Score
from steerco.planning.tests.conftest import SCALE
from steerco.portfolio.models import Project


def test_a_project_gets_its_weighted_score_and_who_scored_what(
    model, project, officer, make_person, organisation
):
    ben = make_person("ben", organisation, name="Ben Okafor")
    alignment, deliverability = model.criteria.all()
    actions.record_score(project, alignment, assessor=officer, score=2, by=officer)
    actions.record_score(project, alignment, assessor=ben, score=4, by=ben)
    actions.record_score(project, deliverability, assessor=ben, score=5, by=ben)

    result = model.score(project)

    # (3 × 3 + 1 × 5) / 4
    assert result.weighted == Decimal("3.50")
    assert sorted(result.criteria[0].scores) == sorted(
        [(officer.get_full_name() or officer.get_username(), 2), ("Ben Okafor", 4)]
    )
    assert result.flagged == ("Strategic alignment",)
    assert alignment.scale == SCALE


def test_an_assessor_scoring_again_replaces_their_score(model, project, officer):
    alignment = model.criteria.first()
    actions.record_score(project, alignment, assessor=officer, score=2, by=officer)
    actions.record_score(project, alignment, assessor=officer, score=3, by=officer)

    assert list(Score.objects.values_list("score", flat=True)) == [3]
    assert Score.history.first().history_change_reason == "Scored Strategic alignment"
    assert Score.history.first().history_user == officer


def test_a_score_off_the_scale_is_refused(model, project, officer):
    with pytest.raises(ValidationError) as refused:
        actions.record_score(project, model.criteria.first(), assessor=officer, score=6, by=officer)

    assert refused.value.message_dict == {"score": ["A score is a whole number from 0 to 5."]}


def test_weights_that_sum_to_zero_are_refused(organisation, officer):
    with pytest.raises(ValidationError) as refused:
        actions.set_criteria(organisation, [("Alignment", Decimal(0), ())], by=officer)

    assert refused.value.message_dict == {"criteria": ["The weights cannot all be zero."]}


def test_another_councils_criterion_cannot_score_a_project(
    model, officer, other_organisation, outsider
):
    theirs = Project.objects.create(
        organisation=other_organisation, reference="X-1", name="Theirs", stage="proposal"
    )

    with pytest.raises(ValidationError):
        actions.record_score(
            theirs, model.criteria.first(), assessor=outsider, score=3, by=outsider
        )


def test_resetting_the_criteria_keeps_the_scores_of_those_kept(
    model, project, officer, organisation
):
    actions.record_score(project, model.criteria.first(), assessor=officer, score=4, by=officer)

    actions.set_criteria(
        organisation,
        [("Strategic alignment", Decimal(2), ()), ("Statutory need", Decimal(2), ())],
        by=officer,
    )

    assert list(Criterion.objects.values_list("name", "weight")) == [
        ("Strategic alignment", Decimal(2)),
        ("Statutory need", Decimal(2)),
    ]
    assert Score.objects.count() == 1
    assert model.score(project).missing == ("Statutory need",)
