from django import forms
from django.conf import settings

from steerco.lib.forms import Form
from steerco.portfolio.rules.spreadsheet import shipped_mappings

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
