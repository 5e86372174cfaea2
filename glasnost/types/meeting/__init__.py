"""Meetings: content/meetings/SLUG.md — announcements and outcomes, at /meetings/SLUG/.

A meeting is a meeting of the head with residents, a citizens' reception, a public
hearing or discussion, a council session or anything else with a time and a place. The
front matter announces it; `outcome` is added afterwards (attendance, the protocol, the
decisions with their execution, answers to publicly significant questions).

Rules (seed 002: at least `announce_min_days` days of notice) are in `rules`; the file's
shape in `fields`; what a meeting derives in `view`; feeds and calendars in `outputs`;
diagnostics and template strings in `messages`.

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

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from glasnost.revisions import event_revisions
from glasnost.types.base import (
    ContentType,
    ExtraPage,
    FeedEntry,
    HomeBlock,
    Item,
    MarkdownField,
    OutputFile,
)
from glasnost.types.icalendar_out import EventData, calendar_bytes
from glasnost.types.meeting.fields import MeetingFields
from glasnost.types.meeting.messages import MESSAGES, UI
from glasnost.types.meeting.outputs import (
    cancelled_title,
    host_of,
    instruction_json,
    place_of,
    summary_json,
)
from glasnost.types.meeting.rules import check_meeting
from glasnost.types.meeting.view import (
    CALENDAR_URL,
    INSTRUCTIONS_URL,
    KIND_LABELS,
    KindFilter,
    MeetingView,
    ics_url,
    kind_filter,
    kind_url,
    meeting_view,
    midnight,
    open_instructions,
    view_of,
)

if TYPE_CHECKING:
    from glasnost.diagnostics import Diagnostics
    from glasnost.site import Site

HOME_UPCOMING = 5
HOME_PAST = 3


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
    nav_order = 50
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

    ui = UI
    messages = MESSAGES

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
        check_meeting(item, site, diag)

    def prepare(self, item: Item, site: Site, diag: Diagnostics) -> MeetingView:
        return meeting_view(item, site)

    def published_urls(self, site: Site) -> set[str]:
        # A hidden meeting gets no .ics: a link to it must not pass.
        calendars = {ics_url(m) for m in site.collection(self.name)}
        return calendars | {CALENDAR_URL, INSTRUCTIONS_URL} | {kind_url(k) for k in KIND_LABELS}

    def filters(self, site: Site) -> list[KindFilter]:
        """The filter by kind on the list pages: every kind, with its count."""
        meetings = site.collection(self.name)
        return [kind_filter(kind, meetings, site.language) for kind in KIND_LABELS]

    def sort_key(self, item: Item) -> tuple[int, float, str]:
        """Upcoming first, soonest first; then past, latest first (so pages split cleanly)."""
        view = item.view
        if not isinstance(view, MeetingView):  # not modelled yet: plain chronological order
            return (0, item.data.start.timestamp(), item.slug)
        moment = view.start.timestamp()
        return (0, moment, item.slug) if view.upcoming else (1, -moment, item.slug)

    # -- phase 2 ------------------------------------------------------------------------

    def feed_entries(self, item: Item, site: Site) -> Iterable[FeedEntry]:
        """One entry per meeting: first at its `announced` date, later changes (the
        outcome, a cancellation) as updates of the same entry: same id, later `updated`."""
        data: MeetingFields = item.data
        zone = site.config.zone
        view = view_of(item)
        t = site.t
        title = cancelled_title(item, site)
        parts = [view.kind_label.capitalize(), t.datetime(view.start), place_of(data)]
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
                json={"kind": entry.kind, "items": [summary_json(m, site) for m in chosen]},
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
            json={"instructions": [instruction_json(m, d, site) for m, d in instructions]},
            context={
                "current_filter": None,
                "instructions": instructions,
                "overdue_count": sum(1 for _, d in instructions if d.overdue),
            },
        )

    def extra_outputs(self, site: Site) -> Iterable[OutputFile]:
        meetings = site.collection(self.name)
        sequences = event_revisions(site.site_dir, [m.rel for m in meetings])
        events = {m.slug: self._event(m, site, sequences.get(m.rel)) for m in meetings}
        for meeting in meetings:
            body = calendar_bytes([events[meeting.slug]], meeting.title, subscribed=False)
            yield OutputFile(ics_url(meeting).lstrip("/"), body)
        name = f"{site.config.name}: {self.title_many(site.language)}"
        ordered = sorted(events.values(), key=lambda e: (e.start, e.uid))
        yield OutputFile(CALENDAR_URL.lstrip("/"), calendar_bytes(ordered, name, subscribed=True))

    def _event(self, item: Item, site: Site, sequence: int | None) -> EventData:
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
            # Revisions of the event itself in git history (glasnost/revisions.py); a file
            # outside git grows with its `updated` date, the only trace of a change.
            sequence=sequence
            if sequence is not None
            else max(0, (item.updated - item.published).days),
            location=place_of(data),
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
        head = site.t("meeting_overdue_head")
        rows = [
            f"  {m.rel}:{m.line('outcome', 'decisions', d.number - 1)}: "
            f"№{d.number}, {d.due}, {d.responsible}"
            for m, d in overdue
        ]
        return "\n".join([head, *rows])
