"""Meetings: content/meetings/SLUG.md — announcements and outcomes, at /meetings/SLUG/.

A meeting is a meeting of the head with residents, a citizens' reception, a public
hearing or discussion, a council session or anything else with a time and a place. The
front matter announces it; `outcome` is added afterwards (attendance, the protocol, the
decisions with their execution, answers to publicly significant questions).

Rules (seed 002, Порядок проведения встреч, п. 2.3): the announcement must be published
at least `meetings.announce_min_days` days (site_config, default 5) before the meeting;
a shorter notice is an error. Where the content repository's git history shows the file
first committed later than the `announced` date it claims, that is a warning.

Outputs beside the item pages and the list:

- `/meetings/kind/<kind>/` — one static filter page per kind (no JavaScript);
- `/meetings/instructions/` — every open decision of every meeting, overdue first;
- `/meetings/<slug>.ics` — one iCalendar file per meeting ("add to calendar");
- `/meetings/calendar.ics` — all meetings, to import or subscribe to.

The calendar file sits beside the page (`/meetings/<slug>.ics`, not inside its folder)
so that a browser saves it under the meeting's own name.

"Now" is the build time (`site.now`: SOURCE_DATE_EPOCH when set), so upcoming/past
and overdue are reproducible. An announcement whose `announced` date is after today is
not published until that day (see `MeetingType.is_visible`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from glasnost.diagnostics import Message
from glasnost.types.base import (
    ContentModel,
    ContentType,
    ExtraPage,
    FeedEntry,
    HomeBlock,
    Item,
    MarkdownField,
    OutputFile,
)
from glasnost.types.icalendar_out import EventData, calendar_bytes
from glasnost.types.plan import STATUS_LABELS as PLAN_STATUS_LABELS

if TYPE_CHECKING:
    from glasnost.diagnostics import Diagnostics
    from glasnost.gitdates import FileHistory
    from glasnost.model import Site

MeetingKind = Literal[
    "residents_meeting",
    "reception",
    "public_hearing",
    "public_discussion",
    "council_session",
    "other",
]
DecisionStatus = Literal["done", "in_progress", "not_done", "not_started"]
CommentsState = Literal["not_started", "open", "closed", "cancelled"]

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
HOME_UPCOMING = 5
HOME_PAST = 3


# -- the file ---------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class Location(_Strict):
    name: str = Field(min_length=1, description="Место: название (учреждение, помещение)")
    address: str | None = Field(None, description="Адрес (или адрес сайта, если обсуждение в сети)")


class Decision(_Strict):
    text: str = Field(min_length=1, description="Решение или поручение (Markdown)")
    responsible: str | list[str] = Field(description="Ответственный исполнитель (один или список)")
    due: date | None = Field(None, description="Срок исполнения")
    status: DecisionStatus = Field(
        description="Ход исполнения: done | in_progress | not_done | not_started"
    )


class Answer(_Strict):
    question: str = Field(min_length=1, description="Общественно значимый вопрос")
    answer: str = Field(min_length=1, description="Ответ (Markdown)")


class Outcome(_Strict):
    attendance: int | None = Field(None, ge=0, description="Число участников")
    protocol: str | None = Field(
        None, description="Протокол: файл в content/files/, например files/protocol.pdf"
    )
    decisions: list[Decision] = Field(default_factory=list, description="Решения и поручения")
    answers: list[Answer] = Field(
        default_factory=list, description="Ответы на общественно значимые вопросы"
    )


class MeetingFields(ContentModel):
    kind: MeetingKind = Field(description="Вид мероприятия")
    start: datetime = Field(
        description="Начало: 2024-05-20T18:00 (время сайта) или с поясом, 2024-05-20T18:00+05:00"
    )
    end: datetime | None = Field(None, description="Окончание")
    location: Location = Field(description="Место проведения")
    host: str | None = Field(None, description="Кто проводит")
    announced: date = Field(description="Дата первой публикации объявления")
    announced_source: str | None = Field(
        None,
        description="Где объявление вышло впервые, если не на этом сайте (газета, прежний сайт)",
    )
    invited: list[str] = Field(default_factory=list, description="Приглашённые")
    comments_until: date | None = Field(
        None, description="Общественное обсуждение: последний день приёма замечаний и предложений"
    )
    cancelled: bool = Field(False, description="Отменено: остаётся на сайте с пометкой")
    draft: bool = Field(False, description="Черновик: не публикуется")
    outcome: Outcome | None = Field(None, description="Итоги, добавляются после мероприятия")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _time_required(cls, value: object) -> object:
        # A bare date would silently become midnight: a meeting needs its hour.
        bare = isinstance(value, date) and not isinstance(value, datetime)
        if bare or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip())):
            day = str(value).strip()
            raise ValueError(f"нужны дата и время, например {day}T18:00 (время сайта)")
        return value


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
    ru, en = table[key]
    return en if language == "en" else ru


def host_of(site: Site) -> str:
    return urlsplit(site.config.base_url).hostname or "localhost"


def ics_url(item: Item) -> str:
    return f"/meetings/{item.slug}.ics"


# -- the starter for `build.py new meeting` ---------------------------------------------


STARTER = (
    "---\n"
    "title: {title}\n"
    "kind: residents_meeting   # residents_meeting | reception | public_hearing |\n"
    "                          # public_discussion | council_session | other\n"
    "start: {start}T18:00\n"
    "end: {start}T20:00\n"
    'location: {{name: Дом культуры, address: "ул. Центральная, 1"}}\n'
    "host: Глава муниципального образования\n"
    "announced: {today}        # когда объявление опубликовано (не позднее чем за 5 дней)\n"
    "invited: [Депутаты представительного органа]\n"
    "---\n\n"
    "Повестка встречи:\n\n"
    "- первый вопрос;\n"
    "- ответы на вопросы жителей.\n"
)


# -- the type -----------------------------------------------------------------------------


class MeetingType(ContentType):
    name = "meeting"
    folder = "meetings"
    pattern = "*.md"
    model = MeetingFields
    computed_model = MeetingView
    url_prefix = "/meetings/"
    nav_order = 40
    template = "meeting.html"
    list_template = "meetings_list.html"
    titles: ClassVar[dict[str, tuple[str, str]]] = {
        "ru": ("Встреча", "Встречи"),
        "en": ("Meeting", "Meetings"),
    }
    starter = STARTER

    def starter_text(self, title: str, today: date, slug: str) -> str:
        # The start is a week after today, so the new file always meets the notice period.
        start = today + timedelta(days=7)
        return self.starter.format(
            title=title, today=today.isoformat(), slug=slug, start=start.isoformat()
        )

    ui: ClassVar[dict[str, tuple[str, str]]] = {
        **{f"meeting_kind_{k}": v for k, v in KIND_LABELS.items()},
        **{f"meeting_status_{k}": v for k, v in STATUS_LABELS.items()},
        "meeting_upcoming": ("Предстоящие", "Upcoming"),
        "meeting_past": ("Прошедшие", "Past"),
        "meeting_upcoming_h": ("Предстоящие встречи", "Upcoming meetings"),
        "meeting_past_h": ("Прошедшие встречи", "Past meetings"),
        "meeting_no_upcoming": (
            "Предстоящих мероприятий пока не объявлено.",
            "No upcoming meetings announced yet.",
        ),
        "meeting_no_past": ("Прошедших мероприятий пока нет.", "No past meetings yet."),
        "meeting_is_upcoming": ("Предстоит", "Upcoming"),
        "meeting_is_past": ("Прошло", "Past"),
        "meeting_cancelled": ("Отменено", "Cancelled"),
        "meeting_cancelled_notice": (
            "Мероприятие отменено. Сведения о нём сохранены на сайте для справки.",
            "This meeting is cancelled. The page is kept for reference.",
        ),
        "meeting_kind": ("Вид", "Kind"),
        "meeting_when": ("Дата и время", "Date and time"),
        "meeting_local_time": ("время местное", "local time"),
        "meeting_where": ("Место", "Place"),
        "meeting_host": ("Проводит", "Host"),
        "meeting_invited": ("Приглашены", "Invited"),
        "meeting_announced": ("Объявление опубликовано", "Announced on"),
        "meeting_add_calendar": ("Добавить в календарь", "Add to calendar"),
        "meeting_calendar_all": (
            "Календарь встреч (iCalendar)",
            "Calendar of meetings (iCalendar)",
        ),
        "meeting_filter": ("Вид мероприятия", "Kind of meeting"),
        "meeting_filter_all": ("Все", "All"),
        "meeting_instructions": ("Поручения по итогам встреч", "Instructions from meetings"),
        "meeting_instructions_lead": (
            "Невыполненные решения и поручения, принятые на встречах и заседаниях. "
            "Поручения с истёкшим сроком — в начале списка.",
            "Decisions and instructions from meetings that are not done yet, overdue first.",
        ),
        "meeting_no_instructions": (
            "Невыполненных поручений нет.",
            "There are no open instructions.",
        ),
        "meeting_open_count": (
            "Открытых поручений: {n}, из них с истёкшим сроком: {overdue}.",
            "Open instructions: {n}, overdue: {overdue}.",
        ),
        "meeting_outcome": ("Итоги", "Outcome"),
        "meeting_outcome_published": ("Опубликованы итоги", "The outcome is published"),
        "meeting_attendance": ("Участников", "Attendance"),
        "meeting_protocol": ("Протокол", "Protocol"),
        "meeting_decisions": ("Решения и поручения", "Decisions and instructions"),
        "meeting_answers": (
            "Ответы на общественно значимые вопросы",
            "Answers to publicly significant questions",
        ),
        "meeting_col_n": ("№", "No."),
        "meeting_col_text": ("Поручение", "Instruction"),
        "meeting_col_responsible": ("Ответственный", "Responsible"),
        "meeting_col_due": ("Срок", "Due"),
        "meeting_col_status": ("Исполнение", "Status"),
        "meeting_col_meeting": ("Мероприятие", "Meeting"),
        "meeting_no_due": ("не указан", "not set"),
        "meeting_overdue": ("срок истёк", "overdue"),
        "meeting_overdue_note": (
            "Поручений с истёкшим сроком: {n}.",
            "Overdue instructions: {n}.",
        ),
        "meeting_comments_open": (
            "Приём замечаний и предложений открыт до {until} включительно.",
            "Comments and proposals are accepted until {until} inclusive.",
        ),
        "meeting_comments_not_started": (
            "Приём замечаний и предложений начнётся {opens} и продлится до {until} включительно.",
            "Comments and proposals will be accepted from {opens} until {until} inclusive.",
        ),
        "meeting_comments_closed": (
            "Приём замечаний и предложений завершён {until}.",
            "The comment period ended on {until}.",
        ),
        "meeting_comments_cancelled": (
            "Обсуждение отменено: замечания не принимаются.",
            "The discussion is cancelled: no comments are accepted.",
        ),
        "meeting_all": ("Все встречи", "All meetings"),
        "meeting_kind_page": ("Встречи: {kind}", "Meetings: {kind}"),
    }
    messages: ClassVar[dict[str, Message]] = {
        "M101": Message(
            "объявление опубликовано {announced}, за {days} дн. до начала ({start}); "
            "нужно не позднее чем за {min_days} дн.",
            "announced on {announced}, {days} days before the start ({start}); "
            "at least {min_days} days are required",
            "По порядку проведения встреч объявление публикуется не позднее чем за {min_days} дн. "
            "Исправьте announced, если объявление вышло раньше, или перенесите встречу.",
            "Announcements must be published at least {min_days} days ahead. Correct 'announced' "
            "if it was published earlier, or move the meeting.",
        ),
        "M102": Message(
            "дата объявления {announced} позже начала мероприятия ({start})",
            "the announcement date {announced} is after the start ({start})",
            "Объявление публикуется до мероприятия: проверьте поля announced и start.",
            "An announcement comes before the meeting: check 'announced' and 'start'.",
        ),
        "M103": Message(
            "окончание ({end}) раньше начала ({start})",
            "the end ({end}) is before the start ({start})",
            "Проверьте дату и время в полях start и end.",
            "Check the date and time in 'start' and 'end'.",
        ),
        "M104": Message(
            "поле comments_until имеет смысл только для общественного обсуждения "
            "(kind: public_discussion), а здесь kind: {kind}",
            "comments_until only applies to a public discussion (kind: public_discussion), "
            "not kind: {kind}",
            "Уберите comments_until или укажите kind: public_discussion.",
            "Remove comments_until or set kind: public_discussion.",
        ),
        "M105": Message(
            "для общественного обсуждения не указан срок приёма замечаний (comments_until)",
            "a public discussion without an end of the comment period (comments_until)",
            "Добавьте comments_until: ГГГГ-ММ-ДД — последний день приёма замечаний.",
            "Add comments_until: YYYY-MM-DD, the last day comments are accepted.",
        ),
        "M106": Message(
            "приём замечаний заканчивается ({until}) раньше начала обсуждения ({start})",
            "the comment period ends ({until}) before the discussion starts ({start})",
            "Проверьте поля comments_until и start.",
            "Check 'comments_until' and 'start'.",
        ),
        "M107": Message(
            "файл протокола не найден: {file}",
            "the protocol file does not exist: {file}",
            "Положите файл в папку content/files/ и укажите его как files/имя.pdf.",
            "Put the file into content/files/ and give it as files/name.pdf.",
        ),
        "M108": Message(
            "по истории git файл впервые сохранён {first}, "
            "позже указанной даты объявления {announced}",
            "git history shows the file first committed on {first}, "
            "later than the announcement date {announced}",
            "Укажите в announced дату, когда объявление действительно появилось на сайте. "
            "Если оно впервые вышло в другом месте (газета, прежний сайт), "
            "назовите его в поле announced_source.",
            "Put the date the announcement really appeared into 'announced'. If it first appeared "
            "elsewhere (a newspaper, an earlier site), name it in 'announced_source'.",
        ),
        "M109": Message(
            "адрес «{slug}» занят разделом встреч (/meetings/{slug}/)",
            "the address '{slug}' is used by the meetings section (/meetings/{slug}/)",
            "Переименуйте файл или задайте другое поле slug; заняты: {reserved}.",
            "Rename the file or set another slug; taken: {reserved}.",
        ),
        "M110": Message(
            "итоги (outcome) указаны для мероприятия, которое ещё не началось ({start})",
            "an outcome is given for a meeting that has not started yet ({start})",
            "Итоги добавляют после мероприятия; проверьте дату start.",
            "Add the outcome after the meeting; check 'start'.",
        ),
    }

    # -- phase 1 ------------------------------------------------------------------------
    def declared_dates(self, item: Item) -> tuple[date | None, date | None]:
        data: MeetingFields = item.data
        return data.published or data.announced, data.updated

    def is_visible(self, item: Item, site: Site) -> bool:
        """Drafts never; an announcement dated after today only from its `announced` date.

        An announcement may be committed ahead of time: publishing it before the date it
        claims would make that date false, so it stays hidden (and out of feeds and the
        calendar) until then, like `publish_at` on news.
        """
        data: MeetingFields = item.data
        return not data.draft and data.announced <= site.today

    def markdown_fields(self, item: Item) -> Iterator[MarkdownField]:
        data: MeetingFields = item.data
        if item.source.body.strip():
            yield MarkdownField("body", item.source.body, item.source.body_line)
        if data.outcome is None:
            return
        for index, decision in enumerate(data.outcome.decisions):
            line = item.text_line("outcome", "decisions", index, "text")
            yield MarkdownField(f"decision_{index}", decision.text, line)
        for index, answer in enumerate(data.outcome.answers):
            line = item.text_line("outcome", "answers", index, "answer")
            yield MarkdownField(f"answer_{index}", answer.answer, line)

    def check(self, item: Item, site: Site, diag: Diagnostics) -> None:
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
        self._check_notice(item, start, site, diag)
        if data.end is not None and localize(data.end, zone) < start:
            diag.error(
                "M103",
                item.rel,
                item.line("end"),
                end=_moment(data.end, zone),
                start=_moment(data.start, zone),
            )
        self._check_comments(item, start, diag)
        self._check_outcome(item, start, site, diag)
        self._check_history(item, site, diag)

    def _check_notice(self, item: Item, start: datetime, site: Site, diag: Diagnostics) -> None:
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

    def _check_comments(self, item: Item, start: datetime, diag: Diagnostics) -> None:
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

    def _check_outcome(self, item: Item, start: datetime, site: Site, diag: Diagnostics) -> None:
        outcome = item.data.outcome
        if outcome is None:
            return
        if start > site.now:
            diag.warning(
                "M110", item.rel, item.line("outcome"), start=_moment(start, site.config.zone)
            )
        if outcome.protocol is not None:
            url = protocol_url(outcome.protocol)
            if url is None or url not in site.files:
                diag.error(
                    "M107", item.rel, item.line("outcome", "protocol"), file=outcome.protocol
                )

    def _check_history(self, item: Item, site: Site, diag: Diagnostics) -> None:
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

    def prepare(self, item: Item, site: Site, diag: Diagnostics) -> MeetingView:
        data: MeetingFields = item.data
        timing = timing_of(data, site.config.zone, site.now)
        decisions = decisions_of(data, site.today, site.language)
        protocol = self._protocol(data, site)
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

    def published_urls(self, site: Site) -> set[str]:
        # A hidden meeting gets no .ics: a link to it must not pass.
        calendars = {ics_url(m) for m in site.collection(self.name)}
        return calendars | {CALENDAR_URL, INSTRUCTIONS_URL} | {kind_url(k) for k in KIND_LABELS}

    def filters(self, site: Site) -> list[KindFilter]:
        """The filter by kind on the list pages: every kind, with its count."""
        meetings = site.collection(self.name)
        return [self._filter(kind, meetings, site.language) for kind in KIND_LABELS]

    @staticmethod
    def _protocol(data: MeetingFields, site: Site) -> str | None:
        if data.outcome is None or data.outcome.protocol is None:
            return None
        url = protocol_url(data.outcome.protocol)
        return url if url in site.files else None

    @staticmethod
    def _filter(kind: str, meetings: list[Item], language: str) -> KindFilter:
        count = sum(1 for m in meetings if m.data.kind == kind)
        return KindFilter(kind, label(KIND_LABELS, kind, language), kind_url(kind), count)

    def sort_key(self, item: Item) -> tuple[int, float, str]:
        """Upcoming first, soonest first; then past, latest first (so pages split cleanly)."""
        view = item.view
        if not isinstance(view, MeetingView):  # not modelled yet: plain chronological order
            return (0, item.data.start.timestamp(), item.slug)
        moment = view.start.timestamp()
        return (0, moment, item.slug) if view.upcoming else (1, -moment, item.slug)

    # -- phase 2 ------------------------------------------------------------------------
    def computed(self, item: Item, site: Site) -> dict[str, Any]:
        return view_of(item).model_dump(mode="json")

    def page_context(self, item: Item, site: Site) -> dict[str, Any]:
        return {"overdue_count": view_of(item).overdue_decisions}

    def feed_entries(self, item: Item, site: Site) -> Iterable[FeedEntry]:
        """One entry per meeting: first at its `announced` date, later changes (the
        outcome, a cancellation) as updates of the same entry: same id, later `updated`."""
        data: MeetingFields = item.data
        zone = site.config.zone
        view = view_of(item)
        t = site.t
        title = cancelled_title(item, site)
        parts = [view.kind_label.capitalize(), t.datetime(view.start), _place(data)]
        if data.cancelled:
            parts.append(t("meeting_cancelled_notice"))
        elif data.outcome is not None:
            parts.append(t("meeting_outcome_published"))
        url = site.config.absolute(item.url)
        yield FeedEntry(
            id=url,
            title=title,
            url=url,
            published=midnight(data.announced, zone),
            updated=midnight(max(item.updated, data.announced), zone),
            summary=" ".join(part.rstrip(".") + "." for part in parts),
            category=self.title_one(site.language),
        )

    def home_block(self, site: Site) -> HomeBlock | None:
        meetings = site.collection(self.name)
        if not meetings:
            return None
        upcoming = [m for m in meetings if view_of(m).upcoming][:HOME_UPCOMING]
        past = [m for m in meetings if not view_of(m).upcoming][:HOME_PAST]
        chosen = upcoming or past
        return HomeBlock(10, "home/meeting.html", {"items": chosen, "upcoming": bool(upcoming)})

    def extra_pages(self, site: Site) -> Iterable[ExtraPage]:
        meetings = site.collection(self.name)
        top = (self.title_many(site.language), self.list_url())
        for entry in self.filters(site):
            chosen = [m for m in meetings if m.data.kind == entry.kind]
            title = site.t("meeting_kind_page", kind=entry.label)
            yield ExtraPage(
                url=entry.url,
                template="meetings_kind.html",
                title=title,
                trail=[top, (title, entry.url)],
                json={"kind": entry.kind, "items": [_summary(m, site) for m in chosen]},
                context={
                    "current_filter": entry.kind,
                    "upcoming": [m for m in chosen if view_of(m).upcoming],
                    "past": [m for m in chosen if not view_of(m).upcoming],
                },
            )
        instructions = open_instructions(meetings)
        title = site.t("meeting_instructions")
        yield ExtraPage(
            url=INSTRUCTIONS_URL,
            template="meetings_instructions.html",
            title=title,
            trail=[top, (title, INSTRUCTIONS_URL)],
            json={"instructions": [_instruction_json(m, d, site) for m, d in instructions]},
            context={
                "current_filter": None,
                "instructions": instructions,
                "overdue_count": sum(1 for _, d in instructions if d.overdue),
            },
        )

    def extra_outputs(self, site: Site) -> Iterable[OutputFile]:
        meetings = site.collection(self.name)
        events = {m.slug: self._event(m, site) for m in meetings}
        for meeting in meetings:
            body = calendar_bytes([events[meeting.slug]], meeting.title, subscribed=False)
            yield OutputFile(ics_url(meeting).lstrip("/"), body)
        name = f"{site.config.name}: {self.title_many(site.language)}"
        ordered = sorted(events.values(), key=lambda e: (e.start, e.uid))
        yield OutputFile(CALENDAR_URL.lstrip("/"), calendar_bytes(ordered, name, subscribed=True))

    def _event(self, item: Item, site: Site) -> EventData:
        data: MeetingFields = item.data
        zone = site.config.zone
        view = view_of(item)
        t = site.t
        summary = cancelled_title(item, site)
        lines = [view.kind_label.capitalize() + "."]
        if data.host:
            lines.append(f"{t('meeting_host')}: {data.host}.")
        comments = view.comments
        if comments is not None and comments.state != "cancelled":
            lines.append(t("meeting_comments_open", until=t.date(comments.until)))
        lines.append(site.config.absolute(item.url))
        return EventData(
            uid=f"{item.slug}@{host_of(site)}",
            summary=summary,
            start=view.start,
            end=view.end,
            stamp=midnight(item.updated, zone),
            created=midnight(data.announced, zone),
            # Grows with every change of the file without a counter to keep: calendar
            # programs replace an event they have when SEQUENCE is higher.
            sequence=max(0, (item.updated - item.published).days),
            location=_place(data),
            description="\n".join(lines),
            url=site.config.absolute(item.url),
            category=view.kind_label,
            cancelled=data.cancelled,
        )

    def report(self, site: Site, language: str) -> str | None:
        instructions = open_instructions(site.collection(self.name))
        overdue = [(m, d) for m, d in instructions if d.overdue]
        if not overdue:
            return None
        head = "Поручения с истёкшим сроком:" if language != "en" else "Overdue instructions:"
        rows = [
            f"  {m.rel}:{m.line('outcome', 'decisions', d.number - 1)}: "
            f"№{d.number}, {d.due}, {d.responsible}"
            for m, d in overdue
        ]
        return "\n".join([head, *rows])


# -- helpers for pages and JSON -----------------------------------------------------------


def cancelled_title(item: Item, site: Site) -> str:
    """Feeds and calendars show the title; many readers never show a status field."""
    if not item.data.cancelled:
        return item.title
    return f"{site.t('meeting_cancelled')}: {item.title}"


def kind_url(kind: str) -> str:
    return f"/meetings/kind/{kind}/"


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


def _histories(site: Site) -> dict[str, FileHistory]:
    """Git history of the site's files, read once per build by the site model."""
    return site.histories


def _moment(value: datetime, zone: ZoneInfo) -> str:
    """A date-time for messages: ISO, minutes, in the site's zone."""
    local = value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return local.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _place(data: MeetingFields) -> str:
    return ", ".join(p for p in (data.location.name, data.location.address) if p)


def _summary(item: Item, site: Site) -> dict[str, Any]:
    view = view_of(item)
    return {
        "id": item.id,
        "url": site.config.absolute(item.url),
        "title": item.title,
        "start": view.start.isoformat(),
        "upcoming": view.upcoming,
        "cancelled": item.data.cancelled,
    }


def _instruction_json(meeting: Item, decision: DecisionOut, site: Site) -> dict[str, Any]:
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
