"""Forms for business cases: the case, its options, each option's profile by financial year
(a formset of years) and the mitigation of optimism bias."""

from decimal import Decimal

from django import forms

from steerco.lib.forms import Form, ModelForm
from steerco.lib.versioning import VersionedForm
from steerco.meetings.models import Paper
from steerco.portfolio.models import BusinessCase
from steerco.portfolio.rules import finance

RESTRICTED_CHOICES = [("no", "No, it is open"), ("yes", "Yes, it is restricted")]


class BusinessCaseForm(VersionedForm, ModelForm):
    nouns = {
        "restricted": "whether the business case is restricted",
        "horizon_years": "the appraisal period",
    }
    restricted = forms.TypedChoiceField(
        label="Is the business case restricted?",
        choices=RESTRICTED_CHOICES,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
        help_text="Only the project's senior responsible owner and manager, whoever wrote it, "
        "and the members of the project board and of the bodies it goes to can read a "
        "restricted business case.",
    )
    exemption = forms.ChoiceField(
        label="Reason for restriction",
        choices=[("", "Select a reason"), *Paper.Exemption.choices],
        required=False,
        help_text="Only for a restricted business case.",
    )
    base_year = forms.IntegerField(
        label="Base year",
        min_value=2000,
        max_value=2100,
        help_text="The financial year the prices of the figures are in, and the first year "
        "of the profile: 2024 for 2024/25.",
    )
    horizon_years = forms.IntegerField(
        label="Appraisal period in years", min_value=1, max_value=60, initial=10
    )

    class Meta:
        model = BusinessCase
        fields = [
            "title",
            "summary",
            "base_year",
            "horizon_years",
            "prices",
            "project_type",
            "restricted",
            "exemption",
            "risk_assessment",
        ]
        labels = {
            "title": "Title of the business case",
            "summary": "Summary",
            "risk_assessment": "Risk assessment",
        }
        help_texts = {
            "prices": "Figures in cash terms are rebased to the base year's prices with the "
            "deflator series of the appraisal parameters in force.",
            "risk_assessment": "Required before the business case is submitted. The risks, "
            "how likely they are, what they would cost and how they are managed.",
        }
        widgets = {
            "prices": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "risk_assessment": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, project_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project_type"] = forms.ChoiceField(
            label="Project type for optimism bias",
            choices=[("", "Select a project type"), *project_types],
            help_text="From HM Treasury's optimism bias guidance: ICT projects are usually "
            "equipment and development.",
        )
        if self.instance.pk is not None:
            self.initial["restricted"] = "yes" if self.instance.restricted else "no"
        # Real terms unless the case says otherwise, as the Green Book appraises.
        self.fields["prices"].required = False

    def clean_prices(self):
        return self.cleaned_data["prices"] or BusinessCase.Prices.REAL

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("restricted") and not cleaned.get("exemption"):
            self.add_error("exemption", "Select why the business case is restricted.")
        if not cleaned.get("restricted"):
            cleaned["exemption"] = ""
        return cleaned


class OptionForm(VersionedForm, Form):
    """An option of a business case; the version is the business case's."""

    nouns = {
        "is_do_nothing": "whether this is the do-nothing option",
        "preferred": "whether this is the preferred option",
    }
    name = forms.CharField(label="Name of the option", max_length=200)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    is_do_nothing = forms.BooleanField(
        label="This is the do-nothing option (carry on as now)", required=False
    )
    preferred = forms.BooleanField(label="This is the preferred option", required=False)


class ProfileRowForm(Form):
    """One financial year of an option's profile."""

    year = forms.IntegerField(label="Financial year starting in April of", min_value=0)
    capital = forms.DecimalField(label="Capital cost", required=False)
    revenue = forms.DecimalField(label="Revenue cost", required=False)
    cashable_saving = forms.DecimalField(label="Cashable saving", required=False)
    non_cashable_benefit = forms.DecimalField(label="Non-cashable benefit", required=False)
    displaced = forms.DecimalField(label="Existing cost displaced", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = self.row_name
        self.fields["year"].error_messages.update(
            required=f"Enter the financial year of {row}, like 2024 for 2024/25.",
            invalid=f"The financial year of {row} must be a whole number, like 2024.",
            min_value=f"The financial year of {row} must be a year, like 2024.",
        )
        for line, words in finance.LINES.items():
            field = self.fields[line]
            field.max_digits = 14
            field.decimal_places = 2
            field.validators = []
            field.widget.attrs.update(inputmode="decimal", spellcheck="false")
            field.error_messages.update(
                invalid=f"The {words} for {row} must be a number of pounds, like 1250.50.",
            )

    @property
    def row_name(self):
        year = self.initial.get("year")
        if self.is_bound:
            year = self.data.get(self.add_prefix("year"), year)
        try:
            return finance.label(int(year))
        except (TypeError, ValueError):
            return f"row {int(self.prefix.rsplit('-', 1)[-1]) + 1}" if self.prefix else "this row"

    def clean(self):
        cleaned = super().clean()
        row = self.row_name
        for line, words in finance.LINES.items():
            value = cleaned.get(line)
            if value is None:
                if line not in self.errors:
                    cleaned[line] = Decimal(0)
                continue
            if value < 0:
                self.add_error(line, f"The {words} for {row} must be £0 or more.")
            elif value != value.quantize(Decimal("0.01")):
                self.add_error(line, f"The {words} for {row} must be in pounds and pence.")
            elif abs(value) >= Decimal(10) ** 12:
                self.add_error(line, f"The {words} for {row} must be less than £1 trillion.")
        return cleaned

    def figures(self):
        data = self.cleaned_data
        return finance.Figures(data["year"], **{line: data[line] for line in finance.LINES})


class BaseProfileFormSet(forms.BaseFormSet):
    def __init__(self, *args, case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            year = form.cleaned_data.get("year")
            if year is None:
                continue
            outside = finance.outside_horizon(year, self.case.base_year, self.case.horizon_years)
            if outside:
                form.add_error("year", outside)
            elif year in seen:
                form.add_error("year", finance.given_twice(year))
            seen.add(year)

    def figures(self):
        return [form.figures() for form in self.forms]


def profile_formset(case, option, data=None):
    """A row for each year of the horizon, filled with what is saved."""
    saved = {row.year: row for row in option.years.all()}
    years = list(finance.horizon(case.base_year, case.horizon_years))
    initial = [
        {
            "year": year,
            **{
                line: getattr(saved[year], line) if year in saved else Decimal(0)
                for line in finance.LINES
            },
        }
        for year in years
    ]
    formset_class = forms.formset_factory(
        ProfileRowForm,
        formset=BaseProfileFormSet,
        extra=0,
        max_num=len(years),
        validate_max=True,
        absolute_max=len(years),
    )
    return formset_class(data, initial=initial, prefix="years", case=case)


class CaseVersionForm(VersionedForm, Form):
    """Only the version of the business case that a page of several forms was opened on."""


class BiasMitigationForm(Form):
    """A contributory factor of optimism bias and how far it is mitigated."""

    factor = forms.CharField(label="Contributory factor", max_length=200, required=False)
    share = forms.DecimalField(
        label="Share of the bias in per cent",
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
    )
    mitigation = forms.DecimalField(
        label="Part mitigated in per cent",
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, words in (("share", "share of the bias"), ("mitigation", "part mitigated")):
            self.fields[name].error_messages.update(
                invalid=f"The {words} must be a number of per cent, like 25.",
                max_digits=f"The {words} must be a number of per cent, like 25.",
                max_decimal_places=f"The {words} must have no more than 2 decimal places.",
                max_whole_digits=f"The {words} must be 100 per cent or less.",
                min_value=f"The {words} must be 0 per cent or more.",
                max_value=f"The {words} must be 100 per cent or less.",
            )

    def clean(self):
        cleaned = super().clean()
        given = [cleaned.get(name) not in (None, "") for name in ("factor", "share", "mitigation")]
        if any(given) and not all(given):
            if not cleaned.get("factor") and "factor" not in self.errors:
                self.add_error("factor", "Enter the contributory factor.")
            for name, words in (("share", "share of the bias"), ("mitigation", "part mitigated")):
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, f"Enter the {words} for this factor.")
        return cleaned

    @property
    def row_name(self):
        return f"row {int(self.prefix.rsplit('-', 1)[-1]) + 1}" if self.prefix else "this row"

    def entry(self):
        data = self.cleaned_data
        if not data.get("factor"):
            return None
        return data["factor"], data["share"], data["mitigation"]


class BaseBiasMitigationFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        total = sum((entry[1] for entry in self.entries()), Decimal(0))
        if total > 100:
            raise forms.ValidationError(
                f"The shares of the contributory factors add up to {total.normalize():f}%; "
                "100% at most."
            )

    def entries(self):
        return [entry for form in self.forms if (entry := form.entry()) is not None]


def bias_mitigation_formset(case, data=None, *, blank=3):
    initial = [
        {"factor": m.factor, "share": m.share, "mitigation": m.mitigation}
        for m in case.bias_mitigations.order_by("position", "pk")
    ]
    formset_class = forms.formset_factory(
        BiasMitigationForm,
        formset=BaseBiasMitigationFormSet,
        extra=blank,
        max_num=len(initial) + blank,
        validate_max=True,
        absolute_max=len(initial) + blank,
    )
    return formset_class(data, initial=initial, prefix="factors")
