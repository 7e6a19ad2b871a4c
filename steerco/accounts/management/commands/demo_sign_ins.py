from django.core.management.base import BaseCommand

from steerco.accounts.demo import DEMO_PASSWORD, SIGN_INS


class Command(BaseCommand):
    help = "Prints the demo sign-ins."

    def handle(self, *args, **options):
        self.stdout.write(f"Demo sign-ins (password for each: {DEMO_PASSWORD}):")
        for username, who in SIGN_INS:
            self.stdout.write(f"  {username:<10} {who}")
