from django import forms

from steerco.accounts.models import User, display_name
from steerco.lib.forms import DateField, Form, ModelChoiceField, ModelForm, TimeField
from steerco.lib.versioning import VersionedForm
from steerco.meetings.actions import DEFAULT_STANDING_ITEMS
from steerco.meetings.models import Meeting, MeetingTemplate
from steerco.meetings.rules import dates


def people_of(organisation):
    return User.objects.filter(organisation_memberships__organisation=organisation).order_by(
        "name", "username"
    )


def person_choices(organisation):
    """(pk, name) of every person of the council in people_of's order, read as plain values:
    a council has hundreds, and building each as a User was most of a list page's time."""
    names = people_of(organisation).values_list("pk", "name", "first_name", "last_name", "username")
    return [(str(pk), display_name(*rest)) for pk, *rest in names]


class UnusualDayMixin:
    """A meeting on a weekend or a bank holiday is held only once the secretary confirms it: the
    confirmation is offered with the error, and stays hidden for a working day."""

    def add_unusual_day_field(self, nation):
        self.nation = nation
        confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)
        # Beside the date it confirms.
        fields = list(self.fields.items())
        at = [name for name, _field in fields].index("on") + 1
        self.fields = dict([*fields[:at], ("confirm_unusual_day", confirm), *fields[at:]])

    def clean(self):
        data = super().clean()
        on = data.get("on")
        problem = on and dates.unusual_meeting_day(on, self.nation)
        if problem and not data.get("confirm_unusual_day"):
            self.fields["confirm_unusual_day"].widget = forms.CheckboxInput()
            # The bound field took its label when it was made: it is the one shown.
            self["confirm_unusual_day"].label = (
                "Yes, hold it on a bank holiday"
                if "bank holiday" in problem
                else "Yes, hold it on a weekend"
            )
            self.add_error(
                "on",
                f"{problem}. Choose a working day, or confirm that the meeting is held on "
                "that day.",
            )
        return data


class MeetingForm(UnusualDayMixin, Form):
    nouns = {"chair_agreed_by": "who agreed to the meeting"}
    kind = forms.ChoiceField(
        label="Type of meeting", choices=Meeting.Kind.choices, widget=forms.RadioSelect
    )
    on = DateField(label="Date")
    starts_at = TimeField(label="Start time")
    ends_at = TimeField(
        label="End time",
        required=False,
        help_text="Optional. Calendars show a meeting without one as lasting two hours.",
    )
    location = forms.CharField(label="Location", max_length=200, required=False)
    chair_agreed_by = ModelChoiceField(
        label="Who agreed to the meeting",
        queryset=User.objects.none(),
        required=False,
        help_text="For an ad hoc or urgent meeting: the chair, or the nominated vice chair.",
    )
    chair_agreed_on = DateField(label="Date agreed", required=False)
    incident_reference = forms.CharField(
        label="Major incident reference",
        max_length=100,
        required=False,
        help_text="For an urgent meeting only. The notice rule is waived for it.",
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair_agreed_by"].queryset = people_of(organisation)
        self.add_unusual_day_field(organisation.nation)


class ScheduleForm(Form):
    nouns = {"start": "the date to schedule from", "months": "the number of months ahead"}
    start = DateField(label="From")
    months = forms.IntegerField(
        label="How many months ahead", min_value=1, max_value=36, initial=12
    )
    # Sent by the page that shows the dates: without it, the dates are shown and nothing saved.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class MoveForm(UnusualDayMixin, Form):
    nouns = {"reason": "why the meeting is moving"}
    on = DateField(label="New date")
    starts_at = TimeField(label="Start time")
    ends_at = TimeField(
        label="End time",
        required=False,
        help_text="Optional. Calendars show a meeting without one as lasting two hours.",
    )
    location = forms.CharField(label="Location", max_length=200, required=False)
    reason = forms.CharField(
        label="Why the meeting is moving",
        max_length=300,
    )

    def __init__(self, *args, nation, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_unusual_day_field(nation)


class CancelForm(Form):
    nouns = {"reason": "why the meeting is cancelled"}
    reason = forms.CharField(
        label="Why the meeting is cancelled",
        max_length=300,
    )


class PublishForm(Form):
    nouns = {"late_reason": "why the agenda is published late"}
    late_reason = forms.CharField(
        label="Why the agenda is published late",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, late, **kwargs):
        super().__init__(*args, **kwargs)
        # The reason is asked for only when the notice deadline has passed.
        if not late:
            del self.fields["late_reason"]


class TemplateForm(VersionedForm, ModelForm):
    standing_items = forms.CharField(
        label="Standing items",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One per line, in agenda order. They open every ordinary agenda.",
        required=False,
    )
    starts_at = TimeField(label="Start time")
    ends_at = TimeField(
        label="End time",
        required=False,
        help_text="Optional. Calendars show a meeting without one as lasting two hours.",
    )

    class Meta:
        model = MeetingTemplate
        fields = [
            "week_of_month",
            "weekday",
            "starts_at",
            "ends_at",
            "location",
            "usual_attendees",
            "urgent_quorum_minimum",
            "urgent_requires_chair",
            "substitutes_count",
        ]
        labels = {"week_of_month": "Week of the month", "weekday": "Day of the week"}
        widgets = {"usual_attendees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["usual_attendees"].queryset = people_of(self.instance.organisation)
        titles = (
            [item.title for item in self.instance.standing_items.all()]
            if self.instance.pk
            else [title for _kind, title in DEFAULT_STANDING_ITEMS]
        )
        self.fields["standing_items"].initial = "\n".join(titles)

    def clean_standing_items(self):
        lines = self.cleaned_data["standing_items"].splitlines()
        return [line.strip() for line in lines if line.strip()]
