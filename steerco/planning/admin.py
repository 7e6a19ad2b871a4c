"""The scoring model and the scenarios in the admin are for looking: every change goes through
`steerco.planning.actions`."""

from django.contrib import admin

from steerco.accounts.admin_base import TenantAdmin
from steerco.planning.models import Scenario, ScoringModel


@admin.register(ScoringModel)
class ScoringModelAdmin(TenantAdmin):
    list_display = ["organisation", "wide_spread"]


@admin.register(Scenario)
class ScenarioAdmin(TenantAdmin):
    list_display = ["name", "organisation", "first_year", "value_measure", "answered_at"]
