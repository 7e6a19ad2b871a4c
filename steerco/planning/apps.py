from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "steerco.planning"
    label = "planning"
    verbose_name = "Investment planning"
