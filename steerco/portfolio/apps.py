from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "steerco.portfolio"
    label = "portfolio"
    verbose_name = "ICT portfolio"

    def ready(self):
        from steerco.lib.kinds import register_kind
        from steerco.lib.sections import register_section
        from steerco.meetings.signals import decision_changed, item_removing
        from steerco.portfolio import actions, delivery, impact, models, sections
        from steerco.portfolio.benefit_views import project_section

        sections.register()
        register_section(
            "portfolio:project", "benefits", project_section, "portfolio/sections/benefits.html"
        )

        # Each route parameter of the portfolio's pages is a kind (steerco/lib/kinds.py).
        register_kind("projects/<project_pk>", models.Project)
        register_kind("programmes/<programme_pk>", models.Programme)
        register_kind("benefits/<benefit_pk>", models.Benefit, "project__organisation")
        register_kind(
            "realisations/<realisation_pk>",
            models.BenefitRealisation,
            "benefit__project__organisation",
        )
        register_kind("business-cases/<case_pk>", models.BusinessCase)
        register_kind("options/<option_pk>", models.Option, "business_case__organisation")
        register_kind("submissions/<submission_pk>", models.Submission)
        register_kind("files/<file_pk>", models.SubmissionFile, "submission__organisation")
        # A decision on a submitted business case approves or rejects it (and moves its
        # project) in the same transaction as the decision.
        decision_changed.connect(actions.decision_changed, dispatch_uid="portfolio-decisions")
        # A submission whose item is taken off a draft agenda waits again.
        item_removing.connect(actions.item_removing, dispatch_uid="portfolio-item-removing")
        register_kind("dependencies/<dependency_pk>", models.Dependency)
        register_kind("products/<product_pk>", models.Product)
        register_kind("uses/<use_pk>", models.ProductUse, "project__organisation")

        register_section(
            "portfolio:project",
            "dependencies",
            impact.project_section,
            "portfolio/includes/project_dependencies_section.html",
        )
        # The projects that deliver each objective of the strategy's action plan.
        delivery.register()
