"""The portfolio's read queries: each page's rows with what it shows, in a fixed number of
queries whatever the size of the portfolio."""

from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When

from steerco.portfolio.forms import SORTS
from steerco.portfolio.models import ConfidenceAssessment, Project
from steerco.portfolio.rules import confidence


def _order_of(field, values):
    return Case(
        *(When(**{field: value}, then=Value(index)) for index, value in enumerate(values)),
        default=Value(len(values)),
        output_field=IntegerField(),
    )


def with_latest_confidence(projects):
    latest = ConfidenceAssessment.objects.filter(project=OuterRef("pk")).order_by(
        "-assessed_on", "-id"
    )
    return projects.annotate(
        confidence=Subquery(latest.values("rating")[:1]),
        confidence_on=Subquery(latest.values("assessed_on")[:1]),
    )


def register(organisation, filters):
    """The projects of the register, filtered and sorted as the reader asked."""
    projects = with_latest_confidence(
        Project.objects.filter(organisation=organisation).for_register()
    )
    if "stage" in filters:
        projects = projects.filter(stage=filters["stage"])
    if "theme" in filters:
        projects = projects.filter(themes=filters["theme"])
    if "service_area" in filters:
        projects = projects.filter(service_area=filters["service_area"])
    if "programme" in filters:
        projects = projects.filter(programme=filters["programme"])
    if "board" in filters:
        projects = projects.filter(board=filters["board"])
    if "confidence" in filters:
        # A three-point filter finds the five-point ratings that read as it.
        rating = filters["confidence"]
        wanted = (
            confidence.ratings_reading_as(rating) if rating in confidence.THREE_POINT else [rating]
        )
        projects = projects.filter(confidence__in=wanted)
    # Worst first: red before green, and projects never assessed last.
    projects = projects.annotate(
        stage_order=_order_of("stage", [value for value, _ in Project.Stage.choices]),
        confidence_order=_order_of("confidence", list(reversed(confidence.FIVE_POINT))),
    )
    return projects.order_by(*SORTS[filters.get("sort", "reference")])


def service_areas(organisation):
    return list(
        Project.objects.filter(organisation=organisation)
        .exclude(service_area="")
        .order_by("service_area")
        .values_list("service_area", flat=True)
        .distinct()
    )
