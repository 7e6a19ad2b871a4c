from django.db.models import Q
from django.utils import timezone


def today():
    """The council's date (Europe/London), which is what every rule about days counts in."""
    return timezone.localdate()


def in_force_on(day, through=""):
    """Rows whose `starts_on`–`ends_on` period (no end: still open) includes the day; `through`
    names the relation to reach them by, for a filter or an annotation on another model."""
    prefix = f"{through}__" if through else ""
    return Q(**{f"{prefix}starts_on__lte": day}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": day})
    )
