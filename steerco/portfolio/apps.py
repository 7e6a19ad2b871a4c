from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "steerco.portfolio"
    label = "portfolio"
    verbose_name = "ICT portfolio"

    def ready(self):
        # Each route parameter of the portfolio's pages is registered here as a kind, with the
        # page that introduces it (steerco/lib/kinds.py).
        from steerco.lib.kinds import register_kind
        from steerco.lib.sections import register_section
        from steerco.portfolio import models
        from steerco.portfolio.views.benefits import project_section

        register_kind("projects/<project_pk>", models.Project)
        register_kind("benefits/<benefit_pk>", models.Benefit, "project__organisation")
        register_kind(
            "realisations/<realisation_pk>",
            models.BenefitRealisation,
            "benefit__project__organisation",
        )
        register_section(
            "portfolio:project", "benefits", project_section, "portfolio/sections/benefits.html"
        )
