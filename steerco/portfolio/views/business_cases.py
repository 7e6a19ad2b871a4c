"""The business case pages: the case with its profile table and appraisal, and the forms that
change a draft (the case, its options, each option's profile, the mitigation of optimism
bias), a new version from the last one, and the administrators' appraisal parameters."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, run_action
from steerco.lib.sections import sections_for
from steerco.portfolio import access, actions
from steerco.portfolio.figures import case_figures, parameter_sets, set_in_force
from steerco.portfolio.forms.business_cases import (
    BusinessCaseForm,
    CaseVersionForm,
    OptionForm,
    bias_mitigation_formset,
    profile_formset,
)
from steerco.portfolio.forms.parameters import (
    AppraisalParametersForm,
    bias_text,
    deflator_text,
    schedule_text,
)
from steerco.portfolio.models import AppraisalParameters, BusinessCase, Option
from steerco.portfolio.rules.appraisal import MEASURES
from steerco.portfolio.rules.finance import financial_year


def _project_types(organisation, case=None):
    """The project types of the parameters in force today, and the case's own if it is no
    longer among them."""
    row = set_in_force(parameter_sets(organisation), today())
    choices = [] if row is None else [(k, v["label"]) for k, v in row.optimism_bias.items()]
    if case is not None and case.project_type and case.project_type not in dict(choices):
        choices.append((case.project_type, case.project_type))
    return choices


def _refused(request, case):
    """Sends whoever tries to change a case that is no longer a draft back to it, saying why."""
    reason = actions.locked_reason(case)
    if reason:
        messages.error(request, reason)
        return redirect(case)
    return None


def _project_url(project):
    # The project page belongs to the register; where it is not routed (yet), no link.
    try:
        return project.get_absolute_url()
    except NoReverseMatch:
        return None


def _caption(case):
    return f"{case.project}: business case version {case.number}"


@require_GET
def business_case_detail(request, case_pk):
    case = access.get_business_case_for(request, case_pk)
    project = case.project
    on = today()
    versions = list(project.business_cases.select_related("organisation").order_by("number"))
    reader = access.portfolio_access(request)
    reader.prefetch_cases(versions)
    latest = versions[-1].number
    figures = case_figures(case, today=on)
    return render(
        request,
        "portfolio/business_case.html",
        {
            "case": case,
            "project": project,
            "project_url": _project_url(project),
            "sections": sections_for(
                "portfolio:business-case", request, case=case, figures=figures
            ),
            "figures": figures,
            "versions": [
                (version, reader.can_read_business_case(version, project)) for version in versions
            ],
            "locked_reason": actions.locked_reason(case),
            "can_change": permissions.can_change_business_case(request.user, case, project, on),
            "can_start_new_version": permissions.can_start_new_version(
                request.user, case, project, latest=latest, on=on
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def business_case_create(request, project_pk):
    project = access.get_project_for(request, project_pk, manage=True)
    case = BusinessCase(
        organisation=request.organisation,
        project=project,
        base_year=financial_year(today()),
        horizon_years=10,
    )
    form = BusinessCaseForm(
        posted(request), instance=case, project_types=_project_types(request.organisation)
    )
    if form.is_valid() and run_action(
        form, actions.create_business_case, case=form.instance, project=project, by=request.user
    ):
        messages.success(request, f"Version {case.number} of the business case started.")
        return redirect(case)
    return form_page(
        request,
        form,
        title="Start a business case",
        caption=str(project),
        intro="It starts as a draft with a “do nothing” option. Add the other options and "
        "their costs and benefits by financial year once it is saved.",
        submit_label="Start the business case",
        back_url=_project_url(project),
    )


@require_http_methods(["GET", "POST"])
def business_case_edit(request, case_pk):
    case = access.get_business_case_for(request, case_pk, write=True)
    if refused := _refused(request, case):
        return refused
    form = BusinessCaseForm(
        posted(request),
        instance=case,
        project_types=_project_types(request.organisation, case),
    )
    if form.is_valid() and run_action(
        form,
        actions.save_business_case,
        case=form.instance,
        by=request.user,
        version=form.cleaned_data.get("version"),
    ):
        messages.success(request, "Business case saved.")
        return redirect(case)
    return form_page(
        request,
        form,
        title="Change the business case",
        caption=_caption(case),
        back_url=case.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def option_form(request, case_pk=None, option_pk=None):
    if option_pk is None:
        case = access.get_business_case_for(request, case_pk, write=True)
        option = Option(business_case=case)
    else:
        option = access.get_option_for(request, option_pk, write=True)
        case = option.business_case
    if refused := _refused(request, case):
        return refused
    adding = option.pk is None
    form = OptionForm(
        posted(request),
        versioned=case,
        initial={
            "name": option.name,
            "description": option.description,
            "is_do_nothing": option.is_do_nothing,
            "preferred": option.preferred,
        },
    )
    if form.is_valid():
        for name in ("name", "description", "is_do_nothing", "preferred"):
            setattr(option, name, form.cleaned_data[name])
        if run_action(
            form,
            actions.save_option,
            option=option,
            by=request.user,
            version=form.cleaned_data.get("version"),
        ):
            messages.success(request, f"Option “{option.name}” {'added' if adding else 'saved'}.")
            return redirect(f"{case.get_absolute_url()}#option-{option.pk}")
    return form_page(
        request,
        form,
        title="Add an option" if adding else f"Change the option “{option.name}”",
        caption=_caption(case),
        submit_label="Add the option" if adding else "Save",
        back_url=case.get_absolute_url(),
    )


def _summary(*, formset, top_forms=(), errors=()):
    """The error summary of a page of several forms: (anchor, message), top ones first."""
    found = [("", message) for message in errors]
    for form in top_forms:
        found += [("", message) for message in form.non_field_errors()]
        for field in form:
            found += [(field.id_for_label or "", message) for message in field.errors]
    if formset is not None and formset.is_bound:
        found += [("", message) for message in formset.non_form_errors()]
        for form in formset.forms:
            found += [("", message) for message in form.non_field_errors()]
            for field in form:
                found += [(field.id_for_label, message) for message in field.errors]
    return found


@require_http_methods(["GET", "POST"])
def option_profile(request, option_pk):
    option = access.get_option_for(request, option_pk, write=True)
    case = option.business_case
    if refused := _refused(request, case):
        return refused
    formset = profile_formset(case, option, posted(request))
    version = CaseVersionForm(posted(request), versioned=case)
    refusals = []
    if request.method == "POST" and version.is_valid() and formset.is_valid():
        try:
            actions.save_profile(
                option,
                rows=formset.figures(),
                by=request.user,
                version=version.cleaned_data["version"],
            )
        except ValidationError as error:
            refusals = error.messages
        else:
            messages.success(request, f"Costs and benefits of “{option.name}” saved.")
            return redirect(f"{case.get_absolute_url()}#option-{option.pk}")
    return render(
        request,
        "portfolio/option_profile.html",
        {
            "case": case,
            "option": option,
            "formset": formset,
            "version_form": version,
            "errors": _summary(formset=formset, top_forms=[version], errors=refusals),
            "caption": _caption(case),
        },
    )


@require_http_methods(["GET", "POST"])
def bias_mitigation(request, case_pk):
    case = access.get_business_case_for(request, case_pk, write=True)
    if refused := _refused(request, case):
        return refused
    formset = bias_mitigation_formset(case, posted(request))
    version = CaseVersionForm(posted(request), versioned=case)
    refusals = []
    if request.method == "POST" and version.is_valid() and formset.is_valid():
        try:
            actions.save_bias_mitigations(
                case,
                entries=formset.entries(),
                by=request.user,
                version=version.cleaned_data["version"],
            )
        except ValidationError as error:
            refusals = error.messages
        else:
            messages.success(request, "Mitigation of optimism bias saved.")
            return redirect(f"{case.get_absolute_url()}#appraisal")
    return render(
        request,
        "portfolio/bias_mitigation.html",
        {
            "case": case,
            "formset": formset,
            "version_form": version,
            "errors": _summary(formset=formset, top_forms=[version], errors=refusals),
            "caption": _caption(case),
        },
    )


@require_http_methods(["GET", "POST"])
def new_version(request, case_pk):
    case = access.get_business_case_for(request, case_pk, write=True)
    if request.method == "POST":
        try:
            new = actions.start_new_version(case, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(case)
        messages.success(
            request, f"Version {new.number} started from version {case.number}, as a draft."
        )
        return redirect(new)
    return render(
        request,
        "confirm_page.html",
        {
            "title": f"Start version {case.number + 1} from version {case.number}?",
            "caption": _caption(case),
            "intro": "The new version starts as a draft with the options, the costs and "
            f"benefits and the mitigation of version {case.number}. Version {case.number} "
            "stays as it is.",
            "submit_label": "Start the new version",
            "back_url": case.get_absolute_url(),
        },
    )


def _parameters_rows(row):
    parameters = row.as_rules()
    return (
        row,
        parameters.discount,
        [
            (kind.name, [kind.bias.get(measure) for measure in MEASURES])
            for kind in parameters.project_types
        ],
    )


@require_GET
def parameters_list(request):
    organisation = request.organisation
    if not permissions.can_see_portfolio(request.user, organisation):
        raise PermissionDenied
    sets = parameter_sets(organisation)
    current = set_in_force(sets, today())
    return render(
        request,
        "portfolio/appraisal_parameters.html",
        {
            "sets": [_parameters_rows(row) for row in sets],
            "current": current,
            "can_add": permissions.can_manage_appraisal_parameters(request.user, organisation),
        },
    )


@require_http_methods(["GET", "POST"])
def parameters_create(request):
    organisation = request.organisation
    if not permissions.can_manage_appraisal_parameters(request.user, organisation):
        raise PermissionDenied
    current = set_in_force(parameter_sets(organisation), today())
    initial = {}
    if current is not None:
        initial = {
            "discount_schedule": schedule_text(current.discount_schedule),
            "optimism_bias": bias_text(current.optimism_bias),
            "deflator": deflator_text(current.deflator),
        }
    form = AppraisalParametersForm(posted(request), initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        added = run_action(
            form,
            actions.add_appraisal_parameters,
            parameters=AppraisalParameters(
                effective_from=data["effective_from"],
                source=data["source"],
                discount_schedule=data["discount_schedule"],
                optimism_bias=data["optimism_bias"],
                deflator=data["deflator"],
            ),
            organisation=organisation,
            by=request.user,
        )
        if added:
            messages.success(
                request,
                f"Appraisal parameters added, in force from {added.effective_from:%-d %B %Y}.",
            )
            return redirect("portfolio:appraisal-parameters", org=organisation.slug)
    return form_page(
        request,
        form,
        title="Add appraisal parameters",
        caption=organisation.name,
        intro="A revision of HM Treasury's figures, or the council's own, in force from its "
        "date for this council's business cases. An approved business case keeps the "
        "parameters it was approved under.",
        submit_label="Add the parameters",
        back_url=reverse("portfolio:appraisal-parameters", kwargs={"org": organisation.slug}),
    )
