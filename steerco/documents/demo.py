"""The demo council's agenda packs: those of its meetings still ahead whose agenda is
published, built at once (the demo has no task worker running when it loads). A second load
builds nothing: those meetings have their packs."""

from django.utils import timezone

from steerco.documents import actions


def load(organisation, people, today=None):
    today = today or timezone.localdate()
    for meeting in actions.meetings_needing_packs(today).filter(organisation=organisation):
        actions.build_packs(meeting)
