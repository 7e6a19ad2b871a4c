"""Who may see or do what with the council's strategies."""

from steerco.permissions import (
    can_administer,
    can_manage_body,
    is_member_of,
    secretary_body_ids,
)


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


def can_see_kpis(user, organisation):
    """The performance standards framework is the council's own, like its strategy: every
    officer and member reads the KPIs and their measurements."""
    return is_member_of(user, organisation)


def can_manage_kpis(user, organisation, on):
    """Whoever records the strategy adds KPIs and sets their targets, tolerances, owners and
    benchmarks."""
    return can_manage_strategy(user, organisation, on)


def can_record_measurement(user, kpi, on):
    """A KPI's owner records and corrects its measurements, and so does whoever manages the
    KPIs."""
    organisation = kpi.organisation
    if not is_member_of(user, organisation):
        return False
    return kpi.owner_id == user.pk or can_manage_kpis(user, organisation, on)


def can_update_plan_action(user, action, on):
    """An action of the strategy's action plan is updated by its owner, by whoever manages the
    body whose action log it is on, and by whoever records the strategy."""
    organisation = action.organisation
    if not is_member_of(user, organisation):
        return False
    return (
        action.owner_id == user.pk
        or can_manage_body(user, action.body, on)
        or can_manage_strategy(user, organisation, on)
    )


def can_manage_milestones(user, organisation, on):
    """Whoever records the strategy adds the milestones of its action plan, records when one
    was achieved and corrects them (each change with its reason)."""
    return can_manage_strategy(user, organisation, on)


def can_see_strategy_registers(user, organisation):
    """The registers the strategy asks the group to keep (legislation, skills, digital
    champions) are the council's own, like the strategy: every officer and member reads them."""
    return is_member_of(user, organisation)


def can_manage_strategy_registers(user, organisation, on):
    """Whoever records the strategy keeps its registers: adds and changes legislation, skills,
    teams, levels and digital champions, and closes them with a reason."""
    return can_manage_strategy(user, organisation, on)


def can_update_development_action(user, action, on):
    """A development action of the skills framework is updated by its owner, by whoever manages
    the body whose action log it is on, and by whoever keeps the registers."""
    organisation = action.organisation
    if not is_member_of(user, organisation):
        return False
    return (
        action.owner_id == user.pk
        or can_manage_body(user, action.body, on)
        or can_manage_strategy_registers(user, organisation, on)
    )
