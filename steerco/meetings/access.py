"""Fetch-and-authorise helpers for the meeting pages: one step each, so no view forgets.

Another organisation's objects, meetings whose agenda the reader may not see yet, and restricted
papers the reader may not read all give the same 404, so none of them can be discovered; a person
of the organisation who may not change the object gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.lib.dates import today
from steerco.meetings import origins
from steerco.meetings.models import Action, AgendaItem, Decision, Declaration, Paper, Withdrawal
from steerco.meetings.queries import get_meeting


def can_manage(request, body):
    return permissions.can_manage_body(request.user, body, today())


def _authorise(request, meeting, manage):
    if not permissions.can_see_meeting(request.user, meeting):
        raise Http404("No such meeting.")
    if manage and not can_manage(request, meeting.body):
        raise PermissionDenied


def get_meeting_for(request, pk, *, manage=False):
    meeting = get_meeting(request.organisation, pk)
    _authorise(request, meeting, manage)
    return meeting


def get_item_for(request, pk, *, manage=False):
    item = get_object_or_404(
        AgendaItem.objects.select_related(
            "meeting__organisation", "meeting__body__organisation", "meeting__minutes_approved_at"
        ),
        meeting__organisation=request.organisation,
        pk=pk,
    )
    _authorise(request, item.meeting, manage)
    return item


def get_paper_for(request, pk, *, manage=False):
    """A paper the reader may read, or 404 – whether it exists or not."""
    paper = get_object_or_404(
        Paper.objects.select_related(
            "organisation", "item__meeting__organisation", "item__meeting__body__organisation"
        ),
        organisation=request.organisation,
        pk=pk,
    )
    meeting = paper.item.meeting
    _authorise(request, meeting, manage)
    access = permissions.PaperAccess(request.user, request.organisation, today())
    if not access.can_read(paper, meeting.body_id):
        raise Http404("No such paper.")
    return paper


def get_decision_for(request, pk, *, manage=False):
    decision = get_object_or_404(
        Decision.objects.select_related(
            "body",
            "item__meeting__organisation",
            "item__meeting__body__organisation",
            "item__meeting__minutes_approved_at",
        ),
        organisation=request.organisation,
        pk=pk,
    )
    _authorise(request, decision.item.meeting, manage)
    return decision


def get_action_for(request, pk):
    """An action of the council that this person may update: its owner, or whoever manages
    the body whose action log it is on (an action raised elsewhere, such as a risk's, by the
    rule of where it arose). One they may not read (a restricted risk's) is 404."""
    day = today()
    action = get_object_or_404(
        Action.objects.select_related(
            "owner", "organisation", "body__organisation", "meeting__organisation"
        ).exclude(origins.hidden(request.user, request.organisation, day)),
        organisation=request.organisation,
        pk=pk,
    )
    origins.describe([action])
    if not permissions.can_update_action(request.user, action, day):
        raise PermissionDenied
    return action


VOIDABLE = {
    "decision_pk": Decision,
    "action_pk": Action,
    "declaration_pk": Declaration,
    "withdrawal_pk": Withdrawal,
}


def get_entry_for(request, parameter, pk):
    """A decision, action, declaration or withdrawal of the record (not voided), for whoever
    manages its body to void: named by the route's parameter (`decision_pk`)."""
    model = VOIDABLE[parameter]
    via = "meeting" if model is Action else "item__meeting"
    entry = get_object_or_404(
        model.objects.select_related(
            f"{via}__organisation", f"{via}__body__organisation", f"{via}__minutes_approved_at"
        ),
        **{f"{via}__organisation": request.organisation, "pk": pk},
    )
    meeting = entry.meeting if model is Action else entry.item.meeting
    _authorise(request, meeting, manage=True)
    return entry, meeting
