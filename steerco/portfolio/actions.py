"""Every change to the portfolio goes through one of these functions.

Each is atomic, validates, and records who made the change and why in the history.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from steerco.accounts.models import OrganisationMembership
from steerco.lib.dates import today as council_today
from steerco.lib.history import save_with_history
from steerco.portfolio.models import Benefit, BenefitRealisation
from steerco.portfolio.rules import benefits as rules

# Benefits.


def _refuse_outsider(person, organisation, field):
    if person is None:
        return
    is_member = OrganisationMembership.objects.filter(
        organisation=organisation, user=person
    ).exists()
    if not is_member:
        raise ValidationError({field: "Select a person of this council."})


@transaction.atomic
def add_benefit(
    project,
    *,
    description,
    kind,
    by,
    measure="",
    baseline="",
    target="",
    target_value=None,
    target_on=None,
    owner=None,
):
    """Adds a benefit the project is to deliver. A cashable or non-cashable benefit is valued
    in pounds, so that the portfolio can set what it planned against what it realised."""
    _refuse_outsider(owner, project.organisation_id, "owner")
    if not description.strip():
        raise ValidationError({"description": "Enter the description of the benefit."})
    if target_value is not None and target_value < 0:
        raise ValidationError({"target_value": "The target value must be £0 or more."})
    if kind in rules.VALUED and target_value is None:
        message = "Enter the target value in pounds of a cashable or non-cashable benefit."
        raise ValidationError({"target_value": message})
    benefit = Benefit(
        project=project,
        description=description.strip(),
        kind=kind,
        measure=measure.strip(),
        baseline=baseline.strip(),
        target=target.strip(),
        target_value=target_value,
        target_on=target_on,
        owner=owner,
    )
    return save_with_history(benefit, by=by, reason="Benefit added")


def _check_realisation(on, value, evidence, today):
    problems = rules.realisation_problems(on, value, today)
    if not evidence.strip():
        problems["evidence"] = "Enter the evidence of the realisation."
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def record_realisation(benefit, *, on, value, evidence, by, today=None):
    """Records what a benefit has delivered so far: on a date that has passed, never a
    negative value, always with its evidence."""
    _check_realisation(on, value, evidence, today or council_today())
    realisation = BenefitRealisation(
        benefit=benefit, on=on, value=value, evidence=evidence.strip(), recorded_by=by
    )
    return save_with_history(realisation, by=by, reason="Realisation recorded")


@transaction.atomic
def correct_realisation(realisation, *, on, value, evidence, reason, by, today=None):
    """Corrects a mistaken entry with a new one that takes its place; the mistaken entry stays
    in the record, with the correction and its reason beside it."""
    # Lock the entry, so that two people correcting it at once do not both succeed.
    realisation = BenefitRealisation.objects.select_for_update().get(pk=realisation.pk)
    if BenefitRealisation.objects.filter(corrects=realisation).exists():
        raise ValidationError(
            "This entry has already been corrected. Correct the entry that replaced it."
        )
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason for the correction."})
    _check_realisation(on, value, evidence, today or council_today())
    correction = BenefitRealisation(
        benefit_id=realisation.benefit_id,
        on=on,
        value=value,
        evidence=evidence.strip(),
        corrects=realisation,
        reason=reason.strip(),
        recorded_by=by,
    )
    return save_with_history(correction, by=by, reason=f"Correction: {reason.strip()}")
