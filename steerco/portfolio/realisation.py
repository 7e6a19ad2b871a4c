"""The read model of benefits realisation: a project's benefits with their entries, and the
whole portfolio's planned against realised, each in a fixed number of queries. The rules are
`rules/benefits.py`: what each benefit has realised by them (the sum of its current entries,
and whether it is realised) is kept on the benefit by the actions that record and correct
realisations (`store_realised`), so the portfolio's totals are one sum and its overdue benefits
an indexed filter (proved equal to the rules by test_benefits_sums), and the time does not grow
with the number of entries."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Sum

from steerco.portfolio.models import Benefit, BenefitRealisation, Project
from steerco.portfolio.rules import benefits as rules


def _entry(realisation):
    return rules.Entry(realisation.pk, realisation.on, realisation.value, realisation.corrects_id)


def _planned(benefit):
    return rules.Planned(benefit.kind, benefit.target_value, benefit.target_on)


@dataclass
class BenefitLine:
    benefit: Benefit
    entries: list  # every entry, oldest first; a corrected one has `.corrected_by_entry`
    realised: Decimal | None  # for a benefit valued in pounds
    latest: BenefitRealisation | None
    overdue: bool
    is_realised: bool
    can_record: bool = False


def project_benefits(project, today):
    """The project's benefits, each with its entries and what it has realised: two queries."""
    realisations = BenefitRealisation.objects.select_related("recorded_by").order_by("on", "id")
    benefits = (
        project.benefits.select_related("owner")
        .prefetch_related(Prefetch("realisations", queryset=realisations))
        .order_by("target_on", "id")
    )
    lines = []
    for benefit in benefits:
        entries = list(benefit.realisations.all())
        by_id = {entry.pk: entry for entry in entries}
        for entry in entries:
            entry.corrected_by_entry = None
        for entry in entries:
            if entry.corrects_id in by_id:
                by_id[entry.corrects_id].corrected_by_entry = entry
        pure = [_entry(entry) for entry in entries]
        planned = _planned(benefit)
        latest = rules.latest(pure)
        lines.append(
            BenefitLine(
                benefit=benefit,
                entries=entries,
                realised=rules.realised_value(pure) if benefit.kind in rules.VALUED else None,
                latest=by_id[latest.id] if latest else None,
                overdue=rules.is_overdue(planned, pure, today),
                is_realised=rules.is_realised(planned, pure),
            )
        )
    return lines


@dataclass
class ProjectRow:
    pk: int
    reference: str
    name: str
    benefits: int = 0
    planned: Decimal = rules.ZERO
    realised: Decimal = rules.ZERO
    overdue: int = 0

    @property
    def share(self):
        return rules.Totals(self.planned, self.realised).share


@dataclass
class OverdueBenefit:
    pk: int
    project: Project
    description: str
    kind: str
    target_on: object
    target_value: Decimal | None
    realised: Decimal | None


def project_rows(organisation, project_ids, today):
    """The "By project" rows of `project_ids` (in that order), from what each benefit has
    realised by the rules (kept on the benefit): two queries whatever the number of projects."""
    rows = {}
    # By their ids, the organisation checked on each row: with both in the query, SQLite
    # (without statistics) walks the council's every project by its organisation instead.
    for pk, organisation_id, reference, name in (
        Project.objects.filter(pk__in=project_ids)
        .order_by()
        .values_list("pk", "organisation_id", "reference", "name")
    ):
        if organisation_id == organisation.pk:
            rows[pk] = ProjectRow(pk, reference, name)
    judged = Benefit.objects.filter(project__in=list(rows)).values_list(
        "project_id", "kind", "target_value", "target_on", "realised_value", "is_realised"
    )
    for project_id, kind, target_value, target_on, realised, is_realised in judged:
        row = rows[project_id]
        row.benefits += 1
        if kind in rules.VALUED:
            row.planned += target_value or rules.ZERO
            row.realised += realised
        if rules.is_past_due(target_on, is_realised, today):
            row.overdue += 1
    return [rows[pk] for pk in project_ids if pk in rows]


def projects_with_benefits(organisation):
    """The ids of the projects with benefits, by reference: a query to page through."""
    return (
        Project.objects.filter(organisation=organisation)
        .filter(Exists(Benefit.objects.filter(project=OuterRef("pk"))))
        .order_by("reference", "pk")
        .values_list("pk", flat=True)
    )


def portfolio_totals(organisation):
    """Planned against realised for the cashable and the non-cashable benefits (the rules'
    `totals`): one sum by the database of what each benefit has realised, whatever the size."""
    sums = {
        kind: rules.Totals(planned or rules.ZERO, realised or rules.ZERO)
        for kind, planned, realised in Benefit.objects.filter(
            project__organisation=organisation, kind__in=rules.VALUED
        )
        .values("kind")
        .annotate(planned=Sum("target_value"), realised=Sum("realised_value"))
        .values_list("kind", "planned", "realised")
    }
    return {kind: sums.get(kind, rules.Totals()) for kind in rules.VALUED}


def total(totals):
    return sum(totals.values(), rules.Totals())


def overdue_benefits(organisation, today):
    """The ids of the benefits past their target date and not realised (the rules'
    `is_overdue`, from what each has realised), the longest overdue first: a query on the
    `benefit_overdue_idx` index to page through (`overdue_lines` reads a page's benefits)."""
    return (
        # `is_realised__in=[False]`, not `is_realised=False`: Django writes the latter as
        # `NOT is_realised`, which SQLite does not read the index for.
        Benefit.objects.filter(
            project__organisation=organisation, is_realised__in=[False], target_on__lt=today
        )
        .order_by("target_on", "project__reference", "pk")
        .values_list("pk", flat=True)
    )


def overdue_lines(ids):
    """The rows the pages and downloads show of the benefits `ids`, in that order: one query."""
    found = Benefit.objects.filter(pk__in=list(ids)).select_related("project").in_bulk()
    return [
        OverdueBenefit(
            benefit.pk,
            benefit.project,
            benefit.description,
            benefit.get_kind_display(),
            benefit.target_on,
            benefit.target_value,
            benefit.realised_value if benefit.kind in rules.VALUED else None,
        )
        for benefit in (found[pk] for pk in ids)
    ]


BATCH = 2000


def store_realised(benefits, entries=None):
    """Writes on each benefit of `benefits` (a queryset) what it has realised by the rules:
    the sum of its current entries and whether it is realised. `entries` is the realisations'
    queryset (a migration passes its own models'). The benefits are read first, so a
    `select_for_update()` queryset locks them before their entries are read: of two entries
    recorded at once, the one written last counts both. Two queries (a query of entries for
    each BATCH benefits) and an update of the benefits that changed."""
    entries = BenefitRealisation.objects.all() if entries is None else entries
    judged = list(
        benefits.only("pk", "kind", "target_value", "target_on", "realised_value", "is_realised")
    )
    own = defaultdict(list)
    for start in range(0, len(judged), BATCH):
        for pk, benefit_id, on, value, corrects_id in (
            entries.filter(benefit__in=[benefit.pk for benefit in judged[start : start + BATCH]])
            .order_by()
            .values_list("pk", "benefit_id", "on", "value", "corrects_id")
        ):
            own[benefit_id].append(rules.Entry(pk, on, value, corrects_id))
    changed = []
    for benefit in judged:
        realised = rules.realised_value(own[benefit.pk])
        done = rules.is_realised(_planned(benefit), own[benefit.pk])
        if benefit.realised_value != realised or benefit.is_realised != done:
            benefit.realised_value, benefit.is_realised = realised, done
            changed.append(benefit)
    benefits.model._base_manager.bulk_update(
        changed, ["realised_value", "is_realised"], batch_size=500
    )
    return judged
