"""Who may see or do what in the risk register (a restricted risk follows the
restricted-information rule)."""

from django.db.models import Q

from steerco.permissions import (
    can_administer,
    can_manage_body,
    current_body_roles,
    is_member_of,
    secretary_body_ids,
)


def can_see_register(user, organisation):
    """The register is the council's own: every officer and member of it reads it (restricted
    risks apart, see RiskAccess)."""
    return is_member_of(user, organisation)


def can_add_risk(user, organisation):
    """Any officer of the council may raise a risk; they name its owner."""
    return is_member_of(user, organisation)


def can_manage_register(user, organisation, on):
    """Administrators and the secretaries of the council's bodies keep the register: they set
    the categories and appetite, and change or close any risk."""
    if not is_member_of(user, organisation):
        return False
    return can_administer(user, organisation) or bool(secretary_body_ids(user, organisation, on))


def can_change_risk(user, risk, on):
    """A risk's owner changes, reassesses and closes it; so does whoever keeps the register."""
    if not is_member_of(user, risk.organisation_id):
        return False
    return risk.owner_id == user.pk or can_manage_register(user, risk.organisation, on)


def can_escalate_risk(user, risk, on, from_bodies=()):
    """A risk is escalated to another body (who, when, why) by whoever may change it, or by
    whoever manages a body it may be escalated from (`from_bodies`: the project boards of the
    projects it affects and the register's body), such as a project board's secretary."""
    if not is_member_of(user, risk.organisation_id):
        return False
    if can_change_risk(user, risk, on):
        return True
    return any(can_manage_body(user, body, on) for body in from_bodies)


def can_accept_escalation(user, body, on):
    """The secretary of the register's body (or an administrator) puts a risk for escalation on
    the agenda of its next meeting."""
    return body is not None and can_manage_body(user, body, on)


def can_update_risk_action(user, action, risk, on, access=None):
    """A risk's mitigating action is read and updated by its owner, the risk's owner, the
    current members of the body whose action log it is on (the register's body) and whoever
    manages that body (its secretary). A restricted risk's action goes only as far as the
    risk: whoever may not read the risk neither reads nor updates it (`access`, the
    person's RiskAccess, when the caller has it)."""
    if not is_member_of(user, action.organisation_id):
        return False
    if risk.restricted:
        access = access or RiskAccess(user, risk.organisation, action.body, on)
        if not access.can_read(risk):
            return False
    if user.pk in (action.owner_id, risk.owner_id):
        return True
    if action.body_id in current_body_roles(user, risk.organisation, on):
        return True
    return can_manage_body(user, action.body, on)


def can_void_risk_action(user, action, risk, on):
    """A mitigating action raised at no meeting, entered in error, is voided by whoever
    changes its risk: the risk's owner and whoever keeps the register. One raised at a meeting
    belongs to that meeting's record, and is voided there."""
    return action.meeting_id is None and can_change_risk(user, risk, on)


def hidden_risk_actions(user, organisation, body, on):
    """A Q of the organisation's actions this person may not read: those of the restricted
    risks they may not read (`body` is the register's)."""
    from steerco.risks.models import Risk, RiskAction

    unreadable = Risk.objects.filter(organisation=organisation).exclude(
        RiskAccess(user, organisation, body, on).readable()
    )
    return Q(pk__in=RiskAction.objects.filter(risk__in=unreadable).values("action_id"))


class RiskAccess:
    """Which risks one person may read, worked out once per page.

    As for a restricted paper: a restricted risk is for the current members of the body that
    owns the register (its secretary is one), its owner and whoever raised it. No one else reads
    it, administrators included, nor learns that it exists: lists, counts, heat maps and
    searches leave it out. A person who declared a prejudicial interest in an agenda item where
    the risk was escalated (or in a copy carried to or from it) no longer reads the restricted
    risk, whoever they are, as for the item's restricted papers.
    """

    def __init__(self, user, organisation, body, on):
        from django.db.models import Q as Where

        from steerco.meetings.models import Declaration
        from steerco.risks.models import Escalation

        self.user_id = user.pk if is_member_of(user, organisation) else None
        roles = current_body_roles(user, organisation, on) if self.user_id else {}
        self.sees_all = body is not None and body.pk in roles
        self.withheld_risk_ids = set()
        if self.user_id is None:
            return
        # One query whatever the person declared: the items they declared a prejudicial
        # interest in and the copies carried to or from them.
        declared = Declaration.objects.filter(
            person=user,
            kind=Declaration.Kind.PREJUDICIAL,
            item__meeting__organisation=organisation,
        ).values("item_id")
        self.withheld_risk_ids = set(
            Escalation.objects.filter(
                Where(item__in=declared)
                | Where(item__carried_from__in=declared)
                | Where(item__carried_to__in=declared)
            ).values_list("risk_id", flat=True)
        )

    def readable(self, path=""):
        """A Q of the risks (reached through `path`, "risk__") this person may read."""
        if self.user_id is None:
            return Q(pk__in=[])
        withheld = Q(**{f"{path}restricted": True, f"{path}pk__in": self.withheld_risk_ids})
        if self.sees_all:
            return ~withheld
        return (
            Q(**{f"{path}restricted": False})
            | Q(**{f"{path}owner_id": self.user_id})
            | Q(**{f"{path}created_by_id": self.user_id})
        ) & ~withheld

    def can_read(self, risk):
        if self.user_id is None:
            return False
        if risk.restricted and risk.pk in self.withheld_risk_ids:
            return False
        return (
            self.sees_all
            or not risk.restricted
            or self.user_id in (risk.owner_id, risk.created_by_id)
        )
