"""The portfolio's forms, as its pages make them, for the forms walk
(steerco/meetings/tests/test_forms.py): form class -> [function(data, files)]."""

from datetime import date

from steerco.portfolio import forms as portfolio
from steerco.portfolio.models import Product, Project


def variants(organisation, secretary):
    org = {"organisation": organisation}
    project = Project.objects.create(organisation=organisation, reference="F-1", name="Forms")
    ending = Project.objects.create(
        organisation=organisation, reference="F-2", name="Ending", ends_on=date(2026, 3, 31)
    )
    Product.objects.create(organisation=organisation, name="Intune")
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
        portfolio.DependencyForm: [lambda d, f: portfolio.DependencyForm(d, project=ending)],
        portfolio.EndDependencyForm: [lambda d, f: portfolio.EndDependencyForm(d)],
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
    }
