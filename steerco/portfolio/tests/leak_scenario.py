"""The portfolio's part of the leak walk's scenario (steerco/meetings/tests/test_leaks.py):
objects for every route parameter of the portfolio's pages, and the restricted text that must
not be shown to anyone who may not read it (`needles`)."""

from steerco.portfolio import actions
from steerco.portfolio.models import Product, Project


def portfolio_scenario(organisation, *, steering_group, secretary, member, officer):
    project = Project.objects.create(
        organisation=organisation,
        reference="ICT-7",
        name="Supplier systems",
        board=steering_group,
        sro=officer,
    )
    # A dependency and a product, so the addresses of dependencies and products are walked too.
    then = Project.objects.create(organisation=organisation, reference="ICT-8", name="Next")
    actions.add_dependency(then, depends_on=project, by=secretary)
    actions.save_product(Product(organisation=organisation, name="Intune"), by=secretary)
    return {"project": project, "needles": []}
