"""The one pathway for each change to the calendars."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction

from steerco import permissions
from steerco.calendars.models import CalendarAddress, digest_of
from steerco.lib.history import save_with_history


@transaction.atomic
def reset_calendar_address(person, organisation, *, by):
    """Gives the person a new secret calendar address in the organisation, and returns its
    token: the only time it is known, since only its digest is kept. The old address, if any,
    stops working at once (it then gives 404, as an address that never existed)."""
    if by.pk != person.pk:
        raise ValidationError("Only you can reset your own calendar address.")
    if not permissions.can_have_calendar_address(person, organisation):
        raise ValidationError("You can have a calendar address only in your own council.")
    token = secrets.token_urlsafe(32)
    address = (
        CalendarAddress.objects.select_for_update()
        .filter(organisation=organisation, person=person)
        .first()
    ) or CalendarAddress(organisation=organisation, person=person)
    reason = "Calendar address reset" if address.pk else "Calendar address created"
    address.digest = digest_of(token)
    save_with_history(address, by=by, reason=reason)
    return token
