from django import forms

from steerco.accounts.models import User
from steerco.governance.models import Body, PolicyDriver
from steerco.lib.dates import today
from steerco.lib.forms import DateField, Form, ModelChoiceField, ModelForm, ModelMultipleChoiceField
from steerco.lib.versioning import VersionedForm
from steerco.meetings.forms.meeting import people_of
from steerco.meetings.models import Decision
from steerco.strategy.actions import APPROVING, REASON_LENGTH
from steerco.strategy.models import KPI, CobitEdm, Frequency, Iso38500, Rag, Strategy, Theme
from steerco.strategy.rules import performance


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


class ThemesChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, theme):
        return theme.name


class AdoptThemesForm(Form):
    nouns = {"themes": "the themes to put into the strategy"}

    themes = ThemesChoiceField(
        label="Which themes go into the strategy?",
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Themes recorded before any strategy, for the portfolio's projects. Their "
        "objectives of no strategy go with them.",
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(
            organisation=organisation, strategy__isnull=True
        ).order_by("name", "pk")


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


class FigureField(forms.DecimalField):
    """A KPI's figure: a number with up to two decimal places; a £ or % sign and thousands
    separators are allowed."""

    def __init__(self, *, noun, **kwargs):
        super().__init__(max_digits=14, decimal_places=2, **kwargs)
        self.widget.attrs.update({"class": "govuk-input--width-10", "inputmode": "decimal"})
        self.widget.input_type = "text"
        example = f"{noun[0].upper()}{noun[1:]} must be a number, like 95 or 1250.50."
        self.error_messages.update(
            invalid=example,
            max_decimal_places=f"{noun[0].upper()}{noun[1:]} must have no more than 2 decimal "
            "places.",
            max_digits=f"Enter a smaller number for {noun}.",
            max_whole_digits=f"Enter a smaller number for {noun}.",
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("£").removesuffix("%").replace(",", "")
        return super().to_python(value)


FIGURES = {
    "target": "the target",
    "tolerance": "the tolerance",
    "benchmark_lower_quartile": "the peer group lower quartile",
    "benchmark_median": "the peer group median",
    "benchmark_upper_quartile": "the peer group upper quartile",
}


class PersonChoiceField(ModelChoiceField):
    def label_from_instance(self, person):
        return str(person)


class ThemeChoiceField(ModelChoiceField):
    def label_from_instance(self, theme):
        return f"{theme.name} ({theme.strategy.title})" if theme.strategy else theme.name


class KPIForm(VersionedForm, ModelForm):
    nouns = {
        "name": "the name of the KPI",
        "definition": "what the KPI measures",
        "unit": "the unit",
        "direction": "whether higher or lower is better",
        "frequency": "how often it is measured",
        "owner": "the owner",
        "theme": "the theme",
        "benchmark_source": "the source of the benchmark",
        "benchmark_year": "the year of the benchmark",
        **FIGURES,
    }

    class Meta:
        model = KPI
        fields = [
            "name",
            "definition",
            "unit",
            "direction",
            "frequency",
            "target",
            "tolerance",
            "owner",
            "theme",
            "benchmark_lower_quartile",
            "benchmark_median",
            "benchmark_upper_quartile",
            "benchmark_source",
            "benchmark_year",
        ]
        labels = {
            "name": "Name of the KPI",
            "definition": "What it measures",
            "direction": "Is a higher or a lower value better?",
            "frequency": "How often is it measured?",
            "owner": "Owner",
            "theme": "Strategic theme it evidences",
            "benchmark_source": "Source of the benchmark",
            "benchmark_year": "Year of the benchmark",
        }
        help_texts = {
            "benchmark_source": "For example, Socitm benchmarking, district councils",
            "benchmark_year": "For example, 2025",
        }
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "unit": forms.RadioSelect,
            "direction": forms.RadioSelect,
            "frequency": forms.RadioSelect,
        }
        field_classes = {
            "owner": PersonChoiceField,
            "theme": ThemeChoiceField,
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        for name, noun in FIGURES.items():
            model_field = KPI._meta.get_field(name)
            self.fields[name] = FigureField(
                noun=noun,
                label=model_field.verbose_name[0].upper() + model_field.verbose_name[1:],
                required=name == "tolerance",
                initial=self.fields[name].initial,
            )
        self.fields["target"].help_text = "Leave it empty until a target is agreed."
        self.fields["tolerance"].help_text = (
            "How far a value may miss the target and be amber rather than red, in the KPI's "
            "unit. 0 makes every miss red."
        )
        self.fields["owner"].queryset = people_of(organisation)
        self.fields["owner"].required = False
        self.fields["owner"].empty_label = "No owner yet"
        self.fields["theme"].queryset = (
            Theme.objects.filter(organisation=organisation)
            .select_related("strategy")
            .order_by("-strategy__is_current", "strategy__title", "position", "name")
        )
        self.fields["theme"].empty_label = "No theme"

    def clean_benchmark_year(self):
        year = self.cleaned_data["benchmark_year"]
        if year is not None and not 1990 <= year <= 2100:
            raise forms.ValidationError("The year of the benchmark must be from 1990 to 2100.")
        return year


class MeasurementForm(Form):
    nouns = {"period_starts_on": "the first day of the period", "value": "the value"}

    period_starts_on = DateField(label="First day of the period")
    value = FigureField(noun="the value", label="Value")
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    HINTS = {
        Frequency.MONTHLY: "The first day of the month, for example 1 4 2026.",
        Frequency.QUARTERLY: (
            "The first day of a quarter of the financial year: 1 April, 1 July, 1 October or "
            "1 January, for example 1 7 2026."
        ),
        Frequency.YEARLY: "The first day of the financial year, for example 1 4 2026.",
    }

    def __init__(self, *args, kpi, **kwargs):
        super().__init__(*args, **kwargs)
        self.kpi = kpi
        self.fields["period_starts_on"].help_text = self.HINTS[kpi.frequency]
        self.fields["value"].label = f"Value ({kpi.get_unit_display().lower()})"

    def clean(self):
        cleaned = super().clean()
        starts_on = cleaned.get("period_starts_on")
        if starts_on is not None:
            problem = performance.period_problem(self.kpi.frequency, starts_on)
            if problem:
                self.add_error("period_starts_on", problem)
        value = cleaned.get("value")
        if value is not None:
            problem = performance.value_problem(self.kpi.unit, value)
            if problem:
                self.add_error("value", problem)
        return cleaned


class CorrectionForm(VersionedForm, Form):
    nouns = {"value": "the value", "reason": "why the measurement is corrected"}

    value = FigureField(noun="the value", label="Value")
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(
        label="Why is it corrected?",
        max_length=REASON_LENGTH,
        help_text="For example, the supplier's figures were revised. The value it had is kept.",
    )

    def __init__(self, *args, measurement, **kwargs):
        super().__init__(*args, versioned=measurement, **kwargs)
        kpi = measurement.kpi
        self.kpi = kpi
        self.fields["value"].label = f"Value ({kpi.get_unit_display().lower()})"
        if not self.is_bound:
            self.initial.update(value=measurement.value, note=measurement.note)

    def clean_value(self):
        value = self.cleaned_data["value"]
        problem = performance.value_problem(self.kpi.unit, value)
        if problem:
            raise forms.ValidationError(problem)
        return value


class KPIFilterForm(Form):
    """Read from the address: a bad value is ignored rather than refused, so a shared link
    always opens."""

    theme = forms.ChoiceField(required=False)
    status = forms.ChoiceField(label="Latest status", required=False)

    NOT_RATED = "none"

    def __init__(self, data, *, organisation):
        super().__init__(data)
        themes = (
            Theme.objects.filter(organisation=organisation, kpis__isnull=False)
            .select_related("strategy")
            .distinct()
            .order_by("-strategy__is_current", "strategy__title", "position", "name")
        )
        self.fields["theme"].choices = [("", "Any")] + [
            (str(theme.pk), ThemeChoiceField.label_from_instance(None, theme)) for theme in themes
        ]
        self.fields["status"].choices = [
            ("", "Any"),
            *Rag.choices,
            (self.NOT_RATED, "No measurement or no target"),
        ]

    def filters(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class BodyChoiceField(ModelChoiceField):
    def label_from_instance(self, body):
        return body.name


class PlanActionForm(Form):
    nouns = {
        "description": "what the action is",
        "due_on": "the due date",
        "body": "the body that follows it up",
    }

    description = forms.CharField(
        label="What is the action?", widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = ModelChoiceField(
        queryset=User.objects.none(),
        error_messages={"required": "Select the owner of the action."},
    )
    due_on = DateField(label="Due date", help_text="For example 27 3 2031.")
    body = BodyChoiceField(
        label="Which body's action log follows it up?",
        queryset=Body.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_of(organisation)
        self.fields["owner"].empty_label = "Select the owner"
        self.fields["body"].queryset = Body.objects.filter(organisation=organisation).order_by(
            "name"
        )


class MilestoneForm(Form):
    nouns = {"title": "the milestone", "due_on": "the date the milestone is due"}

    title = forms.CharField(label="What is the milestone?", max_length=300)
    due_on = DateField(label="Due date", help_text="For example 31 3 2027.")
    achieved_on = DateField(
        label="Date achieved (if it has been)",
        required=False,
        help_text="Leave it blank until the milestone is achieved. For example 14 2 2027.",
    )

    def clean_achieved_on(self):
        # The action refuses it too; said here, it comes with the form's other problems.
        achieved_on = self.cleaned_data["achieved_on"]
        if achieved_on is not None and achieved_on > today():
            raise forms.ValidationError("The date achieved must be today or in the past.")
        return achieved_on


class MilestoneChangeForm(VersionedForm, MilestoneForm):
    nouns = MilestoneForm.nouns | {"reason": "why the milestone is changed"}

    reason = forms.CharField(
        label="Why is it changed?",
        max_length=REASON_LENGTH,
        help_text="For example, achieved at the February board. What it said before is kept.",
    )

    def __init__(self, *args, milestone, **kwargs):
        super().__init__(*args, versioned=milestone, **kwargs)
        if not self.is_bound:
            self.initial.update(
                title=milestone.title, due_on=milestone.due_on, achieved_on=milestone.achieved_on
            )
