"""Fetch and authorise a calendar address in one step."""

from django.http import Http404

from steerco import permissions
from steerco.calendars.models import CalendarAddress, digest_of


def get_address_for(request, token):
    """The live address of this organisation with this secret, or 404: the same answer for a
    wrong token, a reset one, another organisation's, and one whose person has left. The
    lookup is by the secret's digest, so the comparison leaks nothing about the secret."""
    address = (
        CalendarAddress.objects.select_related("person", "organisation")
        .filter(organisation=request.organisation, digest=digest_of(token))
        .first()
    )
    if address is None or not permissions.can_use_calendar_address(address):
        raise Http404("No such calendar.")
    return address
