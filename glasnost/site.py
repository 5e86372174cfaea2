"""The site model's data: the site, its items, and what the render stage produces.

One module for the values every stage passes around (the stages themselves are in
model.py, render.py...). The site keeps indexes of its items (by type, by id, by
address, each type's list order) so that a page asking for "the plan of this report" or
"the latest news" does not scan every item of a large site.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glasnost.config import SiteConfig
from glasnost.gitdates import FileHistory
from glasnost.i18n import Translator
from glasnost.sourcefile import SourceFile

if TYPE_CHECKING:
    from glasnost.feeds import EntryMemo
    from glasnost.types.base import ContentType


@dataclass(frozen=True)
class MarkdownField:
    """A piece of Markdown in an item, rendered and link-checked with the rest."""

    key: str
    text: str
    line: int | None


class PackedTexts(MutableMapping[str, str]):
    """Texts by key, each kept compressed: how a clean build holds an item's HTML.

    A build keeps every item's rendered Markdown from the model stage until its pages are
    written, and on a large site that is most of its memory (10,000 news items: 120 MB
    as Python text, which takes 2 bytes a Cyrillic letter; under 40 MB packed). Packing
    at zlib's fastest level takes about a second per 100 MB, unpacking half that, and a
    page reads each of its texts once or twice. The live preview, which replays most
    texts on every save, keeps plain ones.
    """

    # Shorter texts (a summary) stay as they are: packing them would save little and
    # cost a call each time a page reads them.
    SHORTEST_PACKED = 1024

    def __init__(self, texts: Mapping[str, str] | None = None) -> None:
        self._packed: dict[str, str | bytes] = {}
        if texts:
            self.update(texts)

    def __getitem__(self, key: str) -> str:
        kept = self._packed[key]
        if isinstance(kept, str):
            return kept
        return zlib.decompress(kept).decode("utf-8", "surrogatepass")

    def __setitem__(self, key: str, text: str) -> None:
        if len(text) < self.SHORTEST_PACKED:
            self._packed[key] = text
        else:
            self._packed[key] = zlib.compress(text.encode("utf-8", "surrogatepass"), 1)

    def __delitem__(self, key: str) -> None:
        del self._packed[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedTexts):  # the same texts pack to the same bytes
            return self._packed == other._packed
        return super().__eq__(other)

    def __repr__(self) -> str:
        return f"PackedTexts({dict(self)!r})"


def page_path(url: str) -> str:
    """The output file of the page at `url`: its folder's index.html, or the file named."""
    return url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/")


def pack_html(items: list[Item]) -> None:
    """Keep the items' rendered Markdown packed from here on (see PackedTexts): before
    worker processes are forked from a build, which would each map all of it."""
    for item in items:
        if not isinstance(item.html, PackedTexts):
            item.html = PackedTexts(item.html)


@dataclass
class Item:
    """One published (or draft) piece of content, as the site model holds it."""

    kind: ContentType
    slug: str
    source: SourceFile
    data: Any
    url: str = ""
    published: date = date(1970, 1, 1)
    updated: date = date(1970, 1, 1)
    visible: bool = True
    # The rendered Markdown by field: a dict, or in a clean build PackedTexts.
    html: MutableMapping[str, str] = field(default_factory=dict)
    # What the type derives (ContentType.prepare): PlanView, MeetingView, Layout...; None
    # for types that derive nothing. Each type reads it through its own typed accessor.
    view: Any = None

    @property
    def id(self) -> str:
        return f"{self.kind.name}/{self.slug}"

    @property
    def title(self) -> str:
        return str(self.data.title)

    @property
    def rel(self) -> str:
        return self.source.rel

    def line(self, *loc: str | int) -> int | None:
        return self.source.line(*loc)

    def text_line(self, *loc: str | int) -> int | None:
        return self.source.text_line(*loc)

    def md(self, key: str) -> str:
        """Rendered HTML of a Markdown field; empty when the field was empty."""
        return self.html.get(key, "")


@dataclass(frozen=True)
class OutputFile:
    """A file the render stage produces, path relative to the output root.

    Content is bytes, or the path of a file to copy as it is (attachments, large data).
    """

    path: str
    content: bytes | Path


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    url: str
    published: datetime
    updated: datetime
    summary: str
    category: str


@dataclass(frozen=True)
class ExtraPage:
    """A page a type publishes besides its items and list (with its JSON copy)."""

    url: str
    template: str
    title: str
    trail: list[tuple[str, str]]  # breadcrumbs after "home": (title, url)
    json: dict[str, Any]  # the page's own data in its JSON copy
    context: dict[str, Any] = field(default_factory=dict)  # what else the template reads


@dataclass(frozen=True)
class HomeBlock:
    """A section of the home page a type contributes: a template and its data."""

    order: int
    template: str
    data: dict[str, Any]


@dataclass
class Site:
    """The whole site as phase 1 leaves it: read by every page, feed and JSON file.

    `items` is fixed at construction; the model stage then gives each item its URL,
    dates, visibility and view, and calls `reorder()` whenever the list order may have
    changed (visibility, views).
    """

    config: SiteConfig
    site_dir: Path
    now: datetime
    kinds: list[ContentType]
    items: list[Item]
    files: set[str] = field(default_factory=set)
    known_urls: set[str] = field(default_factory=set)
    broken_sources: dict[str, str] = field(default_factory=dict)  # rel -> URL it would have
    histories: dict[str, FileHistory] = field(default_factory=dict)  # git, by source path
    _collections: dict[str, list[Item]] = field(default_factory=dict, repr=False)
    # The live preview's feed entries, kept between its builds (None: a clean build).
    feed_memo: EntryMemo | None = field(default=None, repr=False)

    @property
    def language(self) -> str:
        return self.config.language

    @cached_property
    def t(self) -> Translator:
        # Asked for on every page (breadcrumbs, labels): built once, not per call.
        return Translator(self.language, self.kinds)

    @cached_property
    def today(self) -> date:
        # Asked for by every item (dates ahead, visibility): `now` is fixed for a build.
        return self.now.astimezone(self.config.zone).date()

    # -- indexes ------------------------------------------------------------------------
    @cached_property
    def _kinds_by_name(self) -> dict[str, ContentType]:
        return {k.name: k for k in self.kinds}

    @cached_property
    def _items_by_kind(self) -> dict[str, list[Item]]:
        found: dict[str, list[Item]] = {k.name: [] for k in self.kinds}
        for item in self.items:
            found.setdefault(item.kind.name, []).append(item)
        return found

    @cached_property
    def _items_by_id(self) -> dict[tuple[str, str], Item]:
        found: dict[tuple[str, str], Item] = {}
        for item in self.items:  # the first of two with one slug: that is an error anyway
            found.setdefault((item.kind.name, item.slug), item)
        return found

    def kind(self, name: str) -> ContentType | None:
        return self._kinds_by_name.get(name)

    def of_kind(self, name: str) -> list[Item]:
        """Every item of a type, drafts included, in the order the files were read."""
        return self._items_by_kind.get(name, [])

    def get(self, name: str, slug: str) -> Item | None:
        return self._items_by_id.get((name, slug))

    def by_url(self, url: str) -> Item | None:
        """The item published (or to be published) at an address."""
        return self._items_by_url.get(url)

    @cached_property
    def _items_by_url(self) -> dict[str, Item]:
        # Asked for only once URLs are assigned (the model stage's first step).
        found: dict[str, Item] = {}
        for item in self.items:
            found.setdefault(item.url, item)
        return found

    def collection(self, name: str) -> list[Item]:
        """Published items of a type, in the type's list order (kept until `reorder`)."""
        cached = self._collections.get(name)
        if cached is not None:
            return cached
        kind = self.kind(name)
        if kind is None:
            return []
        chosen = sorted((i for i in self.of_kind(name) if i.visible), key=kind.sort_key)
        self._collections[name] = chosen
        return chosen

    def reorder(self) -> None:
        """Forget the list orders: visibility or views (which types sort by) changed."""
        self._collections.clear()

    def visible_items(self) -> Iterator[Item]:
        return (i for i in self.items if i.visible)

    @cached_property
    def updated(self) -> date:
        """The newest change in the content: stamps feeds and catalogues without the clock.

        Read only by the render stage, when the model is final; every list page, feed and
        catalogue asks, so it is computed once.
        """
        dates = [i.updated for i in self.visible_items()]
        return max(dates) if dates else date(1970, 1, 1)
