"""What a meeting derives (its view): timing, state, decisions; the JSON copy's `computed`.

"Now" is the build time (`site.now`: SOURCE_DATE_EPOCH when set), so upcoming/past and
overdue are reproducible.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from glasnost.i18n import choose
from glasnost.types.base import Item
from glasnost.types.meeting.fields import CommentsState, DecisionStatus, MeetingFields
from glasnost.types.status import STATUS_LABELS as PLAN_STATUS_LABELS

if TYPE_CHECKING:
    from glasnost.site import Site

KIND_LABELS: dict[str, tuple[str, str]] = {
    "residents_meeting": ("встреча с жителями", "meeting with residents"),
    "reception": ("личный приём граждан", "citizens' reception"),
    "public_hearing": ("публичные слушания", "public hearing"),
    "public_discussion": ("общественное обсуждение", "public discussion"),
    "council_session": ("заседание", "council session"),
    "other": ("другое", "other"),
}
# Decisions (поручения) take the statuses of plan items, less "no information".
STATUS_LABELS: dict[str, tuple[str, str]] = {
    str(status): labels for status, labels in PLAN_STATUS_LABELS.items() if status != "no_data"
}
# Addresses the type itself uses under /meetings/: a meeting may not take them.
RESERVED_SLUGS = frozenset({"kind", "instructions", "calendar", "page"})
CALENDAR_URL = "/meetings/calendar.ics"
INSTRUCTIONS_URL = "/meetings/instructions/"


# -- the view: what pages show and the JSON copy publishes beside the fields ---------------
# The nested classes keep the names /schema/meeting.json has always published them under.


# (No docstrings on these models: pydantic would publish them as schema descriptions.)


class DecisionOut(BaseModel):
    # A decision (поручение) with its execution, as of the build.

    number: int = Field(description="Номер поручения на странице (с 1)")
    text: str
    responsible: str
    due: date | None
    status: DecisionStatus
    status_label: str
    overdue: bool = Field(description="Срок прошёл, а поручение не выполнено")

    @property
    def open(self) -> bool:
        return self.status != "done"

    @property
    def html_key(self) -> str:
        """Where the decision's rendered text is (Item.md): see markdown_fields."""
        return f"decision_{self.number - 1}"


class CommentsOut(BaseModel):
    # A public discussion's period of comments.

    state: CommentsState
    open: bool
    opens: date
    until: date


class MeetingView(BaseModel):
    # Everything a meeting derives: timing, state, decisions; `computed` in its JSON.

    model_config = ConfigDict(title="MeetingComputed")

    kind_label: str
    start: datetime = Field(description="Начало во времени сайта, с поправкой к UTC")
    end: datetime | None
    timezone: str
    upcoming: bool = Field(description="Ещё не закончилось на момент сборки сайта")
    cancelled: bool
    announced: date
    notice_days: int = Field(description="За сколько дней до начала опубликовано объявление")
    ics: str = Field(description="Файл iCalendar этого мероприятия")
    comments: CommentsOut | None
    protocol_url: str | None
    decisions: list[DecisionOut]
    open_decisions: int
    overdue_decisions: int
    # Site paths (not published: the JSON gives full addresses above).
    _ics_path: str = PrivateAttr("")
    _protocol_path: str | None = PrivateAttr(None)

    @property
    def ics_path(self) -> str:
        return self._ics_path

    @property
    def protocol_path(self) -> str | None:
        return self._protocol_path

    @property
    def same_day(self) -> bool:
        return self.end is not None and self.end.date() == self.start.date()

    @property
    def utc_offset(self) -> str:
        """'UTC+3', 'UTC+5:30': how the zone is named to readers next to a local time."""
        offset = self.start.utcoffset() or timedelta(0)
        minutes = int(offset.total_seconds()) // 60
        hours, rest = divmod(abs(minutes), 60)
        sign = "+" if minutes >= 0 else "\u2212"
        return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@dataclass(frozen=True)
class Timing:
    start: datetime  # in the site's zone
    end: datetime | None  # in the site's zone
    upcoming: bool


@dataclass(frozen=True)
class KindFilter:
    kind: str
    label: str
    url: str
    count: int


def localize(moment: datetime, zone: ZoneInfo) -> datetime:
    """A naive date-time is the site's time; an offset is kept, shown in the site's zone."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
    return aware.astimezone(zone)


def midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def timing_of(data: MeetingFields, zone: ZoneInfo, now: datetime) -> Timing:
    """Upcoming means not yet over: a meeting in progress is still worth listing first."""
    start = localize(data.start, zone)
    end = localize(data.end, zone) if data.end is not None else None
    finish = end or start
    if end is None and data.kind == "public_discussion" and data.comments_until is not None:
        # A discussion without an end lasts as long as comments are accepted.
        finish = max(start, midnight(data.comments_until + timedelta(days=1), zone))
    return Timing(start, end, finish > now)


def comments_of(data: MeetingFields, start: datetime, today: date) -> CommentsOut | None:
    if data.kind != "public_discussion" or data.comments_until is None:
        return None
    opens = start.date()
    if data.cancelled:
        state: CommentsState = "cancelled"
    elif today < opens:
        state = "not_started"
    elif today <= data.comments_until:
        state = "open"
    else:
        state = "closed"
    return CommentsOut(state=state, open=state == "open", opens=opens, until=data.comments_until)


def responsible_text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else ", ".join(value)


def decisions_of(data: MeetingFields, today: date, language: str) -> list[DecisionOut]:
    if data.outcome is None:
        return []
    return [
        DecisionOut(
            number=index + 1,
            text=d.text,
            responsible=responsible_text(d.responsible),
            due=d.due,
            status=d.status,
            status_label=label(STATUS_LABELS, d.status, language),
            overdue=d.status != "done" and d.due is not None and d.due < today,
        )
        for index, d in enumerate(data.outcome.decisions)
    ]


def protocol_url(path: str) -> str | None:
    """The site path of a protocol written as files/x.pdf (or /files/, content/files/)."""
    # As in Markdown links: from the content folder, the site root or the meetings folder.
    cleaned = path.strip().removeprefix("/").removeprefix("content/").removeprefix("../")
    normal = posixpath.normpath(cleaned)
    if not normal.startswith("files/") or normal != cleaned.rstrip("/"):
        return None
    return "/" + normal


def label(table: dict[str, tuple[str, str]], key: str, language: str) -> str:
    return choose(table[key], language)


def ics_url(item: Item) -> str:
    return f"/meetings/{item.slug}.ics"


def kind_url(kind: str) -> str:
    return f"/meetings/kind/{kind}/"


def protocol_of(data: MeetingFields, site: Site) -> str | None:
    """The protocol's site path, when the file it names is in content/files/."""
    if data.outcome is None or data.outcome.protocol is None:
        return None
    url = protocol_url(data.outcome.protocol)
    return url if url in site.files else None


def kind_filter(kind: str, meetings: list[Item], language: str) -> KindFilter:
    count = sum(1 for m in meetings if m.data.kind == kind)
    return KindFilter(kind, label(KIND_LABELS, kind, language), kind_url(kind), count)


def meeting_view(item: Item, site: Site) -> MeetingView:
    """The meeting's view (MeetingType.prepare): timing, state, decisions, addresses."""
    data: MeetingFields = item.data
    timing = timing_of(data, site.config.zone, site.now)
    decisions = decisions_of(data, site.today, site.language)
    protocol = protocol_of(data, site)
    view = MeetingView(
        kind_label=label(KIND_LABELS, data.kind, site.language),
        start=timing.start,
        end=timing.end,
        timezone=site.config.timezone,
        upcoming=timing.upcoming,
        cancelled=data.cancelled,
        announced=data.announced,
        notice_days=(timing.start.date() - data.announced).days,
        ics=site.config.absolute(ics_url(item)),
        comments=comments_of(data, timing.start, site.today),
        protocol_url=site.config.absolute(protocol) if protocol else None,
        decisions=decisions,
        open_decisions=sum(1 for d in decisions if d.open),
        overdue_decisions=sum(1 for d in decisions if d.overdue),
    )
    view._ics_path = ics_url(item)
    view._protocol_path = protocol
    return view


def view_of(meeting: Item) -> MeetingView:
    """The meeting's view, as MeetingType.prepare made it."""
    view = meeting.view
    if not isinstance(view, MeetingView):  # pragma: no cover - prepare runs for every meeting
        raise TypeError(f"{meeting.rel}: the meeting has no view")
    return view


def open_instructions(meetings: list[Item]) -> list[tuple[Item, DecisionOut]]:
    """Every decision not done, overdue first, then by due date (none last), then meeting."""
    found = [(m, d) for m in meetings for d in view_of(m).decisions if d.open]

    def order(pair: tuple[Item, DecisionOut]) -> tuple[bool, date, float, int]:
        meeting, decision = pair
        due = decision.due or date.max
        start = view_of(meeting).start.timestamp()
        return (not decision.overdue, due, start, decision.number)

    return sorted(found, key=order)
