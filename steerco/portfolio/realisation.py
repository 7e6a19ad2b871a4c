"""The read model of benefits realisation: a project's benefits with their entries, and the
whole portfolio's planned against realised, each in a fixed number of queries. The rules are
`rules/benefits.py`: a page of projects is judged by them in Python, while the portfolio's
totals and its overdue benefits are worked out by the database by the same rules (proved equal
by test_benefits_sums), so the time does not grow with the portfolio."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    BigIntegerField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Cast, Coalesce, Round

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
    """The "By project" rows of `project_ids` (in that order), judged by the rules: two
    queries whatever the number of projects."""
    rows = {}
    for pk, reference, name in Project.objects.filter(
        organisation=organisation, pk__in=project_ids
    ).values_list("pk", "reference", "name"):
        rows[pk] = ProjectRow(pk, reference, name)
    entries = defaultdict(list)
    for pk, benefit_id, on, value, corrects_id in BenefitRealisation.objects.filter(
        benefit__project__in=list(rows)
    ).values_list("pk", "benefit_id", "on", "value", "corrects_id"):
        entries[benefit_id].append(rules.Entry(pk, on, value, corrects_id))
    for pk, project_id, kind, target_value, target_on in Benefit.objects.filter(
        project__in=list(rows)
    ).values_list("pk", "project_id", "kind", "target_value", "target_on"):
        row, own = rows[project_id], entries.get(pk, [])
        row.benefits += 1
        if kind in rules.VALUED:
            row.planned += target_value or rules.ZERO
            row.realised += rules.realised_value(own)
        if rules.is_overdue(rules.Planned(kind, target_value, target_on), own, today):
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
    `totals`), summed by the database: two queries whatever the size."""
    planned = dict(
        Benefit.objects.filter(project__organisation=organisation, kind__in=rules.VALUED)
        .values("kind")
        .annotate(total=Sum("target_value"))
        .values_list("kind", "total")
    )
    realised = dict(
        _current_entries()
        .filter(benefit__project__organisation=organisation, benefit__kind__in=rules.VALUED)
        .values("benefit__kind")
        .annotate(total=Sum("value"))
        .values_list("benefit__kind", "total")
    )
    return {
        kind: rules.Totals(planned.get(kind) or rules.ZERO, realised.get(kind) or rules.ZERO)
        for kind in rules.VALUED
    }


def total(totals):
    return sum(totals.values(), rules.Totals())


def _current_entries():
    """The entries no other entry corrects (the rules' `current`)."""
    return BenefitRealisation.objects.filter(corrected_by__isnull=True)


def _pence(amount):
    # Compared in whole pence: the sum of a few amounts in SQLite's floating point can fall a
    # hair short of a target the same amounts reach exactly.
    return Cast(Round(amount * PENCE), BigIntegerField())


PENCE = 100


def _judged():
    """Benefits with what each has realised in pence (`realised_pence`) and whether it has any
    current entry (`has_current`)."""
    current = _current_entries().filter(benefit=OuterRef("pk")).order_by()
    realised = current.values("benefit").annotate(total=Sum(_pence(F("value")))).values("total")
    return Benefit.objects.annotate(
        realised_pence=Coalesce(Subquery(realised), 0, output_field=BigIntegerField()),
        has_current=Exists(current),
    )


def overdue_benefits(organisation, today):
    """The ids of the benefits past their target date and not realised (the rules'
    `is_overdue`), judged by the database, the longest overdue first: a query to page through
    (`overdue_lines` reads a page's benefits)."""
    valued_short = Q(target_value__isnull=False) & Q(realised_pence__lt=_pence(F("target_value")))
    unvalued_unrecorded = Q(target_value__isnull=True, has_current=False)
    return (
        _judged()
        .filter(project__organisation=organisation, target_on__lt=today)
        .filter(valued_short | unvalued_unrecorded)
        .order_by("target_on", "project__reference", "pk")
        .values_list("pk", flat=True)
    )


def overdue_lines(ids):
    """The rows the pages and downloads show of the benefits `ids`, in that order: one query."""
    found = _judged().filter(pk__in=list(ids)).select_related("project").in_bulk()
    return [
        OverdueBenefit(
            benefit.pk,
            benefit.project,
            benefit.description,
            benefit.get_kind_display(),
            benefit.target_on,
            benefit.target_value,
            Decimal(benefit.realised_pence) / PENCE if benefit.kind in rules.VALUED else None,
        )
        for benefit in (found[pk] for pk in ids)
    ]
