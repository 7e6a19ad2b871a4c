"""One organisation never reaches another's objects, on any address of the application.

Every URL that names an organisation is found by walking the URL configuration, and its
parameters are filled from the kinds the apps register (steerco/lib/kinds.py), so an address
added later is covered without editing this test; it fails while a parameter has no kind, or
their organisation has no object of that kind.
"""

import io
import itertools
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from steerco.governance import actions
from steerco.governance.models import Body, Membership, ReportingLine
from steerco.lib import kinds
from steerco.lib.exports import CONTENT_TYPES

XLSX = CONTENT_TYPES["xlsx"]


def organisation_routes():
    def walk(patterns, prefix=""):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern) and "<slug:org>" in route:
                yield route

    return sorted(set(walk(get_resolver().url_patterns)))


def build(route, organisation_slug, their_organisation):
    """The route with the organisation's slug and, for every other parameter, each of their
    objects of its kind (steerco/lib/kinds.py): every path the route gives."""
    segments = route.split("/")
    choices = []
    for index, segment in enumerate(segments):
        for parameter in kinds.PARAMETER.findall(segment):
            if parameter == "org":
                choices.append([organisation_slug])
                continue
            kind = kinds.kind_for(segments[index - 1] if index else "", parameter)
            assert kind, f"No kind fills <{parameter}> in {route}: register its kind."
            pks = list(kind.in_organisation(their_organisation).values_list("pk", flat=True))
            assert pks, f"their_objects has no {kind.model.__name__}: add one."
            choices.append(pks)
    for values in itertools.product(*choices):
        path = route
        for value in values:
            path = kinds.PARAMETER.sub(str(value), path, count=1)
        assert "<" not in path, f"Unfilled part in {path}"
        yield "/" + path


def main_content(response):
    if response.streaming:  # a file download: the whole file is the content
        return b"".join(response.streaming_content)
    if response["Content-Type"].startswith(XLSX):
        # A workbook carries the time it was written: its cells are what it shows.
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        return [list(sheet.values) for sheet in workbook.worksheets]
    if not response["Content-Type"].startswith("text/html"):  # a spreadsheet of a list
        return response.content
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)


@pytest.fixture
def their_objects(other_organisation, make_person, settings, tmp_path):
    from steerco.accounts.models import OrganisationMembership

    admin = make_person(
        "their-admin", other_organisation, OrganisationMembership.Role.ADMINISTRATOR
    )
    body = Body.objects.create(organisation=other_organisation, name="Their steering group")
    board = Body.objects.create(organisation=other_organisation, name="Their project board")
    membership = actions.save_membership(
        Membership(
            organisation=other_organisation,
            body=body,
            person=admin,
            role=Membership.Role.CHAIR,
            starts_on=date(2024, 1, 1),
        ),
        by=None,
    )
    line = ReportingLine.objects.create(
        organisation=other_organisation, from_body=board, to_body=body
    )
    terms = actions.issue_terms_of_reference(
        body,
        version="1.0",
        issued_on=date(2024, 1, 1),
        author="Them",
        summary_of_change="Secret first draft",
        title="",
        purpose="Their purpose",
        objectives=["Their objective"],
        sections=[],
        by=admin,
    )
    return {
        "body": body,
        "membership": membership,
        "line": line,
        "terms": terms,
        **(meeting := their_meeting(body, admin, settings, tmp_path)),
        **their_documents(meeting["meeting"], admin),
        **their_portfolio(other_organisation, board, admin),
        **their_submission(body, admin),
        **their_calendars(other_organisation, admin),
        **their_risks(other_organisation, admin),
        **(strategy := their_strategy(meeting["decision"], admin)),
        **their_planning(other_organisation, admin),
        **their_registers(strategy["strategy"], body, admin),
    }


def their_registers(strategy, body, admin):
    """Their legislation, skill with a team's level and a development action, and champion."""
    from steerco.lib.dates import today
    from steerco.strategy.tests.leak_scenario import register_entries

    theme = strategy.themes.get()
    return register_entries(theme, person=admin, body=body, due_on=today() + timedelta(days=30))


def their_planning(organisation, admin):
    """Their scenario, with an answer from their (empty) portfolio, and their scoring model's
    criterion."""
    from django.utils import timezone

    from steerco.lib.dates import today
    from steerco.planning import actions as planning_actions
    from steerco.planning.models import Scenario

    scenario = planning_actions.save_scenario(
        Scenario(
            organisation=organisation, name="Their secret scenario", first_year=2027,
            capital_budgets=["1000"], revenue_budgets=["1000"],
        ),
        by=admin,
    )  # fmt: skip
    planning_actions.run_scenario(scenario, by=admin, at=timezone.now(), today=today())
    model = planning_actions.set_criteria(
        organisation, [("Their secret criterion", Decimal(1), ())], by=admin
    )
    return {"scenario": scenario, "criterion": model.criteria.get()}


def their_strategy(decision, admin):
    """Their current strategy, approved by their decision, with a theme and an objective."""
    from steerco.strategy import actions as strategy_actions
    from steerco.strategy.models import KPI, Strategy

    strategy = strategy_actions.save_strategy(
        Strategy(
            organisation=decision.organisation,
            title="Their secret strategy",
            starts_in=2026,
            ends_in=2030,
        ),
        by=admin,
    )
    strategy_actions.approve_strategy(strategy, decision=decision, by=admin)
    strategy_actions.make_current(strategy, by=admin)
    theme = strategy_actions.add_theme(strategy, name="Their theme", by=admin)
    objective = strategy_actions.add_objective(
        strategy, title="Their objective", theme=theme, by=admin
    )
    strategy_actions.add_principle(strategy, title="Their principle", by=admin)
    strategy_actions.add_milestone(
        objective, title="Their milestone", due_on=date(2026, 6, 1), by=admin
    )
    # Their KPIs (the defaults every council gets), one measured.
    kpi = KPI.objects.get(organisation=decision.organisation, name="Service availability")
    measurement = strategy_actions.record_measurement(
        kpi, period_starts_on=date(2026, 4, 1), value=Decimal("99.9"), by=admin
    )
    return {"strategy": strategy, "measurement": measurement}


def their_documents(meeting, admin):
    """Their meeting's agenda packs, built as the task worker builds them, and a forwarding
    of its action log with the file sent."""
    from steerco.documents import actions as document_actions
    from steerco.meetings.models import Forwarding

    packs = document_actions.build_packs(meeting)
    assert [pack.state for pack in packs] == ["ready", "ready"]
    # Made directly: their meeting is not held, so the action log cannot yet be agreed.
    forwarding = Forwarding.objects.create(
        meeting=meeting, what="action_log", to_body=meeting.body, forwarded_on=date(2031, 5, 1)
    )
    document_actions.keep_sent_file(forwardings=[forwarding], by=admin)
    return {"packs": packs, "forwarding": forwarding}


def their_risks(organisation, admin):
    """Their register: a risk, restricted, to look for."""
    from steerco.risks import actions as risk_actions
    from steerco.risks.models import RiskCategory

    risk = risk_actions.create_risk(
        organisation,
        by=admin,
        scores={
            f"{which}_{part}": 3
            for which in ("inherent", "current", "target")
            for part in ("likelihood", "impact")
        },
        title="Their secret risk",
        category=RiskCategory.objects.get(organisation=organisation, name="Security"),
        owner=admin,
        restricted=True,
        exemption="security",
    )
    return {"risk": risk}


def their_portfolio(organisation, board, admin):
    """Their portfolio: each kind of the portfolio app with one object to look for."""
    from steerco.portfolio import actions as portfolio_actions
    from steerco.portfolio.models import BusinessCase, Option, Product, Programme, Project

    programme = Programme.objects.create(
        organisation=organisation, reference="THEIR-P", name="Their secret programme"
    )
    project = Project.objects.create(
        organisation=organisation,
        reference="THEIR-1",
        name="Their secret project",
        board=board,
        programme=programme,
    )
    benefit = portfolio_actions.add_benefit(
        project, description="Their benefit", kind="qualitative", by=admin
    )
    realisation = portfolio_actions.record_realisation(
        benefit, on=date(2026, 1, 1), value=None, evidence="Their evidence", by=admin
    )
    case = BusinessCase.objects.create(
        organisation=organisation, project=project, number=1, title="Their case", base_year=2024
    )
    option = Option.objects.create(business_case=case, name="Their option")
    then = Project.objects.create(organisation=organisation, reference="THEIR-2", name="Their next")
    dependency = portfolio_actions.add_dependency(then, depends_on=project, by=admin)
    product = portfolio_actions.save_product(
        Product(organisation=organisation, name="Their platform"), by=admin
    )
    product_use = portfolio_actions.declare_product_use(
        project, product=product, use="uses", by=admin
    )
    return {
        "product_use": product_use,
        "project": project,
        "dependency": dependency,
        "product": product,
        "programme": programme,
        "benefit": benefit,
        "realisation": realisation,
        "business_case": case,
        "option": option,
    }


def their_meeting(body, admin, settings, tmp_path):
    """A published meeting of theirs with an item, a paper, an action, a decision and a
    declaration (with its withdrawal)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from steerco.meetings import actions as meeting_actions
    from steerco.meetings.models import AgendaItem
    from steerco.meetings.tests.conftest import pdf_bytes

    settings.MEDIA_ROOT = tmp_path / "media"
    meeting = meeting_actions.schedule_meeting(
        body, on=date(2031, 3, 11), starts_at=time(10), by=admin, today=date(2026, 1, 1)
    )
    item = meeting_actions.save_item(AgendaItem(meeting=meeting, title="Their item"), by=admin)
    paper = meeting_actions.add_paper(
        item, title="Their paper", upload=SimpleUploadedFile("their.pdf", pdf_bytes()), by=admin
    )
    meeting_actions.publish_agenda(
        meeting, by=admin, now=timezone.make_aware(datetime(2026, 6, 1, 9))
    )
    action = meeting_actions.add_action(
        meeting, description="Their action", owner=admin, due_on=date(2031, 4, 1), by=admin
    )
    decision = meeting_actions.record_decision(
        item, statement="Their decision", outcome="approved", confirmed_by=admin, by=admin
    )
    # A prejudicial declaration records the withdrawal with it.
    declaration = meeting_actions.declare_interest(
        item, person=admin, kind="prejudicial", nature="Their interest", by=admin
    )
    return {
        "meeting": meeting,
        "decision": decision,
        "declaration": declaration,
        "withdrawal": declaration.withdrawals.get(),
        "item": item,
        "paper": paper,
        "paper_version": paper.versions.get(),
        "action": action,
    }


def their_submission(body, admin):
    """A restricted submission of theirs, with a paper."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from steerco.meetings.tests.conftest import pdf_bytes
    from steerco.portfolio import actions as portfolio_actions
    from steerco.portfolio.models import Submission

    submission = portfolio_actions.submit(
        Submission(
            organisation=body.organisation,
            body=body,
            kind=Submission.Kind.HIGHLIGHT_REPORT,
            title="Their highlight report",
            asked="Note it.",
            restricted=True,
            exemption="commercial",
        ),
        files=[SimpleUploadedFile("their-report.pdf", pdf_bytes())],
        by=admin,
    )
    return {"submission": submission, "submission_file": submission.files.get()}


def their_calendars(organisation, admin):
    """Their administrator's secret calendar address."""
    from steerco.calendars import actions as calendar_actions
    from steerco.calendars.models import CalendarAddress

    token = calendar_actions.reset_calendar_address(admin, organisation, by=admin)
    return {"calendar_address": CalendarAddress.objects.get(person=admin), "calendar_token": token}


def test_their_calendar_address_is_not_ours(client, organisation, administrator, their_objects):
    """The walks fill a secret address with ids; their real one is no address of ours either."""
    client.force_login(administrator)
    token = their_objects["calendar_token"]
    for name in ("calendars:personal", "calendars:organisation"):
        ours = reverse(name, kwargs={"org": organisation.slug, "token": token})
        theirs = reverse(
            name, kwargs={"org": their_objects["body"].organisation.slug, "token": token}
        )
        assert client.get(ours).status_code == 404
        assert type(client)().get(theirs).status_code == 200


def test_every_organisation_route_is_covered():
    routes = organisation_routes()
    assert "<slug:org>/bodies/<int:pk>/" in routes
    assert len(routes) >= 16


def test_a_parameter_that_no_kind_fills_fails_the_walk(other_organisation):
    with pytest.raises(AssertionError, match="No kind fills <minute_pk>"):
        list(build("<slug:org>/minutes/<int:minute_pk>/", "ours", other_organisation))


def test_every_kind_stands_for_a_parameter_of_some_route():
    used = set()
    for route in organisation_routes():
        segments = route.split("/")
        for index, segment in enumerate(segments[1:], start=1):
            for parameter in kinds.PARAMETER.findall(segment):
                used.add((segments[index - 1], parameter))
    assert {(kind.segment, kind.parameter) for kind in kinds.all_kinds()} <= used


@pytest.mark.usefixtures("their_objects")
def test_their_objects_are_not_found_through_our_organisation(
    client, organisation, administrator, other_organisation
):
    client.force_login(administrator)
    for route in organisation_routes():
        if "<int:" not in route:
            continue
        for path in build(route, organisation.slug, other_organisation):
            # A method the page does not take is refused (405) before anything is looked up.
            statuses = {client.get(path).status_code, client.post(path).status_code}
            assert statuses in ({404}, {404, 405}), f"{path} gave {statuses}"


@pytest.mark.usefixtures("their_objects")
@pytest.mark.parametrize("method", ["get", "post"])
def test_their_organisation_shows_us_only_what_it_shows_the_public(
    client, organisation, administrator, other_organisation, method
):
    anonymous = type(client)()
    client.force_login(administrator)
    for route in organisation_routes():
        for path in build(route, other_organisation.slug, other_organisation):
            ours = getattr(client, method)(path)
            public = getattr(anonymous, method)(path)
            if public.status_code == 200:
                assert ours.status_code == 200, path
                assert main_content(ours) == main_content(public), f"{path} shows us more"
            else:
                # 302: sign in first; 404: a page the public may see, but not this object of it.
                assert public.status_code in (302, 404, 405), (
                    f"{path} gave the public {public.status_code}"
                )
                assert ours.status_code in (404, 405), (
                    f"{method.upper()} {path} gave {ours.status_code}"
                )
