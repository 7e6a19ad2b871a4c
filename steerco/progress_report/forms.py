from django import forms

from steerco.documents.forms import (
    FRONT_MATTER_HELP,
    FRONT_MATTER_LABELS,
    key_decision_field,
    key_decision_initial,
)
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

    key_decision = key_decision_field(undecided=True)

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
            "financial",
            "legal",
            "equality",
            "risk",
            "appendices",
        ]
        labels = FRONT_MATTER_LABELS
        help_texts = FRONT_MATTER_HELP | {
            "risk": "Leave blank to say what the report's top risks show.",
            "appendices": "One appendix per line, in the order they are attached.",
        }
        widgets = {
            name: forms.Textarea(attrs=WORDS)
            for name in (
                "purpose",
                "recommendations",
                "financial",
                "legal",
                "equality",
                "risk",
                "appendices",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["key_decision"] = key_decision_initial(self.instance.key_decision)
            self.fields["reason"] = _reason_field("front matter")
