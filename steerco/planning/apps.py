from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "steerco.planning"
    label = "planning"
    verbose_name = "Investment planning"

    def ready(self):
        from steerco.lib.kinds import register_kind
        from steerco.planning import models

        register_kind("scenarios/<scenario_pk>", models.Scenario)
        register_kind("criteria/<criterion_pk>", models.Criterion, "model__organisation")
