"""Who may read and write the annual progress report of a strategy."""

from steerco.permissions.strategy import can_manage_strategy, can_see_strategies


def can_see_progress_report(user, organisation):
    """The report is the council's own, like its strategy: every person of the council reads
    it and its documents (the restricted risks only as far as they may read them)."""
    return can_see_strategies(user, organisation)


def can_write_progress_report(user, organisation, on):
    """Whoever records the strategy writes the report's commentary and front matter."""
    return can_manage_strategy(user, organisation, on)
