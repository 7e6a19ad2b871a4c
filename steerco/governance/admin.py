from django.contrib import admin

from steerco.accounts.admin_base import TenantAdmin, TenantInline
from steerco.governance.models import (
    Approval,
    Body,
    Membership,
    Objective,
    PolicyDriver,
    ReportingLine,
    Section,
    TermsOfReference,
)


class ObjectiveInline(TenantInline):
    model = Objective


class SectionInline(TenantInline):
    model = Section


class ApprovalInline(TenantInline):
    model = Approval


@admin.register(Body)
class BodyAdmin(TenantAdmin):
    list_display = ["name", "organisation", "kind", "frequency", "decision_method"]
    list_filter = ["organisation", "kind"]
    search_fields = ["name", "short_name"]


@admin.register(Membership)
class MembershipAdmin(TenantAdmin):
    list_display = ["person", "body", "role", "starts_on", "ends_on", "counts_toward_quorum"]
    list_filter = ["body", "role"]


@admin.register(ReportingLine)
class ReportingLineAdmin(TenantAdmin):
    list_display = ["from_body", "relationship", "to_body", "condition"]
    list_filter = ["organisation"]


@admin.register(TermsOfReference)
class TermsOfReferenceAdmin(TenantAdmin):
    list_display = ["body", "version", "issued_on", "author", "summary_of_change"]
    list_filter = ["organisation"]
    inlines = [ObjectiveInline, SectionInline, ApprovalInline]


@admin.register(PolicyDriver)
class PolicyDriverAdmin(TenantAdmin):
    list_display = ["name", "body", "organisation"]


@admin.register(Approval)
class ApprovalAdmin(TenantAdmin):
    organisation_path = "terms__organisation"
    list_display = ["terms", "approver", "approved_on"]


@admin.register(Objective)
class ObjectiveAdmin(TenantAdmin):
    organisation_path = "terms__organisation"
    list_display = ["terms", "number", "text"]


@admin.register(Section)
class SectionAdmin(TenantAdmin):
    organisation_path = "terms__organisation"
    list_display = ["terms", "order", "heading"]
