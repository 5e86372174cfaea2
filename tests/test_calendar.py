"""iCalendar output: /meetings/<slug>.ics per meeting and /meetings/calendar.ics for all.

Checked the way a calendar program reads them: parsed with the `icalendar` package, plus
the RFC 5545 rules a parser forgives (CRLF, 75-octet lines, required properties).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar, Event

from tests.conftest import BuildRun
from tests.support.sites import SiteBuilds, site_builds  # noqa: F401 - pytest fixture
from tests.test_meetings import meeting

MakeSite = Callable[..., Path]
RunBuild = Callable[..., BuildRun]


def parse(run: BuildRun, rel: str) -> Calendar:
    return Calendar.from_ical((run.out / rel).read_bytes())


def events(cal: Calendar) -> list[Event]:
    return [c for c in cal.walk("VEVENT") if isinstance(c, Event)]


def assert_rfc5545_layout(raw: bytes) -> None:
    """What RFC 5545 section 3.1 and 3.6 demand of the file itself."""
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines), "bare LF in file"
    assert all(len(line) <= 75 for line in lines), "content line longer than 75 octets"
    raw.decode("utf-8")  # folding must not split a UTF-8 character
    cal = Calendar.from_ical(raw)
    assert len(cal.get("PRODID", "")) > 0 and str(cal["VERSION"]) == "2.0"
    for event in events(cal):
        for required in ("UID", "DTSTAMP", "DTSTART"):
            assert required in event, f"VEVENT without {required}"
    # A TZID must name a VTIMEZONE of the file (RFC 5545, 3.2.19); we write UTC instead.
    zones = {str(z["TZID"]) for z in cal.walk("VTIMEZONE")}
    for tzid in re.findall(rb";TZID=([^:;]+)", raw):
        assert tzid.decode() in zones, f"TZID {tzid!r} without VTIMEZONE"


@pytest.fixture
def site(make_site: MakeSite) -> Path:
    config = "title: Поселение\nbase_url: https://zelenoborsk.example.ru/\n"
    config += "timezone: Asia/Yekaterinburg\n"
    return make_site(
        {
            "content/meetings/vstrecha.md": meeting(
                title="Встреча главы с жителями; итоги года, планы",
                start="2026-12-01T18:00",
                announced="2026-11-10",
                extra="end: 2026-12-01T20:00\nupdated: 2026-11-12",
            ),
            "content/meetings/otmena.md": meeting(
                title="Отменённая встреча",
                start="2026-11-25T18:00",
                announced="2026-11-10",
                extra="cancelled: true",
            ),
            "content/meetings/priem.md": meeting(
                title="Личный приём",
                kind="reception",
                start="2026-10-05T10:00+03:00",
                announced="2026-09-25",
            ),
            "content/meetings/budushchaya.md": meeting(
                title="Ещё не объявлена",
                start="2026-12-20T18:00",
                announced="2026-12-10",
            ),
        },
        config,
    )


def test_one_calendar_file_per_meeting_with_its_fields(site: Path, run_build: RunBuild) -> None:
    run = run_build(site)
    assert run.code == 0, run.stderr
    raw = (run.out / "meetings" / "vstrecha.ics").read_bytes()
    assert_rfc5545_layout(raw)
    (event,) = events(Calendar.from_ical(raw))
    assert str(event["UID"]) == "vstrecha@zelenoborsk.example.ru"
    # 18:00 in Yekaterinburg (UTC+5) is 13:00 UTC, written as UTC: every program reads it.
    assert b"\r\nDTSTART:20261201T130000Z\r\n" in raw
    assert event.decoded("DTSTART") == datetime(2026, 12, 1, 13, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    assert str(event["SUMMARY"]) == "Встреча главы с жителями; итоги года, планы"
    assert str(event["LOCATION"]) == "Дом культуры, ул. Мира, 1"
    assert str(event["URL"]) == "https://zelenoborsk.example.ru/meetings/vstrecha/"
    assert str(event["STATUS"]) == "CONFIRMED"
    # DTSTAMP is the item's date of change (midnight in the site zone), never the clock.
    assert event.decoded("DTSTAMP") == datetime(2026, 11, 11, 19, 0, tzinfo=UTC)
    assert event.decoded("CREATED") == datetime(2026, 11, 9, 19, 0, tzinfo=UTC)
    assert "Глава поселения" in str(event["DESCRIPTION"])


def test_offset_in_the_file_is_kept(site: Path, run_build: RunBuild) -> None:
    run = run_build(site)
    (event,) = events(parse(run, "meetings/priem.ics"))
    assert event.decoded("DTSTART") == datetime(2026, 10, 5, 7, 0, tzinfo=UTC)  # 10:00+03:00
    assert "DTEND" not in event  # no end given: none invented


def test_cancelled_meeting_is_status_cancelled(site: Path, run_build: RunBuild) -> None:
    run = run_build(site)
    (event,) = events(parse(run, "meetings/otmena.ics"))
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]).startswith("Отменено: ")


def test_site_calendar_has_every_published_meeting_once(site: Path, run_build: RunBuild) -> None:
    run = run_build(site)
    raw = (run.out / "meetings" / "calendar.ics").read_bytes()
    assert_rfc5545_layout(raw)
    cal = Calendar.from_ical(raw)
    uids = [str(e["UID"]) for e in events(cal)]
    assert sorted(uids) == sorted(
        f"{slug}@zelenoborsk.example.ru" for slug in ("vstrecha", "otmena", "priem")
    )  # "budushchaya" is announced after today: not published yet
    assert len(set(uids)) == len(uids)
    starts = [e.decoded("DTSTART") for e in events(cal)]
    assert starts == sorted(starts)
    assert "Поселение" in str(cal["X-WR-CALNAME"])
    assert cal["X-PUBLISHED-TTL"].to_ical() == b"PT12H"


def test_calendar_is_the_same_whatever_the_build_time(
    site: Path, run_build: RunBuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run_build(site, "build", site / "out-1")
    later = datetime(2026, 11, 18, 11, 6, 40, tzinfo=UTC) + timedelta(hours=5)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(later.timestamp())))
    second = run_build(site, "build", site / "out-2")
    assert first.code == second.code == 0
    for rel in ("meetings/calendar.ics", "meetings/vstrecha.ics"):
        assert (first.out / rel).read_bytes() == (second.out / rel).read_bytes()


def test_uid_stays_when_the_meeting_changes(site: Path, run_build: RunBuild) -> None:
    first = run_build(site, "build", site / "out-1")
    path = site / "content" / "meetings" / "vstrecha.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "updated: 2026-11-12", "updated: 2026-11-15\ncancelled: true"
        ),
        encoding="utf-8",
    )
    second = run_build(site, "build", site / "out-2")
    assert second.code == 0, second.stderr
    (before,) = events(parse(first, "meetings/vstrecha.ics"))
    (after,) = events(parse(second, "meetings/vstrecha.ics"))
    assert before["UID"] == after["UID"]
    assert str(after["STATUS"]) == "CANCELLED"
    # A calendar program replaces the event it has only when SEQUENCE grew.
    assert after.decoded("SEQUENCE") > before.decoded("SEQUENCE")
    assert after.decoded("DTSTAMP") > before.decoded("DTSTAMP")


def test_pages_link_their_calendar_files(site: Path, run_build: RunBuild) -> None:
    run = run_build(site)
    page = run.read("meetings/vstrecha/index.html")
    assert (
        'href="/meetings/vstrecha.ics" type="text/calendar"' in page
        and "Добавить в календарь" in page
    )
    for rel in ("meetings/index.html", "index.html"):
        assert 'href="/meetings/calendar.ics"' in run.read(rel)


def test_example_calendars_parse(site_builds: SiteBuilds) -> None:
    run = site_builds("zelenoborsk")
    files = sorted((run.out / "meetings").glob("*.ics"))
    assert len(files) == 4  # three published meetings and the calendar of all
    for path in files:
        assert_rfc5545_layout(path.read_bytes())
    cal = parse(run, "meetings/calendar.ics")
    statuses = {str(e["UID"]).split("@")[0]: str(e["STATUS"]) for e in events(cal)}
    assert statuses["2025-09-18-vstrecha-otmenena"] == "CANCELLED"
    assert statuses["2024-05-20-vstrecha-s-zhitelyami"] == "CONFIRMED"
