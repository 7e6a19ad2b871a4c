import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from steerco.accounts.models import User
from steerco.governance.models import Body
from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import Meeting
from steerco.meetings.tests.conftest import pdf_bytes
from steerco.portfolio.models import BusinessCase, Project, Submission
from steerco.risks.tests.cases import link_assessed_risk
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "steerco-demo"


@pytest.fixture
def demo(demo_council):
    body = Body.objects.get(organisation__slug="northby", kind=Body.Kind.STEERING_GROUP)
    officer = User.objects.get(username="officer")
    project = Project.objects.create(
        organisation=body.organisation,
        reference="BRW-101",
        name="Field working for care staff",
        stage=Project.Stage.BUSINESS_CASE,
        manager=officer,
    )
    case = BusinessCase.objects.create(
        organisation=body.organisation,
        project=project,
        number=1,
        title="Field working business case",
        base_year=2026,
        risk_assessment="Adoption by care staff: medium.",
        created_by=officer,
    )
    link_assessed_risk(case, officer, title="Adoption by care staff")
    return body, project, case


def heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)


def test_a_business_case_goes_to_the_steering_group_and_its_decision_comes_back(
    page, live_server, demo
):
    body, project, case = demo
    sign_in(page, live_server, "officer", DEMO_PASSWORD)
    page.goto("/northby/my-meetings/")
    page.get_by_role("link", name="my submissions").click()
    heading(page, "My submissions")
    assert_accessible(page)
    page.get_by_role("link", name="Make a submission").click()
    heading(page, "Make a submission")
    assert_accessible(page)
    page.get_by_label("Which body is it for?").select_option(label=body.name)
    page.get_by_label("Business case for approval").check()
    page.get_by_label("Title", exact=True).fill("Field working business case")
    page.get_by_label("What is the body asked to do?").fill("Approve the business case.")
    page.get_by_label("Project", exact=True).select_option(
        label="BRW-101 Field working for care staff"
    )
    page.get_by_label("Business case", exact=True).select_option(
        label="BRW-101: Field working business case (version 1)"
    )
    page.get_by_label("Papers").set_input_files(
        {"name": "field-working.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Case")}
    )
    page.get_by_label("No, it can be published").check()
    page.get_by_role("button", name="Submit").click()
    heading(page, "Field working business case")
    expect(page.get_by_role("main")).to_contain_text("Submitted")
    assert_accessible(page)
    # While it waits, the officer changes what is asked, saying why.
    page.get_by_role("link", name="Change the submission").click()
    heading(page, "Change the submission")
    assert_accessible(page)
    page.get_by_label("What is the body asked to do?").fill("Approve the case and its capital.")
    page.get_by_label("Why are you changing it?").fill("The capital was left out.")
    page.get_by_role("button", name="Save the changes").click()
    heading(page, "Field working business case")
    expect(page.get_by_role("main")).to_contain_text("Approve the case and its capital.")
    submission = Submission.objects.get(title="Field working business case")

    # The secretary finds it on the dashboard and puts it on the next meeting's agenda.
    page.context.clear_cookies()
    sign_in(page, live_server, "secretary", DEMO_PASSWORD)
    page.get_by_role("link", name="Dashboard", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text("Submissions waiting")
    assert_accessible(page)
    page.get_by_role("link", name="All submissions waiting").click()
    heading(page, "Submissions waiting")
    assert_accessible(page)
    page.get_by_role("link", name="Field working business case").click()
    assert_accessible(page)
    page.get_by_role("link", name="Put it on an agenda").click()
    heading(page, "Put the submission on an agenda")
    assert_accessible(page)
    meeting = (
        Meeting.objects.filter(body=body, on__gte=timezone.localdate())
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("on", "pk")
        .first()
    )
    page.get_by_label(f"{meeting.on:%A %-d %B %Y}", exact=False).first.check()
    if meeting.is_published:
        page.get_by_label("Why is this added after the agenda was published?").fill(
            "The business case could not wait for the next meeting."
        )
    page.get_by_role("button", name="Put it on the agenda").click()
    heading(page, "Meeting on")
    submission.refresh_from_db()
    item = submission.item
    expect(page.get_by_role("main")).to_contain_text("Field working business case")
    assert_accessible(page)

    # The meeting is held and decides.
    for membership in meeting_actions.members_on(meeting).select_related("person"):
        meeting_actions.record_attendance(
            meeting,
            person=membership.person,
            status="present",
            by=User.objects.get(username="secretary"),
            now=meeting.starts(),
        )
    # The meeting is ahead, so its page offers no decision yet: the secretary goes straight to
    # the decision page, as on the day.
    page.goto(reverse("meetings:decision-create", kwargs={"org": "northby", "item_pk": item.pk}))
    heading(page, "Record a decision")
    page.get_by_label("Outcome statement agreed").fill("The business case is approved.")
    page.get_by_label("Approved with conditions").check()
    page.get_by_label("Conditions", exact=True).fill("Report the first benefits within six months.")
    page.get_by_label("Confirmed by").select_option(index=1)
    page.get_by_role("button", name=re.compile("Record")).click()
    heading(page, "Meeting on")

    # The officer sees the decision; the project is approved.
    page.context.clear_cookies()
    sign_in(page, live_server, "officer", DEMO_PASSWORD)
    page.goto("/northby/portfolio/my-submissions/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Approved with conditions")
    expect(main).to_contain_text("Report the first benefits within six months.")
    assert_accessible(page)
    page.get_by_role("link", name="Field working business case").click()
    expect(page.get_by_role("main")).to_contain_text("The business case is approved.")
    assert_accessible(page)
    page.get_by_role("link", name="BRW-101 Field working for care staff").click()
    heading(page, "Field working for care staff")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Submissions and decisions")
    expect(main).to_contain_text("Approved with conditions")
    assert_accessible(page)
    project.refresh_from_db()
    case.refresh_from_db()
    assert (project.stage, case.status) == ("approved", "approved")
