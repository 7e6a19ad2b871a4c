"""The strategy in the admin is for looking: every change goes through
`steerco.strategy.actions`."""

from django.contrib import admin

from steerco.accounts.admin_base import TenantAdmin
from steerco.strategy.models import (
    KPI,
    CorporateObjective,
    Measurement,
    Milestone,
    Principle,
    Strategy,
    Theme,
)


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


@admin.register(KPI)
class KPIAdmin(TenantAdmin):
    list_display = ["name", "unit", "direction", "frequency", "target", "theme", "owner"]
    list_filter = ["unit", "frequency"]


@admin.register(Measurement)
class MeasurementAdmin(TenantAdmin):
    organisation_path = "kpi__organisation"
    list_display = ["__str__", "period_starts_on", "value", "status"]
    list_filter = ["status"]


@admin.register(Milestone)
class MilestoneAdmin(TenantAdmin):
    organisation_path = "objective__organisation"
    list_display = ["title", "objective", "due_on", "achieved_on"]
