from django.db import migrations

from steerco.strategy.models import SOCITM_KPIS


def set_up_kpis(apps, schema_editor):
    """The organisations that exist already get the Socitm indicators that a new one gets when
    it is created (strategy.actions.set_up_kpis)."""
    Organisation = apps.get_model("accounts", "Organisation")
    KPI = apps.get_model("strategy", "KPI")
    for organisation in Organisation.objects.all():
        for name, definition, unit, direction, frequency in SOCITM_KPIS:
            KPI.objects.get_or_create(
                organisation=organisation,
                name=name,
                defaults={
                    "definition": definition,
                    "unit": unit,
                    "direction": direction,
                    "frequency": frequency,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("strategy", "0003_kpis"), ("accounts", "0001_initial")]

    operations = [migrations.RunPython(set_up_kpis, migrations.RunPython.noop)]
