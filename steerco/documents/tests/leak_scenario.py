"""The documents' part of the leak walk's scenario (steerco/meetings/tests/test_leaks.py): every
pack of the scenario's meetings, built as the task worker builds them once every paper is in
place, so the walk downloads each as every persona; and a council report on the item with the
restricted paper, which lists that paper as an appendix."""

from datetime import date

from steerco.documents import actions
from steerco.documents.models import CouncilReport, Pack
from steerco.meetings.models import Forwarding


def documents_scenario(meetings, *, item, secretary):
    packs = [pack for meeting in meetings for pack in actions.build_packs(meeting)]
    assert {pack.state for pack in packs} == {Pack.State.READY}
    text = "Report on the pricing"
    report = actions.save_council_report(
        CouncilReport(
            item=item, title=text, report_of=text, report_date=date(2031, 1, 6),
            purpose=text, key_decision=False, recommendations=text, financial=text,
            legal=text, equality=text, risk=text, contact_officer=text,
        ),
        by=secretary,
    )  # fmt: skip
    # The meeting's action log forwarded, with the Word file sent, written as the secretary
    # reads the record (made directly: the walk's meeting is not agreed at a later one).
    meeting = item.meeting
    forwarding = Forwarding.objects.create(
        meeting=meeting, what="action_log", to_body=meeting.body, forwarded_on=date(2031, 1, 7)
    )
    actions.keep_sent_file(forwardings=[forwarding], by=secretary)
    return {"packs": packs, "report": report, "forwarding": forwarding}
