from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from steerco.accounts.models import User
from steerco.lib.forms import (
    AsksForTheFileAgain,
    Form,
    ModelChoiceField,
    ModelForm,
    ModelMultipleChoiceField,
)
from steerco.lib.uploads import check_paper_file
from steerco.lib.versioning import VersionedForm
from steerco.meetings.forms.meeting import people_of
from steerco.meetings.models import AgendaItem, Meeting, Paper, Purpose

# The system puts standing and carried items on an agenda; a person adds the others.
CHOSEN_SOURCES = [
    (value, label)
    for value, label in AgendaItem.Source.choices
    if value not in (AgendaItem.Source.STANDING, AgendaItem.Source.CARRIED)
]


def late_reason_field():
    return forms.CharField(
        label="Why is this added after the agenda was published?",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The terms of reference allow late items and papers only in exceptional or "
        "urgent cases. The reason is shown on the agenda.",
    )


class ItemForm(VersionedForm, ModelForm):
    nouns = {"late_reason": "why the item is added late"}

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "presenter",
            "presenting_officer",
            "purpose",
            "source",
            "late_reason",
        ]
        labels = {"title": "Title of the item", "source": "Where the item comes from"}
        help_texts = {
            "presenter": "The person or role presenting the item, as the agenda shows it. "
            "Optional.",
            "presenting_officer": "Optional. They see the meeting on My meetings and can add "
            "their own paper until the agenda is published.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        item = self.instance
        self.fields["presenting_officer"].queryset = people_of(item.meeting.organisation)
        self.fields["presenting_officer"].empty_label = "Nobody named"
        self.fields["purpose"].widget = forms.RadioSelect(choices=Purpose.choices)
        if item.pk and item.source not in dict(CHOSEN_SOURCES):
            # A standing or carried item keeps where it came from.
            del self.fields["source"]
        else:
            self.fields["source"].widget = forms.RadioSelect()
            self.fields["source"].choices = CHOSEN_SOURCES
        if item.pk is not None or not item.meeting.is_published:
            del self.fields["late_reason"]
        else:
            self.fields["late_reason"] = late_reason_field()


def _later_meetings(item):
    meeting = item.meeting
    return (
        Meeting.objects.filter(body=meeting.body)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(Q(on__gt=meeting.on) | Q(on=meeting.on, pk__gt=meeting.pk))
        .select_related("body", "organisation")
        .order_by("on", "id")
    )


class MeetingChoiceField(ModelChoiceField):
    def label_from_instance(self, meeting):
        kind = "" if meeting.kind == Meeting.Kind.ORDINARY else f" ({meeting.get_kind_display()})"
        return f"{meeting.on:%A %-d %B %Y}{kind}"


class CarryForm(Form):
    nouns = {"to": "the meeting to carry the item to"}
    to = MeetingChoiceField(
        label="Which meeting should the item go to?",
        queryset=Meeting.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = _later_meetings(item)
        first = self.fields["to"].queryset.first()
        self.initial.setdefault("to", first.pk if first else None)

    @property
    def has_choices(self):
        return self.fields["to"].queryset.exists()


class PaperFileField(forms.FileField):
    """A paper's file, checked by what it contains (see steerco.lib.uploads)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "File")
        kwargs.setdefault(
            "help_text",
            "A PDF, Word (DOCX), Excel (XLSX) or OpenDocument text (ODT) file.",
        )
        super().__init__(**kwargs)
        self.error_messages["required"] = "Select the file of the paper."

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            try:
                check_paper_file(upload)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return upload


class PaperForm(AsksForTheFileAgain, Form):
    nouns = {
        "restricted": "whether the paper is restricted",
        "readers": "the named officers who may also read it",
        "late_reason": "why the paper is added late",
    }
    title = forms.CharField(label="Title of the paper", max_length=300)
    file = PaperFileField()
    restricted = forms.TypedChoiceField(
        label="Is the paper restricted?",
        choices=[("no", "No, it is open to the public"), ("yes", "Yes, it is restricted")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
        help_text="Only the members of the body and the officers named below can read a "
        "restricted paper. Everyone else sees that the item has a restricted paper, and why.",
    )
    exemption = forms.ChoiceField(
        label="Reason for restriction",
        choices=[("", "Select a reason"), *Paper.Exemption.choices],
        required=False,
        help_text="Only for a restricted paper.",
    )
    readers = ModelMultipleChoiceField(
        label="Named officers who may also read it",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only for a restricted paper. Members of the body can always read it.",
    )

    def __init__(self, *args, organisation, published, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["readers"].queryset = User.objects.filter(
            organisation_memberships__organisation=organisation
        ).order_by("name", "username")
        if published:
            self.fields["late_reason"] = late_reason_field()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("restricted") and not cleaned.get("exemption"):
            self.add_error("exemption", "Select why the paper is restricted.")
        if not cleaned.get("restricted"):
            cleaned["exemption"] = ""
            cleaned["readers"] = []
        return cleaned


class ReplaceForm(AsksForTheFileAgain, Form):
    file = PaperFileField(label="New version of the file")


def correction_reason_field(label):
    return forms.CharField(
        label=label,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the paper's history.",
    )


class RetitleForm(Form):
    nouns = {"reason": "why the paper is renamed"}
    title = forms.CharField(label="New title of the paper", max_length=300)
    reason = correction_reason_field("Why is the paper renamed?")


class RestrictionForm(Form):
    nouns = {**PaperForm.nouns, "reason": "why the restriction changes"}
    restricted = PaperForm.base_fields["restricted"]
    exemption = PaperForm.base_fields["exemption"]
    reason = correction_reason_field("Why does the restriction change?")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("restricted") and not cleaned.get("exemption"):
            self.add_error("exemption", "Select why the paper is restricted.")
        if not cleaned.get("restricted"):
            cleaned["exemption"] = ""
        return cleaned


class WithdrawPaperForm(Form):
    nouns = {"reason": "why the paper is withdrawn"}
    reason = correction_reason_field("Why is the paper withdrawn?")
