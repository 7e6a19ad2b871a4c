"""The calendars' read model: meetings and actions as calendar entries (`rules/events.py`),
each feed in a fixed number of queries whatever its length."""

from datetime import date, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from steerco.calendars.rules.events import Entry, calendar
from steerco.governance.models import Membership
from steerco.lib.dates import in_force_on
from steerco.meetings import origins
from steerco.meetings.models import Action, ActionQuerySet, Meeting

# A meeting without an end time: calendars show it as lasting this long.
MEETING_LENGTH = timedelta(hours=2)
# Feeds reach this far back, so that a calendar keeps the past year and a feed of a body with
# a long history stays small; everything ahead is in.
LOOK_BACK = timedelta(days=366)


def _with_revisions(rows, model):
    """Each row with `revisions` (its rows in the audit history) and `revised` (the time of the
    last), read in the same query: SEQUENCE and LAST-MODIFIED."""
    history = model.history.model.objects.filter(id=OuterRef("pk")).order_by().values("id")
    return rows.annotate(
        revisions=Subquery(history.annotate(n=Count("history_id")).values("n")[:1]),
        revised=Subquery(history.annotate(last=Max("history_date")).values("last")[:1]),
    )


def _revised(row, fallback):
    """When the row last changed; rows written in bulk without history take `fallback`."""
    return row.revised or fallback or timezone.now()


def meeting_uid(meeting):
    return f"meeting-{meeting.pk}@{meeting.organisation.slug}.steerco"


def meeting_entry(meeting, absolute):
    """`absolute` makes a path a full address (request.build_absolute_uri)."""
    url = absolute(meeting.get_absolute_url())
    description = f"Agenda and papers: {url}"
    if meeting.is_cancelled and meeting.cancelled_reason:
        description = f"Cancelled: {meeting.cancelled_reason}\n{description}"
    starts = meeting.starts()
    return Entry(
        uid=meeting_uid(meeting),
        summary=meeting.title,
        starts=starts,
        ends=meeting.ends() or starts + MEETING_LENGTH,
        revised=_revised(meeting, meeting.agenda_published_at),
        sequence=(meeting.revisions or 1) - 1,
        cancelled=meeting.is_cancelled,
        tentative=not meeting.is_published,
        location=meeting.location,
        description=description,
        url=url,
    )


def action_entry(action, absolute):
    url = absolute(
        reverse(
            "meetings:action-update",
            kwargs={"org": action.organisation.slug, "action_pk": action.pk},
        )
    )
    first_line = action.description.strip().splitlines()[0] if action.description.strip() else ""
    return Entry(
        uid=f"action-{action.pk}@{action.organisation.slug}.steerco",
        summary=f"Action {action.number} due: {first_line}",
        starts=action.due_on,
        ends=action.due_on + timedelta(days=1),
        revised=_revised(action, None),
        sequence=(action.revisions or 1) - 1,
        cancelled=action.status == Action.Status.CANCELLED,
        description=(
            f"{action.description}\n\nStatus: {action.get_status_display()}\n"
            f"Action log of {action.body.name}: {url}"
        ),
        url=url,
    )


def _since(day):
    return day - LOOK_BACK


def _meetings(organisation):
    return _with_revisions(
        Meeting.objects.filter(organisation=organisation).select_related("body", "organisation"),
        Meeting,
    ).order_by("on", "starts_at", "pk")


def body_meetings(body, day: date):
    return _meetings(body.organisation).filter(body=body, on__gte=_since(day))


def organisation_meetings(organisation, day: date):
    return _meetings(organisation).filter(on__gte=_since(day))


def personal_meetings(person, organisation, day: date):
    """The meetings of the bodies the person sits on or supports on the day of each meeting."""
    sits = Membership.objects.filter(
        in_force_on(OuterRef("on")), body=OuterRef("body"), person=person
    )
    return _meetings(organisation).filter(Exists(sits), on__gte=_since(day))


def personal_actions(person, organisation, day: date):
    """The person's actions: every open one, and those closed that fell due in the past year;
    not those of restricted risks they may no longer read."""
    rows = (
        Action.objects.filter(organisation=organisation, owner=person)
        .filter(Q(due_on__gte=_since(day)) | Q(status__in=ActionQuerySet.OPEN))
        .exclude(origins.hidden(person, organisation, day))
    )
    rows = rows.select_related("body", "organisation")
    return _with_revisions(rows, Action).order_by("due_on", "number")


def ics(name, meetings, absolute, actions=()):
    entries = [meeting_entry(meeting, absolute) for meeting in meetings]
    entries += [action_entry(action, absolute) for action in actions]
    return calendar(name, entries)


def address_paths(organisation, token):
    """The paths of a person's two secret feeds, by what each holds."""
    arguments = {"org": organisation.slug, "token": token}
    return {
        "Your meetings and actions": reverse("calendars:personal", kwargs=arguments),
        f"Every meeting of {organisation.name}": reverse(
            "calendars:organisation", kwargs=arguments
        ),
    }
