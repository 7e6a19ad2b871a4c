"""The minutes and the action log of a meeting as documents to circulate: what they hold,
gathered once for the PDF and the Word file alike (`steerco.documents.word`)."""

from dataclasses import dataclass

from steerco.meetings.models import Attendance, Meeting
from steerco.meetings.queries import (
    ACTION_LOG_HEADINGS,
    MeetingRecord,
    action_log_row,
    meeting_record,
)


@dataclass
class MinutesDocument:
    record: MeetingRecord
    meeting: Meeting
    present: list  # (person, role) of the members present
    apologies: list  # (person, substitute name or "")
    absent: list
    approved_at: Meeting | None  # the meeting that approved the minutes, if it has

    @property
    def title(self):
        return f"{self.meeting.body.name}: minutes of the meeting of {self.meeting.on:%-d %B %Y}"

    @property
    def status(self):
        if self.approved_at:
            on = self.approved_at.on
            return f"Approved as a correct record at the meeting of {on:%-d %B %Y}."
        return "Draft: not yet approved as a correct record."

    @property
    def when(self):
        meeting = self.meeting
        place = f", {meeting.location}" if meeting.location else ""
        return f"{meeting.on:%A %-d %B %Y}, {meeting.time_text}{place}"

    @property
    def action_log_title(self):
        meeting = self.meeting
        return f"{meeting.body.name}: action log of the meeting of {meeting.on:%-d %B %Y}"

    @property
    def action_log_status(self):
        agreed = self.meeting.action_log_agreed_at
        if agreed:
            return f"Agreed at the meeting of {agreed.on:%-d %B %Y}."
        return "Draft: not yet agreed."

    @property
    def action_log_headings(self):
        return ACTION_LOG_HEADINGS

    @property
    def action_log_rows(self):
        return [action_log_row(action) for action in self.record.action_log]


def minutes_document(meeting, user, today):
    """The meeting's minutes (attendance, declarations and withdrawals, each item with its
    minutes, decisions and actions) and its action log, as `user` may read them."""
    record = meeting_record(meeting, user, today, full_log=True, item_quorum=False)
    present, apologies, absent = [], [], []
    for membership, attendance in record.roll:
        if attendance is None:
            continue
        status = attendance.status
        if status == Attendance.Status.PRESENT:
            present.append((membership.person, membership.get_role_display()))
        elif status in Attendance.BEFORE_THE_MEETING:
            apologies.append((membership.person, attendance.substitute_name))
        elif status == Attendance.Status.ABSENT:
            absent.append(membership.person)
    return MinutesDocument(
        record=record,
        meeting=meeting,
        present=present,
        apologies=apologies,
        absent=absent,
        approved_at=meeting.minutes_approved_at,
    )
