from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "steerco.portfolio"
    label = "portfolio"
    verbose_name = "ICT portfolio"

    def ready(self):
        from steerco.lib.kinds import register_kind
        from steerco.lib.sections import register_section
        from steerco.portfolio import impact, models

        # Each route parameter of the portfolio's pages is a kind (steerco/lib/kinds.py).
        register_kind("projects/<project_pk>", models.Project)
        register_kind("dependencies/<dependency_pk>", models.Dependency)
        register_kind("products/<product_pk>", models.Product)

        register_section(
            "portfolio:project",
            "dependencies",
            impact.project_section,
            "portfolio/includes/project_dependencies_section.html",
        )
