"""A restricted paper is never shown to someone not allowed to read it, whatever URL they try.

Every URL of the application is found by walking the URL configuration, and every number in it
is filled with every object of its kind in the scenario (the kinds the apps register in
steerco/lib/kinds.py), so an address added later is covered without editing this test – or makes
it fail until its app registers what fills the new parameter.
"""

import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from pypdf import PdfReader

from steerco.accounts.models import OrganisationMembership
from steerco.dashboard.tests.leak_scenario import dashboard_scenario
from steerco.documents.tests.leak_scenario import documents_scenario
from steerco.governance import actions as governance_actions
from steerco.governance.models import Body, Membership, ReportingLine
from steerco.lib import kinds
from steerco.meetings import actions
from steerco.meetings.models import AgendaItem, Decision, Declaration, Paper, Purpose
from steerco.meetings.tests.conftest import pdf_bytes
from steerco.planning.tests.leak_scenario import planning_scenario
from steerco.portfolio.tests.leak_scenario import portfolio_scenario
from steerco.progress_report.tests.leak_scenario import progress_report_scenario
from steerco.risks.tests.leak_scenario import risks_scenario
from steerco.strategy.models import Strategy
from steerco.strategy.tests.leak_scenario import strategy_scenario

TITLE = "Project Nightjar supplier pricing"
FILE_NAME = "nightjar-pricing.pdf"
SECRET_TEXT = "NIGHTJAR-SECRET-TEXT"
# Why a restricted paper came late can say as much as the paper: it has no codename to find.
LATE_REASON = "Bluefinch Ltd revised its bid after the deadline"
# Any trace of the codename: a truncated title, a slug of the file name, the text.
CODENAME = re.compile(rb"nightjar", re.IGNORECASE)

# A paper uploaded as open by mistake and withdrawn, and the first draft of a paper replaced
# because it was wrong: served to no one but whoever manages the body.
WITHDRAWN_TITLE = "Osprey staff restructure list"
WITHDRAWN_TEXT = "OSPREY-WITHDRAWN-TEXT"
DRAFT_FILE_NAME = "harrier-draft.pdf"
DRAFT_TEXT = "HARRIER-EARLIER-TEXT"
PULLED = re.compile(rb"osprey|harrier", re.IGNORECASE)

# Django's own admin is for staff only, and none of the people walking here is staff.
NOT_WALKED = ("admin/",)
# Downloads of list pages every officer of the council may read (issue 13 §6).
LIST_DOWNLOADS = tuple(
    f"{route}.{file_type}"
    for route in (
        "bodies", "people", "skills/teams", "programmes/<int:programme_pk>/projects",
        "projects/<int:project_pk>/dependencies", "projects/<int:project_pk>/submissions",
        "products/<int:product_pk>/uses",
    )
    for file_type in ("csv", "xlsx")
)  # fmt: skip

PARAMETER = re.compile(r"<[^>]+>")


def application_routes():
    def walk(patterns, prefix=""):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if route.startswith(NOT_WALKED):
                continue
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                yield route

    return sorted(set(walk(get_resolver().url_patterns)))


def objects_for(before, parameter, route, scenario):
    """Every object of the parameter's kind (steerco/lib/kinds.py), in every organisation."""
    if parameter == "<slug:org>":
        return [scenario["organisation"].slug]
    kind = kinds.kind_for(before, parameter)
    if kind is None:
        pytest.fail(
            f"The leak test cannot fill {parameter} after “{before}/” in {route}: "
            "register its kind (steerco/lib/kinds.py) in the app's AppConfig.ready()."
        )
    return list(kind.model._default_manager.values_list("pk", flat=True))


def fillings(route, scenario):
    """Every path the route gives with the scenario's objects."""
    segments = route.split("/")
    choices = []
    for index, segment in enumerate(segments):
        for parameter in PARAMETER.findall(segment):
            before = segments[index - 1] if index else ""
            values = objects_for(before, parameter, route, scenario)
            assert values, f"The scenario has no objects for {parameter} in {route}"
            choices.append((parameter, values))
    for combination in itertools.product(*(values for _, values in choices)):
        path = route
        for (parameter, _), value in zip(choices, combination, strict=True):
            path = path.replace(parameter, str(value), 1)
        assert not PARAMETER.search(path) and not path.startswith("^"), path
        yield "/" + path


def file_url(scenario, version):
    return reverse(
        "meetings:paper-file",
        kwargs={
            "org": scenario["organisation"].slug,
            "paper_pk": version.paper_id,
            "version_pk": version.pk,
        },
    )


def content_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK\x03\x04"):  # Word and Excel files: what they hold is zipped XML
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content += b"".join(archive.read(name) for name in archive.namelist())
    return content


def pdf_text(content):
    if not content.startswith(b"%PDF"):
        return ""
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def traces(content, scenario, text=None):
    """What of the restricted paper a response gives away (`text`: its PDF text, if known)."""
    found = []
    text = pdf_text(content) if text is None else text
    for needle in scenario["needles"]:
        # A PDF compresses its text: a generated document (a report, a pack) is read as text.
        if needle in content or needle.decode(errors="ignore") in text:
            found.append(needle[:40])
    if CODENAME.search(content):
        found.append(b"nightjar")
    if SECRET_TEXT in text:
        found.append(b"text of the paper")
    return found


def pulled_traces(content, scenario, text=None):
    """What of the withdrawn paper, or of the replaced first drafts, a response gives away."""
    found = [needle[:40] for needle in scenario["pulled_needles"] if needle in content]
    if PULLED.search(content):
        found.append(b"osprey or harrier")
    text = pdf_text(content) if text is None else text
    if WITHDRAWN_TEXT in text or DRAFT_TEXT in text:
        found.append(b"text of a pulled paper")
    return found


@dataclass
class Walk:
    """What every path gave away to one client: traces of the restricted paper (`leaks`), of
    the pulled papers (`pulled`), and each path's status."""

    leaks: dict = field(default_factory=dict)
    pulled: dict = field(default_factory=dict)
    statuses: dict = field(default_factory=dict)


def walk_as(client, scenario):
    """Every path, once, and what it gave away to this client. One walk looks for every kind
    of trace, as the walk is the slow part of these tests."""
    walk = Walk()
    for route in application_routes():
        for path in fillings(route, scenario):
            response = client.get(path)
            walk.statuses[path] = response.status_code
            content = content_of(response)
            text = pdf_text(content)
            if found := traces(content, scenario, text):
                walk.leaks[path] = found
            if found := pulled_traces(content, scenario, text):
                walk.pulled[path] = found
    return walk


@pytest.fixture
def scenario(
    organisation,
    other_organisation,
    steering_group,
    secretary,
    members,
    make_person,
    meeting,
    officer,
    administrator,
):
    chair, member = members[0], members[1]
    conflicted = make_person("conflicted", organisation, name="Connie Cole")
    Membership.objects.create(
        organisation=organisation,
        body=steering_group,
        person=conflicted,
        role=Membership.Role.SUPPORTING_OFFICER,
        area="Procurement",
        starts_on=date(2025, 1, 1),
    )
    their_administrator = make_person(
        "their-administrator", other_organisation, OrganisationMembership.Role.ADMINISTRATOR
    )
    efficiency_board = Body.objects.create(organisation=organisation, name="Efficiency Board")
    ReportingLine.objects.create(
        organisation=organisation,
        from_body=steering_group,
        to_body=efficiency_board,
        carries=["action_log", "approved_minutes", "decisions"],
    )
    governance_actions.issue_terms_of_reference(
        steering_group,
        version="1.0",
        issued_on=date(2025, 1, 1),
        author="Sam Shah",
        summary_of_change="First version",
        title="Terms of reference",
        purpose="To direct ICT and digital services.",
        objectives=["Oversee the portfolio."],
        sections=[],
        by=secretary,
    )

    item = actions.save_item(
        AgendaItem(
            meeting=meeting,
            title="Supplier contract renewal",
            purpose=Purpose.DECISION,
            source=AgendaItem.Source.SUBMISSION,
        ),
        by=secretary,
    )
    actions.add_paper(
        item,
        title="Contract renewal summary",
        upload=SimpleUploadedFile("renewal-summary.pdf", pdf_bytes("Open summary text")),
        by=secretary,
    )
    first_content = pdf_bytes(f"{SECRET_TEXT} draft")
    second_content = pdf_bytes(f"{SECRET_TEXT} revised")
    restricted = actions.add_paper(
        item,
        title=TITLE,
        upload=SimpleUploadedFile(FILE_NAME, first_content),
        by=secretary,
        restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
    )
    actions.replace_paper(
        restricted, upload=SimpleUploadedFile(FILE_NAME, second_content), by=secretary
    )
    actions.publish_agenda(meeting, by=secretary, now=timezone.make_aware(datetime(2031, 1, 6, 9)))
    actions.add_paper(
        item,
        title="Nightjar revised bid",
        upload=SimpleUploadedFile("nightjar-revised.pdf", pdf_bytes(SECRET_TEXT)),
        by=secretary,
        restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
        late_reason=LATE_REASON,
    )
    actions.declare_interest(
        item,
        person=conflicted,
        kind=Declaration.Kind.PREJUDICIAL,
        nature="Close relative works for a bidder",
        by=conflicted,
        in_advance=True,
    )
    for person in [secretary, *members, conflicted]:
        actions.record_attendance(
            meeting, person=person, status="present", by=secretary, now=meeting.starts()
        )
    actions.record_decision(
        item,
        statement="The renewal is approved within the agreed budget.",
        outcome=Decision.Outcome.APPROVED,
        confirmed_by=chair,
        by=secretary,
    )
    actions.save_minutes(
        item, text="The group considered the restricted pricing paper.", by=secretary
    )
    actions.add_action(
        meeting,
        description="Sign the renewed contract",
        owner=member,
        due_on=date(2031, 4, 30),
        item=item,
        by=secretary,
    )
    # Carried to the next meeting with its papers, the restricted paper is copied too.
    following = actions.schedule_meeting(
        steering_group,
        on=date(2031, 5, 13),
        starts_at=time(10),
        by=secretary,
        today=date(2031, 1, 1),
    )
    actions.publish_agenda(
        following, by=secretary, now=timezone.make_aware(datetime(2031, 5, 1, 9))
    )
    # An open paper that should not have been, and a paper whose first draft was wrong: both
    # carried with the item before they were put right.
    withdrawn = actions.add_paper(
        item,
        title=WITHDRAWN_TITLE,
        upload=SimpleUploadedFile("osprey-list.pdf", pdf_bytes(WITHDRAWN_TEXT)),
        by=secretary,
        late_reason="Needed for the decision",
    )
    draft_content = pdf_bytes(DRAFT_TEXT)
    replaced = actions.add_paper(
        item,
        title="Budget forecast",
        upload=SimpleUploadedFile(DRAFT_FILE_NAME, draft_content),
        by=secretary,
        late_reason="Needed for the decision",
    )
    actions.carry_item(item, to=following, by=secretary)
    actions.withdraw_paper(withdrawn, reason="Names staff at risk", by=secretary)
    actions.replace_paper(
        replaced,
        upload=SimpleUploadedFile("budget-forecast.pdf", pdf_bytes("Budget forecast")),
        by=secretary,
    )
    versions = list(restricted.versions.order_by("number"))
    draft = replaced.versions.get(number=1)
    portfolio = portfolio_scenario(
        organisation, steering_group=steering_group, secretary=secretary, member=member,
        officer=officer, make_person=make_person,
    )  # fmt: skip
    # The waiting restricted submission is about a project everyone may see: its page and its
    # submissions' page and downloads name it only to the board.
    type(portfolio["submissions"]["waiting"]).objects.filter(
        pk=portfolio["submissions"]["waiting"].pk
    ).update(project=portfolio["project"])
    cases = restricted_business_case(organisation, make_person)
    # A secret calendar address, so the addresses of the personal feeds are walked (with ids,
    # which are no address; the feeds themselves: test_no_calendar_feed_shows_a_restricted_paper).
    from steerco.calendars.actions import reset_calendar_address

    reset_calendar_address(secretary, organisation, by=secretary)
    register = risks_scenario(
        organisation, member=member, secretary=secretary, item=item, conflicted=conflicted
    )
    dashboard_scenario(register["risks"][1], secretary=secretary)
    strategy = strategy_scenario(organisation, secretary=secretary, item=item)["strategy"]
    progress_report_scenario(strategy, secretary=secretary)
    planning = planning_scenario(
        organisation, secretary=secretary, strategy=strategy, risks=register["risks"],
        meeting=following,
    )  # fmt: skip
    # The first meeting has one pack of every kind: members', public, personal, supplementary.
    documents = documents_scenario([meeting], item=item, secretary=secretary)
    return {
        "packs": documents["packs"],
        "organisation": organisation,
        "meeting": meeting,
        "meetings": [meeting, following],
        "item": item,
        "paper": restricted,
        "versions": versions,
        "contents": [first_content, second_content],
        "needles": [
            TITLE.encode(),
            LATE_REASON.encode(),
            FILE_NAME.encode(),
            SECRET_TEXT.encode(),
            first_content,
            second_content,
            *(version.file.name.encode() for version in versions),
            *(version.file.path.encode() for version in versions),
            *portfolio["needles"],
            *register["needles"],
            *planning["needles"],
        ],
        "submissions": portfolio["submissions"],
        "withdrawn": withdrawn,
        "draft": draft,
        # The first version of the restricted paper is also an earlier version now.
        "pulled_needles": [
            WITHDRAWN_TITLE.encode(),
            b"osprey-list.pdf",
            DRAFT_FILE_NAME.encode(),
            draft_content,
            first_content,
            *(p.encode() for v in (draft, versions[0]) for p in (v.file.name, v.file.path)),
        ],
        "people": {
            "secretary": secretary,
            "member": member,
            "officer": officer,
            "administrator": administrator,
            "conflicted": conflicted,
            "their administrator": their_administrator,
            "project board member": cases["board member"],
            "board secretary": portfolio["submissions"]["secretary"],
        },
        "business case": cases["business case"],
        "restricted risk": register["risks"][1],
    }


def restricted_business_case(organisation, make_person):
    """A project whose board alone reads its restricted business case (the commercial terms of
    the codename bid), beside an open one of another project."""
    from steerco.portfolio import actions as portfolio_actions
    from steerco.portfolio.models import BusinessCase, Option, Project

    board = Body.objects.create(organisation=organisation, name="Workflow Project Board")
    board_member = make_person("board-member", organisation, name="Bea Brown")
    Membership.objects.create(
        organisation=organisation,
        body=board,
        person=board_member,
        role=Membership.Role.SUPPORTING_OFFICER,
        starts_on=date(2025, 1, 1),
    )
    manager = make_person("project-manager", organisation, name="Priya Patel")
    project = Project.objects.create(
        organisation=organisation, reference="ICT-9", name="Workflow", board=board, manager=manager
    )
    case = portfolio_actions.create_business_case(
        BusinessCase(
            title="Nightjar workflow platform",
            summary=SECRET_TEXT,
            base_year=2024,
            restricted=True,
            exemption=Paper.Exemption.COMMERCIAL,
            risk_assessment="Nightjar Ltd may fail to deliver.",
        ),
        project=project,
        by=manager,
    )
    portfolio_actions.save_option(
        Option(business_case=case, name="Buy the Nightjar platform", preferred=True), by=manager
    )
    other = Project.objects.create(organisation=organisation, reference="ICT-10", name="Mobility")
    portfolio_actions.create_business_case(
        BusinessCase(title="Mobile working", base_year=2024), project=other, by=manager
    )
    return {"board member": board_member, "business case": case}


def test_the_walk_covers_every_route():
    routes = application_routes()
    assert "<slug:org>/papers/<int:paper_pk>/versions/<int:version_pk>/file/" in routes
    assert "<slug:org>/meetings/<int:meeting_pk>/" in routes
    assert len(routes) >= 50


@pytest.mark.walk
def test_the_walk_fails_on_a_parameter_it_cannot_fill():
    with pytest.raises(pytest.fail.Exception, match="cannot fill <int:minute_pk>"):
        list(fillings("minutes/<int:minute_pk>/", {}))


def _walk_as_persona(client, scenario, persona):
    person = scenario["people"].get(persona)
    assert person is None or not person.is_staff
    if person is not None:
        client.force_login(person)
    walk = walk_as(client, scenario)
    # The walk reached the published meetings, so it looked where the papers would be.
    assert [walk.statuses[m.get_absolute_url()] for m in scenario["meetings"]] == [200, 200]
    return walk


@pytest.mark.walk
@pytest.mark.parametrize("persona", [None, "officer", "conflicted", "their administrator"])
def test_no_url_shows_a_restricted_paper_a_withdrawn_paper_or_an_earlier_version(
    client, scenario, persona
):
    walk = _walk_as_persona(client, scenario, persona)
    assert walk.leaks == {}
    assert walk.pulled == {}
    if persona == "officer":
        # The walk read the lists' downloads, not only reached their addresses.
        downloads = [
            path
            for route in application_routes()
            if route.endswith(LIST_DOWNLOADS)
            for path in fillings(route, scenario)
        ]
        assert len(downloads) >= 2 * len(LIST_DOWNLOADS)
        assert {walk.statuses[path] for path in downloads} == {200}


@pytest.mark.walk
def test_no_url_shows_a_restricted_paper_to_the_administrator(client, scenario):
    """The organisation's administrator runs steerco, but is no member of the body."""
    walk = _walk_as_persona(client, scenario, "administrator")
    assert walk.leaks == {}


def _pack_urls(scenario, **kind):
    return {
        pack.get_absolute_url()
        for pack in scenario["packs"]
        if all(getattr(pack, field) == value for field, value in kind.items())
    }


@pytest.mark.walk
def test_the_walk_finds_the_restricted_paper_where_a_member_may_read_it_and_no_pulled_one(
    client, scenario
):
    walk = _walk_as_persona(client, scenario, "member")
    current = file_url(scenario, scenario["versions"][-1])
    assert {
        scenario["meeting"].get_absolute_url(),
        scenario["paper"].get_absolute_url(),
        current,
    } <= set(walk.leaks)
    assert b"text of the paper" in walk.leaks[current]
    # In the members' packs too.
    members_packs = _pack_urls(scenario, audience="members", person=None)
    assert len(members_packs) == 2
    assert members_packs <= set(walk.leaks)
    assert all(b"text of the paper" in walk.leaks[url] for url in members_packs)
    # A member reads the paper as it now is, never the withdrawn one or an earlier draft.
    assert walk.pulled == {}


@pytest.mark.walk
def test_the_walk_finds_the_restricted_risk_and_the_pulled_papers_where_the_secretary_may(
    client, scenario
):
    walk = _walk_as_persona(client, scenario, "secretary")
    assert scenario["restricted risk"].get_absolute_url() in walk.leaks
    # Its mitigating actions, raised at no meeting, are on the steering group's action log
    # and its download (the XLSX is compressed: its bytes hide the text from the walk, but
    # it is written from the same rows).
    arguments = {"org": scenario["organisation"].slug, "meeting_pk": scenario["meeting"].pk}
    logs = {reverse(f"meetings:action-log{suffix}", kwargs=arguments) for suffix in ("", "-csv")}
    assert logs <= set(walk.leaks)
    # The risk lists' downloads hold it too (the other personas' walks find it in none).
    downloads = {
        reverse(f"risks:{name}-csv", kwargs={"org": arguments["org"]})
        for name in ("register", "escalations")
    }
    assert downloads <= set(walk.leaks)
    # The chair's dashboard shows the risk among the top risks and its overdue action.
    dashboard = reverse("dashboard:chairs-dashboard", kwargs={"org": arguments["org"]})
    assert dashboard in walk.leaks
    # The annual progress report of the current strategy, its PDF and Word documents list it among
    # the top risks of the year (the walk reads every PDF's text for every needle).
    strategy = Strategy.objects.get(organisation=scenario["organisation"], is_current=True)
    reports = {
        reverse(
            f"progress_report:{name}", kwargs={"org": arguments["org"], "strategy_pk": strategy.pk}
        )
        for name in ("report", "report-docx", "report-pdf")
    }
    assert reports <= set(walk.leaks)
    withdrawn, draft = scenario["withdrawn"], scenario["draft"]
    assert {
        scenario["meeting"].get_absolute_url(),
        withdrawn.get_absolute_url(),
        file_url(scenario, withdrawn.versions.get()),
        file_url(scenario, draft),
    } <= set(walk.pulled)
    assert b"text of a pulled paper" in walk.pulled[file_url(scenario, draft)]


@pytest.mark.walk
def test_the_walk_finds_the_restricted_business_case_where_its_board_may_read_it(client, scenario):
    client.force_login(scenario["people"]["project board member"])
    walk = walk_as(client, scenario)
    assert scenario["business case"].get_absolute_url() in walk.leaks


@pytest.mark.walk
def test_the_walk_finds_the_restricted_submissions_where_their_body_may_read_them(client, scenario):
    submitted = scenario["submissions"]
    client.force_login(submitted["secretary"])
    walk = walk_as(client, scenario)
    waiting = submitted["waiting"]
    stored = waiting.files.get()
    file_path = reverse(
        "portfolio:submission-file",
        kwargs={
            "org": scenario["organisation"].slug,
            "submission_pk": waiting.pk,
            "file_pk": stored.pk,
        },
    )
    waiting.refresh_from_db()
    about_project = {"org": scenario["organisation"].slug, "project_pk": waiting.project_id}
    assert {
        waiting.get_absolute_url(),
        file_path,
        reverse("portfolio:submission-list", kwargs={"org": scenario["organisation"].slug}),
        reverse("portfolio:project-submissions", kwargs=about_project),
        reverse("portfolio:project-submissions-csv", kwargs=about_project),
    } <= set(walk.leaks)
    assert b"text of the paper" in walk.leaks[file_path]


@pytest.mark.parametrize("persona", ["secretary", "member"])
def test_members_see_and_download_the_restricted_paper(client, scenario, persona):
    client.force_login(scenario["people"][persona])
    page = client.get(scenario["meeting"].get_absolute_url())
    assert page.status_code == 200
    assert TITLE in page.content.decode()
    assert LATE_REASON in page.content.decode()
    current = scenario["versions"][-1]
    response = client.get(file_url(scenario, current))
    content = content_of(response)
    assert content == scenario["contents"][-1]
    assert SECRET_TEXT in pdf_text(content)


def test_only_the_secretary_downloads_the_earlier_version(client, scenario):
    earlier = file_url(scenario, scenario["versions"][0])
    client.force_login(scenario["people"]["member"])
    assert client.get(earlier).status_code == 404
    client.force_login(scenario["people"]["secretary"])
    assert content_of(client.get(earlier)) == scenario["contents"][0]


def test_everyone_downloads_the_public_packs_and_only_their_own_personal_ones(client, scenario):
    public = _pack_urls(scenario, audience="public")
    personal = _pack_urls(scenario, person=scenario["people"]["conflicted"])
    assert len(public) == 2 and len(personal) == 2
    assert [client.get(url).status_code for url in sorted(public)] == [200, 200]
    for persona in ("member", "officer", "administrator", "secretary"):
        client.force_login(scenario["people"][persona])
        assert [client.get(url).status_code for url in sorted(personal)] == [404, 404]
    client.force_login(scenario["people"]["conflicted"])
    assert [client.get(url).status_code for url in sorted(personal)] == [200, 200]


@pytest.mark.parametrize("persona", ["officer", "administrator", "conflicted", "member"])
def test_no_calendar_feed_shows_a_restricted_paper(client, scenario, persona):
    """The walk fills a secret calendar address with ids, which are no address: here each
    person's own feeds are read with their real address, as their calendar program would."""
    from steerco.calendars.actions import reset_calendar_address

    organisation = scenario["organisation"]
    person = scenario["people"][persona]
    token = reset_calendar_address(person, organisation, by=person)
    arguments = {"org": organisation.slug, "token": token}
    feeds = [
        reverse(f"calendars:{name}", kwargs=arguments) for name in ("personal", "organisation")
    ]
    feeds += [
        reverse("calendars:meeting", kwargs={"org": organisation.slug, "meeting_pk": m.pk})
        for m in scenario["meetings"]
    ]
    for path in feeds:
        response = client.get(path)
        assert response.status_code == 200, path
        content = content_of(response)
        assert b"BEGIN:VCALENDAR" in content
        assert traces(content, scenario) == [], path
        assert pulled_traces(content, scenario) == [], path
    # The walk looked where the meetings are.
    assert content_of(client.get(feeds[1])).count(b"BEGIN:VEVENT") >= len(scenario["meetings"])
