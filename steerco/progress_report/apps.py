from django.apps import AppConfig


class ProgressReportConfig(AppConfig):
    name = "steerco.progress_report"
    label = "progress_report"
    verbose_name = "Annual progress report"
