"""The meeting page keeps its rendered agenda in the cache, keyed on the meeting's record stamp
and on what the reader may see: never stale after a change, never shown to a reader with less
access."""

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from steerco.meetings import actions
from steerco.meetings.models import Attendance, Decision, Meeting, Paper
from steerco.meetings.views.meeting import CSRF_MARK

SECRET_TITLE = "Redundancy consultation list"
PRESENT = Attendance.Status.PRESENT


@pytest.fixture
def restricted_paper(item, secretary, upload):
    return actions.add_paper(
        item,
        title=SECRET_TITLE,
        upload=upload("list.pdf"),
        restricted=True,
        exemption=Paper.Exemption.INDIVIDUALS,
        by=secretary,
    )


@pytest.fixture
def open_paper(item, secretary, upload):
    return actions.add_paper(item, title=SECRET_TITLE, upload=upload("list.pdf"), by=secretary)


def agenda_as(person, meeting):
    client = Client()
    client.force_login(person)
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def stamp(meeting):
    return Meeting.objects.values_list("record_stamp", flat=True).get(pk=meeting.pk)


def test_a_reader_with_less_access_is_never_shown_the_agenda_kept_for_another(
    meeting, member, officer, restricted_paper
):
    assert SECRET_TITLE in agenda_as(member, meeting)
    assert len(cache._cache) == 1  # kept for the member
    page = agenda_as(officer, meeting)
    assert SECRET_TITLE not in page
    assert "Restricted paper" in page


def test_an_officer_named_on_a_paper_and_one_who_is_not_are_kept_apart(
    make_person, organisation, meeting, item, secretary, officer, upload
):
    """The same role and the same links: only the paper access tells them apart."""
    named = make_person("named-officer", organisation, name="Nadia Noor")
    actions.add_paper(
        item,
        title=SECRET_TITLE,
        upload=upload("list.pdf"),
        restricted=True,
        exemption=Paper.Exemption.INDIVIDUALS,
        readers=[named],
        by=secretary,
    )
    assert SECRET_TITLE in agenda_as(named, meeting)
    assert SECRET_TITLE not in agenda_as(officer, meeting)


def test_a_reader_with_more_access_is_not_shown_the_agenda_kept_for_another(
    meeting, member, officer, restricted_paper
):
    assert SECRET_TITLE not in agenda_as(officer, meeting)
    assert SECRET_TITLE in agenda_as(member, meeting)


def test_a_member_who_declares_a_prejudicial_interest_is_not_shown_the_kept_agenda(
    meeting, item, member, chair, secretary, restricted_paper
):
    assert SECRET_TITLE in agenda_as(chair, meeting)
    actions.declare_interest(
        item, person=member, kind="prejudicial", nature="Spouse on the list", by=secretary
    )
    assert SECRET_TITLE in agenda_as(chair, meeting)
    assert SECRET_TITLE not in agenda_as(member, meeting)


def test_a_paper_restricted_after_its_agenda_was_kept_is_withheld_at_once(
    meeting, officer, secretary, open_paper
):
    assert SECRET_TITLE in agenda_as(officer, meeting)
    actions.change_restriction(
        open_paper,
        restricted=True,
        exemption=Paper.Exemption.INDIVIDUALS,
        reason="Names staff at risk",
        by=secretary,
    )
    assert SECRET_TITLE not in agenda_as(officer, meeting)


def test_a_paper_withdrawn_after_its_agenda_was_kept_is_gone_at_once(
    meeting, officer, secretary, open_paper
):
    assert SECRET_TITLE in agenda_as(officer, meeting)
    actions.withdraw_paper(open_paper, reason="Uploaded to the wrong meeting", by=secretary)
    assert SECRET_TITLE not in agenda_as(officer, meeting)


def test_the_kept_agenda_is_the_same_page_as_the_one_built(meeting, member, restricted_paper):
    built = agenda_as(member, meeting)
    kept = agenda_as(member, meeting)
    # Only the CSRF tokens (masked afresh for every request) differ.
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", kept) == token.sub("", built)


def test_a_kept_agenda_carries_each_request_its_own_csrf_token(
    organisation, meeting, item, secretary
):
    actions.save_item(
        type(item)(meeting=meeting, title="Any other business", purpose=item.purpose),
        by=secretary,
    )
    position = item.position
    agenda_as(secretary, meeting)  # kept for the secretary's first session
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretary)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert CSRF_MARK not in page
    move = reverse("meetings:item-move", kwargs={"org": organisation.slug, "item_pk": item.pk})
    form = re.search(rf'action="{move}"[^>]*>.*?name="csrfmiddlewaretoken" value="([^"]+)"', page)
    response = client.post(move, {"direction": "down", "csrfmiddlewaretoken": form[1]})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.position == position + 1


# Every write to the meeting's record gives it a new stamp.


def test_adding_and_changing_items_and_papers_changes_the_stamp(meeting, item, secretary, upload):
    before = stamp(meeting)
    paper = actions.add_paper(item, title="Business case", upload=upload(), by=secretary)
    after_paper = stamp(meeting)
    assert after_paper != before
    actions.replace_paper(paper, upload=upload("v2.pdf"), by=secretary)
    after_version = stamp(meeting)
    assert after_version != after_paper
    actions.retitle_paper(paper, title="Full business case", reason="Clearer", by=secretary)
    after_retitle = stamp(meeting)
    assert after_retitle != after_version
    item.title = "Cloud hosting: the full business case"
    actions.save_item(item, by=secretary)
    assert stamp(meeting) != after_retitle


def test_removing_an_item_changes_the_stamp(meeting, item, secretary):
    before = stamp(meeting)
    actions.remove_item(item, by=secretary)
    assert stamp(meeting) != before


def test_recording_the_meeting_changes_the_stamp(
    on_the_day, meeting, item, members, member, chair, secretary
):
    stamps = [stamp(meeting)]
    for person in members:
        actions.record_attendance(
            meeting, person=person, status=PRESENT, by=secretary, now=meeting.starts()
        )
        stamps.append(stamp(meeting))
    decision = actions.record_decision(
        item,
        statement="The case is approved.",
        outcome=Decision.Outcome.APPROVED,
        confirmed_by=chair,
        by=secretary,
    )
    stamps.append(stamp(meeting))
    declaration = actions.declare_interest(
        item, person=member, kind="personal", nature="Knows the supplier", by=secretary
    )
    stamps.append(stamp(meeting))
    actions.record_withdrawal(item, person=member, by=secretary)
    stamps.append(stamp(meeting))
    action = actions.add_action(
        meeting,
        description="Tell the supplier",
        owner=member,
        due_on=date(2031, 4, 1),
        by=secretary,
        item=item,
    )
    stamps.append(stamp(meeting))
    actions.update_action(
        action, status="in_progress", text="Letter drafted", on=date(2031, 3, 11), by=member
    )
    stamps.append(stamp(meeting))
    actions.save_minutes(item, text="The group discussed the case.", by=secretary)
    stamps.append(stamp(meeting))
    for entry in (declaration, decision):
        actions.void_entry(entry, reason="Entered in error", by=secretary)
        stamps.append(stamp(meeting))
    assert len(set(stamps)) == len(stamps)


def test_a_save_from_a_copy_loaded_before_a_change_does_not_bring_its_stamp_back(
    meeting, item, secretary, upload
):
    stale = Meeting.objects.get(pk=meeting.pk)
    loaded = stale.record_stamp
    actions.add_paper(item, title="Business case", upload=upload(), by=secretary)
    changed = stamp(meeting)
    stale.location = "Committee Room 2"
    stale.save()
    assert stamp(meeting) not in (loaded, changed)
