from django.db import migrations

from steerco.risks.models import DEFAULT_IMPACTS, DEFAULT_LIKELIHOODS, ORANGE_BOOK_CATEGORIES
from steerco.risks.rules import appetite


def set_up_registers(apps, schema_editor):
    """The organisations that exist already get the default register set-up that a new one
    gets when it is created (risks.actions.set_up_register)."""
    Organisation = apps.get_model("accounts", "Organisation")
    RiskSettings = apps.get_model("risks", "RiskSettings")
    AppetiteLevel = apps.get_model("risks", "AppetiteLevel")
    RiskCategory = apps.get_model("risks", "RiskCategory")
    ScaleDescriptor = apps.get_model("risks", "ScaleDescriptor")
    for organisation in Organisation.objects.all():
        RiskSettings.objects.get_or_create(organisation=organisation)
        for level in appetite.LEVELS:
            AppetiteLevel.objects.get_or_create(
                organisation=organisation,
                level=level,
                defaults={"tolerance": appetite.DEFAULT_TOLERANCES[level]},
            )
        for position, (name, level) in enumerate(ORANGE_BOOK_CATEGORIES, start=1):
            RiskCategory.objects.get_or_create(
                organisation=organisation,
                name=name,
                defaults={"position": position, "appetite": level},
            )
        for level, (name, probability) in DEFAULT_LIKELIHOODS.items():
            ScaleDescriptor.objects.get_or_create(
                organisation=organisation,
                axis="likelihood",
                level=level,
                defaults={"name": name, "probability": probability},
            )
        for level, (name, money, service, reputation) in DEFAULT_IMPACTS.items():
            ScaleDescriptor.objects.get_or_create(
                organisation=organisation,
                axis="impact",
                level=level,
                defaults={
                    "name": name,
                    "money": money,
                    "service": service,
                    "reputation": reputation,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("risks", "0001_initial"), ("accounts", "0001_initial")]

    operations = [migrations.RunPython(set_up_registers, migrations.RunPython.noop)]
