from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "steerco.risks"
    label = "risks"
    verbose_name = "Risk management"

    def ready(self):
        from django.db.models.signals import post_save

        from steerco.accounts.models import Organisation
        from steerco.lib.kinds import register_kind
        from steerco.meetings.signals import action_added
        from steerco.portfolio.signals import business_case_submitting
        from steerco.risks import actions, models, origins, sections

        register_kind("risks/<risk_pk>", models.Risk)
        register_kind("categories/<category_pk>", models.RiskCategory)
        sections.register()
        # Mitigating actions on the action log: where they arose, and who may read them.
        origins.register()
        # A new council starts with the Orange Book's categories and the default appetite and
        # scale (the councils that existed before this app got them from migration 0002).
        post_save.connect(
            actions.organisation_created, sender=Organisation, dispatch_uid="risks-set-up"
        )
        # An action recorded at the item where a risk was escalated arose from the risk too.
        action_added.connect(actions.action_added, dispatch_uid="risks-item-actions")
        # The business case gate: a case is submitted only with an assessed risk linked.
        business_case_submitting.connect(
            actions.business_case_submitting, dispatch_uid="risks-business-case-gate"
        )
