from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from steerco.calendars.rules.events import Entry, calendar

LONDON = ZoneInfo("Europe/London")
REVISED = datetime(2026, 6, 1, 9, tzinfo=UTC)

# Text a person types: any printable character, commas, semicolons, backslashes, new lines.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r")
    | st.sampled_from(',;\\:\n"'),
    max_size=120,
).map(str.strip)
# Meetings sit in the working day, away from the hour the clocks change (01:00-02:00), which
# is missing once a year and doubled once.
local_times = st.builds(
    lambda day, hour, minute: datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2036, 12, 31)),
    st.integers(7, 21),
    st.integers(0, 59),
)


def entry(uid, summary, starts, **fields):
    ends = starts + (timedelta(hours=2) if isinstance(starts, datetime) else timedelta(days=1))
    return Entry(uid=uid, summary=summary, starts=starts, ends=ends, revised=REVISED, **fields)


@settings(max_examples=60, deadline=None)
@given(summary=text, location=text, starts=local_times, sequence=st.integers(0, 10_000))
def test_both_readers_read_back_what_was_written(summary, location, starts, sequence):
    written = calendar("Feed", [entry("a@x.steerco", summary, starts, location=location,
                                      sequence=sequence)])  # fmt: skip

    first = icalendar.Calendar.from_ical(written).walk("VEVENT")[0]
    second = vobject.readOne(written.decode()).vevent

    assert str(first["SUMMARY"]) == summary == second.summary.value
    assert str(first.get("LOCATION", "")) == location
    assert getattr(second, "location", None) is None or second.location.value == location
    assert first["SEQUENCE"] == sequence == int(second.sequence.value)
    # The same moment, by both readers, from the VTIMEZONE written with it.
    assert first.decoded("DTSTART") == starts
    assert second.dtstart.value == starts
    assert second.dtstart.value.utcoffset() == starts.utcoffset()


@settings(max_examples=30, deadline=None)
@given(day=st.dates(min_value=date(2020, 1, 1), max_value=date(2036, 12, 31)))
def test_a_due_date_is_a_whole_day(day):
    written = calendar("Feed", [entry("b@x.steerco", "Due", day)])

    first = icalendar.Calendar.from_ical(written).walk("VEVENT")[0]
    assert first.decoded("DTSTART") == day
    assert first.decoded("DTEND") == day + timedelta(days=1)
    assert vobject.readOne(written.decode()).vevent.dtstart.value == day
    # No times, so no zone to describe.
    assert b"VTIMEZONE" not in written


def test_a_cancelled_entry_says_so():
    starts = datetime(2031, 3, 11, 10, tzinfo=LONDON)
    written = calendar("Feed", [entry("c@x.steerco", "Meeting", starts, cancelled=True)])

    assert icalendar.Calendar.from_ical(written).walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_the_stamp_is_the_revision_in_utc():
    revised = datetime(2026, 7, 1, 12, tzinfo=LONDON)
    starts = datetime(2031, 3, 11, 10, tzinfo=LONDON)
    written = calendar(
        "Feed",
        [Entry("d@x.steerco", "M", starts, starts + timedelta(hours=1), revised=revised)],
    )

    assert b"DTSTAMP:20260701T110000Z" in written
    assert b"LAST-MODIFIED:20260701T110000Z" in written
