"""Submissions: an officer brings business to a body, its secretary puts it on an agenda or
returns it, and the decision made there comes back."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.lib import exports
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, posted_with_files, run_action
from steerco.lib.pagination import paginate
from steerco.portfolio import access, actions, sections
from steerco.portfolio.forms import (
    AcceptForm,
    ReturnForm,
    SubmissionChangeForm,
    SubmissionForm,
    WithdrawForm,
)
from steerco.portfolio.models import BusinessCase, Submission
from steerco.portfolio.queries import Outcome, submission_rows, submissions_for_listing

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}


def _keep_private(response, submission):
    # Submissions are never public; a restricted one must not stay in a cache once access ends.
    response["Cache-Control"] = "private, no-store" if submission.restricted else "private"
    return response


def _readable_cases(request):
    """The business cases this person may submit: drafts (or cases already submitted to
    another body) that they may read."""
    reader = permissions.portfolio_access_for(request, today())
    cases = BusinessCase.objects.filter(
        organisation=request.organisation, status__in=actions.SUBMITTABLE
    ).select_related("project")
    readable = [case.pk for case in reader.readable_business_cases(cases)]
    return (
        BusinessCase.objects.filter(pk__in=readable)
        .select_related("project")
        .order_by("project__reference", "number")
    )


@require_http_methods(["GET", "POST"])
def submission_create(request):
    organisation = request.organisation
    if not permissions.can_submit(request.user, organisation):
        raise PermissionDenied
    form = SubmissionForm(
        *posted_with_files(request),
        organisation=organisation,
        readable_cases=_readable_cases(request),
    )
    if form.is_valid():
        data = form.cleaned_data
        submission = run_action(
            form,
            actions.submit,
            submission=Submission(
                organisation=organisation,
                body=data["body"],
                kind=data["kind"],
                title=data["title"],
                asked=data["asked"],
                service_area=data["service_area"],
                project=data["project"],
                business_case=data["business_case"],
                restricted=data["restricted"],
                exemption=data["exemption"],
            ),
            files=data["file"],
            by=request.user,
        )
        if submission:
            messages.success(
                request, f"Submitted to {submission.body}. Its secretary will put it on an agenda."
            )
            return redirect(submission)
    return form_page(
        request,
        form,
        title="Make a submission",
        caption="Submissions",
        back_url=_my_submissions_url(request),
        submit_label="Submit",
        template="meetings/papers/upload.html",
        intro="A highlight report, a request for resource, a business case or a policy for a "
        "body of the council to consider. Its secretary puts it on the agenda of a meeting, or "
        "returns it to you with the reason.",
    )


def _my_submissions_url(request):
    return reverse("portfolio:my-submissions", kwargs={"org": request.organisation.slug})


def _rows(request, submissions):
    reader = permissions.portfolio_access_for(request, today())
    return [(submission, reader.can_read_submission(submission)) for submission in submissions]


NO_LONGER_WAITING = "This submission is no longer waiting: it was accepted, returned or withdrawn."


@require_GET
def submission_list(request, download=None):
    """What waits for the bodies this person runs, oldest first."""
    organisation = request.organisation
    day = today()
    if not permissions.runs_meetings(request.user, organisation, day):
        raise PermissionDenied
    bodies = list(permissions.managed_bodies(request.user, organisation, day))
    waiting = submissions_for_listing(
        Submission.objects.filter(
            organisation=organisation, body__in=bodies, status=Submission.Status.SUBMITTED
        )
    ).order_by("submitted_at", "pk")
    if download:
        return exports.download(
            WAITING_HEADINGS,
            [waiting_row(submission, readable) for submission, readable in _rows(request, waiting)],
            file_type=download,
            name=f"{organisation.slug}-submissions-waiting",
            title="Submissions waiting",
        )
    # A page at a time, oldest first: every one is reached through the pages (and the
    # download), never only the first few.
    paged = paginate(request, waiting, SUBMISSIONS_PER_PAGE)
    return render(
        request,
        "portfolio/submissions/list.html",
        {
            "bodies": bodies,
            "rows": _rows(request, paged["page"].object_list),
            **paged,
            "downloads": exports.links(request, "portfolio:submission-list", org=organisation.slug),
        },
    )


SUBMISSIONS_PER_PAGE = 25


@require_GET
def project_submission_list(request, project_pk, download=None):
    """Everything submitted about a project, the latest first, a page at a time; `download`
    ("csv", "xlsx") gives every one, a restricted one the reader may not read only by its
    exemption and where it is, as the page shows it."""
    project = access.get_project_for(request, project_pk)
    if download:
        return exports.download(
            ["Submission", "Kind", "Submitted", "To", "Where it is"],
            [
                [
                    outcome.submission.title
                    if readable
                    else "Restricted submission: "
                    + outcome.submission.get_exemption_display().lower(),
                    outcome.submission.get_kind_display(),
                    timezone.localtime(outcome.submission.submitted_at).date(),
                    outcome.submission.body.name,
                    outcome.words() if readable else outcome.submission.get_status_display(),
                ]
                for outcome, readable in sections.project_submission_rows(
                    request, sections.submissions_about(project)
                )
            ],
            file_type=download,
            name=f"{request.organisation.slug}-{project.reference}-submissions",
            title="Submissions",
        )
    paged = paginate(request, sections.submissions_about(project), SUBMISSIONS_PER_PAGE)
    return render(
        request,
        "portfolio/submissions/about_project.html",
        {
            "project": project,
            "rows": sections.project_submission_rows(request, paged["page"].object_list),
            **paged,
            "downloads": exports.links(
                request,
                "portfolio:project-submissions",
                org=request.organisation.slug,
                project_pk=project.pk,
            ),
        },
    )


WAITING_HEADINGS = ["Submission", "Kind", "Restricted", "For", "From", "Service area", "Submitted"]


def waiting_row(submission, readable):
    """A submission as the list shows it: one the reader may not read only by its exemption."""
    if not readable:
        title = (
            f"Restricted submission: {submission.get_exemption_display().lower()}. Only the "
            f"members of {submission.body.name} can read it."
        )
        submitted = timezone.localtime(submission.submitted_at).date()
        return [title, "", "Yes", submission.body.name, "", "", submitted]
    return [
        submission.title,
        submission.get_kind_display(),
        "Yes" if submission.restricted else "No",
        submission.body.name,
        str(submission.submitted_by) if submission.submitted_by else "",
        submission.service_area,
        timezone.localtime(submission.submitted_at).date(),
    ]


@require_GET
def my_submissions(request, download=None):
    """Everything the reader submitted, newest first, and what became of it; `download`
    ("csv", "xlsx") gives the same rows."""
    organisation = request.organisation
    # Only the columns its rows show (as the project's submissions read them), newest first.
    submissions = submission_rows(
        Submission.objects.filter(organisation=organisation, submitted_by=request.user)
    ).order_by("-submitted_at", "-pk")
    if download:
        outcomes = [Outcome(submission) for submission in submissions]
        return exports.download(
            ["Submission", "Kind", "Restricted", "To", "Submitted", "Where it is"],
            [
                [
                    outcome.submission.title,
                    outcome.submission.get_kind_display(),
                    "Yes" if outcome.submission.restricted else "No",
                    outcome.submission.body.name,
                    timezone.localtime(outcome.submission.submitted_at).date(),
                    outcome.words(),
                ]
                for outcome in outcomes
            ],
            file_type=download,
            name=f"{organisation.slug}-my-submissions",
            title="My submissions",
        )
    paged = paginate(request, submissions, SUBMISSIONS_PER_PAGE)
    return render(
        request,
        "portfolio/submissions/mine.html",
        {
            "outcomes": [Outcome(submission) for submission in paged["page"].object_list],
            **paged,
            "downloads": exports.links(request, "portfolio:my-submissions", org=organisation.slug),
        },
    )


@require_GET
def submission_detail(request, submission_pk):
    submission = access.get_submission_for(request, submission_pk)
    can_handle = submission.status == Submission.Status.SUBMITTED and (
        permissions.can_handle_submission(request.user, submission, today())
    )
    response = render(
        request,
        "portfolio/submissions/detail.html",
        {
            "submission": submission,
            "outcome": Outcome(submission),
            "files": list(submission.files.all()),
            "can_handle": can_handle,
            "can_withdraw": submission.status == Submission.Status.SUBMITTED
            and permissions.can_withdraw_submission(request.user, submission),
            "can_change": permissions.can_change_submission(request.user, submission, today()),
        },
    )
    return _keep_private(response, submission)


@require_http_methods(["GET", "POST"])
def submission_accept(request, submission_pk):
    submission = access.get_submission_for(request, submission_pk, handle=True)
    if submission.status != Submission.Status.SUBMITTED:
        messages.error(request, NO_LONGER_WAITING)
        return redirect(submission)
    form = AcceptForm(posted(request), submission=submission, day=today())
    if form.is_valid():
        data = form.cleaned_data
        accepted = run_action(
            form,
            actions.accept,
            submission=submission,
            meeting=data["meeting"],
            title=data["title"],
            late_reason=data.get("late_reason", ""),
            by=request.user,
        )
        if accepted:
            messages.success(request, f"“{accepted.item.title}” is on the agenda.")
            return redirect(accepted.item.get_absolute_url())
    response = form_page(
        request,
        form,
        title="Put the submission on an agenda",
        caption=submission.title,
        back_url=submission.get_absolute_url(),
        submit_label="Put it on the agenda",
        template="portfolio/submissions/accept.html",
        submission=submission,
        has_choices=form.has_choices,
        intro="It becomes an agenda item with its papers, presented by the officer who "
        "submitted it.",
    )
    return _keep_private(response, submission)


@require_http_methods(["GET", "POST"])
def submission_return(request, submission_pk):
    submission = access.get_submission_for(request, submission_pk, handle=True)
    if submission.status != Submission.Status.SUBMITTED:
        messages.error(request, NO_LONGER_WAITING)
        return redirect(submission)
    return _with_reason(
        request,
        submission,
        ReturnForm(posted(request)),
        actions.return_submission,
        done=f"Returned to {submission.submitted_by}.",
        title="Return the submission",
        submit_label="Return it",
        intro="The officer who submitted it sees the reason on their submissions page.",
    )


@require_http_methods(["GET", "POST"])
def submission_change(request, submission_pk):
    submission = access.get_submission_for(request, submission_pk)
    if refusal := actions.why_not_changed(submission):
        messages.error(request, refusal)
        return redirect(submission)
    if not permissions.can_change_submission(request.user, submission, today()):
        raise PermissionDenied
    form = SubmissionChangeForm(
        *posted_with_files(request),
        submission=submission,
        papers=submission.files.all(),
        readable_cases=_readable_cases(request),
    )
    if form.is_valid():
        data = form.cleaned_data
        changed = run_action(
            form,
            actions.change_submission,
            submission=submission,
            changes={name: data[name] for name in actions.CHANGEABLE},
            reason=data["reason"],
            add=data["file"],
            replace=form.replacements(),
            version=data["version"],
            by=request.user,
        )
        if changed:
            messages.success(request, "Submission changed.")
            return redirect(changed)
    response = form_page(
        request,
        form,
        title="Change the submission",
        caption=submission.title,
        back_url=submission.get_absolute_url(),
        submit_label="Save the changes",
        template="meetings/papers/upload.html",
        intro=f"It still goes to {submission.body}. Its papers stay as they are unless you "
        "add one or choose a file to replace one.",
    )
    return _keep_private(response, submission)


@require_http_methods(["GET", "POST"])
def submission_withdraw(request, submission_pk):
    submission = access.get_submission_for(request, submission_pk, withdraw=True)
    if refusal := actions.why_not_withdrawn(submission):
        messages.error(request, refusal)
        return redirect(submission)
    return _with_reason(
        request,
        submission,
        WithdrawForm(posted(request)),
        actions.withdraw_submission,
        done=f"Withdrawn: {submission.body} will no longer consider it.",
        title="Withdraw the submission",
        submit_label="Withdraw it",
        intro=f"It leaves the submissions waiting for {submission.body}.",
    )


def _with_reason(request, submission, form, action, *, done, **page):
    """A step on a waiting submission that says why (returned, withdrawn): `action` runs with
    the reason given; the page is the submission's, private like it."""
    if form.is_valid() and run_action(
        form,
        action,
        submission=submission,
        reason=form.cleaned_data["reason"],
        by=request.user,
    ):
        messages.success(request, done)
        return redirect(submission)
    response = form_page(
        request,
        form,
        caption=submission.title,
        back_url=submission.get_absolute_url(),
        **page,
    )
    return _keep_private(response, submission)


@require_GET
def submission_file(request, submission_pk, file_pk):
    submission = access.get_submission_for(request, submission_pk)
    stored = get_object_or_404(submission.files.all(), pk=file_pk)
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("No such file.") from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=stored.file_name,
        content_type=CONTENT_TYPES.get(stored.file_type, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return _keep_private(response, submission)
