from django import forms

from steerco.lib.forms import DateField, Form, ModelChoiceField
from steerco.meetings.forms.meeting import people_of
from steerco.portfolio.models import Benefit


class MoneyField(forms.DecimalField):
    """An amount in pounds and pence; the £ sign and thousands separators are allowed."""

    def __init__(self, *, noun, **kwargs):
        super().__init__(max_digits=14, decimal_places=2, **kwargs)
        self.widget.attrs.update({"class": "govuk-input--width-10", "inputmode": "decimal"})
        self.widget.input_type = "text"
        example = f"{noun[0].upper()}{noun[1:]} must be an amount in pounds, like 1250 or 1250.50."
        self.error_messages.update(
            invalid=example,
            max_decimal_places=example,
            max_digits=f"Enter a smaller amount for {noun}.",
            max_whole_digits=f"Enter a smaller amount for {noun}.",
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("£").replace(",", "")
        return super().to_python(value)


class BenefitForm(Form):
    nouns = {"kind": "the type of benefit"}
    description = forms.CharField(max_length=300, label="Description")
    kind = forms.ChoiceField(
        label="Type of benefit", choices=Benefit.Kind.choices, widget=forms.RadioSelect
    )
    measure = forms.CharField(
        max_length=200, required=False, help_text="How it is measured, for example £ a year."
    )
    baseline = forms.CharField(max_length=100, required=False)
    target = forms.CharField(
        max_length=100, required=False, help_text="For a qualitative benefit, in words."
    )
    target_value = MoneyField(
        noun="the target value",
        label="Target value in pounds",
        required=False,
        help_text="Needed for a cashable or non-cashable benefit.",
    )
    target_on = DateField(label="Target date", required=False, help_text="For example 31 3 2027.")
    owner = ModelChoiceField(queryset=None, required=False, label="Owner")

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_of(organisation)
        self.fields["owner"].empty_label = "No owner yet"


class RealisationForm(Form):
    on = DateField(label="Date", help_text="When it was realised, for example 31 3 2026.")
    value = MoneyField(
        noun="the value realised",
        label="Value realised in pounds",
        required=False,
        help_text="Leave blank for a qualitative benefit.",
    )
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))


class CorrectionForm(RealisationForm):
    reason = forms.CharField(
        label="Reason for the correction",
        max_length=300,
        help_text="The entry being corrected stays in the record with this reason beside it.",
    )
