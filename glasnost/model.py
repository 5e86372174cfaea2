"""Stage 3: the site model — every item with its address, dates, rendered text and joins.

Everything that can be wrong with content is found by the end of this stage; the
render stage only reads the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from html import escape, unescape
from pathlib import Path

from glasnost import markup
from glasnost.config import SiteConfig
from glasnost.diagnostics import Diagnostics
from glasnost.gitdates import FileHistory
from glasnost.jsonapi import API_ROOT
from glasnost.links import LinkResolver, Resolved, is_external, local_file_links
from glasnost.load import content_files
from glasnost.site import Item, MarkdownField, pack_html
from glasnost.site import Site as Site  # the model's data lives in glasnost/site.py
from glasnost.slugs import is_valid_slug, slug_from_filename
from glasnost.sourcefile import SourceFile
from glasnost.starters import warn_starter_text
from glasnost.textchecks import TextChecks
from glasnost.types.base import ContentType

RESERVED = {
    "api",
    "schema",
    "static",
    "files",
    "search",
    "pagefind",
    "feed.xml",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "404.html",
    "page",
    "index.json",
    "index.html",
}


def build_site(
    config: SiteConfig,
    site_dir: Path,
    kinds: list[ContentType],
    items: list[Item],
    diag: Diagnostics,
    now: datetime,
    histories: dict[str, FileHistory],
    renderer: markup.MarkdownRenderer,
    broken: list[tuple[ContentType, SourceFile | Path]] | None = None,
    checks: TextChecks | None = None,
) -> Site:
    """The model; `checks` (the live preview's) replays the findings of unchanged texts.

    With `checks` the sources belong to the preview's cache, which shares them between
    builds: they are left as they are. A clean build owns its sources and drops their
    Markdown once it is rendered.
    """
    owns_sources = checks is None
    checks = checks if checks is not None else TextChecks()
    checks.begin()
    site = Site(config, site_dir, now, kinds, items, files=content_files(site_dir, diag))
    site.histories = histories
    site.broken_sources = dict(likely_url(site, kind, source) for kind, source in broken or [])
    assign_urls(site, diag)
    assign_dates(site, histories, diag)
    for item in site.items:
        # Whatever the type, an item dated after today waits for its date (like
        # publish_at): a news item or a report posted ahead must not go live at once.
        item.visible = item.kind.is_visible(item, site) and not dated_ahead(item, site)
    site.reorder()
    site.known_urls |= engine_urls(kinds)
    # The order of the hooks is stated once, in glasnost/types/base.py.
    for item in site.items:
        item.view = item.kind.prepare(item, site, diag)
    site.reorder()  # types may sort by their views (meetings: upcoming first)
    for item in site.items:
        item.kind.check(item, site, diag)
        if owns_sources:  # nothing to replay later: a memo would keep every body alive
            warn_starter_text(item, diag)
        else:
            checks.starter(item, diag, warn_starter_text)
    for kind in kinds:
        site.known_urls |= kind.published_urls(site)
    if owns_sources:
        render_markdown_dropping_sources(site, renderer, diag)
    else:
        render_markdown(site, renderer, diag, checks)
    checks.end()
    return site


def dated_ahead(item: Item, site: Site) -> bool:
    """The content itself dates the item after today (`date`, `published`, ...). A date
    from git history is when it was committed, never a promise about the future."""
    declared, _ = item.kind.declared_dates(item)
    return declared is not None and declared > site.today


def scheduled(site: Site) -> list[tuple[Item, date]]:
    """Items that are ready but wait for their date: (item, the day they go live).

    Drafts are not scheduled; an item waiting for `publish_at` or for its own date is.
    """
    found: list[tuple[Item, date]] = []
    for item in site.items:
        if item.visible or getattr(item.data, "draft", False):
            continue
        declared, _ = item.kind.declared_dates(item)
        moments = [declared or item.published]
        publish_at = getattr(item.data, "publish_at", None)
        if isinstance(publish_at, datetime):
            zone = site.config.zone
            moment = publish_at if publish_at.tzinfo else publish_at.replace(tzinfo=zone)
            moments.append(moment.astimezone(zone).date())
        announced = getattr(item.data, "announced", None)
        if isinstance(announced, date):
            moments.append(announced)
        day = max(moments)
        if day >= site.today:
            found.append((item, day))
    return sorted(found, key=lambda pair: (pair[1], pair[0].rel))


def scheduled_report(site: Site) -> str | None:
    """`build.py check`: what will appear on the site by itself, and when."""
    waiting = scheduled(site)
    if not waiting:
        return None
    head = "Scheduled for publication:" if site.language == "en" else "Запланировано к публикации:"
    rows = [f"  {item.rel}: {item.title} — {day.isoformat()}" for item, day in waiting]
    return "\n".join([head, *rows])


def likely_url(site: Site, kind: ContentType, source: SourceFile | Path) -> tuple[str, str]:
    """(rel, URL) of a file that failed to load or validate, as it would have been published."""
    path = source.path if isinstance(source, SourceFile) else source
    explicit = source.data.get("slug") if isinstance(source, SourceFile) else None
    stem = kind.name_in_path(path)
    slug = explicit if isinstance(explicit, str) and explicit else slug_from_filename(stem)
    return path.relative_to(site.site_dir).as_posix(), kind.item_url(slug, site)


def engine_urls(kinds: list[ContentType]) -> set[str]:
    """Addresses the engine publishes besides items, which content may link to."""
    urls = {
        "/",
        "/search/",
        "/feed.xml",
        "/atom.xml",
        "/sitemap.xml",
        "/robots.txt",
        API_ROOT + "index.json",
    }
    for kind in kinds:
        if kind.has_list:
            urls |= {kind.list_url(), kind.list_url() + "feed.xml", kind.list_url() + "atom.xml"}
    return urls


def assign_urls(site: Site, diag: Diagnostics) -> None:
    taken: dict[str, Item] = {}
    # A page named like a section ("news.md") would overwrite that section's list.
    sections = {k.list_url() for k in site.kinds if k.has_list}
    for item in site.items:
        if not is_valid_slug(item.slug):
            diag.error("G212", item.rel, item.line("slug"), slug=item.slug)
        item.url = item.kind.item_url(item.slug, site)
        if item.url.strip("/").split("/")[0] in RESERVED or item.url in sections:
            diag.error("G211", item.rel, item.line("slug") or item.line("title"), slug=item.slug)
        other = taken.get(item.url)
        if other is not None:
            diag.error(
                "G210",
                item.rel,
                item.line("slug") or item.line("title"),
                slug=item.slug,
                other=other.rel,
            )
        else:
            taken[item.url] = item


def assign_dates(site: Site, histories: dict[str, FileHistory], diag: Diagnostics) -> None:
    zone = site.config.zone
    for item in site.items:
        published, updated = item.kind.declared_dates(item)
        history = histories.get(item.rel)
        if published is None and history is not None:
            published = history.first.date()
        if updated is None and history is not None:
            updated = max(history.last.date(), published) if published else history.last.date()
        if published is None:
            mtime = datetime.fromtimestamp(item.source.path.stat().st_mtime, tz=zone).date()
            diag.warning("G220", item.rel, item.line("title"))
            published = mtime
        updated = updated or published
        if updated < published:
            diag.error("G221", item.rel, item.line("updated"), updated=updated, published=published)
        item.published, item.updated = published, updated


_HREF = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


# Items whose Markdown a clean build renders at a time (render_markdown_dropping_sources):
# each batch adds what it holds in flight (its HTML, encoded and not) and what its forked
# workers copy; 500 of 10,000 items cost no measurable time over one go.
MARKDOWN_BATCH = 500


def render_markdown_dropping_sources(
    site: Site, renderer: markup.MarkdownRenderer, diag: Diagnostics
) -> None:
    """A clean build's Markdown, a batch of items at a time, each batch's sources dropped
    once its HTML is made: from there on pages use the HTML, and a large site's Markdown
    (10,000 news items: ~100 MB of text) and its HTML (as much) are never held whole at
    once. The same texts, checks and diagnostics, in the same order, as in one go.

    Each batch has its own TextChecks: a clean build replays nothing, and one kept for
    the whole build would hold every text it saw until the end.
    """
    resolver = make_resolver(site)
    for start in range(0, len(site.items), MARKDOWN_BATCH):
        batch = site.items[start : start + MARKDOWN_BATCH]
        render_markdown(site, renderer, diag, TextChecks(), batch, resolver)
        renderer.store_fresh()  # or it would keep every new HTML text as it is
        for item in batch:
            item.source.body = ""
        if renderer.forked:
            # The next batches fork workers too: they would map all the HTML made so
            # far. Texts from the cache (no workers) are packed only if the render stage
            # forks its own (render.render_into): a build that renders few pages again
            # does not pay for packing.
            pack_html(batch)


def render_markdown(
    site: Site,
    renderer: markup.MarkdownRenderer,
    diag: Diagnostics,
    checks: TextChecks | None = None,
    items: list[Item] | None = None,
    resolver: LinkResolver | None = None,
) -> None:
    """The HTML of the Markdown fields of `items` (default: all), checked and reported."""
    checks = checks if checks is not None else TextChecks()
    chosen = site.items if items is None else items
    # From addresses and visibility, fixed by now.
    resolver = resolver if resolver is not None else make_resolver(site)

    def check(
        item: Item,
        md: MarkdownField,
        result: markup.Rendered,
        resolver: LinkResolver,
        diag: Diagnostics,
        seen: Callable[[str, Resolved], None],
    ) -> str | None:
        if result.failure is not None:  # too deep, or over the time budget
            diag.error(result.failure, item.rel, md.line, seconds=f"{renderer.budget:g}")
            return None
        for target in local_file_links(md.text):
            diag.error("G305", item.rel, _line_of(md, target), target=target)
        for what in result.dropped:
            diag.warning("G303", item.rel, _line_of(md, what.rstrip(">=")), what=what)
        return check_links(result.html, item, md, resolver, diag, seen)

    checks.check_all(chosen, renderer, resolver, diag, check)


def make_resolver(site: Site) -> LinkResolver:
    visible = [i for i in site.items if i.visible]
    hidden = [i for i in site.items if not i.visible]
    urls = {i.url for i in visible} | site.known_urls
    # A file that failed to load or validate is already reported: links to it are not
    # reported again as links to nothing.
    broken = site.broken_sources
    return LinkResolver(
        urls=urls | set(broken.values()),
        unpublished_urls={i.url for i in hidden},
        content_items={i.rel: i.url for i in visible} | broken,
        unpublished_sources={i.rel for i in hidden},
        files=site.files,
    )


def check_links(
    html: str,
    item: Item,
    md: MarkdownField,
    resolver: LinkResolver,
    diag: Diagnostics,
    seen: Callable[[str, Resolved], None] | None = None,
) -> str:
    """The HTML with its links rewritten to site paths; `seen` hears how each resolved."""

    def replace(match: re.Match[str]) -> str:
        target = unescape(match.group(2))  # the sanitiser writes & as &amp; in attributes
        if is_external(target):
            return match.group(0)
        resolved = resolver.resolve(target, item.rel)
        if seen is not None:
            seen(target, resolved)
        if resolved.url is not None:
            return match.group(1) + escape(resolved.url) + match.group(3)
        line = _line_of(md, target)
        if resolved.escapes:
            diag.error("G301", item.rel, line, target=target)
        elif resolved.unpublished:
            diag.error("G302", item.rel, line, target=target)
        else:
            diag.error("G300", item.rel, line, target=target)
        return match.group(0)

    return _HREF.sub(replace, html)


def _line_of(md: MarkdownField, needle: str) -> int | None:
    if md.line is None:
        return None
    for number, text in enumerate(md.text.splitlines()):
        if needle in text:
            return md.line + number
    return md.line
