import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from steerco.meetings import actions
from steerco.meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Paper,
    PaperVersion,
    Withdrawal,
)
from steerco.meetings.tests.conftest import FIVE_PAST_TWO, docx_bytes, pdf_bytes

PUBLISHED_AT = timezone.make_aware(datetime(2031, 1, 6, 9, 0))
EXECUTABLE = b"MZ\x90\x00" + b"\x00" * 2048
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def url(name, organisation, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"org": organisation.slug, **kwargs})


def xlsx_bytes():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Budget line"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes():
    # The OpenDocument signature: an uncompressed "mimetype" entry first in the zip.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        odt.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def stored_files(media_root):
    return sorted(p for p in Path(media_root).rglob("*") if p.is_file())


def body_of(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def published(meeting, secretary):
    return actions.publish_agenda(meeting, by=secretary, now=PUBLISHED_AT)


@pytest.fixture
def paper(item, secretary, upload):
    return actions.add_paper(
        item, title="Hosting options appraisal", upload=upload("options.pdf"), by=secretary
    )


@pytest.fixture
def restricted_paper(item, secretary, upload):
    return actions.add_paper(
        item,
        title="Supplier price comparison",
        upload=upload("prices.pdf", pdf_bytes("Supplier A 410,000")),
        by=secretary,
        restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
    )


def paper_form(upload, **overrides):
    return {"title": "Options appraisal", "file": upload, "restricted": "no", **overrides}


# Agenda items.


def test_secretary_adds_an_item_at_the_end_of_the_agenda(client, organisation, secretary, meeting):
    client.force_login(secretary)
    response = client.post(
        url("item-create", organisation, meeting_pk=meeting.pk),
        {
            "title": "Laptop refresh",
            "presenter": "Head of ICT",
            "purpose": "approval",
            "source": "submission",
        },
    )
    item = meeting.items.get(title="Laptop refresh")
    assert response.status_code == 302
    assert response["Location"] == f"{meeting.get_absolute_url()}#item-{item.pk}"
    assert (item.position, item.presenter, item.purpose, item.source, item.late_reason) == (
        4,
        "Head of ICT",
        "approval",
        "submission",
        "",
    )
    assert item.history.first().history_user == secretary


def test_item_form_offers_no_standing_or_carried_source(client, organisation, secretary, meeting):
    client.force_login(secretary)
    response = client.get(url("item-create", organisation, meeting_pk=meeting.pk))
    form = response.context["form"]
    assert [value for value, _ in form.fields["source"].choices] == [
        "submission",
        "project_board",
        "other",
    ]
    assert "position" not in form.fields
    assert "late_reason" not in form.fields


def test_a_new_item_cannot_claim_to_be_standing(client, organisation, secretary, meeting):
    client.force_login(secretary)
    response = client.post(
        url("item-create", organisation, meeting_pk=meeting.pk),
        {"title": "Sneaky", "purpose": "information", "source": "standing"},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert list(response.context["form"].errors) == ["source"]
    assert meeting.items.count() == 3


def test_an_item_added_after_publication_needs_a_reason(
    client, organisation, secretary, meeting, published
):
    client.force_login(secretary)
    create = url("item-create", organisation, meeting_pk=meeting.pk)
    data = {"title": "Urgent security patching", "purpose": "decision", "source": "other"}
    refused = client.post(create, data)
    assert refused.status_code == 200
    assert (
        refused.context["form"]
        .errors["late_reason"][0]
        .startswith("The agenda is already published")
    )
    assert meeting.items.count() == 3

    client.post(create, {**data, "late_reason": "Zero-day vulnerability disclosed on Friday"})
    item = meeting.items.get(title="Urgent security patching")
    assert item.late_reason == "Zero-day vulnerability disclosed on Friday"
    assert item.is_late


def positions(meeting):
    return list(meeting.items.order_by("position", "id").values_list("title", "position"))


def move(client, organisation, item, direction, **headers):
    return client.post(
        url("item-move", organisation, item_pk=item.pk), {"direction": direction}, **headers
    )


STANDING = [
    "Apologies and substitutes",
    "Declarations of interest",
    "Minutes and action log of the previous meeting",
]


def test_secretary_moves_an_item_up_and_down(client, organisation, secretary, meeting, item):
    client.force_login(secretary)
    response = move(client, organisation, item, "up")
    assert response.status_code == 302
    assert response["Location"] == f"{meeting.get_absolute_url()}#item-{item.pk}"
    assert positions(meeting) == [
        (STANDING[0], 1),
        (STANDING[1], 2),
        (item.title, 3),
        (STANDING[2], 4),
    ]
    swapped = meeting.items.get(title=STANDING[2])
    latest = swapped.history.first()
    assert (latest.position, latest.history_change_reason, latest.history_user) == (
        4,
        "Agenda item moved up",
        secretary,
    )
    page = client.get(response["Location"]).content.decode()
    assert "“Cloud hosting business case” is now item 3." in page

    move(client, organisation, item, "down")
    standing = [(title, n) for n, title in enumerate(STANDING, 1)]
    assert positions(meeting) == [*standing, (item.title, 4)]


def test_the_agenda_stays_numbered_one_to_n(client, organisation, secretary, meeting, item):
    """Two items could once both be "5.": a number typed into the item's form. Now the form
    has no number, a new item goes to the end, and a removed one closes the gap."""
    client.force_login(secretary)
    data = {"title": "Risk register", "purpose": "discussion", "source": "other"}
    client.post(url("item-create", organisation, meeting_pk=meeting.pk), data)
    added = meeting.items.get(title="Risk register")
    assert added.position == 5
    client.post(
        url("item-edit", organisation, item_pk=added.pk),
        data | {"position": "2", "version": 1},
    )
    added.refresh_from_db()
    assert added.position == 5
    move(client, organisation, item, "up")
    client.post(url("item-remove", organisation, item_pk=item.pk))
    assert [n for _title, n in positions(meeting)] == [1, 2, 3, 4]
    move(client, organisation, added, "up")
    assert positions(meeting) == [
        (STANDING[0], 1),
        (STANDING[1], 2),
        ("Risk register", 3),
        (STANDING[2], 4),
    ]


def test_an_item_dragged_to_a_place_moves_there_and_the_others_close_up(
    client, organisation, secretary, meeting, item
):
    client.force_login(secretary)
    path = url("item-move", organisation, item_pk=item.pk)
    response = client.post(path, {"to": "1"})
    assert response.status_code == 302
    assert positions(meeting) == [(item.title, 1), *[(t, n) for n, t in enumerate(STANDING, 2)]]
    assert meeting.items.get(title=STANDING[2]).history.first().history_change_reason == (
        "Agenda item moved to 1"
    )
    client.post(path, {"to": "3"})
    assert [title for title, _n in positions(meeting)] == [
        STANDING[0],
        STANDING[1],
        item.title,
        STANDING[2],
    ]
    for place, problem in (
        ("5", "Choose a place on the agenda from 1 to 4."),
        ("0", "Choose a place on the agenda from 1 to 4."),
        ("3", "The item is already item 3."),
        ("first", "Choose a place on the agenda as a number."),
    ):
        page = client.get(client.post(path, {"to": place})["Location"]).content.decode()
        assert problem in page
    assert [n for _title, n in positions(meeting)] == [1, 2, 3, 4]
    assert meeting.items.get(position=3) == item


def test_the_first_item_does_not_move_up(client, organisation, secretary, meeting, item):
    client.force_login(secretary)
    first = meeting.items.get(position=1)
    response = move(client, organisation, first, "up")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "The item is already first on the agenda." in page
    assert move(client, organisation, item, "down").status_code == 302
    assert move(client, organisation, item, "sideways").status_code == 302
    assert [n for _title, n in positions(meeting)] == [1, 2, 3, 4]
    assert meeting.items.get(position=4) == item


def test_htmx_moves_an_item_and_the_page_offers_only_possible_moves(
    client, organisation, secretary, meeting, item
):
    client.force_login(secretary)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert page.count('name="direction" value="up"') == 3
    assert page.count('name="direction" value="down"') == 3
    assert '<div id="agenda-items" hx-target="this" hx-select="#agenda-items"' in page
    response = move(client, organisation, item, "up", HTTP_HX_REQUEST="true")
    # htmx follows the redirect and swaps in the agenda of the page it comes back to.
    assert response.status_code == 302
    assert meeting.items.get(pk=item.pk).position == 3


def test_only_the_secretary_moves_items(
    client, organisation, meeting, item, member, outsider, secretary
):
    path = url("item-move", organisation, item_pk=item.pk)
    client.force_login(member)
    assert client.post(path, {"direction": "up"}).status_code == 403
    client.force_login(secretary)
    assert client.get(path).status_code == 405
    actions.publish_agenda(meeting, by=secretary, now=timezone.now())
    client.force_login(outsider)
    assert client.post(path, {"direction": "up"}).status_code == 404
    assert meeting.items.get(pk=item.pk).position == 4


def test_a_change_to_an_item_keeps_the_place_it_moved_to(meeting, item, secretary):
    opened = AgendaItem.objects.get(pk=item.pk)
    actions.move_item(item, direction="up", by=secretary)
    opened.title = "Cloud exit"
    actions.save_item(opened, by=secretary)
    assert positions(meeting) == [
        (STANDING[0], 1),
        (STANDING[1], 2),
        ("Cloud exit", 3),
        (STANDING[2], 4),
    ]


def test_a_standing_item_keeps_its_source(client, organisation, secretary, meeting):
    standing = meeting.items.get(position=1)
    client.force_login(secretary)
    response = client.post(
        url("item-edit", organisation, item_pk=standing.pk),
        {
            "title": "Apologies",
            "purpose": "information",
            "position": "1",
            "source": "other",
            "version": 1,
        },
    )
    standing.refresh_from_db()
    assert response.status_code == 302
    assert (standing.title, standing.source) == ("Apologies", "standing")


def test_a_change_to_an_item_over_a_newer_one_is_refused(
    client, organisation, secretary, administrator, item
):
    path = url("item-edit", organisation, item_pk=item.pk)
    client.force_login(secretary)
    opened = client.get(path).context["form"]["version"].value()
    client.force_login(administrator)
    assert client.get(path).context["form"]["version"].value() == opened == 1
    form = {"title": item.title, "purpose": "decision", "source": "submission"}
    with time_machine.travel(FIVE_PAST_TWO, tick=False):
        first = client.post(
            path,
            form | {"title": "Cloud hosting exit plan", "presenter": "Head of ICT", "version": 1},
        )
    assert first.status_code == 302
    rows = item.history.count()

    client.force_login(secretary)
    refused = client.post(path, form | {"presenter": "Chief Digital Officer", "version": opened})

    assert refused.context["form"].non_field_errors() == [
        "This was changed by Ada Ahmed at 14:05 on 1 June 2026 since you opened it.",
        "Current title: Cloud hosting exit plan",
        "Current presenter: Head of ICT",
    ]
    assert refused.context["form"]["presenter"].value() == "Chief Digital Officer"
    item.refresh_from_db()
    assert (item.title, item.presenter, item.position, item.version) == (
        "Cloud hosting exit plan",
        "Head of ICT",
        4,
        2,
    )
    assert item.history.count() == rows


def test_an_administrator_may_add_items(client, organisation, administrator, meeting):
    client.force_login(administrator)
    response = client.get(url("item-create", organisation, meeting_pk=meeting.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["member", "officer", "chair"])
def test_only_managers_add_or_change_items(client, organisation, meeting, item, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("item-create", organisation, meeting_pk=meeting.pk)).status_code == 403
    assert client.post(url("item-edit", organisation, item_pk=item.pk)).status_code == 403


def test_item_pages_are_not_found_for_another_organisation(
    client, organisation, outsider, meeting, item, published
):
    client.force_login(outsider)
    assert client.get(url("item-create", organisation, meeting_pk=meeting.pk)).status_code == 404
    assert client.get(url("item-edit", organisation, item_pk=item.pk)).status_code == 404
    assert client.get(url("item-carry", organisation, item_pk=item.pk)).status_code == 404


def test_item_pages_send_anonymous_readers_to_sign_in(client, organisation, meeting, item):
    for path in (
        url("item-create", organisation, meeting_pk=meeting.pk),
        url("item-edit", organisation, item_pk=item.pk),
        url("item-carry", organisation, item_pk=item.pk),
        url("paper-create", organisation, item_pk=item.pk),
    ):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:sign-in')}?next={path}"


def test_item_pages_refuse_other_methods(client, organisation, secretary, meeting, item):
    client.force_login(secretary)
    assert client.put(url("item-create", organisation, meeting_pk=meeting.pk)).status_code == 405
    assert client.delete(url("item-edit", organisation, item_pk=item.pk)).status_code == 405
    assert client.put(url("item-carry", organisation, item_pk=item.pk)).status_code == 405


# Carrying an item to a later meeting.


@pytest.fixture
def later_meetings(steering_group, secretary):
    def schedule(on):
        return actions.schedule_meeting(
            steering_group, on=on, starts_at=time(10), by=secretary, today=date(2026, 1, 1)
        )

    earlier = schedule(date(2031, 1, 14))
    cancelled = actions.cancel_meeting(schedule(date(2031, 4, 8)), reason="Purdah", by=secretary)
    following = schedule(date(2031, 5, 13))
    after = schedule(date(2031, 7, 8))
    return earlier, cancelled, following, after


def test_carry_offers_later_meetings_that_are_not_cancelled(
    client, organisation, secretary, item, later_meetings
):
    following, after = later_meetings[2:]
    client.force_login(secretary)
    form = client.get(url("item-carry", organisation, item_pk=item.pk)).context["form"]
    assert list(form.fields["to"].queryset) == [following, after]
    assert form.initial["to"] == following.pk


def test_secretary_carries_an_item_with_its_papers(
    client, organisation, secretary, item, paper, later_meetings
):
    following = later_meetings[2]
    client.force_login(secretary)
    response = client.post(url("item-carry", organisation, item_pk=item.pk), {"to": following.pk})
    carried = following.items.get(carried_from=item)
    assert response["Location"] == f"{following.get_absolute_url()}#item-{carried.pk}"
    assert (carried.title, carried.source, carried.position) == (
        "Cloud hosting business case",
        AgendaItem.Source.CARRIED,
        4,
    )
    assert [p.title for p in carried.papers.all()] == ["Hosting options appraisal"]


def test_an_item_is_one_piece_of_business_with_every_copy_carried_from_or_to_it(
    secretary, item, later_meetings
):
    """An interest declared on any copy covers them all (permissions.meetings._with_carried),
    followed both ways along the copies however far."""
    from steerco.permissions.meetings import _with_carried

    _, _, following, after = later_meetings
    first = actions.carry_item(item, to=following, by=secretary)
    second = actions.carry_item(first, to=after, by=secretary)
    unrelated = actions.carry_item(
        actions.save_item(AgendaItem(meeting=following, title="Another business"), by=secretary),
        to=after,
        by=secretary,
    )
    chain = {item.pk, first.pk, second.pk}
    for start in chain:
        assert _with_carried({start}) == chain
    assert _with_carried({unrelated.pk}) == {unrelated.pk, unrelated.carried_from_id}
    assert _with_carried(set()) == set()


def test_carry_refuses_an_earlier_meeting(client, organisation, secretary, item, later_meetings):
    client.force_login(secretary)
    response = client.post(
        url("item-carry", organisation, item_pk=item.pk), {"to": later_meetings[0].pk}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["to"]
    assert AgendaItem.objects.filter(carried_from=item).count() == 0


def test_carry_says_when_there_is_no_later_meeting(client, organisation, secretary, item):
    client.force_login(secretary)
    response = client.get(url("item-carry", organisation, item_pk=item.pk))
    assert response.status_code == 200
    assert "There is no later meeting of Digital Services Steering Group" in (
        response.content.decode()
    )


def test_a_member_may_not_carry_an_item(client, organisation, member, item):
    client.force_login(member)
    assert client.get(url("item-carry", organisation, item_pk=item.pk)).status_code == 403


# Adding papers.


def test_paper_form_uploads_files(client, organisation, secretary, item):
    client.force_login(secretary)
    html = client.get(url("paper-create", organisation, item_pk=item.pk)).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file"' in html


@pytest.mark.parametrize(
    "name, content, file_type",
    [
        ("options.pdf", pdf_bytes(), "pdf"),
        ("options.docx", docx_bytes(), "docx"),
        ("budget.xlsx", xlsx_bytes(), "xlsx"),
        ("notes.odt", odt_bytes(), "odt"),
    ],
)
def test_secretary_adds_a_paper(
    client, organisation, secretary, item, name, content, file_type, media_root
):
    client.force_login(secretary)
    response = client.post(
        url("paper-create", organisation, item_pk=item.pk),
        paper_form(SimpleUploadedFile(name, content)),
    )
    paper = item.papers.get()
    version = paper.versions.get()
    assert response.status_code == 302
    assert response["Location"] == f"{item.meeting.get_absolute_url()}#item-{item.pk}"
    assert (paper.title, paper.restricted, paper.exemption, paper.late_reason) == (
        "Options appraisal",
        False,
        "",
        "",
    )
    assert (version.number, version.file_name, version.file_type, version.size) == (
        1,
        name,
        file_type,
        len(content),
    )
    assert version.uploaded_by == secretary
    assert Path(version.file.path).read_bytes() == content
    assert name not in version.file.name


def test_secretary_adds_a_restricted_paper_with_named_readers(
    client, organisation, secretary, item, officer, upload
):
    client.force_login(secretary)
    client.post(
        url("paper-create", organisation, item_pk=item.pk),
        paper_form(
            upload("prices.pdf"),
            restricted="yes",
            exemption="commercial",
            readers=[officer.pk],
        ),
    )
    paper = item.papers.get()
    assert (paper.restricted, paper.exemption) == (True, "commercial")
    assert list(paper.readers.all()) == [officer]


def test_readers_are_the_organisations_people(
    client, organisation, secretary, item, officer, outsider
):
    client.force_login(secretary)
    form = client.get(url("paper-create", organisation, item_pk=item.pk)).context["form"]
    assert list(form.fields["readers"].queryset) == [officer, secretary]


def assert_nothing_saved(response, field, message, media_root):
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert response.context["form"].errors[field] == [message]
    assert Paper.objects.count() == 0
    assert PaperVersion.objects.count() == 0
    assert stored_files(media_root) == []


def test_an_executable_renamed_pdf_is_refused(client, organisation, secretary, item, media_root):
    client.force_login(secretary)
    response = client.post(
        url("paper-create", organisation, item_pk=item.pk),
        paper_form(SimpleUploadedFile("minutes.pdf", EXECUTABLE)),
    )
    assert_nothing_saved(
        response,
        "file",
        "The selected file must be a PDF, Word (DOCX), Excel (XLSX) or OpenDocument (ODT) "
        "file. Its contents are not one of these, whatever its name says.",
        media_root,
    )


def test_a_file_over_the_limit_is_refused(
    client, organisation, secretary, item, upload, media_root, settings
):
    settings.PAPER_MAX_BYTES = 1024
    client.force_login(secretary)
    response = client.post(
        url("paper-create", organisation, item_pk=item.pk), paper_form(upload("big.pdf"))
    )
    assert_nothing_saved(
        response, "file", "The selected file must be smaller than 1.0\xa0KB.", media_root
    )


def test_a_word_file_named_pdf_is_refused(client, organisation, secretary, item, media_root):
    client.force_login(secretary)
    response = client.post(
        url("paper-create", organisation, item_pk=item.pk),
        paper_form(SimpleUploadedFile("options.pdf", docx_bytes())),
    )
    assert_nothing_saved(
        response,
        "file",
        "The selected file is called “options.pdf” but it is a Word document (DOCX) file. "
        "Rename it to end in .docx and upload it again.",
        media_root,
    )


def test_a_restricted_paper_needs_a_reason(
    client, organisation, secretary, item, upload, media_root
):
    client.force_login(secretary)
    response = client.post(
        url("paper-create", organisation, item_pk=item.pk),
        paper_form(upload("prices.pdf"), restricted="yes", exemption=""),
    )
    assert_nothing_saved(response, "exemption", "Select why the paper is restricted.", media_root)


def test_a_paper_needs_a_file(client, organisation, secretary, item, media_root):
    client.force_login(secretary)
    response = client.post(
        url("paper-create", organisation, item_pk=item.pk),
        {"title": "Options appraisal", "restricted": "no"},
    )
    assert_nothing_saved(response, "file", "Select the file of the paper.", media_root)


def test_a_late_paper_needs_a_reason_and_is_marked_late(
    client, organisation, secretary, item, published, upload, media_root
):
    client.force_login(secretary)
    create = url("paper-create", organisation, item_pk=item.pk)
    assert "late_reason" in client.get(create).context["form"].fields
    refused = client.post(create, paper_form(upload("late.pdf")))
    assert_nothing_saved(
        refused,
        "late_reason",
        "The agenda is already published: enter why this paper is added late. The terms of "
        "reference allow late papers only in exceptional or urgent cases.",
        media_root,
    )
    client.post(create, paper_form(upload("late.pdf"), late_reason="Supplier quote arrived today"))
    paper = item.papers.get()
    assert (paper.is_late, paper.late_reason) == (True, "Supplier quote arrived today")


@pytest.mark.parametrize("persona", ["member", "officer", "chair"])
def test_only_managers_add_papers(client, organisation, item, persona, request, upload):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(url("paper-create", organisation, item_pk=item.pk), paper_form(upload()))
    assert response.status_code == 403
    assert Paper.objects.count() == 0


def test_paper_form_is_not_found_for_another_organisation(
    client, organisation, outsider, item, published
):
    client.force_login(outsider)
    assert client.get(url("paper-create", organisation, item_pk=item.pk)).status_code == 404


def test_paper_form_refuses_other_methods(client, organisation, secretary, item):
    client.force_login(secretary)
    assert client.put(url("paper-create", organisation, item_pk=item.pk)).status_code == 405


# The paper page.


def test_secretary_sees_the_paper_page(client, organisation, secretary, paper):
    client.force_login(secretary)
    response = client.get(url("paper-detail", organisation, paper_pk=paper.pk))
    html = response.content.decode()
    version = paper.versions.get()
    assert response.status_code == 200
    assert "Hosting options appraisal" in html
    assert "Cloud hosting business case" in html
    assert "Open to the public" in html
    assert url("paper-file", organisation, paper_pk=paper.pk, version_pk=version.pk) in html
    assert "Replace this paper" in html


def test_members_read_a_restricted_paper_but_do_not_replace_it(
    client, organisation, member, restricted_paper
):
    client.force_login(member)
    response = client.get(url("paper-detail", organisation, paper_pk=restricted_paper.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "Restricted: Commercially sensitive" in html
    assert "Replace this paper" not in html


def test_anyone_reads_an_open_paper_of_a_published_agenda(client, organisation, paper, published):
    response = client.get(url("paper-detail", organisation, paper_pk=paper.pk))
    assert response.status_code == 200
    assert "Replace this paper" not in response.content.decode()


def test_a_paper_of_an_unpublished_agenda_is_not_found_outside_the_council(
    client, organisation, paper, outsider, officer
):
    path = url("paper-detail", organisation, paper_pk=paper.pk)
    assert client.get(path).status_code == 404
    client.force_login(outsider)
    assert client.get(path).status_code == 404
    client.force_login(officer)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("persona", [None, "officer", "administrator", "outsider"])
def test_a_restricted_paper_is_not_found_for_those_who_may_not_read_it(
    client, organisation, restricted_paper, published, persona, request
):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    version = restricted_paper.versions.get()
    assert (
        client.get(url("paper-detail", organisation, paper_pk=restricted_paper.pk)).status_code
        == 404
    )
    assert (
        client.get(
            url("paper-file", organisation, paper_pk=restricted_paper.pk, version_pk=version.pk)
        ).status_code
        == 404
    )


def test_a_named_officer_reads_a_restricted_paper(client, organisation, restricted_paper, officer):
    restricted_paper.readers.add(officer)
    client.force_login(officer)
    version = restricted_paper.versions.get()
    assert (
        client.get(url("paper-detail", organisation, paper_pk=restricted_paper.pk)).status_code
        == 200
    )
    response = client.get(
        url("paper-file", organisation, paper_pk=restricted_paper.pk, version_pk=version.pk)
    )
    assert response.status_code == 200


def test_a_prejudicial_interest_withholds_the_items_restricted_papers(
    client, organisation, member, restricted_paper, paper, item
):
    client.force_login(member)
    detail = url("paper-detail", organisation, paper_pk=restricted_paper.pk)
    file = url(
        "paper-file",
        organisation,
        paper_pk=restricted_paper.pk,
        version_pk=restricted_paper.versions.get().pk,
    )
    assert client.get(detail).status_code == 200
    assert client.get(file).status_code == 200

    actions.declare_interest(
        item,
        person=member,
        kind=Declaration.Kind.PREJUDICIAL,
        nature="Spouse works for a bidder",
        by=member,
        in_advance=True,
    )
    assert client.get(detail).status_code == 404
    assert client.get(file).status_code == 404
    assert client.get(url("paper-detail", organisation, paper_pk=paper.pk)).status_code == 200


def test_paper_page_refuses_post(client, organisation, secretary, paper):
    client.force_login(secretary)
    assert client.post(url("paper-detail", organisation, paper_pk=paper.pk)).status_code == 405


# Replacing a paper.


def test_replacing_a_paper_keeps_the_earlier_version(
    client, organisation, secretary, paper, upload
):
    first = paper.versions.get()
    new_content = pdf_bytes("Revised options")
    client.force_login(secretary)
    response = client.post(
        url("paper-replace", organisation, paper_pk=paper.pk),
        {"file": SimpleUploadedFile("options-v2.pdf", new_content)},
    )
    assert response.status_code == 302
    assert response["Location"] == url("paper-detail", organisation, paper_pk=paper.pk)
    second = paper.versions.get(number=2)
    assert second.file_name == "options-v2.pdf"

    page = client.get(url("paper-detail", organisation, paper_pk=paper.pk))
    assert page.context["current"] == second
    assert page.context["earlier"] == [first]
    assert "Earlier versions" in page.content.decode()

    old = client.get(url("paper-file", organisation, paper_pk=paper.pk, version_pk=first.pk))
    new = client.get(url("paper-file", organisation, paper_pk=paper.pk, version_pk=second.pk))
    assert body_of(old) == pdf_bytes()
    assert body_of(new) == new_content


def test_a_bad_replacement_keeps_the_paper_as_it_was(
    client, organisation, secretary, paper, media_root
):
    before = stored_files(media_root)
    client.force_login(secretary)
    response = client.post(
        url("paper-replace", organisation, paper_pk=paper.pk),
        {"file": SimpleUploadedFile("options.pdf", EXECUTABLE)},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert list(response.context["form"].errors) == ["file"]
    assert paper.versions.count() == 1
    assert stored_files(media_root) == before


@pytest.mark.parametrize("persona", ["member", "chair"])
def test_only_managers_replace_papers(client, organisation, paper, persona, request, upload):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        url("paper-replace", organisation, paper_pk=paper.pk), {"file": upload()}
    )
    assert response.status_code == 403
    assert paper.versions.count() == 1


def test_replace_is_not_found_for_another_organisation(
    client, organisation, outsider, paper, published
):
    client.force_login(outsider)
    assert client.get(url("paper-replace", organisation, paper_pk=paper.pk)).status_code == 404


def test_replace_refuses_other_methods(client, organisation, secretary, paper):
    client.force_login(secretary)
    assert client.put(url("paper-replace", organisation, paper_pk=paper.pk)).status_code == 405


# Downloading a paper's file.


def test_download_is_an_attachment_that_is_never_sniffed(client, organisation, secretary, paper):
    version = paper.versions.get()
    client.force_login(secretary)
    response = client.get(url("paper-file", organisation, paper_pk=paper.pk, version_pk=version.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="options.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body_of(response) == pdf_bytes()


def test_restricted_download_is_not_cached(client, organisation, secretary, restricted_paper):
    version = restricted_paper.versions.get()
    client.force_login(secretary)
    response = client.get(
        url("paper-file", organisation, paper_pk=restricted_paper.pk, version_pk=version.pk)
    )
    assert response["Cache-Control"] == "private, no-store"
    assert body_of(response) == pdf_bytes("Supplier A 410,000")


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("a.docx", docx_bytes(), DOCX),
        ("a.xlsx", xlsx_bytes(), XLSX),
        ("a.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_download_gives_the_office_content_types(
    client, organisation, secretary, item, name, content, content_type
):
    paper = actions.add_paper(
        item, title="Office file", upload=SimpleUploadedFile(name, content), by=secretary
    )
    client.force_login(secretary)
    response = client.get(
        url("paper-file", organisation, paper_pk=paper.pk, version_pk=paper.versions.get().pk)
    )
    assert response["Content-Type"] == content_type
    assert body_of(response) == content


def test_anyone_downloads_an_open_paper_of_a_published_agenda(
    client, organisation, paper, published
):
    version = paper.versions.get()
    response = client.get(url("paper-file", organisation, paper_pk=paper.pk, version_pk=version.pk))
    assert response.status_code == 200
    assert body_of(response) == pdf_bytes()


def test_a_version_of_another_paper_is_not_found(
    client, organisation, secretary, paper, restricted_paper
):
    client.force_login(secretary)
    other_version = restricted_paper.versions.get()
    response = client.get(
        url("paper-file", organisation, paper_pk=paper.pk, version_pk=other_version.pk)
    )
    assert response.status_code == 404


def test_download_of_an_unpublished_agenda_is_not_found_for_the_public(client, organisation, paper):
    version = paper.versions.get()
    response = client.get(url("paper-file", organisation, paper_pk=paper.pk, version_pk=version.pk))
    assert response.status_code == 404


def test_download_refuses_post(client, organisation, secretary, paper):
    client.force_login(secretary)
    version = paper.versions.get()
    path = url("paper-file", organisation, paper_pk=paper.pk, version_pk=version.pk)
    assert client.post(path).status_code == 405


def test_an_item_comes_off_a_draft_agenda_with_its_papers(
    client, organisation, secretary, item, paper, media_root, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    path = url("item-remove", organisation, item_pk=item.pk)
    assert "Remove “Cloud hosting business case” from the agenda?" in body(client.get(path))
    assert len(stored_files(media_root)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    assert response.status_code == 302
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert not Paper.objects.exists()
    assert stored_files(media_root) == []


def test_removing_an_item_records_its_papers_going_with_who_and_why(item, paper, secretary):
    actions.remove_item(item, by=secretary)
    assert [
        (h.history_change_reason, h.history_user)
        for h in Paper.history.filter(id=paper.pk, history_type="-")
    ] == [("Agenda item removed", secretary)]


def test_removing_the_original_of_a_carried_item_is_in_the_copys_history(
    item, next_meeting, secretary
):
    carried = actions.carry_item(item, to=next_meeting, by=secretary)
    actions.remove_item(item, by=secretary)
    last = carried.history.order_by("history_id").last()
    assert (last.carried_from_id, last.history_change_reason, last.history_user) == (
        None,
        "The item it was carried from was removed",
        secretary,
    )


def test_an_item_with_a_withdrawal_or_attendance_against_it_stays(meeting, item, secretary, member):
    actions.record_withdrawal(item, person=member, by=secretary)
    with pytest.raises(ValidationError, match="it stays"):
        actions.remove_item(item, by=secretary)
    Withdrawal.objects.all().delete()
    actions.record_attendance(
        meeting,
        person=member,
        status=Attendance.Status.PRESENT,
        arrived_at=time(10, 30),
        arrived_for=item,
        by=secretary,
        now=meeting.starts(),
    )
    with pytest.raises(ValidationError, match="it stays"):
        actions.remove_item(item, by=secretary)
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_a_carried_copy_keeps_the_file_its_original_shared(
    client,
    organisation,
    secretary,
    item,
    paper,
    next_meeting,
    media_root,
    django_capture_on_commit_callbacks,
):
    later = next_meeting
    actions.carry_item(item, to=later, by=secretary)
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("item-remove", organisation, item_pk=item.pk))
    assert len(stored_files(media_root)) == 1
    assert Paper.objects.get().item.meeting == later


def test_carrying_an_item_is_recorded_with_who_and_why(
    item, next_meeting, secretary, officer, upload
):
    actions.add_paper(
        item,
        title="Supplier price comparison",
        upload=upload("prices.pdf"),
        by=secretary,
        restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
        readers=[officer],
    )
    carried = actions.carry_item(item, to=next_meeting, by=secretary)
    copy = carried.papers.get()
    reason = "Carried from Digital Services Steering Group – 11 March 2031"
    assert [(h.history_change_reason, h.history_user) for h in carried.history.all()] == [
        (reason, secretary)
    ]
    assert [
        (h.history_type, h.history_change_reason, h.history_user)
        for h in copy.history.order_by("history_id")
    ] == [("+", reason, secretary), ("~", reason, secretary)]
    assert list(copy.readers.all()) == [officer]


def test_an_item_on_a_published_agenda_stays(client, organisation, secretary, item, published):
    client.force_login(secretary)
    response = client.post(url("item-remove", organisation, item_pk=item.pk), follow=True)
    assert "this item stays on the record" in body(response)
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_only_the_secretary_removes_an_item(client, organisation, member, outsider, item):
    path = url("item-remove", organisation, item_pk=item.pk)
    client.force_login(member)
    assert client.post(path).status_code == 403
    client.force_login(outsider)
    assert client.post(path).status_code == 404
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def body(response):
    return response.content.decode()


def test_an_upload_with_a_problem_keeps_the_other_answers_and_asks_for_the_file_again(
    client, organisation, secretary, item, upload, media_root
):
    client.force_login(secretary)

    response = client.post(
        url("paper-create", organisation, item_pk=item.pk),
        paper_form(upload(), title="", restricted="yes", exemption="legal"),
    )

    form = response.context["form"]
    assert form.errors == {
        "title": ["Enter the title of the paper."],
        "file": ["Select the file again. A file is not kept when the page shows a problem."],
    }
    html = response.content.decode()
    assert "checked" in html.split('value="yes"', 1)[1].split(">", 1)[0]
    assert 'value="legal" selected' in html
    assert Paper.objects.count() == 0
    assert stored_files(media_root) == []
