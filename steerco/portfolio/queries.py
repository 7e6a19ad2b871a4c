"""The submission pages' reads: what became of a submission on the agenda, with a fixed
number of queries for a list of them."""

from django.db.models import Prefetch

from steerco.meetings.models import AgendaItem, Decision
from steerco.portfolio.models import Submission

_DECISIONS = Decision.objects.select_related("body", "referred_to", "superseded_by__body")


def _decisions(prefix=""):
    return Prefetch(f"{prefix}decisions", queryset=_DECISIONS)


def _carried(prefix=""):
    return Prefetch(
        f"{prefix}carried_to",
        queryset=AgendaItem.objects.select_related("meeting__body", "meeting__organisation")
        .prefetch_related(_decisions())
        .order_by("meeting__on", "pk"),
    )


def submissions_for_listing(queryset):
    """Submissions with their body, project, files, agenda item and its decisions, and the
    item's carried copies with theirs (a copy carried again costs a query)."""
    return queryset.select_related(
        "organisation",
        "body",
        "project",
        "business_case",
        "submitted_by",
        "item__meeting__body",
        "item__meeting__organisation",
    ).prefetch_related("files", _decisions("item__"), _carried("item__"))


def _copies(item):
    """The item and each later copy carried from it, oldest first."""
    found = [item]
    for carried in item.carried_to.all():
        found.extend(_copies(carried))
    return found


def current_item(item):
    """Where the business is now: the latest copy of the item carried from meeting to
    meeting, or the item itself."""
    if item is None:
        return None
    return max(_copies(item), key=lambda copy: (copy.meeting.on, copy.pk))


def standing_decision(item):
    """The decision that stands on the item, read from the item's record (never a copy that
    could go stale): the last decision recorded on it or a carried copy, not voided; if a later
    decision supersedes it, that one."""
    if item is None:
        return None
    decisions = [decision for copy in _copies(item) for decision in copy.decisions.all()]
    if not decisions:
        return None
    decision = max(decisions, key=lambda d: (d.recorded_at, d.pk))
    while hasattr(decision, "superseded_by") and not decision.superseded_by.is_voided:
        decision = decision.superseded_by
    return decision


class Outcome:
    """What became of a submission, as the officer and the project page show it."""

    def __init__(self, submission):
        self.submission = submission
        self.item = current_item(submission.item)
        self.decision = standing_decision(submission.item)

    @property
    def meeting(self):
        return self.item.meeting if self.item else None

    @property
    def state(self):
        if self.submission.status == Submission.Status.RETURNED:
            return "returned"
        if self.submission.status == Submission.Status.SUBMITTED:
            return "submitted"
        return "decided" if self.decision else "on the agenda"
