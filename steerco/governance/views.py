from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from steerco import permissions
from steerco.governance import actions, diagram
from steerco.governance.access import (
    get_body_for,
    get_line_for,
    get_membership_for,
    get_terms_for,
    require_administrator,
)
from steerco.governance.forms import (
    ApprovalForm,
    BodyForm,
    MembershipForm,
    ReportingLineForm,
    TermsOfReferenceForm,
    sections_as_text,
)
from steerco.governance.models import Approval, Body, Membership, ReportingLine, TermsOfReference
from steerco.lib import exports
from steerco.lib.dates import in_force_on, today
from steerco.lib.forms import form_page, posted, report_action, run_action
from steerco.lib.sections import sections_for


def _current_memberships(on):
    current = Membership.objects.current(on).select_related("person").in_role_order()
    return Prefetch("memberships", queryset=current, to_attr="current_memberships")


@permissions.public
@require_GET
def home(request):
    organisation = request.organisation
    bodies = Body.objects.filter(organisation=organisation).select_related("organisation")
    my_memberships = []
    if permissions.is_member_of(request.user, organisation):
        my_memberships = (
            Membership.objects.current(today())
            .filter(organisation=organisation, person=request.user)
            .select_related("body__organisation")
        )
    return render(
        request,
        "governance/home.html",
        {
            "bodies": bodies,
            "my_memberships": my_memberships,
            "sections": sections_for("governance:home", request, organisation=organisation),
        },
    )


@permissions.public
@require_GET
def governance_model(request):
    organisation = request.organisation
    bodies = list(Body.objects.filter(organisation=organisation).select_related("organisation"))
    lines = list(
        ReportingLine.objects.filter(organisation=organisation).select_related(
            "from_body__organisation", "to_body__organisation"
        )
    )
    focus = next((b.pk for b in bodies if b.kind == Body.Kind.STEERING_GROUP), None)
    picture = diagram.layout(
        [(body.pk, body.name) for body in bodies],
        upward=[
            (line.from_body_id, line.to_body_id)
            for line in lines
            if line.relationship != ReportingLine.Relationship.WORKS_ALONGSIDE
        ],
        alongside=[
            (line.from_body_id, line.to_body_id)
            for line in lines
            if line.relationship == ReportingLine.Relationship.WORKS_ALONGSIDE
        ],
        focus=focus,
    )
    body_urls = {body.pk: body.get_absolute_url() for body in bodies}
    drivers = organisation.policy_drivers.select_related("body").order_by("body__name", "name")
    return render(
        request,
        "governance/model.html",
        {
            "bodies": bodies,
            "lines": lines,
            "picture": picture,
            "boxes": [(box, body_urls[box.key]) for box in picture.boxes],
            "drivers": drivers,
            "can_administer": permissions.can_administer(request.user, organisation),
        },
    )


@permissions.public
@require_GET
def body_list(request, download=None):
    """The council's bodies; `download` ("csv", "xlsx") gives the same rows. A public page, and
    so are its downloads."""
    organisation = request.organisation
    bodies = (
        Body.objects.filter(organisation=organisation)
        .select_related("organisation")
        .annotate(
            members_count=Count(
                "memberships",
                filter=in_force_on(today(), through="memberships"),
                distinct=True,
            )
        )
        .order_by("name")
    )
    if download:
        return exports.download(
            ["Body", "Kind", "Meets", "Decides", "Current members"],
            [
                [
                    body.name,
                    body.get_kind_display(),
                    body.get_frequency_display(),
                    body.get_decision_method_display(),
                    body.members_count,
                ]
                for body in bodies
            ],
            file_type=download,
            name=f"{organisation.slug}-bodies",
            title="Bodies",
        )
    return render(
        request,
        "governance/body_list.html",
        {
            "bodies": bodies,
            "can_administer": permissions.can_administer(request.user, organisation),
            "downloads": exports.links(request, "governance:body-list", org=organisation.slug),
        },
    )


@permissions.public
@require_GET
def body_detail(request, pk):
    organisation = request.organisation
    day = today()
    body = get_object_or_404(
        Body.objects.prefetch_related(
            _current_memberships(day),
            Prefetch(
                "lines_out",
                queryset=ReportingLine.objects.select_related("to_body__organisation"),
            ),
            Prefetch(
                "lines_in",
                queryset=ReportingLine.objects.select_related("from_body__organisation"),
            ),
        ),
        organisation=organisation,
        pk=pk,
    )
    body.organisation = organisation  # already fetched: no second query for it
    terms = body.terms_versions.order_by("-created_at", "-id").first()
    is_member = permissions.is_member_of(request.user, organisation)
    can_manage = permissions.can_manage_body(request.user, body, day)
    for membership in body.current_memberships:
        membership.can_change = permissions.can_grant_membership(
            request.user, body, membership.person, day
        )
    chair = next((m for m in body.current_memberships if m.role == Membership.Role.CHAIR), None)
    review_due_on = chair.chair_review_due_on() if chair else None
    return render(
        request,
        "governance/body_detail.html",
        {
            "body": body,
            "terms": terms,
            "chair": chair,
            "sections": sections_for(
                "governance:body-detail", request, body=body, day=day, can_manage=can_manage
            ),
            "chair_review_due": is_member and review_due_on is not None and review_due_on <= day,
            "chair_review_due_on": review_due_on,
            "can_manage": can_manage,
            "can_administer": permissions.can_administer(request.user, organisation),
        },
    )


@require_http_methods(["GET", "POST"])
def body_form(request, pk=None):
    organisation = request.organisation
    body = get_body_for(request, pk) if pk else None
    require_administrator(request)
    form = BodyForm(posted(request), instance=body, organisation=organisation)
    if form.is_valid() and run_action(form, actions.save_body, body=form.instance, by=request.user):
        messages.success(request, f"{form.instance.name} {'updated' if body else 'added'}.")
        return redirect(form.instance)
    return form_page(
        request,
        form,
        title=f"Change {body.name}" if body else "Add a body",
        submit_label="Save" if body else "Add the body",
        back_url=body.get_absolute_url()
        if body
        else reverse("governance:body-list", kwargs={"org": organisation.slug}),
    )


def _terms_page(request, body, document):
    versions = list(body.terms_versions.select_related("organisation").order_by("created_at", "id"))
    document = TermsOfReference.objects.with_contents().get(pk=document.pk) if document else None
    latest = versions[-1] if versions else None
    approvals = Approval.objects.filter(terms__body=body).select_related("terms")
    return render(
        request,
        "governance/terms.html",
        {
            "body": body,
            "document": document,
            "versions": versions,
            "approvals": approvals,
            "is_current": document is not None and latest is not None and document.pk == latest.pk,
            "can_manage": permissions.can_manage_body(request.user, body, today()),
        },
    )


@permissions.public
@require_GET
def terms_current(request, pk):
    body = get_body_for(request, pk)
    return _terms_page(request, body, body.terms_versions.order_by("-created_at", "-id").first())


@permissions.public
@require_GET
def terms_version(request, pk, version_pk):
    body = get_body_for(request, pk)
    document = get_terms_for(request, body, version_pk)
    return _terms_page(request, body, document)


@require_http_methods(["GET", "POST"])
def terms_create(request, pk):
    body = get_body_for(request, pk, manage=True)
    current = body.terms_versions.with_contents().order_by("-created_at", "-id").first()
    initial = {"issued_on": today(), "author": request.user.display_name}
    if current:
        initial |= {
            "title": current.title,
            "purpose": current.purpose,
            "objectives": "\n".join(o.text for o in current.objectives.all()),
            "sections": sections_as_text(current.sections.all()),
        }
    form = TermsOfReferenceForm(posted(request), initial=initial)
    if form.is_valid():
        document = run_action(
            form, actions.issue_terms_of_reference, body=body, by=request.user, **form.cleaned_data
        )
        if document:
            messages.success(
                request, f"Version {document.version} of the terms of reference issued."
            )
            return redirect(document)
    return form_page(
        request,
        form,
        title="Issue a new version of the terms of reference",
        caption=body.name,
        submit_label="Issue this version",
        intro=(
            f"The current version is {current.version}. The new version is added to the "
            "document-control table; earlier versions stay as they were."
            if current
            else None
        ),
        back_url=body.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def approval_create(request, pk, version_pk):
    body = get_body_for(request, pk, manage=True)
    document = get_terms_for(request, body, version_pk)
    form = ApprovalForm(posted(request))
    if form.is_valid() and run_action(
        form, actions.record_approval, document=document, by=request.user, **form.cleaned_data
    ):
        messages.success(request, f"Approval of version {document.version} recorded.")
        return redirect(document)
    return form_page(
        request,
        form,
        title=f"Record an approval of version {document.version}",
        caption=body.name,
        submit_label="Record the approval",
        back_url=document.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def membership_form(request, pk=None, membership_pk=None):
    membership = None
    if membership_pk:
        membership = get_membership_for(request, membership_pk, manage=True)
        if not permissions.can_grant_membership(
            request.user, membership.body, membership.person, today()
        ):
            raise PermissionDenied
        pk = membership.body_id
    body = get_body_for(request, pk, manage=True)
    # Today is only a suggestion for a new membership: an existing one keeps its own start.
    initial = None if membership else {"starts_on": today()}
    form = MembershipForm(posted(request), instance=membership, body=body, initial=initial)
    if form.is_valid() and run_action(
        form, actions.save_membership, membership=form.instance, by=request.user
    ):
        done = "updated" if membership else f"added to {body.name}"
        messages.success(request, f"Membership of {form.instance.person} {done}.")
        return redirect(body)
    return form_page(
        request,
        form,
        title=f"Change the membership of {membership.person}" if membership else "Add a member",
        caption=body.name,
        submit_label="Save" if membership else "Add the member",
        back_url=body.get_absolute_url(),
    )


@require_POST
def chair_review(request, pk):
    body = get_body_for(request, pk, manage=True)
    chair = get_object_or_404(
        Membership.objects.current(today()), body=body, role=Membership.Role.CHAIR
    )
    report_action(
        request,
        actions.record_chair_review,
        membership=chair,
        reviewed_on=today(),
        by=request.user,
        done=f"Review of {chair.person}'s term as chair recorded.",
    )
    return redirect(body)


@require_http_methods(["GET", "POST"])
def line_form(request, pk=None):
    organisation = request.organisation
    line = get_line_for(request, pk) if pk else None
    require_administrator(request)
    form = ReportingLineForm(posted(request), instance=line, organisation=organisation)
    if form.is_valid() and run_action(
        form, actions.save_reporting_line, line=form.instance, by=request.user
    ):
        messages.success(
            request, f"Reporting line {'changed' if line else 'added'}: {form.instance}."
        )
        return redirect("governance:model", org=organisation.slug)
    delete_url = line and reverse(
        "governance:line-delete", kwargs={"org": organisation.slug, "pk": line.pk}
    )
    return form_page(
        request,
        form,
        title="Change a reporting line" if line else "Add a reporting line",
        submit_label="Save" if line else "Add the reporting line",
        back_url=reverse("governance:model", kwargs={"org": organisation.slug}),
        other_action=(delete_url, "Remove this reporting line") if line else None,
    )


@require_http_methods(["GET", "POST"])
def line_delete(request, pk):
    organisation = request.organisation
    line = get_line_for(request, pk)
    require_administrator(request)
    if request.method == "POST":
        actions.remove_reporting_line(line, by=request.user)
        messages.success(request, f"Reporting line removed: {line}.")
        return redirect("governance:model", org=organisation.slug)
    return render(
        request,
        "confirm_page.html",
        {
            "title": f"Remove the reporting line from {line.from_body.name} to "
            f"{line.to_body.name}?",
            "submit_label": "Remove the reporting line",
            "back_url": reverse("governance:model", kwargs={"org": organisation.slug}),
        },
    )
