"""Widgets drawn in Python draw what the templates draw."""

import re

from django import forms

from steerco.lib.forms import Form, LongCheckboxes

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
