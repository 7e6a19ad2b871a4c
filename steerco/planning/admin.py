"""The scoring model in the admin is for looking: every change goes through
`steerco.planning.actions`."""

from django.contrib import admin

from steerco.accounts.admin_base import TenantAdmin
from steerco.planning.models import ScoringModel


@admin.register(ScoringModel)
class ScoringModelAdmin(TenantAdmin):
    list_display = ["organisation", "wide_spread"]
