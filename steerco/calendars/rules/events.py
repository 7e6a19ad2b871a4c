"""Calendar entries as iCalendar (RFC 5545), from plain values: no Django here.

The rule, from RFC 5545 and how calendar programs apply it:

- Each entry keeps one UID for its whole life (section 3.8.4.7): a program that has it already
  updates it in place rather than adding a second one, so a meeting moved to another day moves
  in the reader's calendar too.
- SEQUENCE (3.8.7.4) counts the revisions of an entry and only ever rises; a program keeps the
  copy with the highest one.
- An entry that will not happen stays in the feed with STATUS:CANCELLED (3.8.1.11), so that a
  program that has it marks it cancelled instead of leaving it in the diary.
- The calendar carries no METHOD, so DTSTAMP is the time the entry was last revised (3.8.7.2),
  the same as LAST-MODIFIED: the same entry gives the same bytes every time it is fetched.
- Times are local times in Europe/London with that zone's VTIMEZONE (3.6.5), covering the years
  of the entries, so a meeting at 10:00 stays at 10:00 across the change to and from British
  Summer Time. An entry of a whole
  day (an action's due date) is a DATE, with no time and no zone (3.3.4).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import icalendar

PRODUCT = "-//steerco//Council ICT governance//EN"


@dataclass(frozen=True)
class Entry:
    uid: str
    summary: str
    # A time-zone-aware start and end, or two dates for a whole-day entry (the end the day
    # after the last day, as RFC 5545 counts it).
    starts: datetime | date
    ends: datetime | date
    revised: datetime  # aware: when it last changed
    sequence: int = 0
    cancelled: bool = False
    tentative: bool = False
    location: str = ""
    description: str = ""
    url: str = ""


def event(entry: Entry) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", entry.uid)
    # Both must be written in UTC (RFC 5545, 3.8.7.2 and 3.8.7.3).
    revised = entry.revised.astimezone(UTC)
    component.add("dtstamp", revised)
    component.add("last-modified", revised)
    component.add("sequence", max(entry.sequence, 0))
    component.add("summary", entry.summary)
    component.add("dtstart", entry.starts)
    component.add("dtend", entry.ends)
    if entry.cancelled:
        status = "CANCELLED"
    elif entry.tentative:
        status = "TENTATIVE"
    else:
        status = "CONFIRMED"
    component.add("status", status)
    if not isinstance(entry.starts, datetime):
        # A due date marks the day; it does not make the person busy all day.
        component.add("transp", "TRANSPARENT")
    if entry.location:
        component.add("location", entry.location)
    if entry.description:
        component.add("description", entry.description)
    if entry.url:
        component.add("url", entry.url)
    return component


def calendar(name: str, entries: list[Entry]) -> bytes:
    """The iCalendar file of `entries`, named `name` in the programs that show a name."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for entry in entries:
        cal.add_component(event(entry))
    timed = [entry.starts for entry in entries if isinstance(entry.starts, datetime)]
    if timed:
        # The zone's changes over the years the entries span, not from 1970 (the default):
        # smaller, and the British Standard Time of 1968-71 (+01:00 all winter) at its start
        # leads some readers (python-dateutil's) to put every winter meeting an hour out.
        cal.add_missing_timezones(
            first_date=date(min(timed).year, 1, 1), last_date=date(max(timed).year + 2, 1, 1)
        )
    return cal.to_ical()
