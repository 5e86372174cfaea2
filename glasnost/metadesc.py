"""`<meta name="description">` of every page: what a search result shows under the title.

An item is described by its own summary (or, lacking one, the start of its text); a list
by what the list is for; every other page by what the site is for. Search engines cut
a description at about 160 characters, so a longer text ends at a word with "…".
"""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from glasnost.model import Site
    from glasnost.types.base import ContentType, Item

MAX_LENGTH = 160

# What each list is for, in the site's words: {site} is the body's short name.
LIST_PURPOSES: dict[str, tuple[str, str]] = {
    "plan": (
        "Планы мероприятий: {site}. Сроки, ответственные и ход выполнения каждого мероприятия.",
        "Plans of measures: {site}. Deadlines, who is responsible and how each measure is going.",
    ),
    "report": (
        "Отчеты о выполнении планов: {site}. Что сделано по каждому мероприятию, итоги опросов.",
        "Reports on the plans: {site}. What was done for each measure, survey results.",
    ),
    "meeting": (
        "Встречи с жителями, приемы граждан, публичные слушания: {site}. Объявления и итоги.",
        "Meetings with residents, receptions and public hearings: {site}. Notices and outcomes.",
    ),
    "news": ("Новости: {site}.", "News: {site}."),
    "page": ("Сведения о работе: {site}.", "About the work of {site}."),
    "dataset": (
        "Открытые данные: {site}. Паспорта наборов, структура и данные в формате CSV.",
        "Open data: {site}. Dataset passports, structures and data in CSV.",
    ),
}
SITE_PURPOSE = (
    "Официальный сайт: {site}. Планы мероприятий, отчеты, встречи с жителями, новости "
    "и открытые данные.",
    "Official site of {site}: plans of measures, reports, meetings with residents, news "
    "and open data.",
)
_TAG = re.compile(r"<[^>]+>")
_TEXT_KEYS = ("summary", "description", "body")  # in order of preference


def page_description(site: Site, context: dict[str, Any]) -> str:
    item: Item | None = context.get("item")
    if item is not None:
        own = item_description(item)
        if own:
            return own
    kind: ContentType | None = context.get("kind")
    if kind is not None:
        return list_purpose(site, kind.name)
    return site_purpose(site)


def item_description(item: Item) -> str:
    """The item's summary, else the start of its own text; empty when it has neither."""
    for key in _TEXT_KEYS:
        text = plain(item.md(key))
        if text:
            return shorten(text)
    return ""


def list_purpose(site: Site, kind_name: str) -> str:
    ru, en = LIST_PURPOSES.get(kind_name, SITE_PURPOSE)
    return (en if site.language == "en" else ru).format(site=site.config.name)


def site_purpose(site: Site) -> str:
    if site.config.description:
        return shorten(" ".join(site.config.description.split()))
    ru, en = SITE_PURPOSE
    return (en if site.language == "en" else ru).format(site=site.config.title)


def plain(html: str) -> str:
    """The text of rendered HTML, one line."""
    return " ".join(unescape(_TAG.sub(" ", html)).split())


def shorten(text: str) -> str:
    if len(text) <= MAX_LENGTH:
        return text
    cut = text[: MAX_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:—– ")
    return cut + "…"
