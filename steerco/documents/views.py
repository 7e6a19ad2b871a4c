from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from steerco import permissions
from steerco.documents.access import get_pack_for


@permissions.public
@require_GET
def pack_file(request, pack_pk):
    pack = get_pack_for(request, pack_pk)
    try:
        stored = pack.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404("No such pack.") from missing
    meeting = pack.meeting
    name = "supplementary-agenda-pack" if pack.supplementary else "agenda-pack"
    audience = "-public" if pack.audience == pack.Audience.PUBLIC else ""
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=f"{name}{audience}-{meeting.on:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    if pack.papers.all() and any(paper.restricted for paper in pack.papers.all()):
        response["Cache-Control"] = "private, no-store"
    else:
        response["Cache-Control"] = "private"
    return response
