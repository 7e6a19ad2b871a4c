"""Every change to the governance structure goes through one of these functions."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from steerco.governance.models import (
    Approval,
    Membership,
    Objective,
    Section,
    TermsOfReference,
)
from steerco.governance.rules import terms
from steerco.lib.history import delete_with_history, save_with_history


@transaction.atomic
def save_body(body, *, by):
    reason = "Body created" if body.pk is None else "Body details changed"
    return save_with_history(body, by=by, reason=reason)


@transaction.atomic
def save_reporting_line(line, *, by):
    reason = "Reporting line added" if line.pk is None else "Reporting line changed"
    return save_with_history(line, by=by, reason=reason)


@transaction.atomic
def remove_reporting_line(line, *, by):
    delete_with_history(line, by=by, reason="Reporting line removed")


@transaction.atomic
def issue_terms_of_reference(
    body, *, version, issued_on, author, summary_of_change, title, purpose, objectives, sections, by
):
    """Adds a new version; earlier versions are left exactly as they were.

    `objectives` is a list of texts (numbered from 1); `sections` a list of (heading, text).
    """
    latest = body.terms_versions.order_by("-created_at", "-id").first()
    try:
        terms.check_next_version(version, latest.version if latest else None)
    except terms.VersionError as error:
        raise ValidationError({"version": str(error)}) from error
    document = TermsOfReference(
        organisation=body.organisation,
        body=body,
        version=version.strip(),
        issued_on=issued_on,
        author=author,
        summary_of_change=summary_of_change,
        title=title,
        purpose=purpose,
        text_held=bool(purpose or objectives or sections),
        created_by=by if by is not None and by.is_authenticated else None,
    )
    save_with_history(document, by=by, reason=f"Version {version} issued")
    Objective.objects.bulk_create(
        Objective(terms=document, number=number, text=text)
        for number, text in enumerate(objectives, start=1)
    )
    Section.objects.bulk_create(
        Section(terms=document, order=order, heading=heading, text=text)
        for order, (heading, text) in enumerate(sections, start=1)
    )
    return document


@transaction.atomic
def record_approval(document, *, approver, approved_on, by):
    approval = Approval(terms=document, approver=approver, approved_on=approved_on)
    return save_with_history(
        approval, by=by, reason=f"Approval of version {document.version} recorded"
    )


def _check_membership(membership):
    if membership.ends_on and membership.starts_on and membership.ends_on < membership.starts_on:
        raise ValidationError(
            {"ends_on": "The end date must be the same as or after the start date."}
        )
    if (
        membership.person_id
        and not membership.person.organisation_memberships.filter(
            organisation=membership.organisation_id
        ).exists()
    ):
        raise ValidationError({"person": "This person does not belong to the organisation."})
    if membership.role == Membership.Role.CHAIR:
        other_chairs = (
            Membership.objects.filter(body=membership.body, role=Membership.Role.CHAIR)
            .exclude(pk=membership.pk)
            .overlapping(membership.starts_on, membership.ends_on)
            .select_related("person")
        )
        clash = other_chairs.first()
        if clash:
            raise ValidationError(
                {
                    "role": (
                        f"{clash.person} is already chair of {membership.body} from "
                        f"{clash.starts_on:%-d %B %Y}: a body has one chair at a time. "
                        "End that membership first."
                    )
                }
            )


@transaction.atomic
def save_membership(membership, *, by):
    if by is not None and membership.person_id == by.pk:
        # A membership is access to the body's restricted papers: nobody grants it themselves.
        raise ValidationError(
            "You cannot add yourself to a body or change your own membership. Ask another "
            "administrator or the body's secretary."
        )
    if membership.role in Membership.NOT_COUNTED:
        membership.counts_toward_quorum = False
    _check_membership(membership)
    reason = "Member added" if membership.pk is None else "Membership changed"
    return save_with_history(membership, by=by, reason=reason)


@transaction.atomic
def record_chair_review(membership, *, reviewed_on: date, by):
    if membership.role != Membership.Role.CHAIR:
        raise ValidationError("Only a chair's term is reviewed.")
    if reviewed_on < membership.starts_on:
        raise ValidationError("The review cannot be before the chair started.")
    membership.chair_reviewed_on = reviewed_on
    return save_with_history(membership, by=by, reason="Chair's term reviewed")
