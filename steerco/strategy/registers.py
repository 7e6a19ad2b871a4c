"""The registers the strategy asks the steering group to keep (imported by models.py): the
legislation and regulation that affect ICT, with the impact assessment and the council's
response (seed 000); the skills and capacity framework, each team's current and target level
in each skill (seeds 000 and 002); and the network of digital champions (seed 001).

Every entry serves a theme or an objective of one of the council's strategies, has a status,
and is never deleted: it is closed (no longer applies, retired, stepped down) with a reason,
and every change after it was added says why in its history.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from steerco.accounts.models import Organisation, check_same_organisation
from steerco.lib.versioning import Versioned
from steerco.meetings.models import Action
from steerco.strategy.rules import skills as skill_rules


class ServesTheStrategy(Versioned):
    """An entry linked to the strategy: a theme or an objective of one of the council's
    strategies (both, if the objective is of the theme's strategy)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    theme = models.ForeignKey(
        "strategy.Theme", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    objective = models.ForeignKey(
        "strategy.CorporateObjective",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # The people the entry names, who must be of its council.
    PEOPLE = ()

    class Meta:
        abstract = True

    def link_errors(self):
        """What is wrong with the entry's council and strategy links, by field."""
        check_same_organisation(self, parents=["theme", "objective"], people=list(self.PEOPLE))
        errors = {}
        self.clean_link(errors)
        return errors

    def clean(self):
        _raise(self.link_errors())

    def clean_link(self, errors):
        if self.theme_id is None and self.objective_id is None:
            errors["theme"] = "Choose the theme or the objective of the strategy it serves."
            return
        if self.theme_id is not None and self.theme.strategy_id is None:
            errors["theme"] = "Choose a theme of a strategy: this theme is in none."
        if self.objective_id is not None and self.objective.strategy_id is None:
            errors["objective"] = "Choose an objective of a strategy: this objective is in none."
        if (
            not errors
            and self.theme_id is not None
            and self.objective_id is not None
            and self.theme.strategy_id != self.objective.strategy_id
        ):
            errors["objective"] = (
                "Choose an objective of the theme's strategy: this objective belongs to another "
                "strategy."
            )

    @property
    def strategy(self):
        link = self.objective if self.objective_id else self.theme
        return link.strategy if link else None


def _raise(errors):
    if errors:
        raise ValidationError(errors)


class OwnedAndReviewed(ServesTheStrategy):
    """An entry someone owns and reviews by a date: a legislation entry, a skill."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    review_on = models.DateField("next review")
    PEOPLE = ("owner",)

    class Meta:
        abstract = True


class Legislation(OwnedAndReviewed):
    """An act or regulation that affects the council's ICT: what it requires, how much it
    affects the council (the impact assessment), what the council does about it (the response),
    who owns that and when it is next reviewed."""

    class Impact(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    class Status(models.TextChoices):
        ASSESSING = "assessing", "Being assessed"
        RESPONDING = "responding", "Response in progress"
        COMPLIANT = "compliant", "Compliant"
        NO_LONGER_APPLIES = "closed", "No longer applies"

    title = models.CharField(max_length=300)
    reference = models.CharField("reference or citation", max_length=200, blank=True)
    in_force_on = models.DateField("in force from", null=True, blank=True)
    requires = models.TextField("what it requires")
    impact = models.CharField(max_length=6, choices=Impact.choices)
    impact_assessment = models.TextField(blank=True)
    response = models.TextField("the council's response", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASSESSING)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "legislation entry"
        verbose_name_plural = "legislation"
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title"],
                name="legislation_title_unique",
                violation_error_message="The register already has legislation with this title.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "strategy:legislation",
            kwargs={"org": self.organisation.slug, "legislation_pk": self.pk},
        )


class Team(Versioned):
    """A team of the council whose skills the framework assesses. Renamed or retired (a
    restructure), never deleted: its levels and their history stay."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    retired_on = models.DateField("date retired", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="team_name_unique",
                violation_error_message="The council already has a team with this name.",
            ),
        ]

    def __str__(self):
        return self.name


class Skill(OwnedAndReviewed):
    """A skill of the skills and capacity framework, optionally with its reference in a national
    framework (a SFIA skill code), its owner and when it is next reviewed."""

    class Status(models.TextChoices):
        ACTIVE = "active", "In the framework"
        RETIRED = "retired", "Retired"

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    framework_reference = models.CharField(
        "framework reference", max_length=100, blank=True, help_text="For example, SFIA: PRMG"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="skill_name_unique",
                violation_error_message="The framework already has a skill with this name.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "strategy:skill", kwargs={"org": self.organisation.slug, "skill_pk": self.pk}
        )


LEVELS = [(level, f"{level} – {label}") for level, label in skill_rules.LEVELS.items()]


class SkillLevel(Versioned):
    """A team's current and target level in a skill (0 to 5, see rules/skills.py), as assessed
    on a date: one assessment a team and skill, corrected with a reason when it changes."""

    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="levels")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="skill_levels")
    # Checked by clean() with a whole-sentence message, so no field choices.
    current = models.PositiveSmallIntegerField("current level")
    target = models.PositiveSmallIntegerField("target level")
    assessed_on = models.DateField("assessed on")
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["skill", "team__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "team"],
                name="one_level_a_team_and_skill",
                violation_error_message="The team's level in this skill is already recorded: "
                "change that one instead.",
            ),
        ]

    def __str__(self):
        return f"{self.team}: {self.skill}"

    def clean(self):
        errors = {}
        for name, noun in (("current", "The current level"), ("target", "The target level")):
            value = getattr(self, name)
            if value is not None and value not in skill_rules.LEVELS:
                errors[name] = f"{noun} must be a whole number from 0 to 5."
        if (
            self.skill_id is not None
            and self.team_id is not None
            and self.team.organisation_id != self.skill.organisation_id
        ):
            errors["team"] = "Choose a team of this council."
        _raise(errors)

    @property
    def gap(self):
        return skill_rules.gap(self.current, self.target)

    @property
    def current_name(self):
        return skill_rules.LEVELS.get(self.current, "")

    @property
    def target_name(self):
        return skill_rules.LEVELS.get(self.target, "")


class SkillAction(models.Model):
    """A development action of the skills framework: an action of a body's action log, raised
    to close a team's gap in a skill (not at a meeting)."""

    level = models.ForeignKey(SkillLevel, on_delete=models.PROTECT, related_name="actions")
    action = models.OneToOneField(Action, on_delete=models.PROTECT, related_name="skill_link")
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.level} – {self.action}"


class DigitalChampion(ServesTheStrategy):
    """A member of staff who champions digital services in their service (seed 001's network
    of digital champions): since when, and until when once they step down."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        STEPPED_DOWN = "stepped_down", "Stepped down"

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    service = models.CharField(max_length=200)
    since = models.DateField()
    until = models.DateField("stepped down on", null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    history = HistoricalRecords()
    PEOPLE = ("person",)

    class Meta:
        ordering = ["service", "since", "pk"]

    def __str__(self):
        return f"{self.person} ({self.service})"

    def get_absolute_url(self):
        return reverse(
            "strategy:champion", kwargs={"org": self.organisation.slug, "champion_pk": self.pk}
        )

    def clean(self):
        errors = self.link_errors()
        if self.since and self.until and self.until < self.since:
            errors["until"] = (
                "The date they stepped down must be the same as or after the date since "
                "which they are a champion."
            )
        if self.status == self.Status.STEPPED_DOWN and self.until is None:
            errors["until"] = "Enter the date they stepped down."
        if self.status == self.Status.ACTIVE and self.until is not None:
            errors["status"] = "Choose stepped down: the champion has a date they stepped down."
        _raise(errors)
