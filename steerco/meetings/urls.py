from django.urls import path

from steerco.lib import exports
from steerco.meetings.views import meeting, papers, people, record

app_name = "meetings"
urlpatterns = [
    # The schedule and the meeting itself.
    path("bodies/<int:pk>/meetings/", meeting.body_meetings, name="body-meetings"),
    *exports.routes("bodies/<int:pk>/meetings", meeting.body_meetings, "body-meetings"),
    path("bodies/<int:pk>/meetings/new/", meeting.meeting_create, name="meeting-create"),
    path("bodies/<int:pk>/meetings/schedule/", meeting.meeting_schedule, name="meeting-schedule"),
    path("bodies/<int:pk>/meeting-template/", meeting.template_edit, name="template-edit"),
    path("meetings/<int:meeting_pk>/", meeting.meeting_detail, name="meeting-detail"),
    path("meetings/<int:meeting_pk>/roll/", meeting.meeting_roll, name="meeting-roll"),
    path("meetings/<int:meeting_pk>/action-log/", meeting.meeting_action_log, name="action-log"),
    *exports.routes(
        "meetings/<int:meeting_pk>/action-log", meeting.meeting_action_log, "action-log"
    ),
    path("meetings/<int:meeting_pk>/move/", meeting.meeting_move, name="meeting-move"),
    path("meetings/<int:meeting_pk>/cancel/", meeting.meeting_cancel, name="meeting-cancel"),
    path("meetings/<int:meeting_pk>/publish/", meeting.agenda_publish, name="agenda-publish"),
    # Agenda items and papers.
    path("meetings/<int:meeting_pk>/items/new/", papers.item_form, name="item-create"),
    path("items/<int:item_pk>/edit/", papers.item_form, name="item-edit"),
    path("items/<int:item_pk>/carry/", papers.item_carry, name="item-carry"),
    path("items/<int:item_pk>/move/", papers.item_move, name="item-move"),
    path("items/<int:item_pk>/remove/", papers.item_remove, name="item-remove"),
    path("items/<int:item_pk>/papers/new/", papers.paper_create, name="paper-create"),
    path("papers/<int:paper_pk>/", papers.paper_detail, name="paper-detail"),
    path("papers/<int:paper_pk>/replace/", papers.paper_replace, name="paper-replace"),
    path("papers/<int:paper_pk>/retitle/", papers.paper_retitle, name="paper-retitle"),
    path("papers/<int:paper_pk>/restriction/", papers.paper_restriction, name="paper-restriction"),
    path("papers/<int:paper_pk>/withdraw/", papers.paper_withdraw, name="paper-withdraw"),
    path(
        "papers/<int:paper_pk>/versions/<int:version_pk>/file/",
        papers.paper_file,
        name="paper-file",
    ),
    # The record of the meeting.
    path("meetings/<int:meeting_pk>/attendance/", record.attendance, name="attendance"),
    path("meetings/<int:meeting_pk>/minutes/", record.meeting_minutes, name="meeting-minutes"),
    path("meetings/<int:meeting_pk>/actions/new/", record.action_create, name="action-create"),
    path(
        "meetings/<int:meeting_pk>/previous-meeting/",
        record.previous_approve,
        name="previous-approve",
    ),
    path("meetings/<int:meeting_pk>/forward/", record.forward, name="forward"),
    path(
        "items/<int:item_pk>/declarations/new/",
        record.declaration_create,
        name="declaration-create",
    ),
    path(
        "items/<int:item_pk>/withdrawals/new/", record.withdrawal_create, name="withdrawal-create"
    ),
    path("items/<int:item_pk>/decisions/new/", record.decision_create, name="decision-create"),
    path("items/<int:item_pk>/minutes/", record.item_minutes, name="item-minutes"),
    path("decisions/<int:decision_pk>/edit/", record.decision_edit, name="decision-edit"),
    # Voiding an entry made in error, before the minutes are approved.
    path("decisions/<int:decision_pk>/void/", record.entry_void, name="decision-void"),
    path("actions/<int:action_pk>/void/", record.entry_void, name="action-void"),
    path("declarations/<int:declaration_pk>/void/", record.entry_void, name="declaration-void"),
    path("withdrawals/<int:withdrawal_pk>/void/", record.entry_void, name="withdrawal-void"),
    path("actions/<int:action_pk>/", record.action_update, name="action-update"),
    path("bodies/<int:pk>/decisions/", record.decision_list, name="decision-list"),
    *exports.routes("bodies/<int:pk>/decisions", record.decision_list, "decision-list"),
    # People: the secretary's dashboard, a person's own page, the attendance rules.
    path("dashboard/", people.dashboard, name="dashboard"),
    path("chair/", people.chair_page, name="chair"),
    path("meetings/<int:meeting_pk>/agree-agenda/", people.agenda_agree, name="agenda-agree"),
    path("decisions/<int:decision_pk>/confirm/", people.decision_confirm, name="decision-confirm"),
    path("my-meetings/", people.my_page, name="my-page"),
    path("bodies/<int:pk>/attendance-review/", people.attendance_review, name="attendance-review"),
    *exports.routes(
        "bodies/<int:pk>/attendance-review", people.attendance_review, "attendance-review"
    ),
    path(
        "memberships/<int:membership_pk>/challenge/",
        people.challenge_record,
        name="challenge-record",
    ),
]
