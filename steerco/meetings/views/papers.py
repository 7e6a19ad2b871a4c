from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from steerco import permissions
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, posted_with_files, run_action
from steerco.meetings import access, actions
from steerco.meetings.forms.papers import (
    CarryForm,
    ItemForm,
    PaperForm,
    ReplaceForm,
    RestrictionForm,
    RetitleForm,
    WithdrawPaperForm,
)
from steerco.meetings.models import AgendaItem

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}


def _keep_private(response, paper):
    # A restricted or withdrawn paper must not stay in a shared or browser cache once access ends.
    if paper.restricted or paper.is_withdrawn:
        response["Cache-Control"] = "private, no-store"
    elif not paper.item.meeting.is_published:
        response["Cache-Control"] = "private"


@require_http_methods(["GET", "POST"])
def item_form(request, meeting_pk=None, item_pk=None):
    if item_pk is None:
        meeting = access.get_meeting_for(request, meeting_pk, manage=True)
        item = AgendaItem(meeting=meeting)
    else:
        item = access.get_item_for(request, item_pk, manage=True)
        meeting = item.meeting
    adding = item.pk is None
    if not permissions.can_change_record(request.user, meeting, today(), manages=True):
        raise PermissionDenied
    form = ItemForm(posted(request), instance=item)
    if form.is_valid() and run_action(
        form,
        actions.save_item,
        item=form.instance,
        by=request.user,
        version=form.cleaned_data.get("version"),
    ):
        messages.success(request, f"Item “{item.title}” {'added' if adding else 'updated'}.")
        return redirect(item.get_absolute_url())
    return form_page(
        request,
        form,
        title="Add an agenda item" if adding else "Change the agenda item",
        caption=f"{meeting.title}, {meeting.on:%-d %B %Y}",
        back_url=meeting.get_absolute_url() if adding else item.get_absolute_url(),
        submit_label="Add the item" if adding else "Save",
    )


def _place(posted):
    """The place an item was dragged to, or None when a button was pressed instead."""
    if posted is None:
        return None
    try:
        return int(posted)
    except ValueError:
        raise ValidationError("Choose a place on the agenda as a number.") from None


@require_POST
def item_move(request, item_pk):
    """Moves an item one place up or down, or (dragged) to a place. A plain form posts and comes
    back to the item; htmx follows the same redirect and swaps in the agenda."""
    item = access.get_item_for(request, item_pk, manage=True)
    try:
        actions.move_item(
            item,
            direction=request.POST.get("direction"),
            to=_place(request.POST.get("to")),
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if not request.headers.get("HX-Request"):
            messages.success(request, f"“{item.title}” is now item {item.position}.")
    return redirect(item.get_absolute_url())


@require_http_methods(["GET", "POST"])
def item_remove(request, item_pk):
    item = access.get_item_for(request, item_pk, manage=True)
    meeting = item.meeting
    if request.method == "POST":
        try:
            actions.remove_item(item, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(item.get_absolute_url())
        messages.success(request, f"Item “{item.title}” removed from the agenda.")
        return redirect(meeting)
    return render(
        request,
        "confirm_page.html",
        {
            "title": f"Remove “{item.title}” from the agenda?",
            "caption": f"{meeting.title}, {meeting.on:%-d %B %Y}",
            "intro": "Its papers are removed with it. The agenda is not yet published, so "
            "nobody outside the council has seen it.",
            "submit_label": "Remove the item",
            "back_url": item.get_absolute_url(),
        },
    )


@require_http_methods(["GET", "POST"])
def item_carry(request, item_pk):
    item = access.get_item_for(request, item_pk, manage=True)
    form = CarryForm(posted(request), item=item)
    if form.is_valid():
        carried = run_action(
            form, actions.carry_item, item=item, to=form.cleaned_data["to"], by=request.user
        )
        if carried:
            messages.success(request, f"“{item.title}” carried to this meeting.")
            return redirect(carried.get_absolute_url())
    return form_page(
        request,
        form,
        title=f"Carry “{item.title}” to a later meeting",
        caption=f"{item.meeting.title}, {item.meeting.on:%-d %B %Y}",
        back_url=item.get_absolute_url(),
        submit_label="Carry the item",
        template="meetings/papers/carry.html",
        item=item,
        has_choices=form.has_choices,
    )


@require_http_methods(["GET", "POST"])
def paper_create(request, item_pk):
    organisation = request.organisation
    item = access.get_item_for(request, item_pk)
    if not permissions.can_add_paper(
        request.user, item, manages=access.can_manage(request, item.meeting.body)
    ):
        raise PermissionDenied
    published = item.meeting.is_published
    form = PaperForm(*posted_with_files(request), organisation=organisation, published=published)
    if form.is_valid():
        data = form.cleaned_data
        paper = run_action(
            form,
            actions.add_paper,
            item=item,
            title=data["title"],
            upload=data["file"],
            by=request.user,
            restricted=data["restricted"],
            exemption=data["exemption"],
            readers=data["readers"],
            late_reason=data.get("late_reason", ""),
        )
        if paper:
            messages.success(request, f"Paper added{' as a late paper' if paper.is_late else ''}.")
            return redirect(item.get_absolute_url())
    return form_page(
        request,
        form,
        title="Add a paper",
        caption=item.title,
        back_url=item.get_absolute_url(),
        submit_label="Upload the paper",
        template="meetings/papers/upload.html",
    )


@permissions.public
@require_GET
def paper_detail(request, paper_pk):
    paper = access.get_paper_for(request, paper_pk)
    body_id = paper.item.meeting.body_id
    versions = list(paper.versions.select_related("uploaded_by").order_by("-number"))
    reader = permissions.PaperAccess(request.user, request.organisation, today())
    current_number = versions[0].number if versions else None
    readable = [
        version
        for version in versions
        if reader.can_read_version(paper, version, body_id, current_number=current_number)
    ]
    manager = access.can_manage(request, paper.item.meeting.body)
    response = render(
        request,
        "meetings/papers/paper_detail.html",
        {
            "paper": paper,
            "item": paper.item,
            "meeting": paper.item.meeting,
            "current": versions[0] if versions else None,
            "earlier": readable[1:],
            "readers": list(paper.readers.order_by("name", "username")) if paper.restricted else [],
            "can_manage": manager,
            "can_correct": manager and not paper.is_withdrawn,
        },
    )
    _keep_private(response, paper)
    return response


@require_http_methods(["GET", "POST"])
def paper_replace(request, paper_pk):
    paper = access.get_paper_for(request, paper_pk, manage=True)
    form = ReplaceForm(*posted_with_files(request))
    if form.is_valid():
        version = run_action(
            form,
            actions.replace_paper,
            paper=paper,
            upload=form.cleaned_data["file"],
            by=request.user,
        )
        if version:
            messages.success(
                request, f"Version {version.number} uploaded. Earlier versions are kept."
            )
            return redirect(paper)
    return form_page(
        request,
        form,
        title="Replace this paper",
        caption=paper.title,
        back_url=paper.get_absolute_url(),
        submit_label="Upload the new version",
        template="meetings/papers/upload.html",
        intro="The current file becomes an earlier version and stays available.",
    )


@permissions.public
@require_GET
def paper_file(request, paper_pk, version_pk):
    paper = access.get_paper_for(request, paper_pk)
    version = get_object_or_404(paper.versions, pk=version_pk)
    current_number = paper.versions.aggregate(current=Max("number"))["current"]
    reader = permissions.PaperAccess(request.user, request.organisation, today())
    if not reader.can_read_version(
        paper, version, paper.item.meeting.body_id, current_number=current_number
    ):
        raise Http404("No such file.")
    try:
        stored = version.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("No such file.") from missing
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=version.file_name,
        content_type=CONTENT_TYPES.get(version.file_type, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    _keep_private(response, paper)
    return response


# Putting a paper right: each change keeps its reason in the paper's history.


@require_http_methods(["GET", "POST"])
def paper_retitle(request, paper_pk):
    paper = access.get_paper_for(request, paper_pk, manage=True)
    form = RetitleForm(posted(request), initial={"title": paper.title})
    if form.is_valid() and run_action(
        form, actions.retitle_paper, paper=paper, by=request.user, **form.cleaned_data
    ):
        messages.success(request, "Paper renamed.")
        return redirect(paper)
    return form_page(
        request,
        form,
        title="Rename this paper",
        caption=paper.title,
        back_url=paper.get_absolute_url(),
        submit_label="Rename the paper",
        intro="The earlier title stays in the paper's history with the reason.",
    )


@require_http_methods(["GET", "POST"])
def paper_restriction(request, paper_pk):
    paper = access.get_paper_for(request, paper_pk, manage=True)
    form = RestrictionForm(
        posted(request),
        initial={"restricted": "yes" if paper.restricted else "no", "exemption": paper.exemption},
    )
    if form.is_valid() and run_action(
        form, actions.change_restriction, paper=paper, by=request.user, **form.cleaned_data
    ):
        messages.success(
            request, "Paper restricted." if paper.restricted else "Paper opened to the public."
        )
        return redirect(paper)
    return form_page(
        request,
        form,
        title="Change the restriction of this paper",
        caption=paper.title,
        back_url=paper.get_absolute_url(),
        submit_label="Change the restriction",
        intro="The change takes effect at once. Opening a paper removes its named officers.",
    )


@require_http_methods(["GET", "POST"])
def paper_withdraw(request, paper_pk):
    paper = access.get_paper_for(request, paper_pk, manage=True)
    form = WithdrawPaperForm(posted(request))
    if form.is_valid() and run_action(
        form, actions.withdraw_paper, paper=paper, by=request.user, **form.cleaned_data
    ):
        messages.success(request, "Paper withdrawn. Only the people who manage the body see it.")
        return redirect(paper)
    return form_page(
        request,
        form,
        title="Withdraw this paper",
        caption=paper.title,
        back_url=paper.get_absolute_url(),
        submit_label="Withdraw the paper",
        intro="From now on it is no longer on the agenda, and only the people who manage the "
        "body can open it. It stays in the paper's history.",
    )
