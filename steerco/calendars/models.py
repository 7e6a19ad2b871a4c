import hashlib

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from steerco.accounts.models import Organisation, check_same_organisation


def digest_of(token):
    """What is kept of a calendar address's secret: its SHA-256, so that a copy of the
    database gives no one a working address."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarAddress(models.Model):
    """A person's secret calendar address in one organisation: their own meetings and actions,
    and every meeting of the organisation, for a calendar program that cannot sign in."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_addresses"
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["digest"])

    class Meta:
        verbose_name_plural = "calendar addresses"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person"], name="one_calendar_address_per_person"
            )
        ]

    def __str__(self):
        return f"Calendar address of {self.person} in {self.organisation}"

    def clean(self):
        check_same_organisation(self, people=["person"])
