import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from steerco.meetings.models import Paper
from steerco.portfolio import actions
from steerco.portfolio.models import BusinessCase, Project, Submission
from steerco.portfolio.tests import test_submissions as made
from steerco.portfolio.tests.test_submissions import pdf, submitted, url
from steerco.risks.tests.cases import link_assessed_risk

# The submissions module's project (managed by the officer) and its draft business case.
project, case = made.project, made.case


def change_form(submission, **fields):
    return {
        "version": submission.version,
        "kind": submission.kind,
        "title": submission.title,
        "asked": submission.asked,
        "service_area": submission.service_area,
        "project": submission.project_id or "",
        "business_case": submission.business_case_id or "",
        "restricted": "yes" if submission.restricted else "no",
        "exemption": submission.exemption,
        "reason": "The figures were updated.",
        **fields,
    }


def read(stored):
    with stored.file.open("rb") as handle:
        return handle.read()


def test_the_officer_changes_a_waiting_submission_and_its_history_keeps_why(
    client, organisation, steering_group, officer, project
):
    submission = submitted(officer, steering_group, files=[pdf("old.pdf", "Old figures")])
    client.force_login(officer)
    page = client.get(submission.get_absolute_url()).content.decode()
    path = url("submission-change", organisation, submission_pk=submission.pk)
    assert f'href="{path}"' in page

    response = client.post(
        path,
        change_form(
            submission,
            kind="request_for_resource",
            asked="Agree two more developers.",
            service_area="Revenues and benefits",
            project=project.pk,
            restricted="yes",
            exemption=Paper.Exemption.COMMERCIAL,
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == submission.get_absolute_url()
    submission.refresh_from_db()
    assert (
        submission.kind,
        submission.asked,
        submission.service_area,
        submission.project,
        submission.restricted,
        submission.exemption,
        submission.version,
        submission.body,
        submission.status,
    ) == (
        "request_for_resource",
        "Agree two more developers.",
        "Revenues and benefits",
        project,
        True,
        Paper.Exemption.COMMERCIAL,
        2,
        steering_group,
        "submitted",
    )
    latest = submission.history.first()
    assert (latest.history_change_reason, latest.history_user) == (
        "Changed: The figures were updated.",
        officer,
    )


def test_papers_are_added_and_replaced_and_the_replaced_file_is_gone(
    client,
    organisation,
    steering_group,
    officer,
    django_capture_on_commit_callbacks,
):
    submission = submitted(officer, steering_group, files=[pdf("old.pdf", "Old figures")])
    paper = submission.files.get()
    old_name = paper.file.name
    client.force_login(officer)
    path = url("submission-change", organisation, submission_pk=submission.pk)
    form = client.get(path).context["form"]
    assert form.fields[f"replace_{paper.pk}"].label == "Replace old.pdf"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            path,
            {
                **change_form(submission, reason="New figures"),
                "file": [pdf("annex.pdf", "An annex")],
                f"replace_{paper.pk}": pdf("new.pdf", "New figures"),
            },
        )

    assert response.status_code == 302
    papers = list(submission.files.order_by("pk"))
    assert [(stored.pk, stored.file_name) for stored in papers] == [
        (paper.pk, "new.pdf"),
        (papers[1].pk, "annex.pdf"),
    ]
    assert read(papers[0]) == pdf("new.pdf", "New figures").read()
    assert not paper.file.storage.exists(old_name)
    assert submission.history.first().history_change_reason == (
        "Changed: New figures; paper annex.pdf added; paper old.pdf replaced by new.pdf"
    )


def test_a_replacement_that_is_not_a_paper_is_refused_and_nothing_changes(
    client, organisation, steering_group, officer
):
    submission = submitted(officer, steering_group, files=[pdf("old.pdf", "Old figures")])
    paper = submission.files.get()
    client.force_login(officer)
    path = url("submission-change", organisation, submission_pk=submission.pk)

    response = client.post(
        path,
        {
            **change_form(submission, asked="Something else"),
            f"replace_{paper.pk}": SimpleUploadedFile("new.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors[f"replace_{paper.pk}"] == [
        "The selected file must be a PDF, Word (DOCX), Excel (XLSX) or OpenDocument (ODT) "
        "file. Its contents are not one of these, whatever its name says."
    ]
    submission.refresh_from_db()
    assert (submission.asked, submission.version) == ("Approve it.", 1)
    assert submission.files.get().file_name == "old.pdf"


def test_a_change_needs_its_reason(client, organisation, steering_group, officer):
    submission = submitted(officer, steering_group)
    client.force_login(officer)
    path = url("submission-change", organisation, submission_pk=submission.pk)
    response = client.post(path, change_form(submission, reason=""))
    assert response.context["form"].errors == {"reason": ["Enter why the submission is changed."]}
    with pytest.raises(ValidationError) as refused:
        actions.change_submission(submission, changes={}, reason=" ", by=officer)
    assert refused.value.message_dict == {"reason": ["Enter why the submission is changed."]}


def test_a_change_from_a_page_opened_before_another_is_refused_saying_what_changed(
    client, organisation, steering_group, officer, secretary
):
    submission = submitted(officer, steering_group)
    opened = submission.version
    actions.change_submission(
        Submission.objects.get(pk=submission.pk),
        changes={"asked": "Note the report."},
        reason="Clearer",
        by=secretary,
        version=opened,
    )
    client.force_login(officer)
    response = client.post(
        url("submission-change", organisation, submission_pk=submission.pk),
        change_form(submission, version=opened, asked="Approve it now."),
    )
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors[0].startswith(f"This was changed by {secretary.display_name} at ")
    assert "Current what the group is asked to do: Note the report." in errors
    submission.refresh_from_db()
    assert (submission.asked, submission.version) == ("Note the report.", 2)


def test_the_secretary_changes_a_submission_and_no_one_else_but_the_officer(
    client, organisation, steering_group, officer, secretary, member, make_person
):
    submission = submitted(officer, steering_group)
    path = url("submission-change", organisation, submission_pk=submission.pk)
    client.force_login(secretary)
    assert client.post(path, change_form(submission, title="Q3 report")).status_code == 302
    another = make_person("another", organisation)
    for person in (member, another):
        client.force_login(person)
        assert client.get(path).status_code == 403
        assert client.post(path, change_form(submission, title="Mine")).status_code == 403
        page = client.get(submission.get_absolute_url()).content.decode()
        assert f'href="{path}"' not in page
    with pytest.raises(ValidationError, match="Only the officer who made a submission"):
        actions.change_submission(submission, changes={"title": "Mine"}, reason="X", by=member)
    submission.refresh_from_db()
    assert submission.title == "Q3 report"


@pytest.mark.parametrize("ending", ["accepted", "returned", "withdrawn"])
def test_a_submission_no_longer_waiting_cannot_be_changed(
    client, organisation, steering_group, officer, secretary, meeting, ending
):
    submission = submitted(officer, steering_group)
    if ending == "accepted":
        actions.accept(submission, meeting=meeting, by=secretary)
        message = (
            "This submission is on an agenda now, so it can no longer be changed: ask whoever "
            f"manages {steering_group} to change the item or its papers."
        )
    elif ending == "returned":
        actions.return_submission(submission, reason="Not ready", by=secretary)
        message = "This submission was returned, so it can no longer be changed."
    else:
        actions.withdraw_submission(submission, reason="Not needed", by=officer)
        message = "This submission was withdrawn, so it can no longer be changed."
    path = url("submission-change", organisation, submission_pk=submission.pk)
    for person in (officer, secretary):
        client.force_login(person)
        response = client.post(path, change_form(submission, asked="Later"), follow=True)
        assert [str(m) for m in response.context["messages"]] == [message]
        assert response.redirect_chain == [(submission.get_absolute_url(), 302)]
        assert f'href="{path}"' not in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        actions.change_submission(
            Submission.objects.get(pk=submission.pk),
            changes={"asked": "Later"},
            reason="Late",
            by=officer,
        )
    assert refused.value.messages == [message]
    submission.refresh_from_db()
    assert submission.asked == "Approve it."


def test_a_stale_instance_accepted_keeps_the_change_made_meanwhile(
    organisation, steering_group, officer, secretary, meeting
):
    submission = submitted(officer, steering_group)
    stale = Submission.objects.get(pk=submission.pk)
    actions.change_submission(submission, changes={"asked": "Note it."}, reason="R", by=officer)
    actions.accept(stale, meeting=meeting, by=secretary)
    stale.refresh_from_db()
    assert (stale.status, stale.asked) == ("accepted", "Note it.")


def test_changing_the_business_case_carried_makes_the_old_one_a_draft_and_submits_the_new(
    organisation, steering_group, officer, project, case
):
    submission = submitted(officer, steering_group, project, case)
    other_project = Project.objects.create(
        organisation=organisation, reference="ICT-043", name="Scanning", manager=officer
    )
    other = BusinessCase.objects.create(
        organisation=organisation,
        project=other_project,
        number=1,
        title="Scanning",
        base_year=2026,
        risk_assessment="Low.",
        created_by=officer,
    )
    link_assessed_risk(other, officer)

    actions.change_submission(
        submission,
        changes={"project": other_project, "business_case": other},
        reason="Wrong case",
        by=officer,
    )

    case.refresh_from_db()
    other.refresh_from_db()
    assert (case.status, other.status) == ("draft", "submitted")
    assert case.history.first().history_change_reason == (
        f"No longer carried by the submission to {steering_group}: Wrong case"
    )


def test_a_submission_carrying_a_restricted_case_stays_restricted(
    organisation, steering_group, officer, project, case
):
    case.restricted, case.exemption = True, Paper.Exemption.COMMERCIAL
    case.save()
    submission = submitted(
        officer, steering_group, project, case, restricted=True, exemption="commercial"
    )
    with pytest.raises(ValidationError) as refused:
        actions.change_submission(
            submission, changes={"restricted": False}, reason="Open it", by=officer
        )
    assert refused.value.message_dict == {
        "restricted": ["The business case is restricted, so the submission must be restricted too."]
    }
    submission.refresh_from_db()
    assert (submission.restricted, submission.version) == (True, 1)


def test_the_history_reason_fits_its_column(organisation, steering_group, officer):
    submission = submitted(officer, steering_group)
    actions.change_submission(submission, changes={}, reason="x" * 300, by=officer)
    reason = submission.history.first().history_change_reason
    assert (len(reason), reason[-1]) == (100, "…")


def test_the_changed_submission_goes_onto_the_agenda_as_it_now_is(
    organisation, steering_group, officer, secretary, meeting
):
    submission = submitted(officer, steering_group, files=[pdf("old.pdf", "Old")])
    paper = submission.files.get()
    actions.change_submission(
        submission,
        changes={"title": "Q3 highlight report"},
        reason="Right quarter",
        replace={paper: pdf("q3.pdf", "Quarter three")},
        by=officer,
    )
    accepted = actions.accept(submission, meeting=meeting, by=secretary)
    assert accepted.item.title == "Q3 highlight report"
    assert [p.title for p in accepted.item.papers.all()] == ["q3"]


def test_a_long_reason_to_return_or_withdraw_fits_the_history(
    organisation, steering_group, officer, secretary, project, case
):
    # PostgreSQL refuses a history reason longer than its column (100 characters).
    returned = submitted(officer, steering_group, project, case)
    actions.return_submission(returned, reason="r" * 300, by=secretary)
    withdrawn = submitted(officer, steering_group)
    actions.withdraw_submission(withdrawn, reason="w" * 300, by=officer)
    reasons = [
        returned.history.first().history_change_reason,
        withdrawn.history.first().history_change_reason,
        case.history.first().history_change_reason,
    ]
    assert [len(reason) for reason in reasons] == [100, 100, 100]
    returned.refresh_from_db()
    assert returned.returned_reason == "r" * 300
