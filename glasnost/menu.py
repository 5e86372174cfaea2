"""The main menu: the built-in entries, pages that join it, and the config's additions.

A press secretary adds a page to the menu from the page itself (`menu: true`,
`menu_order: N`) and adds or hides other items in site_config.yaml (`menu: {add, hide}`)
without restating the whole menu. Each entry has a place (`order`); the built-in ones
come 10 apart, so anything can go between them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from glasnost.config import CONFIG_FILE, MenuSettings
from glasnost.sourcefile import SourceFile, load_source

if TYPE_CHECKING:
    from glasnost.diagnostics import Diagnostics
    from glasnost.model import Site

STEP = 10
# Where an entry without `order` goes: after the sections, before Search (70) and
# Contacts (80), which menus usually end with.
DEFAULT_ORDER = 65


@dataclass(frozen=True)
class MenuEntry:
    title: str
    url: str
    order: int


def builtin_entries(links: Iterable[dict[str, Any]]) -> list[MenuEntry]:
    """The built-in (or `nav:`) links in their order; a link's own `order` wins."""
    return [
        MenuEntry(str(link["title"]), str(link["url"]), int(link.get("order", (i + 1) * STEP)))
        for i, link in enumerate(links)
    ]


def page_entries(site: Site) -> list[MenuEntry]:
    """Published pages with `menu: true`, in the pages' own order."""
    return [
        MenuEntry(item.title, item.url, _order(item.data.menu_order))
        for item in site.collection("page")
        if getattr(item.data, "menu", False)
    ]


def config_entries(settings: MenuSettings) -> list[MenuEntry]:
    return [MenuEntry(link.title, link.url, _order(link.order)) for link in settings.add]


def _order(value: int | None) -> int:
    return DEFAULT_ORDER if value is None else value


def arrange(
    builtin: list[MenuEntry], added: list[MenuEntry], hide: Iterable[str]
) -> list[dict[str, str]]:
    """The menu as the templates show it: by place, hidden addresses left out.

    An added entry with the address of a built-in one replaces it (her title, her place):
    a contacts page with `menu: true` moves Contacts rather than showing it twice. Entries
    with the same place keep the order they came in (built-in, pages, config).
    """
    by_url: dict[str, MenuEntry] = {}
    for entry in [*builtin, *added]:
        by_url.pop(entry.url, None)  # re-inserted last: its place among equals follows
        by_url[entry.url] = entry
    hidden = set(hide)
    shown = [e for e in by_url.values() if e.url not in hidden]
    ranked = sorted(enumerate(shown), key=lambda pair: (pair[1].order, pair[0]))
    return [{"title": e.title, "url": e.url} for _, e in ranked]


def main_menu(site: Site, builtin_links: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    """The whole menu, from the built-in links the render stage gives (`nav:` or default)."""
    settings = site.config.menu
    added = page_entries(site) + config_entries(settings)
    return arrange(builtin_entries(builtin_links), added, settings.hide)


def check_menu(site: Site, builtin_links: Iterable[dict[str, Any]], diag: Diagnostics) -> None:
    """Phase 1: the config's menu items lead somewhere, and what it hides is in the menu.

    Warnings, not errors: the site is still right, but an item she added leads nowhere,
    or an item she meant to hide (a typo in its address) is still shown.
    """
    settings = site.config.menu
    if not settings.add and not settings.hide:
        return
    source = load_source(site.site_dir / CONFIG_FILE, CONFIG_FILE, diag)
    published = {i.url for i in site.visible_items()} | site.known_urls | site.files
    for index, link in enumerate(settings.add):
        path = urlsplit(link.url).path
        if link.url.startswith("/") and path not in published:
            line = _line(source, "menu", "add", index, "url")
            diag.warning("G171", CONFIG_FILE, line, title=link.title, url=link.url)
    in_menu = {e.url for e in builtin_entries(builtin_links) + page_entries(site)}
    in_menu |= {link.url for link in settings.add}
    for index, url in enumerate(settings.hide):
        if url not in in_menu:
            diag.warning("G172", CONFIG_FILE, _line(source, "menu", "hide", index), url=url)


def _line(source: SourceFile | None, *loc: str | int) -> int | None:
    return source.line(*loc) if source is not None else None
