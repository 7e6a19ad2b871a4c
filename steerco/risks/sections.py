"""The register's parts of the portfolio's pages: the risks linked to a project or to a
business case, as the reader may read them. Each asks a fixed number of queries."""

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


def business_case_section(request, case):
    return _section(
        request,
        _linked(request, Risk.business_cases.through, businesscase=case),
        about="business case",
    )


def register():
    register_section("portfolio:project", "risks", project_section, "risks/sections/risks.html")
    register_section(
        "portfolio:business-case", "risks", business_case_section, "risks/sections/risks.html"
    )
