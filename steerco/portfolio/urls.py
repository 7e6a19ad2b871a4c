from django.urls import path

from steerco.lib import exports
from steerco.portfolio import benefit_views, dependency_views, product_views, views
from steerco.portfolio import views_submissions as submissions
from steerco.portfolio.views import business_cases, finance

app_name = "portfolio"
urlpatterns = [
    path("", views.register, name="register"),
    *exports.routes("register", views.register, "register"),
    path("settings/", views.settings_form, name="settings"),
    path("programmes/", views.programme_list, name="programmes"),
    *exports.routes("programmes", views.programme_list, "programmes"),
    path("programmes/new/", views.programme_form, name="programme-create"),
    path("programmes/<int:programme_pk>/", views.programme_detail, name="programme"),
    *exports.routes("programmes/<int:programme_pk>/projects", views.programme_detail, "programme"),
    path("programmes/<int:programme_pk>/edit/", views.programme_form, name="programme-edit"),
    path("projects/new/", views.project_form, name="project-create"),
    path("projects/<int:project_pk>/", views.project_detail, name="project"),
    path("projects/<int:project_pk>/edit/", views.project_form, name="project-edit"),
    path(
        "projects/<int:project_pk>/confidence/new/",
        views.confidence_create,
        name="confidence-create",
    ),
    # Benefits and their realisation.
    path("benefits/", benefit_views.benefits, name="benefits"),
    path("benefits/overdue/", benefit_views.benefits_overdue, name="benefits-overdue"),
    *exports.routes("benefits/overdue", benefit_views.benefits_overdue, "benefits-overdue"),
    *exports.routes("benefits", benefit_views.benefits, "benefits"),
    path("projects/<int:project_pk>/benefits/new/", benefit_views.benefit_add, name="benefit-add"),
    path(
        "benefits/<int:benefit_pk>/realisations/new/",
        benefit_views.realisation_add,
        name="realisation-add",
    ),
    path(
        "realisations/<int:realisation_pk>/correct/",
        benefit_views.realisation_correct,
        name="realisation-correct",
    ),
    # Business cases: the case, its options and their profiles, new versions.
    path(
        "projects/<int:project_pk>/business-cases/new/",
        business_cases.business_case_create,
        name="business-case-create",
    ),
    path(
        "business-cases/<int:case_pk>/",
        business_cases.business_case_detail,
        name="business-case",
    ),
    path(
        "business-cases/<int:case_pk>/edit/",
        business_cases.business_case_edit,
        name="business-case-edit",
    ),
    path(
        "business-cases/<int:case_pk>/new-version/",
        business_cases.new_version,
        name="business-case-new-version",
    ),
    path(
        "business-cases/<int:case_pk>/options/new/",
        business_cases.option_form,
        name="option-create",
    ),
    path(
        "business-cases/<int:case_pk>/optimism-bias/",
        business_cases.bias_mitigation,
        name="bias-mitigation",
    ),
    path("options/<int:option_pk>/edit/", business_cases.option_form, name="option-edit"),
    path("options/<int:option_pk>/profile/", business_cases.option_profile, name="option-profile"),
    # The Treasury's figures, and a council's own revisions.
    path(
        "appraisal-parameters/",
        business_cases.parameters_list,
        name="appraisal-parameters",
    ),
    path(
        "appraisal-parameters/new/",
        business_cases.parameters_create,
        name="appraisal-parameters-create",
    ),
    # The money of the whole portfolio.
    path("finance/", finance.finance, name="finance"),
    # Submissions to the council's bodies, and what became of them.
    path("submissions/", submissions.submission_list, name="submission-list"),
    *exports.routes("submissions", submissions.submission_list, "submission-list"),
    path("submissions/new/", submissions.submission_create, name="submission-create"),
    path("submissions/<int:submission_pk>/", submissions.submission_detail, name="submission"),
    path(
        "projects/<int:project_pk>/submissions/",
        submissions.project_submission_list,
        name="project-submissions",
    ),
    *exports.routes(
        "projects/<int:project_pk>/submissions",
        submissions.project_submission_list,
        "project-submissions",
    ),
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
        "submissions/<int:submission_pk>/change/",
        submissions.submission_change,
        name="submission-change",
    ),
    path(
        "submissions/<int:submission_pk>/withdraw/",
        submissions.submission_withdraw,
        name="submission-withdraw",
    ),
    path(
        "submissions/<int:submission_pk>/files/<int:file_pk>/",
        submissions.submission_file,
        name="submission-file",
    ),
    path("my-submissions/", submissions.my_submissions, name="my-submissions"),
    *exports.routes("my-submissions", submissions.my_submissions, "my-submissions"),
    # Dependencies between projects.
    path("dependencies/", dependency_views.dependency_map, name="dependency-map"),
    *exports.routes("dependencies", dependency_views.dependency_map, "dependency-map"),
    path(
        "projects/<int:project_pk>/dependencies/",
        dependency_views.project_dependencies,
        name="project-dependencies",
    ),
    *exports.routes(
        "projects/<int:project_pk>/dependencies",
        dependency_views.project_dependencies,
        "project-dependencies",
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
    *exports.routes("products", product_views.catalogue, "products"),
    path("products/new/", product_views.product_create, name="product-create"),
    path("products/<int:product_pk>/", product_views.product_detail, name="product-detail"),
    *exports.routes(
        "products/<int:product_pk>/uses", product_views.product_detail, "product-detail"
    ),
    path("products/uses/new/", product_views.product_use_create, name="product-use-create"),
    path("uses/<int:use_pk>/end/", product_views.product_use_end, name="product-use-end"),
    path("projects/check/", product_views.duplicate_check, name="duplicate-check"),
    # The register as a spreadsheet.
    path("import/", views.project_import, name="import"),
    path("projects.csv", views.register_export, {"file_type": "csv"}, name="projects-csv"),
    path("projects.xlsx", views.register_export, {"file_type": "xlsx"}, name="projects-xlsx"),
    path("profiles.csv", views.profiles_export, {"file_type": "csv"}, name="profiles-csv"),
    path("profiles.xlsx", views.profiles_export, {"file_type": "xlsx"}, name="profiles-xlsx"),
]
