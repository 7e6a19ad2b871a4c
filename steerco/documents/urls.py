from django.urls import path

from steerco.documents import views
from steerco.lib import exports

app_name = "documents"

urlpatterns = [
    path("packs/<int:pack_pk>/file/", views.pack_file, name="pack-file"),
    path("forward-plan/", views.forward_plan, name="forward-plan"),
    *exports.routes("forward-plan", views.forward_plan, "forward-plan"),
    path("forward-plan.pdf", views.forward_plan_file, name="forward-plan-pdf"),
    path("bodies/<int:pk>/forward-plan/", views.forward_plan, name="body-forward-plan"),
    *exports.routes("bodies/<int:pk>/forward-plan", views.forward_plan, "body-forward-plan"),
    path("bodies/<int:pk>/forward-plan.pdf", views.forward_plan_file, name="body-forward-plan-pdf"),
    path("forwardings/<int:forwarding_pk>/sent.docx", views.sent_file, name="sent-file"),
    path(
        "meetings/<int:meeting_pk>/council-reports/",
        views.meeting_council_reports,
        name="meeting-council-reports",
    ),
    path(
        "items/<int:item_pk>/council-report/",
        views.council_report_form,
        name="council-report-form",
    ),
    *(
        path(
            f"meetings/<int:meeting_pk>/{name}.{file_type}",
            view,
            {"file_type": file_type},
            name=f"{name}-{file_type}",
        )
        for name, view in (("minutes", views.minutes_file), ("action-log", views.action_log_file))
        for file_type in ("pdf", "docx")
    ),
    *(
        path(
            f"items/<int:item_pk>/council-report.{file_type}",
            views.council_report_file,
            {"file_type": file_type},
            name=f"council-report-{file_type}",
        )
        for file_type in ("pdf", "docx")
    ),
]
