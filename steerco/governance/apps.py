from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "steerco.governance"
    label = "governance"
    verbose_name = "Governance structure"

    def ready(self):
        from steerco.governance.models import Body, Membership, ReportingLine, TermsOfReference
        from steerco.lib.kinds import register_kind

        register_kind("bodies/<pk>", Body)
        register_kind("reporting-lines/<pk>", ReportingLine)
        register_kind("terms-of-reference/<version_pk>", TermsOfReference)
        register_kind("memberships/<membership_pk>", Membership)
