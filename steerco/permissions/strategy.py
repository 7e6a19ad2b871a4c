"""Who may see or do what with the council's strategies."""

from steerco.permissions import can_administer, is_member_of, secretary_body_ids


def can_see_strategies(user, organisation):
    """The strategy is the council's own: every officer and member of it reads it, the
    current one and the earlier ones."""
    return is_member_of(user, organisation)


def can_manage_strategy(user, organisation, on):
    """Administrators and the secretaries of the council's bodies record strategies: they draft
    them, record the decision that approved one and say which is current."""
    if not is_member_of(user, organisation):
        return False
    return can_administer(user, organisation) or bool(secretary_body_ids(user, organisation, on))
