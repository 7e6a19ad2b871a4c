"""GOV.UK Frontend markup for every Django form, so templates write `{{ form }}`."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.shortcuts import render


def govuk_class(widget, has_errors):
    error = "--error" if has_errors else ""
    if isinstance(widget, forms.HiddenInput):
        return ""
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "govuk-checkboxes govuk-checkboxes--small"
    if isinstance(widget, forms.RadioSelect):
        return "govuk-radios govuk-radios--small"
    if isinstance(widget, forms.CheckboxInput):
        return "govuk-checkboxes__input"
    if isinstance(widget, forms.Select):
        return f"govuk-select govuk-select{error}" if error else "govuk-select"
    if isinstance(widget, forms.Textarea):
        return f"govuk-textarea govuk-textarea{error}" if error else "govuk-textarea"
    if isinstance(widget, forms.FileInput):
        return f"govuk-file-upload govuk-file-upload{error}" if error else "govuk-file-upload"
    if isinstance(widget, DateInput):
        return "govuk-input govuk-date-input__input" + (" govuk-input--error" if error else "")
    if isinstance(widget, forms.widgets.Input):
        return f"govuk-input govuk-input{error}" if error else "govuk-input"
    return ""


class GovukBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = govuk_class(widget, bool(self.errors))
        if css:
            own = attrs.get("class") or widget.attrs.get("class")
            attrs["class"] = " ".join(filter(None, [css, own]))
        return attrs


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"
    bound_field_class = GovukBoundField


class DateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes under one legend."""

    template_name = "forms/widgets/govuk_date.html"
    use_fieldset = True

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = ((data.get(f"{name}_{index}") or "").strip() for index in range(3))
        if not (day or month or year):
            return ""
        # Keep what was typed, so a mistake is shown back to the person as they wrote it.
        return f"{year}-{month}-{day}"

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}_{index}" in data for index in range(3))


class DateField(forms.DateField):
    widget = DateInput
    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": "Enter a real date, for example 27 3 2026."}


class TimeField(forms.TimeField):
    """GOV.UK has no time input: a short text box that takes 24-hour times like 10:15."""

    input_formats = ["%H:%M", "%H.%M", "%H%M"]
    default_error_messages = {"invalid": "Enter a time in 24-hour format, for example 10:15."}

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "For example 10:15")
        super().__init__(**kwargs)
        self.widget = forms.TimeInput(
            format="%H:%M", attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}
        )


class GovukFormMixin:
    """GOV.UK date inputs for date fields, and required messages that say what to do."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and not isinstance(field.widget, DateInput):
                field.widget = DateInput()
                field.input_formats = DateField.input_formats
                field.error_messages["invalid"] = DateField.default_error_messages["invalid"]
            label = str(field.label or "").lower()
            if (
                field.error_messages.get("required")
                == forms.Field.default_error_messages["required"]
            ):
                verb = (
                    "Select"
                    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField)
                    else "Enter"
                )
                field.error_messages["required"] = f"{verb} the {label}"


# The ids of our rows are 64-bit integers. Anything else is no row's, and is never sent to
# the database: SQLite raises OverflowError for a larger number, PostgreSQL an error.
_ID = re.compile(r"[0-9]{1,19}", re.ASCII)
_LARGEST_ID = 2**63 - 1


def parse_id(text):
    """The id a string gives, or None where it cannot be one (`²`, `-1`, twenty digits)."""
    text = str(text).strip()
    if not _ID.fullmatch(text) or int(text) > _LARGEST_ID:
        return None
    return int(text)


def _by_integer_id(field):
    return field.to_field_name is None and isinstance(
        field.queryset.model._meta.pk, models.IntegerField | models.AutoField
    )


class ModelChoiceField(forms.ModelChoiceField):
    """Choosing a row by id, where anything that cannot be an id is an invalid choice."""

    def to_python(self, value):
        if (
            value not in self.empty_values
            and not isinstance(value, models.Model)
            and _by_integer_id(self)
            and parse_id(value) is None
        ):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Choosing rows by id, where anything that cannot be an id is an invalid choice."""

    def _check_values(self, value):
        if _by_integer_id(self) and isinstance(value, list | tuple):
            for pk in value:
                if not isinstance(pk, models.Model) and parse_id(pk) is None:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": pk},
                    )
        return super()._check_values(value)


def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceField)
    return db_field.formfield(**kwargs)


class Form(GovukFormMixin, forms.Form):
    pass


class _ModelFormMetaclass(forms.models.ModelFormMetaclass):
    """Gives every model form's Meta the id-checking choice fields (Django reads
    `formfield_callback` from Meta only, and each form has its own Meta)."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(_formfield)
        return super().__new__(mcs, name, bases, attrs)


class ModelForm(GovukFormMixin, forms.ModelForm, metaclass=_ModelFormMetaclass):
    pass


def run_action(form, action, **kwargs):
    """Runs an action for a valid form; its refusals become the form's errors.

    A refusal about a field the form shows goes beside that field; any other goes at the top.
    """
    try:
        return action(**kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


def posted(request):
    """The form data of a POST, even an empty one (`request.POST or None` would treat an empty
    POST as no submission and show no errors)."""
    return request.POST if request.method == "POST" else None


def form_page(request, form, *, template="form_page.html", **context):
    """A page of one form: title, caption, intro, submit_label, back_url, other_action."""
    return render(request, template, {"form": form, **context})
