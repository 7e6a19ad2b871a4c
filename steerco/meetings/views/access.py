"""Fetch-and-authorise helpers shared by the meeting views.

Another organisation's objects, meetings whose agenda the reader may not see yet, and restricted
papers the reader may not read all give the same 404, so none of them can be discovered.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from steerco import permissions
from steerco.meetings.models import Action, AgendaItem, Paper
from steerco.meetings.queries import get_meeting


def today():
    return timezone.localdate()


def can_manage(request, body):
    return permissions.is_member_of(
        request.user, body.organisation
    ) and permissions.can_manage_body(request.user, body, today())


def _authorise(request, meeting, manage):
    if not permissions.can_see_meeting(request.user, meeting):
        raise Http404("No such meeting.")
    if manage and not can_manage(request, meeting.body):
        raise PermissionDenied


def get_meeting_for(request, organisation, meeting_pk, *, manage=False):
    meeting = get_meeting(organisation, meeting_pk)
    _authorise(request, meeting, manage)
    return meeting


def get_item_for(request, organisation, item_pk, *, manage=False):
    item = get_object_or_404(
        AgendaItem.objects.select_related(
            "meeting__organisation", "meeting__body__organisation", "meeting__minutes_approved_at"
        ),
        meeting__organisation=organisation,
        pk=item_pk,
    )
    _authorise(request, item.meeting, manage)
    return item


def get_paper_for(request, organisation, paper_pk, *, manage=False):
    """A paper the reader may read, or 404 – whether it exists or not."""
    paper = get_object_or_404(
        Paper.objects.select_related(
            "organisation", "item__meeting__organisation", "item__meeting__body__organisation"
        ),
        organisation=organisation,
        pk=paper_pk,
    )
    meeting = paper.item.meeting
    _authorise(request, meeting, manage)
    access = permissions.PaperAccess(request.user, organisation, today())
    if not access.can_read(paper, meeting.body_id):
        raise Http404("No such paper.")
    return paper


def get_action_for(request, organisation, action_pk):
    """An action of the council; its owner or the body's secretary may update it."""
    if not permissions.is_member_of(request.user, organisation):
        raise Http404("No such action.")
    action = get_object_or_404(
        Action.objects.select_related("owner", "body__organisation", "meeting__organisation"),
        organisation=organisation,
        pk=action_pk,
    )
    if action.owner_id != request.user.pk and not can_manage(request, action.body):
        raise PermissionDenied
    return action
