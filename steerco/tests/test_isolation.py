"""One organisation never reaches another's objects, on any address of the application.

Every URL that names an organisation is found by walking the URL configuration, so an address
added later is covered without editing this test (it fails until its objects are known here).
"""

import re
from datetime import date, datetime, time

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from steerco.governance import actions
from steerco.governance.models import Body, Membership, ReportingLine

ANY_OBJECT_IN = {
    # route prefix -> how to find that kind of object in an organisation
    "bodies/": lambda objects: objects["body"].pk,
    "reporting-lines/": lambda objects: objects["line"].pk,
}
NAMED_OBJECTS = {
    "<int:membership_pk>": "membership",
    "<int:meeting_pk>": "meeting",
    "<int:item_pk>": "item",
    "<int:paper_pk>": "paper",
    "<int:action_pk>": "action",
    "<int:decision_pk>": "decision",
}


def version_of(route):
    """`version_pk` is a version of the terms of reference, or of a paper."""
    return "paper_version" if "/papers/" in route else "terms"


def organisation_routes():
    def walk(patterns, prefix=""):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern) and "<slug:org>" in route:
                yield route

    return sorted(set(walk(get_resolver().url_patterns)))


def build(route, organisation_slug, objects):
    path = route.replace("<slug:org>", organisation_slug)
    after_org = route.split("<slug:org>/", 1)[1]
    if "<int:pk>" in path:
        prefix = next((p for p in ANY_OBJECT_IN if after_org.startswith(p)), None)
        assert prefix, f"The isolation test does not know the objects of {route}: add them."
        path = path.replace("<int:pk>", str(ANY_OBJECT_IN[prefix](objects)))
    for part, name in NAMED_OBJECTS.items():
        path = path.replace(part, str(objects[name].pk))
    path = path.replace("<int:version_pk>", str(objects[version_of(route)].pk))
    assert "<" not in path, f"Unfilled part in {path}"
    return "/" + path


def main_content(response):
    if response.streaming:  # a file download: the whole file is the content
        return b"".join(response.streaming_content)
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
        **their_meeting(body, admin, settings, tmp_path),
    }


def their_meeting(body, admin, settings, tmp_path):
    """A published meeting of theirs with an item, a paper and an action."""
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
    return {
        "meeting": meeting,
        "decision": decision,
        "item": item,
        "paper": paper,
        "paper_version": paper.versions.get(),
        "action": action,
    }


def test_every_organisation_route_is_covered():
    routes = organisation_routes()
    assert "<slug:org>/bodies/<int:pk>/" in routes
    assert len(routes) >= 16


def test_their_objects_are_not_found_through_our_organisation(
    client, organisation, administrator, their_objects
):
    client.force_login(administrator)
    for route in organisation_routes():
        if "<int:" not in route:
            continue
        path = build(route, organisation.slug, their_objects)
        # A method the page does not take is refused (405) before anything is looked up.
        statuses = {client.get(path).status_code, client.post(path).status_code}
        assert statuses in ({404}, {404, 405}), f"{path} gave {statuses}"


@pytest.mark.parametrize("method", ["get", "post"])
def test_their_organisation_shows_us_only_what_it_shows_the_public(
    client, organisation, administrator, other_organisation, their_objects, method
):
    anonymous = type(client)()
    client.force_login(administrator)
    for route in organisation_routes():
        path = build(route, other_organisation.slug, their_objects)
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
