from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from steerco.meetings.models import Reminder
from steerco.meetings.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Sends today's reminders: agendas still unpublished near their deadline, overdue actions."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count them, send nothing")
        parser.add_argument("--today", type=date.fromisoformat, help="as if it were this day")

    def handle(self, *args, dry_run, today, **options):
        counts = send_reminders(today or timezone.localdate(), dry_run=dry_run)
        kinds = ", ".join(
            f"{counts[kind]} {label.lower()}" for kind, label in Reminder.Kind.choices
        )
        total = sum(counts.values())
        verb = "would be sent (dry run)" if dry_run else "sent"
        self.stdout.write(f"{total} reminder{'' if total == 1 else 's'} {verb}: {kinds}.")
