from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "steerco.dashboard"
    label = "dashboard"
    verbose_name = "Chair's dashboard"

    def ready(self):
        from steerco.dashboard import sections

        sections.register()
