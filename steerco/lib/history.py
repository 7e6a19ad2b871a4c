from simple_history.utils import bulk_create_with_history

# django-simple-history keeps a change's reason in a column of 100 characters (PostgreSQL
# refuses a longer one; SQLite would keep it whole).
REASON_LENGTH = 100


def fits_history(reason):
    """The reason as the history can keep it: cut to its column, marked as cut."""
    if reason is None or len(reason) <= REASON_LENGTH:
        return reason
    return reason[: REASON_LENGTH - 1] + "…"


def _record(instance, by, reason):
    instance._history_user = by if by is not None and by.is_authenticated else None
    instance._change_reason = fits_history(reason)


def save_with_history(instance, *, by, reason, **kwargs):
    """Saves and records who made the change and why in the audit history."""
    _record(instance, by, reason)
    instance.full_clean()
    instance.save(**kwargs)
    return instance


def delete_with_history(instance, *, by, reason):
    _record(instance, by, reason)
    instance.delete()


def add_missing_defaults(model, key, defaults, *, reason=None):
    """Inserts in one statement, each with its history row, those of an organisation's default
    rows whose `key` fields match none of the organisation's rows: what a new council starts
    with, added again only where it is missing."""
    organisation = defaults[0].organisation
    have = set(model.objects.filter(organisation=organisation).values_list(*key))
    missing = [obj for obj in defaults if tuple(getattr(obj, name) for name in key) not in have]
    if missing:
        bulk_create_with_history(missing, model, default_change_reason=fits_history(reason))
    return missing
