from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from steerco.documents import actions
from steerco.documents.models import Pack


class Command(BaseCommand):
    help = (
        "Builds the agenda packs of published meetings still ahead whose packs are missing, "
        "failed or were left building."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count them, build nothing")
        parser.add_argument("--today", type=date.fromisoformat, help="as if it were this day")

    def handle(self, *args, dry_run, today, **options):
        meetings = list(actions.meetings_needing_packs(today or timezone.localdate()))
        if dry_run:
            self.stdout.write(
                f"{len(meetings)} meeting{'' if len(meetings) == 1 else 's'} would have their "
                "packs built (dry run)."
            )
            return
        packs = [pack for meeting in meetings for pack in actions.build_packs(meeting)]
        ready = sum(pack.state == Pack.State.READY for pack in packs)
        self.stdout.write(
            f"{len(packs)} pack{'' if len(packs) == 1 else 's'} built for {len(meetings)} "
            f"meeting{'' if len(meetings) == 1 else 's'}: {ready} ready, "
            f"{len(packs) - ready} failed."
        )
