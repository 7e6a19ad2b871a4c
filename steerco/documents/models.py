from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from steerco.lib.versioning import Versioned
from steerco.meetings.models import AgendaItem, Meeting, Paper


def _pack_path(pack, filename):
    # The stored name says nothing of the meeting's business, nor whose pack it is.
    return f"packs/{pack.meeting.organisation_id}/{pack.meeting_id}/{pack.pk}-{pack.build}.pdf"


class PackQuerySet(models.QuerySet):
    def for_meeting(self, meeting):
        return (
            self.filter(meeting=meeting)
            .prefetch_related("papers")
            .order_by("supplementary", "audience", "person_id")
        )


class PackRequest(models.Model):
    """The latest request to rebuild a meeting's packs. Each request queues a build carrying a
    token of its own; a build whose token is no longer the latest leaves the work to the later
    one, which sees every change. So ten papers uploaded in a row build the packs once, with
    all ten, rather than ten times."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="+")
    token = models.UUIDField()
    requested_at = models.DateTimeField()

    def __str__(self):
        return f"Packs of {self.meeting} requested at {self.requested_at:%Y-%m-%d %H:%M:%S}"


class Pack(models.Model):
    """One agenda pack of a meeting, rebuilt whenever what it holds may have changed.

    The members' pack holds every current paper; the public pack replaces each restricted paper
    with a page giving its exemption category; a member who may not read some restricted papers
    (a prejudicial interest) has a members' pack of their own (`person`) without them. A
    supplementary pack holds only the late papers. `papers` are the papers the pack holds in
    full: whoever reads the pack must be allowed to read each of them.
    """

    class Audience(models.TextChoices):
        MEMBERS = "members", "Members’ pack"
        PUBLIC = "public", "Public pack"

    class State(models.TextChoices):
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    supplementary = models.BooleanField(default=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.BUILDING)
    failure = models.CharField(max_length=500, blank=True)
    # Papers that could not be included: named on a page of their own; the secretary is told.
    problems = models.JSONField(default=list, blank=True)
    requested_at = models.DateTimeField()
    built_at = models.DateTimeField(null=True, blank=True)
    build = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=_pack_path, max_length=300, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    papers = models.ManyToManyField(Paper, blank=True, related_name="+")

    objects = PackQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "audience", "supplementary"],
                condition=models.Q(person__isnull=True),
                name="one_pack_of_each_kind",
            ),
            models.UniqueConstraint(
                fields=["meeting", "supplementary", "person"],
                condition=models.Q(person__isnull=False),
                name="one_personal_pack_of_each_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=True) | models.Q(audience="members"),
                name="personal_packs_are_members_packs",
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.meeting}"

    def get_absolute_url(self):
        return reverse(
            "documents:pack-file",
            kwargs={"org": self.meeting.organisation.slug, "pack_pk": self.pk},
        )

    @property
    def name(self):
        words = ["supplementary"] if self.supplementary else []
        words.append("members’" if self.audience == self.Audience.MEMBERS else "public")
        name = " ".join([*words, "pack"])
        return f"Your {name}" if self.person_id else name[0].upper() + name[1:]

    @property
    def is_ready(self):
        return self.state == self.State.READY


def _sent_path(sent, filename):
    # One file per forwarding, named by its content: the name says nothing of what it holds.
    return f"sent/{sent.forwarding.meeting.organisation_id}/{sent.sha256}.docx"


class SentFile(models.Model):
    """The Word file a forwarding sent, kept as it was sent: the action log or minutes may be
    updated afterwards, but what the other body received stays on the record, with the SHA-256
    of its bytes to show it is unchanged."""

    forwarding = models.OneToOneField(
        "meetings.Forwarding", on_delete=models.CASCADE, related_name="sent_file"
    )
    file = models.FileField(upload_to=_sent_path, max_length=300)
    sha256 = models.CharField(max_length=64)
    made_at = models.DateTimeField()

    def __str__(self):
        return f"File sent: {self.forwarding}"

    def get_absolute_url(self):
        forwarding = self.forwarding
        return reverse(
            "documents:sent-file",
            kwargs={"org": forwarding.meeting.organisation.slug, "forwarding_pk": forwarding.pk},
        )

    @property
    def download_name(self):
        forwarding = self.forwarding
        meeting = forwarding.meeting
        what = forwarding.what.replace("_", "-")
        body = meeting.body.short_name or "meeting"
        return f"{what}-{body}-{meeting.on}-sent-{forwarding.forwarded_on}.docx"


class CouncilReport(Versioned):
    """The report an agenda item puts to its body, in the council report format (seeds 003 and
    004): the front matter and implications are written here; the appendices (the item's
    papers), the meeting and any decision come from the record."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="+")
    title = models.CharField("title of the report", max_length=300)
    report_of = models.CharField(max_length=200)
    report_date = models.DateField("date of the report")
    purpose = models.TextField("purpose of the report")
    key_decision = models.BooleanField()
    lead_member = models.CharField("executive lead member", max_length=200, blank=True)
    policy_framework = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    recommendations = models.TextField(help_text="One recommendation per line.")
    detail = models.TextField(blank=True)
    financial = models.TextField("financial implications")
    legal = models.TextField("legal implications")
    equality = models.TextField("equality implications")
    risk = models.TextField("risk implications")
    contact_officer = models.CharField(max_length=300)
    # A key decision's notice runs from the day it first went on the forward plan; one taken
    # with less than 28 clear days' notice says why it is urgent.
    on_forward_plan_since = models.DateField(null=True, blank=True, editable=False)
    urgency_reason = models.TextField("why the decision is urgent", blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return self.title

    @property
    def recommendation_list(self):
        return [line.strip() for line in self.recommendations.splitlines() if line.strip()]
