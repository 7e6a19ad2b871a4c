"""The administrators' form for a new set of appraisal parameters, written as plain lines:
the discount schedule as "0–30: 3.5%" and the optimism-bias table as
"key | name | measure | upper % | lower %"."""

import re
from decimal import Decimal, InvalidOperation

from django import forms

from steerco.lib.forms import DateField, Form
from steerco.portfolio.rules.appraisal import MEASURES, Measure, parameters_from_data
from steerco.portfolio.rules.finance import label

DEFLATOR_LINE = re.compile(r"^\s*(\d{4})(?:\s*/\s*\d{2})?\s*[:=]\s*(\d+(?:\.\d+)?)\s*$", re.ASCII)
BAND = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+)|(\+))\s*[:=]?\s*(\d+(?:\.\d+)?)\s*%?\s*$", re.ASCII)
KEY = re.compile(r"^[a-z][a-z0-9_]*$", re.ASCII)
HUNDRED = Decimal(100)


def _fraction(percent):
    return format((percent / HUNDRED).normalize(), "f")


def _percent(fraction):
    return format((Decimal(fraction) * HUNDRED).normalize(), "f")


def schedule_text(schedule):
    return "\n".join(
        f"{first}+: {_percent(rate)}%" if last is None else f"{first}–{last}: {_percent(rate)}%"
        for first, last, rate in schedule
    )


def bias_text(bias):
    lines = []
    for key, entry in bias.items():
        for measure, bounds in entry.items():
            if measure != "label":
                upper, lower = bounds
                lines.append(
                    f"{key} | {entry['label']} | {measure} | {_percent(upper)} | {_percent(lower)}"
                )
    return "\n".join(lines)


def deflator_text(deflator):
    return "\n".join(f"{label(int(year))}: {index}" for year, index in deflator.items())


def _lines(text):
    return [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]


class AppraisalParametersForm(Form):
    effective_from = DateField(label="In force from")
    source = forms.CharField(
        label="Source",
        max_length=300,
        help_text="The publication the figures come from, with its date, for example "
        "“HM Treasury, The Green Book (2026), Annex A6”.",
    )
    discount_schedule = forms.CharField(
        label="Discount schedule",
        widget=forms.Textarea(attrs={"rows": 7, "spellcheck": "false"}),
        help_text="One band a line: the years from the base year and the rate, like "
        "“0–30: 3.5%”. The last band may be open-ended, like “301+: 1%”.",
    )
    optimism_bias = forms.CharField(
        label="Optimism bias table",
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text="One line for each measure of a project type: its key, its name, the "
        "measure (capital, duration or operating) and the upper and lower bounds in per "
        "cent, like “equipment_development | Equipment and development | capital | 200 | 10”.",
    )

    deflator = forms.CharField(
        label="Deflator series (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 7, "spellcheck": "false"}),
        help_text="A price index for each financial year, one a line, like “2024/25: 100.0”: "
        "the GDP deflator rebases a business case given in cash prices to its base year's "
        "prices. Leave it empty if every business case is given in real terms.",
    )

    def clean_deflator(self):
        series = {}
        for number, line in _lines(self.cleaned_data["deflator"]):
            match = DEFLATOR_LINE.match(line)
            if match is None or Decimal(match.group(2)) <= 0:
                raise forms.ValidationError(
                    f"Line {number} of the deflator series must give a financial year and an "
                    "index above 0, like “2024/25: 100.0”."
                )
            year, index = match.groups()
            if year in series:
                raise forms.ValidationError(
                    f"Line {number} of the deflator series gives {label(int(year))} again."
                )
            series[year] = index
        return dict(sorted(series.items()))

    def clean_discount_schedule(self):
        bands = []
        for number, line in _lines(self.cleaned_data["discount_schedule"]):
            match = BAND.match(line)
            if match is None:
                raise forms.ValidationError(
                    f"Line {number} of the discount schedule must give the years and the "
                    "rate, like “31–75: 3%”."
                )
            first, last, _, rate = match.groups()
            last = None if last is None else int(last)
            bands.append([int(first), last, _fraction(Decimal(rate))])
        if not bands:
            raise forms.ValidationError("Enter the discount schedule.")
        return bands

    def clean_optimism_bias(self):
        table = {}
        for number, line in _lines(self.cleaned_data["optimism_bias"]):
            cells = [cell.strip() for cell in line.split("|")]
            where = f"Line {number} of the optimism bias table"
            if len(cells) != 5:
                raise forms.ValidationError(
                    f"{where} must have 5 parts separated by “|”: key, name, measure, upper "
                    "and lower bound."
                )
            key, name, measure, upper, lower = cells
            if not KEY.match(key):
                raise forms.ValidationError(
                    f"{where} must start with a key of small letters, digits and underscores, "
                    "like equipment_development."
                )
            if not name:
                raise forms.ValidationError(f"{where} must give the name of the project type.")
            if measure not in set(Measure):
                raise forms.ValidationError(
                    f"{where} must name the measure as capital, duration or operating."
                )
            try:
                bounds = [Decimal(upper), Decimal(lower)]
            except InvalidOperation:
                bounds = None
            if bounds is None or any(not value.is_finite() or value < 0 for value in bounds):
                raise forms.ValidationError(
                    f"{where} must give the upper and lower bounds as per cents, like 200 and 10."
                )
            if bounds[1] > bounds[0]:
                raise forms.ValidationError(
                    f"{where}: the lower bound of {MEASURES[Measure(measure)]} must be no more "
                    "than the upper bound."
                )
            entry = table.setdefault(key, {"label": name})
            if entry["label"] != name:
                raise forms.ValidationError(
                    f"{where} gives {key} another name; each key has one name."
                )
            if measure in entry:
                raise forms.ValidationError(f"{where} gives the {measure} bias of {key} again.")
            entry[measure] = [_fraction(bounds[0]), _fraction(bounds[1])]
        if not table:
            raise forms.ValidationError("Enter the optimism bias table.")
        return table

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            parameters_from_data(
                cleaned["effective_from"],
                cleaned["source"],
                cleaned["discount_schedule"],
                cleaned["optimism_bias"],
            )
        except ValueError as error:
            self.add_error("discount_schedule", str(error))
        return cleaned
