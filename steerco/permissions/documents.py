"""Who may read the documents steerco writes: the agenda packs, the files forwarded and the
council reports."""

from steerco.permissions import can_manage_body
from steerco.permissions.meetings import can_see_meeting


def can_read_pack(user, pack, access):
    """A pack is read by whoever may read every paper it holds in full (`access`, the reader's
    PaperAccess, decides each as for the paper itself), once its meeting is one they may see: so
    the public pack is for everyone once the agenda is published, the members' pack for the
    body's members, and a pack built while a paper was open is closed to the public the moment
    that paper is restricted or withdrawn. A members' pack built for one person (who may not
    read some restricted papers) is theirs alone: its contents say what they were withheld."""
    if not pack.is_ready or not can_see_meeting(user, pack.meeting):
        return False
    if pack.person_id is not None and pack.person_id != user.pk:
        return False
    return all(access.can_read(paper, pack.meeting.body_id) for paper in pack.papers.all())


def can_see_pack_state(access, meeting):
    """Whoever manages the body (its secretary, an administrator) sees every pack's state:
    building, ready, or failed and why, and which papers could not be included."""
    return access.manages(meeting.body_id)


def can_open_sent_file(user, forwarding, on):
    """The file a forwarding sent holds the open record (documents.actions.keep_sent_file): it
    is kept for whoever manages the body, the sender's own office."""
    return can_manage_body(user, forwarding.meeting.body, on)


def can_write_council_report(user, item, on):
    """Whoever runs the body writes the reports its agenda puts to it."""
    return can_manage_body(user, item.meeting.body, on)


def can_read_council_report(user, item, papers, access):
    """A council report lists its item's papers as appendices and says what they are for: it
    is read by whoever may see the meeting and read every one of those papers (`access`, the
    reader's PaperAccess), so a report on restricted business is as restricted as its papers."""
    if not can_see_meeting(user, item.meeting):
        return False
    return all(access.can_read(paper, item.meeting.body_id) for paper in papers)
