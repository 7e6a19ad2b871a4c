from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import Group
from django_tasks_db.models import DBTaskResult

from steerco.accounts import actions
from steerco.accounts.admin_base import TenantAdmin, TenantInline
from steerco.accounts.models import Organisation, OrganisationMembership, User
from steerco.lib.forms import ModelChoiceField
from steerco.permissions import administered_organisations

# Roles come from memberships, never groups; queued tasks are every council's.
admin.site.unregister(Group)
admin.site.unregister(DBTaskResult)


class OrganisationMembershipInline(TenantInline):
    model = OrganisationMembership


class PersonCreationForm(UserCreationForm):
    organisation = ModelChoiceField(queryset=Organisation.objects.none())
    role = forms.ChoiceField(
        choices=OrganisationMembership.Role.choices, initial=OrganisationMembership.Role.OFFICER
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "name", "email"]


@admin.register(User)
class PersonAdmin(UserAdmin, TenantAdmin):
    """People of the organisations you administer: added with their role, and their details
    changed, through `steerco.accounts.actions`. Privileges and passwords are not set here."""

    organisation_path = "organisation_memberships__organisation"
    list_display = ["username", "name", "email", "job_title", "service_area", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["username", "name", "email"]
    fieldsets = [
        (None, {"fields": ["username", "email", "is_active"]}),
        ("Council details", {"fields": ["name", "job_title", "service_area"]}),
        ("Sign-ins", {"fields": ["last_login", "date_joined"]}),
    ]
    readonly_fields = ["username", "last_login", "date_joined"]
    add_form = PersonCreationForm
    add_fieldsets = [
        (
            None,
            {
                "fields": [
                    "username",
                    "name",
                    "email",
                    "organisation",
                    "role",
                    "password1",
                    "password2",
                ]
            },
        )
    ]
    inlines = [OrganisationMembershipInline]

    def get_urls(self):
        # Setting another person's password is not an administrator's job.
        return [url for url in super().get_urls() if not str(url.name).endswith("password_change")]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def has_add_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            return form
        organisations = administered_organisations(request.user)

        class ScopedPersonCreationForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["organisation"].queryset = organisations

        return ScopedPersonCreationForm

    def save_model(self, request, obj, form, change):
        if change:
            actions.save_person(obj, by=request.user)
        else:
            actions.add_person(
                obj,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
                by=request.user,
            )


@admin.register(Organisation)
class OrganisationAdmin(TenantAdmin):
    """A superuser adds a new council and becomes its first administrator; nothing else here
    changes an organisation."""

    organisation_path = "pk"
    list_display = ["name", "slug", "nation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganisationMembershipInline]

    def has_add_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff and request.user.is_superuser

    def has_module_permission(self, request):
        return super().has_module_permission(request) or self.has_add_permission(request)

    def save_model(self, request, obj, form, change):
        actions.create_organisation(obj, by=request.user)


@admin.register(OrganisationMembership)
class OrganisationMembershipAdmin(TenantAdmin):
    """Who has which role in the organisations you administer."""

    list_display = ["user", "organisation", "role"]
    list_filter = ["organisation", "role"]

    def has_add_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def save_model(self, request, obj, form, change):
        actions.save_organisation_membership(obj, by=request.user)
