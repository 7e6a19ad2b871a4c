import re
from decimal import Decimal, InvalidOperation

from django import forms

from steerco.lib.forms import Form, ModelChoiceField, ModelForm, ModelMultipleChoiceField
from steerco.lib.versioning import VersionedForm
from steerco.meetings.models import Meeting
from steerco.planning import candidates
from steerco.planning.models import Criterion, Scenario, ScoringModel
from steerco.planning.rules import scoring

AMOUNT = re.compile(r"^£?\s*([0-9][0-9,]*(\.[0-9]{1,2})?)$")
THEME_LINE = re.compile(
    r"^(?P<theme>.+?)\s*:\s*(?P<bound>at least|at most)\s+(?P<amount>.+)$", re.I
)
REFERENCE = re.compile(r"[^\s,]+")
WINDOW_LINE = re.compile(
    r"^(?P<reference>[^\s:]+)\s*:\s*(?P<earliest>[0-9]{4})\s*(?:to|-|–)\s*(?P<latest>[0-9]{4})$",
    re.I,
)
MOST_YEARS = 15


def _amount(text):
    match = AMOUNT.match(text.strip())
    if not match:
        return None
    try:
        return Decimal(match.group(1).replace(",", ""))
    except InvalidOperation:
        return None


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def _not_candidates(references):
    """“P-9 is not a candidate”, “P-8 and P-9 are not candidates”."""
    if len(references) == 1:
        return f"{references[0]} is not a candidate"
    return f"{', '.join(references[:-1])} and {references[-1]} are not candidates"


class ReferencesTextarea(forms.Textarea):
    """A box of project references with the candidates listed under it, each reference beside
    its project's name, to copy from."""

    template_name = "planning/widgets/references.html"
    candidates = {}  # reference: name

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["candidates"] = self.candidates.items()
        return context


class ScenarioForm(VersionedForm, ModelForm):
    nouns = {
        "first_year": "the first year of the plan",
        "capital_budgets": "the capital budgets",
        "revenue_budgets": "the revenue budgets",
        "value_measure": "how value is measured",
        "score_share": "the share of the blend given to the score",
        "start_window": "how many years a start may move",
        "theme_spend": "the spend per theme",
        "max_above_appetite": "the most candidates above the risk appetite",
        "mandatory": "the mandatory projects",
        "exclusive": "the exclusive groups",
        "start_windows": "the start windows of projects",
    }

    capital_budgets = forms.CharField(
        label="Capital budget for each year",
        help_text="In pounds, one year to a line, starting with the first year. For example, "
        "£900,000",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    revenue_budgets = forms.CharField(
        label="Revenue budget for each year",
        help_text="In pounds, one year to a line, as many lines as the capital budgets",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    theme_spend = forms.CharField(
        label="Spend per theme (optional)",
        required=False,
        help_text="Capital and revenue within the plan, one limit to a line. For example, "
        "Digital customer: at most £500,000",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    mandatory = forms.MultipleChoiceField(
        label="Mandatory projects (optional)",
        required=False,
        help_text="Select the projects that must be funded (legislation)",
        widget=forms.CheckboxSelectMultiple,
        # Only a tampered request names a project that is not on the list.
        error_messages={
            "invalid_choice": "Select the mandatory projects from the list: %(value)s is not "
            "a candidate."
        },
    )
    exclusive = forms.CharField(
        label="Exclusive groups (optional)",
        required=False,
        help_text="One group to a line, the projects' references separated by commas: at most "
        "one project of each line is funded. For example, P-003, P-004. The candidates and "
        "their references are listed under the box",
        widget=ReferencesTextarea(attrs={"rows": 3}),
    )

    start_windows = forms.CharField(
        label="Start windows of projects (optional)",
        required=False,
        help_text="One project to a line: its reference, then the first and the last financial "
        "year it may start in. For example, P-001: 2027 to 2029 (the candidates' references are "
        "listed under the exclusive groups box). Others start from their business case's first "
        "year, moving as far as the years a start may move",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Scenario
        fields = [
            "name",
            "first_year",
            "capital_budgets",
            "revenue_budgets",
            "capital_carry_forward",
            "value_measure",
            "score_share",
            "include_approved",
            "start_window",
            "theme_spend",
            "max_above_appetite",
            "mandatory",
            "exclusive",
            "start_windows",
        ]
        labels = {
            "name": "Name of the scenario",
            "first_year": "First year of the plan",
            "capital_carry_forward": "Capital unspent in a year may be spent in a later year",
            "value_measure": "How value is measured",
            "score_share": "Share of the blend given to the score, per cent",
            "include_approved": "Re-plan approved projects too, with their option and start fixed",
            "start_window": "Years a project's start may move later",
            "max_above_appetite": "Most projects with a risk above the council's appetite",
        }
        help_texts = {
            "first_year": "The financial year the plan starts in: 2027 for 2027/28",
            "score_share": "Only for a blend: 100 is the score alone, 0 is NPSV alone",
            "start_window": "0 keeps every project to its business case's start",
            "max_above_appetite": "Leave empty for no limit",
        }
        widgets = {"value_measure": forms.RadioSelect}

    def __init__(self, *args, organisation, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            kwargs.setdefault(
                "initial",
                {
                    "capital_budgets": "\n".join(instance.capital_budgets),
                    "revenue_budgets": "\n".join(instance.revenue_budgets),
                    "theme_spend": "\n".join(
                        f"{theme}: {'at least' if bound == 'min' else 'at most'} {amount}"
                        for theme, limits in instance.theme_spend.items()
                        for bound, amount in limits.items()
                        if amount is not None
                    ),
                    "exclusive": "\n".join(", ".join(group) for group in instance.exclusive),
                    "start_windows": "\n".join(
                        f"{reference}: {earliest} to {latest}"
                        for reference, (earliest, latest) in instance.start_windows.items()
                    ),
                },
            )
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        # {reference: the project's name, and whether it is a candidate only when re-planned}
        self.candidates = {
            reference: name + (" (approved: a candidate when re-planned)" if approved else "")
            for reference, name, approved in candidates.choosable(organisation)
        }
        choices = [
            (reference, f"{reference} {name}") for reference, name in self.candidates.items()
        ]
        # A project named before that is no candidate now stays on the list, to be taken off.
        choices += [
            (reference, f"{reference} (not a candidate now)")
            for reference in self.instance.mandatory
            if reference not in self.candidates
        ]
        self.fields["mandatory"].choices = choices
        if not choices:
            none = "No project is at proposal, business case or approved stage yet"
            self.fields["mandatory"].help_text = none
        self.fields["exclusive"].widget.candidates = self.candidates

    def _budgets(self, name, noun):
        amounts = []
        for line in _lines(self.cleaned_data[name]):
            amount = _amount(line)
            if amount is None:
                raise forms.ValidationError(
                    f"Enter each {noun} as an amount in pounds, like £900,000, one to a line: "
                    f"“{line[:40]}” is not one."
                )
            amounts.append(str(amount))
        if not amounts:
            raise forms.ValidationError(f"Enter the {noun} for each year.")
        if len(amounts) > MOST_YEARS:
            raise forms.ValidationError(f"Enter the {noun} for {MOST_YEARS} years or fewer.")
        return amounts

    def clean_first_year(self):
        year = self.cleaned_data["first_year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError("The first year of the plan must be from 2000 to 2100.")
        return year

    def clean_capital_budgets(self):
        return self._budgets("capital_budgets", "capital budget")

    def clean_revenue_budgets(self):
        return self._budgets("revenue_budgets", "revenue budget")

    def clean_score_share(self):
        share = self.cleaned_data["score_share"]
        if share > 100:
            raise forms.ValidationError("The share given to the score must be 100 or less.")
        return share

    def clean_start_window(self):
        window = self.cleaned_data["start_window"]
        if window > 10:
            raise forms.ValidationError("A start may move 10 years at most.")
        return window

    def clean_theme_spend(self):
        limits = {}
        for line in _lines(self.cleaned_data["theme_spend"]):
            match = THEME_LINE.match(line)
            amount = _amount(match.group("amount")) if match else None
            if amount is None:
                raise forms.ValidationError(
                    "Enter each limit of spend per theme as the theme, a colon, “at least” or "
                    f"“at most” and an amount, like Digital: at most £500,000: “{line[:40]}” "
                    "is not one."
                )
            bound = "min" if match.group("bound").lower() == "at least" else "max"
            theme = limits.setdefault(match.group("theme"), {"min": None, "max": None})
            theme[bound] = str(amount)
        for name, theme in limits.items():
            if theme["min"] and theme["max"] and Decimal(theme["min"]) > Decimal(theme["max"]):
                raise forms.ValidationError(
                    f"The least spend on {name} must be no more than the most spend on it."
                )
        return limits

    def clean_exclusive(self):
        groups = []
        for line in _lines(self.cleaned_data["exclusive"]):
            group = list(dict.fromkeys(REFERENCE.findall(line)))
            if len(group) < 2:
                raise forms.ValidationError(
                    f"Enter two or more project references on each line of the exclusive "
                    f"groups: “{line[:40]}” has fewer."
                )
            groups.append(group)
        named = dict.fromkeys(reference for group in groups for reference in group)
        unknown = [reference for reference in named if reference not in self.candidates]
        if unknown:
            raise forms.ValidationError(
                "Enter only the references of candidates in the exclusive groups, as listed "
                f"under the box: {_not_candidates(unknown)}."
            )
        return groups

    def clean_start_windows(self):
        windows = {}
        for line in _lines(self.cleaned_data["start_windows"]):
            match = WINDOW_LINE.match(line)
            if not match:
                raise forms.ValidationError(
                    "Enter each start window as the project's reference, a colon and the first "
                    f"and last years it may start in, like P-001: 2027 to 2029: “{line[:40]}” "
                    "is not one."
                )
            reference = match.group("reference")
            earliest, latest = int(match.group("earliest")), int(match.group("latest"))
            if latest < earliest:
                raise forms.ValidationError(
                    f"The start window of {reference} ends before it starts: its last year "
                    f"must be {earliest} or later."
                )
            if reference in windows:
                raise forms.ValidationError(
                    f"Enter one start window for {reference}: it has two lines."
                )
            windows[reference] = [earliest, latest]
        unknown = [reference for reference in windows if reference not in self.candidates]
        if unknown:
            raise forms.ValidationError(
                "Enter start windows only for candidates, whose references are listed under "
                f"the exclusive groups box: {_not_candidates(unknown)}."
            )
        return windows

    def clean(self):
        cleaned = super().clean()
        first, windows = cleaned.get("first_year"), cleaned.get("start_windows")
        if first and windows and cleaned.get("capital_budgets"):
            last = first + len(cleaned["capital_budgets"]) - 1
            for reference, (earliest, latest) in windows.items():
                if earliest < first or latest > last:
                    self.add_error(
                        "start_windows",
                        f"The start window of {reference} must be within the plan's years, "
                        f"{first} to {last}.",
                    )
                    break
        capital, revenue = cleaned.get("capital_budgets"), cleaned.get("revenue_budgets")
        if capital and revenue and len(capital) != len(revenue):
            self.add_error(
                "revenue_budgets",
                f"Enter a revenue budget for each of the {len(capital)} years of the capital "
                f"budgets: there are {len(revenue)}.",
            )
        return cleaned


class UploadForm(Form):
    nouns = {"file": "the planning file"}

    file = forms.FileField(
        label="Planning file",
        help_text="A JSON file in the format of the download. It replaces the candidates from "
        "the portfolio until you go back to them.",
    )


class CompareForm(Form):
    nouns = {"scenarios": "two or more scenarios to compare"}

    scenarios = ModelMultipleChoiceField(
        label="Scenarios to compare",
        queryset=Scenario.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenarios"].queryset = Scenario.objects.filter(organisation=organisation)

    def clean_scenarios(self):
        chosen = self.cleaned_data["scenarios"]
        if len(chosen) < 2:
            raise forms.ValidationError("Select two or more scenarios to compare.")
        return chosen


class BodyMeetingChoiceField(ModelChoiceField):
    def label_from_instance(self, meeting):
        return f"{meeting.body}, {meeting.on:%A %-d %B %Y}"


class RecommendForm(Form):
    nouns = {"meeting": "the meeting", "late_reason": "why the item is added late"}

    meeting = BodyMeetingChoiceField(
        label="Which meeting should the scenario be recommended to?",
        queryset=Meeting.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text="Meetings still to come of the bodies whose agenda you keep.",
    )
    late_reason = forms.CharField(
        label="Why is the item added after the agenda was published?",
        required=False,
        max_length=300,
        help_text="Only needed when the agenda is already published.",
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


def _reason_field(label):
    return forms.CharField(
        label=label,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept in the history with your name and the time.",
    )


class CriterionForm(VersionedForm, ModelForm):
    """Adds or changes a criterion; its version is the scoring model's (`versioned`)."""

    nouns = {
        "name": "the name of the criterion",
        "weight": "the weight",
        "reason": "why the change is made",
        **{f"scale_{point}": f"what {point} means" for point in range(6)},
    }
    reason = _reason_field("Why the change is made")

    class Meta:
        model = Criterion
        fields = ["name", "weight", *(f"scale_{point}" for point in range(6))]
        labels = {"name": "Name of the criterion"}
        help_texts = {
            "weight": "Relative to the other criteria's: a criterion of weight 2 counts twice "
            "as much as one of weight 1. 0 keeps it on the model without counting it",
            "scale_0": "The words for each point of the 0 to 5 scale are optional, but describe "
            "all six points or none",
        }

    def clean(self):
        cleaned = super().clean()
        scale = [cleaned.get(f"scale_{point}", "") for point in range(6)]
        if any(scale) and not all(scale):
            missing = ", ".join(str(point) for point, words in enumerate(scale) if not words)
            self.add_error(
                f"scale_{scale.index('')}",
                f"Describe every point of the scale from 0 to 5, or none: {missing} "
                f"{'is' if len(missing) == 1 else 'are'} not described.",
            )
        return cleaned


class RetireCriterionForm(VersionedForm, Form):
    nouns = {"reason": "why the criterion is retired"}

    reason = _reason_field("Why the criterion is retired")


class SpreadForm(VersionedForm, ModelForm):
    nouns = {"wide_spread": "the spread flagged for discussion", "reason": "why the change is made"}

    reason = _reason_field("Why the change is made")

    class Meta:
        model = ScoringModel
        fields = ["wide_spread"]
        labels = {"wide_spread": "Points of spread flagged for discussion"}
        help_texts = {
            "wide_spread": f"When the highest and lowest assessor's scores on a criterion differ "
            f"by this many points or more, the scores are flagged for discussion. From 1 to "
            f"{scoring.HIGHEST}"
        }


class ScoreForm(Form):
    """An assessor's scores of a candidate: one 0–5 choice per criterion in use, each point
    shown with its words, and a comment on each."""

    def __init__(self, *args, criteria, earlier, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        self.nouns = {}
        for criterion in self.criteria:
            before = earlier.get(criterion.pk)
            points = [
                (point, f"{point}: {words}" if words else str(point))
                for point, words in enumerate(criterion.scale)
            ]
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                choices=points,
                coerce=int,
                widget=forms.RadioSelect,
                initial=before.score if before else None,
                help_text=f"Weight {criterion.weight.normalize():f}",
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Comment on {criterion.name} (optional)",
                required=False,
                max_length=2000,
                initial=before.comment if before else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.nouns[f"score_{criterion.pk}"] = f"a score for {criterion.name}"
            self.nouns[f"comment_{criterion.pk}"] = f"the comment on {criterion.name}"
        self.govuk_fields()

    def given(self):
        return [
            (
                criterion,
                self.cleaned_data[f"score_{criterion.pk}"],
                self.cleaned_data[f"comment_{criterion.pk}"].strip(),
            )
            for criterion in self.criteria
        ]
