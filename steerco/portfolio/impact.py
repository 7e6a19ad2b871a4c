"""Reads for the dependency pages, the catalogue and the duplicate check: each a fixed number
of queries whatever the size of the portfolio. The rules themselves are in `rules/`."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q
from django.urls import reverse

from steerco.governance import diagram
from steerco.lib.pagination import paginate
from steerco.portfolio.models import Benefit, Dependency, Product, ProductUse, Project
from steerco.portfolio.rules import dependencies as rules
from steerco.portfolio.rules import duplicates, finance

# A picture with more boxes than this is too big to read: the page lists them instead.
PICTURE_LIMIT = 60
DUPLICATES_SHOWN = 20
PROJECT_FIELDS = ["pk", "organisation_id", "reference", "name", "stage", "starts_on", "ends_on"]


def current_links(organisation_id):
    """The dependencies in force, as the rules take them: (waiter, waited on, kind) rows."""
    return list(
        Dependency.objects.filter(
            organisation_id=organisation_id, ended_at__isnull=True
        ).values_list("project_id", "depends_on_id", "kind")
    )


# Every project one project reaches upward (`up`: what it waits on) and downward (`down`: what
# waits on it) however far, itself among both, in a query that does not grow with the rest of
# the portfolio (the ORM has no recursive queries). UNION, not UNION ALL, so that a cycle in
# bad data still ends.
REACH = """
WITH RECURSIVE
  up(id) AS (
    SELECT CAST(%(project)s AS BIGINT)
    UNION SELECT d.depends_on_id FROM {table} d JOIN up ON d.project_id = up.id
    WHERE d.ended_at IS NULL
  ),
  down(id) AS (
    SELECT CAST(%(project)s AS BIGINT)
    UNION SELECT d.project_id FROM {table} d JOIN down ON d.depends_on_id = down.id
    WHERE d.ended_at IS NULL
  )
"""

# Every dependency among what one project reaches upward, or among what it reaches downward.
LINKED = (
    REACH
    + """
SELECT d.project_id, d.depends_on_id, d.kind FROM {table} d
WHERE d.ended_at IS NULL AND d.organisation_id = %(organisation)s AND (
  (d.project_id IN (SELECT id FROM up) AND d.depends_on_id IN (SELECT id FROM up))
  OR (d.project_id IN (SELECT id FROM down) AND d.depends_on_id IN (SELECT id FROM down))
)
"""
)


def linked_to(project):
    """The dependencies in force among the project and everything it waits on, or that waits
    on it, however indirectly: all that its page's questions need."""
    with connection.cursor() as cursor:
        cursor.execute(
            LINKED.format(table=Dependency._meta.db_table),
            {"project": project.pk, "organisation": project.organisation_id},
        )
        return cursor.fetchall()


def years_label(years):
    if not years:
        return "Not known"
    first, last = finance.label(years[0]), finance.label(years[-1])
    return first if first == last else f"{first} to {last}"


def _projects(organisation, keys):
    # Found by their ids, the organisation checked on each row: with both in the query, SQLite
    # (without statistics) walks the council's every project by its organisation instead.
    projects = Project.objects.filter(pk__in=keys).only(*PROJECT_FIELDS).order_by()
    found = {}
    for project in projects:
        if project.organisation_id == organisation.pk:
            project.organisation = organisation  # already fetched: no query per project
            found[project.pk] = project
    return found


@dataclass(frozen=True)
class Picture:
    diagram: diagram.Diagram
    boxes: list  # (box, project)
    lines: list  # (line, dashed)


def picture(organisation, links, projects, focus=None):
    """The dependencies between `projects` drawn as boxes in rows: what a project waits on sits
    above it, with an arrow from the project to it. Finish-first links are solid lines, the
    other kinds dashed."""
    kinds = {}
    for waiter, waited_on, kind in links:
        if waiter in projects and waited_on in projects:
            pair = (waiter, waited_on)
            if kinds.get(pair) != rules.Kind.FINISH_FIRST:
                kinds[pair] = kind
    pairs = sorted(kinds)
    labels = [(key, f"{project.reference} {project.name}") for key, project in projects.items()]
    labels.sort(key=lambda pair: projects[pair[0]].reference)
    laid_out = diagram.layout(labels, upward=pairs, alongside=[], focus=focus)
    return Picture(
        diagram=laid_out,
        boxes=[(box, projects[box.key]) for box in laid_out.boxes],
        lines=[
            (line, kinds[pair] != rules.Kind.FINISH_FIRST)
            for line, pair in zip(laid_out.lines, pairs, strict=True)
        ],
    )


# The lists of what a project waits on and of what waits on it, however indirectly, a page at
# a time: the busiest project of a large portfolio reaches thousands.
REACHED_PER_PAGE = 50
# The slip's table lists the nearest this many projects (and benefits); its totals count all.
SLIP_ROWS_SHOWN = 50

# The reference and dates of every project one project reaches, either way: the lists are in
# order of distance then reference, and a slip works on the dates of all that wait on it.
REACHED_PROJECTS = (
    REACH
    + """
SELECT p.id, p.organisation_id, p.reference, p.starts_on, p.ends_on FROM {projects} p
WHERE p.id IN (SELECT id FROM up UNION SELECT id FROM down)
"""
)


@dataclass(frozen=True)
class Reached:
    """The reference, start and end of each project reached, by id: dictionaries of plain
    values, as thousands of small objects that live through the request would cost the garbage
    collector more than building them."""

    references: dict
    starts_on: dict
    ends_on: dict


def reached_projects(project):
    """The project and every project it reaches, of its organisation (checked on each row, as
    in `_projects`), in one query however large the portfolio."""
    reached = Reached({}, {}, {})
    with connection.cursor() as cursor:
        cursor.execute(
            REACHED_PROJECTS.format(
                table=Dependency._meta.db_table, projects=Project._meta.db_table
            ),
            {"project": project.pk},
        )
        for pk, organisation_id, reference, starts_on, ends_on in cursor:
            if organisation_id == project.organisation_id:
                reached.references[pk] = reference
                reached.starts_on[pk] = starts_on
                reached.ends_on[pk] = ends_on
    return reached


@dataclass(frozen=True)
class Related:
    project: Project
    distance: int
    url: str


def _in_order(distances, references):
    """The ids nearest first, then by reference (two stable sorts of plain keys)."""
    keys = [key for key in distances if key in references]
    keys.sort(key=references.__getitem__)
    keys.sort(key=distances.__getitem__)
    return keys


def _url_parts(project):
    mark = "0000"
    address = reverse(
        "portfolio:project-dependencies",
        kwargs={"org": project.organisation.slug, "project_pk": mark},
    )
    return address.split(mark)


def project_dependencies(project, *, slip_days=None, waits_page=1, waited_page=1):
    """The project's dependencies page: its own links (current and ended), what it waits on
    and what waits on it however indirectly (a page of each, with how many in all), the
    picture, and what a slip would move. Only the projects a page shows are read whole."""
    organisation = project.organisation
    links = linked_to(project)
    graph = rules.Graph(links)
    reached = reached_projects(project)
    waits_on = rules.waits_on(graph, project.pk)
    waited_on_by = rules.waited_on_by(graph, project.pk)
    waits = _in_order(waits_on, reached.references)
    waited = _in_order(waited_on_by, reached.references)
    waits_paged = paginate(None, waits, REACHED_PER_PAGE, number=waits_page or 1)
    waited_paged = paginate(None, waited, REACHED_PER_PAGE, number=waited_page or 1)
    everyone = {*waits, *waited, project.pk}
    direct = {key for key in everyone if waits_on.get(key) == 1 or waited_on_by.get(key) == 1}
    drawn = everyone if len(everyone) <= PICTURE_LIMIT else direct | {project.pk}
    drawing = 1 < len(drawn) <= PICTURE_LIMIT
    worked = _slip(project, graph, reached, slip_days) if slip_days is not None else None
    wanted = {*waits_paged["page"].object_list, *waited_paged["page"].object_list, project.pk}
    if drawing:
        wanted |= drawn
    if worked:
        wanted |= worked.projects
    projects = _projects(organisation, wanted)
    parts = _url_parts(project)

    def related(page, distances):
        return [
            Related(projects[key], distances[key], str(key).join(parts)) for key in page.object_list
        ]

    own = list(
        Dependency.objects.filter(Q(project=project) | Q(depends_on=project))
        .select_related("project", "depends_on", "ended_by")
        .order_by("project__reference", "depends_on__reference", "pk")
    )
    context = {
        "waits_on": related(waits_paged["page"], waits_on),
        "waited_on_by": related(waited_paged["page"], waited_on_by),
        "waits_on_paged": waits_paged,
        "waited_on_by_paged": waited_paged,
        "waits_on_direct": sum(1 for distance in waits_on.values() if distance == 1),
        "waited_on_by_direct": sum(1 for distance in waited_on_by.values() if distance == 1),
        "depends_on": [d for d in own if d.project_id == project.pk and d.is_current],
        "dependants": [d for d in own if d.depends_on_id == project.pk and d.is_current],
        "ended": [d for d in own if not d.is_current],
        "picture": picture(organisation, links, {key: projects[key] for key in drawn}, project.pk)
        if drawing
        else None,
        "picture_is_partial": drawn is not everyone,
    }
    if worked:
        context["slip"] = worked.view(projects)
    return context


def own_dependencies(project):
    """The dependencies in force of the project itself: (what it depends on, what depends on
    it), each with both projects."""
    own = (
        Dependency.objects.filter(Q(project=project) | Q(depends_on=project), ended_at__isnull=True)
        .select_related("project", "depends_on")
        .order_by("project__reference", "depends_on__reference", "pk")
    )
    own = list(own)
    return (
        [d for d in own if d.project_id == project.pk],
        [d for d in own if d.depends_on_id == project.pk],
    )


@dataclass(frozen=True)
class ShiftRow:
    project: Project
    shift: rules.Shift
    pushed_by: Project | None
    budget_years: str
    new_budget_years: str


@dataclass(frozen=True)
class BenefitRow:
    benefit: Benefit
    project: Project
    moved: rules.TargetShift
    year: str
    new_year: str


@dataclass(frozen=True)
class SlipView:
    days: int
    rows: list  # the nearest SLIP_ROWS_SHOWN
    benefits: list  # the first SLIP_ROWS_SHOWN, by project reference and target date
    delayed_count: int  # every other project that would move
    rows_count: int  # every project of the table: the one that slips, and all downstream
    years_moved_count: int  # every project whose budget years would move
    benefits_count: int  # every benefit whose target date would move
    benefit_years_moved_count: int  # of those, every one whose financial year would move


@dataclass(frozen=True)
class WorkedSlip:
    """A slip worked out over every project downstream, before the few it lists are read."""

    result: rules.Slip
    shifts: list  # the shifts listed
    targets: list  # the benefits' moves listed, in order
    benefits: dict

    @property
    def projects(self):
        keys = {shift.project for shift in self.shifts}
        keys |= {shift.pushed_by for shift in self.shifts if shift.pushed_by is not None}
        return keys | {target.project for target in self.targets}

    def view(self, projects):
        result = self.result
        return SlipView(
            days=result.days,
            rows=[
                ShiftRow(
                    project=projects[shift.project],
                    shift=shift,
                    pushed_by=projects.get(shift.pushed_by),
                    budget_years=years_label(shift.budget_years),
                    new_budget_years=years_label(shift.new_budget_years),
                )
                for shift in self.shifts
            ],
            benefits=[
                BenefitRow(
                    benefit=self.benefits[target.key],
                    project=projects[target.project],
                    moved=target,
                    year=finance.label(target.year),
                    new_year=finance.label(target.new_year),
                )
                for target in self.targets
            ],
            delayed_count=len(result.delayed) - 1,
            rows_count=len(result.shifts),
            years_moved_count=sum(1 for shift in result.shifts if shift.years_moved),
            benefits_count=len(result.targets),
            benefit_years_moved_count=sum(
                1 for target in result.targets if target.year != target.new_year
            ),
        )


def _slip(project, graph, reached, days):
    """What `days` later does downstream, over every project that waits for it to finish (their
    dates are in `reached`): the totals count them all, the rows list the nearest."""
    downstream = rules.waited_on_by(graph, project.pk, kinds=[rules.Kind.FINISH_FIRST])
    keys = [key for key in downstream if key in reached.references] + [project.pk]
    plans = [rules.Plan(key, reached.starts_on[key], reached.ends_on[key]) for key in keys]
    benefits = {
        benefit.pk: benefit
        for benefit in Benefit.objects.filter(project_id__in=keys, target_on__isnull=False).only(
            "pk", "project_id", "description", "target_on"
        )
    }
    targets = [
        rules.Target(benefit.pk, benefit.project_id, benefit.target_on)
        for benefit in benefits.values()
    ]
    result = rules.slip(plans, graph, project.pk, days, targets)
    moved = sorted(
        result.targets,
        key=lambda target: (
            reached.references[target.project],
            target.target_on,
            target.key,
        ),
    )
    return WorkedSlip(
        result=result,
        shifts=list(result.shifts[:SLIP_ROWS_SHOWN]),
        targets=moved[:SLIP_ROWS_SHOWN],
        benefits=benefits,
    )


def dependencies_in_force(organisation, programme=None):
    """Of the whole portfolio, or those touching a programme, in the order of their list."""
    current = Dependency.objects.filter(organisation=organisation, ended_at__isnull=True)
    if programme is not None:
        touching = Q(project__programme=programme) | Q(depends_on__programme=programme)
        current = current.filter(touching)
    return current.order_by("project__reference", "depends_on__reference", "pk")


def dependency_map(organisation, programme=None):
    """The picture of the whole portfolio's dependencies, or of those touching a programme, and
    the queryset of their list."""
    current = dependencies_in_force(organisation, programme)
    links = list(current.values_list("project_id", "depends_on_id", "kind"))
    keys = {waiter for waiter, _, _ in links} | {waited_on for _, waited_on, _ in links}
    # Fetched whether or not there are too many to draw, so the page runs the same queries.
    projects = _projects(organisation, sorted(keys)[: PICTURE_LIMIT + 1])
    drawn = picture(organisation, links, projects) if 1 < len(keys) <= PICTURE_LIMIT else None
    listed = current.select_related("project", "depends_on")
    return {"picture": drawn, "projects_count": len(keys), "dependencies": listed}


def catalogue(organisation):
    """Each product or platform with how many projects use, introduce and retire it now (uses
    that ended are not counted)."""
    counted = {
        f"{use}_count": Count("uses", filter=Q(uses__use=use, uses__ended_on__isnull=True))
        for use in ProductUse.Use.values
    }
    return (
        Product.objects.filter(organisation=organisation).annotate(**counted).order_by("name", "pk")
    )


def product_uses(product):
    """The projects that use, introduce or retire a product now, by what they do with it."""
    return (
        ProductUse.objects.current()
        .filter(product=product)
        .select_related("project")
        .order_by("use", "project__reference", "pk")
    )


# The ended uses a page lists, the latest first; it says how many more there are.
ENDED_USES_SHOWN = 20


def ended_uses(uses):
    """The latest ENDED_USES_SHOWN ended uses of `uses` (a queryset) with who ended them, and
    how many there are in all."""
    ended = uses.ended().select_related("project", "product", "ended_by")
    return {
        "uses": list(ended.order_by("-ended_on", "-pk")[:ENDED_USES_SHOWN]),
        "count": ended.count(),
    }


def project_product_uses(project):
    """The project's part of the catalogue: what it uses, introduces or retires now, and the
    uses that ended."""
    uses = ProductUse.objects.filter(project=project)
    return {
        "current": list(uses.current().select_related("product").order_by("product__name", "pk")),
        "ended": ended_uses(uses),
    }


@dataclass(frozen=True)
class DuplicateRow:
    project: dict
    match: duplicates.Match
    products: list
    percent: int


def possible_duplicates(organisation, name, products, limit=DUPLICATES_SHOWN):
    """Projects of the council that may duplicate a new one: by name, and by the products and
    platforms they use, introduce or retire now (a use that ended is no overlap)."""
    shared_by = {}
    # Only the uses of the products asked about can be shared.
    for project_id, product_id in (
        ProductUse.objects.current()
        .filter(project__organisation=organisation, product__in=products)
        .values_list("project_id", "product_id")
    ):
        shared_by.setdefault(project_id, set()).add(product_id)
    shared_by = {pk: frozenset(ids) for pk, ids in shared_by.items()}
    none = frozenset()
    existing = [
        duplicates.Existing(pk, name, shared_by.get(pk, none))
        for pk, name in Project.objects.filter(organisation=organisation).values_list("pk", "name")
    ]
    names = {product.pk: product.name for product in products}
    matches = duplicates.possible_duplicates(name, names, existing, limit=limit)
    # Only the listed projects' other columns are read.
    projects = Project.objects.filter(pk__in=[match.key for match in matches]).in_bulk()
    stages = dict(Project.Stage.choices)
    rows = []
    for match in matches:
        found = projects[match.key]
        project = {
            "pk": found.pk,
            "reference": found.reference,
            "name": found.name,
            "stage": found.stage,
            "stage_label": stages[found.stage],
        }
        shared = sorted(names[pk] for pk in match.shared_products)
        rows.append(DuplicateRow(project, match, shared, round(match.name_similarity * 100)))
    return rows


# How many projects one project waits on and how many wait on it, however indirectly: the
# counts alone (the dependencies page needs LINKED's rows; the project page does not).
REACHED = (
    REACH
    + """
SELECT (SELECT COUNT(*) FROM up WHERE id <> %(project)s),
       (SELECT COUNT(*) FROM down WHERE id <> %(project)s)
"""
)


def reached_counts(project):
    """(how many projects it waits on, how many wait on it), however indirectly, as
    `len(rules.waits_on(...))` and `len(rules.waited_on_by(...))` count them: one query."""
    with connection.cursor() as cursor:
        cursor.execute(REACHED.format(table=Dependency._meta.db_table), {"project": project.pk})
        waits_on, waited_on_by = cursor.fetchone()
    return waits_on, waited_on_by


def project_section(request, project):
    """The dependencies part of the project page: the picture of its direct links with the
    counts beside it. Only the projects it links to directly, and the links among them, are
    read, however large the portfolio: four queries."""
    organisation = project.organisation
    waits_on_count, waited_on_by_count = reached_counts(project)
    own = list(
        Dependency.objects.filter(
            Q(project=project) | Q(depends_on=project), ended_at__isnull=True
        ).values_list("project_id", "depends_on_id")
    )
    depends_on = {waited_on for waiter, waited_on in own if waiter == project.pk}
    dependants = {waiter for waiter, waited_on in own if waited_on == project.pk}
    near = depends_on | dependants | {project.pk}
    # At most one more than can be drawn is read, so that a busy project costs no more.
    drawn = sorted(near)[: PICTURE_LIMIT + 1]
    shown = _projects(organisation, drawn)
    # By the projects' ids, the organisation checked on each row (as in `_projects`).
    among = (
        Dependency.objects.filter(ended_at__isnull=True, project__in=drawn, depends_on__in=drawn)
        .order_by()
        .values_list("organisation_id", "project_id", "depends_on_id", "kind")
    )
    # As the dependencies page draws them: the links among what it waits on directly, and
    # among what waits on it directly (the project among both).
    above, below = depends_on | {project.pk}, dependants | {project.pk}
    links = [
        (waiter, waited_on, kind)
        for organisation_id, waiter, waited_on, kind in among
        if organisation_id == organisation.pk
        and ({waiter, waited_on} <= above or {waiter, waited_on} <= below)
    ]
    return {
        "project": project,
        "waits_on_count": waits_on_count,
        "waited_on_by_count": waited_on_by_count,
        "depends_on_count": len(depends_on),
        "dependants_count": len(dependants),
        "picture": picture(organisation, links, shown, focus=project.pk)
        if 1 < len(near) <= PICTURE_LIMIT
        else None,
    }
