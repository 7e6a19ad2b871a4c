from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "steerco.documents"
    label = "documents"
    verbose_name = "Documents"

    def ready(self):
        from steerco.documents import access, actions, models, sections
        from steerco.lib.kinds import register_kind
        from steerco.meetings import sent
        from steerco.meetings.models import Forwarding
        from steerco.meetings.signals import forwarded, papers_changed

        sections.register()
        register_kind("packs/<pack_pk>", models.Pack, "meeting__organisation")
        register_kind("forwardings/<forwarding_pk>", Forwarding, "meeting__organisation")
        sent.register_finder(access.sent_file_links)
        forwarded.connect(actions.keep_sent_file, dispatch_uid="documents-sent-file")
        # A meeting's packs are rebuilt whenever what they hold may have changed.
        papers_changed.connect(actions.request_packs, dispatch_uid="documents-packs")
