from django import forms

from steerco.lib.forms import Form, ModelForm
from steerco.lib.versioning import VersionedForm
from steerco.progress_report.models import FrontMatter

WORDS = {"rows": 4}


def _reason_field(noun):
    return forms.CharField(label=f"Why are you changing the {noun}?", max_length=300)


class CommentaryForm(VersionedForm, Form):
    nouns = {"text": "the commentary", "reason": "why you are changing the commentary"}

    text = forms.CharField(label="Commentary", widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, commentary, **kwargs):
        super().__init__(*args, versioned=commentary, **kwargs)
        if commentary.pk:
            self.initial.setdefault("text", commentary.text)
            self.fields["reason"] = _reason_field("commentary")


class FrontMatterForm(VersionedForm, ModelForm):
    """The council report's front matter of the year's report: what the records cannot say.
    Every field may be left blank while the report is drafted."""

    nouns = {
        "report_date": "the date of the report",
        "key_decision": "whether it is a key decision",
        "reason": "why you are changing the front matter",
    }

    key_decision = forms.TypedChoiceField(
        label="Is it a key decision?",
        choices=[("", "Not decided yet"), ("no", "No"), ("yes", "Yes")],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text="A decision with significant spending or savings, or a significant effect on "
        "communities in two or more wards.",
    )

    class Meta:
        model = FrontMatter
        fields = [
            "report_of",
            "report_date",
            "purpose",
            "key_decision",
            "lead_member",
            "policy_framework",
            "recommendations",
            "contact_officer",
        ]
        labels = {"report_of": "Report of", "contact_officer": "Contact officer"}
        help_texts = {
            "report_of": "The officer whose report it is, and their post. For example, "
            "Adrian Orchard, Head of ICT Strategy",
            "lead_member": "For example, Cllr Ed Turner",
            "policy_framework": "For example, Efficient and Effective Council",
            "contact_officer": "Name, post, telephone and email",
        }
        widgets = {
            "purpose": forms.Textarea(attrs=WORDS),
            "recommendations": forms.Textarea(attrs=WORDS),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["key_decision"] = {True: "yes", False: "no", None: ""}[
                self.instance.key_decision
            ]
            self.fields["reason"] = _reason_field("front matter")
