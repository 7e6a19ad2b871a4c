"""Every change to organisations, people and their roles goes through one of these functions.

The admin is where they are made (there is no other page for them yet), and each checks that
the person making the change administers the organisation it touches.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steerco.accounts.models import OrganisationMembership
from steerco.lib.history import save_with_history
from steerco.permissions import can_administer


def _check_administers(by, organisation):
    if not can_administer(by, organisation):
        raise ValidationError(f"You do not administer {organisation}.")


@transaction.atomic
def create_organisation(organisation, *, by):
    """A new council, administered from the start by the person who creates it."""
    save_with_history(organisation, by=by, reason="Organisation created")
    save_with_history(
        OrganisationMembership(
            user=by, organisation=organisation, role=OrganisationMembership.Role.ADMINISTRATOR
        ),
        by=by,
        reason="Created the organisation",
    )
    return organisation


@transaction.atomic
def add_person(person, *, organisation, role, by):
    _check_administers(by, organisation)
    save_with_history(person, by=by, reason=f"Added to {organisation}")
    save_organisation_membership(
        OrganisationMembership(user=person, organisation=organisation, role=role), by=by
    )
    return person


@transaction.atomic
def save_person(person, *, by):
    """A change to a person's details, by an administrator of one of their organisations."""
    administered = [
        m.organisation for m in person.organisation_memberships.select_related("organisation")
    ]
    if not any(can_administer(by, organisation) for organisation in administered):
        raise ValidationError("You do not administer any organisation of this person.")
    return save_with_history(person, by=by, reason="Details changed")


@transaction.atomic
def update_own_profile(person, *, by):
    """A person's own details (name, email, post), changed by themselves."""
    if by.pk != person.pk:
        raise ValidationError("A profile is changed by its owner.")
    return save_with_history(person, by=by, reason="Profile updated by its owner")


def record_sign_in(sender, request, user, **kwargs):
    """When someone last signed in, kept without a history row: a sign-in changes nothing of the
    record, and a row per sign-in would bury the changes that matter."""
    type(user).objects.filter(pk=user.pk).update(last_login=timezone.now())


@transaction.atomic
def save_organisation_membership(membership, *, by):
    _check_administers(by, membership.organisation)
    if membership.pk is not None:
        before = OrganisationMembership.objects.get(pk=membership.pk)
        if before.organisation_id != membership.organisation_id:
            _check_administers(by, before.organisation)
    reason = "Role given" if membership.pk is None else "Role changed"
    return save_with_history(membership, by=by, reason=reason)
