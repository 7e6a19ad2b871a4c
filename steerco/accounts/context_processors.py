from steerco.permissions import can_administer, is_member_of


def organisation(request):
    """The organisation of the page, for the header and the navigation."""
    current = getattr(request, "organisation", None)
    if current is None:
        return {}
    return {
        "organisation": current,
        "is_member": is_member_of(request.user, current),
        "is_administrator": can_administer(request.user, current),
    }
