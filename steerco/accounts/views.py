from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from steerco.accounts import actions
from steerco.accounts.forms import ProfileForm, SignInForm
from steerco.accounts.models import Organisation, OrganisationMembership, User
from steerco.lib import exports
from steerco.lib.dates import in_force_on
from steerco.lib.forms import posted, run_action
from steerco.lib.pagination import paginate
from steerco.lib.sections import sections_for

PEOPLE_PER_PAGE = 100


@login_not_required
@require_GET
def home(request):
    if request.user.is_authenticated:
        mine = list(request.user.organisations.all()[:2])
        if len(mine) == 1:
            return redirect(mine[0])
    return render(request, "accounts/home.html", {"organisations": Organisation.objects.all()})


@login_not_required
@require_GET
def accessibility(request):
    return render(request, "accounts/accessibility.html")


sign_in = login_not_required(
    auth_views.LoginView.as_view(
        template_name="accounts/sign_in.html",
        authentication_form=SignInForm,
        redirect_authenticated_user=True,
    )
)
sign_out = auth_views.LogoutView.as_view()


@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(posted(request), instance=request.user)
    if form.is_valid() and run_action(
        form, actions.update_own_profile, person=form.instance, by=request.user
    ):
        messages.success(request, "Your profile has been updated.")
        return redirect("accounts:profile")
    memberships = request.user.body_memberships.select_related("body__organisation").order_by(
        "-starts_on"
    )
    roles = OrganisationMembership.objects.filter(user=request.user).select_related("organisation")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "memberships": memberships,
            "roles": roles,
            "today": timezone.localdate(),
            # The later apps' parts of the page (the calendar addresses).
            "sections": sections_for("accounts:profile", request, roles=roles),
        },
    )


@require_GET
def people(request, download=None):
    """The council's people, a page at a time; `download` ("csv", "xlsx") gives every page."""
    organisation = request.organisation
    today = timezone.localdate()
    # Governance sits above accounts: its membership model is reached through the relation.
    memberships = User._meta.get_field("body_memberships").related_model.objects
    people = (
        User.objects.filter(organisation_memberships__organisation=organisation)
        .only("username", "name", "first_name", "last_name", "job_title", "service_area")
        .prefetch_related(
            Prefetch(
                "organisation_memberships",
                queryset=OrganisationMembership.objects.filter(organisation=organisation),
                to_attr="roles_here",
            ),
            Prefetch(
                "body_memberships",
                queryset=memberships.filter(in_force_on(today), organisation=organisation)
                .select_related("body")
                .order_by("body__name", "pk"),
                to_attr="roles_on_bodies",
            ),
        )
        .order_by("name", "username")
    )
    if download:
        return exports.download(
            ["Name", "Administrator", "Job title", "Service area", "Roles on bodies"],
            [
                [
                    person.display_name,
                    "Yes"
                    if any(r.role == r.Role.ADMINISTRATOR for r in person.roles_here)
                    else "No",
                    person.job_title,
                    person.service_area,
                    "; ".join(
                        f"{membership.get_role_display()}, {membership.body.name}"
                        for membership in person.roles_on_bodies
                    )
                    or "None at present",
                ]
                for person in people
            ],
            file_type=download,
            name=f"{organisation.slug}-people",
            title="People",
        )
    return render(
        request,
        "accounts/people.html",
        {
            **paginate(request, people, PEOPLE_PER_PAGE),
            "downloads": exports.links(request, "accounts:people", org=organisation.slug),
        },
    )


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: whatever failed must not fail again while we apologise.
    return HttpResponseServerError(loader.get_template("500.html").render())
