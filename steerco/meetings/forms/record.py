"""Forms for the record of a meeting: attendance, declarations, decisions, minutes, actions."""

from types import SimpleNamespace

from django import forms

from steerco import permissions
from steerco.accounts.models import User
from steerco.governance.models import Body, Membership
from steerco.lib import rich_text
from steerco.lib.forms import (
    DateField,
    DrawnRadios,
    DrawnTextInput,
    Form,
    GovukFormMixin,
    ModelChoiceField,
    ModelMultipleChoiceField,
    TimeField,
    draw_field_group,
)
from steerco.lib.versioning import VersionedForm
from steerco.meetings.forms.meeting import people_of
from steerco.meetings.models import (
    Action,
    Attendance,
    Decision,
    Declaration,
    Forwarding,
)

# The id of the page's one list of the agenda's items, which every row's item boxes offer.
AGENDA_ITEMS_LIST = "agenda-items"


class ItemField(forms.ChoiceField):
    """An agenda item of the meeting, from a list fetched once for every form on the page."""

    def __init__(self, *, empty_label, **kwargs):
        super().__init__(required=False, **kwargs)
        self.empty_label = empty_label
        self.items = {}

    def set_items(self, items):
        self.items = {str(item.pk): item for item in items}
        self.choices = [("", self.empty_label)] + [
            (str(item.pk), f"{item.position}. {item.title}") for item in items
        ]

    def clean(self, value):
        return self.items.get(super().clean(value))


class ItemNumberField(forms.CharField):
    """An agenda item of the meeting, given by its number on the agenda: typed, or chosen from
    the page's one list of the items (a <datalist>). A select of every item in each member's
    row made the attendance page of an 80-member body's 20-item meeting 723 KB."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            widget=DrawnTextInput(
                attrs={
                    "class": "govuk-input--width-3",
                    "inputmode": "numeric",
                    "list": AGENDA_ITEMS_LIST,
                    "autocomplete": "off",
                }
            ),
            **kwargs,
        )
        self.items = {}

    def set_items(self, items):
        self.items = {str(item.position): item for item in items}

    def clean(self, value):
        number = (super().clean(value) or "").strip().rstrip(".")
        if not number:
            return None
        item = self.items.get(number.lstrip("0") or "0")
        if item is None:
            raise forms.ValidationError(
                f"Enter the number of an item on the agenda, from 1 to {len(self.items)}."
                if self.items
                else "The agenda has no items: leave the item number blank."
            )
        return item


class AttendanceForm(Form):
    """One person's row on the attendance page.

    Every row is part of the page's one form, so its fields are named after the person
    (`<id>-status`). Where a row is saved with the others, one left without a status
    (`required=False`) is not recorded.
    """

    status = forms.ChoiceField(
        choices=Attendance.Status.choices,
        widget=DrawnRadios(attrs={"class": "govuk-radios--inline"}),
    )
    substitute_name = forms.CharField(
        label="Name of the substitute",
        max_length=150,
        required=False,
        help_text="Only when a substitute attends in their place.",
        widget=DrawnTextInput,
    )
    arrived_at = TimeField(label="Arrived late at", required=False)
    arrived_for = ItemNumberField(
        label="First item present for",
        help_text="Its number on the agenda, for example 4. Blank: from the start.",
    )
    left_at = TimeField(label="Left early at", required=False)
    left_after = ItemNumberField(
        label="Last item present for",
        help_text="Its number on the agenda. Blank: to the end.",
    )

    def __init__(self, *args, person, items, limited=False, required=True, **kwargs):
        kwargs.setdefault("prefix", str(person.pk))
        kwargs.setdefault("auto_id", "attendance-%s")
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["status"].required = required
        self.fields["status"].label = f"Attendance of {person}"
        self.fields["status"].error_messages["required"] = (
            f"Select whether {person} was present, sent apologies, sent a substitute or was absent."
        )
        for name in ("arrived_for", "left_after"):
            self.fields[name].set_items(items)
        if limited:
            self.fields["status"].label = f"Apologies from {person}"
            self.fields["status"].choices = [
                (value, label)
                for value, label in Attendance.Status.choices
                if value in permissions.SELF_SERVICE_ATTENDANCE
            ]
            self.fields["status"].error_messages["invalid_choice"] = (
                f"Select whether {person} sent apologies or a substitute: who attended is "
                "recorded once the meeting has started."
            )
            for name in ("arrived_at", "arrived_for", "left_at", "left_after"):
                del self.fields[name]

    @classmethod
    def initial_for(cls, attendance):
        if attendance is None:
            return {}
        return {
            "status": attendance.status,
            "substitute_name": attendance.substitute_name or "",
            "arrived_at": attendance.arrived_at,
            "arrived_for": cls.number_of(attendance.arrived_for),
            "left_at": attendance.left_at,
            "left_after": cls.number_of(attendance.left_after),
        }

    @staticmethod
    def number_of(item):
        """How the form shows an item: its number on the agenda."""
        return None if item is None else str(item.position)

    def drawn(self):
        """Each field's GOV.UK form group, drawn in Python (`lib.forms.draw_field_group`)."""
        return {field.name: draw_field_group(field) for field in self}

    # The fields of a late arrival or an early departure.
    LATE_OR_EARLY = ("arrived_at", "arrived_for", "left_at", "left_after")

    # Whether the class's own fields, which every row's form copies, have their GOV.UK messages.
    _messages_given = False

    def govuk_fields(self):
        # The messages GovukFormMixin gives do not depend on the row (the person's own are set
        # in __init__ after it): given once to the class's fields, not to each of 80 rows' copies
        # at their making and again when their errors are read, a fifth of the page's time.
        if not AttendanceForm._messages_given:
            super().govuk_fields()
            GovukFormMixin.govuk_fields(SimpleNamespace(fields=self.base_fields, nouns=self.nouns))
            AttendanceForm._messages_given = True

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == Attendance.Status.SUBSTITUTE
            and not data.get("substitute_name", "").strip()
        ):
            self.add_error(
                "substitute_name", f"Enter the name of the substitute for {self.person}."
            )
        arrived, left = data.get("arrived_at"), data.get("left_at")
        if arrived and left and left <= arrived:
            self.add_error("left_at", "The time they left must be after the time they arrived.")
        first, last = data.get("arrived_for"), data.get("left_after")
        if first and last and last.position < first.position:
            self.add_error(
                "left_after", "The last item present for must come after the first item."
            )
        return data


class DeclarationForm(Form):
    nouns = {"person": "who is declaring the interest"}

    person = ModelChoiceField(label="Who is declaring the interest", queryset=User.objects.none())
    kind = forms.ChoiceField(
        label="Kind of interest",
        choices=Declaration.Kind.choices,
        widget=forms.RadioSelect,
        help_text="A person with a prejudicial interest withdraws from the item and no longer "
        "receives its restricted papers.",
    )
    nature = forms.CharField(
        label="Nature of the interest",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organisation, declare_for_others, **kwargs):
        super().__init__(*args, **kwargs)
        if declare_for_others:
            self.fields["person"].queryset = people_of(organisation)
        else:
            del self.fields["person"]


class WithdrawalForm(Form):
    nouns = {"person": "who withdrew", "reason": "the reason for the withdrawal"}

    person = ModelChoiceField(label="Who withdrew", queryset=User.objects.none())
    withdrew_at = TimeField(label="Withdrew at", required=False)
    returned_at = TimeField(label="Returned at", required=False)
    reason = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_of(organisation)

    def clean(self):
        data = super().clean()
        withdrew, returned = data.get("withdrew_at"), data.get("returned_at")
        if withdrew and returned and returned <= withdrew:
            self.add_error("returned_at", "The return must be after the withdrawal.")
        return data


class DecisionChoiceField(ModelChoiceField):
    def label_from_instance(self, decision):
        statement = (
            decision.statement if len(decision.statement) <= 80 else (f"{decision.statement[:79]}…")
        )
        return f"{decision.reference}: {statement}"


class DecisionForm(VersionedForm, Form):
    statement = forms.CharField(
        label="Outcome statement agreed",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Written by the chair or secretary on behalf of the group.",
    )
    outcome = forms.ChoiceField(choices=Decision.Outcome.choices, widget=forms.RadioSelect)
    conditions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Only when the outcome is approved with conditions.",
    )
    review_on = DateField(
        label="Review date",
        required=False,
        help_text="When the decision comes back to the group, if it does. For example 27 3 2032.",
    )
    referred_to = ModelChoiceField(
        queryset=Body.objects.none(),
        required=False,
        help_text="Only when the outcome is referred to another body.",
    )
    confirmed_by = ModelChoiceField(
        label="Confirmed by",
        queryset=User.objects.none(),
        help_text="Normally the chair.",
    )
    votes_for = forms.IntegerField(label="Votes for", min_value=0)
    votes_against = forms.IntegerField(label="Votes against", min_value=0)
    abstentions = forms.IntegerField(min_value=0, required=False)
    supersedes = DecisionChoiceField(
        queryset=Decision.objects.none(),
        required=False,
        empty_label="None",
        help_text="An earlier decision of the group that this one replaces.",
    )

    VOTES = ("votes_for", "votes_against", "abstentions")
    nouns = {
        "statement": "the outcome statement",
        "votes_for": "the number of votes for",
        "votes_against": "the number of votes against",
        "abstentions": "the number of abstentions",
        "referred_to": "the body the decision is referred to",
        "supersedes": "the earlier decision this one replaces",
        "confirmed_by": "who confirmed the decision",
    }

    def __init__(self, *args, meeting, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        body = meeting.body
        self.fields["referred_to"].queryset = Body.objects.filter(
            organisation=meeting.organisation
        ).exclude(pk=body.pk)
        self.fields["supersedes"].queryset = (
            Decision.objects.filter(body=body, superseded_by__isnull=True)
            .select_related("body")
            .order_by("-year", "-number")
        )
        # A body that decides by agreement never votes, so no vote appears anywhere.
        if body.decision_method == Body.DecisionMethod.AGREEMENT:
            for name in self.VOTES:
                del self.fields[name]
            self.fields["confirmed_by"].queryset = User.objects.filter(
                pk__in=[m.person_id for m in memberships]
            ).order_by("name", "username")
            chair = next((m for m in memberships if m.role == Membership.Role.CHAIR), None)
            if chair is not None:
                self.fields["confirmed_by"].initial = chair.person_id
        else:
            del self.fields["confirmed_by"]


class MinutesForm(VersionedForm, Form):
    version_field = "minutes_version"

    text = forms.CharField(
        label="Minutes of the item",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "true"}),
        help_text=rich_text.HELP,
    )

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        if item is not None:
            self.fields["text"].label = f"Minutes of item {item.position}: {item.title}"


class ActionForm(Form):
    nouns = {"description": "what the action is", "item": "the agenda item"}

    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    owner = ModelChoiceField(
        queryset=User.objects.none(),
        error_messages={"required": "Select the owner of the action."},
    )
    due_on = DateField(label="Due date", help_text="For example 27 3 2031.")
    item = ItemField(label="Agenda item", empty_label="Not from one item")

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_of(meeting.organisation)
        self.fields["item"].set_items(meeting.items.all())
        self.fields["owner"].empty_label = "Select the owner"


class ActionUpdateForm(VersionedForm, Form):
    status = forms.ChoiceField(choices=Action.Status.choices, widget=forms.RadioSelect)
    text = forms.CharField(label="Update", widget=forms.Textarea(attrs={"rows": 3}))
    on = DateField(label="Date of the update", required=False, help_text="Leave blank for today.")


class PreviousMeetingForm(Form):
    approve_minutes = forms.BooleanField(
        label="The draft minutes were approved as an accurate record", required=False
    )
    corrections = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Any corrections the meeting agreed, as they should appear in the record.",
    )
    agree_action_log = forms.BooleanField(
        label="The action log was agreed as an accurate record", required=False
    )

    def __init__(self, *args, previous, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = previous
        if previous is None or previous.minutes_approved:
            del self.fields["approve_minutes"]
            del self.fields["corrections"]
        if previous is None or previous.action_log_agreed_at_id:
            del self.fields["agree_action_log"]

    def clean(self):
        data = super().clean()
        if self.previous is None:
            raise forms.ValidationError("There is no earlier meeting of the body to agree.")
        if not self.fields:
            raise forms.ValidationError(
                "The minutes and action log of the previous meeting are already agreed."
            )
        if not (data.get("approve_minutes") or data.get("agree_action_log")):
            raise forms.ValidationError("Select what the meeting agreed.")
        if data.get("corrections", "").strip() and not data.get("approve_minutes"):
            self.add_error(
                "corrections", "Corrections are recorded with the approval of the minutes."
            )
        return data


# What each forwarding carries along a reporting line.
CARRIED_AS = {
    Forwarding.What.ACTION_LOG: "action_log",
    Forwarding.What.MINUTES: "approved_minutes",
    Forwarding.What.DECISIONS: "decisions",
}


class ForwardForm(Form):
    nouns = {"what": "what was forwarded", "to_bodies": "the bodies it was forwarded to"}

    # Chosen by the page's address (?what=), so that the bodies ticked are always those whose
    # reporting lines carry it.
    what = forms.ChoiceField(
        label="What was forwarded", choices=Forwarding.What.choices, widget=forms.HiddenInput
    )
    to_bodies = ModelMultipleChoiceField(
        label="Forwarded to",
        queryset=Body.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one body."},
        help_text="The bodies whose reporting lines carry it are already ticked.",
    )
    forwarded_on = DateField(label="Date forwarded")

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = Body.objects.filter(organisation=meeting.organisation).exclude(pk=meeting.body_id)
        self.fields["to_bodies"].queryset = bodies
        if not bodies.exists():
            self.fields[
                "to_bodies"
            ].help_text = (
                "The council has no other bodies yet: add them and their reporting lines first."
            )


class VoidForm(Form):
    nouns = {"reason": "why it was entered in error"}
    reason = forms.CharField(
        label="Why was it entered in error?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the history with your name and the time.",
    )
