"""Who may see or do what in the meeting cycle: meetings, attendance, declarations, minutes,
the action log and restricted papers."""

from steerco.permissions import (
    can_administer,
    can_manage_body,
    current_body_roles,
    is_member_of,
    secretary_body_ids,
)

# What a member may record about their own attendance, ahead of the meeting: that they cannot
# come, or who comes in their place. Who was actually there is for the secretary to record.
SELF_SERVICE_ATTENDANCE = ("apologies", "substitute")


def can_update_action(user, action, on, *, manages=None):
    """Its owner updates an action; so does whoever manages the body whose log it is on. An
    action raised elsewhere (`action.origin`, see meetings/origins.py) follows the rule of
    where it arose. `manages` spares the query when the caller already knows whether the
    person manages it."""
    if not user.is_authenticated:
        return False
    from steerco.meetings import origins

    ruled = origins.may_update(user, action, on)
    if ruled is not None:  # raised elsewhere (a risk's action): the rule of where it arose
        return ruled
    if action.owner_id == user.pk and is_member_of(user, action.organisation_id):
        return True
    return manages if manages is not None else can_manage_body(user, action.body, on)


def can_see_meeting(user, meeting):
    """A meeting is public once its agenda is published; before that, the council's own only."""
    return meeting.is_published or is_member_of(user, meeting.organisation)


def visible_meetings(user, organisation, rows, *, via=""):
    """The rows whose meeting (reached through `via`, such as "item__meeting__") this person may
    see: the same rule as can_see_meeting, for a list."""
    if is_member_of(user, organisation):
        return rows
    return rows.filter(**{f"{via}agenda_published_at__isnull": False})


def sits_on(user, meeting):
    """A member of the meeting's body on the day of the meeting."""
    from steerco.governance.models import Membership

    return (
        user.is_authenticated
        and Membership.objects.current(meeting.on)
        .filter(body_id=meeting.body_id, person=user)
        .exists()
    )


def can_send_apologies(user, meeting, on):
    """A member sends their own apologies (or names their substitute) ahead of the meeting or on
    the day, never after: after the meeting only the secretary records who was there."""
    return not meeting.is_cancelled and meeting.on >= on and sits_on(user, meeting)


def can_record_attendance(user, meeting, *, person, status, on, manages):
    """Whoever manages the body records anyone's attendance; a member only their own apologies
    or substitute, and only while they may send apologies."""
    if manages:
        return True
    return (
        person.pk == user.pk
        and status in SELF_SERVICE_ATTENDANCE
        and can_send_apologies(user, meeting, on)
    )


def can_change_record(user, meeting, on, *, manages=None):
    """Whoever manages the body changes a meeting's agenda and record (items, papers,
    attendance, declarations, withdrawals, decisions, minutes) until its minutes are approved as
    an accurate record. After that the record stands: a later decision supersedes one of its
    decisions, and a later meeting records a correction with its approval of minutes."""
    if meeting.is_cancelled or meeting.minutes_approved:
        return False
    return manages if manages is not None else can_manage_body(user, meeting.body, on)


def can_cancel_meeting(user, meeting, on, *, took_place, manages=None):
    """A meeting that did not take place is cancelled by whoever manages the body. One with
    attendance, decisions or minutes recorded took place: its record is corrected instead,
    since a cancelled meeting's decisions would not stand."""
    if meeting.is_cancelled or took_place:
        return False
    return manages if manages is not None else can_manage_body(user, meeting.body, on)


def can_agree_previous_record(user, meeting, on, *, manages=None):
    """A meeting agrees the previous meeting's minutes and action log when it sits: whoever
    manages the body records that on the day of the meeting or after, never ahead of it."""
    if not meeting.is_held(on):
        return False
    return manages if manages is not None else can_manage_body(user, meeting.body, on)


def can_declare_interest(user, meeting, on, *, manages):
    """A member declares their own interest in an item ahead of the meeting or at it; whoever
    manages the body records anyone's declaration, also afterwards from the minutes, until the
    minutes are approved."""
    if manages:
        return can_change_record(user, meeting, on, manages=True)
    return not meeting.is_cancelled and meeting.on >= on and sits_on(user, meeting)


CHAIRING_ROLES = ("chair", "vice_chair")


def chaired_body_ids(user, organisation, on):
    """The bodies this person chairs (or is vice chair of) on the day."""
    from steerco.governance.models import Membership

    if not is_member_of(user, organisation):
        return set()
    return set(
        Membership.objects.current(on)
        .filter(organisation=organisation, person=user, role__in=CHAIRING_ROLES)
        .values_list("body_id", flat=True)
    )


def can_agree_agenda(user, meeting, on):
    """The chair (or vice chair) on the day of the meeting approves its agenda before the
    secretary publishes it; once published, the agenda is the secretary's to correct."""
    from steerco.governance.models import Membership

    return (
        not meeting.is_published
        and not meeting.is_cancelled
        and meeting.on >= on
        and is_member_of(user, meeting.organisation_id)
        and Membership.objects.current(meeting.on)
        .filter(body_id=meeting.body_id, person=user, role__in=CHAIRING_ROLES)
        .exists()
    )


def can_confirm_decision(user, decision, meeting):
    """The person the secretary named as confirming a decision taken by agreement confirms it
    themselves, once, while the minutes of its meeting are still a draft."""
    return (
        user.is_authenticated
        and decision.confirmed_by_id == user.pk
        and decision.confirmed_at is None
        and not meeting.minutes_approved
    )


def can_add_paper(user, item, *, manages):
    """Whoever manages the body adds papers (after publication as late papers); the officer
    presenting an item adds their own paper to it while the agenda is a draft."""
    meeting = item.meeting
    if meeting.is_cancelled or meeting.minutes_approved:
        return False
    if manages:
        return True
    return (
        user.is_authenticated
        and item.presenting_officer_id == user.pk
        and not meeting.is_published
        and is_member_of(user, meeting.organisation_id)
    )


def can_void_entries(user, meeting, on, *, manages=None):
    """Whoever manages the body voids a decision, action, declaration or withdrawal entered in
    error, until the minutes are approved: after that the record stands, and is put right by a
    later decision superseding it or a correction recorded with the approval."""
    if meeting.minutes_approved:
        return False
    return manages if manages is not None else can_manage_body(user, meeting.body, on)


def can_see_draft_minutes(user, meeting):
    """Minutes are public once approved as an accurate record; drafts are the council's own."""
    return meeting.minutes_approved or is_member_of(user, meeting.organisation)


def can_see_meeting_history(user, meeting):
    """The history of a meeting (moves, with their reasons) is the council's own record."""
    return is_member_of(user, meeting.organisation)


def can_see_action_log(user, organisation):
    """The action log names officers and their tasks: the council's own people only."""
    return is_member_of(user, organisation)


def _with_carried(item_ids):
    """The items and every agenda they were carried to or from: one piece of business, whose
    copies share their papers' files, so an interest declared on any copy covers them all."""
    from django.db.models import Q

    from steerco.meetings.models import AgendaItem

    found, frontier = set(item_ids), set(item_ids)
    while frontier:
        # Carried from one of them, or the item one of them was carried from: asked through
        # the `carried_from` column both ways (indexed), not a join of every item to its
        # copies, and in no order (the items' own ordering joins their meetings).
        carried_from = AgendaItem.objects.filter(pk__in=frontier).values("carried_from")
        linked = (
            AgendaItem.objects.filter(Q(carried_from__in=frontier) | Q(pk__in=carried_from))
            .order_by()
            .values_list("pk", flat=True)
        )
        frontier = set(linked) - found
        found |= frontier
    return found


class PaperAccess:
    """Which restricted papers one person may read, worked out once per page.

    A restricted paper is for the body's current members (the secretary is one), and for
    officers named on the paper; no one else, administrators included. A person who declared
    a prejudicial interest in the item no longer receives its restricted papers, from the
    moment of the declaration, whoever they are (a voided declaration withholds nothing).

    A withdrawn paper, and every version of a paper but the current one, is served only to
    whoever manages the body (its secretary, an administrator): a paper pulled or replaced
    because it was wrong is pulled at once for everyone else.
    """

    def __init__(self, user, organisation, on):
        from steerco.meetings.models import Declaration, Paper

        self.member_body_ids = set()
        self.named_paper_ids = set()
        self.withheld_item_ids = set()
        self.administers = False
        self.secretary_body_ids = set()
        if not is_member_of(user, organisation):
            return
        self.administers = can_administer(user, organisation)
        self.secretary_body_ids = secretary_body_ids(user, organisation, on)
        self.member_body_ids = set(current_body_roles(user, organisation, on))
        self.named_paper_ids = set(
            Paper.readers.through.objects.filter(
                user=user, paper__organisation=organisation
            ).values_list("paper_id", flat=True)
        )
        self.withheld_item_ids = _with_carried(
            set(
                Declaration.objects.filter(
                    person=user,
                    kind=Declaration.Kind.PREJUDICIAL,
                    item__meeting__organisation=organisation,
                ).values_list("item_id", flat=True)
            )
        )

    def manages(self, body_id):
        return self.administers or body_id in self.secretary_body_ids

    def can_read(self, paper, body_id):
        if paper.is_withdrawn and not self.manages(body_id):
            return False
        if not paper.restricted:
            return True
        if paper.item_id in self.withheld_item_ids:
            return False
        return body_id in self.member_body_ids or paper.pk in self.named_paper_ids

    def key(self, body_id):
        """Everything `can_read` asks of this person for the papers of one body's meetings: two
        people with the same key are shown exactly the same papers, so a page kept for one
        (the cached agenda) may be shown to the other, and to no one else."""
        return repr(
            (
                self.manages(body_id),
                body_id in self.member_body_ids,
                sorted(self.named_paper_ids),
                sorted(self.withheld_item_ids),
            )
        )

    def can_read_version(self, paper, version, body_id, *, current_number):
        """A version of a paper: the current one for whoever reads the paper, earlier ones
        (replaced, perhaps because they were wrong) for whoever manages the body."""
        if not self.can_read(paper, body_id):
            return False
        return version.number == current_number or self.manages(body_id)
