from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "steerco.risks"
    label = "risks"
    verbose_name = "Risk management"
