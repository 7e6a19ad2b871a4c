"""What the meeting cycle tells the apps above it (steerco/meetings/signals.py)."""

import pytest

from steerco.meetings import actions
from steerco.meetings.signals import decision_changed, item_removing


@pytest.fixture
def heard():
    calls = []

    def listen(sender, **kwargs):
        calls.append(kwargs)

    decision_changed.connect(listen, dispatch_uid="test-decision-changed")
    item_removing.connect(listen, dispatch_uid="test-item-removing")
    yield calls
    decision_changed.disconnect(dispatch_uid="test-decision-changed")
    item_removing.disconnect(dispatch_uid="test-item-removing")


def decide(item, secretary, chair, **fields):
    return actions.record_decision(
        item,
        statement="Decided.",
        outcome=fields.pop("outcome", "approved"),
        confirmed_by=chair,
        by=secretary,
        **fields,
    )


def test_each_change_to_a_decision_names_the_items_it_touches(
    heard, meeting, members, secretary, item, next_meeting
):
    chair = members[0]
    for person in members:
        actions.record_attendance(
            meeting, person=person, status="present", by=secretary, now=meeting.starts()
        )
    first = decide(item, secretary, chair)
    later_item = actions.carry_item(item, to=next_meeting, by=secretary)
    for person in members:
        actions.record_attendance(
            next_meeting, person=person, status="present", by=secretary, now=next_meeting.starts()
        )
    second = decide(later_item, secretary, chair, outcome="rejected", supersedes=first)
    second.refresh_from_db()
    actions.amend_decision(
        second, statement="Deferred.", outcome="deferred", confirmed_by=chair, by=secretary
    )
    actions.void_entry(second, reason="Wrong item", by=secretary)
    assert [(call["decision"], call["items"], call["by"], call["change"]) for call in heard] == [
        (first, [item], secretary, "recorded"),
        (second, [later_item, item], secretary, "recorded"),
        (second, [later_item, item], secretary, "amended"),
        (second, [later_item, item], secretary, "voided"),
    ]


def test_removing_an_item_is_told_before_it_goes(heard, secretary, item):
    actions.remove_item(item, by=secretary)
    assert heard == [{"item": item, "by": secretary, "signal": item_removing}]
