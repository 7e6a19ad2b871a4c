from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "steerco.portfolio"
    label = "portfolio"
    verbose_name = "ICT portfolio"

    def ready(self):
        from steerco.lib.kinds import register_kind
        from steerco.meetings.signals import decision_changed, item_removing
        from steerco.portfolio import actions, models, sections

        # Each route parameter of the portfolio's pages is a kind (steerco/lib/kinds.py).
        register_kind("projects/<project_pk>", models.Project)
        register_kind("submissions/<submission_pk>", models.Submission)
        register_kind("files/<file_pk>", models.SubmissionFile, "submission__organisation")
        sections.register()
        # A decision on a submitted business case approves or rejects it (and moves its
        # project) in the same transaction as the decision.
        decision_changed.connect(actions.decision_changed, dispatch_uid="portfolio-decisions")
        # A submission whose item is taken off a draft agenda waits again.
        item_removing.connect(actions.item_removing, dispatch_uid="portfolio-item-removing")
