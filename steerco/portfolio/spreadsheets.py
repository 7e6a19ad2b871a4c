"""The register as a spreadsheet: importing projects (one action, all or nothing) and exporting
the register and the cost profiles. Reading, writing and the column mappings are the pure rules
of `steerco.portfolio.rules.spreadsheet`; this module puts their rows into the register and takes
them out again."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Prefetch, Q
from simple_history.utils import bulk_create_with_history

from steerco.lib.dates import today as council_today
from steerco.lib.history import fits_history, save_with_history
from steerco.lib.spreadsheets import problems_of
from steerco.lib.versioning import claim_version
from steerco.portfolio.models import (
    FIGURE_AMOUNTS,
    BusinessCase,
    ConfidenceAssessment,
    ConfidenceScale,
    PortfolioSettings,
    ProfileYear,
    Programme,
    Project,
    ProjectFigure,
    Rating,
)
from steerco.portfolio.rules import spreadsheet
from steerco.portfolio.rules.spreadsheet import FIELDS, NotGiven, Problem, Withheld
from steerco.strategy.models import Theme

# Who made each Delivery Confidence Assessment column's rating.
ASSESSORS = {"ipa_confidence": "IPA", "sro_confidence": "SRO"}
# The source's commentary that goes with each figure.
COMMENTARY = {
    "forecast_spend": "variance_commentary",
    "whole_life_cost": "cost_commentary",
    "monetised_benefits": "benefits_commentary",
    "ends_on": "schedule_commentary",
}
FIGURE_NAMES = [name for name, _ in ProjectFigure.Name.choices]
# The project's own fields a mapping may fill, and the model field each is.
PROJECT_FIELDS = ["name", "description", "service_area", "stage", "starts_on", "ends_on"]
THEMES_SEPARATOR = ";"


@dataclass
class Report:
    dry_run: bool
    mapping: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    # Rows whose project is already just as the file has it.
    skipped: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    themes_added: list[str] = field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()

    @property
    def saved(self):
        return not self.dry_run and not self.problems

    @property
    def rows(self):
        return len(self.created) + len(self.updated) + len(self.skipped)

    def summary(self):
        if self.problems:
            count = len(self.problems)
            return f"The file has {count} problem{'' if count == 1 else 's'}; nothing was saved."
        counts = (
            f"{len(self.created)} created, {len(self.updated)} updated and "
            f"{len(self.skipped)} skipped as unchanged"
        )
        if self.dry_run:
            return f"The file has no problems. Importing it would give {counts}. Nothing was saved."
        return f"{self.rows} project{'' if self.rows == 1 else 's'} imported: {counts}."


def _problems_of(error, row):
    """A model's refusal as problems naming the row and the field."""
    return problems_of(error, row, {name: f.label for name, f in FIELDS.items()}, "project")


def _length_problems(record, limits):
    for name, value in record.values.items():
        limit = limits.get(name)
        if not (isinstance(value, str) and limit):
            continue
        parts = _theme_names(value) if name == "themes" else [value]
        for part in parts:
            if len(part) > limit:
                what = "each theme" if name == "themes" else f"the {FIELDS[name].label}"
                yield Problem(
                    f"enter {what} in {limit} characters or fewer (it has {len(part)})",
                    record.row,
                    FIELDS[name].label,
                )


def _theme_names(text):
    names = (name.strip() for name in (text or "").split(THEMES_SEPARATOR))
    return list(dict.fromkeys(name for name in names if name))


def _snapshot(project):
    """What an import can change of a project, to tell an update from a row with nothing new."""
    figures = sorted(
        (f.name, f.amount, f.withheld_exemption, f.not_given, f.commentary)
        for f in project.figures.all()
    )
    assessments = sorted(
        (a.assessed_on, a.assessor, a.scale, a.rating, a.commentary)
        for a in project.confidence_assessments.all()
    )
    return (
        tuple(getattr(project, name) for name in PROJECT_FIELDS),
        project.programme_id,
        tuple(sorted(theme.name for theme in project.themes.all())),
        tuple(figures),
        tuple(assessments),
    )


class _Importer:
    def __init__(self, organisation, fields, *, by, reason):
        self.organisation = organisation
        self.mapped = set(fields)
        self.by = by
        self.reason = reason
        self.pending = {}
        self.today = council_today()
        settings_row = PortfolioSettings.objects.filter(organisation=organisation).first()
        self.scale = settings_row.confidence_scale if settings_row else ConfidenceScale.FIVE
        self.projects = {
            project.reference: project
            for project in Project.objects.filter(organisation=organisation).prefetch_related(
                "themes", "figures", "confidence_assessments"
            )
        }
        # A theme is named among the current strategy's and those of no strategy (the current
        # one's first): never an earlier strategy's theme of the same name.
        self.themes = {
            theme.name: theme
            for theme in Theme.objects.filter(organisation=organisation)
            .filter(Q(strategy__isnull=True) | Q(strategy__is_current=True))
            .order_by(F("strategy").asc(nulls_first=True))
        }
        # A programme is named by its reference or, failing that, its name.
        programmes = list(Programme.objects.filter(organisation=organisation))
        self.programmes = {p.name.casefold(): p for p in programmes} | {
            p.reference.casefold(): p for p in programmes
        }
        self.limits = {
            name: Project._meta.get_field(name).max_length
            for name in ("reference", "name", "service_area")
        } | {"themes": Theme._meta.get_field("name").max_length}
        self.position = (
            Theme.objects.filter(organisation=organisation).aggregate(m=Max("position"))["m"] or 0
        )

    def run(self, records, report):
        for record in records:
            problems = list(_length_problems(record, self.limits))
            programme = self._programme(record, problems)
            if problems:
                report.problems.extend(problems)
                continue
            try:
                with transaction.atomic():
                    self._import(record, programme, report)
            except ValidationError as error:
                report.problems.extend(_problems_of(error, record.row))
        if not report.problems:
            self.save_pending()

    def _programme(self, record, problems):
        wanted = record.values.get("programme")
        if "programme" not in self.mapped or wanted is None:
            return None
        programme = self.programmes.get(wanted.casefold())
        if programme is None:
            problems.append(
                Problem(
                    f"there is no programme “{wanted}” in the register: add it first, or leave "
                    "the cell empty",
                    record.row,
                    FIELDS["programme"].label,
                )
            )
        return programme

    def _import(self, record, programme, report):
        values = record.values
        reference = values["reference"]
        project = self.projects.get(reference)
        before = None if project is None else _snapshot(project)
        if project is None:
            project = Project(organisation=self.organisation, reference=reference)
        wanted = self._project_fields(values, programme)
        if before is None or any(getattr(project, k) != v for k, v in wanted.items()):
            # Nothing is written, and no version taken, for a project the row does not change.
            claim_version(project)
            for name, value in wanted.items():
                setattr(project, name, value)
            save_with_history(project, by=self.by, reason=self.reason)
        if "themes" in self.mapped:
            themes = self._themes(values.get("themes"), report)
            if before is None or {t.pk for t in themes} != {t.pk for t in project.themes.all()}:
                project.themes.set(themes)
        self._figures(project, values, new=before is None)
        self._assessments(project, values, new=before is None)
        if before is None:
            report.created.append(reference)
            return
        # What was saved, read back as a page would: the comparison sees the stored values.
        saved = Project.objects.prefetch_related("themes", "figures", "confidence_assessments").get(
            pk=project.pk
        )
        self.projects[reference] = saved
        if _snapshot(saved) == before:
            report.skipped.append(reference)
        else:
            report.updated.append(reference)

    def _project_fields(self, values, programme):
        """The project's own fields as the row has them, for the columns the file has."""
        wanted = {}
        for name in PROJECT_FIELDS:
            if name not in self.mapped:
                continue
            value = values.get(name)
            if name == "stage":
                # A project is always at some stage: an empty cell leaves it where it is.
                if value is not None:
                    wanted[name] = value
            elif name in ("starts_on", "ends_on"):
                wanted[name] = None if isinstance(value, Withheld | NotGiven) else value
            else:
                wanted[name] = value or ""
        if "programme" in self.mapped:
            wanted["programme_id"] = programme.pk if programme else None
        return wanted

    def _save(self, instance, *, new):
        """A figure or an assessment of a project: those of new projects are checked here and
        saved together at the end (with their history), the constraints of their models being
        met by how they are made; a changed one is saved at once."""
        if not new:
            save_with_history(instance, by=self.by, reason=self.reason)
            return
        instance.full_clean(exclude=["project"], validate_unique=False, validate_constraints=False)
        self.pending.setdefault(type(instance), []).append(instance)

    def save_pending(self):
        for model, instances in self.pending.items():
            for instance in instances:
                instance.project_id = instance.project.pk
            bulk_create_with_history(
                instances,
                model,
                default_user=self.by,
                default_change_reason=fits_history(self.reason),
            )
        self.pending = {}

    def _themes(self, text, report):
        themes = []
        for name in _theme_names(text):
            theme = self.themes.get(name)
            if theme is None:
                self.position += 1
                theme = save_with_history(
                    Theme(organisation=self.organisation, name=name, position=self.position),
                    by=self.by,
                    reason=self.reason,
                )
                self.themes[name] = theme
                report.themes_added.append(name)
            themes.append(theme)
        return themes

    def _wanted_figures(self, values):
        """name → (amount, withheld exemption, reason not given, commentary), for each figure
        the file has something for."""
        wanted = {}
        for name in FIGURE_NAMES:
            value = values.get(name)
            commentary = values.get(COMMENTARY.get(name, ""), None) or ""
            amount = value if isinstance(value, Decimal) else None
            exemption = value.exemption if isinstance(value, Withheld) else ""
            note = value.note if isinstance(value, NotGiven) else ""
            if name not in FIGURE_AMOUNTS and not (exemption or note):
                # The project's own date or rating holds it; only commentary stays here.
                amount = None
            if amount is not None or exemption or note or commentary:
                wanted[name] = (amount, exemption, note, commentary)
        return wanted

    def _confidence_commentary(self, values):
        return values.get("confidence_commentary") or ""

    def _figures(self, project, values, *, new):
        wanted = self._wanted_figures(values)
        ratings = [values.get(name) for name in ASSESSORS if name in self.mapped]
        commentary = self._confidence_commentary(values)
        if commentary and not any(isinstance(r, str) for r in ratings):
            # No rating to carry the commentary: the withheld rating keeps it, or the SRO's.
            name = next((n for n in ASSESSORS if n in wanted), "sro_confidence")
            amount, exemption, note, _ = wanted.get(name, (None, "", "", ""))
            wanted[name] = (amount, exemption, note, commentary)
        existing = {} if new else {figure.name: figure for figure in project.figures.all()}
        touched = {
            name
            for name in FIGURE_NAMES
            if name in self.mapped or COMMENTARY.get(name) in self.mapped
        } | (
            {"ipa_confidence", "sro_confidence"}
            if "confidence_commentary" in self.mapped
            else set()
        )
        for name in touched:
            figure = existing.get(name)
            if name not in wanted:
                if figure is not None:
                    figure._history_user = self.by
                    figure._change_reason = fits_history(self.reason)
                    figure.delete()
                continue
            amount, exemption, note, commentary = wanted[name]
            if figure is None:
                figure = ProjectFigure(project=project, name=name)
            elif (
                figure.amount,
                figure.withheld_exemption,
                figure.not_given,
                figure.commentary,
            ) == (
                amount,
                exemption,
                note,
                commentary,
            ):
                continue
            figure.amount = amount
            figure.withheld_exemption = exemption
            figure.not_given = note
            figure.commentary = commentary
            self._save(figure, new=new)

    def _assessments(self, project, values, *, new):
        assessed_on = values.get("assessed_on") or self.today
        commentary = self._confidence_commentary(values)
        existing = [] if new else list(project.confidence_assessments.all())
        for name, assessor in ASSESSORS.items():
            rating = values.get(name)
            if name not in self.mapped or not isinstance(rating, str):
                continue
            scale = (
                ConfidenceScale.FIVE
                if rating in (Rating.AMBER_GREEN, Rating.AMBER_RED)
                else self.scale
            )
            same_day = [
                a for a in existing if a.assessor == assessor and a.assessed_on == assessed_on
            ]
            assessment = (
                same_day[0]
                if same_day
                else ConfidenceAssessment(
                    project=project, assessor=assessor, assessed_on=assessed_on, recorded_by=self.by
                )
            )
            if assessment.pk and (assessment.rating, assessment.scale, assessment.commentary) == (
                rating,
                scale,
                commentary,
            ):
                continue
            assessment.rating = rating
            assessment.scale = scale
            assessment.commentary = commentary
            self._save(assessment, new=new)


def import_projects(organisation, data, *, mapping, by, file_name="", dry_run=False):
    """Imports a register of projects from a spreadsheet, all or nothing.

    Every row's problems are found before anything is kept: those of the file (its columns,
    its cells) and those of the register (a name too long, a programme it has not). With any
    problem, or for a dry run, nothing is saved; the report lists what was created, updated
    (keyed on the project's reference) and skipped, or would be."""
    parsed = spreadsheet.read(data, mapping, file_name)
    report = Report(
        dry_run=dry_run,
        mapping=mapping.title,
        problems=list(parsed.problems),
        notices=list(parsed.notices),
        ignored_columns=parsed.ignored,
    )
    if parsed.problems:
        return report
    reason = f"Imported from {file_name or 'a spreadsheet'} ({mapping.title})"
    with transaction.atomic():
        importer = _Importer(organisation, parsed.fields, by=by, reason=reason)
        importer.run(parsed.records, report)
        if report.problems or dry_run:
            transaction.set_rollback(True)
    if report.problems:
        report.created, report.updated, report.skipped, report.themes_added = [], [], [], []
    return report


# Export ------------------------------------------------------------------------------------

STEERCO = "steerco"


def _latest(assessments, assessor):
    """The latest assessment by the IPA, or the latest by anyone else (the SRO's, or the
    council's own) for the SRO column."""
    chosen = [a for a in assessments if (a.assessor == "IPA") == (assessor == "IPA")]
    return max(chosen, key=lambda a: (a.assessed_on, a.pk), default=None)


def _figure_value(figure):
    if figure is None:
        return None
    if figure.withheld_exemption:
        return spreadsheet.withheld(figure.withheld_exemption) or Withheld(
            figure.withheld_exemption
        )
    if figure.not_given:
        return NotGiven(figure.not_given)
    return figure.amount


def register_rows(organisation):
    """The register in the steerco mapping's shape: (headers, rows), one row per project, in
    a fixed number of queries."""
    mapping = spreadsheet.load_mapping(STEERCO)
    projects = (
        Project.objects.filter(organisation=organisation)
        .select_related("programme")
        # As plain lists: a related manager for each of 5,000 projects was most of the time.
        .prefetch_related(
            Prefetch(
                "themes",
                queryset=Theme.objects.order_by("position", "name"),
                to_attr="sheet_themes",
            ),
            Prefetch("figures", to_attr="sheet_figures"),
            Prefetch("confidence_assessments", to_attr="sheet_assessments"),
        )
        .order_by("reference")
    )
    rows = []
    for project in projects:
        figures = {figure.name: figure for figure in project.sheet_figures}
        assessments = project.sheet_assessments
        ipa, sro = _latest(assessments, "IPA"), _latest(assessments, "SRO")
        dated = [a for a in (ipa, sro) if a is not None]
        values = {
            "reference": project.reference,
            "name": project.name,
            "description": project.description,
            "service_area": project.service_area,
            "themes": f"{THEMES_SEPARATOR} ".join(t.name for t in project.sheet_themes),
            "programme": project.programme.reference if project.programme else None,
            "stage": project.stage,
            "starts_on": project.starts_on,
            "ends_on": project.ends_on,
            "assessed_on": max((a.assessed_on for a in dated), default=None),
            "ipa_confidence": ipa.rating if ipa else None,
            "sro_confidence": sro.rating if sro else None,
            "confidence_commentary": next((a.commentary for a in dated if a.commentary), ""),
        }
        for name in FIGURE_NAMES:
            figure = figures.get(name)
            value = _figure_value(figure)
            if name in FIGURE_AMOUNTS or isinstance(value, Withheld | NotGiven):
                values[name] = value
            if figure and name in COMMENTARY:
                values[COMMENTARY[name]] = figure.commentary
            if figure and name in ASSESSORS and figure.commentary:
                values["confidence_commentary"] = figure.commentary
        rows.append([_cell(values.get(column.field)) for column in mapping.columns])
    return mapping.headers, rows


def _cell(value):
    # Empty text is an empty cell; a zero amount stays a zero.
    return None if value == "" else value


PROFILE_HEADERS = (
    "Project reference",
    "Project",
    "Business case",
    "Version",
    "Status",
    "Option",
    "Preferred option",
    "Do nothing",
    "Financial year",
    "Capital cost (£)",
    "Revenue cost (£)",
    "Cashable saving (£)",
    "Non-cashable benefit value (£)",
    "Existing cost displaced (£)",
)


def profile_rows(organisation, access):
    """Every cost and benefit profile year of the business cases this reader may read
    (`access`: a PortfolioAccess), as (headers, rows); a restricted case's figures appear only
    for those the restricted-information rule lets read it. The rows are an iterator over the
    database's cursor, read as plain values: 25,000 profile years build no object."""
    cases = list(
        BusinessCase.objects.filter(organisation=organisation)
        .select_related("project")
        .order_by("project__reference", "number")
    )
    access.know_bodies_of(cases)
    readable = {case.pk for case in cases if access.can_read_business_case(case, case.project)}
    years = (
        ProfileYear.objects.filter(option__business_case__in=readable)
        .order_by(
            "option__business_case__project__reference",
            "option__business_case__number",
            "option__position",
            "option__id",
            "year",
        )
        .values_list(
            "option__business_case__project__reference",
            "option__business_case__project__name",
            "option__business_case__title",
            "option__business_case__number",
            "option__business_case__status",
            "option__name",
            "option__preferred",
            "option__is_do_nothing",
            "year",
            *ProfileYear.LINES,
        )
    )
    statuses = dict(BusinessCase.Status.choices)

    def rows():
        for (
            reference,
            name,
            title,
            number,
            status,
            option,
            preferred,
            do_nothing,
            year,
            *lines,
        ) in years.iterator(chunk_size=2000):
            yield [
                reference,
                name,
                title,
                str(number),
                statuses.get(status, status),
                option,
                "Yes" if preferred else "No",
                "Yes" if do_nothing else "No",
                f"{year}/{(year + 1) % 100:02d}",
                *lines,
            ]

    return PROFILE_HEADERS, rows()
