"""The dashboard's part of the organisation's home page: a link to it, for the council's
people."""

from steerco import permissions
from steerco.lib.sections import register_section


def home_link(request, *, organisation):
    if not permissions.can_see_chairs_dashboard(request.user, organisation):
        return None
    return {"organisation": organisation}


def register():
    register_section(
        "governance:home", "chair's dashboard", home_link, "dashboard/sections/home_link.html"
    )
