"""The business cases' part of the project page (see steerco/lib/sections.py)."""

from steerco import permissions
from steerco.lib.dates import today
from steerco.lib.sections import register_section
from steerco.portfolio.figures import figures_of
from steerco.portfolio.models import ProfileYear
from steerco.portfolio.rules import finance


def business_cases(request, project):
    """Every version of the project's business case, with the preferred option's whole-life
    cost where the reader may read the version, in three queries however many there are."""
    versions = list(project.business_cases.select_related("organisation").order_by("-number"))
    access = permissions.PortfolioAccess(request.user, request.organisation, today())
    access.prefetch_cases(versions)
    rows = {case.pk: [] for case in versions}
    for row in ProfileYear.objects.filter(
        option__business_case__project=project, option__preferred=True
    ).select_related("option"):
        rows[row.option.business_case_id].append(row)
    return {
        "project": project,
        "versions": [
            (
                case,
                access.can_read_business_case(case, project),
                finance.totals(figures_of(rows[case.pk])),
            )
            for case in versions
        ],
        # Later versions start from the latest one, on its page.
        "can_start": not versions
        and permissions.can_write_business_case(request.user, project, today()),
    }


def register():
    register_section(
        "portfolio:project",
        "business cases",
        business_cases,
        "portfolio/sections/business_cases.html",
    )
