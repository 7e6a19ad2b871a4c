from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "steerco.governance"
    label = "governance"
    verbose_name = "Governance structure"
