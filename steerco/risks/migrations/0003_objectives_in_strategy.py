"""A risk's corporate objectives are the strategy's (the model moved there with its table):
only Django's record of the link changes, not the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("risks", "0002_register_defaults"),
        ("strategy", "0001_theme_objective_from_portfolio"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="historicalrisk_objectives",
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
                migrations.AlterField(
                    model_name="risk",
                    name="objectives",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="risks",
                        to="strategy.corporateobjective",
                        verbose_name="corporate objectives",
                    ),
                ),
            ],
        ),
    ]
