"""What every content type is: its model, rules, URLs, templates and extra outputs.

A type is a subclass of ContentType with class attributes that declare it and methods
whose defaults suit a simple Markdown item. Adding a type is adding one module here
and its templates, then naming it in glasnost/types/__init__.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from glasnost.diagnostics import Message
from glasnost.sourcefile import SourceFile
from glasnost.validate import IdText

if TYPE_CHECKING:
    from glasnost.diagnostics import Diagnostics
    from glasnost.model import Site


class ContentModel(BaseModel):
    """Fields every item may carry. Unknown keys are errors, numbers may stand for text."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)

    title: str = Field(min_length=1, description="Заголовок")
    slug: IdText | None = Field(None, description="Адрес (латиница); по умолчанию имя файла")
    published: date | None = Field(None, description="Дата первой публикации")
    updated: date | None = Field(None, description="Дата последнего изменения")


@dataclass(frozen=True)
class MarkdownField:
    """A piece of Markdown in an item, rendered and link-checked with the rest."""

    key: str
    text: str
    line: int | None


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
    html: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

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
class HomeBlock:
    """A section of the home page a type contributes: a template and its data."""

    order: int
    template: str
    data: dict[str, Any]


class ContentType:
    """Base of all content types; the defaults describe a Markdown page."""

    name: ClassVar[str]
    folder: ClassVar[str]
    pattern: ClassVar[str] = "*.md"
    model: ClassVar[type[ContentModel]]
    computed_model: ClassVar[type[BaseModel] | None] = None
    url_prefix: ClassVar[str]
    template: ClassVar[str]
    list_template: ClassVar[str] = "list.html"
    titles: ClassVar[dict[str, tuple[str, str]]]  # language -> (one, collection)
    messages: ClassVar[dict[str, Message]] = {}
    ui: ClassVar[dict[str, tuple[str, str]]] = {}  # key -> (ru, en) strings for templates
    in_feeds: ClassVar[bool] = True
    has_list: ClassVar[bool] = True
    starter: ClassVar[str] = "---\ntitle: {title}\n---\n\nТекст.\n"

    def starter_text(self, title: str, today: date, slug: str) -> str:
        """The file `build.py new` writes: the starter with its placeholders filled in."""
        return self.starter.format(title=title, today=today.isoformat(), slug=slug)

    # -- identity and addresses -------------------------------------------------------
    def title_one(self, language: str) -> str:
        return self.titles[language][0]

    def title_many(self, language: str) -> str:
        return self.titles[language][1]

    def slug_of(self, source: SourceFile, data: Any) -> str:
        from glasnost.slugs import slug_from_filename

        explicit = getattr(data, "slug", None)
        if explicit:
            return str(explicit)
        stem = source.path.parent.name if source.path.name == "dataset.yaml" else source.path.stem
        return slug_from_filename(stem)

    def item_url(self, slug: str, site: Site) -> str:
        return f"{self.url_prefix}{slug}/"

    def list_url(self) -> str:
        return self.url_prefix

    # -- phase 1 ------------------------------------------------------------------------
    def declared_dates(self, item: Item) -> tuple[date | None, date | None]:
        """Dates of posting written in the content itself (front matter first)."""
        return item.data.published, item.data.updated

    def is_visible(self, item: Item, site: Site) -> bool:
        """False for drafts and items not yet due: checked, but not published."""
        return True

    def markdown_fields(self, item: Item) -> Iterator[MarkdownField]:
        summary = getattr(item.data, "summary", None)
        if summary:
            yield MarkdownField("summary", summary, item.text_line("summary"))
        if item.source.body.strip():
            yield MarkdownField("body", item.source.body, item.source.body_line)

    def check(self, item: Item, site: Site, diag: Diagnostics) -> None:
        """Rules that need more than the item's own fields; report through diag."""

    def enrich(self, site: Site) -> None:
        """Compute what pages and JSON show beyond the fields (joins, progress...)."""

    def sort_key(self, item: Item) -> Any:
        """Order on the list page: newest first by default."""
        return (-item.published.toordinal(), item.slug)

    # -- phase 2 ------------------------------------------------------------------------
    def computed(self, item: Item, site: Site) -> dict[str, Any]:
        """Computed data published in the JSON copy (shape: computed_model)."""
        return {}

    def page_context(self, item: Item, site: Site) -> dict[str, Any]:
        return {}

    def feed_entries(self, item: Item, site: Site) -> Iterable[FeedEntry]:
        from glasnost.feeds import default_entry

        yield default_entry(item, site)

    def home_block(self, site: Site) -> HomeBlock | None:
        return None

    def extra_outputs(self, site: Site) -> Iterable[OutputFile]:
        return ()

    def extra_pages(self, site: Site) -> Iterable[tuple[str, str, dict[str, Any]]]:
        """Additional HTML pages: (url, template, context)."""
        return ()

    def search_text(self, item: Item) -> str:
        return ""

    def report(self, site: Site, language: str) -> str | None:
        """A plain-text report for `build.py check` (open-data compliance, say)."""
        return None
