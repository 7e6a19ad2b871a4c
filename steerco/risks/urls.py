from django.urls import path

from steerco.lib import exports
from steerco.risks import views

app_name = "risks"
urlpatterns = [
    path("", views.register, name="register"),
    *exports.routes("register", views.register, "register"),
    path("register-file/", views.register_file, name="register-file"),
    path("register-file/ask/", views.register_file_request, name="register-file-request"),
    path("register-file/download/", views.register_file_download, name="register-file-download"),
    path("import/", views.register_import, name="import"),
    path("import/confirm/", views.register_import_confirm, name="import-confirm"),
    path("new/", views.risk_form, name="risk-create"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/categories/new/", views.category_form, name="category-create"),
    path("settings/categories/<int:category_pk>/", views.category_form, name="category-edit"),
    path(
        "settings/categories/<int:category_pk>/remove/",
        views.category_remove,
        name="category-remove",
    ),
    path("settings/tolerances/", views.tolerances_form, name="tolerances"),
    path(
        "settings/scale/likelihood/",
        views.scale_form,
        {"axis": "likelihood"},
        name="scale-likelihood",
    ),
    path("settings/scale/impact/", views.scale_form, {"axis": "impact"}, name="scale-impact"),
    path("settings/bands/", views.bands_form, name="bands"),
    path("heat-map/", views.heat_map_page, name="heat-map"),
    path("escalation/", views.escalations, name="escalations"),
    *exports.routes("escalation", views.escalations, "escalations"),
    path("<int:risk_pk>/", views.risk_detail, name="risk"),
    path("<int:risk_pk>/edit/", views.risk_form, name="risk-edit"),
    path("<int:risk_pk>/reassess/", views.reassess, name="reassess"),
    path("<int:risk_pk>/close/", views.close, name="close"),
    path("<int:risk_pk>/accept/", views.accept, name="accept"),
    path("<int:risk_pk>/escalate/", views.escalate, name="escalate"),
    path("<int:risk_pk>/actions/new/", views.action_create, name="action-create"),
    path("<int:risk_pk>/actions/<int:action_pk>/void/", views.action_void, name="action-void"),
]
