"""The annual progress report of a strategy for one financial year, assembled from the
records when it is read: nothing in it is typed except the commentary and the front matter
(`models.py`). Each part reads its records in a fixed number of queries whatever the size of
the council, aggregating in SQL, and through the owning app's own reads and permission rules:
the strategy's progress (`strategy/plan.py`), the KPIs' derived status and trend
(`strategy/rules/performance.py`) and chart (`strategy/charts.py`), the risks the reader may
read (`risks/access.py`), the meetings they may see and the actions they may read
(`permissions.visible_meetings`, `meetings/origins.py`).

What each part counts, as the page states it, is in `docs/progress_report.md`."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum, Window
from django.urls import reverse
from django.utils import timezone

from steerco import permissions
from steerco.dashboard.queries import steering_groups
from steerco.meetings import origins
from steerco.meetings.models import Action, Decision
from steerco.portfolio.models import Benefit, BenefitRealisation, Project
from steerco.progress_report import tables
from steerco.progress_report.models import Commentary, FrontMatter, Section
from steerco.progress_report.rules import years
from steerco.risks.access import readable_risks
from steerco.risks.models import Risk
from steerco.strategy import plan
from steerco.strategy.charts import kpi_chart
from steerco.strategy.models import KPI, Measurement, Rag
from steerco.strategy.rules import performance
from steerco.strategy.rules.progress import COUNTED_PROJECTS

TOP_RISKS = 10
COMMITTED = ("approved", "in_delivery")
ZERO = Decimal("0")


def _moment(day):
    """The start of a day in the council's time zone, to compare with the history's times."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def _as_at(history, moment, column):
    """The value of `column` in the last history row of the outer row before `moment`."""
    return Subquery(
        history.filter(id=OuterRef("pk"), history_date__lt=moment)
        .order_by("-history_date", "-history_id")
        .values(column)[:1]
    )


def _changed_since(history, moment):
    """The ids of the records with a history row at or after `moment`. Every save writes a
    row, so any other record is now as it was at `moment` (if it had a row before it): its
    state then is read from its own columns, which the register's indexes serve, rather than
    by a subquery of its history per record."""
    return history.filter(history_date__gte=moment).values("id")


@dataclass
class Projects:
    started: list
    delivered: list
    slipped: list
    # How many there are of each, the lists holding the first `limit` of them on the page.
    started_count: int = 0
    delivered_count: int = 0
    slipped_count: int = 0
    limit: int | None = None  # the page's; None: the lists hold them all

    @property
    def cut(self):
        """Whether the page shows only the first of some list."""
        return (len(self.started), len(self.delivered), len(self.slipped)) != (
            self.started_count,
            self.delivered_count,
            self.slipped_count,
        )


PROJECT_FIELDS = ("pk", "reference", "name", "stage", "starts_on", "ends_on")


def _first(query, limit, *extra):
    """The first `limit` projects of `query` (all when `limit` is None), made from the values
    of PROJECT_FIELDS and of the `extra` names (set on each), and how many the query has. One
    query: the count is a window over all its rows, so that hundreds are counted, not read."""
    fields = (*PROJECT_FIELDS, *extra)
    if limit is None:
        rows = list(query.values_list(*fields))
        count = len(rows)
    else:
        query = query.annotate(rows_in_all=Window(Count("pk")))
        rows = list(query.values_list(*fields, "rows_in_all")[:limit])
        count = rows[0][-1] if rows else 0
    made = []
    for row in rows:
        project = Project(**dict(zip(PROJECT_FIELDS, row, strict=False)))
        for name, value in zip(extra, row[len(PROJECT_FIELDS) :], strict=False):
            setattr(project, name, value)
        made.append(project)
    return made, count


def projects(organisation, start, end, today, limit=None):
    """Projects started in the year (their start date in it, and approved, in delivery or
    closed: a commitment), delivered in it (moved to closed in it, as their history records)
    and slipped in it (approved or in delivery at the year's end, with their end date moved
    later during the year or passed before the year's end without being closed). Each list
    is counted whole and read only as far as its first `limit` (the page's; None: all, for the
    documents)."""
    history = Project.history.model.objects
    ours = Project.objects.filter(organisation=organisation)
    started, started_count = _first(
        ours.filter(starts_on__gte=start, starts_on__lt=end, stage__in=COUNTED_PROJECTS).order_by(
            "starts_on", "reference"
        ),
        limit,
    )
    delivered, delivered_count = _first(
        ours.filter(stage=Project.Stage.CLOSED)
        .annotate(
            closed_at=Subquery(
                history.filter(id=OuterRef("pk"), stage=Project.Stage.CLOSED)
                .order_by("history_date", "history_id")
                .values("history_date")[:1]
            )
        )
        .filter(closed_at__gte=_moment(start), closed_at__lt=_moment(end))
        .order_by("closed_at", "reference"),
        limit,
        "closed_at",
    )
    cutoff = min(end, today)
    at_start, at_end = _moment(start), _moment(end)
    slipping = Q(end_at_end__lt=cutoff) | Q(end_at_end__gt=F("end_at_start"))
    changed_since = _changed_since(history, at_end)
    # Unchanged since the year's end: as they are now, read by the register's columns.
    unchanged, unchanged_count = _first(
        ours.filter(stage__in=COMMITTED)
        .exclude(pk__in=changed_since)
        .filter(Exists(history.filter(id=OuterRef("pk"), history_date__lt=at_end)))
        .annotate(end_at_start=_as_at(history, at_start, "ends_on"), end_at_end=F("ends_on"))
        .filter(slipping)
        .order_by("end_at_end", "reference"),
        limit,
        "end_at_start",
        "end_at_end",
    )
    changed, changed_count = _first(
        ours.filter(pk__in=changed_since)
        .annotate(
            end_at_start=_as_at(history, at_start, "ends_on"),
            end_at_end=_as_at(history, at_end, "ends_on"),
            stage_at_end=_as_at(history, at_end, "stage"),
        )
        .filter(stage_at_end__in=COMMITTED)
        .filter(slipping)
        .order_by("end_at_end", "reference"),
        limit,
        "end_at_start",
        "end_at_end",
    )
    # By the end date at the year's end (never empty for a slipped project), then reference:
    # the first `limit` of both are among the first `limit` of each.
    slipped = sorted([*unchanged, *changed], key=lambda p: (p.end_at_end, p.reference))[:limit]
    for project in slipped:
        project.moved = bool(project.end_at_start and project.end_at_end > project.end_at_start)
    return Projects(
        started,
        delivered,
        slipped,
        started_count,
        delivered_count,
        unchanged_count + changed_count,
        limit,
    )


@dataclass
class BenefitTotals:
    label: str
    planned: Decimal = ZERO
    realised: Decimal = ZERO


@dataclass
class Benefits:
    rows: list
    count: int = 0
    totals: list = field(default_factory=list)


def benefits(organisation, start, end, limit=None):
    """The benefits due in the year or with a realisation recorded in it (the first `limit`
    of them, for the page; the documents carry them all): what each planned for the year (its
    target value, if its target date is in the year) and what it realised in the year (the
    sum of its entries dated in the year that no later entry corrects), with the totals of the
    benefits valued in pounds. Summed in SQL, so that a council with thousands of benefits
    costs the same four queries: the rows, their sums, one pass over the benefits due in the
    year (their count and planned totals) and one over the year's entries (the realised totals
    and the count of the benefits not due that have one)."""
    standing = BenefitRealisation.objects.filter(on__gte=start, on__lt=end).filter(
        ~Exists(BenefitRealisation.objects.filter(corrects=OuterRef("pk")))
    )
    in_year = standing.filter(benefit__project__organisation=organisation)
    due = Q(target_on__gte=start, target_on__lt=end)
    # The outer query has the council: the entries of one benefit need no join to it.
    found = Benefit.objects.filter(project__organisation=organisation).filter(
        due | Q(Exists(standing.filter(benefit=OuterRef("pk"))))
    )
    rows = list(
        found.select_related("project").order_by("project__reference", "target_on", "pk")[:limit]
    )
    realised = {
        row["benefit"]: (row["total"] or ZERO, row["entries"])
        for row in (in_year if limit is None else in_year.filter(benefit__in=rows))
        .values("benefit")
        .annotate(total=Sum("value"), entries=Count("pk"))
        .order_by()
    }
    for benefit in rows:
        benefit.realised, benefit.entries = realised.get(benefit.pk, (ZERO, 0))
        benefit.due_in_year = benefit.target_on is not None and start <= benefit.target_on < end
        benefit.planned = benefit.target_value if benefit.due_in_year else None
    totals = {
        kind: BenefitTotals(label)
        for kind, label in Benefit.Kind.choices
        if kind != Benefit.Kind.QUALITATIVE
    }
    # How many there are: those due in the year (counted with the planned totals in one pass
    # over the benefits) and those not due with an entry in it (in the pass over the entries).
    due_in_year = Benefit.objects.filter(due, project__organisation=organisation).aggregate(
        count=Count("pk"),
        **{kind: Sum("target_value", filter=Q(kind=kind)) for kind in totals},
    )
    for kind, total in totals.items():
        total.planned = due_in_year[kind] or ZERO
    count = due_in_year["count"]
    for row in (
        in_year.values("benefit__kind")
        .annotate(
            total=Sum("value"),
            not_due=Count(
                "benefit",
                distinct=True,
                filter=~Q(benefit__target_on__gte=start, benefit__target_on__lt=end),
            ),
        )
        .order_by()
    ):
        count += row["not_due"]
        if row["benefit__kind"] in totals:
            totals[row["benefit__kind"]].realised = row["total"] or ZERO
    return Benefits(rows, count, list(totals.values()))


@dataclass(frozen=True)
class Measured:
    """A measurement of the year as the report prints it and `strategy/charts.py` draws it:
    made for hundreds of KPIs, so lighter than the record."""

    pk: int
    period: str
    value: Decimal
    status: str
    shown: str

    def get_status_display(self):
        return Rag(self.status).label if self.status else ""


# Which KPIs' charts the page draws first: the furthest off target.
CHART_ORDER = {performance.RED: 0, performance.AMBER: 1}


def kpis(strategy, start, end, charts=None):
    """The KPIs of the strategy's themes with their measurements in the year: the latest one's
    status against the target and the trend from the year's first measurement to its latest,
    each with the address of its own page. `charts`: draw the chart of the year for so many of
    the KPIs measured in it, those furthest off target first (red, then amber, then in the
    table's order); None: all of them. The year's first and latest measurements are read by
    subqueries on the measurements' index, and every measurement of the year only for the
    charted KPIs: two queries, and as little Python for two hundred KPIs as for ten."""
    in_year = Measurement.objects.filter(
        kpi=OuterRef("pk"), period_starts_on__gte=start, period_starts_on__lt=end
    )
    latest = in_year.order_by("-period_starts_on")
    first = in_year.order_by("period_starts_on")
    found = list(
        KPI.objects.filter(theme__strategy=strategy)
        .annotate(
            theme_name=F("theme__name"),
            **{
                f"latest_{name}": Subquery(latest.values(name)[:1])
                for name in ("pk", "period_starts_on", "value", "status")
            },
            first_period=Subquery(first.values("period_starts_on")[:1]),
            first_value=Subquery(first.values("value")[:1]),
        )
        .order_by("theme__position", "theme__name", "name", "pk")
    )
    address = reverse(
        "strategy:kpi", kwargs={"org": strategy.organisation.slug, "kpi_pk": 0}
    ).removesuffix("/0/")

    def measurement(kpi, pk, period_starts_on, value, status):
        return Measured(pk, kpi.period_label(period_starts_on), value, status, kpi.formatted(value))

    for kpi in found:
        kpi.url = f"{address}/{kpi.pk}/"
        kpi.latest = kpi.trend = kpi.chart = None
        if kpi.latest_pk is not None:
            kpi.latest = measurement(
                kpi,
                kpi.latest_pk,
                kpi.latest_period_starts_on,
                kpi.latest_value,
                kpi.latest_status,
            )
            if kpi.first_period != kpi.latest_period_starts_on:
                kpi.trend = performance.trend(kpi.direction, kpi.first_value, kpi.latest_value)
        kpi.target_shown = kpi.formatted(kpi.target)
    charted = [kpi for kpi in found if kpi.latest]
    if charts is not None:
        charted = sorted(charted, key=lambda kpi: CHART_ORDER.get(kpi.latest.status, 2))
        charted = charted[:charts]
    rows = {kpi.pk: [] for kpi in charted}
    for kpi_id, *row in (
        Measurement.objects.filter(
            kpi__in=list(rows), period_starts_on__gte=start, period_starts_on__lt=end
        )
        .order_by("kpi_id", "period_starts_on")
        .values_list("kpi_id", "pk", "period_starts_on", "value", "status")
        if rows
        else ()
    ):
        rows[kpi_id].append(row)
    for kpi in charted:
        kpi.chart = kpi_chart(
            kpi,
            [measurement(kpi, *row) for row in rows[kpi.pk]],
            title=f"{kpi.name} for each period of the year"
            + (f", against the target of {kpi.target_shown}" if kpi.target_shown else ""),
        )
    return found


MOVEMENTS = {"up": "Worse", "down": "Better", "same": "No change", "new": "New"}


def top_risks(request, start, end):
    """The open risks the reader may read with the highest current score at the year's end
    (as the history records it), each with its current score at the year's start.

    A risk's state at a moment is its last history row before it. A risk with no history row
    since the year's end is as it was then (every save writes a row), so its state at the
    year's end is the risk as it is: those are read in the register's order of score, which
    its index walks, and only the ten highest reached. Only the risks changed since the
    year's end (few, for a recent year) have their state read from the history row by row.
    Three queries whatever the size of the register."""
    history = Risk.history.model.objects
    at_start, at_end = _moment(start), _moment(end)
    readable = readable_risks(request).select_related("owner", "category")
    changed_since = _changed_since(history, at_end)
    unchanged = list(
        readable.filter(status=Risk.Status.OPEN, current_score__isnull=False)
        .exclude(pk__in=changed_since)
        .filter(Exists(history.filter(id=OuterRef("pk"), history_date__lt=at_end)))
        .annotate(score_at_end=F("current_score"))
        .order_by("-current_score", "number")[:TOP_RISKS]
    )
    changed = list(
        readable.filter(pk__in=changed_since)
        .annotate(
            score_at_end=_as_at(history, at_end, "current_score"),
            status_at_end=_as_at(history, at_end, "status"),
        )
        .filter(status_at_end=Risk.Status.OPEN, score_at_end__isnull=False)
        .order_by("-score_at_end", "number")[:TOP_RISKS]
    )
    risks = sorted(unchanged + changed, key=lambda risk: (-risk.score_at_end, risk.number))
    risks = risks[:TOP_RISKS]
    scores_at_start = dict(
        history.filter(id__in=[risk.pk for risk in risks], history_date__lt=at_start)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "current_score")
    )  # the last row before the year's start of each, as the dict keeps the last given
    for risk in risks:
        risk.score_at_start = scores_at_start.get(risk.pk)
        if risk.score_at_start is None:
            risk.movement = MOVEMENTS["new"]
        elif risk.score_at_end > risk.score_at_start:
            risk.movement = MOVEMENTS["up"]
        elif risk.score_at_end < risk.score_at_start:
            risk.movement = MOVEMENTS["down"]
        else:
            risk.movement = MOVEMENTS["same"]
    return risks


def decisions(request, body, start, end):
    """The steering group's decisions at its meetings in the year that the reader may see."""
    if body is None:
        return []
    found = (
        Decision.objects.filter(body=body, item__meeting__on__gte=start, item__meeting__on__lt=end)
        .select_related("body", "item__meeting")
        .order_by("item__meeting__on", "year", "number")
    )
    return list(
        permissions.visible_meetings(
            request.user, request.organisation, found, via="item__meeting__"
        )
    )


def open_actions(request, strategy, body, end, today):
    """The actions of the strategy's action plan and of the steering group's action log,
    raised before the year's end and still open today, that the reader may read. A query, so
    that the page can read one page of them and the documents all."""
    where = Q(objective_link__objective__strategy=strategy)
    if body is not None:
        where |= Q(body=body)
    raised = Q(meeting__on__lt=end) | Q(meeting__isnull=True, raised_on__lt=end)
    return (
        Action.objects.still_open()
        .filter(where, raised, organisation=request.organisation)
        .exclude(origins.hidden(request.user, request.organisation, today))
        .select_related("owner", "body")
        .order_by("due_on", "body__name", "number", "pk")
    )


@dataclass
class AnnualReport:
    strategy: object
    year: int
    label: str
    starts_on: dt.date
    ends_on: dt.date  # the last day of the year
    themes: list
    projects: Projects
    benefits: Benefits
    kpis: list
    risks: list
    steering_group: object
    decisions: list
    actions: object  # a query of the open actions; the page replaces it with one page of them
    front_matter: FrontMatter
    commentary: dict  # section value: Commentary

    @property
    def title(self):
        return f"{self.strategy.title}: annual progress report {self.label}"

    @property
    def sections(self):
        """(section value, heading, its commentary or None), in the report's order."""
        return [(value, heading, self.commentary.get(value)) for value, heading in Section.choices]

    @property
    def parts(self):
        """(section value, heading, its commentary or None, its tables), in order."""
        return [
            (value, heading, commentary, tables.section_tables(self, value))
            for value, heading, commentary in self.sections
        ]

    @property
    def kpi_charts(self):
        """The KPIs whose chart of the year the page draws."""
        return [kpi for kpi in self.kpis if kpi.chart]

    @property
    def kpis_measured(self):
        return sum(1 for kpi in self.kpis if kpi.latest)

    @property
    def front_matter_rows(self):
        front = self.front_matter
        key = {True: "Yes", False: "No", None: ""}[front.key_decision]
        return [
            ("Report of", front.report_of),
            ("Date", f"{front.report_date:%-d %B %Y}" if front.report_date else ""),
            ("Title of report", self.title),
            ("Purpose of report", front.purpose),
            ("Key decision", key),
            ("Executive lead member", front.lead_member),
            ("Policy framework", front.policy_framework),
            ("Contact officer", front.contact_officer),
        ]

    @property
    def risk_implications(self):
        """The front matter's risk implications, or, left blank, what the top risks show."""
        if self.front_matter.risk.strip():
            return self.front_matter.risk
        if not self.risks:
            return f"No open risk was scored at the end of {self.label}."
        highest = self.risks[0]
        worse = sum(risk.movement == MOVEMENTS["up"] for risk in self.risks) or "none"
        return (
            f"The top {len(self.risks)} open risks at the end of {self.label} are in the "
            f'section "Top risks and how they moved". The highest is {highest.reference}, '
            f"{highest.title}, scored {highest.score_at_end}; {worse} of them scored worse "
            "than at the start of the year."
        )

    @property
    def implications(self):
        """(heading, text) of the council report's implications; empty ones say so."""
        front = self.front_matter
        return [
            ("Financial implications", front.financial),
            ("Legal implications", front.legal),
            ("Equality implications", front.equality),
            ("Risk implications", self.risk_implications),
        ]


def annual_report(request, strategy, year, today, rows_shown=None, charts=0):
    """`rows_shown`: the page shows so many of the long lists (projects, benefits); the documents
    pass None and carry them all. `charts`: the page draws the charts of so many KPIs (the
    documents print the tables, without charts)."""
    start, end = years.bounds(year)
    _groups, body = steering_groups(strategy.organisation, None)  # the council's first
    front_matter = FrontMatter.objects.filter(strategy=strategy, year=year).first()
    if front_matter is None:
        front_matter = FrontMatter(strategy=strategy, year=year)
    return AnnualReport(
        strategy=strategy,
        year=year,
        label=years.label(year),
        starts_on=start,
        ends_on=end - dt.timedelta(days=1),
        themes=plan.themes_with_progress(strategy),
        projects=projects(strategy.organisation, start, end, today, rows_shown),
        benefits=benefits(strategy.organisation, start, end, rows_shown),
        kpis=kpis(strategy, start, end, charts),
        risks=top_risks(request, start, end),
        steering_group=body,
        decisions=decisions(request, body, start, end),
        actions=open_actions(request, strategy, body, end, today),
        front_matter=front_matter,
        commentary={
            entry.section: entry
            for entry in Commentary.objects.filter(strategy=strategy, year=year).select_related(
                "strategy"
            )
        },
    )
