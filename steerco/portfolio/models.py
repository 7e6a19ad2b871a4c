"""The ICT portfolio: programmes and projects, their business cases and benefits, the links
between them, and what services and project boards submit to the steering group."""

from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from steerco.accounts.models import Organisation, check_same_organisation
from steerco.governance.models import Body
from steerco.lib.versioning import Versioned
from steerco.meetings.models import AgendaItem, Decision, Paper
from steerco.strategy.models import CorporateObjective, Theme

MONEY = {"max_digits": 14, "decimal_places": 2}


class ConfidenceScale(models.TextChoices):
    FIVE = "five", "Five-point (green, amber/green, amber, amber/red, red)"
    THREE = "three", "Three-point (green, amber, red)"


class Rating(models.TextChoices):
    GREEN = "green", "Green"
    AMBER_GREEN = "amber_green", "Amber/green"
    AMBER = "amber", "Amber"
    AMBER_RED = "amber_red", "Amber/red"
    RED = "red", "Red"


class PortfolioSettings(models.Model):
    """How this council keeps its portfolio."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="portfolio_settings"
    )
    confidence_scale = models.CharField(
        "delivery confidence scale",
        max_length=10,
        choices=ConfidenceScale.choices,
        default=ConfidenceScale.FIVE,
    )
    history = HistoricalRecords()

    def __str__(self):
        return f"Portfolio settings of {self.organisation}"


class Programme(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    sro = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="senior responsible owner",
    )
    board = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="programme board",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="programme_reference_unique"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "portfolio:programme",
            kwargs={"org": self.organisation.slug, "programme_pk": self.pk},
        )

    def clean(self):
        check_same_organisation(self, parents=["board"], people=["sro"])


class Product(models.Model):
    """A product or platform in use, or to be, across the council: the catalogue behind seed
    000's "common product strategy"."""

    class Kind(models.TextChoices):
        PRODUCT = "product", "Product"
        PLATFORM = "platform", "Platform"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PRODUCT)
    supplier = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="product_name_unique")
        ]

    def __str__(self):
        return self.name


class ProjectQuerySet(models.QuerySet):
    def for_register(self):
        return self.select_related("programme", "board", "sro", "manager")


class Project(Versioned):
    class Stage(models.TextChoices):
        IDEA = "idea", "Idea"
        PROPOSAL = "proposal", "Proposal"
        BUSINESS_CASE = "business_case", "Business case"
        APPROVED = "approved", "Approved"
        IN_DELIVERY = "in_delivery", "In delivery"
        CLOSED = "closed", "Closed"
        CANCELLED = "cancelled", "Cancelled"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    sro = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="senior responsible owner",
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="project manager",
    )
    service_area = models.CharField("owning service area", max_length=200, blank=True)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="projects"
    )
    board = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="project board",
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.IDEA)
    starts_on = models.DateField("start date", null=True, blank=True)
    ends_on = models.DateField("end date", null=True, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="projects")
    objectives = models.ManyToManyField(
        CorporateObjective, blank=True, related_name="projects", verbose_name="corporate objectives"
    )
    products = models.ManyToManyField(
        Product, through="ProductUse", blank=True, related_name="projects"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[themes, objectives])

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="project_reference_unique"
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.name}"

    def get_absolute_url(self):
        return reverse(
            "portfolio:project", kwargs={"org": self.organisation.slug, "project_pk": self.pk}
        )

    def clean(self):
        check_same_organisation(self, parents=["programme", "board"], people=["sro", "manager"])
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": "The end date must be the same as or after the start date."}
            )


class ProductUseQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_on__isnull=True)

    def ended(self):
        return self.filter(ended_on__isnull=False)


class ProductUse(models.Model):
    """A project's use of a product or platform. When it stops, the use is ended (on a date,
    by someone, with the reason), never deleted: a project has one current use of a product
    at a time, and may use it again later."""

    class Use(models.TextChoices):
        USES = "uses", "Uses"
        INTRODUCES = "introduces", "Introduces"
        RETIRES = "retires", "Retires"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="product_uses")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="uses")
    use = models.CharField(max_length=20, choices=Use.choices, default=Use.USES)
    ended_on = models.DateField("date it ended", null=True, blank=True, editable=False)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    ended_reason = models.CharField("why it ended", max_length=300, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ProductUseQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "product"],
                condition=Q(ended_on__isnull=True),
                name="one_current_product_use",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, ended_reason="")
                | Q(ended_on__isnull=False) & ~Q(ended_reason=""),
                name="ended_product_use_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.project} {self.get_use_display().lower()} {self.product}"

    def clean(self):
        if (
            self.project_id
            and self.product_id
            and self.project.organisation_id != self.product.organisation_id
        ):
            raise ValidationError({"product": "Select a product of this council."})

    @property
    def is_current(self):
        return self.ended_on is None


class ConfidenceAssessment(models.Model):
    """A Delivery Confidence Assessment, kept as entered on the scale it was made on."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="confidence_assessments"
    )
    assessed_on = models.DateField("date of the assessment")
    scale = models.CharField(max_length=10, choices=ConfidenceScale.choices)
    rating = models.CharField(max_length=20, choices=Rating.choices)
    assessor = models.CharField(
        "who made it", max_length=100, blank=True, help_text="For example IPA or SRO."
    )
    commentary = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale="five") | Q(rating__in=["green", "amber", "red"]),
                name="three_point_rating_on_three_point_scale",
            )
        ]

    def __str__(self):
        return f"{self.get_rating_display()} on {self.assessed_on:%-d %B %Y}"


class Dependency(models.Model):
    """`project` waits on `depends_on`. Ended with a reason when it no longer holds; never
    deleted, so the history shows what the group was told."""

    class Kind(models.TextChoices):
        FINISH_FIRST = "finish_first", "Must finish first"
        PRODUCT = "product", "Needs a product or platform it delivers"
        SHARED_RESOURCE = "shared_resource", "Shares a resource"
        SAME_SERVICE = "same_service", "Affects the same service"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="dependencies")
    depends_on = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="dependants")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FINISH_FIRST)
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True, editable=False)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    ended_reason = models.CharField(max_length=300, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "dependencies"
        constraints = [
            models.CheckConstraint(
                condition=~Q(project=models.F("depends_on")), name="dependency_not_on_itself"
            )
        ]

    def __str__(self):
        return f"{self.project} depends on {self.depends_on}"

    def clean(self):
        check_same_organisation(self, parents=["project", "depends_on"])

    @property
    def is_current(self):
        return self.ended_at is None


class AppraisalParametersQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        """The national sets and the organisation's own."""
        return self.filter(Q(organisation__isnull=True) | Q(organisation=organisation))


class AppraisalParameters(models.Model):
    """One effective-dated set of the Treasury's appraisal figures: the discount schedule and
    the optimism-bias table. A Treasury revision is a new row, not a change of code.

    A set without an organisation is national (the Treasury's, loaded by a migration); a
    council's administrator adds the council's own, which apply to that council only."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    effective_from = models.DateField("in force from")
    source = models.CharField(max_length=300)
    # [[first year, last year, rate], …], e.g. [[0, 30, "0.035"], [31, 75, "0.03"], …]
    discount_schedule = models.JSONField()
    # {project type: {"label": …, "capital": [upper, lower], "duration": [upper, lower], …}}
    optimism_bias = models.JSONField()
    # {"2024": "100.0", …}: a price index by financial year (the GDP deflator), which rebases
    # a business case given in cash prices to its base year's prices. May be empty.
    deflator = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = AppraisalParametersQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from", "-pk"]
        verbose_name_plural = "appraisal parameters"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "effective_from"],
                condition=Q(organisation__isnull=False),
                name="one_council_appraisal_set_a_day",
            ),
            models.UniqueConstraint(
                fields=["effective_from"],
                condition=Q(organisation__isnull=True),
                name="one_national_appraisal_set_a_day",
            ),
        ]

    def __str__(self):
        return f"Appraisal parameters from {self.effective_from:%-d %B %Y}"

    def as_rules(self):
        """The set for steerco.portfolio.rules.appraisal."""
        from steerco.portfolio.rules.appraisal import parameters_from_data

        return parameters_from_data(
            self.effective_from, self.source, self.discount_schedule, self.optimism_bias
        )

    def deflator_series(self):
        """The deflator as {2024: Decimal("100.0"), …}."""
        from steerco.portfolio.rules.appraisal import deflator_from_data

        return deflator_from_data(self.deflator)


class BusinessCase(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SUPERSEDED = "superseded", "Superseded"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="business_cases")
    number = models.PositiveSmallIntegerField("version")
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    restricted = models.BooleanField(default=False)
    exemption = models.CharField(
        "reason for restriction", max_length=20, choices=Paper.Exemption.choices, blank=True
    )
    risk_assessment = models.TextField(blank=True)
    base_year = models.PositiveSmallIntegerField(
        "base year", help_text="The financial year the prices are in: 2024 for 2024/25."
    )
    horizon_years = models.PositiveSmallIntegerField("appraisal period in years", default=10)

    class Prices(models.TextChoices):
        REAL = "real", "Real terms, in the base year's prices"
        NOMINAL = "nominal", "Cash terms, in each year's own prices"

    prices = models.CharField(
        "prices the figures are in", max_length=10, choices=Prices.choices, default=Prices.REAL
    )
    project_type = models.CharField(
        "project type for optimism bias", max_length=40, default="equipment_development"
    )
    approved_by_decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="business_case_version"),
            models.CheckConstraint(
                condition=Q(restricted=False, exemption="") | Q(restricted=True) & ~Q(exemption=""),
                name="restricted_business_case_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.title} (version {self.number})"

    def get_absolute_url(self):
        return reverse(
            "portfolio:business-case", kwargs={"org": self.organisation.slug, "case_pk": self.pk}
        )

    def clean(self):
        check_same_organisation(self, parents=["project"])

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED


class Option(models.Model):
    """One option of a business case's options appraisal; "do nothing" is one of them."""

    business_case = models.ForeignKey(
        BusinessCase, on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    is_do_nothing = models.BooleanField("this is the do-nothing option", default=False)
    preferred = models.BooleanField("preferred option", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["business_case", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["business_case"],
                condition=Q(preferred=True),
                name="one_preferred_option",
            )
        ]

    def __str__(self):
        return self.name


class ProfileYear(models.Model):
    """An option's costs and benefits in one financial year (April to March), in pounds."""

    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(help_text="The financial year: 2024 for 2024/25.")
    capital = models.DecimalField("capital cost", default=0, **MONEY)
    revenue = models.DecimalField("revenue cost", default=0, **MONEY)
    cashable_saving = models.DecimalField(default=0, **MONEY)
    non_cashable_benefit = models.DecimalField("non-cashable benefit value", default=0, **MONEY)
    displaced = models.DecimalField("existing cost displaced", default=0, **MONEY)
    history = HistoricalRecords()

    LINES = ("capital", "revenue", "cashable_saving", "non_cashable_benefit", "displaced")

    class Meta:
        ordering = ["option", "year"]
        constraints = [
            models.UniqueConstraint(fields=["option", "year"], name="one_profile_row_per_year"),
            models.CheckConstraint(
                condition=Q(capital__gte=0)
                & Q(revenue__gte=0)
                & Q(cashable_saving__gte=0)
                & Q(non_cashable_benefit__gte=0)
                & Q(displaced__gte=0),
                name="profile_figures_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.option} {self.year}/{(self.year + 1) % 100:02d}"


class Benefit(models.Model):
    class Kind(models.TextChoices):
        CASHABLE = "cashable", "Cashable"
        NON_CASHABLE = "non_cashable", "Non-cashable"
        QUALITATIVE = "qualitative", "Qualitative"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="benefits")
    description = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CASHABLE)
    measure = models.CharField(max_length=200, blank=True)
    baseline = models.CharField(max_length=100, blank=True)
    target = models.CharField(max_length=100, blank=True)
    target_value = models.DecimalField("target value in pounds", null=True, blank=True, **MONEY)
    target_on = models.DateField("target date", null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # What the benefit has realised by the rules (rules/benefits.py): the sum of its current
    # entries and whether that reaches its target (any current entry, for a benefit with no
    # target value). Kept by the actions that record and correct realisations, in their
    # transaction (realisation.store_realised), so the portfolio's totals are one sum and its
    # overdue benefits an indexed filter. Worked out, not entered: not in the history (each
    # realisation's own history says who recorded it and why).
    realised_value = models.DecimalField(
        "value realised in pounds", default=0, editable=False, **MONEY
    )
    is_realised = models.BooleanField("realised", default=False, editable=False)
    history = HistoricalRecords(excluded_fields=["realised_value", "is_realised"])

    class Meta:
        ordering = ["project", "target_on", "id"]
        indexes = [models.Index(fields=["is_realised", "target_on"], name="benefit_overdue_idx")]

    def __str__(self):
        return self.description


class BenefitRealisation(models.Model):
    """What a benefit delivered, recorded on a date with its evidence. A mistaken entry is never
    changed or deleted: a later entry `corrects` it, with the reason, and takes its place."""

    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="realisations")
    on = models.DateField("date")
    value = models.DecimalField("value realised in pounds", null=True, blank=True, **MONEY)
    evidence = models.TextField()
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
        editable=False,
    )
    reason = models.CharField("reason for the correction", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["benefit", "on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="realised_value_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True, reason="")
                | Q(corrects__isnull=False) & ~Q(reason=""),
                name="correction_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.benefit} on {self.on:%-d %B %Y}"


class Submission(Versioned):
    """What a service or a project board brings to a body: it becomes an agenda item when the
    secretary accepts it, and the decision made on that item flows back to it. While it waits,
    the officer who made it (or the body's secretary) may change it: a versioned record."""

    class Kind(models.TextChoices):
        HIGHLIGHT_REPORT = "highlight_report", "Highlight report"
        REQUEST_FOR_RESOURCE = "request_for_resource", "Request for resource"
        BUSINESS_CASE = "business_case", "Business case for approval"
        POLICY = "policy", "Policy for approval"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        ACCEPTED = "accepted", "On an agenda"
        RETURNED = "returned", "Returned"
        WITHDRAWN = "withdrawn", "Withdrawn"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="submissions")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=300)
    asked = models.TextField("what the group is asked to do")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    service_area = models.CharField(max_length=200, blank=True)
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions"
    )
    business_case = models.ForeignKey(
        BusinessCase, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions"
    )
    restricted = models.BooleanField(default=False)
    exemption = models.CharField(
        "reason for restriction", max_length=20, choices=Paper.Exemption.choices, blank=True
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    returned_reason = models.CharField(max_length=300, blank=True, editable=False)
    withdrawn_reason = models.CharField(max_length=300, blank=True, editable=False)
    item = models.OneToOneField(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submission",
        editable=False,
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(restricted=False, exemption="") | Q(restricted=True) & ~Q(exemption=""),
                name="restricted_submission_has_reason",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "portfolio:submission",
            kwargs={"org": self.organisation.slug, "submission_pk": self.pk},
        )

    def clean(self):
        check_same_organisation(
            self, parents=["body", "project", "business_case"], people=["submitted_by"]
        )


def _submission_path(upload, filename):
    # As for papers: the stored name never carries the uploaded name.
    return f"submissions/{upload.submission.organisation_id}/{upload.submission_id}/{uuid4().hex}"


class SubmissionFile(models.Model):
    """A paper of a submission. Replaced while the submission waits, the row takes the new file
    (the old one is removed from storage): the submission's history names both."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to=_submission_path, max_length=300)
    file_name = models.CharField(max_length=255)
    file_type = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission", "id"]

    def __str__(self):
        return self.title


class BiasMitigation(models.Model):
    """A contributory factor of optimism bias and how far the business case mitigates it
    (Supplementary Green Book Guidance: Optimism Bias): its share of the bias and the part of
    that share removed, both in per cent."""

    business_case = models.ForeignKey(
        BusinessCase, on_delete=models.CASCADE, related_name="bias_mitigations"
    )
    position = models.PositiveSmallIntegerField(default=1)
    factor = models.CharField("contributory factor", max_length=200)
    share = models.DecimalField("share of the bias (%)", max_digits=5, decimal_places=2)
    mitigation = models.DecimalField("mitigated (%)", max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["business_case", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(share__gte=0)
                & Q(share__lte=100)
                & Q(mitigation__gte=0)
                & Q(mitigation__lte=100),
                name="bias_mitigation_in_per_cent",
            ),
        ]

    def __str__(self):
        return self.factor


# The figures that are amounts; the others of a ProjectFigure are only ever withheld or not given.
FIGURE_AMOUNTS = ("baseline_spend", "forecast_spend", "whole_life_cost", "monetised_benefits")


class ProjectFigure(models.Model):
    """A figure of a project as its source reported it (the Government Major Projects
    Portfolio's baseline and forecast spend, whole-life cost and monetised benefits): an amount
    in pounds, or withheld under a Freedom of Information exemption, named as the source named
    it, or not given with the source's reason; never a zero standing for nothing. A start or
    end date, or a confidence rating, that the source withheld is kept the same way, since the
    project then has no date or rating of its own; the source's commentary on it goes with it."""

    class Name(models.TextChoices):
        BASELINE_SPEND = "baseline_spend", "Baseline spend"
        FORECAST_SPEND = "forecast_spend", "Forecast spend"
        WHOLE_LIFE_COST = "whole_life_cost", "Whole-life cost"
        MONETISED_BENEFITS = "monetised_benefits", "Monetised benefits"
        STARTS_ON = "starts_on", "Start date"
        ENDS_ON = "ends_on", "End date"
        IPA_CONFIDENCE = "ipa_confidence", "IPA delivery confidence"
        SRO_CONFIDENCE = "sro_confidence", "SRO delivery confidence"

    AMOUNTS = FIGURE_AMOUNTS

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="figures")
    name = models.CharField(max_length=30, choices=Name.choices)
    amount = models.DecimalField("amount in pounds", null=True, blank=True, **MONEY)
    withheld_exemption = models.CharField(
        "exemption it is withheld under", max_length=300, blank=True
    )
    not_given = models.TextField("why it is not given", blank=True)
    commentary = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="one_figure_per_name"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True)
                | Q(name__in=FIGURE_AMOUNTS, withheld_exemption="", not_given=""),
                name="figure_amount_or_withheld",
            ),
            models.CheckConstraint(
                condition=Q(withheld_exemption="") | Q(not_given=""),
                name="figure_withheld_or_not_given",
            ),
        ]

    def __str__(self):
        if self.withheld_exemption:
            return f"{self.get_name_display()}: withheld ({self.withheld_exemption})"
        if self.amount is not None:
            return f"{self.get_name_display()}: £{self.amount:,}"
        return f"{self.get_name_display()}: not given"

    @property
    def is_withheld(self):
        return bool(self.withheld_exemption)
