from django.urls import path

from steerco.calendars import views

app_name = "calendars"
urlpatterns = [
    path("bodies/<int:pk>/calendar.ics", views.body_feed, name="body"),
    path("meetings/<int:meeting_pk>/calendar.ics", views.meeting_file, name="meeting"),
    path("calendars/", views.address, name="address"),
    path("calendars/<str:token>/mine.ics", views.personal_feed, name="personal"),
    path("calendars/<str:token>/organisation.ics", views.organisation_feed, name="organisation"),
]
