from django import forms

from steerco.governance.models import PolicyDriver
from steerco.lib.forms import Form, ModelChoiceField, ModelForm
from steerco.lib.versioning import VersionedForm
from steerco.meetings.models import Decision
from steerco.strategy.actions import APPROVING
from steerco.strategy.models import CobitEdm, Iso38500, Strategy, Theme


class StrategyForm(VersionedForm, ModelForm):
    nouns = {
        "starts_in": "the first year",
        "ends_in": "the last year",
        "drivers": "the policy drivers",
    }

    class Meta:
        model = Strategy
        fields = ["title", "starts_in", "ends_in", "vision", "drivers"]
        labels = {
            "title": "Title of the strategy",
            "starts_in": "First year of the strategy",
            "ends_in": "Last year of the strategy",
        }
        help_texts = {"starts_in": "For example, 2012", "ends_in": "For example, 2017"}
        widgets = {
            "vision": forms.Textarea(attrs={"rows": 4}),
            "drivers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["drivers"].queryset = PolicyDriver.objects.filter(organisation=organisation)
        self.fields["drivers"].label = "Policy drivers it answers"
        self.fields[
            "drivers"
        ].help_text = "The local and national priorities recorded for the council's bodies."

    def _year(self, name, noun):
        year = self.cleaned_data[name]
        if not 1990 <= year <= 2100:
            raise forms.ValidationError(f"{noun} must be a year from 1990 to 2100.")
        return year

    def clean_starts_in(self):
        return self._year("starts_in", "The first year")

    def clean_ends_in(self):
        return self._year("ends_in", "The last year")

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_in"), cleaned.get("ends_in")
        if starts and ends and ends < starts:
            self.add_error("ends_in", "The last year must be the same as or after the first year.")
        return cleaned


class ThemeForm(Form):
    nouns = {"name": "the name of the theme"}

    name = forms.CharField(label="Name of the theme", max_length=200)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ObjectiveForm(Form):
    nouns = {
        "title": "the objective",
        "theme": "the theme",
        "iso38500": "the ISO/IEC 38500 principles",
        "cobit": "the COBIT objectives",
    }

    title = forms.CharField(label="Objective", max_length=300)
    theme = ModelChoiceField(
        label="Theme", queryset=Theme.objects.none(), required=False, empty_label="No theme"
    )
    iso38500 = forms.MultipleChoiceField(
        label="ISO/IEC 38500 principles it serves",
        choices=Iso38500.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cobit = forms.MultipleChoiceField(
        label="COBIT evaluate, direct and monitor objectives it serves",
        choices=CobitEdm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(strategy=strategy)


class PrincipleForm(Form):
    nouns = {"title": "the principle"}

    title = forms.CharField(label="Principle", max_length=300)
    description = forms.CharField(
        label="What it means", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionChoiceField(ModelChoiceField):
    def label_from_instance(self, decision):
        return f"{decision.reference}: {decision.statement[:120]}"


class ApproveForm(VersionedForm, Form):
    nouns = {"decision": "the decision that approved the strategy"}

    decision = DecisionChoiceField(
        label="Which decision approved the strategy?",
        queryset=Decision.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = (
            Decision.objects.filter(organisation=organisation, outcome__in=APPROVING)
            .select_related("body")
            .order_by("-year", "-number")
        )


class MakeCurrentForm(VersionedForm, Form):
    replaces = forms.BooleanField(required=False)

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        if current is None:
            del self.fields["replaces"]
        else:
            self.fields["replaces"].label = f"It replaces {current} as the current strategy"
