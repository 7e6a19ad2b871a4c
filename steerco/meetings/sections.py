"""The meeting cycle's parts of the pages of the apps below it (see steerco/lib/sections.py)."""

from steerco import permissions
from steerco.lib.dates import today
from steerco.lib.sections import register_section
from steerco.meetings.models import Meeting
from steerco.meetings.queries import challenges_due, challenges_recorded


def coming_up(request, organisation):
    meetings = Meeting.objects.filter(organisation=organisation).upcoming(today()).for_listing()
    return {"meetings": permissions.visible_meetings(request.user, organisation, meetings)[:5]}


def challenges(request, body, day, can_manage):
    """Only the people who manage the body record challenges."""
    return {"challenges": challenges_due([body], day)} if can_manage else None


def challenge_history(request, body, day, can_manage):
    """The challenges recorded, with their notes: for the people who manage the body."""
    if not can_manage:
        return None
    return {"body": body, "challenges": challenges_recorded(body)}


def body_meetings(request, body, day, can_manage):
    meetings = permissions.visible_meetings(
        request.user, body.organisation, body.meetings.for_listing()
    )
    return {
        "upcoming": list(meetings.upcoming(day)[:3]),
        "past": list(meetings.filter(on__lt=day).order_by("-on", "-id")[:3]),
    }


def register():
    register_section("governance:home", "coming up", coming_up, "meetings/sections/coming_up.html")
    register_section(
        "governance:body-detail",
        "challenges due",
        challenges,
        "meetings/sections/challenges_due.html",
    )
    register_section(
        "governance:body-detail",
        "challenges recorded",
        challenge_history,
        "meetings/sections/challenges_recorded.html",
    )
    register_section(
        "governance:body-detail",
        "meetings",
        body_meetings,
        "meetings/sections/body_meetings.html",
    )
