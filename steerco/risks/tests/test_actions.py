import pytest
from django.core.exceptions import ValidationError

from steerco.risks import actions
from steerco.risks.models import AppetiteLevel, Assessment, Risk, RiskCategory, ScaleDescriptor
from steerco.risks.tests.conftest import SCORES


def test_a_new_organisation_gets_the_orange_book_categories_and_the_appetite_scale(organisation):
    assert list(
        RiskCategory.objects.filter(organisation=organisation).values_list("name", flat=True)
    )[:3] == ["Strategy", "Governance", "Operations"]
    assert RiskCategory.objects.filter(organisation=organisation).count() == 13
    assert dict(
        AppetiteLevel.objects.filter(organisation=organisation).values_list("level", "tolerance")
    ) == {"averse": 4, "minimal": 8, "cautious": 12, "open": 16, "eager": 20}
    actions.set_up_register(organisation)
    assert RiskCategory.objects.filter(organisation=organisation).count() == 13


def test_a_default_the_council_lost_comes_back_alone_with_its_history(organisation):
    RiskCategory.objects.filter(organisation=organisation, name="Legal").delete()
    AppetiteLevel.objects.filter(organisation=organisation, level="open").delete()
    actions.set_up_register(organisation)
    legal = RiskCategory.objects.get(organisation=organisation, name="Legal")
    assert legal.history.get().history_type == "+"
    assert RiskCategory.objects.filter(organisation=organisation).count() == 13
    assert AppetiteLevel.objects.get(organisation=organisation, level="open").tolerance == 16
    assert ScaleDescriptor.objects.filter(organisation=organisation).count() == 10


def test_a_risk_takes_the_next_reference_and_keeps_its_first_assessment(risk, secretary):
    assert risk.reference == "R-001"
    assert (risk.inherent_score, risk.current_score, risk.target_score) == (16, 9, 6)
    assert risk.previous_score is None
    assert Assessment.objects.filter(risk=risk).count() == 1
    assert risk.history.first().history_change_reason == "First assessment"
    assert risk.history.first().history_user == secretary


def test_a_reassessment_adds_a_row_and_remembers_the_score_before(risk, member):
    actions.reassess_risk(
        risk, by=member, scores={**SCORES, "current_likelihood": 4}, note="Supplier notice"
    )
    risk.refresh_from_db()
    assert (risk.current_score, risk.previous_score) == (12, 9)
    assert list(risk.assessments.values_list("current_likelihood", flat=True)) == [3, 4]


def _refused(call, **kwargs):
    with pytest.raises(ValidationError) as refused:
        call(**kwargs)
    return refused.value.message_dict


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"current_impact": 6},
            "current_impact",
            "The current impact must be a whole number from 1 to 5.",
        ),
        (
            {"inherent_likelihood": 0},
            "inherent_likelihood",
            "The inherent likelihood must be a whole number from 1 to 5.",
        ),
        (
            {"target_likelihood": 5, "target_impact": 5},
            "target_reason",
            "Enter why the target score is higher than the score before controls.",
        ),
    ],
)
def test_a_bad_assessment_is_refused_and_nothing_saved(risk, member, change, field, message):
    problems = _refused(actions.reassess_risk, risk=risk, by=member, scores={**SCORES, **change})
    assert problems[field] == [message]
    assert Assessment.objects.filter(risk=risk).count() == 1


def test_a_current_score_below_inherent_needs_controls(organisation, technology, member):
    problems = _refused(
        actions.create_risk,
        organisation=organisation,
        by=member,
        scores=SCORES,
        title="Legacy payroll unsupported",
        category=technology,
        owner=member,
    )
    assert problems["controls"][0].startswith("Enter the controls in place")
    assert not Risk.objects.filter(organisation=organisation).exists()


def test_a_closed_risk_needs_a_closing_note(risk, member):
    problems = _refused(actions.close_risk, risk=risk, by=member, note="  ")
    assert problems == {"note": ["Enter a closing note: why the risk is closed."]}
    risk.refresh_from_db()
    assert risk.status == Risk.Status.OPEN
    actions.close_risk(risk, by=member, note="Failover tested in March")
    risk.refresh_from_db()
    assert (risk.status, risk.closing_note) == ("closed", "Failover tested in March")


def test_an_appetite_level_unknown_to_the_scale_is_refused(technology, secretary):
    problems = _refused(actions.set_appetite, category=technology, level="reckless", by=secretary)
    assert problems["appetite"][0].startswith("Choose an appetite level from the scale")
    technology.refresh_from_db()
    assert technology.appetite == "cautious"


def test_a_tolerance_below_a_more_averse_level_is_refused(organisation, secretary):
    open_level = AppetiteLevel.objects.get(organisation=organisation, level="open")
    problems = _refused(actions.set_tolerance, level=open_level, tolerance=10, by=secretary)
    assert problems == {"tolerance": ["A more eager appetite cannot tolerate a lower score."]}


def test_an_owner_from_another_council_is_refused(organisation, technology, outsider, member):
    problems = _refused(
        actions.create_risk,
        organisation=organisation,
        by=member,
        scores=SCORES,
        title="Cloud exit",
        category=technology,
        owner=outsider,
        controls="Contract exit plan",
    )
    assert problems == {"owner": ["The owner must be a person of the council."]}


def test_a_restricted_risk_needs_its_reason(risk, member):
    risk.restricted = True
    problems = _refused(actions.change_risk, risk=risk, by=member, reason="Security")
    assert problems == {"exemption": ["Select why the risk is restricted."]}


def test_the_expected_loss_is_the_probability_midpoint_times_the_money_impact(risk):
    from decimal import Decimal

    risk.money_impact = Decimal("400000")
    assert risk.expected_loss() == Decimal("150000.00")
