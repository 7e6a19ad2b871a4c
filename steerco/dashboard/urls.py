from django.urls import path

from steerco.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("chairs-dashboard/", views.chairs_dashboard, name="chairs-dashboard"),
]
