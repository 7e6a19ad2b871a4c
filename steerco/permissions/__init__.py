"""Who may see or do what: every such rule in steerco is a predicate of this package.

This module holds the organisation's rules (roles, bodies, membership); each capability has its
module beside it (`meetings.py`), re-exported here so that callers ask `permissions.<rule>`.
Views, the API, search, feeds, exports and documents ask these predicates, and templates receive
their answers as booleans; none decides access by itself. Outsiders get the same answer for "not
allowed" and "does not exist" (404), so that another organisation's objects cannot even be
discovered. docs/permissions.md is the matrix, read cell by cell by the tests.
"""

from django.contrib.auth.decorators import login_not_required

from steerco.accounts.models import OrganisationMembership


def organisation_role(user, organisation):
    """The person's role in the organisation (given as itself or its id), or None."""
    if not user.is_authenticated:
        return None
    pk = getattr(organisation, "pk", organisation)
    cache = user.__dict__.setdefault("_organisation_roles", {})
    if pk not in cache:
        cache[pk] = (
            OrganisationMembership.objects.filter(user=user, organisation_id=pk)
            .values_list("role", flat=True)
            .first()
        )
    return cache[pk]


def is_member_of(user, organisation):
    return organisation_role(user, organisation) is not None


def can_administer(user, organisation):
    return organisation_role(user, organisation) == OrganisationMembership.Role.ADMINISTRATOR


def administered_organisations(user):
    """The organisations whose rows this person sees in the Django admin: those they administer,
    superuser or not (being a superuser is not being every council's administrator)."""
    from steerco.accounts.models import Organisation

    if not (user.is_active and user.is_staff):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=OrganisationMembership.Role.ADMINISTRATOR
    )


def current_body_roles(user, organisation, on):
    """The person's current roles on the organisation's bodies, `{body_id: {role, …}}`: read
    once a request, for every rule that asks which bodies someone sits on or supports."""
    from steerco.governance.models import Membership

    if not user.is_authenticated:
        return {}
    cache = user.__dict__.setdefault("_body_roles", {})
    if (organisation.pk, on) not in cache:
        roles = {}
        for body_id, role in (
            Membership.objects.current(on)
            .filter(organisation=organisation, person=user)
            .values_list("body_id", "role")
        ):
            roles.setdefault(body_id, set()).add(role)
        cache[organisation.pk, on] = roles
    return cache[organisation.pk, on]


def secretary_body_ids(user, organisation, on):
    """The bodies this person is the current secretary of."""
    from steerco.governance.models import Membership

    return {
        body_id
        for body_id, roles in current_body_roles(user, organisation, on).items()
        if Membership.Role.SECRETARY in roles
    }


def managed_bodies(user, organisation, on):
    """The bodies whose business this person runs: every body of the organisation for an
    administrator, the bodies they are the secretary of for anyone else."""
    from steerco.governance.models import Body

    bodies = Body.objects.filter(organisation=organisation).select_related("organisation")
    if can_administer(user, organisation):
        return bodies
    return bodies.filter(pk__in=secretary_body_ids(user, organisation, on))


def runs_meetings(user, organisation, on):
    """Administrators and secretaries run meetings: they have the secretary's dashboard."""
    return can_administer(user, organisation) or bool(secretary_body_ids(user, organisation, on))


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


def can_grant_membership(user, body, person, on):
    """Who manages a body adds its members and changes their terms, but never their own: a
    membership is access to the body's restricted papers, and nobody grants themselves that."""
    return can_manage_body(user, body, on) and person.pk != user.pk


# The rules of each capability, asked as permissions.<rule> like the ones above.
from steerco.permissions.calendars import (  # noqa: E402
    can_have_calendar_address,
    can_use_calendar_address,
    feed_meetings,
    public_feed_meetings,
)
from steerco.permissions.dashboard import can_see_chairs_dashboard  # noqa: E402
from steerco.permissions.documents import (  # noqa: E402
    can_open_sent_file,
    can_read_council_report,
    can_read_pack,
    can_see_pack_state,
    can_write_council_report,
)
from steerco.permissions.meetings import (  # noqa: E402
    SELF_SERVICE_ATTENDANCE,
    PaperAccess,
    can_add_paper,
    can_agree_agenda,
    can_agree_previous_record,
    can_cancel_meeting,
    can_change_record,
    can_confirm_decision,
    can_declare_interest,
    can_record_attendance,
    can_see_action_log,
    can_see_draft_minutes,
    can_see_meeting,
    can_see_meeting_history,
    can_send_apologies,
    can_update_action,
    can_void_entries,
    chaired_body_ids,
    sits_on,
    visible_meetings,
)
from steerco.permissions.planning import (  # noqa: E402
    can_manage_scenarios,
    can_manage_scoring_model,
    can_recommend_scenario,
    can_score_candidates,
    can_see_scenarios,
)
from steerco.permissions.portfolio import (  # noqa: E402
    PortfolioAccess,
    can_change_business_case,
    can_change_project,
    can_change_submission,
    can_handle_submission,
    can_import_projects,
    can_manage_appraisal_parameters,
    can_manage_portfolio,
    can_see_portfolio,
    can_start_new_version,
    can_submit,
    can_withdraw_submission,
    can_write_business_case,
    portfolio_access_for,
)
from steerco.permissions.progress_report import (  # noqa: E402
    can_see_progress_report,
    can_write_progress_report,
)
from steerco.permissions.risks import (  # noqa: E402
    RiskAccess,
    can_accept_escalation,
    can_add_risk,
    can_change_risk,
    can_escalate_risk,
    can_manage_register,
    can_see_register,
    can_update_risk_action,
    can_void_risk_action,
    hidden_risk_actions,
)
from steerco.permissions.strategy import (  # noqa: E402
    can_manage_kpis,
    can_manage_milestones,
    can_manage_strategy,
    can_manage_strategy_registers,
    can_record_measurement,
    can_see_kpis,
    can_see_strategies,
    can_see_strategy_registers,
    can_update_development_action,
    can_update_plan_action,
)

__all__ = [
    "SELF_SERVICE_ATTENDANCE",
    "PaperAccess",
    "PortfolioAccess",
    "RiskAccess",
    "administered_organisations",
    "can_accept_escalation",
    "can_add_paper",
    "can_add_risk",
    "can_administer",
    "can_agree_agenda",
    "can_agree_previous_record",
    "can_cancel_meeting",
    "can_change_business_case",
    "can_change_project",
    "can_change_record",
    "can_change_risk",
    "can_change_submission",
    "can_confirm_decision",
    "can_declare_interest",
    "can_escalate_risk",
    "can_grant_membership",
    "can_handle_submission",
    "can_have_calendar_address",
    "can_import_projects",
    "can_manage_appraisal_parameters",
    "can_manage_body",
    "can_manage_kpis",
    "can_manage_milestones",
    "can_manage_portfolio",
    "can_manage_register",
    "can_manage_scenarios",
    "can_manage_scoring_model",
    "can_manage_strategy",
    "can_manage_strategy_registers",
    "can_open_sent_file",
    "can_read_council_report",
    "can_read_pack",
    "can_recommend_scenario",
    "can_record_attendance",
    "can_record_measurement",
    "can_score_candidates",
    "can_see_action_log",
    "can_see_chairs_dashboard",
    "can_see_draft_minutes",
    "can_see_kpis",
    "can_see_meeting",
    "can_see_meeting_history",
    "can_see_pack_state",
    "can_see_portfolio",
    "can_see_progress_report",
    "can_see_register",
    "can_see_scenarios",
    "can_see_strategies",
    "can_see_strategy_registers",
    "can_send_apologies",
    "can_start_new_version",
    "can_submit",
    "can_update_action",
    "can_update_development_action",
    "can_update_plan_action",
    "can_update_risk_action",
    "can_use_calendar_address",
    "can_void_entries",
    "can_void_risk_action",
    "can_withdraw_submission",
    "can_write_business_case",
    "can_write_council_report",
    "can_write_progress_report",
    "chaired_body_ids",
    "current_body_roles",
    "feed_meetings",
    "hidden_risk_actions",
    "is_member_of",
    "is_public",
    "managed_bodies",
    "organisation_role",
    "portfolio_access_for",
    "public",
    "public_feed_meetings",
    "runs_meetings",
    "secretary_body_ids",
    "sits_on",
    "visible_meetings",
]
