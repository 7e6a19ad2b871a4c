from django.urls import path

from steerco.lib import exports
from steerco.planning import views

app_name = "planning"
urlpatterns = [
    path("scoring/", views.scoring_model, name="scoring"),
    path("scoring/spread/", views.scoring_spread, name="scoring-spread"),
    path("scoring/criteria/new/", views.criterion_form, name="criterion-add"),
    path("scoring/criteria/<int:criterion_pk>/edit/", views.criterion_form, name="criterion-edit"),
    path(
        "scoring/criteria/<int:criterion_pk>/retire/",
        views.criterion_retire,
        name="criterion-retire",
    ),
    path("projects/<int:project_pk>/scores/", views.candidate_scores, name="candidate"),
    path("projects/<int:project_pk>/score/", views.candidate_score, name="candidate-score"),
    path("scenarios/", views.scenario_list, name="scenarios"),
    *exports.routes("scenarios", views.scenario_list, "scenarios"),
    path("scenarios/new/", views.scenario_form, name="scenario-create"),
    path("scenarios/compare/", views.scenario_compare, name="compare"),
    path("scenarios/<int:scenario_pk>/", views.scenario_detail, name="scenario"),
    path("scenarios/<int:scenario_pk>/edit/", views.scenario_form, name="scenario-edit"),
    path("scenarios/<int:scenario_pk>/optimise/", views.scenario_optimise, name="optimise"),
    path(
        "scenarios/<int:scenario_pk>/planning-file.json", views.scenario_download, name="download"
    ),
    path("scenarios/<int:scenario_pk>/upload/", views.scenario_upload, name="upload"),
    path("scenarios/<int:scenario_pk>/recommend/", views.scenario_recommend, name="recommend"),
    path("scenarios/<int:scenario_pk>/frontier/", views.scenario_frontier, name="frontier"),
    path(
        "scenarios/<int:scenario_pk>/upload/clear/",
        views.scenario_clear_upload,
        name="clear-upload",
    ),
]
