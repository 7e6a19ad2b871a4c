from django.urls import path

from steerco.portfolio import benefit_views, views

app_name = "portfolio"
urlpatterns = [
    path("", views.register, name="register"),
    path("settings/", views.settings_form, name="settings"),
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/new/", views.programme_form, name="programme-create"),
    path("programmes/<int:programme_pk>/", views.programme_detail, name="programme"),
    path("programmes/<int:programme_pk>/edit/", views.programme_form, name="programme-edit"),
    path("projects/new/", views.project_form, name="project-create"),
    path("projects/<int:project_pk>/", views.project_detail, name="project"),
    path("projects/<int:project_pk>/edit/", views.project_form, name="project-edit"),
    path(
        "projects/<int:project_pk>/confidence/new/",
        views.confidence_create,
        name="confidence-create",
    ),
    # Benefits and their realisation.
    path("benefits/", benefit_views.benefits, name="benefits"),
    path("projects/<int:project_pk>/benefits/new/", benefit_views.benefit_add, name="benefit-add"),
    path(
        "benefits/<int:benefit_pk>/realisations/new/",
        benefit_views.realisation_add,
        name="realisation-add",
    ),
    path(
        "realisations/<int:realisation_pk>/correct/",
        benefit_views.realisation_correct,
        name="realisation-correct",
    ),
]
