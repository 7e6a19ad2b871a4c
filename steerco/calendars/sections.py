"""The calendars' parts of the pages of the apps below it (see steerco/lib/sections.py)."""

from django.urls import reverse

from steerco.lib.sections import register_section


def meeting_file(request, meeting, **_others):
    """ "Add to calendar" on the meeting page: whoever sees the meeting may add it."""
    return {
        "url": reverse(
            "calendars:meeting",
            kwargs={"org": meeting.organisation.slug, "meeting_pk": meeting.pk},
        )
    }


def body_feed(request, body, day, can_manage):
    return {
        "url": request.build_absolute_uri(
            reverse("calendars:body", kwargs={"org": body.organisation.slug, "pk": body.pk})
        ),
        "body": body,
    }


def profile_addresses(request, roles):
    """On the person's profile: the page of each council of theirs where they make or reset
    their secret calendar address."""
    if not request.user.is_active:
        return None
    organisations = [role.organisation for role in roles]
    return {"organisations": organisations} if organisations else None


def register():
    register_section(
        "meetings:meeting-detail",
        "add to calendar",
        meeting_file,
        "calendars/sections/meeting.html",
    )
    register_section(
        "governance:body-detail", "calendar feed", body_feed, "calendars/sections/body.html"
    )
    register_section(
        "accounts:profile",
        "calendar addresses",
        profile_addresses,
        "calendars/sections/profile.html",
    )
