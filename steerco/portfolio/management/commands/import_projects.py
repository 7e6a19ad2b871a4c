from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from steerco.accounts.models import Organisation
from steerco.portfolio.rules.spreadsheet import load_mapping
from steerco.portfolio.spreadsheets import import_projects


class Command(BaseCommand):
    help = (
        "Imports a register of projects from a CSV or Excel file, all or nothing: every row's "
        "problems are listed and nothing is saved while there is one."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="a CSV or Excel (XLSX) file")
        parser.add_argument("--organisation", required=True, help="the council's slug")
        parser.add_argument(
            "--mapping",
            default="steerco",
            help="the file's shape: a mapping shipped with steerco (steerco, gmpp) or a .toml file",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, save nothing"
        )

    def handle(self, *args, file, organisation, mapping, dry_run, **options):
        try:
            council = Organisation.objects.get(slug=organisation)
        except Organisation.DoesNotExist:
            raise CommandError(f"There is no organisation {organisation!r}.") from None
        try:
            shape = load_mapping(mapping)
        except ValueError as error:
            raise CommandError(str(error)) from None
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"The file cannot be read: {error.strerror}.") from None
        report = import_projects(
            council, data, mapping=shape, by=None, file_name=file.name, dry_run=dry_run
        )
        for problem in report.problems:
            self.stdout.write(str(problem))
        for notice in report.notices:
            self.stdout.write(f"Note: {notice}")
        if report.themes_added:
            self.stdout.write(f"Themes added: {', '.join(report.themes_added)}.")
        if report.ignored_columns:
            self.stdout.write(f"Columns not imported: {', '.join(report.ignored_columns)}.")
        self.stdout.write(report.summary())
        if report.problems:
            raise CommandError("Nothing was imported.")
