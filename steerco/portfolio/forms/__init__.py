from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import pluralize

from steerco.governance.models import Body
from steerco.lib.forms import (
    AsksForTheFileAgain,
    DateField,
    Form,
    LongCheckboxes,
    ModelChoiceField,
    ModelForm,
    ModelMultipleChoiceField,
)
from steerco.lib.uploads import check_paper_file
from steerco.lib.versioning import VersionedForm
from steerco.meetings.forms.meeting import people_of
from steerco.meetings.forms.papers import MeetingChoiceField, late_reason_field
from steerco.meetings.models import Meeting, Paper
from steerco.portfolio.models import (
    Benefit,
    BusinessCase,
    ConfidenceAssessment,
    Dependency,
    PortfolioSettings,
    Product,
    ProductUse,
    Programme,
    Project,
    Rating,
    Submission,
)
from steerco.portfolio.rules import confidence
from steerco.portfolio.rules.spreadsheet import shipped_mappings
from steerco.strategy.models import CorporateObjective, Theme


class ProjectForm(VersionedForm, ModelForm):
    nouns = {"sro": "the senior responsible owner", "manager": "the project manager"}

    class Meta:
        model = Project
        fields = [
            "reference",
            "name",
            "description",
            "stage",
            "service_area",
            "sro",
            "manager",
            "programme",
            "board",
            "starts_on",
            "ends_on",
            "themes",
            "objectives",
        ]
        labels = {"name": "Name of the project", "reference": "Project reference"}
        help_texts = {
            "reference": "The council's own reference, for example ICT-2024-07. It identifies "
            "the project in imports and reports.",
            "board": "The body that oversees the project, if it has one.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.CheckboxSelectMultiple,
            "objectives": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisation, find_duplicates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        # Registering a project: its name is checked against the council's projects, and one
        # like another is registered only once the person confirms it is new.
        self.find_duplicates = find_duplicates
        self.duplicates = None
        if find_duplicates:
            fields = list(self.fields.items())
            at = [name for name, _field in fields].index("name") + 1
            confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)
            self.fields = dict([*fields[:at], ("confirm_new", confirm), *fields[at:]])
        people = people_of(organisation)
        for name in ("sro", "manager"):
            self.fields[name].queryset = people
            self.fields[name].empty_label = "Nobody named yet"
        self.fields["programme"].queryset = Programme.objects.filter(organisation=organisation)
        self.fields["programme"].empty_label = "Not part of a programme"
        self.fields["board"].queryset = Body.objects.filter(organisation=organisation)
        self.fields["board"].empty_label = "No project board"
        for name, model in (("themes", Theme), ("objectives", CorporateObjective)):
            self.fields[name].queryset = self._of_the_current_strategy(model, name, organisation)
        self.fields["stage"].widget = forms.RadioSelect(choices=Project.Stage.choices)

    def _of_the_current_strategy(self, model, name, organisation):
        """The themes (or objectives) of the council's current strategy, and those the project
        serves already (kept when it is saved); every one while no strategy is current."""
        offered = model.objects.filter(organisation=organisation)
        if not offered.filter(strategy__is_current=True).exists():
            return offered
        kept = getattr(self.instance, name).all() if self.instance.pk else model.objects.none()
        return offered.filter(Q(strategy__is_current=True) | Q(pk__in=kept.values("pk")))

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        clash = Project.objects.filter(
            organisation=self.instance.organisation, reference__iexact=reference
        )
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                f"There is already a project with the reference {reference}: "
                "enter a different reference."
            )
        return reference

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "The end date must be the same as or after the start date.")
        if self.find_duplicates and cleaned.get("name"):
            self.duplicates = self.find_duplicates(cleaned["name"])
            if self.duplicates and not cleaned.get("confirm_new"):
                self.fields["confirm_new"].widget = forms.CheckboxInput()
                self["confirm_new"].label = "Yes, it is a new project: register it"
                count = len(self.duplicates)
                self.add_error(
                    "name",
                    f"{count} project{pluralize(count)} of the council "
                    f"{'has' if count == 1 else 'have'} a similar name. Check "
                    f"{'it' if count == 1 else 'them'} below, or confirm that this is a new "
                    "project.",
                )
        return cleaned


class ConfidenceForm(ModelForm):
    class Meta:
        model = ConfidenceAssessment
        fields = ["assessed_on", "rating", "assessor", "commentary"]
        widgets = {"commentary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, scale, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = confidence.FIVE_POINT if scale == "five" else confidence.THREE_POINT
        self.fields["rating"].widget = forms.RadioSelect(
            choices=[(value, label) for value, label in Rating.choices if value in allowed]
        )
        self.fields["rating"].choices = self.fields["rating"].widget.choices


SORTS = {
    "reference": ("reference",),
    "name": ("name", "reference"),
    "stage": ("stage_order", "reference"),
    "starts": ("starts_on", "reference"),
    "ends": ("ends_on", "reference"),
    "confidence": ("confidence_order", "reference"),
}


class RegisterFilterForm(Form):
    """The register's filters, read from the address (a GET form): a bad value is ignored
    rather than refused, so a shared link always opens."""

    stage = forms.ChoiceField(required=False)
    theme = forms.ChoiceField(required=False)
    service_area = forms.ChoiceField(label="Service area", required=False)
    confidence = forms.ChoiceField(label="Delivery confidence", required=False)
    programme = forms.ChoiceField(required=False)
    board = forms.ChoiceField(label="Project board", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("reference", "Reference"),
            ("name", "Name"),
            ("stage", "Stage"),
            ("starts", "Start date"),
            ("ends", "End date"),
            ("confidence", "Delivery confidence, worst first"),
        ],
    )

    def __init__(self, data, *, organisation, service_areas):
        super().__init__(data)
        anything = [("", "Any")]
        self.fields["stage"].choices = anything + list(Project.Stage.choices)
        self.fields["theme"].choices = anything + [
            (str(pk), name)
            for pk, name in Theme.objects.filter(organisation=organisation).values_list(
                "pk", "name"
            )
        ]
        self.fields["service_area"].choices = anything + [(area, area) for area in service_areas]
        self.fields["confidence"].choices = anything + [
            (value, label) for value, label in Rating.choices
        ]
        self.fields["programme"].choices = anything + [
            (str(pk), name)
            for pk, name in Programme.objects.filter(organisation=organisation).values_list(
                "pk", "name"
            )
        ]
        self.fields["board"].choices = anything + [
            (str(pk), name)
            for pk, name in Body.objects.filter(organisation=organisation).values_list("pk", "name")
        ]

    def filters(self):
        """The valid filters, without the ones left at "Any"."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class ProgrammeForm(ModelForm):
    nouns = {"sro": "the senior responsible owner"}

    class Meta:
        model = Programme
        fields = ["reference", "name", "description", "sro", "board"]
        labels = {"name": "Name of the programme", "reference": "Programme reference"}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["sro"].queryset = people_of(organisation)
        self.fields["sro"].empty_label = "Nobody named yet"
        self.fields["board"].queryset = Body.objects.filter(organisation=organisation)
        self.fields["board"].empty_label = "No programme board"

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        clash = Programme.objects.filter(
            organisation=self.instance.organisation, reference__iexact=reference
        )
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                f"There is already a programme with the reference {reference}: "
                "enter a different reference."
            )
        return reference


class PortfolioSettingsForm(ModelForm):
    class Meta:
        model = PortfolioSettings
        fields = ["confidence_scale"]
        help_texts = {
            "confidence_scale": "Assessments already made keep the scale they were made on."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confidence_scale"].widget = forms.RadioSelect(
            choices=self.fields["confidence_scale"].choices
        )


class MoneyField(forms.DecimalField):
    """An amount in pounds and pence; the £ sign and thousands separators are allowed."""

    def __init__(self, *, noun, **kwargs):
        super().__init__(max_digits=14, decimal_places=2, **kwargs)
        self.widget.attrs.update({"class": "govuk-input--width-10", "inputmode": "decimal"})
        self.widget.input_type = "text"
        example = f"{noun[0].upper()}{noun[1:]} must be an amount in pounds, like 1250 or 1250.50."
        self.error_messages.update(
            invalid=example,
            max_decimal_places=example,
            max_digits=f"Enter a smaller amount for {noun}.",
            max_whole_digits=f"Enter a smaller amount for {noun}.",
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("£").replace(",", "")
        return super().to_python(value)


class BenefitForm(Form):
    nouns = {"kind": "the type of benefit"}
    description = forms.CharField(max_length=300, label="Description")
    kind = forms.ChoiceField(
        label="Type of benefit", choices=Benefit.Kind.choices, widget=forms.RadioSelect
    )
    measure = forms.CharField(
        max_length=200, required=False, help_text="How it is measured, for example £ a year."
    )
    baseline = forms.CharField(max_length=100, required=False)
    target = forms.CharField(
        max_length=100, required=False, help_text="For a qualitative benefit, in words."
    )
    target_value = MoneyField(
        noun="the target value",
        label="Target value in pounds",
        required=False,
        help_text="Needed for a cashable or non-cashable benefit.",
    )
    target_on = DateField(label="Target date", required=False, help_text="For example 31 3 2027.")
    owner = ModelChoiceField(queryset=None, required=False, label="Owner")

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_of(organisation)
        self.fields["owner"].empty_label = "No owner yet"


class RealisationForm(Form):
    on = DateField(label="Date", help_text="When it was realised, for example 31 3 2026.")
    value = MoneyField(
        noun="the value realised",
        label="Value realised in pounds",
        required=False,
        help_text="Leave blank for a qualitative benefit.",
    )
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))


class CorrectionForm(RealisationForm):
    reason = forms.CharField(
        label="Reason for the correction",
        max_length=300,
        help_text="The entry being corrected stays in the record with this reason beside it.",
    )


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class PapersField(forms.FileField):
    """Several papers at once, each checked by what it contains (steerco.lib.uploads)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        if not uploads and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        cleaned, problems = [], []
        for upload in uploads:
            upload = super().clean(upload, initial)
            if not upload:
                continue
            try:
                check_paper_file(upload)
            except ValidationError as error:
                problems.extend(error.messages)
            cleaned.append(upload)
        if problems:
            raise ValidationError(problems)
        return cleaned


class ProjectChoiceField(ModelChoiceField):
    def label_from_instance(self, project):
        return f"{project.reference} {project.name}"


class CaseChoiceField(ModelChoiceField):
    def label_from_instance(self, case):
        return f"{case.project.reference}: {case.title} (version {case.number})"


class AsksForThePapersAgain(AsksForTheFileAgain):
    CHOOSE_AGAIN = "Select the papers again. A file is not kept when the page shows a problem."


class SubmissionForm(AsksForThePapersAgain, Form):
    nouns = {
        "kind": "what is submitted",
        "body": "the body it is for",
        "asked": "what the body is asked to do",
        "restricted": "whether the submission is restricted",
        "file": "the papers",
    }
    body = ModelChoiceField(label="Which body is it for?", queryset=Body.objects.none())
    kind = forms.ChoiceField(
        label="What are you submitting?", choices=Submission.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label="Title", max_length=300)
    asked = forms.CharField(
        label="What is the body asked to do?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: approve the business case and the capital of £750,000.",
    )
    service_area = forms.CharField(
        label="Service area", max_length=200, required=False, help_text="The service it comes from."
    )
    project = ProjectChoiceField(
        label="Project", queryset=Project.objects.none(), required=False,
        help_text="Optional, except for a business case.",
    )  # fmt: skip
    business_case = CaseChoiceField(
        label="Business case", queryset=BusinessCase.objects.none(), required=False,
        help_text="Only for a business case for approval: a draft version of the project's "
        "business case, with its risk assessment.",
    )  # fmt: skip
    file = PapersField(
        label="Papers",
        required=False,
        help_text="PDF, Word (DOCX), Excel (XLSX) or OpenDocument text (ODT) files. You can "
        "choose several.",
    )
    restricted = forms.TypedChoiceField(
        label="Is the submission restricted?",
        choices=[("no", "No, it can be published"), ("yes", "Yes, it is restricted")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
        help_text="Only the members of the body and you can read a restricted submission. Its "
        "papers stay restricted on the agenda.",
    )
    exemption = forms.ChoiceField(
        label="Reason for restriction",
        choices=[("", "Select a reason"), *Paper.Exemption.choices],
        required=False,
        help_text="Only for a restricted submission.",
    )

    def __init__(self, *args, organisation, readable_cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(organisation=organisation).order_by(
            "name"
        )
        self.fields["project"].queryset = Project.objects.filter(organisation=organisation)
        self.fields["business_case"].queryset = readable_cases

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("restricted") and not cleaned.get("exemption"):
            self.add_error("exemption", "Select why the submission is restricted.")
        if not cleaned.get("restricted"):
            cleaned["exemption"] = ""
        return cleaned


class SubmissionChangeForm(VersionedForm, SubmissionForm):
    """A waiting submission changed: everything but the body it went to, papers added or
    replaced one by one (`replace_<paper id>`), and why."""

    nouns = {**SubmissionForm.nouns, "reason": "why the submission is changed"}
    reason = forms.CharField(
        label="Why are you changing it?",
        max_length=80,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="It stays in the submission's history.",
    )

    def __init__(self, *args, submission, papers, readable_cases, **kwargs):
        initial = {
            "kind": submission.kind,
            "title": submission.title,
            "asked": submission.asked,
            "service_area": submission.service_area,
            "project": submission.project_id,
            "business_case": submission.business_case_id,
            "restricted": "yes" if submission.restricted else "no",
            "exemption": submission.exemption,
        }
        super().__init__(
            *args,
            versioned=submission,
            organisation=submission.organisation,
            readable_cases=readable_cases,
            initial=initial,
            **kwargs,
        )
        del self.fields["body"]
        self.fields["file"].label = "Add papers"
        self.papers = list(papers)
        for paper in self.papers:
            self.fields[f"replace_{paper.pk}"] = ReplacementField(
                label=f"Replace {paper.file_name}",
                required=False,
                help_text="Optional: a file to take its place.",
            )
        # The reason last, after the papers.
        self.fields["reason"] = self.fields.pop("reason")

    def replacements(self):
        """{paper: the file that replaces it}, for the papers given a new file."""
        return {
            paper: self.cleaned_data[f"replace_{paper.pk}"]
            for paper in self.papers
            if self.cleaned_data.get(f"replace_{paper.pk}")
        }

    def _chosen(self):
        data = getattr(self, "cleaned_data", {})
        return super()._chosen() or any(data.get(f"replace_{paper.pk}") for paper in self.papers)


class ReplacementField(forms.FileField):
    """One paper, checked by what it contains (steerco.lib.uploads)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            check_paper_file(upload)
        return upload


def open_meetings(body, day):
    """The meetings of the body a submission can go to: today or later, not cancelled, their
    record still open."""
    return (
        Meeting.objects.filter(body=body, on__gte=day, minutes_approved_at__isnull=True)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("body", "organisation")
        .order_by("on", "id")
    )


class AcceptForm(Form):
    nouns = {"meeting": "the meeting to put it on", "late_reason": "why the item is added late"}
    meeting = MeetingChoiceField(
        label="Which meeting should it go to?",
        queryset=Meeting.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    title = forms.CharField(
        label="Title of the agenda item",
        max_length=300,
        help_text="As the agenda shows it.",
    )

    def __init__(self, *args, submission, day, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = open_meetings(submission.body, day)
        first = self.fields["meeting"].queryset.first()
        self.initial.setdefault("meeting", first.pk if first else None)
        self.initial.setdefault("title", submission.title)
        if submission.restricted:
            self.fields["title"].help_text = (
                "The agenda is public once published: give a title that does not say what the "
                "restricted submission is about."
            )
        self.fields["late_reason"] = late_reason_field()
        late = self.fields["late_reason"]
        late.help_text = f"Only if the agenda is already published. {late.help_text}"

    @property
    def has_choices(self):
        return self.fields["meeting"].queryset.exists()


def _submission_reason_form(name, done, help_text):
    """Returning and withdrawing a submission each ask only why, kept in its history."""
    reason = forms.CharField(
        label=f"Why is it {done}?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
    )
    nouns = {"reason": f"why the submission is {done}"}
    return type(name, (Form,), {"__module__": __name__, "nouns": nouns, "reason": reason})


ReturnForm = _submission_reason_form(
    "ReturnForm", "returned", "The officer who submitted it sees this."
)
WithdrawForm = _submission_reason_form(
    "WithdrawForm", "withdrawn", "It stays in the submission's history."
)


# Dependencies, and the catalogue of products and platforms.

# A slip is looked at over at most ten years, as far as a business case looks ahead.
LONGEST_SLIP = timedelta(days=3653)


def projects_of(organisation_id):
    return Project.objects.filter(organisation_id=organisation_id).order_by("reference")


class DependencyForm(Form):
    depends_on = ModelChoiceField(label="Project it depends on", queryset=Project.objects.none())
    kind = forms.ChoiceField(
        label="How it depends on it",
        choices=Dependency.Kind.choices,
        initial=Dependency.Kind.FINISH_FIRST,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note",
        max_length=300,
        required=False,
        help_text="For example, what it needs from the other project.",
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["depends_on"].queryset = projects_of(project.organisation_id).exclude(
            pk=project.pk
        )


class EndDependencyForm(Form):
    nouns = {"reason": "why the dependency ends"}
    reason = forms.CharField(
        label="Why does the dependency end?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the history of the dependency.",
    )


class EndProductUseForm(Form):
    nouns = {"on": "the date the use ended", "reason": "why the use ends"}
    on = DateField(
        label="When did the use end?",
        help_text="Today or earlier, for example 31 3 2026.",
    )
    reason = forms.CharField(
        label="Why does the use end?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown with the ended uses on the product's and the project's pages, and kept "
        "in the history.",
    )


class SlipForm(Form):
    """What if the project ends later: a new end date, or a number of weeks for a project
    without one."""

    nouns = {"weeks": "the number of weeks"}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        if project.ends_on:
            self.fields["ends_on"] = DateField(
                label="New end date",
                help_text=f"It is planned to end on {project.ends_on:%-d %B %Y}.",
            )
        else:
            self.fields["weeks"] = forms.IntegerField(
                label="Weeks later",
                min_value=1,
                max_value=LONGEST_SLIP.days // 7,
                help_text="It has no planned end date: say how many weeks later it would end.",
            )

    def clean_ends_on(self):
        ends_on, planned = self.cleaned_data["ends_on"], self.project.ends_on
        if ends_on <= planned:
            raise forms.ValidationError(
                f"The new end date must be after the planned end date, {planned:%-d %B %Y}."
            )
        if ends_on - planned > LONGEST_SLIP:
            raise forms.ValidationError(
                "The new end date must be within 10 years of the planned end date."
            )
        return ends_on

    @property
    def days(self):
        if "ends_on" in self.cleaned_data:
            return (self.cleaned_data["ends_on"] - self.project.ends_on).days
        return self.cleaned_data["weeks"] * 7


class DependencyMapForm(Form):
    programme = ModelChoiceField(
        label="Programme", queryset=Programme.objects.none(), required=False
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(organisation=organisation)


class ProductForm(ModelForm):
    class Meta:
        model = Product
        fields = ["name", "kind", "supplier", "description"]
        labels = {"name": "Name", "kind": "Product or platform"}
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}

    nouns = {"kind": "whether it is a product or a platform"}


class ProductUseForm(Form):
    project = ModelChoiceField(label="Project", queryset=Project.objects.none())
    product = ModelChoiceField(label="Product or platform", queryset=Product.objects.none())
    use = forms.ChoiceField(
        label="What the project does with it",
        choices=ProductUse.Use.choices,
        initial=ProductUse.Use.USES,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects_of(organisation.pk)
        self.fields["product"].queryset = Product.objects.filter(organisation=organisation)


class DuplicateCheckForm(Form):
    name = forms.CharField(label="Name of the new project", max_length=200)
    products = ModelMultipleChoiceField(
        label="Products and platforms it will use, introduce or retire",
        queryset=Product.objects.none(),
        required=False,
        widget=LongCheckboxes,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = Product.objects.filter(organisation=organisation)


# Importing projects from a spreadsheet.

IMPORT_MAX_BYTES = getattr(settings, "PAPER_MAX_BYTES", 25 * 1024 * 1024)


class ImportForm(Form):
    nouns = {
        "mapping": "the shape of the spreadsheet",
        "dry_run": "whether to check the file only or import it",
    }
    file = forms.FileField(
        label="Spreadsheet",
        help_text="A CSV file or an Excel workbook (XLSX); its first row holds the headers.",
    )
    mapping = forms.ChoiceField(
        label="Shape of the spreadsheet",
        widget=forms.RadioSelect,
        help_text="Which columns steerco reads, and what each holds.",
    )
    dry_run = forms.TypedChoiceField(
        label="Check the file first?",
        choices=[
            ("yes", "Check it and show what it would change, saving nothing"),
            ("no", "Import it: save everything, or nothing if any row has a problem"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mappings = shipped_mappings()
        self.fields["mapping"].choices = [
            (name, mapping.title)
            for name, mapping in sorted(self.mappings.items(), key=lambda m: m[0] != "steerco")
        ]
        self.fields["mapping"].initial = "steerco"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            limit = IMPORT_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"The selected file must be smaller than {limit}MB.")
        return upload
