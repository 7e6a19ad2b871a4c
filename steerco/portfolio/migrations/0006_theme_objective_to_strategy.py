"""Theme and CorporateObjective (and their history) now belong to the strategy app: the
portfolio forgets them and points its links at the strategy's models. The tables stay as they
are (the strategy's models keep their names), so nothing is done to the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0005_deflator_and_prices"),
        ("risks", "0003_objectives_in_strategy"),
        ("strategy", "0001_theme_objective_from_portfolio"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="corporateobjective",
                    name="organisation",
                ),
                migrations.RemoveField(
                    model_name="corporateobjective",
                    name="theme",
                ),
                migrations.AlterField(
                    model_name="historicalproject_objectives",
                    name="corporateobjective",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="strategy.corporateobjective",
                    ),
                ),
                migrations.RemoveField(
                    model_name="historicalcorporateobjective",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicalcorporateobjective",
                    name="organisation",
                ),
                migrations.RemoveField(
                    model_name="historicalcorporateobjective",
                    name="theme",
                ),
                migrations.RemoveField(
                    model_name="historicaltheme",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicaltheme",
                    name="organisation",
                ),
                migrations.RemoveField(
                    model_name="theme",
                    name="organisation",
                ),
                migrations.AlterField(
                    model_name="historicalproject_themes",
                    name="theme",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="strategy.theme",
                    ),
                ),
                migrations.AlterField(
                    model_name="project",
                    name="objectives",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="projects",
                        to="strategy.corporateobjective",
                        verbose_name="corporate objectives",
                    ),
                ),
                migrations.AlterField(
                    model_name="project",
                    name="themes",
                    field=models.ManyToManyField(
                        blank=True, related_name="projects", to="strategy.theme"
                    ),
                ),
                migrations.DeleteModel(
                    name="CorporateObjective",
                ),
                migrations.DeleteModel(
                    name="HistoricalCorporateObjective",
                ),
                migrations.DeleteModel(
                    name="HistoricalTheme",
                ),
                migrations.DeleteModel(
                    name="Theme",
                ),
            ],
        ),
    ]
