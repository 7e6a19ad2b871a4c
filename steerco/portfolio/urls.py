from django.urls import path

from steerco.portfolio import views

app_name = "portfolio"
urlpatterns = [
    path("", views.register, name="register"),
    path("projects/new/", views.project_form, name="project-create"),
    path("projects/<int:project_pk>/", views.project_detail, name="project"),
    path("projects/<int:project_pk>/edit/", views.project_form, name="project-edit"),
    path(
        "projects/<int:project_pk>/confidence/new/",
        views.confidence_create,
        name="confidence-create",
    ),
    # The register as a spreadsheet.
    path("import/", views.project_import, name="import"),
    path("projects.csv", views.register_export, {"file_type": "csv"}, name="projects-csv"),
    path("projects.xlsx", views.register_export, {"file_type": "xlsx"}, name="projects-xlsx"),
    path("profiles.csv", views.profiles_export, {"file_type": "csv"}, name="profiles-csv"),
    path("profiles.xlsx", views.profiles_export, {"file_type": "xlsx"}, name="profiles-xlsx"),
]
