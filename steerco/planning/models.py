"""Investment planning: the council's scoring model, its criteria and the assessors' scores
(issue 11, §1). The rules are in `steerco.planning.rules.scoring`; changes go through
`steerco.planning.actions`."""

import json
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from steerco.accounts.models import Organisation
from steerco.lib.versioning import Versioned
from steerco.meetings.models import AgendaItem
from steerco.planning.rules import problem as planning_file
from steerco.planning.rules import scoring
from steerco.portfolio.models import Project


class ScoringModel(Versioned):
    """How a council scores candidates for investment: one per organisation."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="scoring_model"
    )
    wide_spread = models.PositiveSmallIntegerField(
        "spread flagged for discussion",
        default=scoring.WIDE_SPREAD,
        validators=[MinValueValidator(1), MaxValueValidator(scoring.HIGHEST)],
        help_text="Points between the highest and lowest assessor's score on a criterion.",
    )
    history = HistoricalRecords()

    def __str__(self):
        return f"Scoring model of {self.organisation}"

    def get_absolute_url(self):
        return reverse("planning:scoring", kwargs={"org": self.organisation.slug})

    def rule_criteria(self):
        return [criterion.as_rule() for criterion in self.criteria.in_use()]

    def score(self, project):
        """The weighted score of a project, who scored what, and the spreads flagged."""
        return self.scored(project)[0]

    def scored(self, project):
        """The project's result and the scores it is made from (with their comments)."""
        rows = list(
            project.planning_scores.filter(criterion__model=self, criterion__retired_at=None)
            .select_related("criterion", "assessor")
            .order_by("assessor__name", "assessor_id")
        )
        by_criterion = {}
        for given in rows:
            by_criterion.setdefault(given.criterion.name, []).append(
                (given.assessor.get_full_name(), given.score)
            )
        return scoring.score(self.rule_criteria(), by_criterion, wide=self.wide_spread), rows


class CriterionQuerySet(models.QuerySet):
    def in_use(self):
        return self.filter(retired_at=None)


class Criterion(models.Model):
    """A criterion of the scoring model. One that has been scored on is never deleted: it is
    retired (no longer scored on or counted), and its scores stay in the history."""

    model = models.ForeignKey(ScoringModel, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=200)
    weight = models.DecimalField(max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])
    position = models.PositiveSmallIntegerField(default=1)
    scale_0 = models.CharField("what 0 means", max_length=300, blank=True)
    scale_1 = models.CharField("what 1 means", max_length=300, blank=True)
    scale_2 = models.CharField("what 2 means", max_length=300, blank=True)
    scale_3 = models.CharField("what 3 means", max_length=300, blank=True)
    scale_4 = models.CharField("what 4 means", max_length=300, blank=True)
    scale_5 = models.CharField("what 5 means", max_length=300, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = CriterionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["model", "name"], name="planning_criterion_unique_name")
        ]
        verbose_name_plural = "criteria"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("planning:scoring", kwargs={"org": self.model.organisation.slug})

    @property
    def scale(self):
        return tuple(getattr(self, f"scale_{point}") for point in range(6))

    def as_rule(self):
        scale = self.scale
        return scoring.Criterion(self.name, self.weight, scale if any(scale) else ())


class Score(models.Model):
    """One assessor's score of one project on one criterion."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="planning_scores")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="planning_scores"
    )
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(scoring.LOWEST), MaxValueValidator(scoring.HIGHEST)]
    )
    comment = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "project", "assessor"], name="planning_score_once"
            )
        ]

    def __str__(self):
        return f"{self.assessor} scored {self.project} {self.score} on {self.criterion}"


class Scenario(Versioned):
    """A named set of inputs for the optimiser and its last answer (issue 11, §6). The
    candidates are built from the portfolio each time it is run, unless a planning file was
    uploaded: then the file's problem is run as it is."""

    class Measure(models.TextChoices):
        SCORE = "score", "Weighted score from the scoring model"
        NPSV = "npsv", "Net present social value (NPSV) of the business case option"
        RISK_ADJUSTED = "risk_adjusted", "NPSV less the expected loss of the project's risks"
        BLEND = "blend", "A blend of the weighted score and NPSV"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    first_year = models.PositiveSmallIntegerField(
        help_text="The financial year the plan starts in: 2027 for 2027/28."
    )
    # Pounds per year as strings, so that they stay exact decimals.
    capital_budgets = models.JSONField(default=list)
    revenue_budgets = models.JSONField(default=list)
    capital_carry_forward = models.BooleanField(default=False)
    value_measure = models.CharField(max_length=20, choices=Measure.choices, default=Measure.SCORE)
    score_share = models.PositiveSmallIntegerField(default=50, validators=[MaxValueValidator(100)])
    include_approved = models.BooleanField(default=False)
    start_window = models.PositiveSmallIntegerField(default=2, validators=[MaxValueValidator(10)])
    # {theme: {"min": "pounds" or None, "max": …}}, capital plus revenue within the horizon.
    theme_spend = models.JSONField(default=dict, blank=True)
    # Project references that must be chosen, and groups of which at most one may be.
    mandatory = models.JSONField(default=list, blank=True)
    exclusive = models.JSONField(default=list, blank=True)
    max_above_appetite = models.PositiveSmallIntegerField(null=True, blank=True)
    # {project reference: [earliest start, latest start]}: a project's own start window in this
    # scenario, in place of its business case's start and the scenario's `start_window`.
    start_windows = models.JSONField(default=dict, blank=True)
    # The problem of an uploaded planning file (its JSON text), run instead of the portfolio's.
    uploaded = models.TextField(blank=True, editable=False)
    uploaded_name = models.CharField(max_length=255, blank=True, editable=False)
    # The last answer (JSON text: amounts read back as exact decimals), who asked and when.
    answer = models.TextField(blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Optimising is the task worker's (steerco/planning/tasks.py): since when it was asked for,
    # until the answer is kept; and why the last attempt failed, if it did.
    optimising_since = models.DateTimeField(null=True, blank=True, editable=False)
    optimise_failed = models.TextField(blank=True, editable=False)
    # The efficient frontier of the inputs of `frontier_version` (JSON text), and when.
    frontier = models.TextField(blank=True, editable=False)
    frontier_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Worked out by the task worker too: since when, and why the last attempt failed.
    frontier_since = models.DateTimeField(null=True, blank=True, editable=False)
    frontier_failed = models.TextField(blank=True, editable=False)
    # The agenda item its recommendation paper was put to, the latest (the history keeps the rest).
    recommended_at = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="planning_scenario_unique_name"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "planning:scenario", kwargs={"org": self.organisation.slug, "scenario_pk": self.pk}
        )

    @property
    def years(self):
        return tuple(range(self.first_year, self.first_year + len(self.capital_budgets)))

    def budgets(self, kind):
        amounts = self.capital_budgets if kind == "capital" else self.revenue_budgets
        return tuple(Decimal(amount) for amount in amounts)

    def theme_limits(self):
        return {
            theme: {
                bound: Decimal(limits[bound]) if limits.get(bound) is not None else None
                for bound in ("min", "max")
            }
            for theme, limits in self.theme_spend.items()
        }

    def last_answer(self):
        return json.loads(self.answer, parse_float=Decimal) if self.answer else None

    def last_frontier(self):
        return json.loads(self.frontier, parse_float=Decimal) if self.frontier else None

    def uploaded_problem(self):
        return planning_file.parse(self.uploaded) if self.uploaded else None
