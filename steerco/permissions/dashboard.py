"""Who may see the chair's dashboard and its controls. Each part of it follows its own
capability's rules (a restricted risk the reader may not read is not among the top risks); the
controls are the ones the reader may use."""

from steerco.permissions import is_member_of


def can_see_chairs_dashboard(user, organisation):
    """The chair's dashboard summarises what every person of the council reads (the strategy,
    the KPIs, the portfolio, the risks they may read, the action logs, the steering group's next
    meeting): every officer and member of the council has it."""
    return is_member_of(user, organisation)
