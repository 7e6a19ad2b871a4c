"""Who may see or do what in the ICT portfolio: the register, projects, submissions and
business cases (a restricted business case follows the restricted-paper rule)."""

from steerco.permissions import (
    can_administer,
    can_manage_body,
    is_member_of,
    secretary_body_ids,
)


def can_see_portfolio(user, organisation):
    """The register is the council's own: every officer and member of it reads it."""
    return is_member_of(user, organisation)


def can_manage_portfolio(user, organisation, on):
    """Administrators and the secretaries who run the council's bodies keep the register:
    they register projects and programmes, record dependencies and the catalogue."""
    if not is_member_of(user, organisation):
        return False
    return can_administer(user, organisation) or bool(secretary_body_ids(user, organisation, on))


def can_import_projects(user, organisation):
    """Importing a spreadsheet creates and changes projects in bulk: the council's
    administrators do it."""
    return can_administer(user, organisation)


def can_change_project(user, project, on):
    """Whoever keeps the register, and the project's own senior responsible owner and project
    manager, who report its confidence, benefits and business cases."""
    if not is_member_of(user, project.organisation_id):
        return False
    if user.pk in (project.sro_id, project.manager_id):
        return True
    return can_manage_portfolio(user, project.organisation, on)


def can_submit(user, organisation):
    """Any officer of the council may bring a submission to one of its bodies."""
    return is_member_of(user, organisation)


def can_withdraw_submission(user, submission):
    """The officer who made a submission withdraws it (while it waits: once accepted it is an
    item of the agenda, which its body's secretary keeps)."""
    return user.is_authenticated and submission.submitted_by_id == user.pk


def can_change_submission(user, submission, on):
    """While a submission waits, the officer who made it and whoever manages the body it was
    sent to may change it (what is asked, its kind, project, service, restriction and papers).
    Once it is on an agenda it is the meeting's; returned or withdrawn, it is history."""
    if submission.status != submission.Status.SUBMITTED:
        return False
    if user.is_authenticated and submission.submitted_by_id == user.pk:
        return is_member_of(user, submission.organisation_id)
    return can_manage_body(user, submission.body, on)


def can_handle_submission(user, submission, on):
    """The secretary of the body it was sent to accepts it onto an agenda or returns it."""
    return can_manage_body(user, submission.body, on)


class PortfolioAccess:
    """Which restricted submissions and business cases one person may read, worked out once
    per page.

    As for a restricted paper: a restricted submission is for the current members of the body
    it was sent to (the secretary is one) and for whoever submitted it; a restricted business
    case is for its project's senior responsible owner and manager, its author, and the current
    members of the project board and of every body it was submitted to. No one else reads them,
    administrators included. Once a submission is on an agenda its papers are the item's: a
    person who declared a prejudicial interest in the item (or a carried copy of it) no longer
    reads the restricted submission either, whoever they are, as for the item's papers.
    """

    def __init__(self, user, organisation, on):
        from steerco.governance.models import Membership
        from steerco.meetings.models import Declaration
        from steerco.permissions.meetings import _with_carried

        self.user_id = user.pk
        self.member_body_ids = set()
        self.case_body_ids = {}
        self.withheld_item_ids = set()
        if not is_member_of(user, organisation):
            self.user_id = None
            return
        self.member_body_ids = set(
            Membership.objects.current(on)
            .filter(organisation=organisation, person=user)
            .values_list("body_id", flat=True)
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
        self.organisation = organisation

    def can_read_submission(self, submission):
        if self.user_id is None:
            return False
        if not submission.restricted:
            return True
        if submission.item_id in self.withheld_item_ids:
            return False
        return (
            submission.submitted_by_id == self.user_id or submission.body_id in self.member_body_ids
        )

    def prefetch_cases(self, cases):
        """Finds the bodies every restricted case of a list went to in one query, so that a
        page listing cases asks no more queries for a longer list."""
        from steerco.portfolio.models import Submission

        # Every case of the list, restricted or not, so that the page asks the same query
        # whichever of its cases are restricted.
        wanted = {case.pk for case in cases} - set(self.case_body_ids)
        if self.user_id is None or not wanted:
            return
        for pk in wanted:
            self.case_body_ids[pk] = set()
        for case_id, body_id in Submission.objects.filter(business_case__in=wanted).values_list(
            "business_case_id", "body_id"
        ):
            self.case_body_ids[case_id].add(body_id)

    def _bodies_of_case(self, case):
        if case.pk not in self.case_body_ids:
            from steerco.portfolio.models import Submission

            self.case_body_ids[case.pk] = set(
                Submission.objects.filter(business_case=case).values_list("body_id", flat=True)
            )
        return self.case_body_ids[case.pk]

    def know_bodies_of(self, cases):
        """Finds in one query the bodies the restricted ones of `cases` were submitted to, so
        that a page or an export listing many business cases asks no more per case."""
        from steerco.portfolio.models import Submission

        wanted = [
            case.pk for case in cases if case.restricted and case.pk not in self.case_body_ids
        ]
        for pk in wanted:
            self.case_body_ids[pk] = set()
        for case_pk, body_pk in Submission.objects.filter(business_case__in=wanted).values_list(
            "business_case_id", "body_id"
        ):
            self.case_body_ids[case_pk].add(body_pk)

    def readable_business_cases(self, cases):
        """The cases of `cases` (fetched with their projects) this person may read, asking the
        database once for the bodies the restricted ones were submitted to."""
        cases = list(cases)
        self.know_bodies_of(cases)
        return [case for case in cases if self.can_read_business_case(case, case.project)]

    def can_read_business_case(self, case, project=None):
        """`project` is the case's project when the caller has it already fetched."""
        if self.user_id is None:
            return False
        if not case.restricted:
            return True
        project = project or case.project
        if self.user_id in (project.sro_id, project.manager_id, case.created_by_id):
            return True
        if project.board_id in self.member_body_ids:
            return True
        return bool(self._bodies_of_case(case) & self.member_body_ids)


def can_write_business_case(user, project, on):
    """The project's senior responsible owner and manager, and whoever keeps the register,
    write its business cases (and start a new version of one)."""
    return can_change_project(user, project, on)


def can_change_business_case(user, case, project, on):
    """A business case is changed while it is a draft. Once submitted it stands as the group
    will see it; approved, it is the record of what was approved (never changed); rejected or
    superseded, it is history. A change after that is a new version."""
    return case.status == case.Status.DRAFT and can_write_business_case(user, project, on)


def can_start_new_version(user, case, project, *, latest, on):
    """A new version starts from the project's latest one, once that is no longer a draft."""
    return (
        case.number == latest
        and case.status != case.Status.DRAFT
        and can_write_business_case(user, project, on)
    )


def can_manage_appraisal_parameters(user, organisation):
    """A council's administrator adds its own appraisal parameters (a Treasury revision, say)."""
    return can_administer(user, organisation)


def portfolio_access_for(request, on):
    """The reader's PortfolioAccess, made once a request: a page whose several parts each ask
    reads the person's memberships and declarations once."""
    key = (request.user.pk, request.organisation.pk, on)
    cached = getattr(request, "_portfolio_access", None)
    if cached is None or cached[0] != key:
        cached = (key, PortfolioAccess(request.user, request.organisation, on))
        request._portfolio_access = cached
    return cached[1]
