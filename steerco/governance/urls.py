from django.urls import path

from steerco.governance import views
from steerco.lib import exports

app_name = "governance"
urlpatterns = [
    path("", views.home, name="home"),
    path("governance-model/", views.governance_model, name="model"),
    path("bodies/", views.body_list, name="body-list"),
    *exports.routes("bodies", views.body_list, "body-list"),
    path("bodies/new/", views.body_form, name="body-create"),
    path("bodies/<int:pk>/", views.body_detail, name="body-detail"),
    path("bodies/<int:pk>/edit/", views.body_form, name="body-edit"),
    path("bodies/<int:pk>/terms-of-reference/", views.terms_current, name="terms-current"),
    path("bodies/<int:pk>/terms-of-reference/new/", views.terms_create, name="terms-create"),
    path(
        "bodies/<int:pk>/terms-of-reference/<int:version_pk>/",
        views.terms_version,
        name="terms-version",
    ),
    path(
        "bodies/<int:pk>/terms-of-reference/<int:version_pk>/approvals/new/",
        views.approval_create,
        name="approval-create",
    ),
    path("bodies/<int:pk>/members/new/", views.membership_form, name="membership-create"),
    path("bodies/<int:pk>/chair-review/", views.chair_review, name="chair-review"),
    path("memberships/<int:membership_pk>/edit/", views.membership_form, name="membership-edit"),
    path("reporting-lines/new/", views.line_form, name="line-create"),
    path("reporting-lines/<int:pk>/edit/", views.line_form, name="line-edit"),
    path("reporting-lines/<int:pk>/delete/", views.line_delete, name="line-delete"),
]
