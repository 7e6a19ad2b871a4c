"""Who may see what in the calendars: a body's public feed, a person's own feed and the
organisation's feed, and the "add to calendar" file of one meeting.

A calendar program cannot sign in, so the personal and organisation feeds are reached by a
secret address instead: whoever holds it reads what its person would read, for as long as they
belong to the organisation. Each feed is built from the same rule as the pages: a meeting is
public once its agenda is published (`can_see_meeting`).
"""

from django.contrib.auth.models import AnonymousUser

from steerco.permissions import is_member_of
from steerco.permissions.meetings import visible_meetings


def public_feed_meetings(organisation, rows):
    """The meetings of a body's public feed: those the public may see on the site, the
    published ones (a cancelled one stays, so that the calendars that have it mark it
    cancelled). The same for everyone, signed in or not, so the address can be shared."""
    return visible_meetings(AnonymousUser(), organisation, rows)


def can_have_calendar_address(user, organisation):
    """Every person of the organisation has their own feeds; nobody else has any there."""
    return user.is_authenticated and user.is_active and is_member_of(user, organisation)


def can_use_calendar_address(address):
    """An address works while its person may have one: it stops when they leave the council
    or their account is closed, as well as when they reset it."""
    return can_have_calendar_address(address.person, address.organisation_id)


def feed_meetings(user, organisation, rows):
    """The meetings a personal or organisation feed shows its person: what they see on the
    site, drafts included for the council's own people."""
    return visible_meetings(user, organisation, rows)
