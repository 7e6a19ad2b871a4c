"""A large register's Excel file is written by the task worker: the officer asks for it, sees
that it is being prepared, and downloads it once ready. The file holds what that person may read
(restricted risks!), is served to them alone, is replaced by their next, and is not served once
it has expired or holds a risk they can no longer read."""

import io
from datetime import timedelta

import openpyxl
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from steerco.meetings.models import Paper
from steerco.risks import actions, tasks, views
from steerco.risks.models import RegisterFile, RiskCategory
from steerco.risks.tests.conftest import SCORES
from steerco.risks.tests.test_register_download import add

POLL = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def large(monkeypatch):
    """Every register with more than one risk counts as large here."""
    monkeypatch.setattr(views, "DIRECT_XLSX_RISKS", 1)


@pytest.fixture
def two_risks(client, organisation, member, large):
    """A large register of two risks, with the member signed in."""
    add(organisation, member, "Skills shortage", "People")
    add(organisation, member, "Data centre floods", "Technology")
    client.force_login(member)


def url(organisation, name, query=""):
    return reverse(f"risks:{name}", kwargs={"org": organisation.slug}) + query


def restricted(organisation, by, title, owner=None):
    return add(
        organisation, by, title, "Security", owner=owner,
        restricted=True, exemption=Paper.Exemption.SECURITY,
    )  # fmt: skip


def ask(client, organisation, query, capture):
    """Asks for the file; returns the task the request queued, not yet run."""
    with capture() as queued:
        response = client.post(url(organisation, "register-file-request"), {"query": query})
    assert response.status_code == 302
    assert len(queued) == 1  # the task is queued once the request commits
    return RegisterFile.objects.get(person=response.wsgi_request.user)


def build(register_file):
    return tasks.build_register_file.call(register_file.pk, str(register_file.token))


def sheet_of(response):
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_a_large_register_is_prepared_then_downloaded_with_the_page_s_filters(
    client, organisation, member, officer, large, django_capture_on_commit_callbacks
):
    add(organisation, member, "Data centre floods", "Technology")
    add(organisation, member, "Payroll supplier fails", "Commercial")
    add(
        organisation,
        member,
        "Cloud costs overrun",
        "Technology",
        scores={**SCORES, "current_impact": 5},
    )
    technology = RiskCategory.objects.get(organisation=organisation, name="Technology")
    query = f"category={technology.pk}&sort=score"
    client.force_login(officer)

    # The register's Excel link leads to the page that prepares it (not a download), and the
    # file's own address sends a person there too, with the filters.
    page = client.get(url(organisation, "register", f"?{query}&page=1")).content.decode()
    prepare = url(organisation, "register-file", f"?{query}").replace("&", "&amp;")
    assert f'href="{prepare}">Excel' in page
    direct = client.get(url(organisation, "register-xlsx", f"?{query}"))
    assert direct.status_code == 302
    assert direct["Location"] == url(organisation, "register-file", f"?{query}")

    asking = client.get(direct["Location"]).content.decode()
    assert "Prepare the Excel file" in asking
    assert f'name="query" value="{query.replace("&", "&amp;")}"' in asking
    register_file = ask(client, organisation, query, django_capture_on_commit_callbacks)

    waiting = client.get(url(organisation, "register-file")).content.decode()
    assert "Your Excel file of the register is being prepared" in waiting
    assert 'hx-trigger="every 3s"' in waiting
    polled = client.get(url(organisation, "register-file"), headers=POLL).content.decode()
    assert "<html" not in polled and "being prepared" in polled
    assert client.get(url(organisation, "register-file-download")).status_code == 404

    assert build(register_file) == RegisterFile.State.READY

    done = client.get(url(organisation, "register-file"), headers=POLL)
    assert (done.content, done["HX-Refresh"]) == (b"", "true")
    ready = client.get(url(organisation, "register-file")).content.decode()
    assert "Your file is ready" in ready and "2 risks, written" in ready
    response = client.get(url(organisation, "register-file-download"))
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="northby-risk-register-'
    )
    rows = sheet_of(response)
    assert rows[0] == views.REGISTER_HEADINGS
    assert [row[:2] for row in rows[1:]] == [
        ["R-003", "Cloud costs overrun"],
        ["R-001", "Data centre floods"],
    ]


def test_a_small_register_is_still_written_in_the_request(client, organisation, member):
    add(organisation, member, "Data centre floods", "Technology")
    client.force_login(member)

    page = client.get(url(organisation, "register")).content.decode()
    response = client.get(url(organisation, "register-xlsx"))

    assert f'href="{url(organisation, "register-xlsx")}" download>Excel' in page
    assert response.status_code == 200
    assert not RegisterFile.objects.exists()


def test_the_file_holds_only_what_its_person_reads_and_is_served_to_them_alone(
    client, organisation, member, officer, secretary, large, django_capture_on_commit_callbacks
):
    add(organisation, secretary, "Skills shortage", "People")
    kestrel = restricted(organisation, secretary, "Kestrel firewall bypass")
    files = {}
    for person in (member, officer):
        client.force_login(person)
        files[person] = ask(client, organisation, "", django_capture_on_commit_callbacks)
    for register_file in files.values():
        build(register_file)

    # Each downloads their own file, written as they read the register: the officer's leaves
    # out the restricted risk the steering group's member reads.
    for person, titles in (
        (member, ["Skills shortage", "Kestrel firewall bypass"]),
        (officer, ["Skills shortage"]),
    ):
        client.force_login(person)
        rows = sheet_of(client.get(url(organisation, "register-file-download")))
        assert [row[1] for row in rows[1:]] == titles, person
    for register_file in files.values():
        register_file.refresh_from_db()
    assert files[member].restricted_risk_ids == [kestrel.pk]
    assert files[officer].restricted_risk_ids == []
    # Someone who asked for nothing is served nothing, however the address is reached.
    client.force_login(secretary)
    assert client.get(url(organisation, "register-file-download")).status_code == 404
    assert "Kestrel" not in client.get(url(organisation, "register-file")).content.decode()


def test_a_file_holding_a_risk_its_person_can_no_longer_read_is_not_served(
    client, organisation, member, officer, large, django_capture_on_commit_callbacks
):
    add(organisation, member, "Skills shortage", "People")
    risk = restricted(organisation, member, "Kestrel firewall bypass", owner=officer)
    client.force_login(officer)
    register_file = ask(client, organisation, "", django_capture_on_commit_callbacks)
    build(register_file)
    assert client.get(url(organisation, "register-file-download")).status_code == 200

    # The risk is given to someone else: the officer no longer reads it, nor the file.
    risk.owner = member
    actions.change_risk(risk, by=member, reason="The security lead owns it now")

    assert client.get(url(organisation, "register-file-download")).status_code == 404
    page = client.get(url(organisation, "register-file")).content.decode()
    assert "Your last file is no longer available" in page and "Kestrel" not in page


def test_a_file_expires_after_a_day_and_a_new_request_replaces_the_old_file(
    client, organisation, member, two_risks, media_root, django_capture_on_commit_callbacks
):
    first = ask(client, organisation, "", django_capture_on_commit_callbacks)
    build(first)
    first.refresh_from_db()
    stored = media_root / first.file.name
    assert stored.exists()

    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert client.get(url(organisation, "register-file-download")).status_code == 404
        page = client.get(url(organisation, "register-file")).content.decode()
        assert "Your last file is no longer available" in page
        # Asked again: the old workbook is deleted once the request is committed, and the
        # new one is written in its place.
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url(organisation, "register-file-request"), {"query": ""})
        assert not stored.exists()
        second = RegisterFile.objects.get(person=member)
        assert second.pk == first.pk and second.token != first.token
        build(second)
        assert client.get(url(organisation, "register-file-download")).status_code == 200


def test_a_build_superseded_by_a_later_request_writes_nothing(
    client, organisation, member, two_risks, django_capture_on_commit_callbacks
):
    first = ask(client, organisation, "", django_capture_on_commit_callbacks)
    second = ask(client, organisation, "sort=title", django_capture_on_commit_callbacks)

    assert build(first) is None
    assert RegisterFile.objects.get(pk=first.pk).state == RegisterFile.State.BUILDING
    assert build(second) == RegisterFile.State.READY
    rows = sheet_of(client.get(url(organisation, "register-file-download")))
    assert [row[1] for row in rows[1:]] == ["Data centre floods", "Skills shortage"]


def test_a_failed_build_says_so_and_can_be_asked_for_again(
    client, organisation, member, two_risks, monkeypatch, django_capture_on_commit_callbacks
):
    register_file = ask(client, organisation, "", django_capture_on_commit_callbacks)

    def failing(*args, **kwargs):
        raise RuntimeError("The disk is full")
        yield

    monkeypatch.setattr("steerco.risks.register.rows", failing)
    assert build(register_file) == RegisterFile.State.FAILED

    page = client.get(url(organisation, "register-file")).content.decode()
    assert "The file could not be written (RuntimeError): ask for it again." in page
    assert "Prepare a new file" in page
