from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "steerco.strategy"
    label = "strategy"
    verbose_name = "Strategy and performance"

    def ready(self):
        from django.db.models.signals import post_save

        from steerco.accounts.models import Organisation
        from steerco.lib.kinds import register_kind
        from steerco.strategy import actions, models, origins

        register_kind("strategies/<strategy_pk>", models.Strategy)
        register_kind("kpis/<kpi_pk>", models.KPI)
        register_kind("measurements/<measurement_pk>", models.Measurement, "kpi__organisation")
        register_kind("objectives/<objective_pk>", models.CorporateObjective)
        register_kind("milestones/<milestone_pk>", models.Milestone, "objective__organisation")
        # The action plan's actions on the action log: where they arose, and who updates them.
        origins.register()
        # The registers' routes, and where a development action of the skills framework arose.
        from steerco.strategy import register_origins

        register_kind("legislation/<legislation_pk>", models.Legislation)
        register_kind("skills/<skill_pk>", models.Skill)
        register_kind("levels/<level_pk>", models.SkillLevel, "skill__organisation")
        register_kind("teams/<team_pk>", models.Team)
        register_kind("champions/<champion_pk>", models.DigitalChampion)
        register_origins.register()
        # A new council starts with the Socitm indicators (the councils that existed before
        # KPIs got them from migration 0004).
        post_save.connect(
            actions.organisation_created, sender=Organisation, dispatch_uid="strategy-kpis"
        )
