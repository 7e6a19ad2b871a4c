from django.urls import path

from steerco.lib import exports
from steerco.risks import views

app_name = "risks"
urlpatterns = [
    path("", views.register, name="register"),
    *exports.routes("register", views.register, "register"),
    path("import/", views.register_import, name="import"),
    path("import/confirm/", views.register_import_confirm, name="import-confirm"),
    path("new/", views.risk_form, name="risk-create"),
    path("heat-map/", views.heat_map_page, name="heat-map"),
    path("escalation/", views.escalations, name="escalations"),
    path("<int:risk_pk>/", views.risk_detail, name="risk"),
    path("<int:risk_pk>/edit/", views.risk_form, name="risk-edit"),
    path("<int:risk_pk>/reassess/", views.reassess, name="reassess"),
    path("<int:risk_pk>/close/", views.close, name="close"),
    path("<int:risk_pk>/accept/", views.accept, name="accept"),
    path("<int:risk_pk>/actions/new/", views.action_create, name="action-create"),
]
