from django.urls import path

from steerco.portfolio import views
from steerco.portfolio import views_submissions as submissions

app_name = "portfolio"
urlpatterns = [
    path("", views.register, name="register"),
    path("projects/new/", views.project_form, name="project-create"),
    path("projects/<int:project_pk>/", views.project_detail, name="project"),
    path("projects/<int:project_pk>/edit/", views.project_form, name="project-edit"),
    path(
        "projects/<int:project_pk>/confidence/new/",
        views.confidence_create,
        name="confidence-create",
    ),
    # Submissions to the council's bodies, and what became of them.
    path("submissions/", submissions.submission_list, name="submission-list"),
    path("submissions/new/", submissions.submission_create, name="submission-create"),
    path("submissions/<int:submission_pk>/", submissions.submission_detail, name="submission"),
    path(
        "submissions/<int:submission_pk>/accept/",
        submissions.submission_accept,
        name="submission-accept",
    ),
    path(
        "submissions/<int:submission_pk>/return/",
        submissions.submission_return,
        name="submission-return",
    ),
    path(
        "submissions/<int:submission_pk>/files/<int:file_pk>/",
        submissions.submission_file,
        name="submission-file",
    ),
    path("my-submissions/", submissions.my_submissions, name="my-submissions"),
]
