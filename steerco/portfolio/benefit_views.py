"""Benefits: the benefits realisation page across the portfolio, and the forms that add a
benefit to a project, record what it realised and correct a mistaken entry."""

from functools import partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.lib import exports
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, run_action
from steerco.lib.pagination import paginate
from steerco.portfolio import access, actions
from steerco.portfolio.forms import BenefitForm, CorrectionForm, RealisationForm
from steerco.portfolio.realisation import (
    overdue_benefits,
    overdue_lines,
    portfolio_totals,
    project_benefits,
    project_rows,
    projects_with_benefits,
    total,
)
from steerco.portfolio.rules import benefits as rules

PROJECTS_PER_PAGE = 25
# The summary page shows the longest overdue; the rest are a page of their own.
OVERDUE_ON_PAGE = 10
OVERDUE_PER_PAGE = 25


@require_GET
def benefits(request, download=None):
    organisation = request.organisation
    if not permissions.can_see_portfolio(request.user, organisation):
        raise Http404("No such page.")
    day = today()
    projects = projects_with_benefits(organisation)
    if download:
        return exports.download(
            BENEFIT_HEADINGS,
            [benefit_row(row) for row in project_rows(organisation, list(projects), day)],
            file_type=download,
            name=f"{organisation.slug}-benefits",
            title="Benefits by project",
        )
    listing = paginate(request, projects, PROJECTS_PER_PAGE)
    page = listing["page"]
    page.object_list = project_rows(organisation, list(page.object_list), day)
    overdue = overdue_benefits(organisation, day)
    overdue_count = overdue.count()
    totals = portfolio_totals(organisation)
    return render(
        request,
        "portfolio/benefits.html",
        {
            "today": day,
            "totals": totals,
            "total": total(totals),
            "overdue_count": overdue_count,
            "overdue_shown": overdue_lines(list(overdue[:OVERDUE_ON_PAGE])),
            "overdue_more": overdue_count > OVERDUE_ON_PAGE,
            "totals_chart": rules.chart(
                [
                    ("Cashable", totals["cashable"].planned, totals["cashable"].realised),
                    (
                        "Non-cashable",
                        totals["non_cashable"].planned,
                        totals["non_cashable"].realised,
                    ),
                ]
            ),
            "projects_chart": rules.chart(
                (f"{row.reference} {row.name}", row.planned, row.realised)
                for row in page.object_list
            ),
            "downloads": exports.links(request, "portfolio:benefits", org=organisation.slug),
            **listing,
        },
    )


OVERDUE_HEADINGS = [
    "Project reference", "Project", "Benefit", "Kind", "Target date", "Target (£)",
    "Realised (£)",
]  # fmt: skip


@require_GET
def benefits_overdue(request, download=None):
    """The benefits past their target date and not realised, the longest overdue first;
    `download` ("csv", "xlsx") gives every one of them."""
    organisation = request.organisation
    if not permissions.can_see_portfolio(request.user, organisation):
        raise Http404("No such page.")
    day = today()
    overdue = overdue_benefits(organisation, day)
    if download:
        return exports.download(
            OVERDUE_HEADINGS,
            [
                [
                    benefit.project.reference,
                    benefit.project.name,
                    benefit.description,
                    str(benefit.kind),
                    benefit.target_on,
                    "Qualitative" if benefit.target_value is None else benefit.target_value,
                    "Nothing recorded" if benefit.realised is None else benefit.realised,
                ]
                for benefit in overdue_lines(list(overdue))
            ],
            file_type=download,
            name=f"{organisation.slug}-benefits-overdue-{day:%Y-%m-%d}",
            title="Benefits overdue",
        )
    return render(
        request,
        "portfolio/benefits_overdue.html",
        {
            "today": day,
            "downloads": exports.links(
                request, "portfolio:benefits-overdue", org=organisation.slug
            ),
            **_overdue_page(request, overdue),
        },
    )


def _overdue_page(request, overdue):
    listing = paginate(request, overdue, OVERDUE_PER_PAGE)
    listing["page"].object_list = overdue_lines(listing["page"].object_list)
    return listing


BENEFIT_HEADINGS = [
    "Project reference",
    "Project",
    "Benefits",
    "Planned (£)",
    "Realised (£)",
    "Share realised (%)",
    "Past their date",
]


def benefit_row(row):
    """A project's row of the page's "By project" table."""
    return [
        row.reference,
        row.name,
        row.benefits,
        row.planned,
        row.realised,
        row.share,
        row.overdue,
    ]


def _project_url(project):
    return f"{project.get_absolute_url()}#benefits"


@require_http_methods(["GET", "POST"])
def benefit_add(request, project_pk):
    project = access.get_project_for(request, project_pk, manage=True)
    form = BenefitForm(posted(request), organisation=request.organisation)
    if form.is_valid():
        added = run_action(
            form, partial(actions.add_benefit, project), by=request.user, **form.cleaned_data
        )
        if added:
            messages.success(request, f"Benefit added: {added.description}")
            return redirect(_project_url(project))
    return form_page(
        request,
        form,
        title="Add a benefit",
        caption=str(project),
        submit_label="Add the benefit",
        back_url=_project_url(project),
    )


@require_http_methods(["GET", "POST"])
def realisation_add(request, benefit_pk):
    benefit = access.get_benefit_for(request, benefit_pk, manage=True)
    form = RealisationForm(posted(request), initial={"on": today()})
    if form.is_valid():
        recorded = run_action(
            form, partial(actions.record_realisation, benefit), by=request.user, **form.cleaned_data
        )
        if recorded:
            messages.success(request, f"Realisation recorded: {benefit.description}")
            return redirect(_project_url(benefit.project))
    return form_page(
        request,
        form,
        title="Record a realisation",
        caption=benefit.description,
        intro=_target_of(benefit),
        submit_label="Record the realisation",
        back_url=_project_url(benefit.project),
    )


def _target_of(benefit):
    parts = []
    if benefit.target_value is not None:
        parts.append(f"£{benefit.target_value:,.2f}")
    elif benefit.target:
        parts.append(benefit.target)
    if benefit.target_on:
        parts.append(f"by {benefit.target_on:%-d %B %Y}")
    return f"Target: {' '.join(parts)}." if parts else ""


@require_http_methods(["GET", "POST"])
def realisation_correct(request, realisation_pk):
    realisation = access.get_realisation_for(request, realisation_pk, manage=True)
    benefit = realisation.benefit
    form = CorrectionForm(
        posted(request),
        initial={
            "on": realisation.on,
            "value": realisation.value,
            "evidence": realisation.evidence,
        },
    )
    if form.is_valid():
        corrected = run_action(
            form,
            partial(actions.correct_realisation, realisation),
            by=request.user,
            **form.cleaned_data,
        )
        if corrected:
            messages.success(request, f"Realisation corrected: {benefit.description}")
            return redirect(_project_url(benefit.project))
    return form_page(
        request,
        form,
        title="Correct a realisation",
        caption=benefit.description,
        intro=f"The entry of {realisation.on:%-d %B %Y} stays in the record, marked as "
        "corrected, with the correction and its reason beside it.",
        submit_label="Record the correction",
        back_url=_project_url(benefit.project),
    )


def project_section(request, project):
    """The benefits part of the project page: each benefit's plan against what it realised,
    with the forms for whoever may change the project. Two queries."""
    day = today()
    can_change = permissions.can_change_project(request.user, project, day)
    return {
        "project": project,
        "lines": project_benefits(project, day),
        "can_change": can_change,
        "add_url": reverse(
            "portfolio:benefit-add",
            kwargs={"org": project.organisation.slug, "project_pk": project.pk},
        ),
    }
