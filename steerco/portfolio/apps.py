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
