from django import forms

from steerco.governance.models import Body
from steerco.lib.forms import DateField, Form, ModelChoiceField, ModelForm
from steerco.lib.versioning import VersionedForm
from steerco.meetings.forms.meeting import people_of
from steerco.portfolio.models import (
    Benefit,
    ConfidenceAssessment,
    CorporateObjective,
    PortfolioSettings,
    Programme,
    Project,
    Rating,
    Theme,
)
from steerco.portfolio.rules import confidence


class ProjectForm(VersionedForm, ModelForm):
    nouns = {"sro": "the senior responsible owner", "manager": "the project manager"}

    class Meta:
        model = Project
        fields = [
            "reference",
            "name",
            "description",
            "stage",
            "service_area",
            "sro",
            "manager",
            "programme",
            "board",
            "starts_on",
            "ends_on",
            "themes",
            "objectives",
        ]
        labels = {"name": "Name of the project", "reference": "Project reference"}
        help_texts = {
            "reference": "The council's own reference, for example ICT-2024-07. It identifies "
            "the project in imports and reports.",
            "board": "The body that oversees the project, if it has one.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.CheckboxSelectMultiple,
            "objectives": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        people = people_of(organisation)
        for name in ("sro", "manager"):
            self.fields[name].queryset = people
            self.fields[name].empty_label = "Nobody named yet"
        self.fields["programme"].queryset = Programme.objects.filter(organisation=organisation)
        self.fields["programme"].empty_label = "Not part of a programme"
        self.fields["board"].queryset = Body.objects.filter(organisation=organisation)
        self.fields["board"].empty_label = "No project board"
        self.fields["themes"].queryset = Theme.objects.filter(organisation=organisation)
        self.fields["objectives"].queryset = CorporateObjective.objects.filter(
            organisation=organisation
        )
        self.fields["stage"].widget = forms.RadioSelect(choices=Project.Stage.choices)

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        clash = Project.objects.filter(
            organisation=self.instance.organisation, reference__iexact=reference
        )
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                f"There is already a project with the reference {reference}: "
                "enter a different reference."
            )
        return reference

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "The end date must be the same as or after the start date.")
        return cleaned


class ConfidenceForm(ModelForm):
    class Meta:
        model = ConfidenceAssessment
        fields = ["assessed_on", "rating", "assessor", "commentary"]
        widgets = {"commentary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, scale, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = confidence.FIVE_POINT if scale == "five" else confidence.THREE_POINT
        self.fields["rating"].widget = forms.RadioSelect(
            choices=[(value, label) for value, label in Rating.choices if value in allowed]
        )
        self.fields["rating"].choices = self.fields["rating"].widget.choices


SORTS = {
    "reference": ("reference",),
    "name": ("name", "reference"),
    "stage": ("stage_order", "reference"),
    "starts": ("starts_on", "reference"),
    "ends": ("ends_on", "reference"),
    "confidence": ("confidence_order", "reference"),
}


class RegisterFilterForm(Form):
    """The register's filters, read from the address (a GET form): a bad value is ignored
    rather than refused, so a shared link always opens."""

    stage = forms.ChoiceField(required=False)
    theme = forms.ChoiceField(required=False)
    service_area = forms.ChoiceField(label="Service area", required=False)
    confidence = forms.ChoiceField(label="Delivery confidence", required=False)
    programme = forms.ChoiceField(required=False)
    board = forms.ChoiceField(label="Project board", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("reference", "Reference"),
            ("name", "Name"),
            ("stage", "Stage"),
            ("starts", "Start date"),
            ("ends", "End date"),
            ("confidence", "Delivery confidence, worst first"),
        ],
    )

    def __init__(self, data, *, organisation, service_areas):
        super().__init__(data)
        anything = [("", "Any")]
        self.fields["stage"].choices = anything + list(Project.Stage.choices)
        self.fields["theme"].choices = anything + [
            (str(pk), name)
            for pk, name in Theme.objects.filter(organisation=organisation).values_list(
                "pk", "name"
            )
        ]
        self.fields["service_area"].choices = anything + [(area, area) for area in service_areas]
        self.fields["confidence"].choices = anything + [
            (value, label) for value, label in Rating.choices
        ]
        self.fields["programme"].choices = anything + [
            (str(pk), name)
            for pk, name in Programme.objects.filter(organisation=organisation).values_list(
                "pk", "name"
            )
        ]
        self.fields["board"].choices = anything + [
            (str(pk), name)
            for pk, name in Body.objects.filter(organisation=organisation).values_list("pk", "name")
        ]

    def filters(self):
        """The valid filters, without the ones left at "Any"."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class ProgrammeForm(ModelForm):
    nouns = {"sro": "the senior responsible owner"}

    class Meta:
        model = Programme
        fields = ["reference", "name", "description", "sro", "board"]
        labels = {"name": "Name of the programme", "reference": "Programme reference"}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["sro"].queryset = people_of(organisation)
        self.fields["sro"].empty_label = "Nobody named yet"
        self.fields["board"].queryset = Body.objects.filter(organisation=organisation)
        self.fields["board"].empty_label = "No programme board"

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        clash = Programme.objects.filter(
            organisation=self.instance.organisation, reference__iexact=reference
        )
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                f"There is already a programme with the reference {reference}: "
                "enter a different reference."
            )
        return reference


class PortfolioSettingsForm(ModelForm):
    class Meta:
        model = PortfolioSettings
        fields = ["confidence_scale"]
        help_texts = {
            "confidence_scale": "Assessments already made keep the scale they were made on."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confidence_scale"].widget = forms.RadioSelect(
            choices=self.fields["confidence_scale"].choices
        )


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
