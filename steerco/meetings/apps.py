from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "steerco.meetings"
    label = "meetings"
    verbose_name = "Meeting cycle"

    def ready(self):
        from steerco.lib.kinds import register_kind
        from steerco.meetings import models, sections

        sections.register()
        register_kind("meetings/<meeting_pk>", models.Meeting)
        register_kind("items/<item_pk>", models.AgendaItem, "meeting__organisation")
        register_kind("papers/<paper_pk>", models.Paper)
        register_kind("versions/<version_pk>", models.PaperVersion, "paper__organisation")
        register_kind("actions/<action_pk>", models.Action)
        register_kind("decisions/<decision_pk>", models.Decision)
        register_kind(
            "declarations/<declaration_pk>", models.Declaration, "item__meeting__organisation"
        )
        register_kind(
            "withdrawals/<withdrawal_pk>", models.Withdrawal, "item__meeting__organisation"
        )
