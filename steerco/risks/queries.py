"""The register's reads: each page asks a fixed number of queries whatever the register's size.
Flags are worked out in SQL (the same rule as rules/appetite.py, which the tests hold it to), so
that the register filters on them and the heat map counts in one GROUP BY."""

from django.db.models import Case, Count, F, IntegerField, Q, Value, When

from steerco.risks.models import AppetiteLevel, Risk, RiskSettings
from steerco.risks.rules import appetite, scoring


def register_settings(organisation):
    settings, _ = RiskSettings.objects.select_related("body__organisation").get_or_create(
        organisation=organisation
    )
    return settings


def with_tolerance(risks, organisation):
    """The risks, each annotated with its category's tolerance. The organisation's five levels
    are read once and written into the query as a CASE on the category's appetite: a join the
    database does once, rather than a subquery per risk (20,000 risks, one register page)."""
    tolerances = AppetiteLevel.objects.filter(organisation=organisation).values_list(
        "level", "tolerance"
    )
    return risks.annotate(
        tolerance=Case(
            *(When(category__appetite=level, then=Value(limit)) for level, limit in tolerances),
            default=Value(None),
            output_field=IntegerField(),
        )
    )


def flag_q(flag, today):
    open_risk = Q(status=Risk.Status.OPEN)
    if flag == appetite.OUTSIDE_APPETITE:
        return open_risk & Q(current_score__gt=F("tolerance"))
    if flag == appetite.REVIEW_OVERDUE:
        return open_risk & Q(review_on__lt=today)
    if flag == appetite.SCORE_ROSE:
        return open_risk & Q(current_score__gt=F("previous_score"))
    return open_risk & (
        Q(current_score__gt=F("tolerance"))
        | Q(review_on__lt=today)
        | Q(current_score__gt=F("previous_score"))
    )


def band_q(name, limits, field="current_score"):
    low, high = scoring.band_range(name, limits)
    return Q(**{f"{field}__gte": low, f"{field}__lte": high})


def flags_of(risk, today):
    """The flags of a risk fetched `with_tolerance`."""
    return appetite.flags(
        appetite.Standing(
            current_score=risk.current_score or 0,
            tolerance=risk.tolerance if risk.tolerance is not None else 25,
            review_date=risk.review_on,
            previous_score=risk.previous_score,
            closed=risk.status != Risk.Status.OPEN,
        ),
        today,
    )


def heat_map(risks, which):
    """{(likelihood, impact): count} of the risks, in one GROUP BY query."""
    likelihood, impact = f"{which}_likelihood", f"{which}_impact"
    rows = (
        risks.filter(**{f"{likelihood}__isnull": False})
        .order_by()
        .values(likelihood, impact)
        .annotate(count=Count("pk"))
    )
    return {(row[likelihood], row[impact]): row["count"] for row in rows}


def band_order():
    """Sorts on the band through the score: the same order, without the band in SQL."""
    return Case(When(current_score__isnull=True, then=Value(0)), default=F("current_score"))
