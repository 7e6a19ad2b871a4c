"""The strategy in the admin is for looking: every change goes through
`steerco.strategy.actions`."""

from django.contrib import admin

from steerco.accounts.admin_base import TenantAdmin
from steerco.strategy.models import CorporateObjective, Principle, Strategy, Theme


@admin.register(Strategy)
class StrategyAdmin(TenantAdmin):
    list_display = ["title", "starts_in", "ends_in", "status", "is_current"]
    list_filter = ["status", "is_current"]


@admin.register(Theme, CorporateObjective)
class StrategyRowAdmin(TenantAdmin):
    pass


@admin.register(Principle)
class PrincipleAdmin(TenantAdmin):
    organisation_path = "strategy__organisation"
