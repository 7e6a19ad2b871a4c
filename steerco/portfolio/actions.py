"""Every change to the portfolio goes through one of these functions: atomic, checked, and
recorded in the history with who made it and why."""

from django.core.exceptions import ValidationError
from django.db import transaction

from steerco.lib.dates import today as council_today
from steerco.lib.history import save_with_history
from steerco.lib.versioning import claim_version
from steerco.portfolio.models import ConfidenceAssessment, ConfidenceScale, PortfolioSettings
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
