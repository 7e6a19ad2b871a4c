"""Every change to the portfolio goes through one of these functions: atomic, checked, and
recorded in the history with who made it and why."""

from django.core.exceptions import ValidationError
from django.db import transaction

from steerco.accounts.models import OrganisationMembership
from steerco.lib.dates import today as council_today
from steerco.lib.history import save_with_history
from steerco.lib.versioning import claim_version
from steerco.portfolio.models import (
    Benefit,
    BenefitRealisation,
    ConfidenceAssessment,
    ConfidenceScale,
    PortfolioSettings,
)
from steerco.portfolio.rules import benefits as benefit_rules
from steerco.portfolio.rules import confidence


def confidence_scale(organisation):
    """The scale the council rates delivery confidence on (five points unless it chose three)."""
    settings = PortfolioSettings.objects.filter(organisation=organisation).first()
    return settings.confidence_scale if settings else ConfidenceScale.FIVE


@transaction.atomic
def save_project(project, *, by, themes=None, objectives=None, version=None):
    """Registers a project or changes its details. A change made from a page opened before
    someone else's change is refused (no lost edits)."""
    creating = project.pk is None
    claim_version(project, version)
    reason = "Project registered" if creating else "Project changed"
    save_with_history(project, by=by, reason=reason)
    if themes is not None:
        project.themes.set(themes)
    if objectives is not None:
        project.objectives.set(objectives)
    return project


@transaction.atomic
def record_confidence(project, *, assessed_on, rating, by, assessor="", commentary=""):
    """Adds a Delivery Confidence Assessment on the council's scale. Earlier ones stay as they
    were: the history of confidence is the point of keeping it."""
    scale = confidence_scale(project.organisation)
    allowed = confidence.FIVE_POINT if scale == ConfidenceScale.FIVE else confidence.THREE_POINT
    if rating not in allowed:
        raise ValidationError(
            {"rating": "Select a rating of the council's scale: green, amber or red."}
        )
    if assessed_on > council_today():
        raise ValidationError(
            {"assessed_on": "The date of the assessment must be today or in the past."}
        )
    assessment = ConfidenceAssessment(
        project=project,
        assessed_on=assessed_on,
        scale=scale,
        rating=rating,
        assessor=assessor,
        commentary=commentary,
        recorded_by=by,
    )
    return save_with_history(assessment, by=by, reason="Delivery confidence assessed")


@transaction.atomic
def save_programme(programme, *, by):
    reason = "Programme added" if programme.pk is None else "Programme changed"
    return save_with_history(programme, by=by, reason=reason)


@transaction.atomic
def save_settings(settings, *, by):
    return save_with_history(settings, by=by, reason="Portfolio settings changed")


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
    if kind in benefit_rules.VALUED and target_value is None:
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
    problems = benefit_rules.realisation_problems(on, value, today)
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
