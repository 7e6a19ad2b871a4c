from django.core.management.base import BaseCommand
from django.db import transaction

from steerco.accounts import demo as accounts_demo
from steerco.governance import demo as governance_demo
from steerco.meetings import demo as meetings_demo


class Command(BaseCommand):
    help = "Loads the demo council built from the seed documents. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        organisation, people = accounts_demo.load_organisation()
        governance_demo.load(organisation, people)
        meetings_demo.load(organisation)
        self.stdout.write(f"Demo council loaded: {organisation.name} (/{organisation.slug}/).")
