"""The forms of the strategy's registers: legislation, the skills framework and the digital
champions."""

from django import forms

from steerco.lib.forms import DateField, Form, LongSelect, ModelChoiceField, ModelForm
from steerco.lib.versioning import VersionedForm
from steerco.meetings.forms.meeting import people_of
from steerco.strategy.actions import REASON_LENGTH
from steerco.strategy.forms import PersonChoiceField, ThemeChoiceField
from steerco.strategy.models import CorporateObjective, Theme
from steerco.strategy.registers import LEVELS, DigitalChampion, Legislation, Skill, SkillLevel, Team


class ObjectiveChoiceField(ModelChoiceField):
    def label_from_instance(self, objective):
        return f"{objective.title} ({objective.strategy.title})"


class RegisterEntryForm(VersionedForm, ModelForm):
    """An entry of a register: linked to a theme or an objective of one of the council's
    strategies (the current one's first), and changed only with a reason."""

    LINK_NOUNS = {"theme": "the theme it serves", "objective": "the objective it serves"}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["theme"] = ThemeChoiceField(
            label="Theme of the strategy it serves",
            queryset=Theme.objects.filter(organisation=organisation, strategy__isnull=False)
            .select_related("strategy")
            .order_by("-strategy__is_current", "strategy__title", "position", "name"),
            required=False,
            empty_label="Choose a theme",
            initial=self.initial.get("theme"),
        )
        self.fields["objective"] = ObjectiveChoiceField(
            label="Objective of the strategy it serves",
            queryset=CorporateObjective.objects.filter(
                organisation=organisation, strategy__isnull=False
            )
            .select_related("strategy")
            .order_by("-strategy__is_current", "strategy__title", "position", "title"),
            required=False,
            empty_label="Choose an objective",
            help_text="Choose a theme, an objective of a strategy, or both.",
            initial=self.initial.get("objective"),
        )
        if self.instance.pk is not None:
            self.fields["reason"] = forms.CharField(
                label="Why is it changed?",
                max_length=REASON_LENGTH,
                help_text="For example, the guidance was updated. What it said before is kept.",
            )


def _people(form, *names):
    for name in names:
        form.fields[name].queryset = people_of(form.instance.organisation)
        form.fields[name].widget = LongSelect(choices=form.fields[name].widget.choices)


class LegislationForm(RegisterEntryForm):
    nouns = {
        "title": "the title",
        "reference": "the reference or citation",
        "in_force_on": "the date it is in force from",
        "requires": "what it requires",
        "impact": "the impact on the council",
        "owner": "the owner",
        "review_on": "the date of the next review",
        "status": "the status",
        "reason": "why the legislation is changed",
        **RegisterEntryForm.LINK_NOUNS,
    }

    class Meta:
        model = Legislation
        fields = [
            "title",
            "reference",
            "in_force_on",
            "requires",
            "impact",
            "impact_assessment",
            "response",
            "owner",
            "review_on",
            "status",
            "theme",
            "objective",
        ]
        labels = {
            "title": "Title of the act or regulation",
            "reference": "Reference or citation",
            "in_force_on": "In force from",
            "requires": "What it requires of the council",
            "impact": "Impact on the council",
            "impact_assessment": "Impact assessment",
            "response": "The council's response",
            "owner": "Owner",
            "review_on": "Next review",
            "status": "Status",
        }
        help_texts = {
            "reference": "For example, 2025 c. 18",
            "in_force_on": "For example 19 6 2025. Leave it empty if it is not yet known.",
            "review_on": "For example 1 4 2027.",
        }
        widgets = {
            "requires": forms.Textarea(attrs={"rows": 3}),
            "impact_assessment": forms.Textarea(attrs={"rows": 3}),
            "response": forms.Textarea(attrs={"rows": 3}),
            "impact": forms.RadioSelect,
            "status": forms.RadioSelect,
        }
        field_classes = {
            "in_force_on": DateField,
            "review_on": DateField,
            "owner": PersonChoiceField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _people(self, "owner")


class SkillForm(RegisterEntryForm):
    nouns = {
        "name": "the name of the skill",
        "framework_reference": "the framework reference",
        "owner": "the owner",
        "review_on": "the date of the next review",
        "status": "the status",
        "reason": "why the skill is changed",
        **RegisterEntryForm.LINK_NOUNS,
    }

    class Meta:
        model = Skill
        fields = [
            "name",
            "description",
            "framework_reference",
            "owner",
            "review_on",
            "status",
            "theme",
            "objective",
        ]
        labels = {
            "name": "Name of the skill",
            "framework_reference": "Framework reference (optional)",
            "owner": "Owner",
            "review_on": "Next review",
            "status": "Status",
        }
        help_texts = {"review_on": "For example 1 4 2027."}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "status": forms.RadioSelect,
        }
        field_classes = {"review_on": DateField, "owner": PersonChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _people(self, "owner")


class TeamForm(Form):
    nouns = {"name": "the name of the team"}

    name = forms.CharField(label="Name of the team", max_length=200)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Team.objects.filter(organisation=self.organisation, name__iexact=name).exists():
            raise forms.ValidationError("The council already has a team with this name.")
        return name


class TeamChangeForm(VersionedForm, Form):
    """Renames a team or retires it, with the reason why."""

    nouns = {
        "name": "the name of the team",
        "retired_on": "the date the team was retired",
        "reason": "why the team is changed",
    }

    name = forms.CharField(label="Name of the team", max_length=200)
    retired_on = DateField(
        label="Date retired",
        required=False,
        help_text="Leave blank while the team exists. For example 31 3 2027.",
    )
    reason = forms.CharField(
        label="Why is it changed?",
        max_length=REASON_LENGTH,
        help_text="For example, the service desk merged with the digital team.",
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, versioned=team, **kwargs)
        self.initial.setdefault("name", team.name)
        self.initial.setdefault("retired_on", team.retired_on)


class TeamChoiceField(ModelChoiceField):
    def label_from_instance(self, team):
        return team.name


class SkillLevelForm(VersionedForm, ModelForm):
    nouns = {
        "team": "the team",
        "current": "the current level",
        "target": "the target level",
        "assessed_on": "the date it was assessed",
        "reason": "why the level is changed",
    }

    class Meta:
        model = SkillLevel
        fields = ["team", "current", "target", "assessed_on", "note"]
        labels = {
            "team": "Team",
            "current": "Current level",
            "target": "Target level",
            "assessed_on": "Assessed on",
        }
        help_texts = {"assessed_on": "For example 1 10 2026."}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"assessed_on": DateField, "team": TeamChoiceField}

    def __init__(self, *args, skill, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.skill = skill
        for name in ("current", "target"):
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=LEVELS,
                coerce=int,
                widget=forms.RadioSelect,
                initial=self.fields[name].initial,
            )
        if self.instance.pk is None:
            self.fields["team"].queryset = Team.objects.filter(
                organisation_id=skill.organisation_id, retired_on__isnull=True
            ).exclude(skill_levels__skill=skill)
            self.fields["team"].empty_label = "Choose a team"
        else:
            del self.fields["team"]
            self.fields["reason"] = forms.CharField(
                label="Why is it changed?",
                max_length=REASON_LENGTH,
                help_text="For example, the team finished its training. The level it had is kept.",
            )


class ChampionForm(RegisterEntryForm):
    nouns = {
        "person": "the champion",
        "service": "the service",
        "since": "the date since which they are a champion",
        "until": "the date they stepped down",
        "status": "the status",
        "reason": "why the digital champion is changed",
        **RegisterEntryForm.LINK_NOUNS,
    }

    class Meta:
        model = DigitalChampion
        fields = ["person", "service", "since", "until", "status", "theme", "objective"]
        labels = {
            "person": "Champion",
            "service": "Service",
            "since": "Champion since",
            "until": "Stepped down on",
            "status": "Status",
        }
        help_texts = {
            "service": "For example, Revenues and benefits",
            "since": "For example 1 4 2026.",
            "until": "Only for a champion who has stepped down.",
        }
        widgets = {"status": forms.RadioSelect}
        field_classes = {"since": DateField, "until": DateField, "person": PersonChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _people(self, "person")


class RegisterFilterForm(Form):
    """Read from the address: a bad value is ignored rather than refused, so a shared link
    always opens."""

    def filters(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class LegislationFilterForm(RegisterFilterForm):
    status = forms.ChoiceField(required=False, choices=[("", "Any"), *Legislation.Status.choices])
    impact = forms.ChoiceField(required=False, choices=[("", "Any"), *Legislation.Impact.choices])


class ChampionFilterForm(RegisterFilterForm):
    service = forms.ChoiceField(required=False)
    status = forms.ChoiceField(
        required=False, choices=[("", "Any"), *DigitalChampion.Status.choices]
    )

    def __init__(self, data, *, organisation):
        super().__init__(data)
        services = (
            DigitalChampion.objects.filter(organisation=organisation)
            .order_by("service")
            .values_list("service", flat=True)
            .distinct()
        )
        self.fields["service"].choices = [("", "Any")] + [(name, name) for name in services]
