from django.urls import path

from steerco.portfolio.views import dependencies, products

app_name = "portfolio"
urlpatterns = [
    # Dependencies between projects.
    path("dependencies/", dependencies.dependency_map, name="dependency-map"),
    path(
        "projects/<int:project_pk>/dependencies/",
        dependencies.project_dependencies,
        name="project-dependencies",
    ),
    path(
        "projects/<int:project_pk>/dependencies/new/",
        dependencies.dependency_create,
        name="dependency-create",
    ),
    path(
        "dependencies/<int:dependency_pk>/end/",
        dependencies.dependency_end,
        name="dependency-end",
    ),
    # The catalogue of products and platforms, and the duplicate check.
    path("products/", products.catalogue, name="products"),
    path("products/new/", products.product_create, name="product-create"),
    path("products/<int:product_pk>/", products.product_detail, name="product-detail"),
    path("products/uses/new/", products.product_use_create, name="product-use-create"),
    path("projects/check/", products.duplicate_check, name="duplicate-check"),
]
