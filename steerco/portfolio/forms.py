from datetime import timedelta

from django import forms

from steerco.lib.forms import DateField, Form, ModelChoiceField, ModelForm, ModelMultipleChoiceField
from steerco.portfolio.models import Dependency, Product, ProductUse, Programme, Project

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
