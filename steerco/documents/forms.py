from django import forms

from steerco.documents.models import CouncilReport
from steerco.lib.forms import ModelForm
from steerco.lib.versioning import VersionedForm

WORDS = {"rows": 4}

# The front matter every council-format report carries (seeds 003 and 004), asked the same way
# wherever one is written.
FRONT_MATTER_LABELS = {"report_of": "Report of", "contact_officer": "Contact officer"}
FRONT_MATTER_HELP = {
    "report_of": "The officer whose report it is, and their post. For example, "
    "Adrian Orchard, Head of ICT Strategy",
    "lead_member": "For example, Cllr Ed Turner",
    "policy_framework": "For example, Efficient and Effective Council",
    "contact_officer": "Name, post, telephone and email",
}
KEY_DECISION_HELP = (
    "A decision with significant spending or savings, or a significant effect on "
    "communities in two or more wards."
)


def key_decision_field(*, undecided=False, help_text=KEY_DECISION_HELP):
    """Yes / No radios giving True / False; `undecided` adds "Not decided yet" (None) for a
    report still being drafted."""
    choices = [("no", "No"), ("yes", "Yes")]
    return forms.TypedChoiceField(
        label="Is it a key decision?",
        choices=[("", "Not decided yet"), *choices] if undecided else choices,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=not undecided,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


def key_decision_initial(value):
    return {True: "yes", False: "no"}.get(value, "")


class CouncilReportForm(VersionedForm, ModelForm):
    """The front matter and implications of a council report: what the record cannot say."""

    nouns = {
        "key_decision": "whether it is a key decision",
        "recommendations": "the recommendations",
        "reason": "why the report is changing",
    }

    key_decision = key_decision_field(help_text=f"{KEY_DECISION_HELP} It goes on the forward plan.")

    class Meta:
        model = CouncilReport
        fields = [
            "title",
            "report_of",
            "report_date",
            "purpose",
            "key_decision",
            "lead_member",
            "policy_framework",
            "summary",
            "recommendations",
            "detail",
            "financial",
            "legal",
            "equality",
            "risk",
            "contact_officer",
            "urgency_reason",
        ]
        labels = FRONT_MATTER_LABELS
        help_texts = FRONT_MATTER_HELP | {
            "lead_member": "For example, Cllr Ed Turner. Leave blank if there is none.",
            "detail": "The report's body. The item's papers are listed as appendices.",
            "urgency_reason": "Only for a key decision to be taken less than 28 clear days "
            "after it first appears on the forward plan.",
        }
        widgets = {
            name: forms.Textarea(attrs=WORDS)
            for name in (
                "purpose",
                "summary",
                "recommendations",
                "financial",
                "legal",
                "equality",
                "risk",
                "urgency_reason",
            )
        } | {"detail": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.item = item
        if self.instance.pk:
            self.initial["key_decision"] = key_decision_initial(self.instance.key_decision)
            self.fields["reason"] = forms.CharField(
                label="Why is the report changing?", max_length=300
            )

    def clean_recommendations(self):
        text = self.cleaned_data["recommendations"]
        if not any(line.strip() for line in text.splitlines()):
            raise forms.ValidationError("Enter the recommendations.")
        return text
