"""Every change to the portfolio goes through one of these functions: atomic, checked, and
recorded in the history with who made it and why."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from steerco import permissions
from steerco.accounts.models import Organisation, OrganisationMembership
from steerco.lib.dates import today as council_today
from steerco.lib.history import delete_with_history, save_with_history
from steerco.lib.uploads import check_paper_file
from steerco.lib.versioning import claim_version
from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import AgendaItem, Decision, Purpose
from steerco.portfolio.impact import current_links
from steerco.portfolio.models import (
    AppraisalParameters,
    Benefit,
    BenefitRealisation,
    BiasMitigation,
    BusinessCase,
    ConfidenceAssessment,
    ConfidenceScale,
    Dependency,
    Option,
    PortfolioSettings,
    Product,
    ProductUse,
    ProfileYear,
    Project,
    Submission,
    SubmissionFile,
)
from steerco.portfolio.queries import standing_decision
from steerco.portfolio.realisation import store_realised
from steerco.portfolio.rules import appraisal, confidence, finance
from steerco.portfolio.rules import benefits as benefit_rules
from steerco.portfolio.rules import dependencies as rules
from steerco.portfolio.signals import submission_problems


def confidence_scale(organisation):
    """The scale the council rates delivery confidence on (five points unless it chose three)."""
    settings = PortfolioSettings.objects.filter(organisation=organisation).first()
    return settings.confidence_scale if settings else ConfidenceScale.FIVE


@transaction.atomic
def save_project(project, *, by, themes=None, objectives=None, version=None):
    """Registers a project or changes its details. A change made from a page opened before
    someone else's change is refused (no lost edits)."""
    creating = project.pk is None
    claim_version(project, version)
    reason = "Project registered" if creating else "Project changed"
    save_with_history(project, by=by, reason=reason)
    if themes is not None:
        project.themes.set(themes)
    if objectives is not None:
        project.objectives.set(objectives)
    return project


@transaction.atomic
def record_confidence(project, *, assessed_on, rating, by, assessor="", commentary=""):
    """Adds a Delivery Confidence Assessment on the council's scale. Earlier ones stay as they
    were: the history of confidence is the point of keeping it."""
    scale = confidence_scale(project.organisation)
    allowed = confidence.FIVE_POINT if scale == ConfidenceScale.FIVE else confidence.THREE_POINT
    if rating not in allowed:
        raise ValidationError(
            {"rating": "Select a rating of the council's scale: green, amber or red."}
        )
    if assessed_on > council_today():
        raise ValidationError(
            {"assessed_on": "The date of the assessment must be today or in the past."}
        )
    assessment = ConfidenceAssessment(
        project=project,
        assessed_on=assessed_on,
        scale=scale,
        rating=rating,
        assessor=assessor,
        commentary=commentary,
        recorded_by=by,
    )
    return save_with_history(assessment, by=by, reason="Delivery confidence assessed")


@transaction.atomic
def save_programme(programme, *, by):
    reason = "Programme added" if programme.pk is None else "Programme changed"
    return save_with_history(programme, by=by, reason=reason)


@transaction.atomic
def save_settings(settings, *, by):
    return save_with_history(settings, by=by, reason="Portfolio settings changed")


# Benefits.


def _refuse_outsider(person, organisation, field):
    if person is None:
        return
    is_member = OrganisationMembership.objects.filter(
        organisation=organisation, user=person
    ).exists()
    if not is_member:
        raise ValidationError({field: "Select a person of this council."})


@transaction.atomic
def add_benefit(
    project,
    *,
    description,
    kind,
    by,
    measure="",
    baseline="",
    target="",
    target_value=None,
    target_on=None,
    owner=None,
):
    """Adds a benefit the project is to deliver. A cashable or non-cashable benefit is valued
    in pounds, so that the portfolio can set what it planned against what it realised."""
    _refuse_outsider(owner, project.organisation_id, "owner")
    if not description.strip():
        raise ValidationError({"description": "Enter the description of the benefit."})
    if target_value is not None and target_value < 0:
        raise ValidationError({"target_value": "The target value must be £0 or more."})
    if kind in benefit_rules.VALUED and target_value is None:
        message = "Enter the target value in pounds of a cashable or non-cashable benefit."
        raise ValidationError({"target_value": message})
    benefit = Benefit(
        project=project,
        description=description.strip(),
        kind=kind,
        measure=measure.strip(),
        baseline=baseline.strip(),
        target=target.strip(),
        target_value=target_value,
        target_on=target_on,
        owner=owner,
    )
    # Nothing realised yet: realised already if its target is nothing (realisation.py keeps it).
    benefit.is_realised = benefit_rules.is_realised(
        benefit_rules.Planned(kind, target_value, target_on), []
    )
    return save_with_history(benefit, by=by, reason="Benefit added")


def _check_realisation(on, value, evidence, today):
    problems = benefit_rules.realisation_problems(on, value, today)
    if not evidence.strip():
        problems["evidence"] = "Enter the evidence of the realisation."
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def record_realisation(benefit, *, on, value, evidence, by, today=None):
    """Records what a benefit has delivered so far: on a date that has passed, never a
    negative value, always with its evidence."""
    _check_realisation(on, value, evidence, today or council_today())
    realisation = BenefitRealisation(
        benefit=benefit, on=on, value=value, evidence=evidence.strip(), recorded_by=by
    )
    save_with_history(realisation, by=by, reason="Realisation recorded")
    kept = _keep_realised(benefit.pk)
    benefit.realised_value, benefit.is_realised = kept.realised_value, kept.is_realised
    return realisation


def _keep_realised(benefit_id):
    """Writes on the benefit what it has now realised by the rules, inside the action's
    transaction, the benefit locked first (realisation.store_realised)."""
    (kept,) = store_realised(Benefit.objects.select_for_update().filter(pk=benefit_id))
    return kept


@transaction.atomic
def correct_realisation(realisation, *, on, value, evidence, reason, by, today=None):
    """Corrects a mistaken entry with a new one that takes its place; the mistaken entry stays
    in the record, with the correction and its reason beside it."""
    # Lock the entry, so that two people correcting it at once do not both succeed.
    realisation = BenefitRealisation.objects.select_for_update().get(pk=realisation.pk)
    if BenefitRealisation.objects.filter(corrects=realisation).exists():
        raise ValidationError(
            "This entry has already been corrected. Correct the entry that replaced it."
        )
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason for the correction."})
    _check_realisation(on, value, evidence, today or council_today())
    correction = BenefitRealisation(
        benefit_id=realisation.benefit_id,
        on=on,
        value=value,
        evidence=evidence.strip(),
        corrects=realisation,
        reason=reason.strip(),
        recorded_by=by,
    )
    save_with_history(correction, by=by, reason=f"Correction: {reason.strip()}")
    _keep_realised(realisation.benefit_id)
    return correction


# Business cases.

Status = BusinessCase.Status

# Why a business case that is no longer a draft cannot be changed.
LOCKED = {
    Status.SUBMITTED: "Version {number} has been submitted for a decision and cannot be "
    "changed. Once it is decided, start a new version to change it.",
    Status.APPROVED: "Version {number} was approved and cannot be changed: it is the record "
    "of what was approved. Start a new version to change the business case.",
    Status.REJECTED: "Version {number} was rejected and cannot be changed. Start a new "
    "version to change the business case.",
    Status.SUPERSEDED: "Version {number} was superseded by a later version and cannot be changed.",
}


def locked_reason(case):
    """Why the business case cannot be changed, or "" for a draft."""
    if case.status == Status.DRAFT:
        return ""
    return LOCKED[case.status].format(number=case.number)


def _claim(case, version):
    """Claims the case's version, then refuses unless it is (still) a draft."""
    claim_version(case, version)
    if case.pk is not None:
        case.status = BusinessCase.objects.values_list("status", flat=True).get(pk=case.pk)
    reason = locked_reason(case)
    if reason:
        raise ValidationError(reason)


def _lock(project):
    # One new version of a project's business case at a time, so that numbers stay 1 to n.
    Project.objects.select_for_update().filter(pk=project.pk).first()


def _tidy(case):
    if not case.restricted:
        case.exemption = ""
    elif not case.exemption:
        raise ValidationError(
            {"exemption": "Select why the business case is restricted (the exemption)."}
        )


@transaction.atomic
def create_business_case(case, *, project, by):
    """Starts version 1 (or the next) of a project's business case, as a draft with a
    "do nothing" option to compare the others with."""
    _lock(project)
    last = project.business_cases.aggregate(last=Max("number"))["last"] or 0
    case.organisation = project.organisation
    case.project = project
    case.number = last + 1
    case.status = Status.DRAFT
    case.created_by = by
    _tidy(case)
    save_with_history(case, by=by, reason="Business case started")
    save_with_history(
        Option(business_case=case, position=1, name="Do nothing", is_do_nothing=True),
        by=by,
        reason="Business case started",
    )
    return case


@transaction.atomic
def save_business_case(case, *, by, version=None):
    _claim(case, version)
    _tidy(case)
    return save_with_history(case, by=by, reason="Business case changed")


@transaction.atomic
def save_option(option, *, by, version=None):
    """Adds or changes an option; marking one preferred unmarks the one that was."""
    case = option.business_case
    _claim(case, version)
    if option.pk is None:
        last = case.options.aggregate(last=Max("position"))["last"] or 0
        option.position = last + 1
    if option.preferred:
        for other in case.options.filter(preferred=True).exclude(pk=option.pk):
            other.preferred = False
            save_with_history(other, by=by, reason=f"“{option.name}” is now preferred")
    save_with_history(option, by=by, reason="Option saved")
    save_with_history(case, by=by, reason=f"Option “{option.name}” saved")
    return option


@transaction.atomic
def save_profile(option, *, rows, by, version=None):
    """Replaces an option's profile with `rows` (steerco.portfolio.rules.finance.Figures):
    every year in the business case's horizon, none twice, no figure below £0."""
    case = option.business_case
    _claim(case, version)
    problems = finance.problems(rows, case.base_year, case.horizon_years)
    if problems:
        raise ValidationError([problem.message for problem in problems])
    saved = {row.year: row for row in option.years.all()}
    reason = f"Profile of “{option.name}” changed"
    for figures in rows:
        row = saved.pop(figures.year, None) or ProfileYear(option=option, year=figures.year)
        values = {line: getattr(figures, line) for line in finance.LINES}
        if row.pk is None or any(getattr(row, line) != value for line, value in values.items()):
            for line, value in values.items():
                setattr(row, line, value)
            save_with_history(row, by=by, reason=reason)
    for row in saved.values():
        delete_with_history(row, by=by, reason=reason)
    save_with_history(case, by=by, reason=reason)
    return option


@transaction.atomic
def save_bias_mitigations(case, *, entries, by, version=None):
    """Replaces the optimism-bias mitigation of a case: (factor, share %, mitigated %)."""
    _claim(case, version)
    found = appraisal.check_mitigations(
        appraisal.Mitigation(factor, share, mitigation) for factor, share, mitigation in entries
    )
    if found:
        raise ValidationError(found)
    reason = "Optimism-bias mitigation changed"
    for old in case.bias_mitigations.all():
        delete_with_history(old, by=by, reason=reason)
    for position, (factor, share, mitigation) in enumerate(entries, start=1):
        save_with_history(
            BiasMitigation(
                business_case=case,
                position=position,
                factor=factor,
                share=share,
                mitigation=mitigation,
            ),
            by=by,
            reason=reason,
        )
    save_with_history(case, by=by, reason=reason)


COPIED = (
    "title",
    "summary",
    "restricted",
    "exemption",
    "risk_assessment",
    "base_year",
    "horizon_years",
    "project_type",
)


@transaction.atomic
def start_new_version(case, *, by):
    """A new draft version from the project's latest one, with its options, profiles and
    mitigation; the version it came from stays as it was."""
    project = case.project
    _lock(project)
    latest = project.business_cases.aggregate(last=Max("number"))["last"]
    if case.number != latest:
        raise ValidationError(
            f"Version {case.number} is not the latest: start the new version from version {latest}."
        )
    if case.status == Status.DRAFT:
        raise ValidationError(
            f"Version {case.number} is still a draft: change it rather than start another."
        )
    new = BusinessCase(
        organisation=case.organisation,
        project=project,
        number=latest + 1,
        status=Status.DRAFT,
        created_by=by,
        **{name: getattr(case, name) for name in COPIED},
    )
    reason = f"New version from version {case.number}"
    save_with_history(new, by=by, reason=reason)
    for option in case.options.prefetch_related("years").order_by("position", "pk"):
        copy = Option(
            business_case=new,
            position=option.position,
            name=option.name,
            description=option.description,
            is_do_nothing=option.is_do_nothing,
            preferred=option.preferred,
        )
        save_with_history(copy, by=by, reason=reason)
        for row in option.years.all():
            save_with_history(
                ProfileYear(
                    option=copy,
                    year=row.year,
                    **{line: getattr(row, line) for line in finance.LINES},
                ),
                by=by,
                reason=reason,
            )
    for mitigation in case.bias_mitigations.order_by("position", "pk"):
        save_with_history(
            BiasMitigation(
                business_case=new,
                position=mitigation.position,
                factor=mitigation.factor,
                share=mitigation.share,
                mitigation=mitigation.mitigation,
            ),
            by=by,
            reason=reason,
        )
    return new


def check_ready_to_submit(case):
    """Seed 003: "A risk assessment will be undertaken for each of the business cases". A case
    goes to the group with its risks assessed (the risk register answers, see signals.py) and
    its preferred option. The written risk assessment of earlier cases is kept and shown."""
    errors = dict(submission_problems(case))
    if not case.options.filter(preferred=True).exists():
        errors["preferred"] = "Mark one option as preferred before the business case is submitted."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submit_business_case(case, *, by, version=None):
    """The draft goes to the group as it stands: from now on it cannot be changed."""
    _claim(case, version)
    check_ready_to_submit(case)
    case.status = Status.SUBMITTED
    return save_with_history(case, by=by, reason="Business case submitted")


@transaction.atomic
def add_appraisal_parameters(parameters, *, organisation, by):
    """Adds a council's own set of appraisal parameters, in force from its date."""
    try:
        parameters.as_rules()
    except ValueError as error:
        raise ValidationError(str(error)) from error
    try:
        parameters.deflator_series()
    except ValueError as error:
        raise ValidationError({"deflator": str(error)}) from error
    if AppraisalParameters.objects.filter(
        organisation=organisation, effective_from=parameters.effective_from
    ).exists():
        raise ValidationError(
            {
                "effective_from": "The council already has appraisal parameters in force from "
                f"{parameters.effective_from:%-d %B %Y}: choose another date."
            }
        )
    parameters.organisation = organisation
    parameters.created_by = by
    return save_with_history(parameters, by=by, reason="Appraisal parameters added")


# What the body is asked to do with each kind of submission, as the agenda says it.
PURPOSE_OF_KIND = {
    Submission.Kind.HIGHLIGHT_REPORT: Purpose.INFORMATION,
    Submission.Kind.REQUEST_FOR_RESOURCE: Purpose.DECISION,
    Submission.Kind.BUSINESS_CASE: Purpose.APPROVAL,
    Submission.Kind.POLICY: Purpose.APPROVAL,
    Submission.Kind.OTHER: Purpose.DISCUSSION,
}

APPROVING = {Decision.Outcome.APPROVED, Decision.Outcome.APPROVED_WITH_CONDITIONS}
# A business case may be submitted while it is a draft, or again to another body.
SUBMITTABLE = {BusinessCase.Status.DRAFT, BusinessCase.Status.SUBMITTED}
# The stages a project leaves for "approved" when its business case is approved; a project
# already in delivery (a later version of its case) stays where it is.
BEFORE_APPROVAL = {Project.Stage.IDEA, Project.Stage.PROPOSAL, Project.Stage.BUSINESS_CASE}


def _check_business_case(submission):
    case, project = submission.business_case, submission.project
    if submission.kind != Submission.Kind.BUSINESS_CASE:
        if case is not None:
            raise ValidationError(
                {
                    "business_case": "Link a business case only to a submission of a business "
                    "case for approval."
                }
            )
        return
    if project is None:
        raise ValidationError({"project": "Select the project the business case is for."})
    if case is None:
        raise ValidationError({"business_case": "Select the business case to submit."})
    if case.project_id != project.pk:
        raise ValidationError(
            {"business_case": f"Select a business case of {project.reference} {project.name}."}
        )
    if case.status not in SUBMITTABLE:
        raise ValidationError(
            {
                "business_case": f"Version {case.number} of the business case is "
                f"{case.get_status_display().lower()}: only a draft can be submitted. Start a "
                "new version instead."
            }
        )
    problems = submission_problems(case)
    if problems:
        raise ValidationError({"business_case": list(problems.values())})
    if case.restricted and not submission.restricted:
        raise ValidationError(
            {
                "restricted": "The business case is restricted, so the submission must be "
                "restricted too."
            }
        )


def _file_title(name):
    return PurePath(name).stem[:300] or name[:300]


@transaction.atomic
def submit(submission, *, files=(), by):
    """Sends a submission to a body, with its papers; a business case goes with it and is
    marked submitted."""
    organisation = submission.organisation
    if not permissions.can_submit(by, organisation):
        raise ValidationError("Only a person of the council can make a submission.")
    if submission.pk is not None:
        raise ValidationError("This submission was already made.")
    submission.submitted_by = by
    submission.status = Submission.Status.SUBMITTED
    if submission.restricted and not submission.exemption:
        raise ValidationError({"exemption": "Select why the submission is restricted."})
    if not submission.restricted:
        submission.exemption = ""
    _check_business_case(submission)
    files = list(files)
    checked = _checked_files(files, "file")
    save_with_history(submission, by=by, reason=f"Submitted to {submission.body}")
    for upload, file_type in zip(files, checked, strict=True):
        _store(SubmissionFile(submission=submission), upload, file_type, by=by)
    _mark_case_submitted(submission, by=by)
    return submission


def _checked_files(uploads, field):
    try:
        return [check_paper_file(upload) for upload in uploads]
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


def _store(stored, upload, file_type, *, by):
    stored.title = _file_title(upload.name)
    stored.file_name = upload.name[:255]
    stored.file_type = file_type
    stored.size = upload.size
    stored.uploaded_by = by
    stored.file.save(upload.name, upload, save=False)
    stored.save()
    return stored


def _mark_case_submitted(submission, *, by):
    case = submission.business_case
    if case is not None and case.status != BusinessCase.Status.SUBMITTED:
        claim_version(case)
        case.status = BusinessCase.Status.SUBMITTED
        save_with_history(case, by=by, reason=f"Submitted to {submission.body}")


# What an officer may change in a waiting submission (the body it went to stays: another body
# is a new submission).
CHANGEABLE = (
    "kind",
    "title",
    "asked",
    "service_area",
    "project",
    "business_case",
    "restricted",
    "exemption",
)


def why_not_changed(submission):
    """Why a submission can no longer be changed, or None while it waits."""
    if submission.status == Submission.Status.ACCEPTED:
        return (
            "This submission is on an agenda now, so it can no longer be changed: ask whoever "
            f"manages {submission.body} to change the item or its papers."
        )
    if submission.status != Submission.Status.SUBMITTED:
        return (
            f"This submission was {submission.get_status_display().lower()}, so it can no "
            "longer be changed."
        )
    return None


@transaction.atomic
def change_submission(submission, *, changes, reason, by, add=(), replace=None, version=None):
    """Changes a submission while it waits, by the officer who made it or whoever manages its
    body: `changes` gives new values of CHANGEABLE fields, `add` new papers and `replace`
    {paper: upload} papers that take the place of earlier ones. Refused once it is on an
    agenda, returned or withdrawn, and from a page opened before someone else's change. The
    reason, and the papers added or replaced, go into its history. A business case it no
    longer carries is a draft again (unless it waits on another body); one it now carries is
    submitted."""
    Submission.objects.select_for_update().filter(pk=submission.pk).first()
    submission.refresh_from_db(fields=["status"])
    if refusal := why_not_changed(submission):
        raise ValidationError(refusal)
    if not permissions.can_change_submission(by, submission, council_today()):
        raise ValidationError(
            "Only the officer who made a submission, or whoever manages "
            f"{submission.body}, changes it."
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the submission is changed."})
    unknown = set(changes) - set(CHANGEABLE)
    if unknown:
        raise ValidationError(f"These cannot be changed: {', '.join(sorted(unknown))}.")
    claim_version(submission, version)
    carried = submission.business_case
    for name, value in changes.items():
        setattr(submission, name, value)
    if submission.restricted and not submission.exemption:
        raise ValidationError({"exemption": "Select why the submission is restricted."})
    if not submission.restricted:
        submission.exemption = ""
    _check_business_case(submission)
    add, replace = list(add), dict(replace or {})
    for paper in replace:
        if paper.submission_id != submission.pk:
            raise ValidationError("Replace only the papers of this submission.")
    added = _checked_files(add, "file")
    replacing = _checked_files(replace.values(), "file")
    notes = [f"Changed: {reason}"]
    notes += [f"paper {upload.name} added" for upload in add]
    notes += [f"paper {old.file_name} replaced by {new.name}" for old, new in replace.items()]
    save_with_history(submission, by=by, reason="; ".join(notes))
    for upload, file_type in zip(add, added, strict=True):
        _store(SubmissionFile(submission=submission), upload, file_type, by=by)
    for (paper, upload), file_type in zip(replace.items(), replacing, strict=True):
        old = paper.file.name
        _store(paper, upload, file_type, by=by)
        transaction.on_commit(lambda old=old, storage=paper.file.storage: storage.delete(old))
    if carried is not None and carried.pk != submission.business_case_id:
        _case_to_draft(
            submission,
            case=carried,
            by=by,
            reason=f"No longer carried by the submission to {submission.body}: {reason}",
        )
    _mark_case_submitted(submission, by=by)
    return submission


def _refuse_handled(submission):
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(
            "This submission is already on an agenda."
            if submission.status == Submission.Status.ACCEPTED
            else f"This submission was already {submission.get_status_display().lower()}."
        )


def _refuse_not_handler(submission, by):
    if not permissions.can_handle_submission(by, submission, council_today()):
        raise ValidationError(
            f"Only whoever manages {submission.body} accepts or returns its submissions."
        )


@transaction.atomic
def accept(submission, *, meeting, by, title="", late_reason=""):
    """Puts the submission on the agenda of a meeting of its body, through the meeting cycle's
    own actions (so an item added after publication needs its reason): its papers become the
    item's papers, restricted as the submission is, and the submitting officer presents it."""
    Submission.objects.select_for_update().filter(pk=submission.pk).first()
    # Everything afresh: a change made since the page loaded is kept, not written back stale.
    submission.refresh_from_db()
    _refuse_handled(submission)
    _refuse_not_handler(submission, by)
    if meeting.body_id != submission.body_id:
        raise ValidationError({"meeting": f"Select a meeting of {submission.body}."})
    if meeting.is_cancelled or meeting.minutes_approved:
        raise ValidationError(
            {"meeting": "Select a meeting that is not cancelled and whose record is still open."}
        )
    item = meeting_actions.save_item(
        AgendaItem(
            meeting=meeting,
            title=(title or submission.title).strip(),
            presenting_officer=submission.submitted_by,
            presenter=str(submission.submitted_by),
            purpose=PURPOSE_OF_KIND[submission.kind],
            source=AgendaItem.Source.SUBMISSION,
            late_reason=late_reason,
        ),
        by=by,
    )
    for stored in submission.files.all():
        with stored.file.open("rb") as handle:
            meeting_actions.add_paper(
                item,
                title=stored.title,
                upload=File(handle, name=stored.file_name),
                by=by,
                restricted=submission.restricted,
                exemption=submission.exemption,
                # The officer who submitted a restricted paper still reads it on the agenda.
                readers=[submission.submitted_by] if submission.restricted else [],
                late_reason=late_reason,
            )
    submission.status = Submission.Status.ACCEPTED
    submission.item = item
    reason = f"Accepted onto the agenda of {meeting} ({meeting.on:%-d %B %Y})"
    return save_with_history(submission, by=by, reason=reason)


@transaction.atomic
def return_submission(submission, *, reason, by):
    """Sends a submission back to the officer with the reason; a business case it carried is a
    draft again unless it waits on another body."""
    Submission.objects.select_for_update().filter(pk=submission.pk).first()
    submission.refresh_from_db()
    _refuse_handled(submission)
    _refuse_not_handler(submission, by)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the submission is returned."})
    submission.status = Submission.Status.RETURNED
    submission.returned_reason = reason
    save_with_history(submission, by=by, reason=f"Returned: {reason}")
    _case_to_draft(submission, by=by, reason=f"Returned by {submission.body}: {reason}")
    return submission


def _case_to_draft(submission, *, by, reason, case=None):
    """The business case the submission carried (`case`, or the one it carries) is a draft
    again, unless it waits on another body."""
    case = case or submission.business_case
    if (
        case is not None
        and case.status == BusinessCase.Status.SUBMITTED
        and not case.submissions.exclude(pk=submission.pk)
        .exclude(status__in=[Submission.Status.RETURNED, Submission.Status.WITHDRAWN])
        .exists()
    ):
        claim_version(case)
        case.status = BusinessCase.Status.DRAFT
        save_with_history(case, by=by, reason=reason)


def why_not_withdrawn(submission):
    """Why a submission can no longer be withdrawn, or None while it waits."""
    if submission.status == Submission.Status.ACCEPTED:
        return (
            "This submission is on an agenda now, so it is the meeting's: ask whoever manages "
            f"{submission.body} to withdraw its papers or the item."
        )
    if submission.status != Submission.Status.SUBMITTED:
        return f"This submission was already {submission.get_status_display().lower()}."
    return None


@transaction.atomic
def withdraw_submission(submission, *, reason, by):
    """The officer who made a submission takes it back while it waits, with the reason (kept in
    its history); it leaves the body's queue. An accepted submission is an item of the agenda
    now: the secretary withdraws its papers or the item."""
    Submission.objects.select_for_update().filter(pk=submission.pk).first()
    submission.refresh_from_db()
    if refusal := why_not_withdrawn(submission):
        raise ValidationError(refusal)
    if not permissions.can_withdraw_submission(by, submission):
        raise ValidationError("Only the officer who made a submission withdraws it.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the submission is withdrawn."})
    submission.status = Submission.Status.WITHDRAWN
    submission.withdrawn_reason = reason
    save_with_history(submission, by=by, reason=f"Withdrawn: {reason}")
    _case_to_draft(submission, by=by, reason=f"Submission to {submission.body} withdrawn: {reason}")
    return submission


# A decision flows back: receivers of steerco.meetings.signals.decision_changed.


def _approval_reason(decision):
    return f"Approved by decision {decision.reference}"


def _superseded_reason(case, decision):
    return f"Superseded by version {case.number}, approved by decision {decision.reference}"


def _approve(case, decision, *, by):
    project = Project.objects.select_for_update().get(pk=case.project_id)
    for earlier in BusinessCase.objects.filter(
        project=project, status=BusinessCase.Status.APPROVED
    ).exclude(pk=case.pk):
        claim_version(earlier)
        earlier.status = BusinessCase.Status.SUPERSEDED
        save_with_history(earlier, by=by, reason=_superseded_reason(case, decision))
    claim_version(case)
    case.status = BusinessCase.Status.APPROVED
    case.approved_by_decision = decision
    case.approved_at = timezone.now()
    save_with_history(case, by=by, reason=_approval_reason(decision))
    if project.stage in BEFORE_APPROVAL:
        claim_version(project)
        project.stage = Project.Stage.APPROVED
        save_with_history(project, by=by, reason=_approval_reason(decision))


def _undo_approval(case, *, why, by):
    """The decision that approved the case no longer stands (voided, amended or superseded):
    the case is submitted again, the version it superseded is approved again, and the project
    goes back to the stage it left for "approved"."""
    decision = case.approved_by_decision
    project = Project.objects.select_for_update().get(pk=case.project_id)
    for earlier in BusinessCase.objects.filter(
        project=project, status=BusinessCase.Status.SUPERSEDED
    ):
        latest = earlier.history.first()
        if latest and latest.history_change_reason == _superseded_reason(case, decision):
            claim_version(earlier)
            earlier.status = BusinessCase.Status.APPROVED
            save_with_history(earlier, by=by, reason=f"Approved again: {why}")
    claim_version(case)
    case.status = BusinessCase.Status.SUBMITTED
    case.approved_by_decision = None
    case.approved_at = None
    save_with_history(case, by=by, reason=f"No longer approved: {why}")
    moved = project.history.filter(history_change_reason=_approval_reason(decision)).first()
    if moved is not None and project.stage == Project.Stage.APPROVED and moved.prev_record:
        claim_version(project)
        project.stage = moved.prev_record.stage
        save_with_history(project, by=by, reason=f"No longer approved: {why}")


def settle_business_case(submission, *, by):
    """Brings the business case of a submission into line with the decision that stands on its
    agenda item: approved (or approved with conditions) approves it and moves the project to
    "approved", rejected rejects it, and anything else (deferred, noted, referred, or no
    decision now that one was voided) leaves it submitted."""
    case = BusinessCase.objects.select_for_update().get(pk=submission.business_case_id)
    decision = standing_decision(submission.item)
    outcome = decision.outcome if decision else None
    approved_by = case.approved_by_decision
    if case.status == BusinessCase.Status.APPROVED:
        if approved_by is None or not (
            approved_by.is_voided or _decided_through(submission, approved_by)
        ):
            return  # approved otherwise (another body's decision): not this one's to undo
        if outcome in APPROVING and approved_by.pk == decision.pk:
            return
        why = (
            f"decision {approved_by.reference} no longer stands"
            if decision is None
            else f"decision {decision.reference}: {decision.get_outcome_display().lower()}"
        )
        _undo_approval(case, why=why, by=by)
    if outcome in APPROVING and case.status != BusinessCase.Status.APPROVED:
        _approve(case, decision, by=by)
    elif outcome == Decision.Outcome.REJECTED and case.status == BusinessCase.Status.SUBMITTED:
        claim_version(case)
        case.status = BusinessCase.Status.REJECTED
        save_with_history(case, by=by, reason=f"Rejected by decision {decision.reference}")
    elif outcome != Decision.Outcome.REJECTED and case.status == BusinessCase.Status.REJECTED:
        latest = case.history.first()
        if latest and latest.history_change_reason.startswith("Rejected by decision"):
            claim_version(case)
            case.status = BusinessCase.Status.SUBMITTED
            save_with_history(case, by=by, reason="No longer rejected: the decision changed")


def _decided_through(submission, decision):
    """Whether `decision` was made on the submission's item (or a carried copy of it), or
    supersedes one that was."""
    while decision is not None:
        item = decision.item
        while item is not None:
            if item.pk == submission.item_id:
                return True
            item = item.carried_from
        decision = decision.supersedes
    return False


def submissions_of_items(items):
    """The business-case submissions whose agenda item is one of `items` or the item one of
    them was carried from (however many times)."""
    pks = set()
    for item in items:
        while item is not None:
            pks.add(item.pk)
            item = item.carried_from
    return Submission.objects.filter(
        item__in=pks, kind=Submission.Kind.BUSINESS_CASE, business_case__isnull=False
    ).select_related("item", "business_case")


def decision_changed(sender, *, decision, items, by, change, **kwargs):
    for submission in submissions_of_items(items):
        settle_business_case(submission, by=by)


def item_removing(sender, *, item, by, **kwargs):
    """An accepted submission whose item is taken off a draft agenda waits again, for the
    secretary to put on another agenda or return."""
    for submission in Submission.objects.filter(item=item):
        submission.item = None
        submission.status = Submission.Status.SUBMITTED
        save_with_history(
            submission,
            by=by,
            reason=f"Taken off the agenda of {item.meeting} ({item.meeting.on:%-d %B %Y})",
        )


# Dependencies, and the catalogue of products and platforms.


@transaction.atomic
def add_dependency(project, *, depends_on, kind=Dependency.Kind.FINISH_FIRST, note="", by):
    """Records that `project` waits on `depends_on`. Refused for a project of another council,
    for the project itself, for one already recorded, and for one that would close a cycle:
    a project cannot wait, however indirectly, on a project that waits on it."""
    # One dependency added at a time per council, so two that would close a cycle between
    # them cannot both pass the check (PostgreSQL; SQLite writes one transaction at a time).
    Organisation.objects.select_for_update().filter(pk=project.organisation_id).first()
    if depends_on.organisation_id != project.organisation_id:
        raise ValidationError({"depends_on": "Select a project of this council."})
    if depends_on.pk == project.pk:
        raise ValidationError({"depends_on": "A project cannot depend on itself."})
    current = Dependency.objects.filter(
        project=project, depends_on=depends_on, kind=kind, ended_at__isnull=True
    )
    if current.exists():
        raise ValidationError(
            {
                "depends_on": f"This dependency is already recorded: {project.reference} "
                f"depends on {depends_on.reference} ({Dependency.Kind(kind).label.lower()})."
            }
        )
    cycle = rules.cycle_made_by(current_links(project.organisation_id), project.pk, depends_on.pk)
    if cycle is not None:
        references = dict(Project.objects.filter(pk__in=set(cycle)).values_list("pk", "reference"))
        raise ValidationError({"depends_on": str(rules.CycleError(cycle, references))})
    dependency = Dependency(
        organisation_id=project.organisation_id,
        project=project,
        depends_on=depends_on,
        kind=kind,
        note=note.strip(),
        created_by=by,
    )
    return save_with_history(
        dependency,
        by=by,
        reason=f"Dependency added: {project.reference} depends on {depends_on.reference}",
    )


@transaction.atomic
def end_dependency(dependency, *, reason, by):
    """Ends a dependency that no longer holds. It is never deleted: the history keeps what the
    group was told, who ended it and why."""
    locked = Dependency.objects.select_for_update().get(pk=dependency.pk)
    if locked.ended_at is not None:
        raise ValidationError("This dependency has already ended.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the dependency ends."})
    dependency.ended_at, dependency.ended_by, dependency.ended_reason = timezone.now(), by, reason
    return save_with_history(dependency, by=by, reason=f"Dependency ended: {reason}")


@transaction.atomic
def save_product(product, *, by):
    """Adds a product or platform to the catalogue, or changes one. Names are unique in a
    council whatever their case, so the catalogue holds each product once."""
    product.name = product.name.strip()
    same_name = Product.objects.filter(
        organisation_id=product.organisation_id, name__iexact=product.name
    ).exclude(pk=product.pk)
    if same_name.exists():
        raise ValidationError(
            {"name": f"The catalogue already has a product or platform called {product.name}."}
        )
    adding = product.pk is None
    return save_with_history(
        product, by=by, reason=f"{'Added to' if adding else 'Changed in'} the catalogue"
    )


@transaction.atomic
def declare_product_use(project, *, product, use, by):
    """Records that a project uses, introduces or retires a product or platform; declaring
    it again with another use replaces the current declaration (the history keeps both). A
    use that ended stays as it was: declaring the product again starts a new one."""
    if product.organisation_id != project.organisation_id:
        raise ValidationError({"product": "Select a product or platform of this council."})
    declared = (
        ProductUse.objects.select_for_update().current().filter(project=project, product=product)
    )
    existing = declared.first()
    if existing is not None and existing.use == use:
        raise ValidationError(
            f"{project.reference} already {existing.get_use_display().lower()} {product.name}."
        )
    declaration = existing or ProductUse(project=project, product=product)
    declaration.use = use
    return save_with_history(
        declaration,
        by=by,
        reason=f"{project.reference} {ProductUse.Use(use).label.lower()} {product.name}",
    )


@transaction.atomic
def end_product_use(declaration, *, reason, by, on=None):
    """Ends a project's use of a product or platform, on a day (today unless given), with the
    reason. The use is never deleted: the product and project pages show it among the ended
    ones, and the history keeps who ended it and why."""
    locked = ProductUse.objects.select_for_update().get(pk=declaration.pk)
    if locked.ended_on is not None:
        raise ValidationError(
            f"This use already ended on {locked.ended_on:%-d %B %Y}: {locked.ended_reason}"
        )
    if not permissions.can_manage_portfolio(by, declaration.project.organisation, council_today()):
        raise ValidationError("Only whoever keeps the register ends a project's use of a product.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the use ends."})
    on = on or council_today()
    if on > council_today():
        raise ValidationError({"on": "The date the use ended must be today or in the past."})
    declaration.ended_on, declaration.ended_by, declaration.ended_reason = on, by, reason
    what = f"{declaration.project.reference} no longer {declaration.use} {declaration.product}"
    return save_with_history(declaration, by=by, reason=f"{what}: {reason}")
