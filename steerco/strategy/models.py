"""The council's ICT strategy: its period, vision and status, its themes and the objectives
under them, the principles that underpin it and the policy drivers (of the governance model)
it answers.

Theme and CorporateObjective were the portfolio's; they moved here with their tables
(`portfolio_theme`, `portfolio_corporateobjective` and their history) kept as they were.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from steerco.accounts.models import Organisation, check_same_organisation
from steerco.governance.models import PolicyDriver
from steerco.lib.versioning import Versioned
from steerco.meetings.models import Decision


class StrategyQuerySet(models.QuerySet):
    def for_listing(self):
        """Current first, then the newest period."""
        return self.select_related("organisation", "decision__body").order_by(
            "-is_current", "-starts_in", "-ends_in", "title"
        )


class Strategy(Versioned):
    """A strategy of the council: drafted, approved by a body at a meeting (the decision is
    the evidence), and then the organisation's current one until another replaces it. Earlier
    strategies stay readable."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    starts_in = models.PositiveSmallIntegerField("first year")
    ends_in = models.PositiveSmallIntegerField("last year")
    vision = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="approving decision",
    )
    is_current = models.BooleanField("current", default=False, editable=False)
    # The local and national priorities of the governance model that the strategy answers.
    drivers = models.ManyToManyField(
        PolicyDriver, blank=True, related_name="strategies", verbose_name="policy drivers"
    )
    history = HistoricalRecords(m2m_fields=[drivers])

    objects = StrategyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "strategies"
        ordering = ["-starts_in", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_current=True),
                name="one_current_strategy",
                violation_error_message="The organisation already has a current strategy.",
            ),
            models.CheckConstraint(
                condition=Q(ends_in__gte=models.F("starts_in")),
                name="strategy_period_in_order",
                violation_error_message="The last year must be the same as or after the first.",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", decision__isnull=True)
                | Q(status="approved", decision__isnull=False),
                name="strategy_approved_by_decision",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.period})"

    def get_absolute_url(self):
        return reverse(
            "strategy:strategy", kwargs={"org": self.organisation.slug, "strategy_pk": self.pk}
        )

    @property
    def period(self):
        return f"{self.starts_in}\u2013{self.ends_in}"

    def clean(self):
        check_same_organisation(self, parents=["decision"])


class Theme(models.Model):
    """A strategic theme of the council's ICT strategy. The themes the portfolio had before
    strategies were recorded belong to none until someone places them in one."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, null=True, blank=True, related_name="themes"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=1)
    history = HistoricalRecords(table_name="portfolio_historicaltheme")

    class Meta:
        db_table = "portfolio_theme"
        ordering = ["position", "name"]
        constraints = [
            # Two strategies may each have a theme called "Digital First".
            models.UniqueConstraint(
                fields=["strategy", "name"],
                condition=Q(strategy__isnull=False),
                name="theme_name_unique_in_strategy",
                violation_error_message="The strategy already has a theme with this name.",
            ),
            models.UniqueConstraint(
                fields=["organisation", "name"],
                condition=Q(strategy__isnull=True),
                name="theme_name_unique",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        check_same_organisation(self, parents=["strategy"])


class Iso38500(models.TextChoices):
    """The six principles of ISO/IEC 38500 (governance of IT for the organisation)."""

    RESPONSIBILITY = "responsibility", "Responsibility"
    STRATEGY = "strategy", "Strategy"
    ACQUISITION = "acquisition", "Acquisition"
    PERFORMANCE = "performance", "Performance"
    CONFORMANCE = "conformance", "Conformance"
    HUMAN_BEHAVIOUR = "human_behaviour", "Human behaviour"


class CobitEdm(models.TextChoices):
    """COBIT 2019's evaluate, direct and monitor objectives."""

    EDM01 = "EDM01", "EDM01 Ensured governance framework setting and maintenance"
    EDM02 = "EDM02", "EDM02 Ensured benefits delivery"
    EDM03 = "EDM03", "EDM03 Ensured risk optimisation"
    EDM04 = "EDM04", "EDM04 Ensured resource optimisation"
    EDM05 = "EDM05", "EDM05 Ensured stakeholder engagement"


class CorporateObjective(models.Model):
    """An objective of the council that projects serve, optionally under a theme. An objective
    of a strategy sits under one of that strategy's themes, never another's."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, null=True, blank=True, related_name="objectives"
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="objectives"
    )
    title = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=1)
    # Codes of Iso38500 and CobitEdm: the frameworks councils report against.
    iso38500 = models.JSONField("ISO/IEC 38500 principles", default=list, blank=True)
    cobit = models.JSONField(
        "COBIT evaluate, direct and monitor objectives", default=list, blank=True
    )
    history = HistoricalRecords(table_name="portfolio_historicalcorporateobjective")

    class Meta:
        db_table = "portfolio_corporateobjective"
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        check_same_organisation(self, parents=["theme", "strategy"])
        if self.theme_id is not None and self.theme.strategy_id != self.strategy_id:
            raise ValidationError(
                {"theme": "Choose a theme of this strategy: the theme belongs to another one."}
            )
        for field, codes in (("iso38500", Iso38500.values), ("cobit", CobitEdm.values)):
            if not set(getattr(self, field)) <= set(codes):
                raise ValidationError({field: "Choose from the list."})

    @property
    def iso38500_labels(self):
        return [Iso38500(code).label for code in self.iso38500]

    @property
    def cobit_labels(self):
        return [CobitEdm(code).label for code in self.cobit]


class Principle(models.Model):
    """An underpinning principle of a strategy (seed 004 has eight)."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="principles")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title
