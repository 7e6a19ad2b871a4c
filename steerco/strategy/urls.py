from django.urls import path

from steerco.lib import exports
from steerco.strategy import register_views, views, views_plan

app_name = "strategy"
urlpatterns = [
    path("", views.strategy_list, name="strategies"),
    *exports.routes("strategies", views.strategy_list, "strategies"),
    path("new/", views.strategy_form, name="strategy-create"),
    path("strategies/<int:strategy_pk>/", views.strategy_detail, name="strategy"),
    path("strategies/<int:strategy_pk>/edit/", views.strategy_form, name="strategy-edit"),
    path(
        "strategies/<int:strategy_pk>/themes/new/",
        views.part_add,
        {"part": "theme"},
        name="theme-add",
    ),
    path(
        "strategies/<int:strategy_pk>/themes/existing/",
        views.themes_adopt,
        name="themes-adopt",
    ),
    path(
        "strategies/<int:strategy_pk>/objectives/new/",
        views.part_add,
        {"part": "objective"},
        name="objective-add",
    ),
    path(
        "strategies/<int:strategy_pk>/principles/new/",
        views.part_add,
        {"part": "principle"},
        name="principle-add",
    ),
    path("strategies/<int:strategy_pk>/approve/", views.strategy_approve, name="approve"),
    path(
        "strategies/<int:strategy_pk>/current/",
        views.strategy_make_current,
        name="make-current",
    ),
]
urlpatterns += [
    path("kpis/", views.kpi_list, name="kpis"),
    *exports.routes("kpis", views.kpi_list, "kpis"),
    path("kpis/new/", views.kpi_form, name="kpi-create"),
    path("kpis/<int:kpi_pk>/", views.kpi_detail, name="kpi"),
    path("kpis/<int:kpi_pk>/edit/", views.kpi_form, name="kpi-edit"),
    path("kpis/<int:kpi_pk>/measurements/new/", views.measurement_add, name="measurement-add"),
    path(
        "kpis/<int:kpi_pk>/measurements/<int:measurement_pk>/correct/",
        views.measurement_correct,
        name="measurement-correct",
    ),
]
urlpatterns += [
    path(
        "strategies/<int:strategy_pk>/objectives/<int:objective_pk>/actions/new/",
        views.plan_action_add,
        name="plan-action-add",
    ),
]
urlpatterns += [
    path(
        "strategies/<int:strategy_pk>/objectives/<int:objective_pk>/milestones/new/",
        views_plan.milestone_add,
        name="milestone-add",
    ),
    path("milestones/<int:milestone_pk>/", views_plan.milestone_detail, name="milestone"),
    path("milestones/<int:milestone_pk>/edit/", views_plan.milestone_change, name="milestone-edit"),
    path("legislation/", register_views.legislation_list, name="legislation-list"),
    *exports.routes("legislation", register_views.legislation_list, "legislation-list"),
    path("legislation/new/", register_views.legislation_form, name="legislation-create"),
    path(
        "legislation/<int:legislation_pk>/",
        register_views.legislation_detail,
        name="legislation",
    ),
    path(
        "legislation/<int:legislation_pk>/edit/",
        register_views.legislation_form,
        name="legislation-edit",
    ),
    path("skills/", register_views.skill_list, name="skills"),
    *exports.routes("skills", register_views.skill_list, "skills"),
    *exports.routes("skills/teams", register_views.skill_list, "skill-teams", table="teams"),
    path("skills/new/", register_views.skill_form, name="skill-create"),
    path("skills/teams/new/", register_views.team_add, name="team-add"),
    path("skills/teams/<int:team_pk>/edit/", register_views.team_change, name="team-edit"),
    path("skills/<int:skill_pk>/", register_views.skill_detail, name="skill"),
    path("skills/<int:skill_pk>/edit/", register_views.skill_form, name="skill-edit"),
    path(
        "skills/<int:skill_pk>/levels/new/",
        register_views.skill_level_form,
        name="skill-level-add",
    ),
    path(
        "skills/<int:skill_pk>/levels/<int:level_pk>/edit/",
        register_views.skill_level_form,
        name="skill-level-edit",
    ),
    path(
        "skills/<int:skill_pk>/levels/<int:level_pk>/actions/new/",
        register_views.development_action_add,
        name="development-action-add",
    ),
    path("champions/", register_views.champion_list, name="champions"),
    *exports.routes("champions", register_views.champion_list, "champions"),
    path("champions/new/", register_views.champion_form, name="champion-create"),
    path("champions/<int:champion_pk>/", register_views.champion_detail, name="champion"),
    path(
        "champions/<int:champion_pk>/edit/",
        register_views.champion_form,
        name="champion-edit",
    ),
]
