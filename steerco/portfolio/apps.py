from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "steerco.portfolio"
    label = "portfolio"
    verbose_name = "ICT portfolio"

    def ready(self):
        # Each route parameter of the portfolio's pages is registered here as a kind, with the
        # page that introduces it (steerco/lib/kinds.py).
        pass
