"""Investment planning: the council's scoring model, its criteria and the assessors' scores
(issue 11, §1). The rules are in `steerco.planning.rules.scoring`; changes go through
`steerco.planning.actions`."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from steerco.accounts.models import Organisation
from steerco.lib.versioning import Versioned
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

    def rule_criteria(self):
        return [criterion.as_rule() for criterion in self.criteria.all()]

    def score(self, project):
        """The weighted score of a project, who scored what, and the spreads flagged."""
        by_criterion = {}
        for given in project.planning_scores.filter(criterion__model=self).select_related(
            "criterion", "assessor"
        ):
            by_criterion.setdefault(given.criterion.name, []).append(
                (given.assessor.get_full_name() or given.assessor.get_username(), given.score)
            )
        return scoring.score(self.rule_criteria(), by_criterion, wide=self.wide_spread)


class Criterion(models.Model):
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
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["model", "name"], name="planning_criterion_unique_name")
        ]
        verbose_name_plural = "criteria"

    def __str__(self):
        return self.name

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
