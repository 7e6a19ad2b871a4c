"""The read model of benefits realisation: a project's benefits with their entries, and the
whole portfolio's planned against realised, each in a fixed number of queries. The rules are
`rules/benefits.py`; this module only fetches and groups."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from steerco.portfolio.models import Benefit, BenefitRealisation
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
    by_kind: dict = field(default_factory=dict)

    @property
    def share(self):
        return rules.Totals(self.planned, self.realised).share


@dataclass
class OverdueBenefit:
    pk: int
    project: ProjectRow
    description: str
    kind: str
    target_on: object
    target_value: Decimal | None
    realised: Decimal | None


@dataclass
class PortfolioBenefits:
    projects: list[ProjectRow]
    totals: dict  # kind: rules.Totals, for the cashable and the non-cashable benefits
    overdue: list[OverdueBenefit]

    @property
    def total(self):
        return sum(self.totals.values(), rules.Totals())


def portfolio_benefits(organisation, today):
    """Planned against realised for each project with benefits and across the portfolio, and
    the benefits past their target date and not realised: two queries whatever the size."""
    entries = defaultdict(list)
    for pk, benefit_id, on, value, corrects_id in BenefitRealisation.objects.filter(
        benefit__project__organisation=organisation
    ).values_list("pk", "benefit_id", "on", "value", "corrects_id"):
        entries[benefit_id].append(rules.Entry(pk, on, value, corrects_id))
    projects, overdue, planned_benefits = {}, [], []
    benefits = (
        Benefit.objects.filter(project__organisation=organisation)
        .order_by("project__reference", "target_on", "pk")
        .values_list(
            "pk",
            "project_id",
            "project__reference",
            "project__name",
            "description",
            "kind",
            "target_value",
            "target_on",
        )
    )
    for pk, project_id, reference, name, description, kind, target_value, target_on in benefits:
        row = projects.get(project_id)
        if row is None:
            row = projects[project_id] = ProjectRow(project_id, reference, name)
        planned = rules.Planned(kind, target_value, target_on)
        own = entries.get(pk, [])
        planned_benefits.append((planned, own))
        row.benefits += 1
        realised = rules.realised_value(own) if kind in rules.VALUED else None
        if kind in rules.VALUED:
            row.planned += target_value or rules.ZERO
            row.realised += realised
        if rules.is_overdue(planned, own, today):
            row.overdue += 1
            overdue.append(
                OverdueBenefit(
                    pk,
                    row,
                    description,
                    Benefit.Kind(kind).label,
                    target_on,
                    target_value,
                    realised,
                )
            )
    overdue.sort(key=lambda benefit: (benefit.target_on, benefit.project.reference, benefit.pk))
    return PortfolioBenefits(
        projects=list(projects.values()),
        totals=rules.totals(planned_benefits),
        overdue=overdue,
    )
