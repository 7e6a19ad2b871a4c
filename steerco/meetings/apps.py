from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "steerco.meetings"
    label = "meetings"
    verbose_name = "Meeting cycle"

    def ready(self):
        from steerco.meetings import sections

        sections.register()
