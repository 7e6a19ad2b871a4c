"""Who may see or do what: every such rule in steerco is a predicate here.

Views, the API, search, feeds, exports and documents ask these predicates; none decides
access by itself. Outsiders get the same answer for "not allowed" and "does not exist" (404),
so that another organisation's objects cannot even be discovered.
"""

from django.contrib.auth.decorators import login_not_required

from steerco.accounts.models import OrganisationMembership


def organisation_role(user, organisation):
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_organisation_roles", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = (
            OrganisationMembership.objects.filter(user=user, organisation=organisation)
            .values_list("role", flat=True)
            .first()
        )
    return cache[organisation.pk]


def is_member_of(user, organisation):
    return organisation_role(user, organisation) is not None


def can_administer(user, organisation):
    return organisation_role(user, organisation) == OrganisationMembership.Role.ADMINISTRATOR


def secretary_body_ids(user, organisation, on):
    """The bodies this person is the current secretary of."""
    from steerco.governance.models import Membership

    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.current(on)
        .filter(organisation=organisation, person=user, role=Membership.Role.SECRETARY)
        .values_list("body_id", flat=True)
    )


def can_manage_body(user, body, on):
    """Administrators manage every body of their organisation; a secretary manages the body
    they support. Nobody outside the organisation manages anything in it."""
    organisation = body.organisation
    if not is_member_of(user, organisation):
        return False
    return can_administer(user, organisation) or body.pk in secretary_body_ids(
        user, organisation, on
    )


def public(view):
    """Marks a page of an organisation as open to everyone (a transparency page). Every other
    page under `<org>/` is for the organisation's members only (`OrganisationMiddleware`)."""
    view = login_not_required(view)
    view.organisation_public = True
    return view


def is_public(view):
    return getattr(view, "organisation_public", False)


def can_update_action(user, action, on):
    """Its owner updates an action; so does whoever manages the body whose log it is on."""
    return is_member_of(user, action.organisation) and (
        action.owner_id == user.pk or can_manage_body(user, action.body, on)
    )


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


def may_send_own_apologies(meeting, today):
    """A member sends their own apologies ahead of the meeting (or on the day), never after:
    after the meeting only the secretary records who was there."""
    return not meeting.is_cancelled and meeting.on >= today


def _with_carried(item_ids):
    """The items and every later agenda they were carried to: the same business, so an
    interest declared on it follows it."""
    from steerco.meetings.models import AgendaItem

    found, frontier = set(item_ids), set(item_ids)
    while frontier:
        frontier = (
            set(AgendaItem.objects.filter(carried_from__in=frontier).values_list("pk", flat=True))
            - found
        )
        found |= frontier
    return found


class PaperAccess:
    """Which restricted papers one person may read, worked out once per page.

    A restricted paper is for the body's current members (the secretary is one), and for
    officers named on the paper; no one else, administrators included. A person who declared
    a prejudicial interest in the item no longer receives its restricted papers, from the
    moment of the declaration, whoever they are.
    """

    def __init__(self, user, organisation, on):
        from steerco.governance.models import Membership
        from steerco.meetings.models import Declaration, Paper

        self.member_body_ids = set()
        self.named_paper_ids = set()
        self.withheld_item_ids = set()
        if not is_member_of(user, organisation):
            return
        self.member_body_ids = set(
            Membership.objects.current(on)
            .filter(organisation=organisation, person=user)
            .values_list("body_id", flat=True)
        )
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

    def can_read(self, paper, body_id):
        if not paper.restricted:
            return True
        if paper.item_id in self.withheld_item_ids:
            return False
        return body_id in self.member_body_ids or paper.pk in self.named_paper_ids
