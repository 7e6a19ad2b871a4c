"""The portfolio in the admin is for looking: every change goes through
`steerco.portfolio.actions`. Business cases and submissions are not here at all: a restricted
one is for those the permission layer lets read it, not for whoever has the admin."""

from django.contrib import admin

from steerco.accounts.admin_base import TenantAdmin
from steerco.portfolio.models import Dependency, Product, Programme, Project


@admin.register(Project)
class ProjectAdmin(TenantAdmin):
    list_display = ["reference", "name", "stage", "programme", "starts_on", "ends_on"]
    list_filter = ["stage"]
    list_select_related = ["programme"]
    search_fields = ["reference", "name"]


@admin.register(Dependency)
class DependencyAdmin(TenantAdmin):
    list_display = ["project", "depends_on", "kind", "ended_at"]
    list_select_related = ["project", "depends_on"]


@admin.register(Programme, Product)
class PortfolioRowAdmin(TenantAdmin):
    pass
