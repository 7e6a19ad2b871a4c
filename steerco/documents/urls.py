from django.urls import path

from steerco.documents import views

app_name = "documents"

urlpatterns = [
    path("packs/<int:pack_pk>/file/", views.pack_file, name="pack-file"),
]
