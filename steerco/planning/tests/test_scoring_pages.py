from decimal import Decimal

import pytest
from django.urls import reverse

from steerco.planning import actions
from steerco.planning.models import Criterion, Score, ScoringModel
from steerco.planning.tests.conftest import SCALE
from steerco.portfolio.models import Project
from steerco.strategy.models import Strategy, Theme


def url(organisation, name, **kwargs):
    return reverse(f"planning:{name}", kwargs={"org": organisation.slug, **kwargs})


def criterion_data(model, **fields):
    return {
        "name": "Customer impact",
        "weight": "2",
        **{f"scale_{point}": words for point, words in enumerate(SCALE)},
        "reason": "Cabinet asked for it",
        "version": model.version,
        **fields,
    }


def test_the_secretary_adds_a_criterion_with_its_reason_in_the_history(
    client, organisation, secretary, model
):
    client.force_login(secretary)

    response = client.post(url(organisation, "criterion-add"), criterion_data(model))

    assert response.status_code == 302
    added = Criterion.objects.get(name="Customer impact")
    assert (added.weight, added.scale, added.position) == (Decimal(2), SCALE, 3)
    assert added.history.first().history_change_reason == "Cabinet asked for it"
    model.refresh_from_db()
    assert model.version == 2
    assert model.history.first().history_change_reason == (
        "Added Customer impact: Cabinet asked for it"
    )
    page = client.get(url(organisation, "scoring")).content.decode()
    assert "Customer impact" in page and "5: Essential" in page


def test_a_change_over_a_newer_version_of_the_model_is_refused(
    client, organisation, secretary, model
):
    client.force_login(secretary)
    client.post(url(organisation, "criterion-add"), criterion_data(model))

    response = client.post(
        url(organisation, "criterion-add"), criterion_data(model, name="Statutory need")
    )

    assert response.status_code == 200
    assert "since you opened it" in response.content.decode()
    assert not Criterion.objects.filter(name="Statutory need").exists()


def test_weights_that_would_sum_to_zero_are_refused_naming_the_weight(
    client, organisation, secretary, model
):
    alignment, deliverability = model.criteria.all()
    deliverability.weight = 0
    actions.save_criterion(
        deliverability, organisation=organisation, by=secretary, reason="Not a concern"
    )
    model.refresh_from_db()
    client.force_login(secretary)

    response = client.post(
        url(organisation, "criterion-edit", criterion_pk=alignment.pk),
        criterion_data(model, name="Strategic alignment", weight="0"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "weight": [
            "The weights of the criteria cannot all be 0: give this criterion a weight above 0."
        ]
    }
    alignment.refresh_from_db()
    assert alignment.weight == 3


def test_a_scale_half_described_is_refused(client, organisation, secretary, model):
    client.force_login(secretary)

    response = client.post(
        url(organisation, "criterion-add"), criterion_data(model, scale_3="", scale_4="")
    )

    assert response.context["form"].errors == {
        "scale_3": [
            "Describe every point of the scale from 0 to 5, or none: 3, 4 are not described."
        ]
    }


def test_a_scored_criterion_is_retired_and_keeps_its_scores(
    client, organisation, secretary, member, model, project
):
    deliverability = model.criteria.get(name="Deliverability")
    actions.record_score(project, deliverability, assessor=member, score=4, by=member)
    client.force_login(secretary)

    response = client.post(
        url(organisation, "criterion-retire", criterion_pk=deliverability.pk),
        {"reason": "Covered by risk", "version": model.version},
    )

    assert response.status_code == 302
    deliverability.refresh_from_db()
    assert deliverability.retired_at is not None
    assert Score.objects.filter(criterion=deliverability).count() == 1
    assert deliverability.history.first().history_change_reason == "Retired: Covered by risk"
    assert [c.name for c in model.rule_criteria()] == ["Strategic alignment"]
    # A retired criterion is no longer changed or retired again.
    assert (
        client.get(url(organisation, "criterion-edit", criterion_pk=deliverability.pk)).status_code
        == 404
    )


def test_an_unscored_criterion_is_removed(client, organisation, secretary, model):
    deliverability = model.criteria.get(name="Deliverability")
    client.force_login(secretary)

    client.post(
        url(organisation, "criterion-retire", criterion_pk=deliverability.pk),
        {"reason": "Not needed", "version": model.version},
    )

    assert not Criterion.objects.filter(pk=deliverability.pk).exists()
    assert Criterion.history.filter(id=deliverability.pk).first().history_type == "-"


def test_the_last_weighted_criterion_cannot_be_retired(client, organisation, secretary, model):
    alignment, deliverability = model.criteria.all()
    client.force_login(secretary)
    client.post(
        url(organisation, "criterion-retire", criterion_pk=deliverability.pk),
        {"reason": "Not needed", "version": model.version},
    )
    model.refresh_from_db()

    response = client.post(
        url(organisation, "criterion-retire", criterion_pk=alignment.pk),
        {"reason": "Not needed", "version": model.version},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "A scoring model needs at least one criterion in use with a weight above 0: give "
        "another criterion a weight first."
    ]


def test_the_secretary_changes_the_spread_flagged(client, organisation, secretary, model):
    client.force_login(secretary)

    client.post(
        url(organisation, "scoring-spread"),
        {"wide_spread": "3", "reason": "Too many flags", "version": model.version},
    )

    model.refresh_from_db()
    assert model.wide_spread == 3
    assert model.history.first().history_change_reason == (
        "Changed the spread flagged: Too many flags"
    )


def test_an_assessor_scores_a_candidate_and_scoring_again_keeps_the_history(
    client, organisation, member, chair, model, project
):
    alignment, deliverability = model.criteria.all()
    actions.record_score(project, alignment, assessor=chair, score=1, by=chair)
    client.force_login(member)
    form = url(organisation, "candidate-score", project_pk=project.pk)
    assert "4: Strong" in client.get(form).content.decode()

    client.post(
        form,
        {
            f"score_{alignment.pk}": "4",
            f"comment_{alignment.pk}": "Central to the strategy",
            f"score_{deliverability.pk}": "3",
            f"comment_{deliverability.pk}": "",
        },
    )
    response = client.post(form, {f"score_{alignment.pk}": "3", f"score_{deliverability.pk}": "3"})

    assert response.status_code == 302
    mine = Score.objects.get(criterion=alignment, assessor=member)
    assert (mine.score, mine.comment) == (3, "")
    assert list(mine.history.values_list("score", flat=True)) == [3, 4]
    # The unchanged score is not saved again.
    assert Score.history.filter(criterion=deliverability).count() == 1
    page = client.get(url(organisation, "candidate", project_pk=project.pk)).content.decode()
    # (3 × (1 + 3) / 2 + 1 × 3) / 4
    assert "2.25 out of 5" in page
    assert "Strategic alignment: the assessors differ by 2 points or more" in page
    assert "Carol Chen" in page and "Mo Mensah" in page


def test_a_missing_score_is_asked_for_by_name(client, organisation, member, model, project):
    alignment, deliverability = model.criteria.all()
    client.force_login(member)

    response = client.post(
        url(organisation, "candidate-score", project_pk=project.pk),
        {f"score_{alignment.pk}": "4"},
    )

    assert response.context["form"].errors == {
        f"score_{deliverability.pk}": ["Select a score for Deliverability."]
    }


@pytest.mark.parametrize("who", ["officer", "secretary", "administrator"])
def test_only_an_assessor_scores(client, organisation, model, project, who, request, make_person):
    if who == "administrator":
        person = make_person("admin", organisation, "administrator")
    else:
        person = request.getfixturevalue(who)
    client.force_login(person)

    response = client.get(url(organisation, "candidate-score", project_pk=project.pk))

    assert response.status_code == 403


def test_an_approved_project_is_not_scored(client, organisation, member, model, project):
    Project.objects.filter(pk=project.pk).update(stage=Project.Stage.APPROVED)
    client.force_login(member)

    assert (
        client.get(url(organisation, "candidate-score", project_pk=project.pk)).status_code == 404
    )
    page = client.get(url(organisation, "candidate", project_pk=project.pk)).content.decode()
    assert "only projects at proposal or business case stage are scored" in page


def test_a_candidate_serving_no_objective_says_it_cannot_be_selected(
    client, organisation, officer, model, project
):
    strategy = Strategy.objects.create(
        organisation=organisation, title="ICT strategy", starts_in=2026, ends_in=2030,
        is_current=True,
    )  # fmt: skip
    theme = Theme.objects.create(organisation=organisation, strategy=strategy, name="Digital")
    client.force_login(officer)
    address = url(organisation, "candidate", project_pk=project.pk)

    gated = client.get(address).content.decode()
    project.themes.add(theme)
    served = client.get(address).content.decode()

    message = (
        "It serves no objective or theme of the current strategy, ICT strategy, so it cannot "
        "be selected."
    )
    assert message in gated
    assert message not in served


def test_the_first_criterion_makes_the_model(client, organisation, secretary):
    client.force_login(secretary)

    client.post(
        url(organisation, "criterion-add"),
        {"name": "Strategic fit", "weight": "1", "reason": "First criterion"},
    )

    assert ScoringModel.objects.get(organisation=organisation).rule_criteria()[0].name == (
        "Strategic fit"
    )


def test_the_candidates_are_shown_a_page_at_a_time_with_their_scores(
    client, organisation, member, chair, model, officer
):
    """A council with hundreds of candidates gets them a page at a time: the weighted score
    and the spread flagged of each candidate on the page, the count of them all, and the
    next page holding the rest."""
    from steerco.planning.views import CANDIDATES_PER_PAGE

    made = Project.objects.bulk_create(
        Project(
            organisation=organisation,
            reference=f"ICT-{number:03}",
            name=f"Candidate {number}",
            manager=officer,
            stage=Project.Stage.PROPOSAL,
        )
        for number in range(CANDIDATES_PER_PAGE + 3)
    )
    alignment, deliverability = model.criteria.all()
    last = made[-1]
    for criterion, scores in ((alignment, (1, 4)), (deliverability, (3, 3))):
        for assessor, score in zip((chair, member), scores, strict=True):
            actions.record_score(last, criterion, assessor=assessor, score=score, by=chair)
    client.force_login(member)

    first = client.get(url(organisation, "scoring")).content.decode()
    second = client.get(url(organisation, "scoring") + "?page=2").content.decode()

    total = CANDIDATES_PER_PAGE + 3
    assert f"{total} projects at proposal or business case stage, 1 to 50 shown" in first
    assert "ICT-000 Candidate 0" in first and last.reference not in first
    assert 'aria-label="Pages of candidates"' in first
    assert "ICT-052 Candidate 52" in second and "ICT-000 " not in second
    assert url(organisation, "candidate", project_pk=last.pk) in second
    # (3 × (1 + 4) / 2 + 1 × 3) / 4 = 2.625, and the alignment's spread of 3 flagged.
    row = second.split("ICT-052")[1].split("</tr>")[0]
    assert ">2.63</td>" in row and ">Strategic alignment</td>" in row
