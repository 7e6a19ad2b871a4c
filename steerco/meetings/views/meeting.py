from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.governance.access import get_body_for
from steerco.governance.models import Membership
from steerco.governance.rules.terms import add_months
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, run_action
from steerco.meetings import actions
from steerco.meetings.access import can_manage, get_meeting_for
from steerco.meetings.forms.meeting import (
    CancelForm,
    MeetingForm,
    MoveForm,
    PublishForm,
    ScheduleForm,
    TemplateForm,
)
from steerco.meetings.models import Meeting
from steerco.meetings.queries import meeting_record, template_for


@permissions.public
@require_GET
def body_meetings(request, pk):
    organisation = request.organisation
    body = get_body_for(request, pk)
    meetings = permissions.visible_meetings(
        request.user, organisation, Meeting.objects.filter(body=body).for_listing()
    )
    day = today()
    upcoming = list(meetings.filter(on__gte=day))
    past = list(meetings.filter(on__lt=day).order_by("-on", "-id"))
    return render(
        request,
        "meetings/body_meetings.html",
        {
            "body": body,
            "upcoming": upcoming,
            "past": past,
            "today": day,
            "can_manage": can_manage(request, body),
        },
    )


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
    organisation = request.organisation
    body = get_body_for(request, pk, manage=True)
    form = ScheduleForm(posted(request), initial={"start": today(), "months": 12})
    if form.is_valid():
        start = form.cleaned_data["start"]
        created = run_action(
            form,
            actions.schedule_forward,
            body=body,
            start=start,
            until=add_months(start, form.cleaned_data["months"]),
            by=request.user,
            today=today(),
        )
        if created is not None:
            messages.success(
                request,
                f"{len(created)} meeting{'s' if len(created) != 1 else ''} scheduled."
                if created
                else "The schedule already has every meeting for that period.",
            )
            return redirect("meetings:body-meetings", org=organisation.slug, pk=body.pk)
    template = template_for(body)
    return form_page(
        request,
        form,
        title="Schedule the forward programme",
        caption=body.name,
        submit_label="Schedule the meetings",
        intro=f"{body.name} meets {body.get_frequency_display().lower()}, on the "
        f"{template.get_week_of_month_display().lower()} {template.get_weekday_display()} of "
        "the month. A day that is a weekend or a bank holiday moves to the next working day.",
        back_url=reverse(
            "meetings:body-meetings", kwargs={"org": organisation.slug, "pk": body.pk}
        ),
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


@permissions.public
@require_GET
def meeting_detail(request, meeting_pk):
    organisation = request.organisation
    meeting = get_meeting_for(request, meeting_pk)
    day = today()
    is_member = permissions.is_member_of(request.user, organisation)
    manager = can_manage(request, meeting.body)
    record = meeting_record(
        meeting,
        request.user,
        day,
        offer_deferred=manager and not meeting.is_held(day) and not meeting.is_cancelled,
    )
    can_see_action_log = permissions.can_see_action_log(request.user, organisation)
    for action in record.action_log if can_see_action_log else []:
        action.can_update = permissions.can_update_action(
            request.user, action, day, manages=manager
        )
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "record": record,
            "today": day,
            "deadline": meeting.agenda_deadline(),
            "past_deadline": meeting.is_past_deadline(day),
            "is_held": meeting.is_held(day),
            "is_member": is_member,
            "show_minutes": permissions.can_see_draft_minutes(request.user, meeting),
            "can_manage": manager,
            "can_void": permissions.can_void_entries(
                request.user, meeting, today(), manages=manager
            ),
            "can_send_apologies": not manager
            and permissions.can_send_apologies(request.user, meeting, day),
            "can_declare": permissions.can_declare_interest(
                request.user, meeting, day, manages=manager
            ),
            "can_see_action_log": can_see_action_log,
            "my_attendance": record.attendance.get(request.user.pk),
            "history": meeting.history.select_related("history_user").order_by("-history_date")
            if permissions.can_see_meeting_history(request.user, meeting)
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_move(request, meeting_pk):
    meeting = get_meeting_for(request, meeting_pk, manage=True)
    form = MoveForm(
        posted(request),
        initial={"on": meeting.on, "starts_at": meeting.starts_at, "location": meeting.location},
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
    form = PublishForm(posted(request))
    if form.is_valid() and run_action(
        form,
        actions.publish_agenda,
        meeting=meeting,
        by=request.user,
        now=timezone.now(),
        late_reason=form.cleaned_data["late_reason"],
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
    return form_page(
        request,
        form,
        title="Publish the agenda",
        caption=str(meeting),
        submit_label="Publish the agenda",
        intro=intro,
        back_url=meeting.get_absolute_url(),
    )
