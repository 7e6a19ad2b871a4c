from decimal import Decimal
from operator import attrgetter
from typing import NamedTuple

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.lib import exports
from steerco.lib.dates import today
from steerco.lib.forms import add_or_change_page, form_page, posted, run_action
from steerco.lib.links import Address
from steerco.lib.pagination import paginate
from steerco.strategy import actions, plan
from steerco.strategy.access import (
    get_kpi_for,
    get_measurement_for,
    get_strategy_for,
    require_strategy_manager,
)
from steerco.strategy.charts import kpi_chart
from steerco.strategy.forms import (
    AdoptThemesForm,
    ApproveForm,
    CorrectionForm,
    KPIFilterForm,
    KPIForm,
    MakeCurrentForm,
    MeasurementForm,
    ObjectiveForm,
    PlanActionForm,
    PrincipleForm,
    StrategyForm,
    ThemeForm,
)
from steerco.strategy.models import (
    KPI,
    CorporateObjective,
    Measurement,
    Strategy,
)
from steerco.strategy.rules import performance


def _can_manage(request):
    return permissions.can_manage_strategy(request.user, request.organisation, today())


@require_GET
def strategy_list(request, download=None):
    organisation = request.organisation
    strategies = Strategy.objects.filter(organisation=organisation).for_listing()
    if download:
        return exports.download(
            ["Strategy", "Period", "Status", "Approved by"],
            [
                [
                    strategy.title,
                    strategy.period,
                    _strategy_status(strategy),
                    f"Decision {strategy.decision.reference}"
                    if strategy.decision
                    else "Not approved",
                ]
                for strategy in strategies
            ],
            file_type=download,
            name=f"{organisation.slug}-strategies",
            title="Strategies",
        )
    return render(
        request,
        "strategy/strategy_list.html",
        {
            "strategies": strategies,
            "can_manage": _can_manage(request),
            "downloads": exports.links(request, "strategy:strategies", org=organisation.slug),
        },
    )


def _strategy_status(strategy):
    """As strategy/includes/status.html words it."""
    if strategy.is_current:
        return "Current"
    if strategy.status == Strategy.Status.APPROVED:
        return "Approved, not current"
    return "Draft"


@require_GET
def strategy_detail(request, strategy_pk):
    strategy = get_strategy_for(request, strategy_pk)
    themes, unthemed, opened = plan.strategy_plan(strategy, request.GET.get("objective"))
    _attach_links(request.organisation, strategy, themes, unthemed)
    _attach_kpis(request.organisation, themes)
    return render(
        request,
        "strategy/strategy_detail.html",
        {
            "strategy": strategy,
            "themes": themes,
            "unthemed": unthemed,
            "opened": opened,
            "plan_rows": plan.PLAN_ROWS,
            "principles": list(strategy.principles.all()),
            "drivers": list(strategy.drivers.all()),
            "can_manage": _can_manage(request),
        },
    )


class KPILink(NamedTuple):
    name: str
    url: str


def _attach_kpis(organisation, themes):
    """Sets `kpi_links` on each theme: the KPIs that evidence it, by name, read as plain rows
    with one reverse for the page rather than one per KPI."""
    address = Address("strategy:kpi", "kpi_pk", org=organisation.slug)
    links = {}
    for theme_id, pk, name in (
        KPI.objects.filter(theme__in=themes)
        .order_by("name", "pk")
        .values_list("theme_id", "pk", "name")
    ):
        links.setdefault(theme_id, []).append(KPILink(name, address.of(pk)))
    for theme in themes:
        theme.kpi_links = links.get(theme.pk, [])


def _attach_links(organisation, strategy, themes, unthemed):
    """The addresses the plan's rows link to, reversed once for the page: each milestone's
    page, and each objective's "add an action" and "add a milestone"."""
    milestone = Address("strategy:milestone", "milestone_pk", org=organisation.slug)
    plan_pages = {
        name: Address(name, "objective_pk", org=organisation.slug, strategy_pk=strategy.pk)
        for name in ("strategy:plan-action-add", "strategy:milestone-add")
    }
    for objective in [o for theme in themes for o in theme.objective_list] + unthemed:
        objective.add_action_url = plan_pages["strategy:plan-action-add"].of(objective.pk)
        objective.add_milestone_url = plan_pages["strategy:milestone-add"].of(objective.pk)
        for shown in objective.milestones_shown:
            shown.url = milestone.of(shown.pk)


@require_http_methods(["GET", "POST"])
def strategy_form(request, strategy_pk=None):
    organisation = request.organisation
    strategy = get_strategy_for(request, strategy_pk, manage=True) if strategy_pk else None
    require_strategy_manager(request)
    form = StrategyForm(posted(request), instance=strategy, organisation=organisation)
    return add_or_change_page(
        request,
        form,
        lambda data: actions.save_strategy(
            strategy=form.instance,
            drivers=list(data["drivers"]),
            version=data.get("version"),
            by=request.user,
        ),
        existing=strategy,
        noun="a strategy",
        list_url=reverse("strategy:strategies", kwargs={"org": organisation.slug}),
        name_of=attrgetter("title"),
    )


# The parts of a strategy added one at a time: (form, action, noun, whether the form chooses
# among the strategy's own themes).
PARTS = {
    "theme": (ThemeForm, actions.add_theme, "theme", False),
    "objective": (ObjectiveForm, actions.add_objective, "objective", True),
    "principle": (PrincipleForm, actions.add_principle, "underpinning principle", False),
}


@require_http_methods(["GET", "POST"])
def part_add(request, strategy_pk, part):
    """A page adding one part of a strategy (a theme, an objective, a principle)."""
    form_class, action, noun, of_strategy = PARTS[part]
    strategy = get_strategy_for(request, strategy_pk, manage=True)
    form = form_class(posted(request), **({"strategy": strategy} if of_strategy else {}))
    if form.is_valid() and run_action(
        form, action, strategy=strategy, by=request.user, **form.cleaned_data
    ):
        messages.success(request, f"{noun.split()[-1].capitalize()} added.")
        return redirect(strategy)
    return form_page(
        request,
        form,
        title=f"Add {'an' if noun[0] in 'aeiou' else 'a'} {noun}",
        caption=strategy.title,
        submit_label=f"Add the {noun.split()[-1]}",
        back_url=strategy.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def themes_adopt(request, strategy_pk):
    """Puts themes recorded before any strategy into this one, with their history."""
    strategy = get_strategy_for(request, strategy_pk, manage=True)
    form = AdoptThemesForm(posted(request), organisation=request.organisation)
    if form.is_valid() and run_action(
        form, actions.adopt_themes, strategy=strategy, themes=form.cleaned_data["themes"],
        by=request.user,
    ):  # fmt: skip
        messages.success(request, "Themes put into the strategy.")
        return redirect(strategy)
    return form_page(
        request,
        form,
        title="Put existing themes into the strategy",
        caption=strategy.title,
        submit_label="Put them into the strategy",
        back_url=strategy.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def strategy_approve(request, strategy_pk):
    strategy = get_strategy_for(request, strategy_pk, manage=True)
    form = ApproveForm(posted(request), versioned=strategy, organisation=request.organisation)
    if form.is_valid() and run_action(
        form,
        actions.approve_strategy,
        strategy=strategy,
        decision=form.cleaned_data["decision"],
        version=form.cleaned_data.get("version"),
        by=request.user,
    ):
        messages.success(request, f"{strategy.title} recorded as approved.")
        return redirect(strategy)
    return form_page(
        request,
        form,
        title="Record the decision that approved the strategy",
        caption=strategy.title,
        submit_label="Record the approval",
        back_url=strategy.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def strategy_make_current(request, strategy_pk):
    strategy = get_strategy_for(request, strategy_pk, manage=True)
    current = (
        Strategy.objects.filter(organisation=request.organisation, is_current=True)
        .exclude(pk=strategy.pk)
        .first()
    )
    form = MakeCurrentForm(posted(request), versioned=strategy, current=current)
    if form.is_valid() and run_action(
        form,
        actions.make_current,
        strategy=strategy,
        replaces=current if form.cleaned_data.get("replaces") else None,
        version=form.cleaned_data.get("version"),
        by=request.user,
    ):
        messages.success(request, f"{strategy.title} is now the current strategy.")
        return redirect(strategy)
    return form_page(
        request,
        form,
        title="Make this the current strategy",
        caption=strategy.title,
        intro=(
            f"{current} is the current strategy. It stays readable as an earlier strategy."
            if current
            else "The council has no current strategy."
        ),
        submit_label="Make it the current strategy",
        back_url=strategy.get_absolute_url(),
    )


KPIS_PER_PAGE = 25


class Tag(NamedTuple):
    """A status's tag: read by name, as a template's `tag.0` costs a failed attribute lookup
    (and a `dir()`) per row of a ten-year table."""

    css: str
    text: str


# The tag of each status, as strategy/includes/rag.html draws it.
RAG_TAGS = {
    "green": Tag("govuk-tag--green", "Green"),
    "amber": Tag("govuk-tag--yellow", "Amber"),
    "red": Tag("govuk-tag--red", "Red"),
    "": Tag("govuk-tag--grey", "Not rated"),
}


def _can_manage_kpis(request):
    return permissions.can_manage_kpis(request.user, request.organisation, today())


KPI_HEADINGS = [
    "KPI", "Theme", "Latest period", "Latest value", "Target", "Unit", "Status", "Trend",
    "Owner",
]  # fmt: skip
# As strategy/includes/rag.html and trend.html word them.
RAG_WORDS = {"green": "Green", "amber": "Amber", "red": "Red"}
TREND_WORDS = {"improving": "Improving", "worsening": "Worsening", "steady": "No change"}
CENTS = Decimal("0.01")


def _kpi_rows(kpis):
    for kpi in kpis:
        yield [
            kpi.name,
            kpi.theme.name if kpi.theme else "No theme",
            kpi.period_label(kpi.latest_period) if kpi.latest_period else "Not measured",
            None if kpi.latest_value is None else Decimal(kpi.latest_value).quantize(CENTS),
            None if kpi.target is None else kpi.target.quantize(CENTS),
            kpi.get_unit_display(),
            RAG_WORDS.get(kpi.latest_status or "", "Not rated"),
            TREND_WORDS.get(
                performance.trend(kpi.direction, kpi.previous_value, kpi.latest_value),
                "Not enough measurements",
            ),
            str(kpi.owner) if kpi.owner else "No owner",
        ]


@require_GET
def kpi_list(request, download=None):
    """The performance standards framework: each KPI with its latest value and status and the
    trend since the measurement before, filtered by theme and status, a page at a time;
    `download` ("csv", "xlsx") gives every KPI the filtered page lists."""
    organisation = request.organisation
    filters_form = KPIFilterForm(request.GET or None, organisation=organisation)
    filters = filters_form.filters() if request.GET else {}
    kpis = KPI.objects.filter(organisation=organisation).with_latest().order_by("name", "pk")
    if "theme" in filters:
        kpis = kpis.filter(theme_id=filters["theme"])
    if filters.get("status") == KPIFilterForm.NOT_RATED:
        kpis = kpis.filter(Q(latest_status__isnull=True) | Q(latest_status=""))
    elif "status" in filters:
        kpis = kpis.filter(latest_status=filters["status"])
    if download:
        return exports.download(
            KPI_HEADINGS, _kpi_rows(kpis), file_type=download,
            name=f"{organisation.slug}-kpis-{today():%Y-%m-%d}", title="KPIs",
        )  # fmt: skip
    query = request.GET.copy()
    query.pop("page", None)
    context = paginate(request, kpis, KPIS_PER_PAGE)
    for kpi in context["page"]:
        kpi.latest_label = kpi.period_label(kpi.latest_period) if kpi.latest_period else ""
        kpi.trend = performance.trend(kpi.direction, kpi.previous_value, kpi.latest_value)
        kpi.latest_shown = kpi.formatted(kpi.latest_value)
        kpi.target_shown = kpi.formatted(kpi.target)
    return render(
        request,
        "strategy/kpi_list.html",
        {
            "filters_form": filters_form,
            "filtered": bool(filters),
            "query": f"{query.urlencode()}&" if query else "",
            "can_manage": _can_manage_kpis(request),
            "downloads": exports.links(request, "strategy:kpis", org=organisation.slug),
            **context,
        },
    )


@require_GET
def kpi_detail(request, kpi_pk):
    kpi = get_kpi_for(request, kpi_pk)
    measurements = list(kpi.measurements.order_by("period_starts_on"))
    correct_url = reverse(
        "strategy:measurement-correct",
        kwargs={"org": request.organisation.slug, "kpi_pk": kpi.pk, "measurement_pk": 0},
    ).removesuffix("/0/correct/")
    for measurement in measurements:
        measurement.kpi = kpi
        measurement.shown = kpi.formatted(measurement.value)
        # A table of ten years of months: its tags and links made here rather than by an
        # include and a URL lookup per row.
        measurement.tag = RAG_TAGS.get(measurement.status, RAG_TAGS[""])
        measurement.correct_url = f"{correct_url}/{measurement.pk}/correct/"
    corrections = list(
        Measurement.history.filter(kpi_id=kpi.pk, history_type="~")
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    for correction in corrections:
        correction.period = kpi.period_label(correction.period_starts_on)
        correction.shown = kpi.formatted(correction.value)
    latest = measurements[-1] if measurements else None
    previous = measurements[-2] if len(measurements) > 1 else None
    position = None
    if (
        latest
        and kpi.has_benchmark
        and None
        not in (
            kpi.benchmark_lower_quartile,
            kpi.benchmark_upper_quartile,
        )
    ):
        position = performance.quartile(
            kpi.direction,
            latest.value,
            kpi.benchmark_lower_quartile,
            kpi.benchmark_median,
            kpi.benchmark_upper_quartile,
        )
    return render(
        request,
        "strategy/kpi_detail.html",
        {
            "kpi": kpi,
            "measurements": measurements,
            "latest": latest,
            "trend": performance.trend(
                kpi.direction,
                previous.value if previous else None,
                latest.value if latest else None,
            ),
            "quartile": position,
            "figures": {
                name: kpi.formatted(getattr(kpi, name))
                for name in ("target", "tolerance", *KPI.BENCHMARK_FIGURES)
            },
            "corrections": corrections,
            "chart": _chart(kpi, measurements),
            "can_manage": _can_manage_kpis(request),
            "can_record": permissions.can_record_measurement(request.user, kpi, today()),
        },
    )


def _chart(kpi, measurements):
    if not measurements:
        return None
    title = f"{kpi.name} for each period from {measurements[0].period} to "
    title += str(measurements[-1].period)
    if kpi.target is not None:
        title += f", against the target of {kpi.formatted(kpi.target)}"
    if kpi.has_benchmark:
        title += f" and the peer group median of {kpi.formatted(kpi.benchmark_median)}"
    return kpi_chart(kpi, measurements, title=title)


@require_http_methods(["GET", "POST"])
def kpi_form(request, kpi_pk=None):
    organisation = request.organisation
    kpi = get_kpi_for(request, kpi_pk, manage=True) if kpi_pk else None
    if not _can_manage_kpis(request):
        raise PermissionDenied
    form = KPIForm(posted(request), instance=kpi, organisation=organisation)
    return add_or_change_page(
        request,
        form,
        lambda data: actions.save_kpi(
            kpi=form.instance, version=data.get("version"), by=request.user
        ),
        existing=kpi,
        noun="a KPI",
        list_url=reverse("strategy:kpis", kwargs={"org": organisation.slug}),
        caption="Performance standards framework",
    )


@require_http_methods(["GET", "POST"])
def measurement_add(request, kpi_pk):
    kpi = get_kpi_for(request, kpi_pk, record=True)
    form = MeasurementForm(posted(request), kpi=kpi)
    if form.is_valid() and (
        measurement := run_action(
            form,
            actions.record_measurement,
            kpi=kpi,
            period_starts_on=form.cleaned_data["period_starts_on"],
            value=form.cleaned_data["value"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
    ):
        messages.success(request, f"Measurement for {measurement.period} recorded.")
        return redirect(kpi)
    return form_page(
        request,
        form,
        title="Record a measurement",
        caption=kpi.name,
        submit_label="Record the measurement",
        back_url=kpi.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def measurement_correct(request, kpi_pk, measurement_pk):
    measurement = get_measurement_for(request, kpi_pk, measurement_pk)
    kpi = measurement.kpi
    form = CorrectionForm(posted(request), measurement=measurement)
    if form.is_valid() and run_action(
        form,
        actions.correct_measurement,
        measurement=measurement,
        value=form.cleaned_data["value"],
        note=form.cleaned_data["note"],
        reason=form.cleaned_data["reason"],
        version=form.cleaned_data.get("version"),
        by=request.user,
    ):
        messages.success(request, f"Measurement for {measurement.period} corrected.")
        return redirect(kpi)
    return form_page(
        request,
        form,
        title=f"Correct the measurement for {measurement.period}",
        caption=kpi.name,
        intro=f"Recorded value: {kpi.formatted(measurement.value)}. The value it has now is kept "
        "in the KPI's corrections with your reason.",
        submit_label="Correct the measurement",
        back_url=kpi.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def plan_action_add(request, strategy_pk, objective_pk):
    """An action of the strategy's action plan, under one of its objectives: it goes on the
    action log of the body chosen, not raised at a meeting."""
    strategy = get_strategy_for(request, strategy_pk, manage=True)
    objective = get_object_or_404(CorporateObjective, strategy=strategy, pk=objective_pk)
    objective.strategy = strategy
    form = PlanActionForm(posted(request), organisation=request.organisation)
    if form.is_valid() and (
        saved := run_action(
            form, actions.add_plan_action, objective=objective, by=request.user, **form.cleaned_data
        )
    ):
        messages.success(request, f"Action {saved.number} of {saved.body.name} added to the plan.")
        return redirect(strategy)
    return form_page(
        request,
        form,
        title="Add an action to the plan",
        caption=objective.title,
        submit_label="Add the action",
        back_url=strategy.get_absolute_url(),
    )
