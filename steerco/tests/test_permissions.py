"""docs/permissions.md, read cell by cell: each row names a check below, each cell a person."""

from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from steerco import permissions
from steerco.meetings import actions
from steerco.meetings.models import (
    AgendaItem,
    Decision,
    Declaration,
    Forwarding,
    Meeting,
    Paper,
    PaperVersion,
)
from steerco.tests.browser import ROOT

MATRIX = ROOT / "docs" / "permissions.md"
PEOPLE = [
    "public",
    "other council",
    "officer",
    "member",
    "chair",
    "secretary",
    "administrator",
]
TODAY = date(2026, 6, 1)


def read_matrix():
    """(object, action, person, expected) for every cell of every table on the page."""
    cells = []
    for line in MATRIX.read_text().splitlines():
        row = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(row) != 2 + len(PEOPLE) or row[0] in ("object", "---"):
            continue
        assert set(row[2:]) <= {"yes", "no"}, f"A cell must say yes or no: {line}"
        for person, answer in zip(PEOPLE, row[2:], strict=True):
            cells.append((row[0], row[1], person, answer == "yes"))
    return cells


@dataclass
class World:
    organisation: object
    body: object
    meeting: object
    published: object
    action_of_member: object
    action_of_another: object
    decision: object
    open_paper: object
    restricted_paper: object
    declared_paper: object
    earlier_paper: object
    later_paper: object
    withdrawn_open_paper: object
    withdrawn_restricted_paper: object
    replaced_paper: object
    officer: object
    presented_draft: object
    presented_published: object
    open_submission: object = None
    restricted_submission: object = None
    officers_submission: object = None
    declared_submission: object = None


@pytest.fixture
def world(organisation, steering_group, secretary, chair, member, officer, make_person):
    def meeting_on(day, **fields):
        meeting = actions.schedule_meeting(
            steering_group, on=day, starts_at=time(10), by=secretary, today=date(2026, 1, 1)
        )
        Meeting.objects.filter(pk=meeting.pk).update(**fields)
        meeting.refresh_from_db()
        return meeting

    def item_on(meeting, title, carried_from=None):
        return AgendaItem.objects.create(
            meeting=meeting, title=title, position=10, carried_from=carried_from
        )

    def paper_on(item, restricted=True, **fields):
        return Paper.objects.create(
            organisation=organisation,
            item=item,
            title=f"Paper on {item.title}",
            restricted=restricted,
            exemption=Paper.Exemption.COMMERCIAL if restricted else "",
            **fields,
        )

    def replaced_on(item):
        paper = paper_on(item, restricted=False)
        for number in (1, 2):
            PaperVersion.objects.create(
                paper=paper, number=number, file_name="p.pdf", file_type="pdf", size=1
            )
        return paper

    meeting = meeting_on(date(2031, 3, 11))
    published = meeting_on(date(2031, 5, 13), agenda_published_at=timezone.now())
    later = meeting_on(date(2031, 7, 8))
    item = item_on(meeting, "Cloud hosting")
    # One piece of business on three agendas; the member declares on the middle copy.
    earlier = item_on(meeting, "Data centre exit")
    declared = item_on(published, "Data centre exit", carried_from=earlier)
    carried_on = item_on(later, "Data centre exit", carried_from=declared)
    Declaration.objects.create(
        item=declared, person=member, kind=Declaration.Kind.PREJUDICIAL, nature="Spouse bids"
    )
    due = date(2031, 4, 1)
    another = make_person("another", organisation, name="Ann Other")
    world = World(
        organisation=organisation,
        body=steering_group,
        meeting=meeting,
        published=published,
        action_of_member=actions.add_action(
            meeting, description="Draft the plan", owner=member, due_on=due, by=secretary
        ),
        action_of_another=actions.add_action(
            meeting, description="Brief Cabinet", owner=another, due_on=due, by=secretary
        ),
        decision=Decision.objects.create(
            organisation=organisation,
            body=steering_group,
            item=item,
            year=2031,
            number=1,
            statement="Approved.",
            outcome=Decision.Outcome.APPROVED,
            confirmed_by=chair,
        ),
        open_paper=paper_on(item, restricted=False),
        restricted_paper=paper_on(item),
        declared_paper=paper_on(declared),
        earlier_paper=paper_on(earlier),
        later_paper=paper_on(carried_on),
        withdrawn_open_paper=paper_on(item, restricted=False, withdrawn_at=timezone.now()),
        withdrawn_restricted_paper=paper_on(item, withdrawn_at=timezone.now()),
        replaced_paper=replaced_on(item),
        officer=officer,
        presented_draft=AgendaItem.objects.create(
            meeting=meeting, title="CRM", position=11, presenting_officer=officer
        ),
        presented_published=AgendaItem.objects.create(
            meeting=published, title="CRM", position=11, presenting_officer=officer
        ),
    )
    world.open_submission, world.restricted_submission, world.officers_submission = (
        _submission(steering_group, by, restricted)
        for by, restricted in [(another, False), (another, True), (officer, True)]
    )
    # On the agenda as the item the member declared a prejudicial interest in.
    world.declared_submission = _submission(steering_group, another, True, item=declared)
    return world


def _submission(body, by, restricted, item=None):
    from steerco.portfolio.models import Submission

    return Submission.objects.create(
        organisation=body.organisation,
        body=body,
        kind=Submission.Kind.HIGHLIGHT_REPORT,
        title="Highlight report",
        asked="Note it.",
        submitted_by=by,
        restricted=restricted,
        exemption=Paper.Exemption.COMMERCIAL if restricted else "",
        status=Submission.Status.ACCEPTED if item else Submission.Status.SUBMITTED,
        item=item,
    )


def _reads_submission(user, world, submission):
    """The page and, as its papers follow it, the rule."""
    access = permissions.PortfolioAccess(user, world.organisation, TODAY)
    page = _page(user, world, "portfolio:submission", submission_pk=submission.pk)
    assert page == access.can_read_submission(submission)
    return page


def _handles(user, world, submission):
    return _page(user, world, "portfolio:submission-accept", submission_pk=submission.pk) and (
        _page(user, world, "portfolio:submission-return", submission_pk=submission.pk)
    )


def _changes(user, world, submission):
    """The change page, and the predicate the submission's page asks before offering it."""
    page = _page(user, world, "portfolio:submission-change", submission_pk=submission.pk)
    rule = permissions.can_change_submission(user, submission, TODAY)
    assert page == rule or not _reads_submission(user, world, submission)
    return page


def _page(user, world, name, **kwargs):
    """Whether the person gets the page (200), rather than a sign-in, 403 or 404."""
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    url = reverse(name, kwargs={"org": world.organisation.slug, **kwargs})
    return client.get(url).status_code == 200


def _manages(user, world):
    return permissions.can_manage_body(user, world.body, TODAY)


def _reads(user, world, paper):
    access = permissions.PaperAccess(user, world.organisation, TODAY)
    return access.can_read(paper, world.body.pk)


def _approved(world):
    """The meeting, as it is once a later meeting has approved its minutes."""
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    meeting.minutes_approved_at = world.published
    return meeting


def _reads_version(user, world, number):
    access = permissions.PaperAccess(user, world.organisation, TODAY)
    paper = world.replaced_paper
    version = paper.versions.get(number=number)
    return access.can_read_version(paper, version, world.body.pk, current_number=2)


def _project(world):
    """The officer's project, made when a portfolio row first asks for it."""
    from steerco.portfolio.models import Project

    if not hasattr(world, "project"):
        world.project = Project.objects.create(
            organisation=world.organisation, reference="ICT-1", name="Mobility", sro=world.officer
        )
    return world.project


def _product_use(world):
    """The officer's project's use of a product, made when a row first asks for it."""
    from steerco.portfolio.models import Product, ProductUse

    if not hasattr(world, "product_use"):
        product = Product.objects.create(organisation=world.organisation, name="Jamf")
        world.product_use = ProductUse.objects.create(project=_project(world), product=product)
    return world.product_use


def _project_lists(world):
    """The officer's project in a programme, using a product: the record lists' downloads, by
    address name and arguments."""
    from steerco.portfolio import actions as portfolio_actions
    from steerco.portfolio.models import Product, Programme

    project = _project(world)
    if not hasattr(world, "product"):
        project.programme = Programme.objects.create(organisation=world.organisation, name="Cloud")
        project.save()
        world.product = Product.objects.create(organisation=world.organisation, name="Intune")
        portfolio_actions.declare_product_use(
            project, product=world.product, use="uses", by=world.officer
        )
    return [
        ("programme", {"programme_pk": project.programme_id}),
        ("project-dependencies", {"project_pk": project.pk}),
        ("project-submissions", {"project_pk": project.pk}),
        ("product-detail", {"product_pk": world.product.pk}),
    ]


def _apologies(user, meeting, on):
    return permissions.can_send_apologies(user, meeting, on)


def _cases(world):
    """A project the officer manages, with an open and a restricted business case (submitted
    to the body) and an approved one: made once per world."""
    if not hasattr(world, "cases"):
        from steerco.portfolio.models import BusinessCase, Project, Submission

        project = Project.objects.create(
            organisation=world.organisation, reference="ICT-2", name="CRM", manager=world.officer
        )

        def case(number, **fields):
            return BusinessCase.objects.create(
                organisation=world.organisation,
                project=project,
                number=number,
                title="CRM replacement",
                base_year=2026,
                **fields,
            )

        restricted = case(2, restricted=True, exemption="commercial")
        Submission.objects.create(
            organisation=world.organisation,
            body=world.body,
            kind="business_case",
            title="CRM replacement",
            asked="Approve the business case.",
            submitted_by=world.officer,
            project=project,
            business_case=restricted,
            restricted=True,
            exemption="commercial",
        )
        world.cases = {
            "open": case(1),
            "restricted": restricted,
            "approved": case(3, status="approved", approved_at=timezone.now()),
        }
    return world.cases


def _reads_case(user, world, which):
    access = permissions.PortfolioAccess(user, world.organisation, TODAY)
    return access.can_read_business_case(_cases(world)[which])


def _changes_case(user, world, which):
    case = _cases(world)[which]
    return permissions.can_change_business_case(user, case, case.project, TODAY)


def _risks(world):
    """Risks raised and owned by another person of the council and by the officer, open and
    restricted: made once per world."""
    if not hasattr(world, "risks"):
        from steerco.accounts.models import OrganisationMembership, User
        from steerco.risks import actions as risk_actions
        from steerco.risks.models import RiskCategory

        owner = User.objects.create(username="risk-owner", name="Rita Owen")
        OrganisationMembership.objects.create(user=owner, organisation=world.organisation)
        category = RiskCategory.objects.get(organisation=world.organisation, name="Technology")
        scores = {
            f"{which}_{part}": 3
            for which in ("inherent", "current", "target")
            for part in ("likelihood", "impact")
        }

        def risk(title, person, **fields):
            return risk_actions.create_risk(
                world.organisation, by=person, scores=scores, title=title, category=category,
                owner=person, **fields,
            )  # fmt: skip

        secret = {"restricted": True, "exemption": "security"}
        world.risks = {
            "open": risk("Legacy payroll", owner),
            "restricted": risk("Firewall weakness", owner, **secret),
            "officer's": risk("Supplier exit", world.officer, **secret),
            "officer's open": risk("Skills shortage", world.officer),
        }
        from steerco.lib.dates import today

        # Mitigating actions raised from the risks, at no meeting, owned by the risks' owner.
        world.risk_actions = {
            which: risk_actions.add_mitigating_action(
                world.risks[which],
                description="Test the failover",
                owner=owner,
                due_on=today() + timedelta(days=30),
                by=owner,
            )
            for which in ("open", "restricted")
        }
    return world.risks


def _updates_risk_action(user, world, which):
    _risks(world)
    return _page(user, world, "meetings:action-update", action_pk=world.risk_actions[which].pk)


def _voids_risk_action(user, world, which):
    _risks(world)
    return _risk_page(user, world, "action-void", which, action_pk=world.risk_actions[which].pk)


def _category(world):
    from steerco.risks.models import RiskCategory

    return RiskCategory.objects.get(organisation=world.organisation, name="Security")


def _risk_page(user, world, name, which, **kwargs):
    return _page(user, world, f"risks:{name}", risk_pk=_risks(world)[which].pk, **kwargs)


def _strategy(world):
    """A draft strategy of the council, made once per world."""
    if not hasattr(world, "strategy"):
        from steerco.strategy import actions as strategy_actions
        from steerco.strategy.models import Strategy

        world.strategy = strategy_actions.save_strategy(
            Strategy(organisation=world.organisation, title="ICT", starts_in=2026, ends_in=2030),
            by=None,
        )
    return world.strategy


def _report_page(user, world, name, query=""):
    """A page of the annual progress report of the council's strategy (its year in progress)."""
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    address = reverse(
        f"progress_report:{name}",
        kwargs={"org": world.organisation.slug, "strategy_pk": _strategy(world).pk},
    )
    return client.get(f"{address}?year=2026{query}").status_code == 200


def _strategy_page(user, world, name):
    return _page(user, world, f"strategy:{name}", strategy_pk=_strategy(world).pk)


def _scenario(world):
    """A scenario of the council, made once per world."""
    if not hasattr(world, "scenario"):
        from steerco.planning import actions as planning_actions
        from steerco.planning.models import Scenario

        world.scenario = planning_actions.save_scenario(
            Scenario(
                organisation=world.organisation, name="Envelope", first_year=2027,
                capital_budgets=["1000"], revenue_budgets=["1000"],
            ),
            by=None,
        )  # fmt: skip
    return world.scenario


def _optimised_scenario(world):
    """A scenario of the council with a current answer (from a one-project planning file), made
    once per world: it may be recommended."""
    if not hasattr(world, "optimised_scenario"):
        import json

        from steerco.planning import actions as planning_actions
        from steerco.planning.models import Scenario

        scenario = planning_actions.save_scenario(
            Scenario(
                organisation=world.organisation, name="Optimised", first_year=2027,
                capital_budgets=["1000"], revenue_budgets=["1000"],
            ),
            by=None,
        )  # fmt: skip
        planning_file = {
            "years": [2027],
            "budgets": {"capital": [1000], "revenue": [1000]},
            "candidates": [
                {"id": "P-1", "name": "Portal", "earliest_start": 2027, "latest_start": 2027,
                 "options": [{"id": "A", "value": 1, "capital": [500], "revenue": [0]}]}
            ],
        }  # fmt: skip
        planning_actions.upload_problem(scenario, json.dumps(planning_file), name="p.json", by=None)
        world.optimised_scenario = planning_actions.run_scenario(
            scenario, by=None, at=timezone.now(), today=TODAY, time_limit=2
        )
    return world.optimised_scenario


def _criterion(world):
    """A criterion of the council's scoring model and a candidate to score on it, made once
    per world."""
    if not hasattr(world, "criterion"):
        from decimal import Decimal

        from steerco.planning import actions as planning_actions
        from steerco.portfolio.models import Project

        model = planning_actions.set_criteria(
            world.organisation, [("Strategic fit", Decimal(1), ())], by=None
        )
        world.criterion = model.criteria.get()
        world.candidate = Project.objects.create(
            organisation=world.organisation, reference="ICT-9", name="Portal", stage="proposal"
        )
    return world.criterion


def _candidate(world):
    _criterion(world)
    return world.candidate


def _scoring_page(user, world, name, **kwargs):
    _criterion(world)
    return _page(user, world, f"planning:{name}", **kwargs)


def _scenario_page(user, world, name):
    return _page(user, world, f"planning:{name}", scenario_pk=_scenario(world).pk)


def _plan(world):
    """An objective of the council's strategy, made once per world."""
    if not hasattr(world, "objective"):
        from steerco.strategy import actions as strategy_actions

        world.objective = strategy_actions.add_objective(
            _strategy(world), title="Services online", by=None
        )
    return {"strategy_pk": world.objective.strategy_id, "objective_pk": world.objective.pk}


def _plan_action(world):
    """An action of the plan owned by another person, on the steering group's action log."""
    if not hasattr(world, "plan_action"):
        from datetime import timedelta

        from steerco.strategy import actions as strategy_actions

        _plan(world)
        world.plan_action = strategy_actions.add_plan_action(
            world.objective,
            description="Publish the digital inclusion plan",
            owner=world.action_of_another.owner,
            due_on=TODAY + timedelta(days=60),
            body=world.body,
            by=None,
            on=TODAY,
        )
    return world.plan_action


def _shows_dashboard_controls(user, world):
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(
        reverse("dashboard:chairs-dashboard", kwargs={"org": world.organisation.slug})
    )
    return response.status_code == 200 and "Add a KPI" in response.content.decode()


def _milestone(world):
    """A milestone of the plan, made once per world."""
    if not hasattr(world, "milestone"):
        from steerco.strategy import actions as strategy_actions

        _plan(world)
        world.milestone = strategy_actions.add_milestone(
            world.objective, title="Forms online", due_on=TODAY, by=None, on=TODAY
        )
    return world.milestone


def _kpis(world):
    """The officer's KPI and one with no owner, each measured once, made once per world."""
    if not hasattr(world, "kpis"):
        from datetime import date
        from decimal import Decimal

        from steerco.strategy import actions as strategy_actions
        from steerco.strategy.models import KPI

        world.kpis = {}
        for which, name, owner in (
            ("officer's", "Service availability", world.officer),
            ("another's", "Resolution of reported incidents", None),
        ):
            kpi = KPI.objects.get(organisation=world.organisation, name=name)
            kpi.owner = owner
            strategy_actions.save_kpi(kpi, by=None)
            strategy_actions.record_measurement(
                kpi, period_starts_on=date(2026, 4, 1), value=Decimal(90), by=None
            )
            world.kpis[which] = kpi
    return world.kpis


def _records_measurements(user, world, which):
    kpi = _kpis(world)[which]
    return _page(user, world, "strategy:measurement-add", kpi_pk=kpi.pk) and _page(
        user,
        world,
        "strategy:measurement-correct",
        kpi_pk=kpi.pk,
        measurement_pk=kpi.measurements.get().pk,
    )


def _registers(world):
    """An entry of each register, a team's level in the skill and a development action owned
    by another person, made once per world."""
    if not hasattr(world, "registers"):
        from datetime import date, timedelta

        from steerco.strategy import actions as strategy_actions
        from steerco.strategy import register_actions
        from steerco.strategy.registers import DigitalChampion, Legislation, Skill, SkillLevel

        theme = strategy_actions.add_theme(_strategy(world), name="Registers", by=None)
        owner = world.action_of_another.owner
        org = {"organisation": world.organisation, "theme": theme}
        skill = register_actions.save_skill(
            Skill(name="Cloud", owner=owner, review_on=date(2027, 4, 1), **org), by=None
        )
        team = register_actions.add_team(world.organisation, name="Service desk", by=None)
        level = register_actions.save_skill_level(
            SkillLevel(skill=skill, team=team, current=1, target=3, assessed_on=TODAY), by=None
        )
        world.registers = {
            "legislation_pk": register_actions.save_legislation(
                Legislation(
                    title="Accessibility regulations", requires="Accessible websites",
                    impact="high", owner=owner, review_on=date(2027, 4, 1), **org,
                ),
                by=None,
            ).pk,
            "skill_pk": skill.pk,
            "team_pk": team.pk,
            "level_pk": level.pk,
            "champion_pk": register_actions.save_champion(
                DigitalChampion(person=owner, service="Planning", since=TODAY, **org), by=None
            ).pk,
            "action": register_actions.add_development_action(
                level, description="Cloud training", owner=owner,
                due_on=TODAY + timedelta(days=60), body=world.body, by=None, on=TODAY,
            ),
        }  # fmt: skip
    return world.registers


def _register_page(user, world, name, *keys):
    registers = _registers(world)
    return _page(user, world, f"strategy:{name}", **{key: registers[key] for key in keys})


def _changes_risk(user, world, which):
    return all(_risk_page(user, world, name, which) for name in ("risk-edit", "reassess", "close"))


CHECKS = {
    ("organisation", "see its governance model, bodies and terms of reference"): lambda u, w: (
        _page(u, w, "governance:model")
        and _page(u, w, "governance:body-list")
        and _page(u, w, "governance:terms-current", pk=w.body.pk)
    ),
    ("organisation", "see its members-only pages (people, my meetings)"): lambda u, w: (
        _page(u, w, "accounts:people") and _page(u, w, "meetings:my-page")
    ),
    ("organisation", "add a body or change the reporting lines"): lambda u, w: (
        _page(u, w, "governance:body-create") and _page(u, w, "governance:line-create")
    ),
    ("organisation", "see the secretary's dashboard"): lambda u, w: _page(
        u, w, "meetings:dashboard"
    ),
    ("organisation", "see the chair's view"): lambda u, w: _page(u, w, "meetings:chair"),
    ("body", "manage it (terms of reference, meetings, agenda, record)"): _manages,
    ("body", "add another person as a member"): lambda u, w: permissions.can_grant_membership(
        u, w.body, w.action_of_another.owner, TODAY
    ),
    ("body", "add themselves as a member or change their own membership"): lambda u, w: (
        permissions.can_grant_membership(u, w.body, u, TODAY)
    ),
    ("meeting", "see it once its agenda is published"): lambda u, w: permissions.can_see_meeting(
        u, w.published
    ),
    ("meeting", "see it before its agenda is published"): lambda u, w: permissions.can_see_meeting(
        u, w.meeting
    ),
    ("meeting", "send their own apologies or name a substitute"): lambda u, w: _apologies(
        u, w.meeting, TODAY
    ),
    ("meeting", "send their own apologies on the day of the meeting"): lambda u, w: _apologies(
        u, w.meeting, w.meeting.on
    ),
    ("meeting", "send their own apologies after the meeting"): lambda u, w: _apologies(
        u, w.meeting, w.meeting.on + timedelta(days=1)
    ),
    ("meeting", "record someone else's attendance"): lambda u, w: permissions.can_record_attendance(
        u,
        w.meeting,
        person=w.action_of_another.owner,
        status="present",
        on=TODAY,
        manages=_manages(u, w),
    ),
    ("meeting", "declare an interest in an item"): lambda u, w: permissions.can_declare_interest(
        u, w.meeting, TODAY, manages=_manages(u, w)
    ),
    (
        "meeting",
        "change its agenda and record before its minutes are approved",
    ): lambda u, w: permissions.can_change_record(u, w.meeting, TODAY),
    (
        "meeting",
        "change its agenda and record once its minutes are approved",
    ): lambda u, w: permissions.can_change_record(u, _approved(w), TODAY),
    ("meeting", "cancel it when nothing shows it took place"): lambda u, w: (
        permissions.can_cancel_meeting(u, w.meeting, TODAY, took_place=False)
    ),
    ("meeting", "cancel it once attendance, decisions or minutes are recorded"): lambda u, w: (
        permissions.can_cancel_meeting(u, w.meeting, TODAY, took_place=True)
    ),
    (
        "meeting",
        "record its agreement of the previous meeting's record before the day of the meeting",
    ): lambda u, w: permissions.can_agree_previous_record(
        u, w.meeting, w.meeting.on - timedelta(days=1)
    ),
    (
        "meeting",
        "record its agreement of the previous meeting's record on the day of the meeting",
    ): lambda u, w: permissions.can_agree_previous_record(u, w.meeting, w.meeting.on),
    ("meeting", "see its draft minutes"): lambda u, w: permissions.can_see_draft_minutes(
        u, w.meeting
    ),
    ("meeting", "see its approved minutes"): lambda u, w: permissions.can_see_draft_minutes(
        u, Meeting(organisation=w.organisation, minutes_approved_at_id=w.published.pk)
    ),
    ("meeting", "see its history"): lambda u, w: permissions.can_see_meeting_history(u, w.meeting),
    ("meeting", "see its action log"): lambda u, w: permissions.can_see_action_log(
        u, w.organisation
    ),
    ("meeting", "agree its agenda before it is published"): lambda u, w: (
        permissions.can_agree_agenda(u, w.meeting, TODAY)
    ),
    ("meeting", "agree its agenda once it is published"): lambda u, w: permissions.can_agree_agenda(
        u, w.published, TODAY
    ),
    ("decision", "confirm a decision that names the chair as confirming it"): lambda u, w: (
        permissions.can_confirm_decision(u, w.decision, w.meeting)
    ),
    ("decision", "confirm that decision once the minutes are approved"): lambda u, w: (
        permissions.can_confirm_decision(
            u, w.decision, Meeting(organisation=w.organisation, minutes_approved_at_id=1)
        )
    ),
    ("action", "update an action the member owns"): lambda u, w: permissions.can_update_action(
        u, w.action_of_member, TODAY
    ),
    ("action", "update an action someone else owns"): lambda u, w: permissions.can_update_action(
        u, w.action_of_another, TODAY
    ),
    ("paper", "add a paper to an item the officer presents, on a draft agenda"): lambda u, w: (
        permissions.can_add_paper(u, w.presented_draft, manages=_manages(u, w))
    ),
    (
        "paper",
        "add a paper to an item the officer presents, once the agenda is published",
    ): lambda u, w: permissions.can_add_paper(u, w.presented_published, manages=_manages(u, w)),
    (
        "meeting",
        "void an entry of its record made in error",
    ): lambda u, w: permissions.can_void_entries(u, w.meeting, TODAY),
    ("meeting", "void an entry once the minutes are approved"): lambda u, w: (
        permissions.can_void_entries(
            u, Meeting(body=w.body, minutes_approved_at_id=w.published.pk), TODAY
        )
    ),
    ("paper", "read an open paper"): lambda u, w: _reads(u, w, w.open_paper),
    ("paper", "read a restricted paper"): lambda u, w: _reads(u, w, w.restricted_paper),
    (
        "paper",
        "read a restricted paper of an item the member declared a prejudicial interest in",
    ): lambda u, w: _reads(u, w, w.declared_paper),
    ("paper", "read a restricted paper of a carried copy of that item"): lambda u, w: _reads(
        u, w, w.later_paper
    ),
    ("paper", "read a restricted paper of the item that copy was carried from"): lambda u, w: (
        _reads(u, w, w.earlier_paper)
    ),
    ("paper", "rename it, change its restriction or withdraw it"): lambda u, w: (
        _page(u, w, "meetings:paper-retitle", paper_pk=w.open_paper.pk)
        and _page(u, w, "meetings:paper-restriction", paper_pk=w.open_paper.pk)
        and _page(u, w, "meetings:paper-withdraw", paper_pk=w.open_paper.pk)
    ),
    ("paper", "read an open paper that was withdrawn"): lambda u, w: _reads(
        u, w, w.withdrawn_open_paper
    ),
    ("paper", "read a restricted paper that was withdrawn"): lambda u, w: _reads(
        u, w, w.withdrawn_restricted_paper
    ),
    ("paper", "download the current version of a replaced paper"): lambda u, w: _reads_version(
        u, w, 2
    ),
    ("paper", "download an earlier version of a replaced paper"): lambda u, w: _reads_version(
        u, w, 1
    ),
    ("business case", "read an open one"): lambda u, w: _reads_case(u, w, "open"),
    ("business case", "read a restricted one submitted to the body"): lambda u, w: _reads_case(
        u, w, "restricted"
    ),
    ("business case", "change it while it is a draft"): lambda u, w: _changes_case(u, w, "open"),
    ("business case", "change it once it is approved"): lambda u, w: _changes_case(
        u, w, "approved"
    ),
    ("business case", "start a new version from the approved one"): lambda u, w: (
        permissions.can_start_new_version(
            u, _cases(w)["approved"], _cases(w)["approved"].project, latest=3, on=TODAY
        )
    ),
    ("organisation", "see the portfolio finance"): lambda u, w: _page(u, w, "portfolio:finance"),
    ("organisation", "add appraisal parameters"): lambda u, w: _page(
        u, w, "portfolio:appraisal-parameters-create"
    ),
    ("project", "read the portfolio register and a project's page"): lambda u, w: (
        _page(u, w, "portfolio:register")
        and _page(u, w, "portfolio:project", project_pk=_project(w).pk)
    ),
    ("project", "register a project"): lambda u, w: _page(u, w, "portfolio:project-create"),
    ("project", "change the project the officer is senior responsible owner of"): lambda u, w: (
        _page(u, w, "portfolio:project-edit", project_pk=_project(w).pk)
    ),
    ("programme", "add or change a programme"): lambda u, w: _page(
        u, w, "portfolio:programme-create"
    ),
    ("portfolio", "choose the delivery confidence scale"): lambda u, w: _page(
        u, w, "portfolio:settings"
    ),
    ("project", "record its delivery confidence"): lambda u, w: _page(
        u, w, "portfolio:confidence-create", project_pk=_project(w).pk
    ),
    ("submission", "make a submission to a body"): lambda u, w: _page(
        u, w, "portfolio:submission-create"
    ),
    ("submission", "see their own submissions and what became of them"): lambda u, w: _page(
        u, w, "portfolio:my-submissions"
    ),
    ("submission", "see the submissions waiting for the bodies they run"): lambda u, w: _page(
        u, w, "portfolio:submission-list"
    ),
    ("submission", "read an open submission and its papers"): lambda u, w: _reads_submission(
        u, w, w.open_submission
    ),
    ("submission", "read a restricted submission and its papers"): lambda u, w: _reads_submission(
        u, w, w.restricted_submission
    ),
    ("submission", "read a restricted submission the officer made"): lambda u, w: _reads_submission(
        u, w, w.officers_submission
    ),
    (
        "submission",
        "read a restricted submission on an item the member declared a prejudicial interest in",
    ): lambda u, w: _reads_submission(u, w, w.declared_submission),
    ("submission", "put an open submission on an agenda or return it"): lambda u, w: _handles(
        u, w, w.open_submission
    ),
    ("submission", "put a restricted submission on an agenda or return it"): lambda u, w: _handles(
        u, w, w.restricted_submission
    ),
    ("submission", "withdraw the submission the officer made, while it waits"): lambda u, w: _page(
        u, w, "portfolio:submission-withdraw", submission_pk=w.officers_submission.pk
    ),
    (
        "submission",
        "change an open submission someone else made, while it waits",
    ): lambda u, w: _changes(u, w, w.open_submission),
    (
        "submission",
        "change the restricted submission the officer made, while it waits",
    ): lambda u, w: _changes(u, w, w.officers_submission),
    ("submission", "change a submission once it is on an agenda"): lambda u, w: _changes(
        u, w, w.declared_submission
    ),
    ("portfolio", "see the dependency map, the catalogue and the duplicate check"): lambda u, w: (
        _page(u, w, "portfolio:dependency-map")
        and _page(u, w, "portfolio:products")
        and _page(u, w, "portfolio:duplicate-check")
    ),
    (
        "portfolio",
        "record or end a dependency, add a product, or declare or end a project's use of one",
    ): lambda u, w: (
        permissions.can_manage_portfolio(u, w.organisation, TODAY)
        and _page(u, w, "portfolio:dependency-create", project_pk=_project(w).pk)
        and _page(u, w, "portfolio:product-create")
        and _page(u, w, "portfolio:product-use-create")
        and _page(u, w, "portfolio:product-use-end", use_pk=_product_use(w).pk)
    ),
    ("project", "download the register and the cost profiles (CSV and Excel)"): lambda u, w: all(
        _page(u, w, f"portfolio:{name}")
        for name in ("projects-csv", "projects-xlsx", "profiles-csv", "profiles-xlsx")
    ),
    ("project", "import projects from a spreadsheet"): lambda u, w: _page(u, w, "portfolio:import"),
    ("pack", "download the public pack"): lambda u, w: _reads_pack(u, w, "public"),
    # The member declared an interest in one of the items: the members' pack is not for them.
    ("pack", "download the members' pack"): lambda u, w: _reads_pack(u, w, "members"),
    ("pack", "download the members' pack made for the member who declared an interest"): (
        lambda u, w: _reads_pack(u, w, "personal")
    ),
    ("pack", "see each pack's state, and why one failed"): lambda u, w: (
        permissions.can_see_pack_state(
            permissions.PaperAccess(u, w.organisation, TODAY), w.published
        )
    ),
    ("forwarding", "open the Word file a forwarding sent, kept as sent"): lambda u, w: (
        permissions.can_open_sent_file(
            u,
            Forwarding(meeting=w.meeting, what="action_log", to_body=w.body, forwarded_on=TODAY),
            TODAY,
        )
    ),
    ("council report", "write or change the council report an item puts to its body"): (
        lambda u, w: permissions.can_write_council_report(u, AgendaItem(meeting=w.published), TODAY)
    ),
    ("council report", "read the report on an item with only open papers, once published"): (
        lambda u, w: _reads_report(u, w, restricted=False)
    ),
    ("council report", "read the report on an item with a restricted paper"): (
        lambda u, w: _reads_report(u, w, restricted=True)
    ),
    ("body", "subscribe to its calendar feed of published meetings"): lambda u, w: _page(
        u, w, "calendars:body", pk=w.body.pk
    ),
    ("meeting", "add a published meeting to a calendar"): lambda u, w: _page(
        u, w, "calendars:meeting", meeting_pk=w.published.pk
    ),
    ("meeting", "add a meeting whose agenda is not published to a calendar"): lambda u, w: _page(
        u, w, "calendars:meeting", meeting_pk=w.meeting.pk
    ),
    ("body", "download its decisions and meetings (CSV and Excel)"): lambda u, w: all(
        _page(u, w, f"meetings:{name}-{file_type}", pk=w.body.pk)
        for name in ("decision-list", "body-meetings")
        for file_type in ("csv", "xlsx")
    ),
    ("meeting", "download its action log (CSV and Excel)"): lambda u, w: all(
        _page(u, w, f"meetings:action-log-{file_type}", meeting_pk=w.published.pk)
        for file_type in ("csv", "xlsx")
    ),
    ("body", "download its attendance review (CSV and Excel)"): lambda u, w: all(
        _page(u, w, f"meetings:attendance-review-{file_type}", pk=w.body.pk)
        for file_type in ("csv", "xlsx")
    ),
    ("portfolio", "download the benefits by project (CSV and Excel)"): lambda u, w: all(
        _page(u, w, f"portfolio:benefits-{file_type}") for file_type in ("csv", "xlsx")
    ),
    (
        "portfolio",
        "download the programmes and the catalogue of products (CSV and Excel)",
    ): lambda u, w: all(
        _page(u, w, f"portfolio:{name}-{file_type}")
        for name in ("programmes", "products")
        for file_type in ("csv", "xlsx")
    ),
    (
        "submission",
        "download the submissions waiting for the bodies they run (CSV and Excel)",
    ): lambda u, w: all(
        _page(u, w, f"portfolio:submission-list-{file_type}") for file_type in ("csv", "xlsx")
    ),
    ("organisation", "download the list of bodies (CSV and Excel)"): lambda u, w: all(
        _page(u, w, f"governance:body-list-{file_type}") for file_type in ("csv", "xlsx")
    ),
    ("organisation", "download the list of people (CSV and Excel)"): lambda u, w: all(
        _page(u, w, f"accounts:people-{file_type}") for file_type in ("csv", "xlsx")
    ),
    (
        "strategy register",
        "download the skills framework's teams (CSV and Excel)",
    ): lambda u, w: all(
        _page(u, w, f"strategy:skill-teams-{file_type}") for file_type in ("csv", "xlsx")
    ),
    (
        "project",
        "download its programme's projects, its dependencies, its submissions and the projects "
        "using a product (CSV and Excel)",
    ): lambda u, w: all(
        _page(u, w, f"portfolio:{name}-{file_type}", **kwargs)
        for name, kwargs in _project_lists(w)
        for file_type in ("csv", "xlsx")
    ),
    ("calendar", "make or reset their own secret calendar address"): lambda u, w: (
        permissions.can_have_calendar_address(u, w.organisation)
        and _page(u, w, "calendars:address")
    ),
    (
        "risk",
        "read the register, the heat maps, the risks for escalation and an open risk",
    ): lambda u, w: (
        all(_page(u, w, f"risks:{name}") for name in ("register", "heat-map", "escalations"))
        and _risk_page(u, w, "risk", "open")
    ),
    (
        "risk",
        "download the register (CSV and Excel; a large register's Excel file prepared for, and "
        "served only to, whoever asked)",
    ): lambda u, w: all(
        _page(u, w, f"risks:{name}") for name in ("register-csv", "register-xlsx", "register-file")
    ),
    ("risk", "add a risk"): lambda u, w: _page(u, w, "risks:risk-create"),
    ("risk", "import the register from a spreadsheet (CSV and Excel)"): lambda u, w: _page(
        u, w, "risks:import"
    ),
    (
        "risk",
        "change the categories (or remove one no risk was ever in), appetite, tolerances, scale "
        "wording and bands",
    ): lambda u, w: (
        all(
            _page(u, w, f"risks:{name}")
            for name in ("settings", "category-create", "tolerances", "scale-impact", "bands")
        )
        and all(
            _page(u, w, f"risks:{name}", category_pk=_category(w).pk)
            for name in ("category-edit", "category-remove")
        )
    ),
    ("risk", "read a restricted risk"): lambda u, w: _risk_page(u, w, "risk", "restricted"),
    ("risk", "read a restricted risk the officer owns"): lambda u, w: _risk_page(
        u, w, "risk", "officer's"
    ),
    ("risk", "change, reassess or close another person's risk"): lambda u, w: _changes_risk(
        u, w, "open"
    ),
    ("risk", "change, reassess or close a risk the officer owns"): lambda u, w: _changes_risk(
        u, w, "officer's open"
    ),
    ("risk", "put a risk for escalation on the steering group's agenda"): lambda u, w: _risk_page(
        u, w, "accept", "open"
    ),
    (
        "risk",
        "escalate another person's risk to another body, from the board of a project it affects "
        "or the steering group",
    ): lambda u, w: _risk_page(u, w, "escalate", "open"),
    ("risk", "escalate a risk the officer owns to another body"): lambda u, w: _risk_page(
        u, w, "escalate", "officer's open"
    ),
    ("strategy", "read the strategies and a strategy"): lambda u, w: (
        _page(u, w, "strategy:strategies") and _strategy_page(u, w, "strategy")
    ),
    (
        "strategy",
        "add a strategy, or change one and its themes (existing ones put into it too), objectives "
        "and principles",
    ): lambda u, w: (
        permissions.can_manage_strategy(u, w.organisation, TODAY)
        and _page(u, w, "strategy:strategy-create")
        and all(
            _strategy_page(u, w, name)
            for name in (
                "strategy-edit",
                "theme-add",
                "themes-adopt",
                "objective-add",
                "principle-add",
            )
        )
    ),
    (
        "strategy",
        "record the decision that approved a strategy and make it current",
    ): lambda u, w: all(_strategy_page(u, w, name) for name in ("approve", "make-current")),
    (
        "scenario",
        "read the scenarios, a scenario, its planning file and frontier, and a comparison",
    ): lambda u, w: (
        _page(u, w, "planning:scenarios")
        and _page(u, w, "planning:compare")
        and all(_scenario_page(u, w, name) for name in ("scenario", "download", "frontier"))
    ),
    (
        "scenario",
        "add a scenario, or change, optimise, upload a planning file to or work out the "
        "frontier of one",
    ): lambda u, w: (
        permissions.can_manage_scenarios(u, w.organisation, TODAY)
        and _page(u, w, "planning:scenario-create")
        and all(_scenario_page(u, w, name) for name in ("scenario-edit", "upload"))
    ),
    (
        "scenario",
        "recommend an optimised scenario to a coming meeting of the steering group",
    ): lambda u, w: (
        permissions.can_recommend_scenario(u, w.meeting, TODAY)
        and _page(u, w, "planning:recommend", scenario_pk=_optimised_scenario(w).pk)
    ),
    (
        "scoring model",
        "read the scoring model, the candidates' weighted scores and who scored what",
    ): lambda u, w: (
        _scoring_page(u, w, "scoring")
        and _scoring_page(u, w, "candidate", project_pk=_candidate(w).pk)
    ),
    (
        "scoring model",
        "add, change or retire a criterion, or change the spread flagged",
    ): lambda u, w: (
        permissions.can_manage_scoring_model(u, w.organisation, TODAY)
        and _scoring_page(u, w, "criterion-add")
        and _scoring_page(u, w, "criterion-edit", criterion_pk=_criterion(w).pk)
        and _scoring_page(u, w, "criterion-retire", criterion_pk=_criterion(w).pk)
        and _scoring_page(u, w, "scoring-spread")
    ),
    ("scoring model", "score a candidate"): lambda u, w: (
        permissions.can_score_candidates(u, w.organisation, TODAY)
        and _scoring_page(u, w, "candidate-score", project_pk=_candidate(w).pk)
    ),
    ("strategy", "add an action to a strategy's action plan"): lambda u, w: _page(
        u, w, "strategy:plan-action-add", **_plan(w)
    ),
    ("strategy", "update another person's action of a strategy's action plan"): lambda u, w: _page(
        u, w, "meetings:action-update", action_pk=_plan_action(w).pk
    ),
    ("strategy", "read a milestone of a strategy's action plan and its changes"): lambda u, w: (
        _page(u, w, "strategy:milestone", milestone_pk=_milestone(w).pk)
    ),
    (
        "strategy",
        "add a milestone to a strategy's action plan, or change or correct one",
    ): lambda u, w: (
        permissions.can_manage_milestones(u, w.organisation, TODAY)
        and _page(u, w, "strategy:milestone-add", **_plan(w))
        and _page(u, w, "strategy:milestone-edit", milestone_pk=_milestone(w).pk)
    ),
    ("chair's dashboard", "read the chair's dashboard"): lambda u, w: (
        permissions.can_see_chairs_dashboard(u, w.organisation)
        and _page(u, w, "dashboard:chairs-dashboard")
    ),
    ("chair's dashboard", "see the secretary's controls on the chair's dashboard"): lambda u, w: (
        _shows_dashboard_controls(u, w)
    ),
    ("KPI", "read the KPIs and a KPI with its measurements"): lambda u, w: (
        _page(u, w, "strategy:kpis")
        and _page(u, w, "strategy:kpi", kpi_pk=_kpis(w)["another's"].pk)
    ),
    ("KPI", "add a KPI, or change one's target, tolerance, owner or benchmark"): lambda u, w: (
        permissions.can_manage_kpis(u, w.organisation, TODAY)
        and _page(u, w, "strategy:kpi-create")
        and _page(u, w, "strategy:kpi-edit", kpi_pk=_kpis(w)["another's"].pk)
    ),
    ("KPI", "record or correct a measurement of a KPI the officer owns"): lambda u, w: (
        _records_measurements(u, w, "officer's")
    ),
    ("KPI", "record or correct a measurement of another person's KPI"): lambda u, w: (
        _records_measurements(u, w, "another's")
    ),
    (
        "strategy register",
        "read the legislation, the skills framework and the digital champions",
    ): lambda u, w: (
        all(_page(u, w, f"strategy:{name}") for name in ("legislation-list", "skills", "champions"))
        and _register_page(u, w, "legislation", "legislation_pk")
        and _register_page(u, w, "skill", "skill_pk")
        and _register_page(u, w, "champion", "champion_pk")
    ),
    (
        "strategy register",
        "add or change legislation, a skill, a team (rename or retire it), a team's level or a "
        "digital champion",
    ): lambda u, w: (
        permissions.can_manage_strategy_registers(u, w.organisation, TODAY)
        and all(
            _page(u, w, f"strategy:{name}")
            for name in ("legislation-create", "skill-create", "team-add", "champion-create")
        )
        and _register_page(u, w, "legislation-edit", "legislation_pk")
        and _register_page(u, w, "skill-edit", "skill_pk")
        and _register_page(u, w, "team-edit", "team_pk")
        and _register_page(u, w, "skill-level-add", "skill_pk")
        and _register_page(u, w, "skill-level-edit", "skill_pk", "level_pk")
        and _register_page(u, w, "champion-edit", "champion_pk")
    ),
    (
        "strategy register",
        "add a development action for a team's gap in a skill",
    ): lambda u, w: _register_page(u, w, "development-action-add", "skill_pk", "level_pk"),
    (
        "strategy register",
        "update another person's development action of the skills framework",
    ): lambda u, w: _page(u, w, "meetings:action-update", action_pk=_registers(w)["action"].pk),
    (
        "risk",
        "void a mitigating action of another person's risk, not raised at a meeting",
    ): lambda u, w: _voids_risk_action(u, w, "open"),
    ("risk", "add a mitigating action to another person's risk"): lambda u, w: _risk_page(
        u, w, "action-create", "open"
    ),
    (
        "risk",
        "read and update another person's mitigating action of their risk, not raised at a meeting",
    ): lambda u, w: _updates_risk_action(u, w, "open"),
    (
        "risk",
        "read and update another person's mitigating action of their restricted risk",
    ): lambda u, w: _updates_risk_action(u, w, "restricted"),
    (
        "annual progress report",
        "read a strategy's annual progress report and its PDF and Word documents",
    ): lambda u, w: (
        permissions.can_see_progress_report(u, w.organisation)
        and all(_report_page(u, w, name) for name in ("report", "report-pdf", "report-docx"))
    ),
    (
        "annual progress report",
        "write or change the commentary and the front matter of an annual progress report",
    ): lambda u, w: (
        permissions.can_write_progress_report(u, w.organisation, TODAY)
        and _report_page(u, w, "front-matter")
        and _report_page(u, w, "commentary", "&section=kpis")
    ),
}


def _reads_report(user, world, *, restricted):
    """The report on an item of the published meeting with an open paper and, when
    `restricted`, a restricted one nobody declared an interest in."""
    item = AgendaItem.objects.create(meeting=world.published, title="Telephony", position=12)
    papers = [Paper.objects.create(organisation=world.organisation, item=item, title="Open")]
    if restricted:
        papers.append(
            Paper.objects.create(
                organisation=world.organisation, item=item, title="Prices", restricted=True,
                exemption=Paper.Exemption.COMMERCIAL,
            )
        )  # fmt: skip
    access = permissions.PaperAccess(user, world.organisation, TODAY)
    return permissions.can_read_council_report(user, item, papers, access)


def _reads_pack(user, world, which):
    """A ready pack of the published meeting holding an open paper and, but for the public pack,
    the restricted papers the reader of that pack may read."""
    from steerco.documents.models import Pack
    from steerco.governance.models import Membership

    item = AgendaItem.objects.create(meeting=world.published, title="Telephony", position=12)
    open_paper = Paper.objects.create(organisation=world.organisation, item=item, title="Open")
    restricted = Paper.objects.create(
        organisation=world.organisation, item=item, title="Prices", restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
    )  # fmt: skip
    member = Membership.objects.get(
        body=world.body, role=Membership.Role.SENIOR_RESPONSIBLE_OFFICER
    ).person
    pack = Pack.objects.create(
        meeting=world.published,
        audience="public" if which == "public" else "members",
        person=member if which == "personal" else None,
        state=Pack.State.READY,
        requested_at=timezone.now(),
    )
    papers = {
        "public": [open_paper],
        "members": [open_paper, restricted, world.declared_paper],
        "personal": [open_paper, restricted],
    }[which]
    pack.papers.set(papers)
    access = permissions.PaperAccess(user, world.organisation, TODAY)
    return permissions.can_read_pack(user, pack, access)


CELLS = read_matrix()


def test_every_row_of_the_matrix_has_its_check_and_every_check_its_row():
    rows = {(kind, action) for kind, action, _person, _answer in CELLS}

    assert rows == set(CHECKS)


@pytest.mark.parametrize(
    ("kind", "action", "person", "expected"),
    CELLS,
    ids=[f"{kind}: {action} / {person}" for kind, action, person, _ in CELLS],
)
def test_the_matrix_cell_holds(request, world, outsider, kind, action, person, expected):
    user = {
        "public": AnonymousUser(),
        "other council": outsider,
        "officer": world.officer,
        "member": request.getfixturevalue("member"),
        "chair": request.getfixturevalue("chair"),
        "secretary": request.getfixturevalue("secretary"),
        "administrator": request.getfixturevalue("administrator"),
    }[person]

    assert CHECKS[kind, action](user, world) is expected
