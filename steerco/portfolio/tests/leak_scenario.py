"""The portfolio's part of the leak walk's scenario (steerco/meetings/tests/test_leaks.py):
objects for every route parameter of the portfolio's pages, and the restricted text that must
not be shown to anyone who may not read it (`needles`)."""

from datetime import date

from steerco.portfolio import actions
from steerco.portfolio.models import Programme, Project


def portfolio_scenario(organisation, *, steering_group, secretary, member, officer):
    project = Project.objects.create(
        organisation=organisation,
        reference="ICT-7",
        name="Supplier systems",
        board=steering_group,
        sro=officer,
        programme=Programme.objects.create(
            organisation=organisation, reference="PRG-1", name="Digital services"
        ),
    )
    benefit = actions.add_benefit(
        project, description="Fewer supplier invoices", kind="qualitative", by=officer
    )
    realisation = actions.record_realisation(
        benefit, on=date(2026, 1, 5), value=None, evidence="Invoices halved.", by=officer
    )
    return {
        "project": project,
        "benefit": benefit,
        "realisation": realisation,
        "needles": [],
    }
