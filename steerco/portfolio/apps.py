from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "steerco.portfolio"
    label = "portfolio"
    verbose_name = "ICT portfolio"

    def ready(self):
        from steerco.lib.kinds import register_kind
        from steerco.portfolio import models

        # Each route parameter of the portfolio's pages is a kind (steerco/lib/kinds.py).
        register_kind("projects/<project_pk>", models.Project)
        register_kind("programmes/<programme_pk>", models.Programme)
        register_kind("benefits/<benefit_pk>", models.Benefit, "project__organisation")
        register_kind(
            "realisations/<realisation_pk>",
            models.BenefitRealisation,
            "benefit__project__organisation",
        )

        from steerco.lib.sections import register_section
        from steerco.portfolio.benefit_views import project_section

        register_section(
            "portfolio:project", "benefits", project_section, "portfolio/sections/benefits.html"
        )
