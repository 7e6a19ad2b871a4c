from django.urls import path

from steerco.portfolio import views

app_name = "portfolio"
urlpatterns = [
    path("portfolio/import/", views.project_import, name="import"),
    path(
        "portfolio/projects.csv", views.register_export, {"file_type": "csv"}, name="projects-csv"
    ),
    path(
        "portfolio/projects.xlsx",
        views.register_export,
        {"file_type": "xlsx"},
        name="projects-xlsx",
    ),
    path(
        "portfolio/profiles.csv", views.profiles_export, {"file_type": "csv"}, name="profiles-csv"
    ),
    path(
        "portfolio/profiles.xlsx",
        views.profiles_export,
        {"file_type": "xlsx"},
        name="profiles-xlsx",
    ),
]
