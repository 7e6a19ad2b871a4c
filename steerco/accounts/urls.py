from django.urls import path

from steerco.accounts import views
from steerco.lib import exports

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("profile/", views.profile, name="profile"),
    path("<slug:org>/people/", views.people, name="people"),
    *exports.routes("<slug:org>/people", views.people, "people"),
]
