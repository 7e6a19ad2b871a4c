"""The agenda packs are built by the task worker, never in a request: a pack of a thousand
pages takes seconds, and a hostile paper must fail away from the web server."""

from django_tasks import task

from steerco.meetings.models import Meeting


@task()
def build_packs(meeting_id, token=None):
    """`token`: the request this build answers (documents.actions.request_packs); a build
    superseded by a later request builds nothing. None (the build_packs command) always builds."""
    from steerco.documents import actions

    if actions.superseded(meeting_id, token):
        return 0
    meeting = Meeting.objects.select_related("body", "organisation").filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    return len(actions.build_packs(meeting))
