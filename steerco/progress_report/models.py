"""What the annual progress report says that the records cannot: the commentary of each
section and the council report's front matter, per strategy and financial year. Everything
else in the report is read from the records when it is shown (`report.py`)."""

from django.db import models
from simple_history.models import HistoricalRecords

from steerco.lib.versioning import Versioned
from steerco.strategy.models import Strategy


class Section(models.TextChoices):
    SUMMARY = "summary", "Summary"
    PROGRESS = "progress", "Progress by theme and objective"
    PROJECTS = "projects", "Projects started, delivered and slipped"
    BENEFITS = "benefits", "Benefits realised against plan"
    KPIS = "kpis", "KPIs against target"
    RISKS = "risks", "Top risks and how they moved"
    DECISIONS = "decisions", "Decisions of the steering group"
    ACTIONS = "actions", "Actions still open"


class Commentary(Versioned):
    """The head of ICT's commentary on one section of a year's report: the only words of the
    report typed by hand. Every change is kept in the history with who made it and why."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="The financial year: 2026 for 2026/27.")
    section = models.CharField(max_length=20, choices=Section.choices)
    text = models.TextField("commentary")
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "commentaries"
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "year", "section"], name="one_commentary_a_section"
            )
        ]

    def __str__(self):
        return f"{self.get_section_display()} {self.year}"


class FrontMatter(Versioned):
    """The council report's front matter of a year's report. Every field may be left blank
    while the report is drafted: the page says what is still missing, and the documents say
    they are drafts until it is complete."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="The financial year: 2026 for 2026/27.")
    report_of = models.CharField(max_length=200, blank=True)
    report_date = models.DateField("date of the report", null=True, blank=True)
    purpose = models.TextField("purpose of the report", blank=True)
    key_decision = models.BooleanField(null=True, blank=True)
    lead_member = models.CharField("executive lead member", max_length=200, blank=True)
    policy_framework = models.CharField(max_length=300, blank=True)
    recommendations = models.TextField(blank=True, help_text="One recommendation per line.")
    contact_officer = models.CharField(max_length=300, blank=True)
    # The council report's implications (issue 13 §3); the risk implications, left blank,
    # are said from the report's top risks (`AnnualReport.implications`).
    financial = models.TextField("financial implications", blank=True)
    legal = models.TextField("legal implications", blank=True)
    equality = models.TextField("equality implications", blank=True)
    risk = models.TextField("risk implications", blank=True)
    appendices = models.TextField(blank=True, help_text="One appendix per line.")
    history = HistoricalRecords()

    # What a council report cannot go out without, and how the page names it.
    REQUIRED = (
        ("report_of", "who the report is of"),
        ("report_date", "the date of the report"),
        ("purpose", "the purpose of the report"),
        ("key_decision", "whether it is a key decision"),
        ("lead_member", "the executive lead member"),
        ("policy_framework", "the policy framework"),
        ("recommendations", "the recommendations"),
        ("contact_officer", "the contact officer"),
        ("financial", "the financial implications"),
        ("legal", "the legal implications"),
        ("equality", "the equality implications"),
    )

    class Meta:
        verbose_name_plural = "front matter"
        constraints = [
            models.UniqueConstraint(fields=["strategy", "year"], name="one_front_matter_a_year")
        ]

    def __str__(self):
        return f"Front matter {self.year}"

    @property
    def missing(self):
        return [
            noun
            for name, noun in self.REQUIRED
            if getattr(self, name) is None or getattr(self, name) == ""
        ]

    @property
    def recommendation_list(self):
        return _lines(self.recommendations)

    @property
    def appendix_list(self):
        return _lines(self.appendices)


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]
