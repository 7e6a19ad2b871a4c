from datetime import timedelta

from django import forms

from steerco.governance.models import Body
from steerco.lib.forms import DateField, Form, ModelChoiceField, ModelForm, ModelMultipleChoiceField
from steerco.lib.versioning import VersionedForm
from steerco.meetings.forms.meeting import people_of
from steerco.portfolio.models import (
    ConfidenceAssessment,
    CorporateObjective,
    Dependency,
    Product,
    ProductUse,
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


# Dependencies, and the catalogue of products and platforms.

# A slip is looked at over at most ten years, as far as a business case looks ahead.
LONGEST_SLIP = timedelta(days=3653)


def projects_of(organisation_id):
    return Project.objects.filter(organisation_id=organisation_id).order_by("reference")


class DependencyForm(Form):
    depends_on = ModelChoiceField(label="Project it depends on", queryset=Project.objects.none())
    kind = forms.ChoiceField(
        label="How it depends on it",
        choices=Dependency.Kind.choices,
        initial=Dependency.Kind.FINISH_FIRST,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note",
        max_length=300,
        required=False,
        help_text="For example, what it needs from the other project.",
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["depends_on"].queryset = projects_of(project.organisation_id).exclude(
            pk=project.pk
        )


class EndDependencyForm(Form):
    nouns = {"reason": "why the dependency ends"}
    reason = forms.CharField(
        label="Why does the dependency end?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the history of the dependency.",
    )


class SlipForm(Form):
    """What if the project ends later: a new end date, or a number of weeks for a project
    without one."""

    nouns = {"weeks": "the number of weeks"}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        if project.ends_on:
            self.fields["ends_on"] = DateField(
                label="New end date",
                help_text=f"It is planned to end on {project.ends_on:%-d %B %Y}.",
            )
        else:
            self.fields["weeks"] = forms.IntegerField(
                label="Weeks later",
                min_value=1,
                max_value=LONGEST_SLIP.days // 7,
                help_text="It has no planned end date: say how many weeks later it would end.",
            )

    def clean_ends_on(self):
        ends_on, planned = self.cleaned_data["ends_on"], self.project.ends_on
        if ends_on <= planned:
            raise forms.ValidationError(
                f"The new end date must be after the planned end date, {planned:%-d %B %Y}."
            )
        if ends_on - planned > LONGEST_SLIP:
            raise forms.ValidationError(
                "The new end date must be within 10 years of the planned end date."
            )
        return ends_on

    @property
    def days(self):
        if "ends_on" in self.cleaned_data:
            return (self.cleaned_data["ends_on"] - self.project.ends_on).days
        return self.cleaned_data["weeks"] * 7


class DependencyMapForm(Form):
    programme = ModelChoiceField(
        label="Programme", queryset=Programme.objects.none(), required=False
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(organisation=organisation)


class ProductForm(ModelForm):
    class Meta:
        model = Product
        fields = ["name", "kind", "supplier", "description"]
        labels = {"name": "Name", "kind": "Product or platform"}
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}

    nouns = {"kind": "whether it is a product or a platform"}


class ProductUseForm(Form):
    project = ModelChoiceField(label="Project", queryset=Project.objects.none())
    product = ModelChoiceField(label="Product or platform", queryset=Product.objects.none())
    use = forms.ChoiceField(
        label="What the project does with it",
        choices=ProductUse.Use.choices,
        initial=ProductUse.Use.USES,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects_of(organisation.pk)
        self.fields["product"].queryset = Product.objects.filter(organisation=organisation)


class DuplicateCheckForm(Form):
    name = forms.CharField(label="Name of the new project", max_length=200)
    products = ModelMultipleChoiceField(
        label="Products and platforms it will use, introduce or retire",
        queryset=Product.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = Product.objects.filter(organisation=organisation)
