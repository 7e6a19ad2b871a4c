"""The record of a meeting: attendance, declarations, withdrawals, decisions, minutes, actions,
the approval of the previous meeting's record and its forwarding to other bodies."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.governance.access import get_body_for
from steerco.lib import exports, rich_text
from steerco.lib.dates import today
from steerco.lib.forms import form_page, parse_id, posted, run_action
from steerco.lib.pagination import paginate
from steerco.meetings import access, actions, origins, queries
from steerco.meetings.forms.meeting import people_of
from steerco.meetings.forms.record import (
    AGENDA_ITEMS_LIST,
    CARRIED_AS,
    ActionForm,
    ActionUpdateForm,
    AttendanceForm,
    DecisionForm,
    DeclarationForm,
    ForwardForm,
    MinutesForm,
    PreviousMeetingForm,
    VoidForm,
    WithdrawalForm,
)
from steerco.meetings.models import (
    Action,
    ActionUpdate,
    Decision,
    Declaration,
    Forwarding,
    Meeting,
)
from steerco.meetings.sent import attach_sent_files
from steerco.meetings.views.meeting import ActionRows

DECISIONS_PER_PAGE = 50


def _is_htmx(request):
    return bool(request.headers.get("HX-Request"))


# Attendance.


@dataclass
class AttendanceRow:
    membership: object
    person: object
    attendance: object
    form: AttendanceForm | None
    limited: bool = False
    saved: bool = False
    # What the page shows of the form, set by `draw()`: each field's form group, the errors
    # of the row as a whole, and whether "Arrived late or left early" opens.
    drawn: dict | None = None
    errors: list = dataclass_field(default_factory=list)
    opens: bool = False

    def draw(self):
        """Draws the row's form (`AttendanceForm.drawn`) and lets it go, so that the page does
        not hold 80 forms, their fields and widgets until it is sent: kept, they outlived the
        collector's young generations and made a full collection of the whole process every
        few requests (the page's p95)."""
        recorded, form = self.attendance, self.form
        errors = form.errors if form is not None and form.is_bound else {}
        self.opens = any(name in errors for name in AttendanceForm.LATE_OR_EARLY) or bool(
            recorded
            and any(
                getattr(recorded, name)
                for name in ("arrived_at", "arrived_for_id", "left_at", "left_after_id")
            )
        )
        if form is not None:
            self.drawn = form.drawn()
            self.errors = list(form.non_field_errors())
        self.form = None
        return self


def _only_apologies(meeting, manager):
    """A member only sends apologies; before the meeting starts, that is all anyone records."""
    return not manager or not meeting.has_started(timezone.now())


def _attendance_rows(
    request, meeting, *, manager, items, data=None, bound=None, saved_for=None, draw=False
):
    """One row per member on the day; a row has a form where the reader may change it. All the
    rows' forms make the page's one form; `data` binds them all, `bound` replaces one. `items`
    are the meeting's agenda items, fetched once for every row. With `draw`, each row is drawn
    as it is made (`AttendanceRow.draw`): for a page that only shows the forms."""
    limited = _only_apologies(meeting, manager)
    changeable = manager and permissions.can_change_record(
        request.user, meeting, today(), manages=True
    )
    memberships = actions.members_on(meeting).select_related("person").in_role_order()
    recorded = {
        a.person_id: a for a in meeting.attendance.select_related("arrived_for", "left_after")
    }
    rows, seen = [], set()
    for membership in memberships:
        person = membership.person
        if person.pk in seen:
            continue
        seen.add(person.pk)
        attendance = recorded.get(person.pk)
        editable = changeable or (
            person.pk == request.user.pk
            and permissions.can_send_apologies(request.user, meeting, today())
        )
        form = None
        if bound is not None and bound.person.pk == person.pk:
            form = bound
        elif editable:
            form = AttendanceForm(
                data,
                person=person,
                items=items,
                limited=limited,
                required=False,
                initial=AttendanceForm.initial_for(attendance),
            )
        row = AttendanceRow(
            membership=membership,
            person=person,
            attendance=attendance,
            form=form,
            limited=limited,
            saved=person.pk == saved_for,
        )
        rows.append(row.draw() if draw else row)
    return rows


def _row_values(data):
    """What `record_attendance` takes from a row's valid form."""
    return {
        "status": data["status"],
        "substitute_name": data["substitute_name"],
        "arrived_at": data.get("arrived_at"),
        "arrived_for": data.get("arrived_for"),
        "left_at": data.get("left_at"),
        "left_after": data.get("left_after"),
    }


def _changed(row):
    """A row whose status is chosen and differs from what is recorded."""
    form = row.form
    if not form.cleaned_data.get("status"):
        return False
    if row.attendance is None:
        return True
    values = _row_values(form.cleaned_data)
    values["arrived_for"] = AttendanceForm.number_of(values["arrived_for"])
    values["left_after"] = AttendanceForm.number_of(values["left_after"])
    return any(
        values.get(name) != value
        for name, value in AttendanceForm.initial_for(row.attendance).items()
        if name in form.fields
    )


@require_http_methods(["GET", "POST"])
def attendance(request, meeting_pk):
    meeting = access.get_meeting_for(request, meeting_pk)
    manager = access.can_manage(request, meeting.body)
    if not manager and not permissions.sits_on(request.user, meeting):
        raise PermissionDenied
    started = meeting.has_started(timezone.now())
    page = {
        "meeting": meeting,
        "can_manage": manager,
        "can_send_apologies": permissions.can_send_apologies(request.user, meeting, today()),
        "started": started,
        "can_save_all": manager
        and permissions.can_change_record(request.user, meeting, today(), manages=True),
        # Offered once on the page to every row's item boxes (AttendanceForm's ItemField).
        "items": list(meeting.items.all()),
        "items_list": AGENDA_ITEMS_LIST,
        "attendance_url": reverse(
            "meetings:attendance",
            kwargs={"org": request.organisation.slug, "meeting_pk": meeting.pk},
        ),
    }
    if request.method == "GET":
        rows = _attendance_rows(request, meeting, manager=manager, items=page["items"], draw=True)
        return render(request, "meetings/record/attendance.html", page | {"rows": rows})
    if "person" in request.POST or "row" in request.POST:
        return _attendance_of_one(request, meeting, page, manager=manager)
    if not page["can_save_all"]:
        raise PermissionDenied
    if "everyone_present" in request.POST:
        return _everyone_present(request, meeting)
    return _attendance_of_all(request, meeting, page, manager=manager)


def _attendance_of_one(request, meeting, page, *, manager):
    """One member's row, posted from its own form (My meetings) or its Save button on the
    page; with htmx the answer is the row alone."""
    organisation = request.organisation
    alone = "person" in request.POST
    person_pk = request.POST.get("person" if alone else "row", "")
    person = people_of(organisation).filter(pk=parse_id(person_pk) or 0).first()
    if person is None:
        raise Http404("No such person.")
    data = request.POST
    if alone:
        # A row posted from its own form names its fields as the page names its person's.
        data = {f"{person.pk}-{name}": value for name, value in request.POST.items()}
    if not permissions.can_record_attendance(
        request.user,
        meeting,
        person=person,
        status=data.get(f"{person.pk}-status"),
        on=today(),
        manages=manager,
    ):
        raise PermissionDenied
    form = AttendanceForm(
        data,
        person=person,
        items=page["items"],
        limited=_only_apologies(meeting, manager),
    )
    saved = None
    if form.is_valid():
        saved = run_action(
            form,
            actions.record_attendance,
            meeting=meeting,
            person=person,
            by=request.user,
            **_row_values(form.cleaned_data),
        )
    if saved and not _is_htmx(request):
        messages.success(request, f"Attendance of {person} saved.")
        return redirect("meetings:attendance", org=organisation.slug, meeting_pk=meeting.pk)
    rows = _attendance_rows(
        request,
        meeting,
        manager=manager,
        items=page["items"],
        bound=None if saved else form,
        saved_for=person.pk if saved else None,
    )
    if _is_htmx(request):
        row = next((row for row in rows if row.person.pk == person.pk), None)
        if row is None:
            # Someone who is not a member on the day has no row: show the refusal in its place.
            row = AttendanceRow(
                membership=None,
                person=person,
                attendance=None,
                form=form,
                limited=_only_apologies(meeting, manager),
            )
        return render(
            request,
            "meetings/record/attendance.html#attendance-row",
            page | {"row": row.draw()},
        )
    errors = _page_errors([form])
    if not any(row.person.pk == person.pk for row in rows):
        errors = [("attendance-form", error) for _, error in errors]
    return render(
        request,
        "meetings/record/attendance.html",
        page | {"rows": [row.draw() for row in rows], "form": form, "errors": errors},
    )


def _attendance_of_all(request, meeting, page, *, manager):
    """Every row of the page in one save: all of them, or none with each refusal beside its
    member."""
    rows = _attendance_rows(
        request, meeting, manager=manager, items=page["items"], data=request.POST
    )
    forms = {str(row.person.pk): row.form for row in rows if row.form is not None}
    if all(form.is_valid() for form in forms.values()):
        changed = {
            row.person: _row_values(row.form.cleaned_data)
            for row in rows
            if row.form and _changed(row)
        }
        try:
            saved = actions.record_attendance_of_all(meeting, rows=changed, by=request.user)
        except ValidationError as error:
            for pk, errors in error.message_dict.items():
                forms[pk].add_error(None, errors)
        else:
            messages.success(
                request,
                f"Attendance of {len(saved)} {'member' if len(saved) == 1 else 'members'} saved."
                if saved
                else "Attendance saved: nothing had changed since it was last saved.",
            )
            return _back_to_attendance(request, meeting)
    errors = _page_errors(row.form for row in rows)
    return render(
        request,
        "meetings/record/attendance.html",
        page | {"rows": [row.draw() for row in rows], "errors": errors},
    )


def _everyone_present(request, meeting):
    try:
        saved = actions.mark_everyone_present(meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{len(saved)} {'member' if len(saved) == 1 else 'members'} marked present. Change "
            "anyone who was not there, then save the attendance."
            if saved
            else "Every member's attendance was already recorded.",
        )
    return _back_to_attendance(request, meeting)


def _back_to_attendance(request, meeting):
    return redirect("meetings:attendance", org=request.organisation.slug, meeting_pk=meeting.pk)


def _page_errors(forms):
    """The error summary of the page's one form: each error with the field it links to."""
    errors = []
    for form in forms:
        if form is None or not form.errors:
            continue
        for error in form.non_field_errors():
            errors.append((f"{form['status'].auto_id}_0", error))
        for field in form:
            for error in field.errors:
                target = field.id_for_label or f"{field.auto_id}_0"
                errors.append((target, error))
    return errors


def _refuse_if_record_stands(request, meeting):
    """The forms that change a meeting's record are not offered once its minutes are approved
    (or the meeting was cancelled): what they would save is refused."""
    if not permissions.can_change_record(request.user, meeting, today(), manages=True):
        raise PermissionDenied


# Declarations and withdrawals.


@require_http_methods(["GET", "POST"])
def declaration_create(request, item_pk):
    organisation = request.organisation
    item = access.get_item_for(request, item_pk)
    meeting = item.meeting
    manager = access.can_manage(request, meeting.body)
    if not permissions.can_declare_interest(request.user, meeting, today(), manages=manager):
        raise PermissionDenied
    form = DeclarationForm(posted(request), organisation=organisation, declare_for_others=manager)
    if form.is_valid():
        data = form.cleaned_data
        person = data.get("person", request.user)
        declaration = run_action(
            form,
            actions.declare_interest,
            item=item,
            person=person,
            kind=data["kind"],
            nature=data["nature"],
            by=request.user,
            in_advance=meeting.on > today(),
        )
        if declaration:
            messages.success(
                request, f"{declaration.get_kind_display()} interest of {person} recorded."
            )
            return redirect(item.get_absolute_url())
    return form_page(
        request,
        form,
        title="Declare an interest",
        caption=f"Item {item.position}: {item.title}",
        intro=None if manager else f"You are declaring an interest as {request.user}.",
        submit_label="Record the declaration",
        back_url=meeting.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def withdrawal_create(request, item_pk):
    organisation = request.organisation
    item = access.get_item_for(request, item_pk, manage=True)
    meeting = item.meeting
    _refuse_if_record_stands(request, meeting)
    form = WithdrawalForm(posted(request), organisation=organisation)
    if form.is_valid():
        data = form.cleaned_data
        if run_action(form, actions.record_withdrawal, item=item, by=request.user, **data):
            messages.success(request, f"Withdrawal of {data['person']} recorded.")
            return redirect(item.get_absolute_url())
    return form_page(
        request,
        form,
        title="Record a withdrawal from an item",
        caption=f"Item {item.position}: {item.title}",
        intro="Record when the person left the room for the item, and when they came back.",
        submit_label="Record the withdrawal",
        back_url=meeting.get_absolute_url(),
    )


# Decisions and minutes.


@require_http_methods(["GET", "POST"])
def decision_create(request, item_pk):
    item = access.get_item_for(request, item_pk, manage=True)
    meeting = item.meeting
    _refuse_if_record_stands(request, meeting)
    memberships = list(actions.members_on(meeting).in_role_order())
    quorum = queries.quorum_for_item(meeting, item)
    form = DecisionForm(posted(request), meeting=meeting, memberships=memberships)
    if form.is_valid():
        decision = run_action(
            form, actions.record_decision, item=item, by=request.user, **form.cleaned_data
        )
        if decision:
            messages.success(request, f"Decision {decision.reference} recorded.")
            return redirect(item.get_absolute_url())
    return render(
        request,
        "meetings/record/decision_form.html",
        {"form": form, "item": item, "meeting": meeting, "quorum": quorum, "decision": None},
    )


@require_http_methods(["GET", "POST"])
def decision_edit(request, decision_pk):
    decision = access.get_decision_for(request, decision_pk, manage=True)
    item = decision.item
    meeting = item.meeting
    _refuse_if_record_stands(request, meeting)
    memberships = list(actions.members_on(meeting).in_role_order())
    initial = {
        name: getattr(decision, name) for name in DecisionForm.base_fields if name != "supersedes"
    }
    form = DecisionForm(
        posted(request),
        meeting=meeting,
        memberships=memberships,
        initial=initial,
        versioned=decision,
    )
    del form.fields["supersedes"]
    if form.is_valid() and run_action(
        form, partial(actions.amend_decision, decision), by=request.user, **form.cleaned_data
    ):
        messages.success(request, f"Decision {decision.reference} amended.")
        return redirect(item.get_absolute_url())
    return render(
        request,
        "meetings/record/decision_form.html",
        {
            "form": form,
            "item": item,
            "meeting": meeting,
            "quorum": queries.quorum_for_item(meeting, item),
            "decision": decision,
        },
    )


@dataclass
class MinutesEntry:
    item: object
    form: MinutesForm
    preview: str | None = None


# Items a page of the whole meeting's minutes: a usual agenda fits on one page.
MINUTES_PAGE_SIZE = 25


def _minutes_page(request, meeting, entries, *, title, back_url, whole_meeting=False, pages=None):
    previewing = request.method == "POST" and "preview" in request.POST
    if previewing:
        for entry in entries:
            if entry.form.is_valid():
                entry.preview = rich_text.to_html(entry.form.cleaned_data["text"])
    errors = [
        (f"{entry.form['text'].auto_id}", error)
        for entry in entries
        if entry.form.is_bound
        for error in [*entry.form.non_field_errors(), *entry.form["text"].errors]
    ]
    return render(
        request,
        "meetings/record/minutes.html",
        {
            "meeting": meeting,
            "entries": entries,
            "title": title,
            "back_url": back_url,
            "whole_meeting": whole_meeting,
            "pages": pages or {},
            "previewing": previewing,
            "errors": errors,
        },
    )


def _saving(request):
    return request.method == "POST" and "preview" not in request.POST


@require_http_methods(["GET", "POST"])
def item_minutes(request, item_pk):
    item = access.get_item_for(request, item_pk, manage=True)
    meeting = item.meeting
    _refuse_if_record_stands(request, meeting)
    form = MinutesForm(posted(request), initial={"text": item.minutes_text}, versioned=item)
    if (
        _saving(request)
        and form.is_valid()
        and run_action(
            form,
            actions.save_minutes,
            item=item,
            text=form.cleaned_data["text"],
            by=request.user,
            version=form.cleaned_data["version"],
        )
    ):
        messages.success(request, f"Minutes of item {item.position} saved.")
        return redirect(item.get_absolute_url())
    return _minutes_page(
        request,
        meeting,
        [MinutesEntry(item, form)],
        title=f"Minutes of item {item.position}: {item.title}",
        back_url=meeting.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def meeting_minutes(request, meeting_pk):
    """The minutes of the whole meeting, item by item, each with its own version, a page of
    MINUTES_PAGE_SIZE items at a time (a usual agenda fits on one): one save keeps every item's
    minutes on the page, or none, and goes on to the next page."""
    meeting = access.get_meeting_for(request, meeting_pk, manage=True)
    _refuse_if_record_stands(request, meeting)
    pages = paginate(request, meeting.items.all(), MINUTES_PAGE_SIZE)
    entries = [
        MinutesEntry(
            item,
            MinutesForm(
                posted(request),
                initial={"text": item.minutes_text},
                versioned=item,
                item=item,
                prefix=f"item-{item.pk}",
            ),
        )
        for item in pages["page"].object_list
    ]
    if _saving(request) and all(entry.form.is_valid() for entry in entries):
        try:
            saved = actions.save_meeting_minutes(
                meeting,
                minutes={
                    entry.item: (
                        entry.form.cleaned_data["text"],
                        entry.form.cleaned_data["version"],
                    )
                    for entry in entries
                },
                by=request.user,
            )
        except ValidationError as error:
            forms = {str(entry.item.pk): entry.form for entry in entries}
            for pk, errors in error.message_dict.items():
                forms[pk].add_error(None, errors)
        else:
            count = len(saved)
            messages.success(
                request,
                f"Minutes of {count} {'item' if count == 1 else 'items'} saved."
                if count
                else "Minutes saved: nothing had changed since they were last saved.",
            )
            if pages["page"].has_next():
                return redirect(f"{request.path}?page={pages['page'].next_page_number()}")
            return redirect(meeting.get_absolute_url())
    return _minutes_page(
        request,
        meeting,
        entries,
        title="Write the minutes",
        back_url=meeting.get_absolute_url(),
        whole_meeting=True,
        pages=pages,
    )


@permissions.public
@require_GET
def decision_list(request, pk, download=None):
    """The public register of a body's decisions; `download` ("csv", "xlsx"): all of it as a
    spreadsheet."""
    organisation = request.organisation
    body = get_body_for(request, pk)
    decisions = (
        Decision.objects.filter(body=body)
        .select_related(
            "body",
            "item__meeting",
            "referred_to",
            "supersedes__body",
            "supersedes__item",
            "superseded_by__body",
            "superseded_by__item",
        )
        .order_by("-year", "-number")
    )
    decisions = permissions.visible_meetings(
        request.user, organisation, decisions, via="item__meeting__"
    )
    if download:
        return exports.download(
            DECISION_HEADINGS,
            [decision_row(decision) for decision in decisions],
            file_type=download,
            name=f"{organisation.slug}-decisions-{body.pk}",
            title="Decisions",
        )
    return render(
        request,
        "meetings/record/decision_list.html",
        {
            "body": body,
            "downloads": exports.links(
                request, "meetings:decision-list", org=organisation.slug, pk=pk
            ),
            **paginate(request, decisions, DECISIONS_PER_PAGE),
        },
    )


DECISION_HEADINGS = [
    "Reference",
    "Date",
    "Item",
    "Outcome",
    "Referred to",
    "Decision",
    "Conditions",
    "Supersedes",
    "Superseded by",
    "Review date",
]


def decision_row(decision):
    """A decision as the register shows it."""
    return [
        decision.reference,
        decision.item.meeting.on,
        decision.item.title,
        decision.get_outcome_display(),
        decision.referred_to.name if decision.referred_to else "",
        decision.statement,
        decision.conditions,
        decision.supersedes.reference if decision.supersedes else "",
        decision.superseded_by.reference if getattr(decision, "superseded_by", None) else "",
        decision.review_on,
    ]


# Actions.


@require_http_methods(["GET", "POST"])
def action_create(request, meeting_pk):
    meeting = access.get_meeting_for(request, meeting_pk, manage=True)
    form = ActionForm(posted(request), meeting=meeting)
    if form.is_valid():
        action = run_action(
            form, actions.add_action, meeting=meeting, by=request.user, **form.cleaned_data
        )
        if action:
            messages.success(request, f"Action {action.number} added to the action log.")
            return redirect(
                "meetings:action-log", org=request.organisation.slug, meeting_pk=meeting.pk
            )
    return form_page(
        request,
        form,
        title="Add an action",
        caption=str(meeting),
        submit_label="Add the action",
        back_url=meeting.get_absolute_url(),
    )


def _action_for_row(action_pk):
    return (
        Action.objects.select_related("owner", "meeting", "item")
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=ActionUpdate.objects.order_by("on", "id"),
                to_attr="update_list",
            )
        )
        .get(pk=action_pk)
    )


@require_http_methods(["GET", "POST"])
def action_update(request, action_pk):
    organisation = request.organisation
    action = access.get_action_for(request, action_pk)
    manager = access.can_manage(request, action.body)
    day = today()
    form = ActionUpdateForm(
        posted(request), initial={"status": action.status, "on": day}, versioned=action
    )
    if form.is_valid():
        data = form.cleaned_data
        saved = run_action(
            form,
            # run_action's own second argument is called `action`.
            partial(actions.update_action, action),
            status=data["status"],
            text=data["text"],
            on=data["on"] or day,
            by=request.user,
            version=data["version"],
        )
        if saved and not _is_htmx(request):
            messages.success(request, f"Action {action.number} updated.")
            return redirect("meetings:action-update", org=organisation.slug, action_pk=action.pk)
        if saved:
            form = None
    if _is_htmx(request):
        # The row opens its form in place (GET), and closes again once saved (POST).
        row = origins.describe(ActionRows(organisation).fill([_action_for_row(action.pk)]))[0]
        row.can_update = permissions.can_update_action(request.user, row, day, manages=manager)
        return render(
            request,
            "meetings/meeting_action_log.html#action-row",
            {
                "action": row,
                "today": day,
                "can_manage": manager,
                "update_form": form,
                "editing": form is not None,
            },
        )
    return render(
        request,
        "meetings/record/action_detail.html",
        {
            "action": action,
            "updates": action.updates.select_related("by").order_by("on", "id"),
            "form": form,
            "today": day,
            "can_manage": manager,
        },
    )


# The previous meeting's record, and forwarding.


@require_http_methods(["GET", "POST"])
def previous_approve(request, meeting_pk):
    meeting = access.get_meeting_for(request, meeting_pk, manage=True)
    if not permissions.can_agree_previous_record(request.user, meeting, today(), manages=True):
        raise PermissionDenied
    previous = Meeting.objects.previous_to(meeting)
    form = PreviousMeetingForm(posted(request), previous=previous)
    if form.is_valid():
        data = form.cleaned_data
        if run_action(
            form,
            actions.agree_previous_record,
            previous=previous,
            at=meeting,
            by=request.user,
            minutes=data.get("approve_minutes", False),
            corrections=data.get("corrections", ""),
            action_log=data.get("agree_action_log", False),
        ):
            messages.success(
                request, f"The record of the meeting of {previous.on:%-d %B %Y} is agreed."
            )
            return redirect(meeting)
    if previous is None:
        intro = f"This is the first meeting of {meeting.body.name}: there is no earlier record."
    else:
        done = []
        if previous.minutes_approved:
            done.append(
                "its minutes were approved at the meeting of "
                f"{previous.minutes_approved_at.on:%-d %B %Y}"
            )
        if previous.action_log_agreed_at_id:
            done.append(
                "its action log was agreed at the meeting of "
                f"{previous.action_log_agreed_at.on:%-d %B %Y}"
            )
        intro = f"The previous meeting was on {previous.on:%A %-d %B %Y}."
        if done:
            intro += f" Already recorded: {' and '.join(done)}."
    return form_page(
        request,
        form,
        title="Agree the record of the previous meeting",
        caption=str(meeting),
        intro=intro,
        submit_label="Record the agreement",
        back_url=meeting.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def forward(request, meeting_pk):
    organisation = request.organisation
    meeting = access.get_meeting_for(request, meeting_pk, manage=True)
    what = request.GET.get("what")
    if what not in Forwarding.What.values:
        what = Forwarding.What.ACTION_LOG
    lines = actions.lines_carrying(meeting.body, CARRIED_AS[what])
    initial = {
        "what": what,
        "to_bodies": [body.pk for body in actions.recipients(meeting.body, CARRIED_AS[what])],
        "forwarded_on": today(),
    }
    form = ForwardForm(posted(request), meeting=meeting, initial=initial)
    here = reverse("meetings:forward", kwargs={"org": organisation.slug, "meeting_pk": meeting.pk})
    if form.is_valid():
        data = form.cleaned_data
        done = run_action(
            form,
            actions.forward,
            meeting=meeting,
            what=data["what"],
            to_bodies=list(data["to_bodies"]),
            on=data["forwarded_on"],
            by=request.user,
        )
        if done is not None:
            label = Forwarding.What(data["what"]).label
            names = ", ".join(f.to_body.name for f in done)
            messages.success(
                request,
                f"{label} recorded as forwarded to {names}."
                if done
                else f"{label} was already recorded as forwarded to those bodies.",
            )
            return redirect(meeting)
    return render(
        request,
        "meetings/record/forward.html",
        {
            "form": form,
            "meeting": meeting,
            "forwardings": attach_sent_files(
                meeting.forwardings.select_related("to_body", "by"), request.user, today()
            ),
            "what_label": Forwarding.What(what).label,
            "conditional": [line for line in lines if line.condition.strip()],
            "kinds": [
                (value, label, f"{here}?what={value}")
                for value, label in Forwarding.What.choices
                if value != what
            ],
        },
    )


# Voiding an entry made in error.


def _void_label(entry):
    if isinstance(entry, Decision):
        return f"decision {entry.reference}"
    if isinstance(entry, Action):
        return f"action {entry.number}"
    if isinstance(entry, Declaration):
        return f"the declaration of {entry.person}"
    return f"the withdrawal of {entry.person}"


@require_http_methods(["GET", "POST"])
def entry_void(request, **kwargs):
    ((parameter, pk),) = kwargs.items()
    entry, meeting = access.get_entry_for(request, parameter, pk)
    label = _void_label(entry)
    back = meeting.get_absolute_url() + (
        f"#action-{entry.pk}" if isinstance(entry, Action) else f"#item-{entry.item_id}"
    )
    if not permissions.can_void_entries(request.user, meeting, today(), manages=True):
        messages.error(
            request,
            f"The minutes of this meeting are approved, so {label} can no longer be voided. "
            "Record a later decision that supersedes it, or a correction with the approval of "
            "the minutes.",
        )
        return redirect(back)
    form = VoidForm(posted(request))
    if form.is_valid() and run_action(
        form, actions.void_entry, entry=entry, by=request.user, **form.cleaned_data
    ):
        messages.success(request, f"{label[0].upper()}{label[1:]} voided. It stays in the history.")
        return redirect(back)
    return form_page(
        request,
        form,
        title=f"Void {label}",
        caption=f"{meeting.title}, {meeting.on:%-d %B %Y}",
        intro="Void an entry only if it was made in error. It leaves the record, and stays in "
        "its history with who voided it, when and why. Once the minutes are approved it can "
        "no longer be voided.",
        submit_label="Void it",
        back_url=back,
    )
