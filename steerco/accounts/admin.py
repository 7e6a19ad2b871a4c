from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from steerco.accounts.models import Organisation, OrganisationMembership, User


class OrganisationMembershipInline(admin.TabularInline):
    model = OrganisationMembership
    extra = 0


@admin.register(User)
class PersonAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "name", "email", "job_title", "service_area", "is_active"]
    search_fields = ["username", "name", "email"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Council details", {"fields": ["name", "job_title", "service_area"]}),
    ]
    inlines = [OrganisationMembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "nation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganisationMembershipInline]


@admin.register(OrganisationMembership)
class OrganisationMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["organisation", "role"]
