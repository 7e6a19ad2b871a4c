import base64

from django import forms
from django.core import signing
from django.db.models import Q
from openpyxl.utils import get_column_letter

from steerco.accounts.models import User
from steerco.governance.models import Body
from steerco.lib.forms import DateField, Form, LongSelect, ModelChoiceField, ModelForm
from steerco.lib.versioning import VersionedForm
from steerco.meetings.forms.meeting import people_of, person_choices
from steerco.meetings.forms.papers import MeetingChoiceField
from steerco.meetings.models import Meeting
from steerco.portfolio.models import BusinessCase, Programme, Project
from steerco.risks.models import Risk, RiskCategory, ScaleDescriptor
from steerco.risks.rules import appetite, register_sheet, scoring
from steerco.strategy.models import CorporateObjective

RATING_FIELDS = [
    f"{which}_{part}"
    for which in ("inherent", "current", "target")
    for part in ("likelihood", "impact")
]
WHICH_WORDS = {
    "inherent": "before controls (inherent)",
    "current": "now, with the controls in place (current)",
    "target": "after treatment (target)",
}


def _scale_choices(organisation, axis):
    descriptors = {
        row.level: row
        for row in ScaleDescriptor.objects.filter(organisation=organisation, axis=axis)
    }
    choices = []
    for level in scoring.LEVELS:
        row = descriptors.get(level)
        choices.append((level, f"{level} {row.name}: {row.wording}" if row else str(level)))
    return choices


class ScoresMixin:
    """The six choices of an assessment, each level with the organisation's own wording."""

    def add_score_fields(self, organisation, initial_from=None):
        likelihoods = _scale_choices(organisation, ScaleDescriptor.Axis.LIKELIHOOD)
        impacts = _scale_choices(organisation, ScaleDescriptor.Axis.IMPACT)
        for name in RATING_FIELDS:
            which, part = name.split("_")
            self.fields[name] = forms.TypedChoiceField(
                label=f"{part.capitalize()} {WHICH_WORDS[which]}",
                choices=likelihoods if part == "likelihood" else impacts,
                coerce=int,
                widget=forms.Select,
                initial=getattr(initial_from, name, None) if initial_from else None,
            )
        self.fields["target_reason"] = forms.CharField(
            label="Why the target is higher than the score before controls",
            required=False,
            help_text="Needed only when the target score is above the inherent score.",
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        self.fields["note"] = forms.CharField(
            label="Note on this assessment",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def scores(self):
        return {name: self.cleaned_data[name] for name in RATING_FIELDS}


class RiskForm(ScoresMixin, VersionedForm, ModelForm):
    nouns = {
        "owner": "the owner of the risk",
        "category": "the category",
        "reason": "why the risk is changed",
        "target_reason": "why the target is higher",
        "note": "a note",
    }
    links = ("projects", "business_cases", "programmes", "objectives")

    class Meta:
        model = Risk
        fields = [
            "title",
            "cause",
            "event",
            "consequence",
            "category",
            "owner",
            "proximity",
            "review_on",
            "treatment",
            "controls",
            "money_impact",
            "restricted",
            "exemption",
            "whole_service",
            "projects",
            "business_cases",
            "programmes",
            "objectives",
        ]
        labels = {"title": "Title of the risk"}
        help_texts = {
            "cause": "What could make it happen.",
            "event": "What would happen.",
            "consequence": "What it would mean for the council and its residents.",
            "money_impact": "What it would cost if it happened, in pounds, if it can be said.",
            "restricted": "Only the members of the body that owns the register, the owner and "
            "whoever raised it read a restricted risk.",
        }
        widgets = {
            "cause": forms.Textarea(attrs={"rows": 2}),
            "event": forms.Textarea(attrs={"rows": 2}),
            "consequence": forms.Textarea(attrs={"rows": 2}),
            "controls": forms.Textarea(attrs={"rows": 3}),
            "projects": forms.CheckboxSelectMultiple,
            "business_cases": forms.CheckboxSelectMultiple,
            "programmes": forms.CheckboxSelectMultiple,
            "objectives": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["owner"].queryset = people_of(organisation)
        # A retired category is offered for no new risk; a risk in one keeps it.
        self.fields["category"].queryset = RiskCategory.objects.filter(
            Q(retired=False) | Q(pk=self.instance.category_id), organisation=organisation
        )
        self.fields["projects"].queryset = Project.objects.filter(organisation=organisation)
        self.fields["business_cases"].queryset = BusinessCase.objects.filter(
            organisation=organisation, restricted=False
        )
        self.fields["programmes"].queryset = Programme.objects.filter(organisation=organisation)
        self.fields["objectives"].queryset = CorporateObjective.objects.filter(
            organisation=organisation
        )
        if self.instance.pk is None:
            self.add_score_fields(organisation)
        else:
            self.fields["reason"] = forms.CharField(
                label="Why is the risk changed?", widget=forms.Textarea(attrs={"rows": 2})
            )

    def link_values(self):
        """The chosen links; a restricted business case is never offered (its title would
        show), so a link to one made elsewhere is kept as it is."""
        values = {name: list(self.cleaned_data[name]) for name in self.links}
        if self.instance.pk is not None:
            values["business_cases"] += list(self.instance.business_cases.filter(restricted=True))
        return values


class ReassessForm(ScoresMixin, VersionedForm, Form):
    nouns = {
        "assessed_on": "the date of the assessment",
        "target_reason": "why the target is higher",
        "note": "a note",
    }

    def __init__(self, *args, risk, **kwargs):
        super().__init__(*args, versioned=risk, **kwargs)
        self.fields["assessed_on"] = DateField(label="Date of the assessment")
        self.add_score_fields(risk.organisation, initial_from=risk)


class CloseForm(VersionedForm, Form):
    nouns = {"outcome": "what happened to the risk", "note": "a closing note"}

    outcome = forms.ChoiceField(
        label="What happened to the risk?",
        choices=[("closed", "It is closed"), ("issue", "It became an issue")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="Closing note", widget=forms.Textarea(attrs={"rows": 3}))


class MitigatingActionForm(Form):
    nouns = {"description": "what the action is", "due_on": "the due date"}

    description = forms.CharField(
        label="What is the action?", widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = ModelChoiceField(
        queryset=User.objects.none(),
        error_messages={"required": "Select the owner of the action."},
    )
    due_on = DateField(label="Due date", help_text="For example 27 3 2031.")

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_of(organisation)
        self.fields["owner"].empty_label = "Select the owner"


class EscalateForm(Form):
    """Escalates a risk to another body: from a body it may come from (the boards of the
    projects it affects, the register's body), to a body of the council (left empty: the body
    the one it comes from reports to), and why."""

    nouns = {
        "from_body": "the body the risk is escalated from",
        "to_body": "the body the risk is escalated to",
        "reason": "why the risk is escalated",
    }

    from_body = ModelChoiceField(
        label="Which body is the risk escalated from?",
        queryset=Body.objects.none(),
        required=False,
        help_text="The board of a project the risk affects, or the body that owns the register.",
    )
    to_body = ModelChoiceField(
        label="Which body is the risk escalated to?",
        queryset=Body.objects.none(),
        required=False,
        help_text="Left as it is, the body the one it comes from reports to.",
    )
    reason = forms.CharField(
        label="Why is the risk escalated?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the risk is escalated."},
    )

    def __init__(self, *args, organisation, sources, reports_to, may_choose_none, **kwargs):
        """`sources`: the bodies this person may escalate from; `reports_to`: {body id: the
        body it reports to}; `may_choose_none`: whether they may escalate from no body (they
        may change the risk)."""
        super().__init__(*args, **kwargs)
        self.reports_to = reports_to
        self.fields["from_body"].queryset = Body.objects.filter(
            pk__in=[body.pk for body in sources]
        )
        self.fields["from_body"].required = not may_choose_none
        self.fields["from_body"].empty_label = (
            "No body: its owner escalates it" if may_choose_none else "Select the body"
        )
        self.fields["to_body"].queryset = Body.objects.filter(organisation=organisation)
        self.fields["to_body"].empty_label = "The body it reports to"
        lines = [
            f"{body} reports to {reports_to[body.pk]}" for body in sources if body.pk in reports_to
        ]
        if lines:
            self.fields[
                "to_body"
            ].help_text = (
                f"Left as it is, the body the one it comes from reports to: {'; '.join(lines)}."
            )
        if sources and "from_body" not in self.initial:
            self.initial["from_body"] = sources[0].pk

    def clean(self):
        cleaned = super().clean()
        from_body = cleaned.get("from_body")
        if self.errors or cleaned.get("to_body"):
            return cleaned
        if from_body is None:
            self.add_error("to_body", "Select the body the risk is escalated to.")
        elif from_body.pk in self.reports_to:
            cleaned["to_body"] = self.reports_to[from_body.pk]
        else:
            self.add_error(
                "to_body",
                f"{from_body} reports to no body in the governance model: select the body "
                "the risk is escalated to.",
            )
        return cleaned


class AcceptForm(Form):
    nouns = {
        "meeting": "the meeting",
        "reason": "why the risk is brought to the meeting",
        "late_reason": "why the item is added late",
    }

    meeting = MeetingChoiceField(
        label="Which meeting should the risk go to?",
        queryset=Meeting.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    reason = forms.CharField(
        label="Why is the risk brought to the meeting?", widget=forms.Textarea(attrs={"rows": 2})
    )
    late_reason = forms.CharField(
        label="Why is the item added after the agenda was published?",
        required=False,
        help_text="Only needed when the agenda is already published.",
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class RegisterFileForm(Form):
    """Asks the task worker for the register as an Excel workbook, with the register's filters
    and order (its address's query, read again by `RegisterFilterForm` when the file is written,
    where a bad value is ignored)."""

    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)


class RegisterFilterForm(Form):
    """Read from the address: a bad value is ignored rather than refused, so a shared link
    always opens."""

    category = forms.ChoiceField(required=False)
    # Every person of the council: drawn in Python (see LongSelect).
    owner = forms.ChoiceField(required=False, widget=LongSelect)
    band = forms.ChoiceField(label="Current band", required=False)
    # A council has thousands of projects: too many to choose from a list.
    project = forms.CharField(label="Affected project's reference", required=False, max_length=50)
    flag = forms.ChoiceField(required=False)
    status = forms.ChoiceField(required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("reference", "Reference"),
            ("score", "Current score, highest first"),
            ("title", "Title"),
            ("review", "Review date"),
            ("owner", "Owner"),
        ],
    )

    def __init__(self, data, *, organisation):
        super().__init__(data)
        anything = [("", "Any")]
        self.fields["category"].choices = anything + [
            (str(pk), name)
            for pk, name in RiskCategory.objects.filter(organisation=organisation).values_list(
                "pk", "name"
            )
        ]
        self.fields["owner"].choices = anything + person_choices(organisation)
        self.fields["band"].choices = anything + [(n, n.title()) for n in scoring.BAND_NAMES]
        self.fields["flag"].choices = [
            ("", "Any"),
            ("any", "Any flag"),
            *appetite.FLAG_WORDING.items(),
        ]
        self.fields["status"].choices = anything + list(Risk.Status.choices)

    def filters(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


# Importing the register from a spreadsheet. The file checked on the preview page travels to
# the confirmation inside the page, signed: nothing is kept between the two requests, and a
# file of this size stays well within a request's limit once encoded.
IMPORT_MAX_BYTES = 1024 * 1024
IMPORT_SALT = "steerco.risks.import"
IMPORT_MAX_AGE = 60 * 60


def sign_import(data, *, file_name, organisation, user, columns=None):
    """The checked file for the next step, with the columns chosen for a file of the council's
    own shape: what the preview showed is what the confirmation imports."""
    return signing.dumps(
        {
            "organisation": organisation.pk,
            "user": user.pk,
            "name": file_name,
            "data": base64.b64encode(data).decode("ascii"),
            "columns": columns,
        },
        salt=IMPORT_SALT,
        compress=True,
    )


class RegisterImportForm(Form):
    nouns = {"file": "the spreadsheet"}
    file = forms.FileField(
        label="Spreadsheet",
        help_text="A CSV file or an Excel workbook (XLSX) with the columns of the register's "
        "download, its first row holding the headers.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 1MB.")
        return upload


class ConfirmImportForm(Form):
    """The confirmation of a checked file: the file itself comes back signed, for this person
    of this council only, for an hour."""

    nouns = {"token": "the file to import"}
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, organisation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.user = user

    def clean_token(self):
        refused = forms.ValidationError(
            "The checked file has expired or cannot be read: choose the file again."
        )
        try:
            signed = signing.loads(
                self.cleaned_data["token"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE
            )
            if (signed["organisation"], signed["user"]) != (self.organisation.pk, self.user.pk):
                raise refused
            self.file_name = str(signed["name"])
            self.file_data = base64.b64decode(signed["data"], validate=True)
            columns = signed.get("columns")
            self.columns = (
                None
                if columns is None
                else {str(name): None if at is None else int(at) for name, at in columns.items()}
            )
        except (signing.BadSignature, AttributeError, KeyError, TypeError, ValueError):
            raise refused from None
        return self.cleaned_data["token"]


class ColumnsForm(Form):
    """Which column of a council's own spreadsheet holds each field of the register: a select of
    the file's headings per field, chosen where a heading names the field."""

    token = forms.CharField(widget=forms.HiddenInput)

    nouns = {"token": "the file to import"} | {
        name: f"the column of the {register_sheet.LABELS[name]}"
        for name, _ in register_sheet.FIELDS
    }

    def __init__(self, *args, headers, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        headings = [
            (str(at), f"{header or '(no heading)'} (column {get_column_letter(at + 1)})")
            for at, header in enumerate(headers)
        ]
        for name, heading in register_sheet.FIELDS:
            required = name in register_sheet.REQUIRED
            self.fields[name] = forms.TypedChoiceField(
                label=heading,
                help_text="Required: every row must have it." if required else "",
                choices=[("", "Select a column" if required else "Not in this file"), *headings],
                coerce=int,
                empty_value=None,
                required=False,
            )
        self.govuk_fields()

    def clean(self):
        cleaned = super().clean()
        for name, message in register_sheet.column_problems(self.columns(), self.headers).items():
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned

    def columns(self):
        return {name: self.cleaned_data.get(name) for name, _ in register_sheet.FIELDS}


# The register's settings: categories, appetite and tolerances, the scale's wording, the bands.

APPETITE_CHOICES = [(level, level.title()) for level in appetite.LEVELS]
SCORE_CHOICES = [(n, str(n)) for n in range(1, scoring.HIGHEST_SCORE + 1)]


def _reason_field():
    return forms.CharField(
        label="Why is this changed?",
        help_text="Kept in the register's history with the change.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CategoryForm(VersionedForm, Form):
    nouns = {
        "name": "the name of the category",
        "appetite": "the appetite level",
        "reason": "why this is changed",
    }
    name = forms.CharField(label="Name", max_length=100)
    appetite = forms.ChoiceField(
        label="Appetite",
        choices=APPETITE_CHOICES,
        widget=forms.RadioSelect,
        help_text="How much risk of this kind the council will take: each level tolerates the "
        "current score set for it.",
    )
    retired = forms.BooleanField(
        label="Retired: offer it for no new risk (its risks keep it)", required=False
    )

    def __init__(self, *args, new=False, **kwargs):
        super().__init__(*args, **kwargs)
        if new:
            del self.fields["retired"]
        self.fields["reason"] = _reason_field()
        self.govuk_fields()


class RemoveCategoryForm(VersionedForm, Form):
    nouns = {"reason": "why the category is removed"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = _reason_field()
        self.fields["reason"].label = "Why is it removed?"
        self.govuk_fields()


class TolerancesForm(VersionedForm, Form):
    version_field = "tolerances_version"
    nouns = {level: f"the tolerance of a {level} appetite" for level in appetite.LEVELS} | {
        "reason": "why this is changed"
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for level in appetite.LEVELS:
            self.fields[level] = forms.TypedChoiceField(
                label=f"{level.title()} appetite tolerates a current score up to",
                choices=SCORE_CHOICES,
                coerce=int,
            )
        self.fields["reason"] = _reason_field()
        self.govuk_fields()

    def tolerances(self):
        return {level: self.cleaned_data[level] for level in appetite.LEVELS}


SCALE_FIELDS = {
    ScaleDescriptor.Axis.LIKELIHOOD: ("name", "probability"),
    ScaleDescriptor.Axis.IMPACT: ("name", "money", "service", "reputation"),
}
SCALE_WORDS = {
    "name": "name",
    "probability": "probability",
    "money": "impact on money",
    "service": "impact on services",
    "reputation": "impact on reputation",
}


class ScaleForm(VersionedForm, Form):
    """The wording of the five levels of one axis of the scale."""

    nouns = {"reason": "why this is changed"}

    def __init__(self, *args, axis, **kwargs):
        self.version_field = f"{axis}_version"
        super().__init__(*args, **kwargs)
        self.axis = axis
        self.nouns = {**self.nouns}
        for level in scoring.LEVELS:
            for name in SCALE_FIELDS[axis]:
                key = f"{name}_{level}"
                model_field = ScaleDescriptor._meta.get_field(name)
                self.fields[key] = forms.CharField(
                    label=f"Level {level}: {SCALE_WORDS[name]}",
                    max_length=model_field.max_length,
                    required=name == "name",
                )
                self.nouns[key] = f"the {SCALE_WORDS[name]} of level {level}"
        self.fields["reason"] = _reason_field()
        self.govuk_fields()

    def wording(self):
        return {
            level: {name: self.cleaned_data[f"{name}_{level}"] for name in SCALE_FIELDS[self.axis]}
            for level in scoring.LEVELS
        }


class BandsForm(VersionedForm, Form):
    nouns = {
        "low_up_to": "where the low band ends",
        "medium_up_to": "where the medium band ends",
        "high_up_to": "where the high band ends",
        "reason": "why this is changed",
    }
    low_up_to = forms.TypedChoiceField(
        label="The low band ends at", choices=SCORE_CHOICES[:-1], coerce=int
    )
    medium_up_to = forms.TypedChoiceField(
        label="The medium band ends at", choices=SCORE_CHOICES[:-1], coerce=int
    )
    high_up_to = forms.TypedChoiceField(
        label="The high band ends at",
        choices=SCORE_CHOICES[:-1],
        coerce=int,
        help_text="The critical band runs from the next score to 25.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = _reason_field()
        self.govuk_fields()
