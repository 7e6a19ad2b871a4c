from django import forms

from steerco.accounts.models import User
from steerco.governance.models import Body, Membership, ReportingLine
from steerco.lib.forms import DateField, Form, ModelForm


class BodyForm(ModelForm):
    class Meta:
        model = Body
        fields = [
            "name",
            "short_name",
            "kind",
            "description",
            "frequency",
            "notice_working_days",
            "quorum_minimum",
            "quorum_requires_chair",
            "decision_method",
            "support",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["decision_method"].widget = forms.RadioSelect(
            choices=Body.DecisionMethod.choices
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Body.objects.filter(organisation=self.instance.organisation, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("There is already a body with this name.")
        return name

    def validate_unique(self):
        # The organisation is not a form field; clean_name checks the one uniqueness rule.
        pass


class ReportingLineForm(ModelForm):
    nouns = {
        "from_body": "the body the line runs from",
        "to_body": "the body the line runs to",
        "carries": "what travels along the line",
    }
    carries = forms.MultipleChoiceField(
        label="What travels along this line",
        choices=ReportingLine.Carries.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ReportingLine
        fields = ["from_body", "relationship", "to_body", "carries", "condition"]
        labels = {"from_body": "From", "to_body": "To"}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        bodies = Body.objects.filter(organisation=organisation)
        self.fields["from_body"].queryset = bodies
        self.fields["to_body"].queryset = bodies

    def validate_unique(self):
        # save_reporting_line checks duplicates with a message in the council's words.
        pass


class TermsOfReferenceForm(Form):
    version = forms.CharField(
        max_length=20, help_text="For example 1.5. Versions never go backwards."
    )
    issued_on = DateField(label="Date of this version")
    author = forms.CharField(max_length=150)
    summary_of_change = forms.CharField(max_length=300)
    title = forms.CharField(max_length=200, required=False)
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    objectives = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="One objective on each line. They are numbered in this order.",
    )
    sections = forms.CharField(
        label="Other sections",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Start each section with a line “## Heading”, for example “## Membership”.",
    )

    def clean_objectives(self):
        lines = [line.strip() for line in self.cleaned_data["objectives"].splitlines()]
        objectives = [line for line in lines if line]
        if not objectives:
            raise forms.ValidationError("Enter at least one objective.")
        return objectives

    def clean_sections(self):
        return parse_sections(self.cleaned_data["sections"])


def parse_sections(text):
    """'## Heading' lines start sections; text before the first heading is refused."""
    sections, heading, lines = [], None, []
    for line in text.splitlines():
        if line.startswith("## "):
            if heading is not None:
                sections.append((heading, "\n".join(lines).strip()))
            heading, lines = line[3:].strip(), []
        elif heading is None and line.strip():
            raise forms.ValidationError(
                "Start the sections with a heading line such as “## Membership”."
            )
        else:
            lines.append(line)
    if heading is not None:
        sections.append((heading, "\n".join(lines).strip()))
    return sections


def sections_as_text(sections):
    return "\n\n".join(f"## {section.heading}\n{section.text}" for section in sections)


class ApprovalForm(Form):
    approver = forms.CharField(label="Approver name", max_length=150)
    approved_on = DateField(label="Date approved")


class MembershipForm(ModelForm):
    class Meta:
        model = Membership
        fields = [
            "person",
            "role",
            "area",
            "position",
            "starts_on",
            "ends_on",
            "counts_toward_quorum",
        ]

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.instance.organisation = body.organisation
        self.fields["person"].queryset = User.objects.filter(
            organisation_memberships__organisation=body.organisation
        ).order_by("name", "username")
        self.fields["role"].widget = forms.RadioSelect(choices=Membership.Role.choices)
        self.fields[
            "counts_toward_quorum"
        ].help_text = "The secretary and observers never count toward quorum."
