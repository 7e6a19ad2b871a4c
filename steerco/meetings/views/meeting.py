import hashlib
import re

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.governance.access import get_body_for
from steerco.governance.models import Membership
from steerco.governance.rules.terms import add_months
from steerco.lib import exports
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, run_action
from steerco.lib.pagination import paginate
from steerco.lib.sections import sections_for
from steerco.meetings import actions, origins
from steerco.meetings.access import can_manage, get_meeting_for
from steerco.meetings.forms.meeting import (
    CancelForm,
    MeetingForm,
    MoveForm,
    PublishForm,
    ScheduleForm,
    TemplateForm,
)
from steerco.meetings.models import AGENDA_PAGE_SIZE, Action, Meeting
from steerco.meetings.queries import (
    ACTION_LOG_HEADINGS,
    action_log,
    action_log_query,
    action_log_row,
    agenda_items,
    deferred_items,
    meeting_record,
    template_for,
)
from steerco.meetings.rules import notice
from steerco.meetings.sent import attach_sent_files

# The action log's page shows its rows 50 at a time (a usual log fits on one); its downloads
# and documents carry them all.
ACTION_LOG_PAGE_SIZE = 50


@permissions.public
@require_GET
def body_meetings(request, pk, download=None):
    organisation = request.organisation
    body = get_body_for(request, pk)
    meetings = permissions.visible_meetings(
        request.user, organisation, Meeting.objects.filter(body=body).for_listing()
    )
    day = today()
    upcoming = list(meetings.filter(on__gte=day))
    past = list(meetings.filter(on__lt=day).order_by("-on", "-id"))
    if download:
        return exports.download(
            MEETING_HEADINGS,
            [meeting_row(meeting) for meeting in upcoming + past],
            file_type=download,
            name=f"{organisation.slug}-meetings-{body.pk}",
            title="Meetings",
        )
    return render(
        request,
        "meetings/body_meetings.html",
        {
            "body": body,
            "upcoming": upcoming,
            "past": past,
            "today": day,
            "can_manage": can_manage(request, body),
            "downloads": exports.links(
                request, "meetings:body-meetings", org=organisation.slug, pk=body.pk
            ),
        },
    )


MEETING_HEADINGS = [
    "Date",
    "Time",
    "Meeting",
    "Location",
    "Cancelled",
    "Agenda",
    "Agenda deadline",
]


def meeting_row(meeting):
    """A meeting as the body's list shows it, upcoming first, then the past, latest first."""
    if meeting.is_published:
        agenda = "Published late" if meeting.is_late else "Published"
    else:
        agenda = "" if meeting.is_cancelled else "Draft"
    return [
        meeting.on,
        meeting.time_text,
        meeting.get_kind_display(),
        meeting.location,
        "Yes" if meeting.is_cancelled else "No",
        agenda,
        meeting.agenda_deadline() or "Notice waived",
    ]


@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    organisation = request.organisation
    body = get_body_for(request, pk, manage=True)
    template = template_for(body)
    chair = (
        Membership.objects.current(today())
        .filter(body=body, role=Membership.Role.CHAIR)
        .values_list("person_id", flat=True)
        .first()
    )
    form = MeetingForm(
        posted(request),
        organisation=organisation,
        initial={
            "kind": Meeting.Kind.ORDINARY,
            "starts_at": template.starts_at,
            "ends_at": template.ends_at,
            "location": template.location,
            "chair_agreed_by": chair,
            "chair_agreed_on": today(),
        },
    )
    if form.is_valid():
        meeting = run_action(
            form,
            actions.schedule_meeting,
            body=body,
            by=request.user,
            today=today(),
            **form.cleaned_data,
        )
        if meeting:
            messages.success(request, f"Meeting on {meeting.on:%-d %B %Y} scheduled.")
            return redirect(meeting)
    return form_page(
        request,
        form,
        title="Schedule a meeting",
        caption=body.name,
        submit_label="Schedule the meeting",
        intro="An ad hoc meeting is called with the agreement of the chair. An urgent meeting "
        "is a smaller group meeting at short notice about a major incident.",
        back_url=reverse(
            "meetings:body-meetings", kwargs={"org": organisation.slug, "pk": body.pk}
        ),
    )


@require_http_methods(["GET", "POST"])
def meeting_schedule(request, pk):
    """The forward programme in two steps: the dates are shown first, and the meetings
    created only when the secretary confirms them."""
    organisation = request.organisation
    body = get_body_for(request, pk, manage=True)
    every = actions.MONTHS_BETWEEN.get(body.frequency, 1)
    last = (
        body.meetings.filter(kind=Meeting.Kind.ORDINARY)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-on")
        .values_list("on", flat=True)
        .first()
    )
    start = notice.next_in_cycle(last_meeting=last, every_months=every, today=today())
    form = ScheduleForm(posted(request), initial={"start": start, "months": 12})
    back_url = reverse("meetings:body-meetings", kwargs={"org": organisation.slug, "pk": body.pk})
    if form.is_valid():
        start = form.cleaned_data["start"]
        period = {
            "body": body,
            "start": start,
            "until": add_months(start, form.cleaned_data["months"]),
            "today": today(),
        }
        if form.cleaned_data["confirm"]:
            created = run_action(form, actions.schedule_forward, by=request.user, **period)
            if created is not None:
                messages.success(
                    request,
                    f"{len(created)} meeting{'s' if len(created) != 1 else ''} scheduled."
                    if created
                    else "The schedule already has every meeting for that period.",
                )
                return redirect(back_url)
        else:
            dates = run_action(form, actions.forward_dates, **period)
            if dates is not None:
                return render(
                    request,
                    "meetings/schedule_preview.html",
                    {
                        "body": body,
                        "dates": dates,
                        "start": start,
                        "months": form.cleaned_data["months"],
                        "starts_at": template_for(body).starts_at,
                        "back_url": back_url,
                    },
                )
    template = template_for(body)
    return form_page(
        request,
        form,
        title="Schedule the forward programme",
        caption=body.name,
        submit_label="Show the dates",
        intro=f"{body.name} meets {body.get_frequency_display().lower()}, on the "
        f"{template.get_week_of_month_display().lower()} {template.get_weekday_display()} of "
        "the month. A day that is a weekend or a bank holiday moves to the next working day. "
        "The dates are shown before any meeting is scheduled.",
        back_url=back_url,
    )


@require_http_methods(["GET", "POST"])
def template_edit(request, pk):
    organisation = request.organisation
    body = get_body_for(request, pk, manage=True)
    template = template_for(body)
    form = TemplateForm(posted(request), instance=template)
    if form.is_valid() and run_action(
        form,
        actions.save_template,
        template=form.instance,
        standing_titles=form.cleaned_data["standing_items"],
        usual_attendees=form.cleaned_data["usual_attendees"],
        by=request.user,
        version=form.cleaned_data.get("version"),
    ):
        messages.success(request, "Meeting template saved.")
        return redirect("meetings:body-meetings", org=organisation.slug, pk=body.pk)
    return form_page(
        request,
        form,
        title="Meeting template",
        caption=body.name,
        submit_label="Save the template",
        back_url=reverse(
            "meetings:body-meetings", kwargs={"org": organisation.slug, "pk": body.pk}
        ),
    )


# No real id is this long: it marks where a row's own goes in an address reversed once.
MARK = "987654321987"


def _url_parts(organisation, name, parameter):
    return reverse(f"meetings:{name}", kwargs={"org": organisation.slug, parameter: MARK}).split(
        MARK
    )


class ItemLinks:
    """The addresses of an item's pages, its papers' and its decisions', reversed once per page
    rather than once per row."""

    NAMES = {
        "paper_create": "paper-create",
        "edit": "item-edit",
        "declare": "declaration-create",
        "withdraw": "withdrawal-create",
        "decide": "decision-create",
        "minutes": "item-minutes",
        "carry": "item-carry",
        "remove": "item-remove",
        "move": "item-move",
    }

    def __init__(self, organisation):
        self.parts = {
            key: _url_parts(organisation, name, "item_pk") for key, name in self.NAMES.items()
        }
        self.paper_parts = _url_parts(organisation, "paper-detail", "paper_pk")
        self.decision_parts = _url_parts(organisation, "decision-edit", "decision_pk")

    def of(self, item):
        pk = str(item.pk)
        return {key: pk.join(parts) for key, parts in self.parts.items()}

    def paper(self, paper):
        return str(paper.pk).join(self.paper_parts)

    def decision_edit(self, decision):
        return str(decision.pk).join(self.decision_parts)


class ActionRows:
    """What a row of the action log shows beyond the action's fields (its addresses, its latest
    update), worked out for every row at once: the addresses reversed once, not per row."""

    def __init__(self, organisation):
        self.update_parts = _url_parts(organisation, "action-update", "action_pk")
        self.void_parts = _url_parts(organisation, "action-void", "action_pk")

    def fill(self, actions):
        for action in actions:
            pk = str(action.pk)
            action.update_url = pk.join(self.update_parts)
            action.void_url = pk.join(self.void_parts)
            # `update_list`: the action's updates in date order, prefetched (`action_log`).
            action.latest_update = action.update_list[-1] if action.update_list else None
        return actions


def _meeting_page(request, meeting, template, context):
    """One of the meeting's pages (agenda, attendance, action log), with `context`."""
    return render(request, template, {"meeting": meeting, "today": today()} | context)


# The agenda kept in the cache carries this mark where each request puts its own CSRF token.
CSRF_MARK = "csrf-token-mark-5d1c9a"


def _agenda_key(meeting, day, page, search, flags, access):
    """The cache key of one rendering of the agenda: everything it shows or depends on. The
    record stamp changes with every write to the meeting's record, so an entry is never stale
    for it; what lies beyond the record (people's names, the body's memberships) is at most the
    cache's TIMEOUT old."""
    what = repr(
        (meeting.pk, meeting.record_stamp, day, page, search, sorted(flags.items()), access)
    )
    return "meeting-agenda:" + hashlib.sha256(what.encode()).hexdigest()


def hidden_actions(user, meeting, day, flags):
    """The actions of the meeting this reader may not read (a restricted risk's mitigating
    action raised at an item), which the agenda leaves out: two readers shown the same papers
    may still not be shown the same actions, so they are part of the agenda's key."""
    if not flags["can_see_action_log"]:
        return ()  # the agenda shows no action
    return tuple(
        Action.objects.filter(meeting=meeting)
        .filter(origins.hidden(user, meeting.organisation, day))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _agenda(request, meeting, day, flags, access, search):
    """The meeting's agenda as HTML with the attendance figures, and whether the meeting took
    place (for whoever manages it): from the cache, or built and kept there."""
    page = request.GET.get("page", "")[:12]
    hidden = hidden_actions(request.user, meeting, day, flags)
    key = _agenda_key(meeting, day, page, search, flags, (access.key(meeting.body_id), hidden))
    kept = cache.get(key)
    if kept is None:
        kept = _build_agenda(request, meeting, day, flags, access, search)
        cache.set(key, kept)
    html = kept["html"]
    if CSRF_MARK in html:  # only where it has forms: a reader without any is given no cookie
        html = html.replace(CSRF_MARK, get_token(request))
    return mark_safe(html), kept["took_place"]


def _build_agenda(request, meeting, day, flags, access, search):
    organisation = request.organisation
    manager = flags["can_manage"]
    items = agenda_items(meeting)
    if search:
        items = items.filter(title__icontains=search)
    agenda = paginate(request, items, AGENDA_PAGE_SIZE)
    record = meeting_record(
        meeting,
        request.user,
        day,
        items=agenda["page"].object_list,
        offer_deferred=False,
        item_quorum=flags["is_held"] and not meeting.is_cancelled,
        access=access,
    )
    links = ItemLinks(organisation)
    for entry in record.items:
        for paper, _version, _readable in entry.papers:
            paper.page_url = links.paper(paper)
        if manager or flags["can_declare"]:
            entry.links = links.of(entry.item)
            for decision in entry.item.decision_list:
                decision.edit_url = links.decision_edit(decision)
    count = agenda["page"].paginator.count
    html = render_to_string(
        "meetings/includes/meeting_agenda.html",
        {
            "organisation": organisation,
            "meeting": meeting,
            "record": record,
            "agenda": agenda,
            "search": search,
            "agenda_query": urlencode({"q": search}) + "&" if search else "",
            "last_position": meeting.items.count() if search else count,
            "csrf_token": CSRF_MARK,
        }
        | flags,
    )
    # The indentation of the template, collapsed once here rather than sent with every page
    # (a line break shows as the space it stands for; the agenda has no <pre> or <textarea>).
    html = re.sub(r"\s*\n\s*", "\n", html)
    return {"html": html, "took_place": manager and actions.took_place(meeting)}


@permissions.public
@require_GET
def meeting_detail(request, meeting_pk):
    """The meeting's summary and its agenda. The agenda, most of the page's cost, is kept in
    the cache for everyone who would be shown the same (`_agenda_key`)."""
    organisation = request.organisation
    user = request.user
    meeting = get_meeting_for(request, meeting_pk)
    day = today()
    is_held = meeting.is_held(day)
    manager = can_manage(request, meeting.body)
    can_declare = permissions.can_declare_interest(user, meeting, day, manages=manager)
    flags = {
        "is_held": is_held,
        "can_manage": manager,
        "can_declare": can_declare,
        "can_void": permissions.can_void_entries(user, meeting, day, manages=manager),
        "can_change_record": permissions.can_change_record(user, meeting, day, manages=manager),
        "show_minutes": permissions.can_see_draft_minutes(user, meeting),
        "can_see_action_log": permissions.can_see_action_log(user, organisation),
    }
    access = permissions.PaperAccess(user, organisation, day)
    agenda_html, took_place = _agenda(
        request, meeting, day, flags, access, request.GET.get("q", "").strip()
    )
    can_agree_previous = permissions.can_agree_previous_record(user, meeting, day, manages=manager)
    can_send_apologies = not manager and permissions.can_send_apologies(user, meeting, day)
    return _meeting_page(
        request,
        meeting,
        "meetings/meeting_detail.html",
        flags
        | {
            "agenda_html": agenda_html,
            "deadline": meeting.agenda_deadline(),
            "past_deadline": meeting.is_past_deadline(day),
            "is_member": permissions.is_member_of(user, organisation),
            "can_cancel": permissions.can_cancel_meeting(
                user, meeting, day, took_place=took_place, manages=manager
            ),
            "can_agree_previous": can_agree_previous,
            "previous": Meeting.objects.previous_to(meeting) if can_agree_previous else None,
            "deferred": deferred_items(meeting)
            if manager and not is_held and not meeting.is_cancelled
            else [],
            "can_send_apologies": can_send_apologies,
            "my_attendance": meeting.attendance.filter(person=user).first()
            if can_send_apologies
            else None,
            "history": meeting.history.select_related("history_user").order_by("-history_date")
            if permissions.can_see_meeting_history(user, meeting)
            else [],
            "sections": sections_for(
                "meetings:meeting-detail", request, meeting=meeting, access=access
            ),
        },
    )


@permissions.public
@require_GET
def meeting_roll(request, meeting_pk):
    meeting = get_meeting_for(request, meeting_pk)
    day = today()
    record = meeting_record(meeting, request.user, day, items=[])
    return _meeting_page(
        request,
        meeting,
        "meetings/meeting_roll.html",
        {"record": record, "is_held": meeting.is_held(day)},
    )


@require_GET
def meeting_action_log(request, meeting_pk, download=None):
    organisation = request.organisation
    meeting = get_meeting_for(request, meeting_pk)
    if not permissions.can_see_action_log(request.user, organisation):
        raise PermissionDenied
    day = today()
    manager = can_manage(request, meeting.body)
    previous = Meeting.objects.previous_to(meeting)
    if download:
        log = ActionRows(organisation).fill(action_log(meeting, previous, request.user, day))
        return exports.download(
            ACTION_LOG_HEADINGS,
            [action_log_row(action) for action in log],
            file_type=download,
            name=f"{organisation.slug}-action-log-{meeting.on:%Y-%m-%d}-{meeting.pk}",
            title="Action log",
        )
    log = action_log_query(meeting, previous, request.user, day)
    paging = paginate(request, log, ACTION_LOG_PAGE_SIZE, _page_of(log, request.GET.get("action")))
    log = ActionRows(organisation).fill(origins.describe(list(paging["page"].object_list)))
    for action in log:
        action.can_update = permissions.can_update_action(
            request.user, action, day, manages=manager
        )
    return _meeting_page(
        request,
        meeting,
        "meetings/meeting_action_log.html",
        {
            "action_log": log,
            **paging,
            "forwardings": attach_sent_files(
                meeting.forwardings.select_related("to_body", "by"), request.user, day
            ),
            "can_manage": manager,
            "can_void": permissions.can_void_entries(request.user, meeting, day, manages=manager),
            "downloads": exports.links(
                request, "meetings:action-log", org=organisation.slug, meeting_pk=meeting.pk
            ),
        },
    )


def _page_of(log, asked):
    """The page of the action log that holds the action asked for (`?action=<pk>`, as the
    agenda links to it), or None."""
    if not (asked and asked.isdigit() and len(asked) < 10):
        return None
    number = log.filter(pk=asked).values_list("number", flat=True).first()
    if number is None:
        return None
    before = log.filter(Q(number__lt=number) | Q(number=number, pk__lt=int(asked))).count()
    return before // ACTION_LOG_PAGE_SIZE + 1


@require_http_methods(["GET", "POST"])
def meeting_move(request, meeting_pk):
    meeting = get_meeting_for(request, meeting_pk, manage=True)
    form = MoveForm(
        posted(request),
        nation=meeting.organisation.nation,
        initial={
            "on": meeting.on,
            "starts_at": meeting.starts_at,
            "ends_at": meeting.ends_at,
            "location": meeting.location,
        },
    )
    if form.is_valid() and run_action(
        form,
        actions.move_meeting,
        meeting=meeting,
        by=request.user,
        today=today(),
        **form.cleaned_data,
    ):
        messages.success(request, f"Meeting moved to {meeting.on:%-d %B %Y}.")
        return redirect(meeting)
    return form_page(
        request,
        form,
        title="Move the meeting",
        caption=str(meeting),
        submit_label="Move the meeting",
        intro="The earlier date stays in the meeting's history with the reason.",
        back_url=meeting.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def meeting_cancel(request, meeting_pk):
    meeting = get_meeting_for(request, meeting_pk, manage=True)
    if not permissions.can_cancel_meeting(
        request.user, meeting, today(), took_place=actions.took_place(meeting), manages=True
    ):
        raise PermissionDenied
    form = CancelForm(posted(request))
    if form.is_valid() and run_action(
        form, actions.cancel_meeting, meeting=meeting, by=request.user, **form.cleaned_data
    ):
        messages.success(request, "Meeting cancelled.")
        return redirect(meeting)
    return form_page(
        request,
        form,
        title="Cancel the meeting",
        caption=str(meeting),
        submit_label="Cancel the meeting",
        intro="A cancelled meeting never counts in attendance figures.",
        back_url=meeting.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def agenda_publish(request, meeting_pk):
    meeting = get_meeting_for(request, meeting_pk, manage=True)
    if meeting.is_published:
        raise PermissionDenied
    form = PublishForm(posted(request), late=meeting.is_past_deadline(today()))
    if form.is_valid() and run_action(
        form,
        actions.publish_agenda,
        meeting=meeting,
        by=request.user,
        now=timezone.now(),
        late_reason=form.cleaned_data.get("late_reason", ""),
    ):
        messages.success(request, "Agenda published.")
        return redirect(meeting)
    deadline = meeting.agenda_deadline()
    if deadline is None:
        intro = "This is an urgent meeting: the notice rule is waived."
    elif meeting.is_past_deadline(today()):
        intro = (
            f"The deadline was the end of {deadline:%A %-d %B %Y}. Publishing now marks the "
            "agenda late: say why."
        )
    else:
        intro = f"The deadline is the end of {deadline:%A %-d %B %Y}. You are in time."
    if meeting.agenda_agreed_at:
        agreed = timezone.localtime(meeting.agenda_agreed_at)
        intro += f" The chair agreed the agenda on {agreed:%-d %B %Y at %H:%M}."
    else:
        intro += " The chair has not agreed the agenda."
    return form_page(
        request,
        form,
        title="Publish the agenda",
        caption=str(meeting),
        submit_label="Publish the agenda",
        intro=intro,
        back_url=meeting.get_absolute_url(),
    )
