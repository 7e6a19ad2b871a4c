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
