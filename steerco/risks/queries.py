"""The register's reads: each page asks a fixed number of queries whatever the register's size.
Flags are worked out in SQL (the same rule as rules/appetite.py, which the tests hold it to), so
that the register filters on them and the heat map counts in one GROUP BY."""

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)

from steerco.governance.models import Body, ReportingLine
from steerco.portfolio.models import BusinessCase, Programme, Project
from steerco.risks.models import AppetiteLevel, Escalation, Risk, RiskCategory, RiskSettings
from steerco.risks.rules import appetite, scoring
from steerco.risks.rules.register_sheet import AFFECTS
from steerco.strategy.models import CorporateObjective


def register_settings(organisation):
    settings, _ = RiskSettings.objects.select_related("body__organisation").get_or_create(
        organisation=organisation
    )
    return settings


def with_tolerance(risks, organisation):
    """The risks, each annotated with its category's tolerance. The organisation's categories
    are read once with their tolerances and written into the query as a CASE on the risk's
    category: no join and no subquery per risk (20,000 risks, one register page), so that
    counting the register reads the risks alone."""
    tolerance_of = Subquery(
        AppetiteLevel.objects.filter(organisation=organisation, level=OuterRef("appetite"))
        .order_by()
        .values("tolerance")[:1]
    )
    categories = {}
    for pk, tolerance in (
        RiskCategory.objects.filter(organisation=organisation)
        .annotate(tolerance=tolerance_of)
        .order_by()
        .values_list("pk", "tolerance")
    ):
        categories.setdefault(tolerance, []).append(pk)
    return risks.annotate(
        tolerance=Case(
            *(
                When(category_id__in=pks, then=Value(tolerance))
                for tolerance, pks in categories.items()
                if tolerance is not None
            ),
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


def link_names(organisation):
    """What the register's files call each object a risk may affect, kind → {id → name}: a
    project or programme by its reference, a business case by its project's and its version,
    an objective by its title. A restricted business case is never named (its title is
    restricted, and a risk's file is read by the council's people), so never found either."""
    cases = BusinessCase.objects.filter(organisation=organisation, restricted=False)
    return {
        "projects": dict(
            Project.objects.filter(organisation=organisation).values_list("pk", "reference")
        ),
        "programmes": dict(
            Programme.objects.filter(organisation=organisation).values_list("pk", "reference")
        ),
        "business_cases": {
            pk: f"{reference} version {number}"
            for pk, reference, number in cases.values_list("pk", "project__reference", "number")
        },
        "objectives": dict(
            CorporateObjective.objects.filter(organisation=organisation).values_list("pk", "title")
        ),
    }


def links_of(risks):
    """Each risk's links, risk id → {kind: [ids]}, in one query a kind whatever the number of
    risks; a restricted business case left out, as `link_names` leaves it."""
    found = {}
    risk_ids = risks.order_by().values("pk")
    for kind in AFFECTS:
        relation = getattr(Risk, kind)
        target = relation.field.m2m_reverse_field_name()
        rows = relation.through.objects.filter(risk__in=risk_ids)
        if kind == "business_cases":
            rows = rows.filter(**{f"{target}__restricted": False})
        for risk_id, pk in rows.values_list("risk_id", f"{target}_id"):
            found.setdefault(risk_id, {k: [] for k in AFFECTS})[kind].append(pk)
    return found


def escalation_sources(risk, register_body):
    """The bodies a risk may be escalated from: the boards of the projects it affects, then the
    register's body (the steering group). One query, whatever the number of projects."""
    boards = [
        body
        for body in Body.objects.filter(
            organisation_id=risk.organisation_id,
            pk__in=Project.objects.filter(risks=risk, board__isnull=False).values("board_id"),
        ).select_related("organisation")
        if register_body is None or body.pk != register_body.pk
    ]
    return boards + ([register_body] if register_body is not None else [])


def reports_to(bodies):
    """{body id: the body it reports to}, by the governance model's reporting lines, for each
    of `bodies` that reports to one (the first by name where it reports to more). One query."""
    found = {}
    for line in (
        ReportingLine.objects.filter(
            from_body__in=[body.pk for body in bodies],
            relationship=ReportingLine.Relationship.REPORTS_TO,
        )
        .select_related("to_body")
        .order_by("to_body__name", "pk")
    ):
        found.setdefault(line.from_body_id, line.to_body)
    return found


def pending_escalations(body):
    """The escalations of open risks to `body` not yet on its agenda: recorded from a project
    board or by a risk's owner (no item), and not followed by an escalation of the same risk to
    the body that was accepted onto an agenda."""
    if body is None:
        return Escalation.objects.none()
    accepted_since = Escalation.objects.filter(
        risk=OuterRef("risk"),
        to_body=body,
        item__isnull=False,
        escalated_at__gte=OuterRef("escalated_at"),
    )
    return Escalation.objects.filter(
        to_body=body, item__isnull=True, risk__status=Risk.Status.OPEN
    ).exclude(Exists(accepted_since))


def for_escalation_q(body, today):
    """The risks for escalation to the register's body: flagged, or escalated to it (from a
    project board, say) and not yet on its agenda. The escalated risks are read first (one
    query of the few escalations waiting) and named by id: an EXISTS asked of every risk would
    scan the register (60 ms rather than 23 at 20,000 risks)."""
    waiting = set(pending_escalations(body).values_list("risk_id", flat=True))
    return flag_q("any", today) | Q(pk__in=sorted(waiting))
