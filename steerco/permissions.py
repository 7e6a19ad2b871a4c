"""Who may see or do what: every such rule in steerco is a predicate here.

Views, the API, search, feeds, exports and documents ask these predicates; none decides
access by itself. Outsiders get the same answer for "not allowed" and "does not exist" (404),
so that another organisation's objects cannot even be discovered.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from steerco.accounts.models import Organisation, OrganisationMembership


def organisation_role(user, organisation):
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_organisation_roles", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = (
            OrganisationMembership.objects.filter(user=user, organisation=organisation)
            .values_list("role", flat=True)
            .first()
        )
    return cache[organisation.pk]


def is_member_of(user, organisation):
    return organisation_role(user, organisation) is not None


def can_administer(user, organisation):
    return organisation_role(user, organisation) == OrganisationMembership.Role.ADMINISTRATOR


def secretary_body_ids(user, organisation, on):
    """The bodies this person is the current secretary of."""
    from steerco.governance.models import Membership

    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.current(on)
        .filter(organisation=organisation, person=user, role=Membership.Role.SECRETARY)
        .values_list("body_id", flat=True)
    )


def can_manage_body(user, body, on):
    """Administrators manage every body; a secretary manages the body they support."""
    return can_administer(user, body.organisation) or body.pk in secretary_body_ids(
        user, body.organisation, on
    )


def get_organisation_for(request, slug, *, members_only=False):
    """The organisation of the address, or 404.

    Public (transparency) pages are open to all; members-only pages 404 for anyone who is not
    a member, exactly as for an organisation that does not exist.
    """
    organisation = get_object_or_404(Organisation, slug=slug)
    if members_only and not is_member_of(request.user, organisation):
        raise Http404("No such organisation.")
    request.organisation = organisation
    return organisation
