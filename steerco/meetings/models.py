import secrets
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from steerco.accounts.models import Organisation, check_same_organisation
from steerco.governance.models import Body, Membership
from steerco.lib.versioning import Versioned
from steerco.meetings.rules import notice, quorum


class Purpose(models.TextChoices):
    DECISION = "decision", "For decision"
    APPROVAL = "approval", "For approval"
    DISCUSSION = "discussion", "For discussion"
    INFORMATION = "information", "For information"


class RecordManager(models.Manager):
    """The record: what stands, without the entries voided as made in error."""

    def get_queryset(self):
        return super().get_queryset().filter(voided_at__isnull=True)


class Voidable(models.Model):
    """An entry of the record that can be voided as made in error before the minutes are
    approved. A voided entry stays in the database and its history (who, when, why) but leaves
    the record: the default manager (`objects`, and the relations such as `item.decisions`)
    omits it; `all_objects` has every row (numbering, so that numbers are never reused)."""

    voided_at = models.DateTimeField(null=True, blank=True, editable=False)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    void_reason = models.CharField(max_length=300, blank=True, editable=False)

    objects = RecordManager()
    all_objects = models.Manager()  # noqa: DJ012 (a manager, whatever its name)

    class Meta:
        abstract = True

    @property
    def is_voided(self):
        return self.voided_at is not None


def new_stamp():
    return secrets.token_hex(8)


class OnTheRecord(models.Model):
    """A part of a meeting's record (an item, a paper, a decision, an action, attendance…).

    Saving or deleting one gives its meeting a new `record_stamp`, which keys what is kept of
    the meeting's pages in the cache (`meetings/views/meeting.py`): a page cached before the
    change is never looked up again, in this process or any other. A write that bypasses
    `save()` and `delete()` (a queryset's `update()`, `bulk_create()`) calls
    `Meeting.objects.filter(…).touch()` itself.
    """

    # The lookup from a meeting to this row, for the one UPDATE that stamps it.
    MEETING_LOOKUP = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.touch_meeting()

    def delete(self, *args, **kwargs):
        self.touch_meeting()  # while the row is there to find the meeting by
        return super().delete(*args, **kwargs)

    def touch_meeting(self):
        Meeting.objects.filter(**{self.MEETING_LOOKUP: self.pk}).touch()


def check_ends_after_start(meeting):
    """A meeting (or a body's usual meeting) that says when it ends ends after it starts."""
    ends, starts = meeting.ends_at, meeting.starts_at
    if ends is not None and starts is not None and ends <= starts:
        raise ValidationError({"ends_at": "The end time must be after the start time."})


class MeetingTemplate(Versioned):
    """A body's usual meeting: when it sits, its standing items and usual attendees."""

    class WeekOfMonth(models.IntegerChoices):
        FIRST = 1, "First"
        SECOND = 2, "Second"
        THIRD = 3, "Third"
        FOURTH = 4, "Fourth"
        LAST = -1, "Last"

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    body = models.OneToOneField(Body, on_delete=models.CASCADE, related_name="meeting_template")
    week_of_month = models.SmallIntegerField(choices=WeekOfMonth.choices, default=2)
    weekday = models.SmallIntegerField(choices=Weekday.choices, default=1)
    starts_at = models.TimeField("start time", default=time(10, 0))
    ends_at = models.TimeField("end time", null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    urgent_quorum_minimum = models.PositiveSmallIntegerField(
        "minimum members present at an urgent meeting",
        default=3,
        help_text="A smaller group may meet at short notice for a major incident.",
    )
    urgent_requires_chair = models.BooleanField(
        "an urgent meeting needs the chair or nominated vice chair", default=False
    )
    substitutes_count = models.BooleanField(
        "a substitute counts toward quorum for the member they represent", default=True
    )
    usual_attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text="People who usually attend without being members, for example presenters.",
    )
    history = HistoricalRecords(m2m_fields=[usual_attendees])

    def __str__(self):
        return f"Meeting template of {self.body}"

    def clean(self):
        check_same_organisation(self, parents=["body"])
        check_ends_after_start(self)


class StandingItem(models.Model):
    class Kind(models.TextChoices):
        APOLOGIES = "apologies", "Apologies and substitutes"
        DECLARATIONS = "declarations", "Declarations of interest"
        PREVIOUS_MINUTES = "previous_minutes", "Minutes and action log of the previous meeting"
        OTHER = "other", "Other standing item"

    template = models.ForeignKey(
        MeetingTemplate, on_delete=models.CASCADE, related_name="standing_items"
    )
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(max_length=200)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.INFORMATION)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, today):
        return self.filter(on__gte=today).exclude(status=Meeting.Status.CANCELLED)

    def held(self, today):
        return self.filter(on__lte=today).exclude(status=Meeting.Status.CANCELLED)

    def for_listing(self):
        return self.select_related("body__organisation", "organisation")

    def with_quorum_rule(self):
        """What `Meeting.quorum_rule()` reads, fetched with the meetings."""
        return self.select_related("body__meeting_template")

    def touch(self):
        """A new record stamp for these meetings: what was cached of their pages is stale."""
        return self.update(record_stamp=new_stamp())

    def previous_to(self, meeting):
        """The body's last meeting before this one that was not cancelled, or None."""
        return (
            self.filter(body_id=meeting.body_id, on__lt=meeting.on)
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("organisation", "body", "minutes_approved_at", "action_log_agreed_at")
            .order_by("-on", "-id")
            .first()
        )


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", "Ordinary meeting"
        AD_HOC = "ad_hoc", "Ad hoc meeting"
        URGENT = "urgent", "Urgent meeting – major incident"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    on = models.DateField("date")
    starts_at = models.TimeField("start time", default=time(10, 0))
    # Optional: calendars show a meeting without one as lasting two hours.
    ends_at = models.TimeField("end time", null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    cancelled_reason = models.CharField(max_length=300, blank=True)
    # An ad hoc meeting is called "with the agreement of the chair" (seed 001).
    chair_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="agreed by",
    )
    chair_agreed_on = models.DateField("agreed on", null=True, blank=True)
    incident_reference = models.CharField(max_length=100, blank=True)
    agenda_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    agenda_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    agenda_late_reason = models.CharField(max_length=300, blank=True, editable=False)
    # The chair approves the agenda before the secretary publishes it.
    agenda_agreed_at = models.DateTimeField(null=True, blank=True, editable=False)
    agenda_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # The record of this meeting is approved at a later one.
    minutes_approved_at = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="minutes_approved_here",
        editable=False,
    )
    minutes_corrections = models.TextField(blank=True, editable=False)
    action_log_agreed_at = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_logs_agreed_here",
        editable=False,
    )
    # Changes on every write to the meeting or its record (`OnTheRecord`): the key of its
    # cached pages. Random rather than counted, so a save from a copy loaded before a change
    # cannot bring back an earlier stamp.
    record_stamp = models.CharField(max_length=16, default=new_stamp, editable=False)
    history = HistoricalRecords(excluded_fields=["record_stamp"])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["on", "starts_at", "id"]
        indexes = [models.Index(fields=["body", "on"])]

    def __str__(self):
        return f"{self.body} – {self.on:%-d %B %Y}"

    def save(self, *args, **kwargs):
        self.record_stamp = new_stamp()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "record_stamp"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "meetings:meeting-detail",
            kwargs={"org": self.organisation.slug, "meeting_pk": self.pk},
        )

    def clean(self):
        check_same_organisation(self, parents=["body"], people=["chair_agreed_by"])
        check_ends_after_start(self)

    @property
    def title(self):
        label = "" if self.kind == self.Kind.ORDINARY else f" ({self.get_kind_display()})"
        return f"{self.body.name}{label}"

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_urgent(self):
        return self.kind == self.Kind.URGENT

    @property
    def is_published(self):
        return self.agenda_published_at is not None

    @property
    def minutes_approved(self):
        return self.minutes_approved_at_id is not None

    def is_held(self, today):
        return not self.is_cancelled and self.on <= today

    def starts(self):
        """When the meeting starts: its day and start time in the council's time, Europe/London,
        whatever the server's time zone."""
        return datetime.combine(self.on, self.starts_at, tzinfo=ZoneInfo("Europe/London"))

    def ends(self):
        """When the meeting is expected to end, or None when no end time is set."""
        if self.ends_at is None:
            return None
        return datetime.combine(self.on, self.ends_at, tzinfo=ZoneInfo("Europe/London"))

    @property
    def time_text(self):
        """ "10:00 to 12:00", or "10:00" when no end time is set."""
        if self.ends_at is None:
            return f"{self.starts_at:%H:%M}"
        return f"{self.starts_at:%H:%M} to {self.ends_at:%H:%M}"

    def has_started(self, now):
        return now >= self.starts()

    def agenda_deadline(self):
        """The day at whose end the agenda is due; None when the notice rule is waived."""
        if self.is_urgent:
            return None
        return notice.agenda_deadline(
            self.on, self.body.notice_working_days, self.organisation.nation
        )

    def is_past_deadline(self, now_date: date):
        deadline = self.agenda_deadline()
        return deadline is not None and now_date > deadline

    @property
    def is_late(self):
        return bool(self.agenda_late_reason)

    def quorum_rule(self):
        """The body's quorum, or the template's urgent quorum for an urgent meeting; whether a
        substitute counts is the template's to say (yes without one)."""
        template = getattr(self.body, "meeting_template", None)
        if self.is_urgent and template is not None:
            return quorum.Rule(
                minimum=template.urgent_quorum_minimum,
                requires_chair=template.urgent_requires_chair,
                substitutes_count=template.substitutes_count,
            )
        return quorum.Rule(
            minimum=self.body.quorum_minimum,
            requires_chair=self.body.quorum_requires_chair,
            substitutes_count=template.substitutes_count if template else True,
        )


# A long agenda is shown this many items a page (`meetings:meeting-detail?page=`).
AGENDA_PAGE_SIZE = 50


class AgendaItem(OnTheRecord, Versioned):
    MEETING_LOOKUP = "items"

    class Source(models.TextChoices):
        STANDING = "standing", "Standing item"
        SUBMISSION = "submission", "Submission"
        PROJECT_BOARD = "project_board", "Report from a project board"
        CARRIED = "carried", "Carried from an earlier meeting"
        OTHER = "other", "Other business"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    presenter = models.CharField(max_length=200, blank=True)
    # The officer presenting the item sees the meeting on My meetings and adds their own paper.
    presenting_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="officer presenting the item",
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.DISCUSSION)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.OTHER)
    standing_kind = models.CharField(max_length=30, choices=StandingItem.Kind.choices, blank=True)
    # Added after the agenda was published: allowed only in exceptional or urgent cases.
    late_reason = models.CharField(max_length=300, blank=True)
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )
    # The minutes as the secretary writes them (steerco.lib.rich_text), and as they are shown.
    minutes_text = models.TextField("minutes", blank=True)
    minutes = models.TextField(
        "minutes as shown", blank=True, editable=False, help_text="Sanitised HTML."
    )
    minutes_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    # The minutes have their own version: the secretary drafting them after the meeting is not
    # refused because someone renamed or moved the item, nor the other way round.
    SEPARATE_VERSIONS = {"minutes_version": ["minutes_text", "minutes"]}
    DERIVED_FIELDS = {"minutes"}

    class Meta:
        ordering = ["meeting", "position", "id"]

    def __str__(self):
        return f"{self.position}. {self.title}"

    def get_absolute_url(self):
        """The item on its page of the agenda (items are numbered 1 to n in agenda order)."""
        page = (self.position - 1) // AGENDA_PAGE_SIZE + 1
        query = f"?page={page}" if page > 1 else ""
        return f"{self.meeting.get_absolute_url()}{query}#item-{self.pk}"

    @property
    def is_late(self):
        return bool(self.late_reason)


class Paper(OnTheRecord):
    MEETING_LOOKUP = "items__papers"

    class Exemption(models.TextChoices):
        COMMERCIAL = "commercial", "Commercially sensitive"
        INDIVIDUALS = "individuals", "Information about individuals"
        LEGAL = "legal", "Legal advice"
        SECURITY = "security", "Security of systems or premises"
        NEGOTIATIONS = "negotiations", "Negotiations or consultations with staff"
        POLICY = "policy", "Policy in development"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=300)
    restricted = models.BooleanField(default=False)
    exemption = models.CharField(
        "reason for restriction", max_length=20, choices=Exemption.choices, blank=True
    )
    readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name="named officers who may read it",
    )
    late_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # A withdrawn paper stays in the history but is served only to whoever manages the body.
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField(max_length=300, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[readers])

    class Meta:
        ordering = ["item", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(restricted=False, exemption="") | Q(restricted=True) & ~Q(exemption=""),
                name="restricted_paper_has_reason",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "meetings:paper-detail", kwargs={"org": self.organisation.slug, "paper_pk": self.pk}
        )

    def clean(self):
        check_same_organisation(self, parents=["item__meeting"])

    @property
    def is_late(self):
        return bool(self.late_reason)

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None


def _paper_path(version, filename):
    # The stored name never carries the uploaded name: it could say what the paper is about.
    return f"papers/{version.paper.organisation_id}/{version.paper_id}/{version.number}"


class PaperVersion(OnTheRecord):
    MEETING_LOOKUP = "items__papers__versions"

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    file = models.FileField(upload_to=_paper_path, max_length=300)
    file_name = models.CharField(max_length=255)
    file_type = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["paper", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "number"], name="paper_version_unique")
        ]

    def __str__(self):
        return f"{self.paper} v{self.number}"


class Attendance(OnTheRecord):
    MEETING_LOOKUP = "attendance"

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        SUBSTITUTE = "substitute", "Apologies, represented by a substitute"
        ABSENT = "absent", "Absent"

    # What can be known of a member's attendance before the meeting starts.
    BEFORE_THE_MEETING = (Status.APOLOGIES, Status.SUBSTITUTE)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices)
    substitute_name = models.CharField(max_length=150, blank=True)
    arrived_at = models.TimeField("arrived late at", null=True, blank=True)
    arrived_for = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="first item present for",
    )
    left_at = models.TimeField("left early at", null=True, blank=True)
    left_after = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="last item present for",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person")
        ]

    def __str__(self):
        return f"{self.person} – {self.get_status_display()}"


class Declaration(OnTheRecord, Voidable):
    MEETING_LOOKUP = "items__declarations"

    class Kind(models.TextChoices):
        PERSONAL = "personal", "Personal"
        PREJUDICIAL = "prejudicial", "Prejudicial – withdraws from the item"

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    nature = models.CharField("nature of the interest", max_length=500)
    in_advance = models.BooleanField(default=False)
    declared_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "declared_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "person"],
                condition=Q(voided_at__isnull=True),
                name="one_declaration_per_item",
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()} interest in {self.item.title}"

    @property
    def is_prejudicial(self):
        return self.kind == self.Kind.PREJUDICIAL


class Withdrawal(OnTheRecord, Voidable):
    MEETING_LOOKUP = "items__withdrawals"

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="withdrawals")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, null=True, blank=True, related_name="withdrawals"
    )
    withdrew_at = models.TimeField(null=True, blank=True)
    returned_at = models.TimeField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "person"],
                condition=Q(voided_at__isnull=True),
                name="one_withdrawal_per_item",
            )
        ]

    def __str__(self):
        return f"{self.person} withdrew from {self.item.title}"


class Decision(OnTheRecord, Voidable, Versioned):
    MEETING_LOOKUP = "items__decisions"

    class Outcome(models.TextChoices):
        APPROVED = "approved", "Approved"
        APPROVED_WITH_CONDITIONS = "approved_with_conditions", "Approved with conditions"
        REJECTED = "rejected", "Rejected"
        DEFERRED = "deferred", "Deferred"
        NOTED = "noted", "Noted"
        REFERRED = "referred", "Referred to another body"

    # What an inquorate item may still record.
    WITHOUT_QUORUM = {Outcome.DEFERRED, Outcome.NOTED}

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField()
    statement = models.TextField("outcome statement agreed")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    conditions = models.TextField(blank=True)
    review_on = models.DateField("review date", null=True, blank=True)
    referred_to = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # When the person named as confirming the decision confirmed it themselves.
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "number"], name="decision_reference")
        ]

    def __str__(self):
        return self.reference

    def clean(self):
        check_same_organisation(
            self,
            parents=["body", "item__meeting", "referred_to"],
            people=["confirmed_by"],
        )

    @property
    def reference(self):
        prefix = self.body.short_name or f"B{self.body_id}"
        return f"{prefix}/{self.year}/{self.number:03d}"


class ActionQuerySet(models.QuerySet):
    OPEN = ("open", "in_progress")

    def still_open(self):
        return self.filter(status__in=self.OPEN)

    def overdue(self, today):
        return self.still_open().filter(due_on__lt=today)

    def log_for(self, meeting, previous_on):
        """The action log of a meeting: actions arising at it, and earlier actions carried
        forward because they were open, or closed only since the previous meeting."""
        still_there = Q(status__in=self.OPEN) | Q(closed_on__gte=previous_on or meeting.on)
        carried = Q(meeting__on__lt=meeting.on) & still_there
        # An action raised between meetings (a risk's mitigating action) is on the log of
        # every meeting from the day it was raised, as long as a carried action would be.
        raised = Q(meeting__isnull=True, raised_on__lte=meeting.on) & still_there
        return self.filter(Q(meeting=meeting) | carried | raised, body_id=meeting.body_id)


class Action(OnTheRecord, Voidable, Versioned):
    MEETING_LOOKUP = "actions"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="actions")
    # None for an action raised elsewhere (a risk's mitigating action, `origins.py`): it is on
    # the body's action log all the same, from the day it was raised.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    raised_on = models.DateField(null=True, blank=True, editable=False)
    number = models.PositiveIntegerField()
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField("due date")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = RecordManager.from_queryset(ActionQuerySet)()
    all_objects = models.Manager()  # noqa: DJ012 (a manager, whatever its name)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="action_number_unique"),
            models.CheckConstraint(
                condition=Q(meeting__isnull=False) | Q(raised_on__isnull=False),
                name="action_raised_at_meeting_or_on_day",
            ),
        ]

    def __str__(self):
        return f"Action {self.number}: {self.description[:60]}"

    def clean(self):
        check_same_organisation(
            self, parents=["body", "meeting", "item__meeting"], people=["owner"]
        )

    @property
    def is_open(self):
        return self.status in ActionQuerySet.OPEN

    def is_overdue(self, today):
        return self.is_open and self.due_on < today

    @property
    def arose_on(self):
        return self.meeting.on if self.meeting_id else self.raised_on


class ActionUpdate(OnTheRecord):
    MEETING_LOOKUP = "actions__updates"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField("date")
    text = models.TextField("update")
    status = models.CharField(max_length=20, choices=Action.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["action", "on", "id"]

    def __str__(self):
        return f"{self.on}: {self.text[:60]}"


class Forwarding(OnTheRecord):
    """A record that a meeting's agreed action log, minutes or decisions went to a body."""

    MEETING_LOOKUP = "forwardings"

    class What(models.TextChoices):
        ACTION_LOG = "action_log", "Action log"
        MINUTES = "minutes", "Approved minutes"
        DECISIONS = "decisions", "Decisions"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="forwardings")
    what = models.CharField(max_length=20, choices=What.choices)
    to_body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    forwarded_on = models.DateField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "forwarded_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "what", "to_body"], name="forwarded_once_per_body"
            )
        ]

    def __str__(self):
        return f"{self.get_what_display()} forwarded to {self.to_body}"


class Challenge(models.Model):
    """A challenge under the Efficient Meetings Protocol, recorded as done."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="challenges")
    through_meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    recorded_on = models.DateField()
    note = models.CharField(max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["membership", "recorded_on", "id"]

    def __str__(self):
        return f"Challenge of {self.membership.person} recorded {self.recorded_on}"

    def clean(self):
        check_same_organisation(self, parents=["membership", "through_meeting"])


class Reminder(models.Model):
    """A reminder email sent, so that the daily `send_reminders` never sends it twice."""

    class Kind(models.TextChoices):
        AGENDA_DEADLINE = "agenda_deadline", "Agenda deadline approaching"
        ACTION_OVERDUE = "action_overdue", "Action overdue"

    kind = models.CharField(max_length=30, choices=Kind.choices)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "meeting", "recipient"],
                condition=Q(meeting__isnull=False),
                name="remind_once_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["kind", "action", "recipient"],
                condition=Q(action__isnull=False),
                name="remind_once_per_action",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient} on {self.sent_on}"
