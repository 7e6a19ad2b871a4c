"""The portfolio's read queries: each page's rows with what it shows, in a fixed number of
queries whatever the size of the portfolio."""

from django.db.models import Case, IntegerField, OuterRef, Prefetch, Subquery, Value, When

from steerco.meetings.models import AgendaItem, Decision
from steerco.portfolio.forms import SORTS
from steerco.portfolio.models import ConfidenceAssessment, Project, Submission
from steerco.portfolio.rules import confidence


def _order_of(field, values):
    return Case(
        *(When(**{field: value}, then=Value(index)) for index, value in enumerate(values)),
        default=Value(len(values)),
        output_field=IntegerField(),
    )


def with_latest_confidence(projects):
    latest = ConfidenceAssessment.objects.filter(project=OuterRef("pk")).order_by(
        "-assessed_on", "-id"
    )
    return projects.annotate(
        confidence=Subquery(latest.values("rating")[:1]),
        confidence_on=Subquery(latest.values("assessed_on")[:1]),
    )


def register(organisation, filters):
    """The projects of the register, filtered and sorted as the reader asked."""
    projects = with_latest_confidence(
        Project.objects.filter(organisation=organisation).for_register()
    )
    if "stage" in filters:
        projects = projects.filter(stage=filters["stage"])
    if "theme" in filters:
        projects = projects.filter(themes=filters["theme"])
    if "service_area" in filters:
        projects = projects.filter(service_area=filters["service_area"])
    if "programme" in filters:
        projects = projects.filter(programme=filters["programme"])
    if "board" in filters:
        projects = projects.filter(board=filters["board"])
    if "confidence" in filters:
        # A three-point filter finds the five-point ratings that read as it.
        rating = filters["confidence"]
        wanted = (
            confidence.ratings_reading_as(rating) if rating in confidence.THREE_POINT else [rating]
        )
        projects = projects.filter(confidence__in=wanted)
    # Worst first: red before green, and projects never assessed last.
    projects = projects.annotate(
        stage_order=_order_of("stage", [value for value, _ in Project.Stage.choices]),
        confidence_order=_order_of("confidence", list(reversed(confidence.FIVE_POINT))),
    )
    return projects.order_by(*SORTS[filters.get("sort", "reference")])


def service_areas(organisation):
    return list(
        Project.objects.filter(organisation=organisation)
        .exclude(service_area="")
        .order_by("service_area")
        .values_list("service_area", flat=True)
        .distinct()
    )


_DECISIONS = Decision.objects.select_related("body", "referred_to", "superseded_by__body")


def _decisions(prefix=""):
    return Prefetch(f"{prefix}decisions", queryset=_DECISIONS)


def _carried(prefix="", depth=2):
    """The copies an item was carried to, with their decisions, and theirs in turn `depth`
    deep: a query a level, once there are copies (each copy is asked for its own)."""
    copies = (
        AgendaItem.objects.select_related("meeting__body", "meeting__organisation")
        .prefetch_related(_decisions())
        .order_by("meeting__on", "pk")
    )
    if depth > 1:
        copies = copies.prefetch_related(_carried(depth=depth - 1))
    return Prefetch(f"{prefix}carried_to", queryset=copies)


def submissions_for_listing(queryset):
    """Submissions with their body, project, files, agenda item and its decisions, and the
    item's carried copies with theirs (a copy carried twice costs a query)."""
    return queryset.select_related(
        "organisation",
        "body",
        "project",
        "business_case",
        "submitted_by",
        "item__meeting__body",
        "item__meeting__organisation",
    ).prefetch_related("files", _decisions("item__"), _carried("item__"))


# The columns a row of submissions with where each one is reads (the project's submissions,
# portfolio/includes/project_submission_rows.html and its download, `Outcome`, the reader's
# `can_read_submission`): not the ~150 of every related row, whose building was most of the
# project page's submissions section.
ROW_FIELDS = [
    "organisation__slug",
    "body__name",
    "kind",
    "title",
    "submitted_by",
    "submitted_at",
    "restricted",
    "exemption",
    "status",
    "returned_reason",
    "withdrawn_reason",
    "item__position",
    "item__meeting__on",
    "item__meeting__kind",
    "item__meeting__body__name",
    "item__meeting__organisation__slug",
]


def submission_rows(queryset):
    """Submissions as rows of where each one is: the columns those rows show, the item's
    decisions and its carried copies with theirs."""
    return (
        queryset.select_related(
            "organisation", "body", "item__meeting__body", "item__meeting__organisation"
        )
        .only(*ROW_FIELDS)
        .prefetch_related(_decisions("item__"), _carried("item__"))
    )


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
        if self.submission.status == Submission.Status.WITHDRAWN:
            return "withdrawn"
        if self.submission.status == Submission.Status.SUBMITTED:
            return "submitted"
        return "decided" if self.decision else "on the agenda"

    def words(self):
        """As portfolio/includes/outcome.html writes it, for a spreadsheet."""
        submission, decision, state = self.submission, self.decision, self.state
        if state == "returned":
            return f"Returned: {submission.returned_reason}"
        if state == "withdrawn":
            return f"Withdrawn: {submission.withdrawn_reason}"
        if state == "submitted":
            return f"Submitted: waiting for {submission.body.name} to put it on an agenda."
        if state == "on the agenda":
            return (
                f"On the agenda: {self.meeting.title}, {self.meeting.on:%-d %B %Y}, "
                f"item {self.item.position}."
            )
        words = f"{decision.get_outcome_display()}: decision {decision.reference}"
        if decision.outcome == "referred" and decision.referred_to:
            words += f" to {decision.referred_to.name}"
        if decision.conditions:
            return f"{words}, on these conditions: {decision.conditions}"
        return f"{words}."
