from datetime import timedelta

from django import forms

from steerco.governance.rules.terms import add_months
from steerco.lib.forms import DateField, Form
from steerco.meetings.models import Attendance, Challenge

REVIEW_MONTHS = 12


def review_period(start):
    """The 12 months of an attendance review that begins on `start`, both days included."""
    return start, add_months(start, REVIEW_MONTHS) - timedelta(days=1)


def default_review_start(today):
    """The start of the 12 months that end today."""
    return add_months(today, -REVIEW_MONTHS) + timedelta(days=1)


class ReviewPeriodForm(Form):
    """The 12 months of the annual attendance review, chosen by the day they start.

    The field is called `from` in the address (`from_0`, `from_1`, `from_2`), a Python keyword,
    so it is added here rather than declared.
    """

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["from"] = DateField(
            label="First day of the 12 months",
            help_text="For example 1 4 2025. The review covers the 12 months from that day.",
            error_messages={"required": "Enter the first day of the 12 months."},
        )

    def clean_from(self):
        start = self.cleaned_data["from"]
        if start > self.today:
            raise forms.ValidationError("The first day must be today or in the past.")
        return start


class ApologiesForm(Form):
    """Apologies for one meeting, sent by a member for themselves.

    The fields are those of the attendance form of the meeting page, which receives the post.
    """

    nouns = {"status": "whether you send your apologies, and whether a substitute will attend"}

    person = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        choices=[
            (Attendance.Status.APOLOGIES, "I send my apologies"),
            (Attendance.Status.SUBSTITUTE, "I send my apologies and a substitute will attend"),
        ],
        widget=forms.RadioSelect,
    )
    substitute_name = forms.CharField(
        label="Name of your substitute",
        required=False,
        max_length=150,
        help_text="Only if someone will attend for you.",
    )

    def __init__(self, *args, meeting, person, **kwargs):
        kwargs.setdefault("auto_id", f"apologies-{meeting.pk}-%s")
        kwargs.setdefault("initial", {"person": person.pk, "status": Attendance.Status.APOLOGIES})
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["status"].label = f"Apologies for {meeting.title}, {meeting.on:%-d %B %Y}"


class ChallengeForm(Form):
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=Challenge._meta.get_field("note").max_length,
        help_text="Optional. For example who spoke to the member and when.",
    )
