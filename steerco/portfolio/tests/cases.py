"""Projects and business cases for the tests of the business case and finance pages."""

from decimal import Decimal

from steerco.lib.history import save_with_history
from steerco.portfolio import actions
from steerco.portfolio.models import (
    AppraisalParameters,
    BusinessCase,
    Option,
    ProfileYear,
    Project,
)
from steerco.portfolio.rules.appraisal import HM_TREASURY
from steerco.portfolio.rules.finance import LINES


def ensure_treasury_set():
    """The national set the migration loads; a test that flushes the database (a browser
    test) removes it for the tests after it."""
    AppraisalParameters.objects.get_or_create(
        organisation=None, effective_from=HM_TREASURY["effective_from"], defaults=HM_TREASURY
    )


def make_project(organisation, reference, name, *, manager=None, sro=None, board=None, **fields):
    return Project.objects.create(
        organisation=organisation,
        reference=reference,
        name=name,
        manager=manager,
        sro=sro,
        board=board,
        **fields,
    )


def make_case(project, by, *, title="Business case", base_year=2024, horizon_years=10, **fields):
    case = BusinessCase(
        title=title,
        base_year=base_year,
        horizon_years=horizon_years,
        project_type="equipment_development",
        **fields,
    )
    return actions.create_business_case(case, project=project, by=by)


def add_option(case, by, name, *, preferred=False, years=()):
    """An option with a profile: years as (year, {line: pounds})."""
    option = actions.save_option(Option(business_case=case, name=name, preferred=preferred), by=by)
    for year, figures in years:
        save_with_history(
            ProfileYear(option=option, year=year, **{k: Decimal(v) for k, v in figures.items()}),
            by=by,
            reason="Test profile",
        )
    return option


def profile_post(case, rows, version):
    """A POST of the profile page: rows as (year, {line: text}); other boxes empty."""
    data = {
        "years-TOTAL_FORMS": str(len(rows)),
        "years-INITIAL_FORMS": str(len(rows)),
        "years-MIN_NUM_FORMS": "0",
        "years-MAX_NUM_FORMS": str(case.horizon_years),
        "version": str(version),
    }
    for index, (year, figures) in enumerate(rows):
        data[f"years-{index}-year"] = str(year)
        for line in LINES:
            data[f"years-{index}-{line}"] = figures.get(line, "")
    return data
