from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from steerco.accounts import demo as accounts_demo


def demo_modules():
    """Each app's `demo` module after accounts, lower apps first (INSTALLED_APPS order), found
    rather than imported by name so that accounts does not import the apps above it."""
    for config in apps.get_app_configs():
        ours = config.name.startswith("steerco.") and config.label != "accounts"
        if ours and find_spec(f"{config.name}.demo"):
            yield import_module(f"{config.name}.demo")


class Command(BaseCommand):
    help = "Loads the demo council built from the seed documents. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        organisation, people = accounts_demo.load_organisation()
        for demo in demo_modules():
            demo.load(organisation, people)
        self.stdout.write(f"Demo council loaded: {organisation.name} (/{organisation.slug}/).")
