"""The portfolio's forms, as its pages make them, for the forms walk
(steerco/meetings/tests/test_forms.py): form class -> [function(data, files)]."""

from datetime import date

from steerco.governance.models import Body
from steerco.portfolio import forms as portfolio
from steerco.portfolio.models import BusinessCase, Project, Submission


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
        portfolio.RegisterFilterForm: [
            lambda d, f: portfolio.RegisterFilterForm(d, service_areas=["ICT"], **org)
        ],
        **submission_variants(organisation),
    }


def submission_variants(organisation):
    body = Body.objects.create(organisation=organisation, name="Forms board")
    submission = Submission(organisation=organisation, body=body, title="Report")
    restricted = Submission(organisation=organisation, body=body, title="Rates", restricted=True)
    day = date(2026, 6, 1)
    cases = BusinessCase.objects.filter(organisation=organisation)
    return {
        portfolio.SubmissionForm: [
            lambda d, f: portfolio.SubmissionForm(
                d, f, organisation=organisation, readable_cases=cases
            )
        ],
        portfolio.AcceptForm: [
            lambda d, f: portfolio.AcceptForm(d, submission=submission, day=day),
            lambda d, f: portfolio.AcceptForm(d, submission=restricted, day=day),
        ],
        portfolio.ReturnForm: [lambda d, f: portfolio.ReturnForm(d)],
    }
