"""The risk register: risks, their assessments on the 5 × 5 scale, the council's categories and
appetite, and the escalations that bring a risk to a body's agenda."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from steerco.accounts.models import Organisation, check_same_organisation
from steerco.governance.models import Body
from steerco.lib.versioning import Versioned
from steerco.meetings.models import Action, AgendaItem, Paper
from steerco.portfolio.models import BusinessCase, Programme, Project
from steerco.risks.rules import appetite, scoring
from steerco.strategy.models import CorporateObjective

MONEY = {"max_digits": 14, "decimal_places": 2}
LEVEL_CHOICES = [(n, str(n)) for n in scoring.LEVELS]

# The Orange Book's categories of risk, the default list of every organisation.
ORANGE_BOOK_CATEGORIES = (
    ("Strategy", appetite.OPEN),
    ("Governance", appetite.MINIMAL),
    ("Operations", appetite.CAUTIOUS),
    ("Legal", appetite.AVERSE),
    ("Property", appetite.CAUTIOUS),
    ("Financial", appetite.MINIMAL),
    ("Commercial", appetite.CAUTIOUS),
    ("People", appetite.CAUTIOUS),
    ("Technology", appetite.CAUTIOUS),
    ("Information", appetite.MINIMAL),
    ("Security", appetite.AVERSE),
    ("Project / programme", appetite.OPEN),
    ("Reputational", appetite.CAUTIOUS),
)

# The scale's default wording: likelihood with its probability, impact on money, service and
# reputation.
DEFAULT_LIKELIHOODS = {
    1: ("Rare", "Less than 5%"),
    2: ("Unlikely", "5% to 25%"),
    3: ("Possible", "25% to 50%"),
    4: ("Likely", "50% to 75%"),
    5: ("Almost certain", "More than 75%"),
}
DEFAULT_IMPACTS = {
    1: (
        "Negligible",
        "Less than £10,000",
        "No noticeable disruption to services",
        "No media interest",
    ),
    2: (
        "Minor",
        "£10,000 to £100,000",
        "Brief disruption to one service",
        "Local complaints",
    ),
    3: (
        "Moderate",
        "£100,000 to £500,000",
        "A service disrupted for a day or more",
        "Local media coverage",
    ),
    4: (
        "Major",
        "£500,000 to £2 million",
        "Several services disrupted for days",
        "Regional media coverage and questions from members",
    ),
    5: (
        "Catastrophic",
        "More than £2 million",
        "Critical services lost for a week or more",
        "National media coverage and intervention by government",
    ),
}


class RiskSettings(Versioned):
    """How an organisation runs its register: the body that owns it (its steering group) and
    where the bands of the 5 × 5 scale end. Its versions also guard the settings kept in rows
    of their own, one each (the tolerances, the wording of each axis of the scale): a settings
    page opened before another person's change to the same settings is refused rather than
    undoing it, and a change to other settings refuses nothing."""

    SEPARATE_VERSIONS = {
        "tolerances_version": [],
        "likelihood_version": [],
        "impact_version": [],
    }

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="risk_settings"
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The body that owns the register: risks for escalation go to its next meeting.",
    )
    low_up_to = models.PositiveSmallIntegerField("low band ends at", default=5)
    medium_up_to = models.PositiveSmallIntegerField("medium band ends at", default=12)
    high_up_to = models.PositiveSmallIntegerField("high band ends at", default=19)
    tolerances_version = models.PositiveIntegerField(default=1, editable=False)
    likelihood_version = models.PositiveIntegerField(default=1, editable=False)
    impact_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "risk settings"

    def __str__(self):
        return f"Risk settings of {self.organisation}"

    def clean(self):
        check_same_organisation(self, parents=["body"])

    @property
    def band_limits(self):
        return (self.low_up_to, self.medium_up_to, self.high_up_to, scoring.HIGHEST_SCORE)

    def register_body(self):
        """The register's body: the one chosen, or else the organisation's first steering
        group."""
        if self.body_id:
            return self.body
        return (
            Body.objects.filter(organisation_id=self.organisation_id, kind=Body.Kind.STEERING_GROUP)
            .select_related("organisation")
            .order_by("pk")
            .first()
        )


class ScaleDescriptor(models.Model):
    """What a level of the likelihood or impact scale means in this organisation."""

    class Axis(models.TextChoices):
        LIKELIHOOD = "likelihood", "Likelihood"
        IMPACT = "impact", "Impact"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    axis = models.CharField(max_length=20, choices=Axis.choices)
    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    name = models.CharField(max_length=60)
    probability = models.CharField(max_length=60, blank=True)
    money = models.CharField(max_length=200, blank=True)
    service = models.CharField(max_length=200, blank=True)
    reputation = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["axis", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "axis", "level"], name="scale_descriptor_unique"
            )
        ]

    def __str__(self):
        return f"{self.level} {self.name}"

    @property
    def wording(self):
        parts = [self.probability, self.money, self.service, self.reputation]
        return "; ".join(part for part in parts if part)


class AppetiteLevel(models.Model):
    """A level of the government's appetite scale and the tolerance it means here: the
    highest current score the council accepts in a category with that appetite."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(
        max_length=20, choices=[(level, level.title()) for level in appetite.LEVELS]
    )
    tolerance = models.PositiveSmallIntegerField(choices=[(n, str(n)) for n in range(1, 26)])
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "level"], name="appetite_level_unique")
        ]

    def __str__(self):
        return f"{self.get_level_display()} (tolerates {self.tolerance})"


class RiskCategory(Versioned):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=1)
    appetite = models.CharField(
        "appetite level",
        max_length=20,
        choices=[(level, level.title()) for level in appetite.LEVELS],
        default=appetite.CAUTIOUS,
    )
    # A category is never deleted: retired, it is offered for no new risk, and the risks in it
    # keep it.
    retired = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "risk categories"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="risk_category_unique")
        ]

    def __str__(self):
        return self.name


class RiskQuerySet(models.QuerySet):
    def for_register(self):
        return self.select_related("organisation", "category", "owner")

    def open(self):
        return self.filter(status=Risk.Status.OPEN)


class Risk(Versioned):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        ISSUE = "issue", "Became an issue"

    class Proximity(models.TextChoices):
        IMMINENT = "imminent", "Imminent (within 3 months)"
        NEAR = "near", "Near (3 to 12 months)"
        DISTANT = "distant", "Distant (more than 12 months)"

    class Treatment(models.TextChoices):
        TOLERATE = "tolerate", "Tolerate"
        TREAT = "treat", "Treat"
        TRANSFER = "transfer", "Transfer"
        TERMINATE = "terminate", "Terminate"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField(editable=False)
    title = models.CharField(max_length=300)
    cause = models.TextField(blank=True)
    event = models.TextField(blank=True)
    consequence = models.TextField(blank=True)
    category = models.ForeignKey(RiskCategory, on_delete=models.PROTECT, related_name="risks")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    closing_note = models.TextField(blank=True)
    proximity = models.CharField(max_length=20, choices=Proximity.choices, default=Proximity.NEAR)
    review_on = models.DateField("review date", null=True, blank=True)
    restricted = models.BooleanField(default=False)
    exemption = models.CharField(
        "reason for restriction", max_length=20, choices=Paper.Exemption.choices, blank=True
    )
    money_impact = models.DecimalField("money impact in pounds", null=True, blank=True, **MONEY)
    treatment = models.CharField(max_length=20, choices=Treatment.choices, default=Treatment.TREAT)
    controls = models.TextField("controls in place", blank=True)
    whole_service = models.BooleanField("affects the whole service", default=False)
    projects = models.ManyToManyField(Project, blank=True, related_name="risks")
    business_cases = models.ManyToManyField(BusinessCase, blank=True, related_name="risks")
    programmes = models.ManyToManyField(Programme, blank=True, related_name="risks")
    objectives = models.ManyToManyField(
        CorporateObjective, blank=True, related_name="risks", verbose_name="corporate objectives"
    )
    # The latest assessment, kept on the risk so that the register, its filters and the heat
    # maps read one table; every assessment is kept as an `Assessment` row.
    inherent_likelihood = models.PositiveSmallIntegerField(null=True, editable=False)
    inherent_impact = models.PositiveSmallIntegerField(null=True, editable=False)
    inherent_score = models.PositiveSmallIntegerField(null=True, editable=False)
    current_likelihood = models.PositiveSmallIntegerField(null=True, editable=False)
    current_impact = models.PositiveSmallIntegerField(null=True, editable=False)
    current_score = models.PositiveSmallIntegerField(null=True, editable=False)
    target_likelihood = models.PositiveSmallIntegerField(null=True, editable=False)
    target_impact = models.PositiveSmallIntegerField(null=True, editable=False)
    target_score = models.PositiveSmallIntegerField(null=True, editable=False)
    previous_score = models.PositiveSmallIntegerField(
        "current score before the last review", null=True, editable=False
    )
    assessed_on = models.DateField(null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[projects, business_cases, programmes, objectives])

    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="risk_number_unique"),
            models.CheckConstraint(
                condition=Q(restricted=False, exemption="") | Q(restricted=True) & ~Q(exemption=""),
                name="restricted_risk_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(closing_note=""),
                name="closed_risk_has_note",
            ),
        ]
        indexes = [
            # Covers the flags (rules/appetite.py, in SQL in queries.flag_q) and who may read
            # a risk (RiskAccess.readable): counting the open risks with a flag, for the
            # filtered register and the escalation list, reads this index and not the
            # 20,000 rows with their texts.
            models.Index(
                fields=[
                    "organisation",
                    "status",
                    "current_score",
                    "category",
                    "review_on",
                    "previous_score",
                    "restricted",
                    "owner",
                    "created_by",
                ],
                name="risk_flags_idx",
            ),
            models.Index(fields=["organisation", "current_likelihood", "current_impact"]),
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self):
        return reverse("risks:risk", kwargs={"org": self.organisation.slug, "risk_pk": self.pk})

    def clean(self):
        check_same_organisation(self, parents=["category"], people=["owner"])

    @property
    def reference(self):
        return self.reference_of(self.number)

    @staticmethod
    def reference_of(number):
        return f"R-{number:03d}"

    @property
    def is_assessed(self):
        return self.current_score is not None

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    def rating(self, which):
        likelihood = getattr(self, f"{which}_likelihood")
        if likelihood is None:
            return None
        return scoring.Rating(likelihood, getattr(self, f"{which}_impact"))

    def expected_loss(self):
        if self.money_impact is None or self.current_likelihood is None:
            return None
        return scoring.expected_loss(self.current_likelihood, self.money_impact)


class Assessment(models.Model):
    """One assessment of a risk: kept for ever, a reassessment adds a row."""

    risk = models.ForeignKey(Risk, on_delete=models.PROTECT, related_name="assessments")
    assessed_on = models.DateField("date")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    inherent_likelihood = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    inherent_impact = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    current_likelihood = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    current_impact = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    target_likelihood = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    target_impact = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    target_reason = models.TextField(
        "why the target is above the score before controls", blank=True
    )
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["risk", "assessed_on", "id"]

    def __str__(self):
        return f"{self.risk_id} on {self.assessed_on}"

    def rating(self, which):
        return scoring.Rating(
            getattr(self, f"{which}_likelihood"), getattr(self, f"{which}_impact")
        )

    @property
    def inherent_score(self):
        return self.inherent_likelihood * self.inherent_impact

    @property
    def current_score(self):
        return self.current_likelihood * self.current_impact

    @property
    def target_score(self):
        return self.target_likelihood * self.target_impact


class RiskAction(models.Model):
    """A mitigating action of a risk: an action of the action log, raised on the risk."""

    risk = models.ForeignKey(Risk, on_delete=models.PROTECT, related_name="risk_actions")
    action = models.OneToOneField(Action, on_delete=models.PROTECT, related_name="risk_link")
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.risk} – {self.action}"


class Escalation(models.Model):
    """A risk brought to a body: from a project board to the steering group, or from the
    steering group to the executive team. Accepted, it is an item of the body's agenda."""

    risk = models.ForeignKey(Risk, on_delete=models.PROTECT, related_name="escalations")
    from_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("why")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    escalated_at = models.DateTimeField()
    item = models.OneToOneField(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risk_escalation",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["risk", "escalated_at", "id"]

    def __str__(self):
        return f"{self.risk} to {self.to_body}"


def _register_file_path(register_file, filename):
    # The stored name says nothing of whose file it is, nor can it be guessed.
    return f"register-files/{register_file.organisation_id}/{uuid.uuid4().hex}.xlsx"


class RegisterFile(models.Model):
    """One person's Excel workbook of the register, written by the task worker: a register of
    thousands of risks takes longer than a request may (openpyxl writing every cell). It holds
    what that person could read when it was written, with the filters they asked for; it is
    served to them alone, replaced by the next they ask for, and not served after `KEPT_FOR`
    (the register moves on). Not a record of the council's business: no history."""

    class State(models.TextChoices):
        BUILDING = "building", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    KEPT_FOR = timedelta(hours=24)

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The register's filters and order, as its address gave them (without the page number).
    query = models.CharField(max_length=2000, blank=True)
    # The request this file answers: a build whose token is no longer the file's writes nothing.
    token = models.UUIDField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.BUILDING)
    requested_at = models.DateTimeField()
    built_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(upload_to=_register_file_path, max_length=300, blank=True)
    risk_count = models.PositiveIntegerField(null=True, blank=True)
    # The restricted risks it holds: a person who can no longer read one is not served it.
    restricted_risk_ids = models.JSONField(default=list, blank=True)
    failure = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person"], name="one_register_file_a_person"
            )
        ]

    def __str__(self):
        return f"Register file of {self.person} ({self.get_state_display()})"

    def expired(self, now):
        return self.built_at is not None and now - self.built_at > self.KEPT_FOR
