"""Who may see or do what with the council's investment planning scenarios."""

from steerco.permissions import (
    can_administer,
    can_manage_body,
    current_body_roles,
    is_member_of,
    secretary_body_ids,
)


def can_see_scenarios(user, organisation):
    """Scenarios are built from the council's register, which every officer and member of it
    reads, so they read the scenarios and their answers too. Restricted business cases and
    restricted risks never enter a scenario (`steerco/planning/candidates.py`)."""
    return is_member_of(user, organisation)


def can_manage_scenarios(user, organisation, on):
    """Whoever keeps the register (an administrator, or the secretary of one of the council's
    bodies, as for the portfolio) creates, changes, optimises and uploads scenarios: an answer
    is what the steering group will be shown."""
    if not is_member_of(user, organisation):
        return False
    return can_administer(user, organisation) or bool(secretary_body_ids(user, organisation, on))


def can_recommend_scenario(user, meeting, on):
    """A scenario is put to a meeting by whoever both keeps the scenarios and adds items to
    that meeting's agenda (an administrator, or the body's secretary)."""
    return can_manage_scenarios(user, meeting.organisation, on) and can_manage_body(
        user, meeting.body, on
    )


def can_manage_scoring_model(user, organisation, on):
    """The scoring model (its criteria, their weights and scales, the spread flagged) is kept by
    whoever keeps the scenarios: an administrator, or the secretary of one of the council's
    bodies (the portfolio office)."""
    return can_manage_scenarios(user, organisation, on)


def can_score_candidates(user, organisation, on):
    """Assessors are the current members of a steering group of the council who count toward
    its quorum (its chair, vice chair, senior responsible officers and supporting officers):
    the people who will weigh the candidates. Its secretary keeps the model and observers
    only watch, so neither scores."""
    from steerco.governance.models import Body, Membership

    assessing = {
        Membership.Role.CHAIR,
        Membership.Role.VICE_CHAIR,
        Membership.Role.SENIOR_RESPONSIBLE_OFFICER,
        Membership.Role.SUPPORTING_OFFICER,
    }
    if not is_member_of(user, organisation):
        return False
    bodies = [
        body_id
        for body_id, roles in current_body_roles(user, organisation, on).items()
        if roles & assessing
    ]
    return bool(bodies) and (
        Body.objects.filter(pk__in=bodies, kind=Body.Kind.STEERING_GROUP).exists()
    )
