import io
import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.calendars import actions, feeds
from steerco.calendars.access import get_address_for
from steerco.calendars.models import CalendarAddress
from steerco.governance.access import get_body_for
from steerco.lib.dates import today
from steerco.meetings.access import get_meeting_for


def _ics(content, name, *, download=False):
    """A calendar file. Streamed, as every file steerco serves, so that the walks compare it
    whole."""
    safe = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "calendar"
    response = FileResponse(
        io.BytesIO(content),
        content_type="text/calendar; charset=utf-8",
        as_attachment=download,
        filename=f"{safe}.ics",
    )
    # A feed changes when a meeting does: calendar programs ask again, never a stale copy.
    response["Cache-Control"] = "no-cache"
    return response


@permissions.public
@require_GET
def body_feed(request, pk):
    """The body's published meetings, for anyone to subscribe to."""
    body = get_body_for(request, pk)
    meetings = permissions.public_feed_meetings(
        request.organisation, feeds.body_meetings(body, today())
    )
    name = f"{body.name} – {request.organisation.name}"
    return _ics(feeds.ics(name, meetings, request.build_absolute_uri), body.name)


@permissions.public
@require_GET
def meeting_file(request, meeting_pk):
    """One meeting, to add to a calendar: the same UID as in the feeds, so it is the same
    entry whichever way it arrived."""
    meeting = get_meeting_for(request, meeting_pk)
    rows = permissions.feed_meetings(
        request.user,
        request.organisation,
        feeds.organisation_meetings(request.organisation, meeting.on).filter(pk=meeting.pk),
    )
    content = feeds.ics(meeting.title, rows, request.build_absolute_uri)
    return _ics(content, f"{meeting.title} {meeting.on:%Y-%m-%d}", download=True)


# The secret addresses are for calendar programs, which cannot sign in: the secret is the key.
@permissions.public
@require_GET
def personal_feed(request, token):
    """The person's meetings (the bodies they sit on or support on the day) and their actions'
    due dates."""
    address = get_address_for(request, token)
    person, organisation, day = address.person, request.organisation, today()
    meetings = permissions.feed_meetings(
        person, organisation, feeds.personal_meetings(person, organisation, day)
    )
    actions_due = feeds.personal_actions(person, organisation, day)
    name = f"{person.display_name} – {organisation.name}"
    return _ics(feeds.ics(name, meetings, request.build_absolute_uri, actions_due), "my-meetings")


@permissions.public
@require_GET
def organisation_feed(request, token):
    """Every meeting of the organisation, as its person sees them on the site."""
    address = get_address_for(request, token)
    organisation = request.organisation
    meetings = permissions.feed_meetings(
        address.person, organisation, feeds.organisation_meetings(organisation, today())
    )
    return _ics(
        feeds.ics(organisation.name, meetings, request.build_absolute_uri), organisation.name
    )


@require_http_methods(["GET", "POST"])
def address(request):
    """The person's calendar addresses: a new one made (the old one stops working) and shown
    once, since only its digest is kept."""
    organisation = request.organisation
    existing = CalendarAddress.objects.filter(organisation=organisation, person=request.user)
    existing = existing.first()
    token = None
    if request.method == "POST":
        try:
            token = actions.reset_calendar_address(request.user, organisation, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("calendars:address", org=organisation.slug)
    addresses = None
    if token:
        addresses = {
            name: request.build_absolute_uri(path)
            for name, path in feeds.address_paths(organisation, token).items()
        }
    return render(
        request,
        "calendars/address.html",
        {"existing": existing, "addresses": addresses, "reset": bool(existing) and bool(token)},
    )
