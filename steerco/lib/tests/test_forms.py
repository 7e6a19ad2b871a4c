"""Widgets drawn in Python draw what the templates draw."""

import re
from datetime import time as dt_time

from django import forms
from django.test.html import parse_html

from steerco.lib.forms import (
    DrawnRadios,
    DrawnTextInput,
    DrawnTimeInput,
    Form,
    LongCheckboxes,
    TimeField,
    draw_field_group,
)

CHOICES = [(1, "Intune"), (2, 'Tom & Jerry\'s "CRM" <beta>'), (3, "Microsoft 365")]


def _without_layout(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


def _form(widget, data=None):
    class Choosing(Form):
        products = forms.MultipleChoiceField(
            label="Products", choices=CHOICES, required=False, widget=widget
        )

    form = Choosing(data)
    form.is_valid()
    return form


def test_long_checkboxes_draw_the_checkboxes_template():
    for data in (None, {"products": ["2", "3"]}, {"products": ["9"]}):
        drawn = _form(LongCheckboxes, data)
        templated = _form(forms.CheckboxSelectMultiple, data)
        assert _without_layout(drawn) == _without_layout(templated)
    checked = str(_form(LongCheckboxes, {"products": ["2"]})["products"])
    assert 'value="2" checked>' in checked and 'value="1">' in checked
    assert "Tom &amp; Jerry&#x27;s &quot;CRM&quot; &lt;beta&gt;" in checked


class _Row(Form):
    status = forms.ChoiceField(label="Attendance of <Jo> & co", choices=CHOICES, widget=None)
    name = forms.CharField(label="Name of the substitute", max_length=5, help_text="Only 'when'.")
    at = TimeField(label="Arrived late at", required=False)


def _row(radios, text, time, data=None):
    """The same form with the drawn widgets or Django's templated ones."""

    class Row(_Row):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["status"].widget = radios(attrs={"class": "govuk-radios--inline"})
            self.fields["status"].widget.choices = CHOICES
            self.fields["name"].widget = text(attrs={"maxlength": 5})
            self.fields["at"].widget = time(
                format="%H:%M", attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}
            )

    form = Row(data, prefix="7", auto_id="attendance-%s", initial={"at": dt_time(10, 5)})
    form.is_valid()
    return form


def test_drawn_field_groups_are_the_field_template_drawn_in_python():
    """The attendance page draws its rows' fields in Python (`draw_field_group`, the Drawn
    widgets): the markup is the same as the GOV.UK field template's, errors and values
    included, and everything typed is escaped."""
    for data in (
        None,
        {"7-status": "2", "7-name": 'Tom "&" <b>', "7-at": "11:15"},
        {"7-status": "9", "7-at": "soon"},
    ):
        drawn = _row(DrawnRadios, DrawnTextInput, DrawnTimeInput, data)
        templated = _row(forms.RadioSelect, forms.TextInput, forms.TimeInput, data)
        for name in ("status", "name", "at"):
            assert parse_html(str(draw_field_group(drawn[name]))) == parse_html(
                str(templated[name].as_field_group())
            ), (name, data)
    typed = _row(DrawnRadios, DrawnTextInput, DrawnTimeInput, {"7-name": "Jo <b>"})["name"]
    assert 'value="Jo &lt;b&gt;"' in str(draw_field_group(typed))
