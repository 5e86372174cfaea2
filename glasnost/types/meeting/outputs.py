"""How a meeting appears outside its page: feeds, calendars, the JSON of filter pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from glasnost.types.base import Item
from glasnost.types.meeting.fields import MeetingFields
from glasnost.types.meeting.view import DecisionOut, view_of

if TYPE_CHECKING:
    from glasnost.site import Site


def cancelled_title(item: Item, site: Site) -> str:
    """Feeds and calendars show the title; many readers never show a status field."""
    if not item.data.cancelled:
        return item.title
    return f"{site.t('meeting_cancelled')}: {item.title}"


def host_of(site: Site) -> str:
    return urlsplit(site.config.base_url).hostname or "localhost"


def place_of(data: MeetingFields) -> str:
    return ", ".join(p for p in (data.location.name, data.location.address) if p)


def summary_json(item: Item, site: Site) -> dict[str, Any]:
    view = view_of(item)
    return {
        "id": item.id,
        "url": site.config.absolute(item.url),
        "title": item.title,
        "start": view.start.isoformat(),
        "upcoming": view.upcoming,
        "cancelled": item.data.cancelled,
    }


def instruction_json(meeting: Item, decision: DecisionOut, site: Site) -> dict[str, Any]:
    return {
        "meeting": meeting.id,
        "meeting_url": site.config.absolute(meeting.url),
        "number": decision.number,
        "text": decision.text,
        "responsible": decision.responsible,
        "due": decision.due.isoformat() if decision.due else None,
        "status": decision.status,
        "overdue": decision.overdue,
    }
