from simple_history.utils import bulk_create_with_history


def save_with_history(instance, *, by, reason, **kwargs):
    """Saves and records who made the change and why in the audit history."""
    instance._history_user = by if by is not None and by.is_authenticated else None
    instance._change_reason = reason
    instance.full_clean()
    instance.save(**kwargs)
    return instance


def delete_with_history(instance, *, by, reason):
    instance._history_user = by if by is not None and by.is_authenticated else None
    instance._change_reason = reason
    instance.delete()


def add_missing_defaults(model, key, defaults, *, reason=None):
    """Inserts in one statement, each with its history row, those of an organisation's default
    rows whose `key` fields match none of the organisation's rows: what a new council starts
    with, added again only where it is missing."""
    organisation = defaults[0].organisation
    have = set(model.objects.filter(organisation=organisation).values_list(*key))
    missing = [obj for obj in defaults if tuple(getattr(obj, name) for name in key) not in have]
    if missing:
        bulk_create_with_history(missing, model, default_change_reason=reason)
    return missing
