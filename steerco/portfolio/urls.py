from django.urls import path

from steerco.portfolio.views import benefits

app_name = "portfolio"
urlpatterns = [
    # Benefits and their realisation.
    path("benefits/", benefits.benefits, name="benefits"),
    path("projects/<int:project_pk>/benefits/new/", benefits.benefit_add, name="benefit-add"),
    path(
        "benefits/<int:benefit_pk>/realisations/new/",
        benefits.realisation_add,
        name="realisation-add",
    ),
    path(
        "realisations/<int:realisation_pk>/correct/",
        benefits.realisation_correct,
        name="realisation-correct",
    ),
]
