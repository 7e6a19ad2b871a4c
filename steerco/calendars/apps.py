from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "steerco.calendars"
    label = "calendars"
    verbose_name = "Calendars"

    def ready(self):
        from steerco.calendars import models, sections
        from steerco.lib.kinds import register_kind

        sections.register()
        # A personal calendar address stands for its person: the walks fill it with ids,
        # which are never a valid address.
        register_kind("calendars/<token>", models.CalendarAddress)
