"""Fetch and authorise the documents' downloads in one step: 404 for a pack of another
organisation and for one the reader may not read, as for one that does not exist."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.documents.models import Pack
from steerco.lib.dates import today


def get_pack_for(request, pk):
    pack = get_object_or_404(
        Pack.objects.select_related("meeting__body", "meeting__organisation").prefetch_related(
            "papers"
        ),
        meeting__organisation=request.organisation,
        pk=pk,
    )
    access = permissions.PaperAccess(request.user, request.organisation, today())
    if not permissions.can_read_pack(request.user, pack, access):
        raise Http404("No such pack.")
    return pack
