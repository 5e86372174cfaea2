"""RSS 2.0 and Atom feeds (feedgen): one of everything and one per type."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time
from html import escape
from typing import TYPE_CHECKING

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]
from markupsafe import Markup

from glasnost.site import FeedEntry, Item, OutputFile

if TYPE_CHECKING:
    from glasnost.site import Site
    from glasnost.types.base import ContentType


def at_midnight(day: date, site: Site) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=site.config.zone)


def feed_author(site: Site) -> dict[str, str]:
    """The body that publishes the site: its full title, e-mail and address."""
    author = {"name": site.config.title, "uri": site.config.base_url}
    if site.config.contacts.email:
        author["email"] = site.config.contacts.email
    return author


class EntryMemo:
    """Default feed entries kept between the live preview's builds, by source file.

    Every feed is made again after each save, and making an entry for each of 10,000
    items (twice: the feed of everything and the type's own) was a tenth of a second.
    An entry is made of the item's fields (the same object while its file is unchanged),
    its address, dates and rendered summary, and the site's config and language: it is
    kept while all of them are the same, and made again otherwise.
    """

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], tuple[tuple[object, ...], FeedEntry]] = {}
        self._now: dict[tuple[str, str], tuple[tuple[object, ...], FeedEntry]] = {}
        self.site_facts: tuple[object, ...] | None = None
        self.made = 0  # entries the last build made anew, not kept (tests read it)

    def begin(self, site: Site) -> None:
        """A new build's feeds: what the build before did not ask for is forgotten."""
        facts = (site.config, site.language)
        self.made = 0
        if facts != self.site_facts:
            self.kept, self._now, self.site_facts = {}, {}, facts
        elif self._now:
            self.kept, self._now = self._now, {}

    def entry(self, item: Item, site: Site) -> FeedEntry:
        key = (item.kind.name, item.source.rel)
        # The fields by identity: `kept` holds them, so their id is not reused.
        facts = (item.data, item.url, item.published, item.updated, item.html.get("summary"))
        known = self.kept.get(key)
        if known is None or known[0][0] is not item.data or known[0][1:] != facts[1:]:
            known = (facts, made_entry(item, site))
            self.made += 1
        self._now[key] = known
        return known[1]


def default_entry(item: Item, site: Site) -> FeedEntry:
    memo = site.feed_memo
    return memo.entry(item, site) if memo is not None else made_entry(item, site)


def made_entry(item: Item, site: Site) -> FeedEntry:
    # The summary's sanitised HTML, as the page shows it; Markup marks it as HTML already.
    rendered = item.md("summary")
    text = getattr(item.data, "summary", None) or item.title
    summary = Markup(rendered) if rendered else str(text)
    url = site.config.absolute(item.url)  # one string for both: the preview keeps entries
    return FeedEntry(
        id=url,
        title=item.title,
        url=url,
        published=at_midnight(item.published, site),
        updated=at_midnight(item.updated, site),
        summary=summary,
        category=item.kind.title_one(site.language),
    )


def kind_entries(site: Site, kind: ContentType) -> list[FeedEntry]:
    """Every feed entry of one type, unsorted."""
    return [e for item in site.collection(kind.name) for e in kind.feed_entries(item, site)]


def latest(site: Site, entries: list[FeedEntry]) -> list[FeedEntry]:
    """The newest entries, as many as a feed shows."""
    entries = sorted(entries, key=lambda e: (e.updated, e.published, e.id), reverse=True)
    return entries[: site.config.feeds.items]


def feed_files(
    site: Site, prefix: str, title: str, entries: Iterable[FeedEntry]
) -> list[OutputFile]:
    chosen = list(entries)
    stamp = max((e.updated for e in chosen), default=at_midnight(site.updated, site))
    files = []
    for flavour, name in (("rss", "feed.xml"), ("atom", "atom.xml")):
        generator = FeedGenerator()
        home = site.config.absolute(prefix)
        generator.id(home)
        generator.title(f"{site.config.name}: {title}")
        # feedgen takes the RSS channel's <link> from the last link added: the site, not the feed.
        generator.link(href=site.config.absolute(prefix + name), rel="self")
        generator.link(href=home, rel="alternate")
        generator.description(site.config.title)
        generator.language(site.language)
        generator.updated(stamp)
        generator.lastBuildDate(stamp)
        if flavour == "atom":  # RFC 4287 4.1.1: every Atom entry needs an author
            generator.author(feed_author(site))
        for entry in chosen:
            add = generator.add_entry(order="append")
            add.id(entry.id)
            add.guid(entry.id, permalink=entry.id == entry.url)
            add.title(entry.title)
            add.link(href=entry.url)
            add.published(entry.published)
            add.updated(entry.updated)
            # HTML in RSS <description> and Atom <content type="html">: feed readers
            # render it, so a text summary is escaped and an HTML one is the sanitised HTML.
            add.content(summary_html(entry.summary, site), type="html")
            add.category(term=entry.category)
            if flavour == "atom":
                add.author(feed_author(site))
        body = (
            generator.rss_str(pretty=True) if flavour == "rss" else generator.atom_str(pretty=True)
        )
        files.append(OutputFile((prefix + name).lstrip("/"), body))
    return files


_SITE_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')


def summary_html(summary: str, site: Site) -> str:
    """HTML for a feed reader: links made absolute, as the reader is not on the site."""
    if isinstance(summary, Markup):
        return _SITE_LINK.sub(lambda m: m.group(1) + site.config.base_url, str(summary))
    return escape(summary, quote=False)


def all_feeds(site: Site) -> list[OutputFile]:
    if site.feed_memo is not None:
        site.feed_memo.begin(site)
    # Each type's entries are made once, for its own feed and the feed of everything
    # (the feed of everything in the order of the types).
    by_kind = {
        kind.name: kind_entries(site, kind) for kind in site.kinds if kind.has_list or kind.in_feeds
    }
    everything = [e for kind in site.kinds if kind.in_feeds for e in by_kind[kind.name]]
    files = feed_files(site, "/", site.t("all"), latest(site, everything))
    # Every list page links its own feeds, so every listed type has them; `in_feeds` only
    # keeps a type (plain pages) out of the feed of everything.
    for kind in site.kinds:
        if kind.has_list:
            entries = latest(site, by_kind[kind.name])
            files += feed_files(site, kind.list_url(), kind.title_many(site.language), entries)
    return files
