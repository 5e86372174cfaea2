"""The meeting's rules (M1xx).

Seed 002, Порядок проведения встреч, п. 2.3: the announcement must be published at least
`meetings.announce_min_days` days (site_config, default 5) before the meeting; a shorter
notice is an error. Where the content repository's git history shows the file first
committed later than the `announced` date it claims, that is a warning.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from glasnost.types.base import Item
from glasnost.types.meeting.fields import MeetingFields
from glasnost.types.meeting.view import RESERVED_SLUGS, localize, protocol_url

if TYPE_CHECKING:
    from glasnost.diagnostics import Diagnostics
    from glasnost.gitdates import FileHistory
    from glasnost.site import Site


def check_meeting(item: Item, site: Site, diag: Diagnostics) -> None:
    """The meeting's rules: notice period, times, comments, outcome, git history."""
    data: MeetingFields = item.data
    zone = site.config.zone
    start = localize(data.start, zone)
    if item.slug in RESERVED_SLUGS:
        reserved = ", ".join(sorted(RESERVED_SLUGS))
        diag.error(
            "M109",
            item.rel,
            item.line("slug") or item.line("title"),
            slug=item.slug,
            reserved=reserved,
        )
    _check_notice(item, start, site, diag)
    if data.end is not None and localize(data.end, zone) < start:
        diag.error(
            "M103",
            item.rel,
            item.line("end"),
            end=_moment(data.end, zone),
            start=_moment(data.start, zone),
        )
    _check_comments(item, start, diag)
    _check_outcome(item, start, site, diag)
    _check_history(item, site, diag)


def _check_notice(item: Item, start: datetime, site: Site, diag: Diagnostics) -> None:
    data: MeetingFields = item.data
    days = (start.date() - data.announced).days
    minimum = site.config.meetings.announce_min_days
    where = item.line("announced")
    if days < 0:
        diag.error(
            "M102",
            item.rel,
            where,
            announced=data.announced.isoformat(),
            start=_moment(start, site.config.zone),
        )
    elif days < minimum:
        diag.error(
            "M101",
            item.rel,
            where,
            announced=data.announced.isoformat(),
            days=days,
            start=start.date().isoformat(),
            min_days=minimum,
        )


def _check_comments(item: Item, start: datetime, diag: Diagnostics) -> None:
    data: MeetingFields = item.data
    if data.kind != "public_discussion":
        if data.comments_until is not None:
            diag.warning("M104", item.rel, item.line("comments_until"), kind=data.kind)
        return
    if data.comments_until is None:
        diag.warning("M105", item.rel, item.line("kind"))
    elif data.comments_until < start.date():
        diag.warning(
            "M106",
            item.rel,
            item.line("comments_until"),
            until=data.comments_until.isoformat(),
            start=start.date().isoformat(),
        )


def _check_outcome(item: Item, start: datetime, site: Site, diag: Diagnostics) -> None:
    outcome = item.data.outcome
    if outcome is None:
        return
    if start > site.now:
        diag.warning("M110", item.rel, item.line("outcome"), start=_moment(start, site.config.zone))
    if outcome.protocol is not None:
        url = protocol_url(outcome.protocol)
        if url is None or url not in site.files:
            diag.error("M107", item.rel, item.line("outcome", "protocol"), file=outcome.protocol)


def _check_history(item: Item, site: Site, diag: Diagnostics) -> None:
    data: MeetingFields = item.data
    if data.announced_source:
        return
    history = _histories(site).get(item.rel)
    if history is None:
        return
    first = history.first.astimezone(site.config.zone).date()
    if first > data.announced:
        diag.warning(
            "M108",
            item.rel,
            item.line("announced"),
            first=first.isoformat(),
            announced=data.announced.isoformat(),
        )


def _histories(site: Site) -> dict[str, FileHistory]:
    """Git history of the site's files, read once per build by the site model."""
    return site.histories


def _moment(value: datetime, zone: ZoneInfo) -> str:
    """A date-time for messages: ISO, minutes, in the site's zone."""
    local = value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return local.astimezone(zone).strftime("%Y-%m-%d %H:%M")
