from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from steerco.permissions import can_administer, is_member_of, runs_meetings


def organisation(request):
    """The organisation of the page, for the header and the navigation."""
    current = getattr(request, "organisation", None)
    if current is None:
        return {}
    return {
        "organisation": current,
        "is_member": is_member_of(request.user, current),
        "is_administrator": can_administer(request.user, current),
        # Asked only by pages that show the dashboard link, and only for members.
        "runs_meetings": SimpleLazyObject(
            lambda: runs_meetings(request.user, current, timezone.localdate())
        ),
    }
