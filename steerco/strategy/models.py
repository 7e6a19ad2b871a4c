"""The council's ICT strategy: its period, vision and status, its themes and the objectives
under them, the principles that underpin it and the policy drivers (of the governance model)
it answers; and the performance standards framework: the KPIs that evidence it, with their
targets, benchmarks and measurements.

Theme and CorporateObjective were the portfolio's; they moved here with their tables
(`portfolio_theme`, `portfolio_corporateobjective` and their history) kept as they were.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from simple_history.models import HistoricalRecords

from steerco.accounts.models import Organisation, check_same_organisation
from steerco.governance.models import PolicyDriver
from steerco.lib.versioning import Versioned
from steerco.meetings.models import Action, Decision
from steerco.strategy.rules import performance


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


class ObjectiveAction(models.Model):
    """An action of the strategy's action plan: an action of a body's action log, raised on
    an objective of the strategy (not at a meeting)."""

    objective = models.ForeignKey(
        CorporateObjective, on_delete=models.PROTECT, related_name="plan_actions"
    )
    action = models.OneToOneField(Action, on_delete=models.PROTECT, related_name="objective_link")
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.objective} – {self.action}"


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


MEASURE = {"max_digits": 14, "decimal_places": 2}


class Direction(models.TextChoices):
    HIGHER = performance.HIGHER, "Higher is better"
    LOWER = performance.LOWER, "Lower is better"


class Frequency(models.TextChoices):
    MONTHLY = performance.MONTHLY, "Monthly"
    QUARTERLY = performance.QUARTERLY, "Quarterly (quarters of the financial year)"
    YEARLY = performance.YEARLY, "Yearly (financial years)"


class Unit(models.TextChoices):
    PERCENTAGE = performance.PERCENTAGE, "Percentage"
    POUNDS = performance.POUNDS, "Pounds (£)"
    NUMBER = performance.NUMBER, "Number"
    DAYS = performance.DAYS, "Days"


class Rag(models.TextChoices):
    GREEN = performance.GREEN, "Green"
    AMBER = performance.AMBER, "Amber"
    RED = performance.RED, "Red"


# The Socitm ICT benchmarking indicators that councils report: every organisation starts with
# them (name, definition, unit, direction, frequency); it sets their targets and owners.
SOCITM_KPIS = (
    (
        "User satisfaction",
        "The percentage of users surveyed who are satisfied or very satisfied with the ICT "
        "service.",
        performance.PERCENTAGE,
        performance.HIGHER,
        performance.QUARTERLY,
    ),
    (
        "Resolution of reported incidents",
        "The percentage of incidents reported to the service desk that were resolved within "
        "the time agreed for their priority.",
        performance.PERCENTAGE,
        performance.HIGHER,
        performance.MONTHLY,
    ),
    (
        "Project success index",
        "The average score (1 to 7) that the sponsors of the projects completed in the period "
        "gave for delivery to time, budget and quality.",
        performance.NUMBER,
        performance.HIGHER,
        performance.QUARTERLY,
    ),
    (
        "Workstation acquisition cost",
        "The average cost in pounds of buying and installing one workstation, over the year.",
        performance.POUNDS,
        performance.LOWER,
        performance.YEARLY,
    ),
    (
        "Workstation support cost",
        "The annual cost in pounds of supporting one workstation: the service desk, desktop "
        "support and the software on it.",
        performance.POUNDS,
        performance.LOWER,
        performance.YEARLY,
    ),
    (
        "Service availability",
        "The percentage of the agreed service hours in which the council's key ICT services "
        "were available to users.",
        performance.PERCENTAGE,
        performance.HIGHER,
        performance.MONTHLY,
    ),
    (
        "Voice and data communications cost",
        "The annual cost in pounds of the council's telephony and data network per member "
        "of staff.",
        performance.POUNDS,
        performance.LOWER,
        performance.YEARLY,
    ),
    (
        "Flexible working",
        "The percentage of staff equipped to work flexibly: from home, from another office or "
        "on the move.",
        performance.PERCENTAGE,
        performance.HIGHER,
        performance.QUARTERLY,
    ),
)


class KPIQuerySet(models.QuerySet):
    def with_latest(self):
        """Each KPI with its latest measurement's period, value and status and the value
        before it, for the list: four subqueries in one query, whatever the history."""
        measurements = Measurement.objects.filter(kpi=OuterRef("pk")).order_by("-period_starts_on")
        return self.select_related("owner", "theme__strategy").annotate(
            latest_period=Subquery(measurements.values("period_starts_on")[:1]),
            latest_value=Subquery(measurements.values("value")[:1]),
            latest_status=Subquery(measurements.values("status")[:1]),
            previous_value=Subquery(measurements.values("value")[1:2]),
        )


class KPI(Versioned):
    """A key performance indicator of the council's performance standards framework: what it
    measures, how often, the target and the tolerance that make a measurement red, amber or
    green, who owns it, the strategic theme it evidences and, where there is one, a benchmark
    against the council's peers."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    definition = models.TextField()
    unit = models.CharField(max_length=12, choices=Unit.choices)
    direction = models.CharField(max_length=8, choices=Direction.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    target = models.DecimalField(**MEASURE, null=True, blank=True)
    tolerance = models.DecimalField(**MEASURE, default=0)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="kpis"
    )
    benchmark_lower_quartile = models.DecimalField(
        "peer group lower quartile", **MEASURE, null=True, blank=True
    )
    benchmark_median = models.DecimalField("peer group median", **MEASURE, null=True, blank=True)
    benchmark_upper_quartile = models.DecimalField(
        "peer group upper quartile", **MEASURE, null=True, blank=True
    )
    benchmark_source = models.CharField("source of the benchmark", max_length=200, blank=True)
    benchmark_year = models.PositiveSmallIntegerField(
        "year of the benchmark", null=True, blank=True
    )
    history = HistoricalRecords()

    objects = KPIQuerySet.as_manager()

    BENCHMARK_FIGURES = ("benchmark_lower_quartile", "benchmark_median", "benchmark_upper_quartile")

    class Meta:
        verbose_name = "KPI"
        verbose_name_plural = "KPIs"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="kpi_name_unique",
                violation_error_message="The council already has a KPI with this name.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("strategy:kpi", kwargs={"org": self.organisation.slug, "kpi_pk": self.pk})

    def clean(self):
        check_same_organisation(self, parents=["theme"], people=["owner"])
        errors = {}
        if self.tolerance is not None and self.tolerance < 0:
            errors["tolerance"] = "The tolerance must be 0 or more."
        for field, noun in (("target", "The target"), ("tolerance", "The tolerance")):
            value = getattr(self, field)
            if value is not None and self.unit and field not in errors:
                problem = performance.value_problem(self.unit, value, noun)
                if problem:
                    errors[field] = problem
        figures = [getattr(self, name) for name in self.BENCHMARK_FIGURES]
        if any(figure is not None for figure in figures):
            if figures[1] is None:
                errors["benchmark_median"] = "Enter the peer group median of the benchmark."
            if not self.benchmark_source.strip():
                errors["benchmark_source"] = "Enter the source of the benchmark."
            if self.benchmark_year is None:
                errors["benchmark_year"] = "Enter the year of the benchmark."
            given = [figure for figure in figures if figure is not None]
            if given != sorted(given):
                errors["benchmark_median"] = (
                    "The lower quartile, the median and the upper quartile must be in order, "
                    "from the lowest figure to the highest."
                )
            for name, figure in zip(self.BENCHMARK_FIGURES, figures, strict=True):
                problem = (
                    figure is not None
                    and self.unit
                    and performance.value_problem(self.unit, figure, "The benchmark figure")
                )
                if problem:
                    errors.setdefault(name, problem)
        elif self.benchmark_source.strip() or self.benchmark_year is not None:
            errors["benchmark_median"] = "Enter the peer group median of the benchmark."
        if errors:
            raise ValidationError(errors)

    @property
    def has_benchmark(self):
        return self.benchmark_median is not None

    def status_of(self, value):
        return performance.status(self.direction, value, self.target, self.tolerance)

    def period_label(self, starts_on):
        return performance.period_label(self.frequency, starts_on)

    def formatted(self, value):
        """A figure as the page writes it: "98.50%", "£1,250.00", "4.20", "3 days"."""
        if value is None:
            return ""
        # The database may give back 99.1 for 99.10.
        value = Decimal(value).quantize(Decimal("0.01"))
        if self.unit == Unit.PERCENTAGE:
            return f"{value}%"
        if self.unit == Unit.POUNDS:
            return f"£{value:,.2f}"
        if self.unit == Unit.DAYS:
            return f"{value.normalize():f} day{'' if value == 1 else 's'}"
        return f"{value}"


class Measurement(Versioned):
    """A KPI's value for one period, with a note. Its status (red, amber, green) is derived
    from the KPI's target by `rules/performance.py`, never typed; a correction is kept in the
    history with who made it, when and why."""

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="measurements")
    period_starts_on = models.DateField("first day of the period")
    value = models.DecimalField(**MEASURE)
    note = models.TextField(blank=True)
    status = models.CharField(max_length=6, choices=Rag.choices, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kpi", "period_starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "period_starts_on"],
                name="one_measurement_a_period",
                violation_error_message="The KPI already has a measurement for this period.",
            ),
        ]
        indexes = [models.Index(fields=["kpi", "-period_starts_on"], name="measurement_latest")]

    def __str__(self):
        return f"{self.kpi}: {self.period}"

    @property
    def period(self):
        return self.kpi.period_label(self.period_starts_on)

    def clean(self):
        errors = {}
        if self.period_starts_on is not None:
            problem = performance.period_problem(self.kpi.frequency, self.period_starts_on)
            if problem:
                errors["period_starts_on"] = problem
        if self.value is not None:
            problem = performance.value_problem(self.kpi.unit, self.value)
            if problem:
                errors["value"] = problem
        if errors:
            raise ValidationError(errors)


class MilestoneQuerySet(models.QuerySet):
    def for_plan(self):
        return self.order_by("due_on", "pk")


class Milestone(Versioned):
    """A milestone of the strategy's action plan, under an objective: achieved on a day (never
    one still to come), or not yet. A change to its date or to when it was achieved is kept in
    the history with who made it, when and why."""

    objective = models.ForeignKey(
        CorporateObjective, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(max_length=300)
    due_on = models.DateField("due date")
    achieved_on = models.DateField("date achieved", null=True, blank=True)
    history = HistoricalRecords()

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "strategy:milestone",
            kwargs={"org": self.objective.organisation.slug, "milestone_pk": self.pk},
        )

    @property
    def is_achieved(self):
        return self.achieved_on is not None

    def is_overdue(self, today):
        return self.achieved_on is None and self.due_on < today


# The registers the strategy asks the group to keep: their models live apart.
from steerco.strategy.registers import (  # noqa: E402, F401
    DigitalChampion,
    Legislation,
    Skill,
    SkillAction,
    SkillLevel,
    Team,
)
