from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "steerco.documents"
    label = "documents"
    verbose_name = "Documents"

    def ready(self):
        from steerco.documents import actions, models, sections
        from steerco.lib.kinds import register_kind
        from steerco.meetings.signals import papers_changed

        sections.register()
        register_kind("packs/<pack_pk>", models.Pack, "meeting__organisation")
        # A meeting's packs are rebuilt whenever what they hold may have changed.
        papers_changed.connect(actions.request_packs, dispatch_uid="documents-packs")
