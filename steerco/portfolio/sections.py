"""The portfolio's parts of the pages of the apps below it, and of its own pages that other
parts of the portfolio add to (see steerco/lib/sections.py)."""

from steerco import permissions
from steerco.lib.dates import today
from steerco.lib.sections import register_section
from steerco.portfolio import figures
from steerco.portfolio.models import ProfileYear, Submission
from steerco.portfolio.queries import Outcome, submission_rows, submissions_for_listing
from steerco.portfolio.rules import finance

# A case with no preferred option, or one without years, costs nothing.
NOTHING = finance.totals(())


def business_cases(request, project):
    """Every version of the project's business case, with the preferred option's whole-life
    cost where the reader may read the version, in three queries however many there are: the
    preferred options' years are summed by the database."""
    versions = list(
        project.business_cases.only(
            "organisation__slug", "project", "number", "title", "status", "restricted", "created_by"
        )
        .select_related("organisation")
        .order_by("-number")
    )
    access = permissions.portfolio_access_for(request, today())
    access.prefetch_cases(versions)
    totals = figures.preferred_totals(
        ProfileYear.objects.filter(option__business_case__project=project)
    )
    return {
        "project": project,
        "versions": [
            (
                case,
                access.can_read_business_case(case, project),
                totals.get(case.pk, NOTHING),
            )
            for case in versions
        ],
        # Later versions start from the latest one, on its page.
        "can_start": not versions
        and permissions.can_write_business_case(request.user, project, today()),
    }


# The dashboard shows the submissions waiting longest; the rest are on the list of them all.
WAITING_ON_DASHBOARD = 10


def waiting_submissions(request, organisation, bodies, day):
    """On the secretary's dashboard: how many submissions wait to be put on an agenda or
    returned, and the ones waiting longest (all 375 of the benchmark council's were 165 KB
    of the page and most of its time)."""
    waiting = Submission.objects.filter(
        organisation=organisation, body__in=bodies, status=Submission.Status.SUBMITTED
    )
    oldest = submissions_for_listing(waiting).order_by("submitted_at", "pk")
    reader = permissions.PortfolioAccess(request.user, organisation, day)
    return {
        "rows": [
            (each, reader.can_read_submission(each)) for each in oldest[:WAITING_ON_DASHBOARD]
        ],
        "count": waiting.count(),
    }


# The project page shows the latest few; the rest are a page of their own.
SUBMISSIONS_ON_PROJECT_PAGE = 10


def project_submission_rows(request, submissions):
    """(outcome, whether the reader may read it) for each submission."""
    reader = permissions.portfolio_access_for(request, today())
    return [
        (Outcome(submission), reader.can_read_submission(submission)) for submission in submissions
    ]


def submissions_about(project):
    return submission_rows(
        Submission.objects.filter(organisation=project.organisation_id, project=project)
    )


def project_submissions(request, project):
    """On the project page: the latest submissions about the project and what was decided."""
    # One more than is shown says whether there are more, without counting them.
    latest = list(submissions_about(project)[: SUBMISSIONS_ON_PROJECT_PAGE + 1])
    return {
        "project": project,
        "rows": project_submission_rows(request, latest[:SUBMISSIONS_ON_PROJECT_PAGE]),
        "more": len(latest) > SUBMISSIONS_ON_PROJECT_PAGE,
    }


def register():
    register_section(
        "portfolio:project",
        "business cases",
        business_cases,
        "portfolio/sections/business_cases.html",
    )
    register_section(
        "meetings:dashboard",
        "submissions waiting",
        waiting_submissions,
        "portfolio/sections/submissions_waiting.html",
    )
    register_section(
        "portfolio:project",
        "submissions",
        project_submissions,
        "portfolio/sections/project_submissions.html",
    )
