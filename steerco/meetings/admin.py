"""The meeting record in the admin is for looking, not changing: every change to it goes through
`steerco.meetings.actions`, where the rules of the terms of reference are checked and the history
records who and why. Papers are not here at all: a restricted paper is for the body's members
and named officers, not for whoever has the admin."""

from django.contrib import admin
from django.db.models import Q

from steerco import permissions
from steerco.accounts.admin_base import TenantAdmin
from steerco.meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Challenge,
    Decision,
    Declaration,
    Forwarding,
    Meeting,
    MeetingTemplate,
    Reminder,
    Withdrawal,
)


class TrailAdmin(TenantAdmin):
    """Shows voided entries too (the record leaves them out): the admin is for the trail."""

    def get_queryset(self, request):
        queryset = self.model.all_objects.get_queryset()
        ordering = self.get_ordering(request)
        if ordering:
            queryset = queryset.order_by(*ordering)
        return self.scope(queryset, permissions.administered_organisations(request.user))


@admin.register(Meeting)
class MeetingAdmin(TenantAdmin):
    list_display = ["body", "on", "kind", "status", "agenda_published_at"]
    list_filter = ["body", "kind", "status"]
    date_hierarchy = "on"


@admin.register(AgendaItem)
class AgendaItemAdmin(TenantAdmin):
    organisation_path = "meeting__organisation"
    list_display = ["title", "meeting", "position", "purpose", "source"]
    list_select_related = ["meeting__body"]
    search_fields = ["title"]


@admin.register(Decision)
class DecisionAdmin(TrailAdmin):
    list_display = ["reference", "outcome", "item", "review_on", "voided_at"]
    list_filter = ["body", "outcome", "year"]
    list_select_related = ["body", "item"]


@admin.register(Action)
class ActionAdmin(TrailAdmin):
    list_display = ["number", "body", "owner", "due_on", "status", "voided_at"]
    list_filter = ["body", "status"]
    list_select_related = ["body", "owner"]


@admin.register(MeetingTemplate, Challenge)
class OrganisationRowAdmin(TenantAdmin):
    pass


@admin.register(Attendance, Forwarding)
class MeetingRowAdmin(TenantAdmin):
    organisation_path = "meeting__organisation"


@admin.register(Declaration, Withdrawal)
class ItemRowAdmin(TrailAdmin):
    organisation_path = "item__meeting__organisation"


@admin.register(Reminder)
class ReminderAdmin(TenantAdmin):
    def scope(self, queryset, organisation_ids):
        return queryset.filter(
            Q(meeting__organisation__in=organisation_ids)
            | Q(action__organisation__in=organisation_ids)
        )
