"""The register as one person reads it, filtered and sorted as an address asks: the page, its
CSV file and its Excel workbook (`tasks.build_register_file`, as the person who asked) all read
it here, so each holds what the page lists and nothing it hides."""

from types import SimpleNamespace

from django.http import QueryDict

from steerco.accounts.models import display_name
from steerco.lib.dates import today
from steerco.risks import importing
from steerco.risks.access import readable_risks, risk_settings
from steerco.risks.forms import RegisterFilterForm
from steerco.risks.models import Risk
from steerco.risks.queries import band_q, flag_q, flags_of, link_names, links_of, with_tolerance
from steerco.risks.rules import appetite, register_sheet, scoring

WHICH = {"current": "Current", "inherent": "Inherent", "target": "Target"}
SORTS = {
    "reference": ("number",),
    "score": ("-current_score", "number"),
    "title": ("title", "number"),
    "review": ("review_on", "number"),
    "owner": ("owner__name", "number"),
}


def cell_filters(request):
    """The heat map's cell links: ?which=current&likelihood=3&impact=4."""
    which = request.GET.get("which")
    try:
        likelihood = int(request.GET.get("likelihood", ""))
        impact = int(request.GET.get("impact", ""))
    except ValueError:
        return None
    if which in WHICH and likelihood in scoring.LEVELS and impact in scoring.LEVELS:
        return which, likelihood, impact
    return None


def filtered(request):
    """The register's filters as the address gives them (`request.GET`), and the risks they
    leave that this reader may read, in the order asked: (filter form, filters, risks, the heat
    map's cell or None)."""
    filters_form = RegisterFilterForm(request.GET or None, organisation=request.organisation)
    filters = filters_form.filters() if request.GET else {}
    risks, cell = _register_query(request, filters)
    return filters_form, filters, risks, cell


def as_person(user, organisation, query):
    """What `filtered` and the access helpers read of a request, for a register read away from
    one (the task worker's workbook): the person who asked, their council and their filters."""
    return SimpleNamespace(user=user, organisation=organisation, GET=QueryDict(query))


def _register_query(request, filters):
    risks = with_tolerance(readable_risks(request).for_register(), request.organisation)
    limits = risk_settings(request).band_limits
    if "category" in filters:
        risks = risks.filter(category_id=filters["category"])
    if "owner" in filters:
        risks = risks.filter(owner_id=filters["owner"])
    if "band" in filters:
        risks = risks.filter(band_q(filters["band"], limits))
    if "project" in filters:
        risks = risks.filter(projects__reference__iexact=filters["project"].strip())
    if "flag" in filters:
        risks = risks.filter(flag_q(filters["flag"], today()))
    if "status" in filters:
        risks = risks.filter(status=filters["status"])
    cell = cell_filters(request)
    if cell:
        which, likelihood, impact = cell
        risks = risks.filter(**{f"{which}_likelihood": likelihood, f"{which}_impact": impact})
    return risks.order_by(*SORTS.get(filters.get("sort"), SORTS["reference"])), cell


# The import reads the same columns back (rules/register_sheet.py).
REGISTER_HEADINGS = list(register_sheet.HEADINGS)


# A register of 20,000 risks is written in one request: read as plain values, not as Risk
# objects, with each name looked up once.
STATUS_NAMES = dict(Risk.Status.choices)
TREATMENT_NAMES = dict(Risk.Treatment.choices)
PROXIMITY_NAMES = dict(Risk.Proximity.choices)
SCORE_COLUMNS = [
    f"{which}_{part}"
    for which in register_sheet.WHICH
    for part in ("likelihood", "impact", "score")
]
# What a row of the download reads; `flags_of` reads the row as it reads a risk.
REGISTER_COLUMNS = [
    "id", "number", "title", "category__name",
    "owner__name", "owner__first_name", "owner__last_name", "owner__username",
    "status", *SCORE_COLUMNS, "tolerance", "previous_score", "treatment", "controls",
    "proximity", "review_on", "money_impact", "cause", "event", "consequence", "whole_service",
    "restricted",
]  # fmt: skip


def rows(risks, limits, on, organisation, *, restricted=None):
    """The download's rows (`REGISTER_HEADINGS`) of `risks`, read from the cursor a piece at a
    time; the pk of each restricted risk among them is added to `restricted` (a list), if
    given."""
    bands = {}
    # What each risk affects: one query a kind of link for the whole register, before its rows.
    names = link_names(organisation)
    links = links_of(risks)
    for risk in risks.values_list(*REGISTER_COLUMNS, named=True).iterator(chunk_size=2000):
        if restricted is not None and risk.restricted:
            restricted.append(risk.id)
        score = risk.current_score
        if score and score not in bands:
            bands[score] = scoring.band(score, limits)
        yield [
            Risk.reference_of(risk.number),
            risk.title,
            risk.category__name,
            display_name(
                risk.owner__name,
                risk.owner__first_name,
                risk.owner__last_name,
                risk.owner__username,
            ),
            STATUS_NAMES.get(risk.status, risk.status),
            *(getattr(risk, column) for column in SCORE_COLUMNS),
            bands[score] if score else "",
            "; ".join(appetite.FLAG_WORDING[flag] for flag in flags_of(risk, on)),
            TREATMENT_NAMES.get(risk.treatment, risk.treatment),
            risk.controls,
            PROXIMITY_NAMES.get(risk.proximity, risk.proximity),
            risk.review_on,
            risk.money_impact,
            risk.cause,
            risk.event,
            risk.consequence,
            importing.affects_words(importing.current_affects(risk, links), names),
        ]
