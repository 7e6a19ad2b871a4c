from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "steerco.meetings"
    label = "meetings"
    verbose_name = "Meeting cycle"
