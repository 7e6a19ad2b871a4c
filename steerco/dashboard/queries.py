"""The chair's dashboard's parts, each read in a fixed number of queries whatever the size of
the council, from the apps that own them and through their own rules: the strategy's progress
(`strategy/rules/progress.py`), the KPIs' derived status, the portfolio's Delivery Confidence
Assessments, the risks the reader may read (`risks/access.py`), the action logs without the
actions the reader may not read (`meetings/origins.py`), and the quorum the steering group can
expect at its next meeting (`meetings/queries.py`, the meeting cycle's own rule)."""

from dataclasses import dataclass

from django.db.models import Count

from steerco.governance.models import Body, Membership
from steerco.meetings import origins, queries
from steerco.meetings.models import Action, Attendance, Meeting
from steerco.portfolio.models import Project, Rating
from steerco.portfolio.queries import with_latest_confidence
from steerco.risks.access import readable_risks
from steerco.strategy import plan
from steerco.strategy.forms import KPIFilterForm
from steerco.strategy.models import KPI, Rag, Strategy
from steerco.strategy.registers import Legislation

TOP_RISKS = 5
OVERDUE_SHOWN = 5


@dataclass(frozen=True)
class Tally:
    value: str
    label: str
    count: int


def strategy_progress(organisation):
    """The current strategy and its themes with their progress, or (None, [])."""
    strategy = Strategy.objects.filter(organisation=organisation, is_current=True).first()
    if strategy is None:
        return None, []
    return strategy, plan.themes_with_progress(strategy)


def kpi_summary(organisation):
    """How many KPIs are red, amber and green by their latest measurement, and how many have
    no status (no measurement, or no target)."""
    counts = dict(
        KPI.objects.filter(organisation=organisation)
        .with_latest()
        .order_by()
        .values_list("latest_status")
        .annotate(n=Count("pk"))
    )
    rows = [Tally(value, label, counts.get(value, 0)) for value, label in reversed(Rag.choices)]
    not_rated = sum(n for status, n in counts.items() if not status)
    return [*rows, Tally(KPIFilterForm.NOT_RATED, "No status", not_rated)]


def portfolio_confidence(organisation):
    """The projects in delivery by their latest Delivery Confidence Assessment, worst first,
    and how many have none."""
    counts = dict(
        with_latest_confidence(
            Project.objects.filter(organisation=organisation, stage=Project.Stage.IN_DELIVERY)
        )
        .order_by()
        .values_list("confidence")
        .annotate(n=Count("pk"))
    )
    rows = [Tally(value, label, counts.get(value, 0)) for value, label in reversed(Rating.choices)]
    return rows, counts.get(None, 0)


def top_risks(request):
    """The open risks the reader may read, highest current score first."""
    risks = (
        readable_risks(request)
        .open()
        .filter(current_score__isnull=False)
        .select_related("owner", "category")
        .order_by("-current_score", "-current_impact", "number")
    )
    return list(risks[:TOP_RISKS])


REVIEWS_SHOWN = 5


def reviews_due(organisation, day):
    """The legislation still in the register whose review date has passed: how many, and
    the longest overdue few (two queries whatever the register's size)."""
    due = Legislation.objects.filter(organisation=organisation, review_on__lt=day).exclude(
        status=Legislation.Status.NO_LONGER_APPLIES
    )
    shown = due.select_related("owner").order_by("review_on", "pk")[:REVIEWS_SHOWN]
    return due.count(), list(shown)


def overdue_actions(request, body, day):
    """The steering group's overdue actions the reader may read: how many, and the most
    overdue few, with where each arose."""
    if body is None:
        return 0, []
    overdue = (
        Action.objects.overdue(day)
        .filter(body=body)
        .exclude(origins.hidden(request.user, request.organisation, day))
    )
    shown = list(
        overdue.select_related("owner", "meeting__organisation", "meeting__body").order_by(
            "due_on", "number"
        )[:OVERDUE_SHOWN]
    )
    return overdue.count(), origins.describe(shown)


@dataclass
class NextMeeting:
    meeting: Meeting
    quorate: bool
    reasons: list
    apologies: list


def steering_groups(organisation, chosen):
    """The council's steering groups, and the one the dashboard follows: the one chosen (its
    pk, from the address), or else the first. A council with one has no choice to make."""
    groups = list(
        Body.objects.filter(organisation=organisation, kind=Body.Kind.STEERING_GROUP)
        .select_related("organisation")
        .order_by("pk")
    )
    followed = next((group for group in groups if str(group.pk) == chosen), None)
    return groups, followed or (groups[0] if groups else None)


def next_meeting(body, day):
    """The body's next meeting and whether it can expect to be quorate if everyone who has not
    sent apologies comes (the meeting cycle's rule)."""
    if body is None:
        return None
    meeting = (
        Meeting.objects.upcoming(day)
        .filter(body=body)
        .for_listing()
        .with_quorum_rule()
        .order_by("on", "starts_at", "pk")
        .first()
    )
    if meeting is None:
        return None
    rule = meeting.quorum_rule()
    memberships = queries.one_per_person(
        Membership.objects.current(meeting.on).filter(body=body).in_role_order()
    )
    attendance = {
        row.person_id: row
        for row in Attendance.objects.filter(meeting=meeting).select_related("person")
    }
    assessment = queries.expected_quorum(rule, memberships, attendance)
    return NextMeeting(
        meeting=meeting,
        quorate=assessment.quorate,
        reasons=queries.expected_reasons(assessment, rule),
        apologies=[
            row for row in attendance.values() if row.status in Attendance.BEFORE_THE_MEETING
        ],
    )
