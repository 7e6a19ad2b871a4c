from django.contrib import admin
from django.urls import include, path

from steerco.accounts import views as account_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accessibility/", account_views.accessibility, name="accessibility"),
    path("admin/", admin.site.urls),
    path("", include("steerco.accounts.urls")),
    path("<slug:org>/", include("steerco.governance.urls")),
    path("<slug:org>/", include("steerco.meetings.urls")),
    path("<slug:org>/strategy/", include("steerco.strategy.urls")),
    path("<slug:org>/strategy/", include("steerco.progress_report.urls")),
    path("<slug:org>/portfolio/", include("steerco.portfolio.urls")),
    path("<slug:org>/planning/", include("steerco.planning.urls")),
    path("<slug:org>/", include("steerco.documents.urls")),
    path("<slug:org>/", include("steerco.calendars.urls")),
    path("<slug:org>/risks/", include("steerco.risks.urls")),
    path("<slug:org>/", include("steerco.dashboard.urls")),
]

handler403 = "steerco.accounts.views.forbidden"
handler404 = "steerco.accounts.views.not_found"
handler500 = "steerco.accounts.views.server_error"
