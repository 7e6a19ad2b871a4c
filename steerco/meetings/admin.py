"""The meeting record in the admin is for looking, not changing: every change to it goes through
`steerco.meetings.actions`, where the rules of the terms of reference are checked and the history
records who and why. Papers are not here at all: a restricted paper is for the body's members
and named officers, not for whoever has the admin."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["body", "on", "kind", "status", "agenda_published_at"]
    list_filter = ["organisation", "body", "kind", "status"]
    date_hierarchy = "on"


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "meeting", "position", "purpose", "source"]
    list_select_related = ["meeting__body"]
    search_fields = ["title"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["reference", "outcome", "item", "review_on"]
    list_filter = ["organisation", "body", "outcome", "year"]
    list_select_related = ["body", "item"]


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ["number", "body", "owner", "due_on", "status"]
    list_filter = ["organisation", "body", "status"]
    list_select_related = ["body", "owner"]


for model in (
    MeetingTemplate,
    Attendance,
    Declaration,
    Withdrawal,
    Forwarding,
    Challenge,
    Reminder,
):
    admin.site.register(model, ReadOnlyAdmin)
