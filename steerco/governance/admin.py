from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0


class ApprovalInline(admin.TabularInline):
    model = Approval
    extra = 0


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "kind", "frequency", "decision_method"]
    list_filter = ["organisation", "kind"]
    search_fields = ["name", "short_name"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "body", "role", "starts_on", "ends_on", "counts_toward_quorum"]
    list_filter = ["body__organisation", "role"]
    autocomplete_fields = ["person", "body"]


@admin.register(ReportingLine)
class ReportingLineAdmin(SimpleHistoryAdmin):
    list_display = ["from_body", "relationship", "to_body", "condition"]
    list_filter = ["organisation"]


@admin.register(TermsOfReference)
class TermsOfReferenceAdmin(SimpleHistoryAdmin):
    list_display = ["body", "version", "issued_on", "author", "summary_of_change"]
    list_filter = ["organisation"]
    inlines = [ObjectiveInline, SectionInline, ApprovalInline]

    def has_change_permission(self, request, obj=None):
        # A version is never edited: a change is a new version (see issue_terms_of_reference).
        return False


@admin.register(PolicyDriver)
class PolicyDriverAdmin(SimpleHistoryAdmin):
    list_display = ["name", "body", "organisation"]


@admin.register(Approval)
class ApprovalAdmin(SimpleHistoryAdmin):
    list_display = ["terms", "approver", "approved_on"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["terms", "number", "text"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["terms", "order", "heading"]
