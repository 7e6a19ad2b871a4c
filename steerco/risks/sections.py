"""The register's parts of the portfolio's pages: the risks linked to a project or to a
business case, as the reader may read them. Each asks a fixed number of queries."""

from decimal import Decimal

from django.db.models import Q
from django.urls import reverse

from steerco import permissions
from steerco.lib.dates import today
from steerco.lib.sections import register_section
from steerco.risks.access import readable_risks, risk_settings
from steerco.risks.models import Risk
from steerco.risks.queries import flags_of, with_tolerance
from steerco.risks.rules import appetite, scoring


def _section(request, risks, *, about):
    limits = risk_settings(request).band_limits
    on = today()
    rows = list(
        with_tolerance(risks.for_register(), request.organisation).order_by(
            "-current_score", "number"
        )
    )
    for risk in rows:
        risk.band = scoring.band(risk.current_score, limits) if risk.current_score else None
        risk.flag_words = [appetite.FLAG_WORDING[flag] for flag in flags_of(risk, on)]
    return {
        "about": about,
        "risks": rows,
        "can_add": permissions.can_add_risk(request.user, request.organisation),
        "add_url": reverse("risks:risk-create", kwargs={"org": request.organisation.slug}),
    }


def _linked(request, through, **link):
    """The readable risks linked through `through` (a many-to-many's table). Asked as the ids
    linked, not a join: SQLite would otherwise walk the council's every risk (20,000) and
    look each up in the links, rather than read the few links of the one project."""
    return readable_risks(request).filter(pk__in=through.objects.filter(**link).values("risk_id"))


def project_section(request, project):
    return _section(
        request, _linked(request, Risk.projects.through, project=project), about="project"
    )


def business_case_section(request, case, figures=None):
    section = _section(
        request,
        _linked(request, Risk.business_cases.through, businesscase=case),
        about="business case",
    )
    preferred = figures.preferred if figures is not None else None
    if preferred is not None and preferred.appraisal is not None:
        section["risk_adjusted"] = risk_adjusted(case, preferred.appraisal.adjusted.npsv)
    return section


def risk_adjusted(case, npsv):
    """The preferred option's net present social value (with optimism bias) less the expected
    loss of the open risks linked to the business case or its project, as the planning
    scenarios value it: only risks that are not restricted, so every reader is given the same
    figure and none learns of a risk they may not read. Risks without a money impact or an
    assessment add nothing; how many there are is said."""
    loss, unvalued = Decimal(0), 0
    for likelihood, impact in Risk.objects.filter(
        # By the ids linked, as `_linked` asks.
        Q(pk__in=Risk.business_cases.through.objects.filter(businesscase=case).values("risk_id"))
        | Q(pk__in=Risk.projects.through.objects.filter(project=case.project_id).values("risk_id")),
        organisation_id=case.organisation_id,
        status=Risk.Status.OPEN,
        restricted=False,
    ).values_list("current_likelihood", "money_impact"):
        if likelihood is None or impact is None:
            unvalued += 1
        else:
            loss += scoring.expected_loss(likelihood, impact)
    return {"npsv": npsv, "loss": loss, "value": npsv - loss, "unvalued": unvalued}


def register():
    register_section("portfolio:project", "risks", project_section, "risks/sections/risks.html")
    register_section(
        "portfolio:business-case", "risks", business_case_section, "risks/sections/risks.html"
    )
