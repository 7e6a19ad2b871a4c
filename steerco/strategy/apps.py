from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "steerco.strategy"
    label = "strategy"
    verbose_name = "Strategy and performance"

    def ready(self):
        from steerco.lib.kinds import register_kind
        from steerco.strategy import models

        register_kind("strategies/<strategy_pk>", models.Strategy)
