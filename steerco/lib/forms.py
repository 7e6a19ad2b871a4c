"""GOV.UK Frontend markup for every Django form, so templates write `{{ form }}`."""

import html
import re
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.forms.utils import flatatt, pretty_name
from django.shortcuts import redirect, render
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


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


class LongSelect(forms.Select):
    """A select of many choices (every person of the council, every project) with the same
    markup as Django's, drawn in Python: the template engine draws each option of a Select as
    a template of its own, which for thousands of options is most of a page's time."""

    # For templates that draw a select's options themselves (includes/list_filters.html).
    drawn_in_python = True

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _ in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(
                f'<option value="{escape("" if o["value"] is None else o["value"])}"'
                f"{' selected' if o['selected'] else ''}>{escape(o['label'])}</option>"
                for o in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        # Every value and label is escaped above.
        return mark_safe("\n".join(parts))


def _escape(value):
    """`conditional_escape` without its lazy-string wrapper, which cost the attendance page's
    thousands of escapes a third of their time."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def _attributes(attrs):
    """`flatatt` for drawn widgets: ` name="value"`, a True value bare, False or None left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{_escape(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


def _draw_options(widget, name, value, attrs, kind):
    """Checkboxes or radios with the markup of templates/django/forms/widgets/multiple_input.html,
    drawn in Python: the template engine's dozen lookups and escapes an option cost most of the
    time of the pages that draw many of them."""
    context = widget.get_context(name, value, attrs)["widget"]
    own = context["attrs"]
    plural = "checkboxes" if kind == "checkbox" else "radios"
    parts = [
        format_html(
            '<div class="{}" data-module="govuk-{}"{}>',
            own.get("class", ""),
            plural,
            format_html(' id="{}"', own["id"]) if own.get("id") else "",
        )
    ]
    for _, options, _ in context["optgroups"]:
        for option in options:
            ident = _escape(option["attrs"]["id"])
            checked = " checked" if option["attrs"].get("checked") else ""
            parts.append(
                f'  <div class="govuk-{plural}__item">\n'
                f'    <input class="govuk-{plural}__input" id="{ident}" '
                f'name="{_escape(option["name"])}" type="{kind}" '
                f'value="{_escape(option["value"])}"{checked}>\n'
                f'    <label class="govuk-label govuk-{plural}__label" for="{ident}">'
                f"{_escape(option['label'])}</label>\n"
                "  </div>"
            )
    parts.append("</div>")
    # Every value, name and label is escaped above.
    return mark_safe("\n".join(parts))


class LongCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes of many choices (every product of the council), drawn in Python: the 80
    products of the duplicate check were most of its page's time through the template."""

    def render(self, name, value, attrs=None, renderer=None):
        return _draw_options(self, name, value, attrs, "checkbox")


class DrawnRadios(forms.RadioSelect):
    """Radios drawn in Python, for a page with a set of them in each of many rows (the
    attendance page's one row a member)."""

    def render(self, name, value, attrs=None, renderer=None):
        return _draw_options(self, name, value, attrs, "radio")


class DrawnInput:
    """An <input> with the markup of django/forms/widgets/input.html, drawn in Python (mixed
    into a text or time input of a page with many rows)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{_escape(widget["value"])}"'
        # Every value and attribute is escaped.
        return mark_safe(
            f'<input type="{widget["type"]}" name="{_escape(widget["name"])}"{shown}'
            f"{_attributes(widget['attrs'])}>"
        )


class DrawnTextInput(DrawnInput, forms.TextInput):
    pass


class DrawnTimeInput(DrawnInput, forms.TimeInput):
    pass


def draw_field_group(field):
    """A bound field's GOV.UK form group, as templates/forms/govuk_field.html draws it, in
    Python: the template and its include cost a page of 80 rows of fields most of its time.
    A checkbox, a date or a hidden field goes through the template."""
    if field.is_hidden or field.widget_type in ("checkbox", "date"):
        return field.as_field_group()
    auto_id = _escape(field.auto_id)
    errors = field.errors
    parts = []
    if field.help_text:
        parts.append(
            f'<div id="{auto_id}_helptext" class="govuk-hint">{_escape(field.help_text)}</div>'
        )
    if errors:
        shown = "<br>".join(
            f'<span class="govuk-visually-hidden">Error:</span> {_escape(error)}'
            for error in errors
        )
        parts.append(f'<p id="{auto_id}_error" class="govuk-error-message">{shown}</p>')
    parts.append(str(field.as_widget()))
    label = _escape(field.label)
    if field.use_fieldset:
        described = ""
        if field.help_text or errors:
            described = (
                f' aria-describedby="{f"{auto_id}_helptext" if field.help_text else ""}'
                f'{f" {auto_id}_error" if errors else ""}"'
            )
        parts.insert(
            0,
            f'<fieldset class="govuk-fieldset"{described}>\n'
            f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{label}</legend>',
        )
        parts.append("</fieldset>")
    else:
        parts.insert(
            0,
            f'<label class="govuk-label govuk-label--s" for="{_escape(field.id_for_label)}">'
            f"{label}</label>",
        )
    error = " govuk-form-group--error" if errors else ""
    parts.insert(0, f'<div class="govuk-form-group{error}">')
    parts.append("</div>")
    # Every label, hint, error and attribute is escaped above; the widget is drawn safe.
    return mark_safe("\n".join(parts))


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
        self.widget = DrawnTimeInput(
            format="%H:%M", attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}
        )


# A label that is an indirect question ("Who withdrew", "Where the item comes from") names its
# field without an article: "Select who withdrew." A direct question ("Is the paper
# restricted?"), one word of a pair ("From", "To"), or a number asked as a question ("How many
# months ahead must be 1 or more") cannot: the form's `nouns` names the field instead.
_INDIRECT = {"who", "how", "what", "which", "why", "when", "where", "whether"}
_DIRECT = {"is", "are", "was", "were", "do", "does", "did", "should", "can", "will", "from", "to"}
_EMPTY_LABEL = "---------"


def field_noun(field, name, nouns):
    """How the messages of a field name it: "the title of the paper", "who withdrew"."""
    if name in nouns:
        return nouns[name]
    label = str(field.label or pretty_name(name)).strip()
    first = label.split()[0].lower() if label else ""
    if (
        not label
        or label.endswith("?")
        or first in _DIRECT
        or (first in _INDIRECT and isinstance(field, forms.IntegerField | forms.DecimalField))
    ):
        raise ImproperlyConfigured(
            f"The label {label!r} of the field {name!r} does not name it: give the form a noun "
            f"for it in `nouns`."
        )
    if not label[1:2].isupper():
        label = label[0].lower() + label[1:]
    return label if first in _INDIRECT | {"the", "a", "an"} else f"the {label}"


def _sentence(text):
    return text[0].upper() + text[1:]


def govuk_messages(field, noun):
    """Whole-sentence messages for a field, in place of Django's own ("This field is required.",
    "Ensure this value is greater than or equal to 1.") and of any left empty."""
    chooses = isinstance(
        field, forms.ChoiceField | forms.ModelChoiceField | forms.FileField | forms.BooleanField
    )
    # A choice that is not one of those given comes only from a tampered request; the plain
    # words are the same as for no choice.
    choose = f"Select {noun}."
    generated = {
        "required": choose if chooses else f"Enter {noun}.",
        "invalid_choice": choose,
        "invalid_pk_value": choose,
        "invalid_list": choose,
        "min_value": _sentence(f"{noun} must be %(limit_value)s or more."),
        "max_value": _sentence(f"{noun} must be %(limit_value)s or less."),
        "step_size": _sentence(f"{noun} must be a multiple of %(limit_value)s."),
        "max_length": f"Enter {noun} in %(limit_value)d characters or fewer.",
        "min_length": f"Enter {noun} in %(limit_value)d characters or more.",
    }
    if getattr(field, "max_value", 0) is None:
        # Only the database's own limit, a number of 19 digits.
        generated["max_value"] = f"Enter a smaller number for {noun}."
    if isinstance(field, forms.IntegerField):
        generated["invalid"] = _sentence(f"{noun} must be a whole number, like 3.")
    if isinstance(field, forms.FileField):
        generated.update(
            invalid="The file could not be read. Choose the file again.",
            missing=f"Select {noun}.",
            empty="The selected file is empty.",
            max_length="The name of the file must be %(max)d characters or fewer.",
            contradiction="Either choose a new file or remove the file, not both.",
        )
    # Django's messages are replaced, a form's own kept; the validators that min_value and
    # max_length build give way to the field's message of the same code (Field.run_validators).
    defaults = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    for code, message in generated.items():
        current = field.error_messages.get(code)
        if current is None or str(current) == str(defaults.get(code, "")):
            field.error_messages[code] = message


def govuk_choices(field, noun):
    """No "---------" choice: a required radio has no empty choice, a select prompts."""
    prompt = _sentence(f"select {noun}") if field.required else "None"
    radios = isinstance(field.widget, forms.RadioSelect)
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == _EMPTY_LABEL:
            field.empty_label = None if radios and field.required else prompt
    elif isinstance(field, forms.ChoiceField) and any(
        value == "" and label == _EMPTY_LABEL for value, label in field.widget.choices
    ):
        field.widget.choices = [
            (value, prompt if value == "" else label)
            for value, label in field.widget.choices
            if not (value == "" and radios and field.required)
        ]


class GovukFormMixin:
    """GOV.UK date inputs for date fields, no "---------" choices, and error messages that are
    whole sentences naming the field by its label, or by `nouns[name]` where the label is a
    question or does not name the thing."""

    nouns = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.govuk_fields()

    def govuk_fields(self):
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField) and not isinstance(field.widget, DateInput):
                field.widget = DateInput()
                field.input_formats = DateField.input_formats
                field.error_messages["invalid"] = DateField.default_error_messages["invalid"]
            if isinstance(field.widget, forms.HiddenInput) and name not in self.nouns:
                noun = f"the {pretty_name(name).lower()}"
            else:
                noun = field_noun(field, name, self.nouns)
            govuk_messages(field, noun)
            govuk_choices(field, noun)

    def full_clean(self):
        # Fields added after __init__ (a late reason, a field named by a keyword) get theirs here.
        self.govuk_fields()
        super().full_clean()


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


def report_action(request, action, *, done, **kwargs):
    """Runs an action posted from a button (no form): its refusal or `done` becomes the message
    on the page the person returns to."""
    try:
        action(**kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, done)
    return True


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


def posted_with_files(request):
    """The arguments that bind an upload form on a POST, even when only a file is sent; none
    on a GET."""
    return (request.POST, request.FILES) if request.method == "POST" else ()


def form_page(request, form, *, template="form_page.html", **context):
    """A page of one form: title, caption, intro, submit_label, back_url, other_action."""
    return render(request, template, {"form": form, **context})


def _the(noun):
    """ "a KPI" → "the KPI"; a noun without an article ("legislation") as it is."""
    article, _, rest = noun.partition(" ")
    return f"the {rest}" if article in ("a", "an") and rest else noun


def add_or_change_page(request, form, save, *, existing, noun, list_url, name_of=str, **page):
    """The page that adds a record (`existing` is None) or changes `existing`.

    `save(data)` runs the record's action with the form's cleaned data; its refusals become the
    form's errors. Saved, the record's own page says "<name> added/updated"; otherwise the form
    comes back as "Add <noun>" or "Change <name>", with a way back to the record or the list.
    """
    if form.is_valid() and run_action(form, save, data=form.cleaned_data):
        done = "updated" if existing else "added"
        messages.success(request, f"{name_of(form.instance)} {done}.")
        return redirect(form.instance)
    return form_page(
        request,
        form,
        title=f"Change {name_of(existing)}" if existing else f"Add {noun}",
        submit_label="Save" if existing else f"Add {_the(noun)}",
        back_url=existing.get_absolute_url() if existing else list_url,
        **page,
    )


class AsksForTheFileAgain:
    """A browser never fills in a file box again: when the page comes back with a problem
    elsewhere, the file that was chosen is lost, so the file box says to choose it again. The
    other answers come back as they were given. A form whose box takes several files sets
    CHOOSE_AGAIN to say so."""

    CHOOSE_AGAIN = "Select the file again. A file is not kept when the page shows a problem."

    def _chosen(self):
        # A file in cleaned_data was chosen and passed its checks.
        return bool(getattr(self, "cleaned_data", {}).get("file"))

    def add_error(self, field, error):
        super().add_error(field, error)
        if field != "file" and self._chosen():
            super().add_error("file", self.CHOOSE_AGAIN)

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._errors and self._chosen():
            super().add_error("file", self.CHOOSE_AGAIN)
