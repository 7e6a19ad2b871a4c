from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from steerco.governance.models import Body, Membership
from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import AgendaItem, Decision, Paper, Purpose
from steerco.meetings.tests.conftest import pdf_bytes
from steerco.portfolio import actions
from steerco.portfolio.models import BusinessCase, Project, Submission
from steerco.risks.tests.cases import link_assessed_risk

SECRET = "Kestrel supplier rates"


def url(name, organisation, **kwargs):
    return reverse(f"portfolio:{name}", kwargs={"org": organisation.slug, **kwargs})


@pytest.fixture
def project(organisation, officer):
    return Project.objects.create(
        organisation=organisation,
        reference="ICT-042",
        name="Mobile working",
        stage=Project.Stage.BUSINESS_CASE,
        manager=officer,
        service_area="Adult social care",
    )


@pytest.fixture
def case(project, officer):
    case = BusinessCase.objects.create(
        organisation=project.organisation,
        project=project,
        number=1,
        title="Mobile working for care staff",
        base_year=2026,
        risk_assessment="Supplier lock-in: medium. Adoption: high.",
        created_by=officer,
    )
    link_assessed_risk(case, officer)
    return case


def pdf(name="highlight.pdf", text="A paper"):
    return SimpleUploadedFile(name, pdf_bytes(text))


def submission_form(steering_group, project=None, case=None, **fields):
    return {
        "body": steering_group.pk,
        "kind": "business_case" if case else "highlight_report",
        "title": "Mobile working business case",
        "asked": "Approve the business case and £750,000 of capital.",
        "service_area": "Adult social care",
        "project": project.pk if project else "",
        "business_case": case.pk if case else "",
        "restricted": "no",
        "exemption": "",
        **fields,
    }


def submitted(officer, steering_group, project=None, case=None, files=(), **fields):
    return actions.submit(
        Submission(
            organisation=steering_group.organisation,
            body=steering_group,
            kind=fields.pop("kind", "business_case" if case else "highlight_report"),
            title=fields.pop("title", "Mobile working business case"),
            asked=fields.pop("asked", "Approve it."),
            project=project,
            business_case=case,
            **fields,
        ),
        files=files,
        by=officer,
    )


def decide(item, secretary, chair, outcome, conditions=""):
    return meeting_actions.record_decision(
        item,
        statement="The group decided.",
        outcome=outcome,
        conditions=conditions,
        confirmed_by=chair,
        by=secretary,
    )


def all_present(meeting, people, secretary):
    for person in people:
        meeting_actions.record_attendance(
            meeting, person=person, status="present", by=secretary, now=meeting.starts()
        )


# The journey through the pages.


def test_an_approved_business_case_comes_back_to_the_officer_and_moves_the_project(
    client, organisation, steering_group, officer, secretary, members, meeting, project, case
):
    chair = members[0]
    client.force_login(officer)
    response = client.post(
        url("submission-create", organisation),
        {**submission_form(steering_group, project, case), "file": [pdf("case.pdf")]},
    )
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == submission.get_absolute_url()
    case.refresh_from_db()
    assert (case.status, case.history.first().history_change_reason) == (
        "submitted",
        "Submitted to Digital Services Steering Group",
    )
    assert submission.history.first().history_user == officer
    mine = client.get(url("my-submissions", organisation)).content.decode()
    assert "Mobile working business case" in mine
    assert "Waiting for Digital Services Steering Group to put it on an agenda." in mine

    client.force_login(secretary)
    waiting = client.get(url("submission-list", organisation)).content.decode()
    assert "Mobile working business case" in waiting
    dashboard = client.get(reverse("meetings:dashboard", kwargs={"org": organisation.slug}))
    assert "Mobile working business case" in dashboard.content.decode()
    response = client.post(
        url("submission-accept", organisation, submission_pk=submission.pk),
        {"meeting": meeting.pk, "title": "Mobile working business case"},
    )
    item = meeting.items.get(source=AgendaItem.Source.SUBMISSION)
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert (item.title, item.purpose, item.presenting_officer) == (
        "Mobile working business case",
        Purpose.APPROVAL,
        officer,
    )
    paper = item.papers.get()
    assert (paper.title, paper.restricted, paper.versions.get().file_name) == (
        "case",
        False,
        "case.pdf",
    )
    submission.refresh_from_db()
    assert (submission.status, submission.item) == ("accepted", item)

    client.force_login(officer)
    mine = client.get(url("my-submissions", organisation)).content.decode()
    assert "On the agenda" in mine and item.get_absolute_url() in mine

    all_present(meeting, members, secretary)
    client.force_login(secretary)
    response = client.post(
        reverse("meetings:decision-create", kwargs={"org": organisation.slug, "item_pk": item.pk}),
        {
            "statement": "The business case is approved.",
            "outcome": "approved_with_conditions",
            "conditions": "Report the first benefits by April.",
            "confirmed_by": chair.pk,
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()

    client.force_login(officer)
    mine = client.get(url("my-submissions", organisation)).content.decode()
    assert "Approved with conditions" in mine
    assert "Report the first benefits by April." in mine
    page = client.get(submission.get_absolute_url()).content.decode()
    assert f"{decision.reference}: The business case is approved." in page
    case.refresh_from_db()
    project.refresh_from_db()
    assert (case.status, case.approved_by_decision, case.approved_at is not None) == (
        "approved",
        decision,
        True,
    )
    assert project.stage == "approved"
    assert project.history.first().history_change_reason == (
        f"Approved by decision {decision.reference}"
    )
    assert project.history.first().history_user == secretary


def test_the_submission_form_keeps_the_answers_and_asks_for_the_papers_again(
    client, organisation, steering_group, officer, project, case
):
    case.risks.clear()
    client.force_login(officer)
    response = client.post(
        url("submission-create", organisation),
        {**submission_form(steering_group, project, case), "file": [pdf("case.pdf")]},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "business_case": [
            "Link at least one assessed risk of the risk register to the business case "
            "before it is submitted."
        ],
        "file": ["Select the papers again. A file is not kept when the page shows a problem."],
    }
    assert form["title"].value() == "Mobile working business case"
    assert Submission.objects.count() == 0


def test_a_paper_that_is_not_a_paper_is_refused_by_its_content(
    client, organisation, steering_group, officer
):
    client.force_login(officer)
    response = client.post(
        url("submission-create", organisation),
        {
            **submission_form(steering_group),
            "file": [SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf at all")],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The selected file must be a PDF, Word (DOCX), Excel (XLSX) or OpenDocument (ODT) "
        "file. Its contents are not one of these, whatever its name says."
    ]
    assert response.context["form"]["asked"].value() == (
        "Approve the business case and £750,000 of capital."
    )
    assert Submission.objects.count() == 0


# Refusals.


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"project": None}, "project", "Select the project the business case is for."),
        ({"business_case": None}, "business_case", "Select the business case to submit."),
        (
            {"no_risk": True},
            "business_case",
            "Link at least one assessed risk of the risk register to the business case "
            "before it is submitted.",
        ),
        (
            {"status": "approved"},
            "business_case",
            "Version 1 of the business case is approved: only a draft can be submitted. "
            "Start a new version instead.",
        ),
        (
            {"other_project": True},
            "business_case",
            "Select a business case of ICT-001 Other.",
        ),
        (
            {"restricted_case": True},
            "restricted",
            "The business case is restricted, so the submission must be restricted too.",
        ),
        (
            {"kind": "highlight_report"},
            "business_case",
            "Link a business case only to a submission of a business case for approval.",
        ),
    ],
)
def test_a_business_case_submission_is_refused_unless_complete(
    organisation, steering_group, officer, project, case, change, field, message
):
    project_given, case_given, kind = project, case, "business_case"
    if "project" in change:
        project_given = None
    if "business_case" in change:
        case_given = None
    if "no_risk" in change:
        case.risks.clear()
    if "status" in change:
        case.status = change["status"]
    if "restricted_case" in change:
        case.restricted, case.exemption = True, Paper.Exemption.COMMERCIAL
    case.save()
    if "other_project" in change:
        project_given = Project.objects.create(
            organisation=organisation, reference="ICT-001", name="Other"
        )
    kind = change.get("kind", kind)
    with pytest.raises(ValidationError) as refused:
        submitted(officer, steering_group, project_given, case_given, kind=kind)
    assert refused.value.message_dict == {field: [message]}
    assert Submission.objects.count() == 0
    case.refresh_from_db()
    assert case.status == change.get("status", "draft")


def test_a_restricted_submission_needs_its_reason(organisation, steering_group, officer):
    with pytest.raises(ValidationError) as refused:
        submitted(officer, steering_group, restricted=True)
    assert refused.value.message_dict == {"exemption": ["Select why the submission is restricted."]}


def test_only_the_secretary_of_its_body_accepts_or_returns_a_submission(
    client, organisation, steering_group, officer, member, secretary, meeting
):
    submission = submitted(officer, steering_group)
    for person in (officer, member):
        client.force_login(person)
        for name in ("submission-accept", "submission-return"):
            assert (
                client.get(url(name, organisation, submission_pk=submission.pk)).status_code == 403
            )
    with pytest.raises(ValidationError, match="Only whoever manages"):
        actions.accept(submission, meeting=meeting, by=member)
    with pytest.raises(ValidationError, match="Only whoever manages"):
        actions.return_submission(submission, reason="No", by=member)


def test_a_submission_goes_only_to_a_meeting_of_its_body_whose_record_is_open(
    organisation, steering_group, officer, secretary, meeting
):
    submission = submitted(officer, steering_group)
    board = Body.objects.create(organisation=organisation, name="Project board")
    Membership.objects.create(
        organisation=organisation,
        body=board,
        person=secretary,
        role=Membership.Role.SECRETARY,
        starts_on=meeting.on.replace(year=2025),
    )
    theirs = meeting_actions.schedule_meeting(
        board, on=meeting.on, starts_at=meeting.starts_at, by=secretary, today=date(2026, 1, 1)
    )
    with pytest.raises(ValidationError) as refused:
        actions.accept(submission, meeting=theirs, by=secretary)
    assert refused.value.message_dict == {
        "meeting": ["Select a meeting of Digital Services Steering Group."]
    }
    meeting_actions.cancel_meeting(meeting, reason="No business", by=secretary)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        actions.accept(submission, meeting=meeting, by=secretary)
    assert refused.value.message_dict == {
        "meeting": ["Select a meeting that is not cancelled and whose record is still open."]
    }
    assert AgendaItem.objects.filter(source=AgendaItem.Source.SUBMISSION).count() == 0


def test_a_submission_added_after_the_agenda_is_published_needs_the_late_reason(
    client, organisation, steering_group, officer, secretary, meeting
):
    submission = submitted(officer, steering_group, files=[pdf()])
    meeting_actions.publish_agenda(
        meeting, by=secretary, now=timezone.make_aware(datetime(2031, 3, 1, 9))
    )
    client.force_login(secretary)
    path = url("submission-accept", organisation, submission_pk=submission.pk)
    response = client.post(path, {"meeting": meeting.pk, "title": "Highlight report"})
    assert response.status_code == 200
    assert (
        response.context["form"]
        .errors["late_reason"][0]
        .startswith("The agenda is already published: enter why this item is added late.")
    )
    submission.refresh_from_db()
    assert submission.status == "submitted"
    response = client.post(
        path, {"meeting": meeting.pk, "title": "Highlight report", "late_reason": "Urgent"}
    )
    assert response.status_code == 302
    item = meeting.items.get(source=AgendaItem.Source.SUBMISSION)
    assert (item.late_reason, item.papers.get().late_reason) == ("Urgent", "Urgent")


def test_a_submission_is_handled_once(organisation, steering_group, officer, secretary, meeting):
    submission = submitted(officer, steering_group)
    actions.return_submission(submission, reason="Needs the costs", by=secretary)
    with pytest.raises(ValidationError, match="This submission was already returned"):
        actions.accept(submission, meeting=meeting, by=secretary)
    with pytest.raises(ValidationError, match="This submission was already returned"):
        actions.return_submission(submission, reason="Again", by=secretary)


def test_returning_needs_a_reason_and_the_officer_sees_it(
    client, organisation, steering_group, officer, secretary, project, case
):
    submission = submitted(officer, steering_group, project, case)
    client.force_login(secretary)
    path = url("submission-return", organisation, submission_pk=submission.pk)
    response = client.post(path, {"reason": ""})
    assert response.context["form"].errors == {"reason": ["Enter why the submission is returned."]}
    assert client.post(path, {"reason": "Add the ten-year profile."}).status_code == 302
    submission.refresh_from_db()
    case.refresh_from_db()
    assert (submission.status, submission.returned_reason) == (
        "returned",
        "Add the ten-year profile.",
    )
    assert submission.history.first().history_change_reason == "Returned: Add the ten-year profile."
    assert submission.history.first().history_user == secretary
    # The business case is a draft again, to be put right and submitted once more.
    assert case.status == "draft"
    client.force_login(officer)
    mine = client.get(url("my-submissions", organisation)).content.decode()
    assert "Returned" in mine and "Add the ten-year profile." in mine


def test_a_submission_taken_off_a_draft_agenda_waits_again(
    client, organisation, steering_group, officer, secretary, meeting
):
    submission = submitted(officer, steering_group, files=[pdf()])
    actions.accept(submission, meeting=meeting, by=secretary)
    submission.refresh_from_db()
    client.force_login(secretary)
    path = reverse(
        "meetings:item-remove", kwargs={"org": organisation.slug, "item_pk": submission.item_id}
    )
    assert client.post(path).status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.item) == ("submitted", None)
    assert submission.history.first().history_change_reason == (
        f"Taken off the agenda of {meeting} (11 March 2031)"
    )
    assert Paper.objects.count() == 0
    # It can go onto an agenda again.
    actions.accept(submission, meeting=meeting, by=secretary)


# The decision flows back.


@pytest.fixture
def on_agenda(steering_group, officer, secretary, members, meeting, project, case):
    submission = submitted(officer, steering_group, project, case)
    actions.accept(submission, meeting=meeting, by=secretary)
    all_present(meeting, members, secretary)
    submission.refresh_from_db()
    return submission


def test_approval_supersedes_the_approved_version_before(
    on_agenda, secretary, members, project, case
):
    earlier = BusinessCase.objects.create(
        organisation=project.organisation,
        project=project,
        number=2,
        title="Earlier",
        base_year=2025,
        status="approved",
    )
    decision = decide(on_agenda.item, secretary, members[0], "approved")
    earlier.refresh_from_db()
    assert earlier.status == "superseded"
    assert earlier.history.first().history_change_reason == (
        f"Superseded by version 1, approved by decision {decision.reference}"
    )


def test_a_rejected_business_case_is_rejected_and_the_project_stays(
    on_agenda, secretary, members, project, case
):
    decision = decide(on_agenda.item, secretary, members[0], "rejected")
    case.refresh_from_db()
    project.refresh_from_db()
    assert (case.status, project.stage) == ("rejected", "business_case")
    assert (
        case.history.first().history_change_reason == f"Rejected by decision {decision.reference}"
    )


@pytest.mark.parametrize("outcome", ["deferred", "noted"])
def test_a_deferred_business_case_stays_submitted(
    on_agenda, secretary, members, project, case, outcome
):
    decide(on_agenda.item, secretary, members[0], outcome)
    case.refresh_from_db()
    project.refresh_from_db()
    assert (case.status, project.stage) == ("submitted", "business_case")


def test_voiding_the_approval_undoes_it(on_agenda, secretary, members, project, case):
    earlier = BusinessCase.objects.create(
        organisation=project.organisation,
        project=project,
        number=2,
        title="Earlier",
        base_year=2025,
        status="approved",
    )
    decision = decide(on_agenda.item, secretary, members[0], "approved")
    meeting_actions.void_entry(decision, reason="Recorded on the wrong item", by=secretary)
    case.refresh_from_db()
    project.refresh_from_db()
    earlier.refresh_from_db()
    assert (case.status, case.approved_by_decision, project.stage, earlier.status) == (
        "submitted",
        None,
        "business_case",
        "approved",
    )
    assert case.history.first().history_change_reason == (
        f"No longer approved: decision {decision.reference} no longer stands"
    )


def test_amending_an_approval_to_a_rejection_follows(on_agenda, secretary, members, project, case):
    chair = members[0]
    decision = decide(on_agenda.item, secretary, chair, "approved")
    decision.refresh_from_db()
    meeting_actions.amend_decision(
        decision, statement="Rejected.", outcome="rejected", confirmed_by=chair, by=secretary
    )
    case.refresh_from_db()
    project.refresh_from_db()
    assert (case.status, project.stage) == ("rejected", "business_case")


def test_the_decision_on_a_carried_item_comes_back(
    client, organisation, on_agenda, secretary, members, next_meeting, case, officer
):
    carried = meeting_actions.carry_item(on_agenda.item, to=next_meeting, by=secretary)
    all_present(next_meeting, members, secretary)
    decision = decide(carried, secretary, members[0], "approved_with_conditions", "By April.")
    case.refresh_from_db()
    assert (case.status, case.approved_by_decision) == ("approved", decision)
    client.force_login(officer)
    page = client.get(on_agenda.get_absolute_url()).content.decode()
    assert "Approved with conditions" in page and "By April." in page


def test_a_submission_that_is_not_a_business_case_shows_its_decision_and_changes_nothing(
    client, organisation, steering_group, officer, secretary, members, meeting, project
):
    submission = submitted(officer, steering_group, project, kind="request_for_resource")
    actions.accept(submission, meeting=meeting, by=secretary)
    submission.refresh_from_db()
    all_present(meeting, members, secretary)
    referred_to = Body.objects.create(organisation=organisation, name="Cabinet")
    meeting_actions.record_decision(
        submission.item,
        statement="Referred to Cabinet.",
        outcome="referred",
        referred_to=referred_to,
        confirmed_by=members[0],
        by=secretary,
    )
    assert submission.item.purpose == Purpose.DECISION
    project.refresh_from_db()
    assert project.stage == "business_case"
    client.force_login(officer)
    mine = client.get(url("my-submissions", organisation)).content.decode()
    assert "Referred to another body" in mine and "to Cabinet" in mine


# Reading submissions and their papers.


@pytest.fixture
def restricted(steering_group, make_person, organisation):
    author = make_person("author", organisation, name="Ada Author")
    return submitted(
        author,
        steering_group,
        title=SECRET,
        restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
        files=[pdf("kestrel.pdf", SECRET)],
    )


def test_a_restricted_submission_is_for_its_body_and_its_author(
    client, organisation, restricted, officer, administrator, member, secretary
):
    stored = restricted.files.get()
    paths = [
        restricted.get_absolute_url(),
        url("submission-file", organisation, submission_pk=restricted.pk, file_pk=stored.pk),
    ]
    for person, status in [
        (officer, 404),
        (administrator, 404),
        (member, 200),
        (secretary, 200),
        (restricted.submitted_by, 200),
    ]:
        client.force_login(person)
        assert [client.get(path).status_code for path in paths] == [status, status], person
    client.force_login(administrator)
    waiting = client.get(url("submission-list", organisation)).content.decode()
    assert SECRET not in waiting
    assert "Restricted submission: commercially sensitive." in waiting


def test_the_file_is_served_with_its_name_and_kept_out_of_caches(
    client, organisation, restricted, member
):
    stored = restricted.files.get()
    client.force_login(member)
    response = client.get(
        url("submission-file", organisation, submission_pk=restricted.pk, file_pk=stored.pk)
    )
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="kestrel.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == stored.file.open("rb").read()


def test_an_accepted_restricted_submission_keeps_its_papers_restricted(
    restricted, secretary, meeting
):
    actions.accept(restricted, meeting=meeting, title="Supplier rates", by=secretary)
    paper = Paper.objects.get()
    assert (paper.restricted, paper.exemption, list(paper.readers.all())) == (
        True,
        Paper.Exemption.COMMERCIAL,
        [restricted.submitted_by],
    )
    assert paper.item.title == "Supplier rates"


def test_the_pages_refuse_other_methods(client, organisation, officer, steering_group):
    submission = submitted(officer, steering_group)
    client.force_login(officer)
    for path in (
        url("my-submissions", organisation),
        submission.get_absolute_url(),
    ):
        assert client.post(path).status_code == 405


def test_only_those_who_run_meetings_see_the_submissions_waiting(
    client, organisation, officer, member
):
    for person in (officer, member):
        client.force_login(person)
        assert client.get(url("submission-list", organisation)).status_code == 403


def test_my_meetings_links_to_my_submissions(client, organisation, officer):
    client.force_login(officer)
    page = client.get(reverse("meetings:my-page", kwargs={"org": organisation.slug}))
    assert url("my-submissions", organisation) in page.content.decode()


def test_the_form_offers_only_the_business_cases_the_person_may_read(
    client, organisation, steering_group, officer, member, project, case, make_person
):
    other = Project.objects.create(organisation=organisation, reference="ICT-007", name="Vault")
    hidden = BusinessCase.objects.create(
        organisation=organisation,
        project=other,
        number=1,
        title="Vault hosting",
        base_year=2026,
        restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
        risk_assessment="Low.",
    )
    author = make_person("vault-manager", organisation)
    other.manager = author
    other.save()
    link_assessed_risk(hidden, author)
    submitted(
        author,
        steering_group,
        other,
        hidden,
        restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
    )

    def offered(person):
        client.force_login(person)
        form = client.get(url("submission-create", organisation)).context["form"]
        return [choice.title for choice in form.fields["business_case"].queryset]

    # The officer manages ICT-042 only; a member of the steering group reads what was sent to it.
    assert offered(officer) == ["Mobile working for care staff"]
    assert offered(member) == ["Vault hosting", "Mobile working for care staff"]
    assert offered(author) == ["Vault hosting", "Mobile working for care staff"]


def test_the_project_page_shows_its_submissions_and_their_decisions(
    client, organisation, on_agenda, secretary, members, project, officer, make_person
):
    decide(on_agenda.item, secretary, members[0], "approved_with_conditions", "Within budget.")
    hidden = submitted(
        officer,
        on_agenda.body,
        project,
        kind="highlight_report",
        title=SECRET,
        restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
    )
    client.force_login(make_person("reader", organisation))
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Submissions and decisions" in page
    assert on_agenda.get_absolute_url() in page
    assert "Approved with conditions" in page and "Within budget." in page
    assert SECRET not in page and hidden.get_absolute_url() not in page
    assert "Restricted submission: commercially sensitive" in page
    project.refresh_from_db()
    assert project.stage == "approved"


def test_the_project_page_shows_the_latest_submissions_and_pages_the_rest(
    client, organisation, steering_group, officer, project
):
    for number in range(1, 13):
        submitted(officer, steering_group, project, title=f"Highlight report {number:02d}")
    client.force_login(officer)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "The latest 10." in page
    assert "Highlight report 12" in page and "Highlight report 02" not in page
    listing = url("project-submissions", organisation, project_pk=project.pk)
    assert f'href="{listing}"' in page
    first = client.get(listing).content.decode()
    assert first.count("Highlight report") == 12  # 25 a page
    other = project.__class__.objects.create(organisation=organisation, reference="X", name="X")
    assert (
        "Highlight report"
        not in client.get(
            url("project-submissions", organisation, project_pk=other.pk)
        ).content.decode()
    )


def test_the_officer_withdraws_a_waiting_submission_with_a_reason_and_it_leaves_the_queue(
    client, organisation, steering_group, officer, secretary, project, case
):
    submission = submitted(officer, steering_group, project, case)
    queue = url("submission-list", organisation)
    client.force_login(secretary)
    assert [row for row, _ in client.get(queue).context["rows"]] == [submission]
    client.force_login(officer)
    page = client.get(submission.get_absolute_url()).content.decode()
    path = url("submission-withdraw", organisation, submission_pk=submission.pk)
    assert f'href="{path}"' in page

    refused = client.post(path, {"reason": ""})
    assert refused.context["form"].errors == {"reason": ["Enter why the submission is withdrawn."]}
    assert client.post(path, {"reason": "The supplier has withdrawn its bid."}).status_code == 302

    submission.refresh_from_db()
    case.refresh_from_db()
    assert (submission.status, submission.withdrawn_reason) == (
        "withdrawn",
        "The supplier has withdrawn its bid.",
    )
    latest = submission.history.first()
    assert (latest.history_change_reason, latest.history_user) == (
        "Withdrawn: The supplier has withdrawn its bid.",
        officer,
    )
    # The business case it carried is a draft again.
    assert case.status == "draft"
    mine = client.get(url("my-submissions", organisation)).content.decode()
    assert "Withdrawn" in mine and "The supplier has withdrawn its bid." in mine
    assert f'href="{path}"' not in client.get(submission.get_absolute_url()).content.decode()
    client.force_login(secretary)
    assert client.get(queue).context["rows"] == []
    assert client.get(url("submission-accept", organisation, submission_pk=submission.pk)).url == (
        submission.get_absolute_url()
    )
    with pytest.raises(ValidationError, match="This submission was already withdrawn"):
        actions.return_submission(submission, reason="Late", by=secretary)


def test_only_the_officer_who_made_it_withdraws_a_submission(
    client, organisation, steering_group, officer, secretary, member
):
    submission = submitted(officer, steering_group)
    path = url("submission-withdraw", organisation, submission_pk=submission.pk)
    for person in (secretary, member):
        client.force_login(person)
        assert client.get(path).status_code == 403
        assert client.post(path, {"reason": "Not mine"}).status_code == 403
    with pytest.raises(ValidationError, match="Only the officer who made a submission"):
        actions.withdraw_submission(submission, reason="Not mine", by=secretary)
    submission.refresh_from_db()
    assert submission.status == "submitted"


def test_an_accepted_submission_is_the_agendas_and_cannot_be_withdrawn(
    client, organisation, steering_group, officer, secretary, meeting
):
    submission = submitted(officer, steering_group)
    actions.accept(submission, meeting=meeting, by=secretary)
    client.force_login(officer)
    path = url("submission-withdraw", organisation, submission_pk=submission.pk)

    response = client.post(path, {"reason": "Changed my mind"}, follow=True)

    submission.refresh_from_db()
    assert submission.status == "accepted"
    assert [str(m) for m in response.context["messages"]] == [
        "This submission is on an agenda now, so it is the meeting's: ask whoever manages "
        f"{steering_group} to withdraw its papers or the item."
    ]
    assert f'href="{path}"' not in response.content.decode()


def test_my_submissions_download_what_became_of_each(
    client, organisation, steering_group, officer, secretary, meeting
):
    from steerco.meetings.tests.test_exports import csv_rows, xlsx_rows

    waiting = submitted(officer, steering_group, title="=Waiting report")
    returned = submitted(officer, steering_group, title="Returned report")
    actions.return_submission(returned, reason="Add the costs.", by=secretary)
    accepted = submitted(officer, steering_group, title="Accepted report", restricted=True,
                         exemption=Paper.Exemption.COMMERCIAL)  # fmt: skip
    accepted = actions.accept(accepted, meeting=meeting, by=secretary)
    submitted(secretary, steering_group, title="Someone else's report")
    client.force_login(officer)
    address = url("my-submissions", organisation)
    page = client.get(address)
    shown = [outcome.submission for outcome in page.context["outcomes"]]

    rows = csv_rows(client.get(url("my-submissions-csv", organisation)))
    sheet = xlsx_rows(client.get(url("my-submissions-xlsx", organisation)))

    assert shown == [accepted, returned, waiting]
    assert [row[0] for row in sheet[1:]] == [submission.title for submission in shown]
    assert rows[1][2:4] == ["Yes", steering_group.name]
    assert rows[1][5] == (
        f"On the agenda: {meeting.title}, {meeting.on:%-d %B %Y}, item {accepted.item.position}."
    )
    assert rows[2][5] == "Returned: Add the costs."
    assert rows[3][0] == "'=Waiting report"
    assert rows[3][5] == f"Submitted: waiting for {steering_group.name} to put it on an agenda."
    assert url("my-submissions-csv", organisation) in page.content.decode()


def test_the_rows_of_a_projects_submissions_read_the_same_queries_however_many(
    client,
    organisation,
    steering_group,
    officer,
    secretary,
    members,
    meeting,
    next_meeting,
    project,
):
    """Every kind of row (waiting, returned, withdrawn, on an agenda, decided on a carried
    item): the project page and its list of submissions read only the columns the rows show
    (queries.ROW_FIELDS), so one more of each costs no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    all_present(meeting, members, secretary)
    all_present(next_meeting, members, secretary)

    def one_of_each(number):
        submitted(officer, steering_group, project, title=f"Waiting {number}")
        returned = submitted(officer, steering_group, project, title=f"Returned {number}")
        actions.return_submission(returned, reason="Not ready.", by=secretary)
        withdrawn = submitted(officer, steering_group, project, title=f"Withdrawn {number}")
        actions.withdraw_submission(withdrawn, reason="No longer needed.", by=officer)
        on_agenda = submitted(officer, steering_group, project, title=f"On the agenda {number}")
        actions.accept(on_agenda, meeting=next_meeting, by=secretary)
        carried = submitted(officer, steering_group, project, title=f"Carried {number}")
        item = actions.accept(carried, meeting=meeting, by=secretary).item
        copy = meeting_actions.carry_item(item, to=next_meeting, by=secretary)
        decide(copy, secretary, members[0], "approved_with_conditions", f"Condition {number}.")

    client.force_login(officer)
    pages = [
        project.get_absolute_url(),
        url("project-submissions", organisation, project_pk=project.pk),
    ]

    def queries():
        counts = []
        for page in pages:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(page).status_code == 200
            counts.append(len(captured))
        return counts

    one_of_each(1)
    once = queries()
    one_of_each(2)
    page = client.get(pages[1]).content.decode()
    assert "Condition 2." in page and "Not ready." in page and "No longer needed." in page
    assert queries() == once


def test_the_secretary_and_the_officer_reach_every_submission_a_page_at_a_time(
    client, organisation, steering_group, officer, secretary, project, monkeypatch
):
    monkeypatch.setattr("steerco.portfolio.views_submissions.SUBMISSIONS_PER_PAGE", 2)
    titles = [f"Highlight report {number}" for number in range(5)]
    for title in titles:
        actions.submit(
            Submission(
                organisation=organisation, body=steering_group, project=project,
                kind=Submission.Kind.HIGHLIGHT_REPORT, title=title, asked="Note it.",
            ),
            files=[pdf()],
            by=officer,
        )  # fmt: skip

    def pages(name):
        seen = []
        for number in (1, 2, 3):
            response = client.get(url(name, organisation), {"page": number})
            page = response.content.decode()
            assert "Pages of" in page and f'aria-label="Page {number}" aria-current' in page
            found = [title for title in titles if f">{title}</a>" in page]
            seen.append(sorted(found, key=lambda title: page.index(f">{title}</a>")))
        return seen

    client.force_login(secretary)
    assert pages("submission-list") == [titles[:2], titles[2:4], titles[4:]]  # oldest first
    assert "5 submissions waiting: 1 to 2" in client.get(url("submission-list", organisation)).text
    client.force_login(officer)
    newest_first = titles[::-1]
    assert pages("my-submissions") == [newest_first[:2], newest_first[2:4], newest_first[4:]]


def test_the_dashboard_shows_how_many_wait_and_the_ones_waiting_longest(
    client, organisation, steering_group, officer, secretary
):
    """A council with hundreds waiting does not get them all on the dashboard (375 were 165 KB
    of it): the count, the ten waiting longest, and the list of them all a link away."""
    from steerco.portfolio.sections import WAITING_ON_DASHBOARD

    for number in range(WAITING_ON_DASHBOARD + 2):
        submitted(officer, steering_group, title=f"Highlight report {number:02d}")
    client.force_login(secretary)
    html = client.get(reverse("meetings:dashboard", kwargs={"org": organisation.slug})).content
    html = html.decode()
    assert f"{WAITING_ON_DASHBOARD + 2} submissions are waiting." in html
    assert "Highlight report 00" in html
    assert f"Highlight report {WAITING_ON_DASHBOARD - 1:02d}" in html
    assert f"Highlight report {WAITING_ON_DASHBOARD:02d}" not in html
    assert f"All {WAITING_ON_DASHBOARD + 2} submissions waiting" in html
    waiting = client.get(url("submission-list", organisation)).content.decode()
    assert f"Highlight report {WAITING_ON_DASHBOARD + 1:02d}" in waiting
