"""iCalendar (RFC 5545) files for meetings, written with the `icalendar` package.

Times are written in UTC (`DTSTART:20240520T130000Z`). Every calendar program reads UTC
the same way and shows it in the reader's own zone; a site-zone TZID would need a
VTIMEZONE that some programs (older Outlook) read differently. Nothing here reads the
clock: DTSTAMP and LAST-MODIFIED are the item's date of last change, so two builds of
the same content give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, vDuration

PRODID = "-//Glasnost//Glasnost municipal site generator//RU"


@dataclass(frozen=True)
class EventData:
    """What one VEVENT says, already decided by the meeting type."""

    uid: str
    summary: str
    start: datetime  # aware
    end: datetime | None  # aware
    stamp: datetime  # aware: the item's date of last change, never the clock
    created: datetime  # aware: when it was announced
    sequence: int
    location: str
    description: str
    url: str
    category: str
    cancelled: bool


# Line breaks are where a content line ends: a title written over two lines (`title: |`)
# must not reach a one-line property (icalendar asserts, or a bare CR passes unescaped and
# splits the line for the reader). Other control characters are refused at load time.
_BREAKS = re.compile(r"\s*[\r\n\x0b\x0c\x85\u2028\u2029]+\s*")


def one_line(text: str) -> str:
    return _BREAKS.sub(" ", text).strip()


def text(value: str) -> str:
    """A multi-line text (DESCRIPTION): every line break a plain LF, which icalendar escapes."""
    return re.sub(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]", "\n", value)


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def vevent(data: EventData) -> Event:
    event = Event()
    event.add("uid", data.uid)
    event.add("dtstamp", utc(data.stamp))
    event.add("created", utc(data.created))
    event.add("last-modified", utc(data.stamp))
    event.add("sequence", data.sequence)
    event.add("dtstart", utc(data.start))
    if data.end is not None:
        event.add("dtend", utc(data.end))
    event.add("summary", one_line(data.summary))
    event.add("location", one_line(data.location))
    event.add("description", text(data.description))
    event.add("url", one_line(data.url))
    event.add("categories", [one_line(data.category)])
    # CANCELLED makes calendar programs strike the event through or remove it.
    event.add("status", "CANCELLED" if data.cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if data.cancelled else "OPAQUE")
    return event


def calendar_bytes(events: Iterable[EventData], name: str, subscribed: bool) -> bytes:
    """A VCALENDAR of the events; `subscribed` adds the hints a subscription needs."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = one_line(name)
    cal.add("x-wr-calname", name)
    if subscribed:
        cal.add("name", name)
        # How often a subscribed calendar is re-read: twice a day is enough for
        # announcements made at least days in advance.
        cal.add("x-published-ttl", vDuration(timedelta(hours=12)))
    for data in events:
        cal.add_component(vevent(data))
    return bytes(cal.to_ical())
