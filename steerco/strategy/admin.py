"""The strategy in the admin is for looking: every change goes through
`steerco.strategy.actions`."""

from django.contrib import admin

from steerco.accounts.admin_base import TenantAdmin
from steerco.strategy.models import CorporateObjective, Theme


@admin.register(Theme, CorporateObjective)
class StrategyRowAdmin(TenantAdmin):
    pass
