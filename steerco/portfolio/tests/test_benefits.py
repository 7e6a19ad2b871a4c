from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from steerco.portfolio import actions
from steerco.portfolio.models import Benefit, BenefitRealisation

TODAY = date(2026, 11, 30)


@pytest.fixture
def benefit(project, officer):
    return actions.add_benefit(
        project,
        description="Office accommodation released",
        kind=Benefit.Kind.CASHABLE,
        target_value=Decimal("120000"),
        target_on=date(2027, 3, 31),
        owner=officer,
        by=officer,
    )


def test_a_benefit_is_added_with_its_history(benefit, officer):
    assert benefit.history.get().history_change_reason == "Benefit added"
    assert benefit.history.get().history_user == officer


def test_a_benefit_owned_by_someone_of_another_council_is_refused(project, officer, outsider):
    with pytest.raises(ValidationError) as refused:
        actions.add_benefit(
            project, description="Fewer printers", kind="qualitative", owner=outsider, by=officer
        )
    assert refused.value.message_dict == {"owner": ["Select a person of this council."]}
    assert not Benefit.objects.exists()


def test_a_valued_benefit_without_a_target_value_is_refused(project, officer):
    with pytest.raises(ValidationError) as refused:
        actions.add_benefit(project, description="Less travel", kind="non_cashable", by=officer)
    assert list(refused.value.message_dict) == ["target_value"]
    with pytest.raises(ValidationError) as refused:
        actions.add_benefit(
            project, description="x", kind="cashable", target_value=Decimal("-1"), by=officer
        )
    assert refused.value.message_dict == {"target_value": ["The target value must be £0 or more."]}
    with pytest.raises(ValidationError) as refused:
        actions.add_benefit(project, description=" ", kind="qualitative", by=officer)
    assert refused.value.message_dict == {"description": ["Enter the description of the benefit."]}


def test_a_realisation_is_recorded_with_its_evidence(benefit, officer):
    entry = actions.record_realisation(
        benefit,
        on=TODAY,
        value=Decimal("30000"),
        evidence=" Lease of Bank House surrendered. ",
        by=officer,
        today=TODAY,
    )
    assert (entry.on, entry.value, entry.evidence, entry.recorded_by) == (
        TODAY,
        Decimal("30000"),
        "Lease of Bank House surrendered.",
        officer,
    )
    assert entry.history.get().history_change_reason == "Realisation recorded"


def test_a_realisation_in_the_future_or_negative_or_without_evidence_is_refused(benefit, officer):
    with pytest.raises(ValidationError) as refused:
        actions.record_realisation(
            benefit,
            on=TODAY + timedelta(days=1),
            value=Decimal("-5"),
            evidence="",
            by=officer,
            today=TODAY,
        )
    assert refused.value.message_dict == {
        "on": ["The date of the realisation must be today or in the past."],
        "value": ["The value realised must be £0 or more."],
        "evidence": ["Enter the evidence of the realisation."],
    }
    assert not BenefitRealisation.objects.exists()


def test_the_database_refuses_a_negative_value_too(benefit):
    with pytest.raises(IntegrityError):
        BenefitRealisation.objects.create(benefit=benefit, on=TODAY, value=-1, evidence="x")


def test_a_mistaken_realisation_is_corrected_by_a_new_entry_and_kept(benefit, officer, member):
    wrong = actions.record_realisation(
        benefit, on=TODAY, value=Decimal("300000"), evidence="Lease", by=officer, today=TODAY
    )
    correction = actions.correct_realisation(
        wrong,
        on=TODAY,
        value=Decimal("30000"),
        evidence="Lease",
        reason="A nought too many.",
        by=member,
        today=TODAY,
    )
    assert list(benefit.realisations.order_by("id")) == [wrong, correction]
    assert (correction.corrects, correction.reason) == (wrong, "A nought too many.")
    assert correction.history.get().history_change_reason == "Correction: A nought too many."
    wrong.refresh_from_db()
    assert wrong.value == Decimal("300000")


def test_a_correction_needs_a_reason_and_corrects_only_the_current_entry(benefit, officer):
    wrong = actions.record_realisation(
        benefit, on=TODAY, value=Decimal("3"), evidence="e", by=officer, today=TODAY
    )
    with pytest.raises(ValidationError) as refused:
        actions.correct_realisation(
            wrong, on=TODAY, value=Decimal("2"), evidence="e", reason=" ", by=officer, today=TODAY
        )
    assert refused.value.message_dict == {"reason": ["Enter the reason for the correction."]}
    actions.correct_realisation(
        wrong, on=TODAY, value=Decimal("2"), evidence="e", reason="Typo.", by=officer, today=TODAY
    )
    with pytest.raises(ValidationError) as refused:
        actions.correct_realisation(
            wrong, on=TODAY, value=Decimal("1"), evidence="e", reason="Again.", by=officer,
            today=TODAY,
        )  # fmt: skip
    assert refused.value.messages == [
        "This entry has already been corrected. Correct the entry that replaced it."
    ]
    assert benefit.realisations.count() == 2


def test_a_correction_is_refused_in_the_future_or_negative(benefit, officer):
    wrong = actions.record_realisation(
        benefit, on=TODAY, value=Decimal("3"), evidence="e", by=officer, today=TODAY
    )
    with pytest.raises(ValidationError) as refused:
        actions.correct_realisation(
            wrong, on=TODAY + timedelta(days=1), value=Decimal("-2"), evidence="e",
            reason="Typo.", by=officer, today=TODAY,
        )  # fmt: skip
    assert set(refused.value.message_dict) == {"on", "value"}
    assert benefit.realisations.count() == 1
