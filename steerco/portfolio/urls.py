from django.urls import path

from steerco.portfolio import dependency_views, product_views, views

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
    # Dependencies between projects.
    path("dependencies/", dependency_views.dependency_map, name="dependency-map"),
    path(
        "projects/<int:project_pk>/dependencies/",
        dependency_views.project_dependencies,
        name="project-dependencies",
    ),
    path(
        "projects/<int:project_pk>/dependencies/new/",
        dependency_views.dependency_create,
        name="dependency-create",
    ),
    path(
        "dependencies/<int:dependency_pk>/end/",
        dependency_views.dependency_end,
        name="dependency-end",
    ),
    # The catalogue of products and platforms, and the duplicate check.
    path("products/", product_views.catalogue, name="products"),
    path("products/new/", product_views.product_create, name="product-create"),
    path("products/<int:product_pk>/", product_views.product_detail, name="product-detail"),
    path("products/uses/new/", product_views.product_use_create, name="product-use-create"),
    path("projects/check/", product_views.duplicate_check, name="duplicate-check"),
]
