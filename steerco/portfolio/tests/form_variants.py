"""The portfolio's forms, as its pages make them, for the forms walk
(steerco/meetings/tests/test_forms.py): form class -> [function(data, files)]."""

from steerco.portfolio import forms as portfolio
from steerco.portfolio.models import Project


def variants(organisation, secretary):
    org = {"organisation": organisation}
    project = Project.objects.create(organisation=organisation, reference="F-1", name="Forms")
    return {
        portfolio.ProjectForm: [
            lambda d, f: portfolio.ProjectForm(d, **org),
            lambda d, f: portfolio.ProjectForm(d, instance=project, **org),
        ],
        portfolio.ConfidenceForm: [
            lambda d, f: portfolio.ConfidenceForm(d, scale="five"),
            lambda d, f: portfolio.ConfidenceForm(d, scale="three"),
        ],
        portfolio.ProgrammeForm: [lambda d, f: portfolio.ProgrammeForm(d, **org)],
        portfolio.PortfolioSettingsForm: [lambda d, f: portfolio.PortfolioSettingsForm(d)],
        portfolio.RegisterFilterForm: [
            lambda d, f: portfolio.RegisterFilterForm(d, service_areas=["ICT"], **org)
        ],
        portfolio.BenefitForm: [lambda d, f: portfolio.BenefitForm(d, **org)],
        portfolio.RealisationForm: [lambda d, f: portfolio.RealisationForm(d)],
        portfolio.CorrectionForm: [lambda d, f: portfolio.CorrectionForm(d)],
    }
