"""Theme and CorporateObjective come over from the portfolio with their tables
(`portfolio_theme`, `portfolio_corporateobjective` and their history tables): this migration
only tells Django they are the strategy's now, and renames their content types so that
permissions and admin history that point at them follow."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MOVED = ["theme", "corporateobjective", "historicaltheme", "historicalcorporateobjective"]


def move_content_types(apps, schema_editor, source="portfolio", target="strategy"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(
        ContentType.objects.filter(app_label=target, model__in=MOVED).values_list(
            "model", flat=True
        )
    )
    ContentType.objects.filter(app_label=source, model__in=set(MOVED) - taken).update(
        app_label=target
    )


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="strategy", target="portfolio")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        # The tables were made by the portfolio's migrations.
        ("portfolio", "0005_deflator_and_prices"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalTheme",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=200)),
                        ("description", models.TextField(blank=True)),
                        ("position", models.PositiveSmallIntegerField(default=1)),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                                max_length=1,
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="accounts.organisation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical theme",
                        "verbose_name_plural": "historical themes",
                        "db_table": "portfolio_historicaltheme",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Theme",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=200)),
                        ("description", models.TextField(blank=True)),
                        ("position", models.PositiveSmallIntegerField(default=1)),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="accounts.organisation",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "portfolio_theme",
                        "ordering": ["position", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalCorporateObjective",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        ("title", models.CharField(max_length=300)),
                        ("position", models.PositiveSmallIntegerField(default=1)),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                                max_length=1,
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="accounts.organisation",
                            ),
                        ),
                        (
                            "theme",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="strategy.theme",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical corporate objective",
                        "verbose_name_plural": "historical corporate objectives",
                        "db_table": "portfolio_historicalcorporateobjective",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="CorporateObjective",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("title", models.CharField(max_length=300)),
                        ("position", models.PositiveSmallIntegerField(default=1)),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="accounts.organisation",
                            ),
                        ),
                        (
                            "theme",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="objectives",
                                to="strategy.theme",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "portfolio_corporateobjective",
                        "ordering": ["position", "title"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="theme",
                    constraint=models.UniqueConstraint(
                        fields=("organisation", "name"), name="theme_name_unique"
                    ),
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
