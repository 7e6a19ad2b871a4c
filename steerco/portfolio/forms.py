from django import forms
from django.conf import settings

from steerco.governance.models import Body
from steerco.lib.forms import Form, ModelForm
from steerco.lib.versioning import VersionedForm
from steerco.meetings.forms.meeting import people_of
from steerco.portfolio.models import (
    ConfidenceAssessment,
    CorporateObjective,
    Programme,
    Project,
    Rating,
    Theme,
)
from steerco.portfolio.rules import confidence
from steerco.portfolio.rules.spreadsheet import shipped_mappings


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


IMPORT_MAX_BYTES = getattr(settings, "PAPER_MAX_BYTES", 25 * 1024 * 1024)


class ImportForm(Form):
    nouns = {
        "mapping": "the shape of the spreadsheet",
        "dry_run": "whether to check the file only or import it",
    }
    file = forms.FileField(
        label="Spreadsheet",
        help_text="A CSV file or an Excel workbook (XLSX); its first row holds the headers.",
    )
    mapping = forms.ChoiceField(
        label="Shape of the spreadsheet",
        widget=forms.RadioSelect,
        help_text="Which columns steerco reads, and what each holds.",
    )
    dry_run = forms.TypedChoiceField(
        label="Check the file first?",
        choices=[
            ("yes", "Check it and show what it would change, saving nothing"),
            ("no", "Import it: save everything, or nothing if any row has a problem"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mappings = shipped_mappings()
        self.fields["mapping"].choices = [
            (name, mapping.title)
            for name, mapping in sorted(self.mappings.items(), key=lambda m: m[0] != "steerco")
        ]
        self.fields["mapping"].initial = "steerco"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            limit = IMPORT_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"The selected file must be smaller than {limit}MB.")
        return upload
