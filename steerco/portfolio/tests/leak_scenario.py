"""The portfolio's part of the leak walk's scenario (steerco/meetings/tests/test_leaks.py):
objects for every route parameter of the portfolio's pages, and the restricted text that must
not be shown to anyone who may not read it (`needles`)."""

from datetime import date, time
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from steerco.governance.models import Body, Membership
from steerco.meetings import actions
from steerco.meetings.models import Paper
from steerco.meetings.tests.conftest import pdf_bytes
from steerco.portfolio import actions as portfolio_actions
from steerco.portfolio.models import (
    BusinessCase,
    Option,
    Product,
    ProfileYear,
    Programme,
    Project,
)

# As the meeting cycle's restricted paper: the walk looks for it in every response.
SECRET_TEXT = "NIGHTJAR-SECRET-TEXT"


def portfolio_scenario(organisation, *, steering_group, secretary, member, officer, make_person):
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
    # A dependency and a product, so the addresses of dependencies and products are walked too.
    then = Project.objects.create(organisation=organisation, reference="ICT-8", name="Next")
    portfolio_actions.add_dependency(then, depends_on=project, by=secretary)
    intune = portfolio_actions.save_product(
        Product(organisation=organisation, name="Intune"), by=secretary
    )
    # A use of it, so the address that ends a use is walked too.
    portfolio_actions.declare_product_use(project, product=intune, use="uses", by=secretary)
    # A benefit with a realisation, so the benefit and realisation addresses are walked too.
    benefit = portfolio_actions.add_benefit(
        project, description="Fewer calls", kind="qualitative", by=secretary
    )
    portfolio_actions.record_realisation(
        benefit, on=date(2026, 1, 1), value=None, evidence="Call volumes fell.", by=secretary
    )
    # A restricted business case of a project none of the walkers is on, submitted nowhere: its
    # title, option and figures are for its author alone (the cost-profile downloads).
    hidden = Project.objects.create(organisation=organisation, reference="ICT-11", name="Hosting")
    case = BusinessCase.objects.create(
        organisation=organisation, project=hidden, number=1, title="Merganser hosting bid",
        restricted=True, exemption=Paper.Exemption.COMMERCIAL, base_year=2024,
        created_by=secretary,
    )  # fmt: skip
    option = Option.objects.create(business_case=case, name="Merganser private cloud")
    ProfileYear.objects.create(option=option, year=2024, capital=Decimal("7654321.09"))
    submissions = restricted_submissions(organisation, make_person)
    return {
        "project": project,
        "submissions": submissions,
        "needles": [*submissions["needles"], b"Merganser", b"7654321.09", b"7,654,321"],
    }


def restricted_submissions(organisation, make_person):
    """Restricted submissions to a project board that none of the people walking sits on: one
    waiting, one returned with its reason, one on the board's agenda with its papers."""
    from steerco.portfolio import actions as portfolio_actions
    from steerco.portfolio.models import Submission

    board = Body.objects.create(organisation=organisation, name="Hosting project board")
    board_secretary = make_person("board-secretary", organisation, name="Bea Board")
    Membership.objects.create(
        organisation=organisation,
        body=board,
        person=board_secretary,
        role=Membership.Role.SECRETARY,
        starts_on=date(2025, 1, 1),
    )
    author = make_person("submitter", organisation, name="Sid Submitter")
    contents = {}

    def submit(title, file_name):
        contents[file_name] = pdf_bytes(f"{SECRET_TEXT} {title}")
        return portfolio_actions.submit(
            Submission(
                organisation=organisation,
                body=board,
                kind=Submission.Kind.REQUEST_FOR_RESOURCE,
                title=title,
                asked=f"Approve the spend on {title}.",
                restricted=True,
                exemption=Paper.Exemption.COMMERCIAL,
            ),
            files=[SimpleUploadedFile(file_name, contents[file_name])],
            by=author,
        )

    waiting = submit("Nightjar hosting costs", "nightjar-hosting.pdf")
    returned = submit("Nightjar exit costs", "nightjar-exit.pdf")
    portfolio_actions.return_submission(
        returned, reason="Nightjar figures are incomplete", by=board_secretary
    )
    accepted = submit("Nightjar licence costs", "nightjar-licences.pdf")
    board_meeting = actions.schedule_meeting(
        board, on=date(2031, 4, 8), starts_at=time(14), by=board_secretary, today=date(2026, 1, 1)
    )
    # The agenda is public once published: its title says nothing of the restricted business.
    portfolio_actions.accept(
        accepted, meeting=board_meeting, title="Licence costs", by=board_secretary
    )
    files = [stored for s in (waiting, returned, accepted) for stored in s.files.all()]
    return {
        "secretary": board_secretary,
        "waiting": waiting,
        "files": files,
        "needles": [
            *(s.title.encode() for s in (waiting, returned, accepted)),
            *(s.asked.encode() for s in (waiting, returned, accepted)),
            returned.returned_reason.encode(),
            *(f.file_name.encode() for f in files),
            *(f.file.name.encode() for f in files),
            *contents.values(),
        ],
    }
