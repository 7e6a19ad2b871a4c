from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, When
from django.urls import reverse
from simple_history.models import HistoricalRecords

from steerco.accounts.models import Organisation, check_same_organisation
from steerco.governance.rules import terms
from steerco.lib.dates import in_force_on


class Body(models.Model):
    class Kind(models.TextChoices):
        STEERING_GROUP = "steering_group", "Steering group"
        EXECUTIVE_TEAM = "executive_team", "Directors Team / Executive Management Team"
        CABINET = "cabinet", "Cabinet"
        COUNCIL = "council", "Council"
        EFFICIENCY_BOARD = "efficiency_board", "Efficiency Board"
        SCRUTINY = "scrutiny", "Scrutiny"
        SERVICE_IMPROVEMENT_BOARD = "service_improvement_board", "Service Improvement Board"
        COMMITTEE = "committee", "Committee"
        PROJECT_BOARD = "project_board", "Project board"
        SERVICE = "service", "Council service"
        OTHER = "other", "Other"

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        FORTNIGHTLY = "fortnightly", "Fortnightly"
        MONTHLY = "monthly", "Monthly"
        BI_MONTHLY = "bi_monthly", "Bi-monthly (every other month)"
        QUARTERLY = "quarterly", "Quarterly"
        HALF_YEARLY = "half_yearly", "Every six months"
        ANNUALLY = "annually", "Annually"
        AS_REQUIRED = "as_required", "As required"

    class DecisionMethod(models.TextChoices):
        AGREEMENT = "agreement", "By agreement (no voting)"
        VOTE = "vote", "By vote"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=20,
        blank=True,
        help_text="Used in references, for example DSSG for decision DSSG/2026/014.",
    )
    kind = models.CharField(max_length=40, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(blank=True)
    frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.AS_REQUIRED
    )
    notice_working_days = models.PositiveSmallIntegerField(
        "notice period in working days",
        default=4,
        help_text="Agendas and papers are due this many working days before a meeting.",
    )
    quorum_minimum = models.PositiveSmallIntegerField(
        "minimum members present for quorum",
        default=0,
        help_text="Members who count toward quorum. Use 0 where no quorum applies.",
    )
    quorum_requires_chair = models.BooleanField(
        "the chair or nominated vice chair must be present", default=False
    )
    decision_method = models.CharField(
        max_length=20, choices=DecisionMethod.choices, default=DecisionMethod.AGREEMENT
    )
    support = models.CharField(
        "support to the body",
        max_length=200,
        blank=True,
        help_text="Who provides administrative support, for example the secretary.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "bodies"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="body_name_unique")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "governance:body-detail", kwargs={"org": self.organisation.slug, "pk": self.pk}
        )

    @property
    def quorum_rule(self):
        if not self.quorum_minimum:
            return "No quorum set"
        rule = f"At least {self.quorum_minimum} members present"
        if self.quorum_requires_chair:
            rule += ", including the chair or the nominated vice chair"
        return rule


class ReportingLine(models.Model):
    """What travels from one body to another, and when."""

    class Relationship(models.TextChoices):
        REPORTS_TO = "reports_to", "Reports to"
        REFERS_TO = "refers_to", "Refers matters for consideration to"
        WORKS_ALONGSIDE = "works_alongside", "Works alongside"

    class Carries(models.TextChoices):
        APPROVED_MINUTES = "approved_minutes", "Approved minutes"
        DECISIONS = "decisions", "Decisions"
        ACTION_LOG = "action_log", "Agreed action log"
        REPORTS = "reports", "Reports"
        RESOURCE_REQUESTS = "resource_requests", "Requests for resource"
        BUSINESS_CASES = "business_cases", "Business cases for approval"
        POLICIES = "policies", "Policies for consideration"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="reporting_lines"
    )
    from_body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="lines_out")
    to_body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="lines_in")
    relationship = models.CharField(
        max_length=20, choices=Relationship.choices, default=Relationship.REPORTS_TO
    )
    carries = models.JSONField(default=list, blank=True)
    condition = models.CharField(
        max_length=200, blank=True, help_text='In words, for example "at the request of Cabinet".'
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_body__name", "to_body__name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_body=models.F("to_body")), name="line_not_to_itself"
            ),
            models.UniqueConstraint(
                fields=["from_body", "to_body", "relationship"], name="one_line_per_relationship"
            ),
        ]

    def __str__(self):
        return f"{self.from_body} {self.get_relationship_display().lower()} {self.to_body}"

    def clean(self):
        if self.from_body_id and self.from_body_id == self.to_body_id:
            raise ValidationError(
                {"to_body": "A body cannot report to itself: choose another body."}
            )
        check_same_organisation(self, parents=["from_body", "to_body"])
        if self.from_body_id and self.to_body_id:
            clash = ReportingLine.objects.filter(
                from_body=self.from_body, to_body=self.to_body, relationship=self.relationship
            ).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    {"to_body": "This reporting line already exists: change the existing line."}
                )
        unknown = set(self.carries) - set(self.Carries.values)
        if unknown:
            raise ValidationError({"carries": f"Unknown business: {', '.join(sorted(unknown))}."})

    def carries_labels(self):
        labels = dict(self.Carries.choices)
        return [labels.get(value, value) for value in self.carries]


class PolicyDriver(models.Model):
    """Local and national priorities that feed into a body's work (the policy context)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="policy_drivers"
    )
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="policy_drivers")
    name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        check_same_organisation(self, parents=["body"])


class TermsOfReferenceQuerySet(models.QuerySet):
    def with_contents(self):
        return self.prefetch_related("objectives", "sections", "approvals")


class TermsOfReference(models.Model):
    """One version of a body's terms of reference: a row of the document-control table.

    Versions are never edited once saved; a change is a new version.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="terms_of_reference"
    )
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="terms_versions")
    version = models.CharField(max_length=20, help_text="For example 1.4.")
    version_key = models.JSONField(editable=False)
    issued_on = models.DateField("date", null=True, blank=True)
    author = models.CharField(max_length=150)
    summary_of_change = models.CharField(max_length=300)
    title = models.CharField(max_length=200, blank=True)
    purpose = models.TextField(blank=True)
    text_held = models.BooleanField(
        default=True, help_text="False where only the document-control row of a version is known."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = TermsOfReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = "terms of reference version"
        ordering = ["body", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "version"], name="one_row_per_version")
        ]

    def __str__(self):
        return f"{self.body} terms of reference v{self.version}"

    def save(self, *args, **kwargs):
        self.version_key = list(terms.parse_version(self.version))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "governance:terms-version",
            kwargs={"org": self.organisation.slug, "pk": self.body_id, "version_pk": self.pk},
        )

    def clean(self):
        check_same_organisation(self, parents=["body"])


class Objective(models.Model):
    terms = models.ForeignKey(TermsOfReference, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["terms", "number"], name="objective_number_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"


class Section(models.Model):
    """A headed section of the terms: roles, membership, quorum, frequency, standards, reporting."""

    terms = models.ForeignKey(TermsOfReference, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200)
    text = models.TextField()

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.heading


class Approval(models.Model):
    terms = models.ForeignKey(TermsOfReference, on_delete=models.CASCADE, related_name="approvals")
    approver = models.CharField("approver name", max_length=150)
    approved_on = models.DateField("date")
    history = HistoricalRecords()

    class Meta:
        ordering = ["approved_on", "id"]

    def __str__(self):
        return f"{self.approver} approved v{self.terms.version} on {self.approved_on}"


class MembershipQuerySet(models.QuerySet):
    def current(self, on):
        return self.filter(in_force_on(on))

    def in_role_order(self):
        ranks = [When(role=role, then=rank) for rank, role in enumerate(Membership.Role.values)]
        return self.order_by(Case(*ranks, default=len(ranks)), "starts_on", "id")

    def overlapping(self, starts_on, ends_on):
        overlap = Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
        if ends_on is not None:
            overlap &= Q(starts_on__lte=ends_on)
        return self.filter(overlap)


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice chair"
        SENIOR_RESPONSIBLE_OFFICER = "senior_responsible_officer", "Senior responsible officer"
        SUPPORTING_OFFICER = "supporting_officer", "Supporting officer"
        SECRETARY = "secretary", "Secretary"
        OBSERVER = "observer", "Observer"

    # The secretary and observers support the body; they never make it quorate.
    NOT_COUNTED = {Role.SECRETARY, Role.OBSERVER}

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="body_memberships"
    )
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="body_memberships"
    )
    role = models.CharField(max_length=40, choices=Role.choices)
    area = models.CharField(
        max_length=100,
        blank=True,
        help_text="For a supporting officer, for example Digital Delivery.",
    )
    position = models.CharField(
        "post or service area represented",
        max_length=200,
        blank=True,
        help_text="For example Executive Director, Operational Services.",
    )
    starts_on = models.DateField("start date")
    ends_on = models.DateField("end date", null=True, blank=True)
    counts_toward_quorum = models.BooleanField(default=True)
    chair_reviewed_on = models.DateField(
        "chair's term last reviewed", null=True, blank=True, editable=False
    )
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.role_label} of {self.body}"

    def clean(self):
        check_same_organisation(self, parents=["body"], people=["person"])
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": "The end date must be the same as or after the start date."}
            )

    def serves_on(self, day):
        """The same test as `Membership.objects.current(day)`, for a row already fetched."""
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    @property
    def role_label(self):
        label = self.get_role_display()
        return f"{label} – {self.area}" if self.area else label

    def chair_review_due_on(self):
        if self.role != self.Role.CHAIR:
            return None
        return terms.chair_review_due_on(self.starts_on, self.chair_reviewed_on)
