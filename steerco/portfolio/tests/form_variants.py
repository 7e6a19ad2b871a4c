"""The portfolio's forms, as its pages make them, for the forms walk
(steerco/meetings/tests/test_forms.py): form class -> [function(data, files)]."""

from datetime import date

from steerco.governance.models import Body
from steerco.portfolio import forms as portfolio
from steerco.portfolio import impact
from steerco.portfolio.forms import business_cases as cases
from steerco.portfolio.forms import parameters
from steerco.portfolio.models import (
    BusinessCase,
    Product,
    Project,
    Submission,
    SubmissionFile,
)


def variants(organisation, secretary):
    org = {"organisation": organisation}
    project = Project.objects.create(organisation=organisation, reference="F-1", name="Forms")
    case = BusinessCase.objects.create(
        organisation=organisation, project=project, number=1, title="Forms", base_year=2024
    )
    new_case = BusinessCase(organisation=organisation, project=project, base_year=2024)
    types = [("equipment_development", "Equipment and development")]
    ending = Project.objects.create(
        organisation=organisation, reference="F-2", name="Ending", ends_on=date(2026, 3, 31)
    )
    Product.objects.create(organisation=organisation, name="Intune")
    return {
        portfolio.ProjectForm: [
            lambda d, f: portfolio.ProjectForm(d, **org),
            lambda d, f: portfolio.ProjectForm(d, instance=project, **org),
            # Registering, with the council's projects to check the name against.
            lambda d, f: portfolio.ProjectForm(
                d,
                find_duplicates=lambda name: impact.possible_duplicates(
                    organisation, name, products=()
                ),
                **org,
            ),
        ],
        portfolio.ConfidenceForm: [
            lambda d, f: portfolio.ConfidenceForm(d, scale="five"),
            lambda d, f: portfolio.ConfidenceForm(d, scale="three"),
        ],
        portfolio.ProgrammeForm: [lambda d, f: portfolio.ProgrammeForm(d, **org)],
        portfolio.PortfolioSettingsForm: [lambda d, f: portfolio.PortfolioSettingsForm(d)],
        portfolio.ImportForm: [lambda d, f: portfolio.ImportForm(d, f)],
        portfolio.RegisterFilterForm: [
            lambda d, f: portfolio.RegisterFilterForm(d, service_areas=["ICT"], **org)
        ],
        portfolio.BenefitForm: [lambda d, f: portfolio.BenefitForm(d, **org)],
        portfolio.RealisationForm: [lambda d, f: portfolio.RealisationForm(d)],
        portfolio.CorrectionForm: [lambda d, f: portfolio.CorrectionForm(d)],
        cases.BusinessCaseForm: [
            lambda d, f: cases.BusinessCaseForm(d, instance=new_case, project_types=types),
            lambda d, f: cases.BusinessCaseForm(d, instance=case, project_types=types),
        ],
        cases.OptionForm: [
            lambda d, f: cases.OptionForm(d),
            lambda d, f: cases.OptionForm(d, versioned=case),
        ],
        cases.ProfileRowForm: [
            lambda d, f: cases.ProfileRowForm(d, initial={"year": 2024}, prefix="years-0"),
            lambda d, f: cases.ProfileRowForm(d, prefix="years-3"),
        ],
        cases.CaseVersionForm: [lambda d, f: cases.CaseVersionForm(d, versioned=case)],
        cases.BiasMitigationForm: [lambda d, f: cases.BiasMitigationForm(d, prefix="factors-0")],
        parameters.AppraisalParametersForm: [lambda d, f: parameters.AppraisalParametersForm(d)],
        portfolio.DependencyForm: [lambda d, f: portfolio.DependencyForm(d, project=ending)],
        portfolio.EndDependencyForm: [lambda d, f: portfolio.EndDependencyForm(d)],
        portfolio.EndProductUseForm: [lambda d, f: portfolio.EndProductUseForm(d)],
        portfolio.SlipForm: [
            lambda d, f: portfolio.SlipForm(d, project=ending),
            lambda d, f: portfolio.SlipForm(d, project=project),
        ],
        portfolio.DependencyMapForm: [lambda d, f: portfolio.DependencyMapForm(d, **org)],
        portfolio.ProductForm: [
            lambda d, f: portfolio.ProductForm(d, instance=Product(organisation=organisation))
        ],
        portfolio.ProductUseForm: [lambda d, f: portfolio.ProductUseForm(d, **org)],
        portfolio.DuplicateCheckForm: [lambda d, f: portfolio.DuplicateCheckForm(d, **org)],
        **submission_variants(organisation, secretary),
    }


def submission_variants(organisation, secretary):
    body = Body.objects.create(organisation=organisation, name="Forms board")
    submission = Submission(organisation=organisation, body=body, title="Report")
    restricted = Submission(organisation=organisation, body=body, title="Rates", restricted=True)
    day = date(2026, 6, 1)
    cases = BusinessCase.objects.filter(organisation=organisation)
    waiting = Submission.objects.create(
        organisation=organisation,
        body=body,
        kind=Submission.Kind.HIGHLIGHT_REPORT,
        title="Waiting",
        asked="Note it.",
        submitted_by=secretary,
    )
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
        portfolio.SubmissionChangeForm: [
            lambda d, f: portfolio.SubmissionChangeForm(
                d, f, submission=waiting, papers=[], readable_cases=cases
            ),
            # With a paper to replace (the form reads only its id and name).
            lambda d, f: portfolio.SubmissionChangeForm(
                d,
                f,
                submission=waiting,
                papers=[SubmissionFile(pk=1, file_name="report.pdf")],
                readable_cases=cases,
            ),
        ],
        portfolio.ReturnForm: [lambda d, f: portfolio.ReturnForm(d)],
        portfolio.WithdrawForm: [lambda d, f: portfolio.WithdrawForm(d)],
    }
