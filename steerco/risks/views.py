from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from steerco import permissions
from steerco.lib import exports
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, posted_with_files, run_action
from steerco.lib.pagination import paginate
from steerco.meetings.forms.record import VoidForm
from steerco.meetings.models import Action, Decision, Meeting
from steerco.risks import actions, charts, importing
from steerco.risks import register as register_reads
from steerco.risks.access import (
    get_category_for,
    get_risk_for,
    may_manage_register,
    readable_risks,
    register_body,
    risk_access,
    risk_settings,
)
from steerco.risks.forms import (
    SCALE_FIELDS,
    AcceptForm,
    BandsForm,
    CategoryForm,
    CloseForm,
    ColumnsForm,
    ConfirmImportForm,
    EscalateForm,
    MitigatingActionForm,
    ReassessForm,
    RegisterFileForm,
    RegisterImportForm,
    RemoveCategoryForm,
    RiskForm,
    ScaleForm,
    TolerancesForm,
    sign_import,
)
from steerco.risks.models import (
    AppetiteLevel,
    Escalation,
    RegisterFile,
    Risk,
    RiskCategory,
    ScaleDescriptor,
)
from steerco.risks.queries import (
    escalation_sources,
    flags_of,
    for_escalation_q,
    heat_map,
    pending_escalations,
    reports_to,
    with_tolerance,
)
from steerco.risks.rules import appetite, register_sheet, scoring

RISKS_PER_PAGE = 50
# The download's columns, which the import reads back.
REGISTER_HEADINGS = register_reads.REGISTER_HEADINGS


# An Excel workbook of up to this many risks is written in the request (a quarter of a
# second or so); a larger one by the task worker (`tasks.build_register_file`): openpyxl
# writes a register of 20,000 risks in 5 to 6 seconds on the bench machine (20 to 26 under
# heavier load), longer than a request should hold a web worker. Deciding is one COUNT query
# of the filtered register, about a millisecond at 20,000 risks.
DIRECT_XLSX_RISKS = 1000


@require_GET
def register(request, download=None):
    """The register, filtered and sorted as the address says; `download` ("csv", "xlsx") gives
    every risk the page would list, on one sheet, with the same filters and order. A workbook
    of more than `DIRECT_XLSX_RISKS` risks is prepared by the task worker: the address leads
    to the page that asks for it."""
    organisation = request.organisation
    filters_form, filters, risks, cell = register_reads.filtered(request)
    limits = risk_settings(request).band_limits
    on = today()
    query = request.GET.copy()
    query.pop("page", None)
    if download == "xlsx" and risks.count() > DIRECT_XLSX_RISKS:
        return redirect(_register_url_with(request, query.urlencode(), "risks:register-file"))
    if download:
        return exports.download(
            REGISTER_HEADINGS,
            register_reads.rows(risks, limits, on, organisation),
            file_type=download,
            name=f"{organisation.slug}-risk-register-{on:%Y-%m-%d}",
            title="Risk register",
            streamed=True,
        )
    context = paginate(request, risks, RISKS_PER_PAGE)
    for risk in context["page"]:
        risk.band = scoring.band(risk.current_score, limits) if risk.current_score else None
        risk.flag_words = [appetite.FLAG_WORDING[flag] for flag in flags_of(risk, on)]
    downloads = exports.links(request, "risks:register", org=organisation.slug)
    if context["page"].paginator.count > DIRECT_XLSX_RISKS:
        downloads["xlsx"] = _register_url_with(request, query.urlencode(), "risks:register-file")
        downloads["xlsx_prepared"] = True
    return render(
        request,
        "risks/register.html",
        {
            "filters_form": filters_form,
            "filtered": bool({k: v for k, v in filters.items() if k != "sort"}) or bool(cell),
            "cell": cell,
            "query": f"{query.urlencode()}&" if query else "",
            "can_add": permissions.can_add_risk(request.user, organisation),
            "can_import": permissions.can_manage_register(request.user, organisation, on),
            "downloads": downloads,
            **context,
        },
    )


def _servable(request, register_file, now):
    """Whether the person's workbook may be served to them now: written, not expired, and
    holding no restricted risk they can no longer read (one COUNT query)."""
    if register_file is None or register_file.state != RegisterFile.State.READY:
        return False
    if register_file.expired(now) or not register_file.file:
        return False
    ids = register_file.restricted_risk_ids
    if not ids:
        return True
    # Counted in the database: a register may hold thousands of restricted risks.
    readable = readable_risks(request).filter(pk__in=ids).count()
    return readable == len(ids)


def _own_register_file(request):
    """The reader's own workbook of the register: keyed by who asked, never anyone else's."""
    return RegisterFile.objects.filter(
        organisation=request.organisation, person=request.user
    ).first()


@require_GET
def register_file(request):
    """The register as an Excel workbook prepared by the task worker: the page asks for it
    (with the register's filters from the address), says it is being prepared, asks every few
    seconds whether it is ready (htmx), and then offers it to download."""
    own = _own_register_file(request)
    now = timezone.now()
    building = own is not None and own.state == RegisterFile.State.BUILDING
    if request.headers.get("HX-Request"):
        if not building:
            return HttpResponse(headers={"HX-Refresh": "true"})
        return render(request, "risks/register_file.html#progress", {"register_file": own})
    query = request.GET.copy()
    query.pop("page", None)
    form = RegisterFileForm(initial={"query": query.urlencode()})
    servable = _servable(request, own, now)
    return render(
        request,
        "risks/register_file.html",
        {
            "register_file": own,
            "building": building,
            "servable": servable,
            "withdrawn": own is not None and own.state == RegisterFile.State.READY and not servable,
            "form": form,
            "register_url": _register_url_with(request, query.urlencode()),
            "csv_url": _register_url_with(request, query.urlencode(), "risks:register-csv"),
            "asked_url": own and _register_url_with(request, own.query),
        },
    )


def _register_url_with(request, query, name="risks:register"):
    url = reverse(name, kwargs={"org": request.organisation.slug})
    return f"{url}?{query}" if query else url


@require_POST
def register_file_request(request):
    form = RegisterFileForm(posted(request))
    if form.is_valid():
        query = form.cleaned_data["query"]
        actions.request_register_file(
            request.organisation, by=request.user, query=query, at=timezone.now()
        )
        messages.success(request, "The Excel file of the register is being prepared.")
        return redirect(_register_url_with(request, query, "risks:register-file"))
    return redirect(_register_url_with(request, "", "risks:register-file"))


@require_GET
def register_file_download(request):
    own = _own_register_file(request)
    if not _servable(request, own, timezone.now()):
        raise Http404("No register file to download.")
    try:
        stored = own.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404("No such file.") from missing
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=f"{request.organisation.slug}-risk-register-{timezone.localtime(own.built_at):%Y-%m-%d}.xlsx",
        content_type=exports.CONTENT_TYPES["xlsx"],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def heat_map_page(request):
    which = request.GET.get("which")
    if which not in register_reads.WHICH:
        which = "current"
    risks = readable_risks(request).filter(status=Risk.Status.OPEN)
    counts = heat_map(risks, which)
    limits = risk_settings(request).band_limits
    rows = []
    for likelihood in reversed(scoring.LEVELS):
        cells = []
        for impact in scoring.LEVELS:
            cells.append(
                {
                    "likelihood": likelihood,
                    "impact": impact,
                    "count": counts.get((likelihood, impact), 0),
                    "band": scoring.band(likelihood * impact, limits),
                }
            )
        rows.append((likelihood, cells))
    return render(
        request,
        "risks/heat_map.html",
        {
            "which": which,
            "which_name": register_reads.WHICH[which],
            "kinds": register_reads.WHICH,
            "rows": rows,
            "impacts": scoring.LEVELS,
            "total": sum(counts.values()),
        },
    )


@require_GET
def risk_detail(request, risk_pk):
    risk = get_risk_for(request, risk_pk)
    limits = risk_settings(request).band_limits
    assessments = list(risk.assessments.select_related("by"))
    chart = charts.score_chart(
        (f"{a.assessed_on:%-d %b %Y}", a.current_score, a.target_score) for a in assessments
    )
    escalations = list(
        Escalation.objects.filter(risk=risk)
        .select_related("from_body", "to_body", "by", "item__meeting__body")
        .prefetch_related(
            Prefetch("item__decisions", queryset=Decision.objects.all(), to_attr="standing"),
        )
    )
    # Raised from the risk, or at a meeting where it was discussed (at the item where it was
    # escalated, linked as they are recorded: `actions.action_added`).
    mitigating = [
        link.action
        for link in risk.risk_actions.filter(action__voided_at__isnull=True)
        .select_related("action__owner", "action__body")
        .order_by("action__number")
    ]
    on = today()
    can_change = permissions.can_change_risk(request.user, risk, on)
    # Whoever may not change the risk may still escalate it from a body they manage (one query
    # for the bodies, asked only of them).
    sources = [] if can_change else escalation_sources(risk, register_body(request))
    return render(
        request,
        "risks/risk_detail.html",
        {
            "risk": risk,
            "band": {
                which: scoring.band(getattr(risk, f"{which}_score"), limits)
                for which in register_reads.WHICH
                if getattr(risk, f"{which}_score")
            },
            "flags": [appetite.FLAG_WORDING[flag] for flag in flags_of(risk, today())],
            "assessments": assessments,
            "chart": chart,
            "escalations": escalations,
            "actions": _updatable(request, risk, mitigating),
            "projects": list(risk.projects.all()),
            "business_cases": list(risk.business_cases.filter(restricted=False)),
            "programmes": list(risk.programmes.all()),
            "objectives": list(risk.objectives.all()),
            "can_change": can_change and risk.is_open,
            "can_escalate": risk.is_open
            and (can_change or permissions.can_escalate_risk(request.user, risk, on, sources)),
        },
    )


def _updatable(request, risk, actions):
    """The actions, each with `can_update` (the reader has read the risk, so its own rule) and
    `can_void`."""
    day = today()
    for action in actions:
        action.can_void = permissions.can_void_risk_action(request.user, action, risk, day)
        action.can_update = (
            permissions.can_update_risk_action(
                request.user, action, risk, day, access=risk_access(request)
            )
            if action.meeting_id is None
            else permissions.can_update_action(request.user, action, day)
        )
    return actions


@require_http_methods(["GET", "POST"])
def risk_form(request, risk_pk=None):
    organisation = request.organisation
    if risk_pk:
        risk = get_risk_for(request, risk_pk, change=True)
    else:
        risk = None
        if not permissions.can_add_risk(request.user, organisation):
            raise PermissionDenied
    form = RiskForm(posted(request), instance=risk, organisation=organisation)
    if form.is_valid():
        fields = {
            name: form.cleaned_data[name]
            for name in RiskForm.Meta.fields
            if name not in RiskForm.links
        }
        if risk is None:
            saved = run_action(
                form,
                actions.create_risk,
                organisation=organisation,
                by=request.user,
                scores=form.scores(),
                note=form.cleaned_data["note"],
                target_reason=form.cleaned_data["target_reason"],
                links=form.link_values(),
                **fields,
            )
        else:
            saved = run_action(
                form,
                actions.change_risk,
                risk=form.instance,
                by=request.user,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data.get("version"),
                links=form.link_values(),
            )
        if saved:
            messages.success(request, f"{saved.reference} {'saved' if risk else 'added'}.")
            return redirect(saved)
    return form_page(
        request,
        form,
        title=f"Change {risk.reference}" if risk else "Add a risk",
        submit_label="Save" if risk else "Add the risk",
        back_url=risk.get_absolute_url() if risk else _register_url(request),
    )


def _register_url(request):
    return reverse("risks:register", kwargs={"org": request.organisation.slug})


@require_http_methods(["GET", "POST"])
def reassess(request, risk_pk):
    risk = get_risk_for(request, risk_pk, change=True)
    form = ReassessForm(posted(request), risk=risk, initial={"assessed_on": today()})
    if form.is_valid():
        saved = run_action(
            form,
            actions.reassess_risk,
            risk=risk,
            by=request.user,
            scores=form.scores(),
            note=form.cleaned_data["note"],
            target_reason=form.cleaned_data["target_reason"],
            on=form.cleaned_data["assessed_on"],
            version=form.cleaned_data.get("version"),
        )
        if saved:
            messages.success(request, f"{risk.reference} reassessed.")
            return redirect(saved)
    return form_page(
        request,
        form,
        title=f"Reassess {risk.reference}",
        caption=risk.title,
        submit_label="Save the assessment",
        back_url=risk.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def close(request, risk_pk):
    risk = get_risk_for(request, risk_pk, change=True)
    form = CloseForm(posted(request), versioned=risk)
    if form.is_valid():
        saved = run_action(
            form,
            actions.close_risk,
            risk=risk,
            by=request.user,
            note=form.cleaned_data["note"],
            became_issue=form.cleaned_data["outcome"] == "issue",
            version=form.cleaned_data.get("version"),
        )
        if saved:
            messages.success(request, f"{risk.reference} closed.")
            return redirect(saved)
    return form_page(
        request,
        form,
        title=f"Close {risk.reference}",
        caption=risk.title,
        submit_label="Close the risk",
        back_url=risk.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def action_create(request, risk_pk):
    """A mitigating action raised from the risk, between meetings: it goes on the action log
    of the register's body."""
    risk = get_risk_for(request, risk_pk, change=True)
    if not risk.is_open:
        raise PermissionDenied
    form = MitigatingActionForm(posted(request), organisation=request.organisation)
    if form.is_valid():
        saved = run_action(
            form,
            actions.add_mitigating_action,
            risk=risk,
            by=request.user,
            **form.cleaned_data,
        )
        if saved:
            messages.success(request, f"Action {saved.number} added to {risk.reference}.")
            return redirect(risk)
    body = register_body(request)
    return form_page(
        request,
        form,
        title=f"Add a mitigating action to {risk.reference}",
        caption=risk.title,
        intro=f"The action goes on the action log of {body.name}, not raised at a meeting."
        if body
        else "",
        submit_label="Add the action",
        back_url=risk.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def escalate(request, risk_pk):
    """Records that a risk is escalated to another body (who, when, why): from the board of a
    project it affects, or from the register's body, to a body of the council, by default the
    one it comes from reports to. For whoever may change the risk, or manages a body it may come
    from (who then escalates it from a body they manage)."""
    risk = get_risk_for(request, risk_pk)
    on = today()
    sources = escalation_sources(risk, register_body(request))
    if not permissions.can_escalate_risk(request.user, risk, on, sources):
        raise PermissionDenied
    may_change = permissions.can_change_risk(request.user, risk, on)
    if not may_change:
        sources = [body for body in sources if permissions.can_manage_body(request.user, body, on)]
    form = EscalateForm(
        posted(request),
        organisation=request.organisation,
        sources=sources,
        reports_to=reports_to(sources),
        may_choose_none=may_change,
    )
    if form.is_valid():
        saved = run_action(
            form,
            actions.escalate_risk,
            risk=risk,
            to=form.cleaned_data["to_body"],
            from_body=form.cleaned_data["from_body"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        if saved:
            messages.success(request, f"{risk.reference} escalated to {saved.to_body}.")
            return redirect(risk)
    return form_page(
        request,
        form,
        title=f"Escalate {risk.reference}",
        caption=risk.title,
        intro="" if risk.is_open else f"{risk.reference} is closed: it is not escalated.",
        submit_label="Escalate the risk",
        back_url=risk.get_absolute_url(),
    )


def _next_meeting(body):
    if body is None:
        return None
    return (
        Meeting.objects.upcoming(today())
        .filter(body=body, minutes_approved_at__isnull=True)
        .select_related("body__organisation", "organisation")
        .order_by("on", "pk")
        .first()
    )


ESCALATION_HEADINGS = ["Reference", "Risk", "Current score", "Why", "Agenda"]
ESCALATION_COLUMNS = [
    "id", "number", "title", "current_score", "tolerance", "review_on", "previous_score", "status",
]  # fmt: skip


def escalated_words(escalation):
    """ "Escalated by <the body, else the person> on <date>: <why>"."""
    who = escalation.from_body or escalation.by
    day = timezone.localtime(escalation.escalated_at)
    return f"Escalated by {who} on {day:%-d %B %Y}: {escalation.reason}"


def _escalation_rows(risks, on_agenda, escalated, on):
    for risk in risks.values_list(*ESCALATION_COLUMNS, named=True).iterator(chunk_size=2000):
        why = [appetite.FLAG_WORDING[flag] for flag in flags_of(risk, on)]
        if risk.id in escalated:
            why.append(escalated_words(escalated[risk.id]))
        yield [
            Risk.reference_of(risk.number),
            risk.title,
            risk.current_score,
            ", ".join(why),
            "On the agenda" if risk.id in on_agenda else "Proposed",
        ]


@require_GET
def escalations(request, download=None):
    """The risks for escalation, the most serious first, a page at a time like the register;
    `download` ("csv", "xlsx") gives every one of them."""
    body = register_body(request)
    meeting = _next_meeting(body)
    risks = (
        with_tolerance(readable_risks(request).for_register(), request.organisation)
        .filter(for_escalation_q(body, today()))
        .order_by("-current_score", "number")
    )
    # The escalations to the body not yet on its agenda, the latest of a risk last.
    pending = (
        pending_escalations(body).select_related("from_body", "by").order_by("escalated_at", "pk")
    )
    if download:
        on_agenda = set(
            Escalation.objects.filter(
                risk__in=risks.values("pk"), item__isnull=False, item__meeting=meeting
            ).values_list("risk_id", flat=True)
        )
        escalated = {e.risk_id: e for e in pending.filter(risk__in=risks.values("pk"))}
        return exports.download(
            ESCALATION_HEADINGS,
            _escalation_rows(risks, on_agenda, escalated, today()),
            file_type=download,
            name=f"{request.organisation.slug}-risks-for-escalation-{today():%Y-%m-%d}",
            title="Risks for escalation",
            streamed=True,
        )
    context = paginate(request, risks, RISKS_PER_PAGE)
    # Asked whether or not the body has a meeting coming, so the page's queries stay the same;
    # only of the risks on this page.
    listed = [risk.pk for risk in context["page"]]
    accepted = set(
        Escalation.objects.filter(
            risk__in=listed, item__isnull=False, item__meeting=meeting
        ).values_list("risk_id", flat=True)
    )
    # The latest escalation of each risk on this page to the body not yet on its agenda.
    escalated = {e.risk_id: e for e in pending.filter(risk__in=listed)}
    on = today()
    for risk in context["page"]:
        risk.flag_words = [appetite.FLAG_WORDING[flag] for flag in flags_of(risk, on)]
        if risk.pk in escalated:
            risk.flag_words.append(escalated_words(escalated[risk.pk]))
        risk.accepted = risk.pk in accepted
    return render(
        request,
        "risks/escalations.html",
        {
            "body": body,
            "meeting": meeting,
            "can_accept": permissions.can_accept_escalation(request.user, body, on),
            "downloads": exports.links(request, "risks:escalations", org=request.organisation.slug),
            **context,
        },
    )


@require_http_methods(["GET", "POST"])
def accept(request, risk_pk):
    risk = get_risk_for(request, risk_pk)
    body = register_body(request)
    if not permissions.can_accept_escalation(request.user, body, today()):
        raise PermissionDenied
    meetings = (
        Meeting.objects.upcoming(today())
        .filter(body=body, minutes_approved_at__isnull=True)
        .order_by("on", "pk")
    )
    form = AcceptForm(posted(request), meetings=meetings, initial={"meeting": _next_meeting(body)})
    if form.is_valid():
        saved = run_action(
            form,
            actions.accept_for_agenda,
            risk=risk,
            meeting=form.cleaned_data["meeting"],
            by=request.user,
            reason=form.cleaned_data["reason"],
            late_reason=form.cleaned_data["late_reason"],
        )
        if saved:
            messages.success(request, f"{risk.reference} added to the agenda.")
            return redirect(risk)
    return form_page(
        request,
        form,
        title=f"Put {risk.reference} on the agenda",
        caption=risk.title,
        submit_label="Add to the agenda",
        back_url=reverse("risks:escalations", kwargs={"org": request.organisation.slug}),
    )


def _import_page(request, form, *, plan=None, confirm=None, columns=None, errors=()):
    """`errors`: why a confirmation saved nothing, above a fresh form to choose the file;
    `columns`: the step that maps a file of the council's own shape to the register."""
    return render(
        request,
        "risks/import.html",
        {
            "form": form,
            "plan": plan,
            "confirm": confirm,
            "columns": columns,
            "errors": list(errors),
            "title": "Import the risk register",
        },
    )


def _preview(request, data, file_name, *, columns=None):
    """The plan of the file, and the confirmation carrying the file and its columns."""
    organisation = request.organisation
    plan = importing.plan_import(
        organisation, data, file_name=file_name, access=risk_access(request), columns=columns
    )
    if plan.problems:
        return plan, None
    token = sign_import(
        data, file_name=file_name, organisation=organisation, user=request.user, columns=columns
    )
    return plan, ConfirmImportForm(
        initial={"token": token}, organisation=organisation, user=request.user
    )


@require_http_methods(["GET", "POST"])
def register_import(request):
    """Choose a spreadsheet, and see what importing it would create and change (or every
    problem it has, by row and column) before confirming. A file whose headings are not the
    download's has its columns chosen first."""
    may_manage_register(request)
    if "token" in request.POST:
        return _import_columns(request)
    organisation = request.organisation
    form = RegisterImportForm(*posted_with_files(request))
    plan = confirm = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        headers = importing.headings_to_map(data, upload.name)
        if headers is not None:
            token = sign_import(
                data, file_name=upload.name, organisation=organisation, user=request.user
            )
            columns = ColumnsForm(
                initial={"token": token, **register_sheet.suggest_columns(headers)},
                headers=headers,
            )
            return _import_page(request, form, columns=columns)
        plan, confirm = _preview(request, data, upload.name)
        if plan.problems:
            form.add_error(None, plan.summary())
    return _import_page(request, form, plan=plan, confirm=confirm)


def _import_columns(request):
    """The columns chosen for a file of the council's own shape: the preview, read through
    them; or the choice again, with what is wrong with it."""
    checked = ConfirmImportForm(request.POST, organisation=request.organisation, user=request.user)
    if not checked.is_valid():
        return _import_page(request, RegisterImportForm(), errors=checked.errors.get("token", []))
    headers = importing.headings_to_map(checked.file_data, checked.file_name) or ()
    columns = ColumnsForm(request.POST, headers=headers)
    plan = confirm = None
    if columns.is_valid():
        plan, confirm = _preview(
            request, checked.file_data, checked.file_name, columns=columns.columns()
        )
        if plan.problems:
            columns.add_error(None, plan.summary())
    return _import_page(request, RegisterImportForm(), plan=plan, confirm=confirm, columns=columns)


@require_POST
def register_import_confirm(request):
    """Imports the checked file: everything, or nothing when a row has a problem now."""
    may_manage_register(request)
    organisation = request.organisation
    confirm = ConfirmImportForm(request.POST, organisation=organisation, user=request.user)
    if not confirm.is_valid():
        return _import_page(request, RegisterImportForm(), errors=confirm.errors.get("token", []))
    plan = actions.import_register(
        organisation,
        confirm.file_data,
        file_name=confirm.file_name,
        by=request.user,
        access=risk_access(request),
        columns=confirm.columns,
    )
    if plan.problems:
        return _import_page(request, RegisterImportForm(), plan=plan, errors=[plan.summary()])
    messages.success(request, f"{plan.reason}: {plan.summary()}")
    return redirect(_register_url(request))


# The register's settings ----------------------------------------------------------------------


def _settings_url(request):
    return reverse("risks:settings", kwargs={"org": request.organisation.slug})


@require_GET
def settings_page(request):
    """The register's settings, for whoever keeps it: categories and their appetite, what each
    appetite level tolerates, the scale's wording and the bands."""
    may_manage_register(request)
    organisation = request.organisation
    tolerances = dict(
        AppetiteLevel.objects.filter(organisation=organisation).values_list("level", "tolerance")
    )
    categories = list(
        RiskCategory.objects.filter(organisation=organisation).annotate(
            # Only those the reader may read: an administrator keeps the register without
            # reading its restricted risks, nor learning from a count that one exists.
            open_risks=Count(
                "risks",
                filter=Q(risks__status=Risk.Status.OPEN) & risk_access(request).readable("risks__"),
            ),
            # Removable only if no risk was ever in it: its history says.
            ever_used=Exists(Risk.history.filter(category_id=OuterRef("pk"))),
        )
    )
    for category in categories:
        category.tolerance = tolerances.get(category.appetite)
    scale = list(ScaleDescriptor.objects.filter(organisation=organisation))
    limits = risk_settings(request).band_limits
    return render(
        request,
        "risks/settings.html",
        {
            "categories": categories,
            "tolerances": [(level.title(), tolerances.get(level)) for level in appetite.LEVELS],
            "likelihoods": [d for d in scale if d.axis == ScaleDescriptor.Axis.LIKELIHOOD],
            "impacts": [d for d in scale if d.axis == ScaleDescriptor.Axis.IMPACT],
            "bands": [
                (name.title(), *scoring.band_range(name, limits)) for name in scoring.BAND_NAMES
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def category_form(request, category_pk=None):
    if category_pk is None:
        may_manage_register(request)
        category = None
        initial = {"appetite": appetite.CAUTIOUS}
    else:
        category = get_category_for(request, category_pk)
        initial = {
            "name": category.name,
            "appetite": category.appetite,
            "retired": category.retired,
        }
    form = CategoryForm(posted(request), initial=initial, new=category is None, versioned=category)
    if form.is_valid():
        data = form.cleaned_data
        if category is None:
            saved = run_action(
                form,
                actions.add_category,
                organisation=request.organisation,
                name=data["name"],
                appetite_level=data["appetite"],
                by=request.user,
                reason=data["reason"],
            )
        else:
            saved = run_action(
                form,
                actions.change_category,
                category=category,
                name=data["name"],
                appetite_level=data["appetite"],
                retired=data["retired"],
                by=request.user,
                reason=data["reason"],
                version=data.get("version"),
            )
        if saved:
            messages.success(request, f"Category {saved.name} saved.")
            return redirect(_settings_url(request))
    return form_page(
        request,
        form,
        title=f"Change the category {category.name}" if category else "Add a category",
        submit_label="Save" if category else "Add the category",
        back_url=_settings_url(request),
    )


@require_http_methods(["GET", "POST"])
def category_remove(request, category_pk):
    """Remove a category no risk was ever in (added in error); one a risk was in is retired."""
    category = get_category_for(request, category_pk)
    form = RemoveCategoryForm(posted(request), versioned=category)
    if form.is_valid() and run_action(
        form,
        actions.remove_category,
        category=category,
        by=request.user,
        reason=form.cleaned_data["reason"],
        version=form.cleaned_data.get("version"),
    ):
        messages.success(request, f"Category {category.name} removed. It stays in the history.")
        return redirect(_settings_url(request))
    return form_page(
        request,
        form,
        title=f"Remove the category {category.name}",
        intro="Remove a category only if no risk has ever been in it, for example one added in "
        "error. It stays in the register's history with who removed it and why. A category a "
        "risk is or was in is retired instead, on its page.",
        submit_label="Remove it",
        back_url=_settings_url(request),
    )


@require_http_methods(["GET", "POST"])
def tolerances_form(request):
    may_manage_register(request)
    organisation = request.organisation
    initial = dict(
        AppetiteLevel.objects.filter(organisation=organisation).values_list("level", "tolerance")
    )
    form = TolerancesForm(posted(request), initial=initial, versioned=risk_settings(request))
    if form.is_valid():
        done = run_action(
            form,
            actions.set_tolerances,
            organisation=organisation,
            tolerances=form.tolerances(),
            by=request.user,
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data.get("version"),
        )
        if done:
            messages.success(request, "Tolerances saved.")
            return redirect(_settings_url(request))
    return form_page(
        request,
        form,
        title="Change the tolerances",
        intro="A risk is outside appetite when its current score is above the tolerance of its "
        "category's appetite level. A more eager level never tolerates less.",
        submit_label="Save",
        back_url=_settings_url(request),
    )


@require_http_methods(["GET", "POST"])
def scale_form(request, axis):
    may_manage_register(request)
    organisation = request.organisation
    initial = {
        f"{name}_{row.level}": getattr(row, name)
        for row in ScaleDescriptor.objects.filter(organisation=organisation, axis=axis)
        for name in SCALE_FIELDS[axis]
    }
    form = ScaleForm(posted(request), initial=initial, axis=axis, versioned=risk_settings(request))
    if form.is_valid():
        done = run_action(
            form,
            actions.set_scale_wording,
            organisation=organisation,
            axis=axis,
            wording=form.wording(),
            by=request.user,
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data.get("version"),
        )
        if done:
            messages.success(request, f"The wording of the {axis} scale saved.")
            return redirect(_settings_url(request))
    return form_page(
        request,
        form,
        title=f"Change the wording of the {axis} scale",
        intro="The wording is shown wherever a score is chosen.",
        submit_label="Save",
        back_url=_settings_url(request),
    )


@require_http_methods(["GET", "POST"])
def bands_form(request):
    may_manage_register(request)
    current = risk_settings(request)
    form = BandsForm(
        posted(request),
        initial={
            "low_up_to": current.low_up_to,
            "medium_up_to": current.medium_up_to,
            "high_up_to": current.high_up_to,
        },
        versioned=current,
    )
    if form.is_valid():
        saved = run_action(
            form,
            actions.set_band_limits,
            organisation=request.organisation,
            low_up_to=form.cleaned_data["low_up_to"],
            medium_up_to=form.cleaned_data["medium_up_to"],
            high_up_to=form.cleaned_data["high_up_to"],
            by=request.user,
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data.get("version"),
        )
        if saved:
            messages.success(request, "Bands saved.")
            return redirect(_settings_url(request))
    return form_page(
        request,
        form,
        title="Change the bands",
        intro="The low band starts at 1 and the critical band ends at 25; each band starts at "
        "the score after the one before it ends.",
        submit_label="Save",
        back_url=_settings_url(request),
    )


@require_http_methods(["GET", "POST"])
def action_void(request, risk_pk, action_pk):
    """Void a mitigating action raised at no meeting and entered in error."""
    risk = get_risk_for(request, risk_pk)
    action = get_object_or_404(
        Action.objects.select_related("organisation"), pk=action_pk, risk_link__risk=risk
    )
    if not permissions.can_void_risk_action(request.user, action, risk, today()):
        raise PermissionDenied
    form = VoidForm(posted(request))
    if form.is_valid() and run_action(
        form,
        actions.void_mitigating_action,
        risk=risk,
        mitigating_action=action,
        reason=form.cleaned_data["reason"],
        by=request.user,
    ):
        messages.success(request, f"Action {action.number} voided. It stays in the history.")
        return redirect(risk)
    return form_page(
        request,
        form,
        title=f"Void action {action.number}",
        caption=f"{risk.reference}: {risk.title}",
        intro="Void a mitigating action only if it was entered in error. It leaves the action "
        "log, and stays in its history with who voided it, when and why.",
        submit_label="Void it",
        back_url=risk.get_absolute_url(),
    )
