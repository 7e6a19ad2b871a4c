"""No lost edits: a record several people edit carries a version, and a save over a version
newer than the one the person opened is refused, with what changed, instead of overwriting it.

The model takes `Versioned` (and keeps `history = HistoricalRecords()`), its form takes
`VersionedForm`, and the action that saves it calls `claim_version` first, inside its
transaction.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from simple_history.utils import get_m2m_reverse_field_name


class Versioned(models.Model):
    """A record that refuses stale saves.

    A model whose fields fall into parts that different people edit apart can give a part its
    own version: `SEPARATE_VERSIONS = {"minutes_version": ["minutes"]}`. A save of one part is
    then never refused for a change to another.
    """

    version = models.PositiveIntegerField(default=1, editable=False)

    SEPARATE_VERSIONS = {}
    # Fields made from another (the HTML of a text), left out of a refusal's list of changes.
    DERIVED_FIELDS = set()

    class Meta:
        abstract = True


class VersionedForm:
    """Carries the version of the record the person opened, in a hidden field `version`.

    A model form takes the version from its instance; any other form is given the record as
    `versioned`. A form that creates a record has no version field.
    """

    version_field = "version"

    def __init__(self, *args, versioned=None, **kwargs):
        super().__init__(*args, **kwargs)
        record = versioned if versioned is not None else getattr(self, "instance", None)
        if record is None or record.pk is None:
            return
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput,
            min_value=1,
            initial=getattr(record, self.version_field),
            error_messages={
                "required": "This page is out of date: open it again to make your change.",
                "invalid": "This page is out of date: open it again to make your change.",
                "min_value": "This page is out of date: open it again to make your change.",
            },
        )


def guarded_fields(model, field="version"):
    """The names of the fields that `field` versions."""
    separate = model.SEPARATE_VERSIONS
    if field in separate:
        return list(separate[field])
    apart = {field, *separate, *(name for names in separate.values() for name in names)}
    fields = model._meta.concrete_fields
    return [f.name for f in fields if not f.primary_key and f.name not in apart]


def claim_version(instance, opened=None, *, field="version"):
    """Moves `instance` from the version the person opened to the next, or refuses.

    Compare and increment is one UPDATE, which holds the row until the caller's transaction
    ends, so of two saves of the same version exactly one wins. `opened` defaults to the
    version loaded into `instance`. Fields another version guards are read afresh, so the save
    that follows writes their current values rather than those loaded before the claim.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claim_version runs inside the action's transaction.")
    if instance.pk is None:
        return instance
    model = type(instance)
    if opened is None:
        opened = getattr(instance, field)
    claimed = model._default_manager.filter(pk=instance.pk, **{field: opened}).update(
        **{field: F(field) + 1}
    )
    if not claimed:
        raise conflict(instance, opened, field=field)
    setattr(instance, field, opened + 1)
    guarded = guarded_fields(model, field)
    rest = [
        f.name
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name != field and f.name not in guarded
    ]
    if rest:
        instance.refresh_from_db(fields=rest)
    return instance


def conflict(instance, opened, *, field="version"):
    """The refusal of a save over a newer version: who changed it, when, and the fields that
    differ from the version the person opened, with their current values."""
    model = type(instance)
    current = model._default_manager.filter(pk=instance.pk).first()
    if current is None:
        return ValidationError("This was removed since you opened it.")
    now = getattr(current, field)
    change = current.history.filter(**{field: now}).order_by("history_date", "history_id").first()
    seen = (
        current.history.filter(**{field: opened}).order_by("-history_date", "-history_id").first()
    )
    who = change.history_user.display_name if change and change.history_user else "someone else"
    when = change.history_date if change else timezone.now()
    messages = [f"This was changed by {who} at {at(when)} since you opened it."]
    if seen is not None:
        for name in guarded_fields(model, field):
            changed = model._meta.get_field(name)
            if name in model.DERIVED_FIELDS:
                continue  # the field it is made from is shown instead
            if getattr(seen, changed.attname) != getattr(current, changed.attname):
                messages.append(f"Current {changed.verbose_name}: {shown(current, changed)}")
        if field not in model.SEPARATE_VERSIONS:
            messages += _changed_m2m(seen, current)
    return ValidationError(messages)


def _changed_m2m(seen, current):
    """The many-to-many fields the history keeps (`HistoricalRecords(m2m_fields=…)`) that
    differ."""
    messages = []
    for field in seen._history_m2m_fields:
        target = get_m2m_reverse_field_name(field)
        then = set(getattr(seen, field.name).values_list(f"{target}_id", flat=True))
        now = list(getattr(current, field.name).all())
        if then != {related.pk for related in now}:
            names = ", ".join(str(related) for related in now) or "none"
            messages.append(f"Current {field.verbose_name}: {names}")
    return messages


def at(moment):
    """14:05 on 3 March 2026, in the council's time."""
    moment = timezone.localtime(moment)
    return f"{moment:%H:%M} on {moment:%-d %B %Y}"


def shown(record, field):
    """A field's value as a person reads it."""
    value = getattr(record, field.attname)
    if value is None or value == "":
        return "blank"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        return str(getattr(record, field.name))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(field, models.DateTimeField):
        return at(value)
    if isinstance(field, models.DateField):
        return f"{value:%-d %B %Y}"
    if isinstance(field, models.TimeField):
        return f"{value:%H:%M}"
    return strip_tags(str(value)).strip()
