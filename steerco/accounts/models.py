from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Nation(models.TextChoices):
    """The nation whose bank holidays a council keeps (codes as the `holidays` package has them)."""

    ENGLAND = "ENG", "England"
    WALES = "WLS", "Wales"
    SCOTLAND = "SCT", "Scotland"
    NORTHERN_IRELAND = "NIR", "Northern Ireland"


# Addresses that sit beside the organisations' own at the top of the site.
RESERVED_SLUGS = {
    "admin",
    "sign-in",
    "sign-out",
    "profile",
    "accessibility",
    "static",
    "media",
    "api",
}


def validate_not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(f"“{slug}” is used by steerco itself: choose another short name.")


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(
        max_length=60,
        unique=True,
        validators=[validate_not_reserved],
        help_text="Used in web addresses.",
    )
    nation = models.CharField(
        max_length=3,
        choices=Nation.choices,
        default=Nation.ENGLAND,
        help_text="Sets the bank holidays used for working days.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:home", kwargs={"org": self.slug})


def display_name(name, first_name, last_name, username):
    """A person's name: the one field steerco keeps; Django's first and last names, or the
    username, for an account made without it. Also for names read as plain values (a select
    of every person of a council builds no User)."""
    return name or f"{first_name} {last_name}".strip() or username


class User(AbstractUser):
    """A person who signs in. Roles come from memberships, never from Django groups."""

    name = models.CharField("full name", max_length=150, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    service_area = models.CharField(max_length=200, blank=True)
    organisations = models.ManyToManyField(
        Organisation, through="OrganisationMembership", related_name="people", blank=True
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["name", "username"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.get_full_name()

    def get_full_name(self):
        return display_name(self.name, self.first_name, self.last_name, self.username)


class OrganisationMembership(models.Model):
    """A person's place in an organisation; a shared ICT service gives one person several."""

    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", "Administrator"
        OFFICER = "officer", "Officer"

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.OFFICER)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_role_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.user} in {self.organisation} ({self.get_role_display()})"


def check_same_organisation(instance, *, parents=(), people=()):
    """The tenancy rule, for `clean()`: what an object hangs from is its organisation's, and the
    people it names belong to that organisation.

    `parents` are foreign keys, or paths to one that carries the organisation (`item__meeting`);
    `people` are foreign keys to people.
    """
    if instance.organisation_id is None:
        return
    strays = []
    for path in parents:
        name, *rest = path.split("__")
        field = instance._meta.get_field(name)
        if getattr(instance, field.attname) is None:
            continue
        parent = getattr(instance, name)
        for step in rest:
            parent = getattr(parent, step)
        if parent.organisation_id != instance.organisation_id:
            strays.append(field.verbose_name)
    for name in people:
        field = instance._meta.get_field(name)
        person_id = getattr(instance, field.attname)
        if (
            person_id is not None
            and not OrganisationMembership.objects.filter(
                user_id=person_id, organisation_id=instance.organisation_id
            ).exists()
        ):
            strays.append(field.verbose_name)
    if strays:
        raise ValidationError(
            f"The {' and the '.join(strays)} must belong to {instance.organisation}."
        )
