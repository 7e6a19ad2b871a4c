from django.urls import path

from steerco.progress_report import views

app_name = "progress_report"
urlpatterns = [
    path("strategies/<int:strategy_pk>/annual-report/", views.report, name="report"),
    path(
        "strategies/<int:strategy_pk>/annual-report/commentary/",
        views.commentary_form,
        name="commentary",
    ),
    path(
        "strategies/<int:strategy_pk>/annual-report/front-matter/",
        views.front_matter_form,
        name="front-matter",
    ),
] + [
    path(
        f"strategies/<int:strategy_pk>/annual-report.{file_type}",
        views.report_file,
        {"file_type": file_type},
        name=f"report-{file_type}",
    )
    for file_type in ("pdf", "docx")
]
