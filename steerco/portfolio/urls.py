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
]
