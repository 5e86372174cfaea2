"""What every content type is: its model, rules, URLs, templates and extra outputs.

A type is a subclass of ContentType with class attributes that declare it and methods
whose defaults suit a simple Markdown item. Adding a type is adding one module here
and its templates, then naming it in glasnost/types/__init__.py.

The order of the hooks (one build; "item" hooks run for every item, drafts included):

phase 1, load and check (glasnost/pipeline.py, glasnost/model.py)
 1. `slug_of(source, data)`        the item's slug, once its file is validated
 2. `item_url(slug, site)`         its address; then `declared_dates(item)` and git give
                                   `item.published` / `item.updated`
 3. `is_visible(item, site)`       drafts and items not yet due are checked, not published
 4. `prepare(item, site, diag)`    returns the item's view (`item.view`): everything the
                                   type derives (deadlines, timing, joins with other items'
                                   fields, the data set's layout). Runs once; reads other
                                   items' fields, URLs, dates and visibility, never their
                                   views. Reports only what deriving the view finds (a data
                                   file that cannot be read, say)
 5. `check(item, site, diag)`      the type's rules, read from the fields and the view;
                                   reports through diag and changes nothing
 6. `published_urls(site)`         addresses the type publishes besides its item and list
                                   pages, so that content may link to them
 7. `markdown_fields(item)`        Markdown to render and link-check (into `item.html`)

phase 2, render and write (glasnost/render.py), only when phase 1 found no error; these
hooks read the model and never change it:
    `sort_key`, `page_context`, `computed` (the JSON copy: the view's dump),
    `feed_entries`, `home_block`, `extra_pages`, `extra_outputs`, `search_text`, and
    `report` for `build.py check`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from glasnost.diagnostics import Message
from glasnost.feeds import default_entry
from glasnost.site import ExtraPage as ExtraPage
from glasnost.site import FeedEntry as FeedEntry
from glasnost.site import HomeBlock as HomeBlock
from glasnost.site import Item as Item
from glasnost.site import MarkdownField as MarkdownField
from glasnost.site import OutputFile as OutputFile
from glasnost.sourcefile import SourceFile
from glasnost.validate import IdText

if TYPE_CHECKING:
    from glasnost.diagnostics import Diagnostics
    from glasnost.site import Site


class ContentModel(BaseModel):
    """Fields every item may carry. Unknown keys are errors, numbers may stand for text."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)

    title: str = Field(min_length=1, description="Заголовок")
    slug: IdText | None = Field(None, description="Адрес (латиница); по умолчанию имя файла")
    published: date | None = Field(None, description="Дата первой публикации")
    updated: date | None = Field(None, description="Дата последнего изменения")


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
    # Place in the default menu (smaller first), None: not in the menu. The menu links a
    # type's list page once it has a published item.
    nav_order: ClassVar[int | None] = None
    starter: ClassVar[str] = "---\ntitle: {title}\n---\n\nТекст.\n"

    def starter_text(self, title: str, today: date, slug: str) -> str:
        """The file `build.py new` writes: the starter with its placeholders filled in."""
        return self.starter.format(title=title, today=today.isoformat(), slug=slug)

    # -- identity and addresses -------------------------------------------------------
    def title_one(self, language: str) -> str:
        return self.titles[language][0]

    def title_many(self, language: str) -> str:
        return self.titles[language][1]

    def name_in_path(self, path: Path) -> str:
        """What `*` stands for in the file's path: `x` of `x.md`, or of `x/dataset.yaml`."""
        segments = self.pattern.split("/")
        star = next(i for i, s in enumerate(segments) if "*" in s)
        part = path.parts[len(path.parts) - len(segments) + star]
        prefix, suffix = segments[star].split("*", 1)
        return part.removeprefix(prefix).removesuffix(suffix)

    def source_path(self, name: str) -> str:
        """The file of a new item named `name`, relative to the type's folder."""
        return self.pattern.replace("*", name, 1)

    def slug_of(self, source: SourceFile, data: Any) -> str:
        from glasnost.slugs import slug_from_filename

        explicit = getattr(data, "slug", None)
        if explicit:
            return str(explicit)
        return slug_from_filename(self.name_in_path(source.path))

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

    def prepare(self, item: Item, site: Site, diag: Diagnostics) -> Any:
        """The item's view: what pages and JSON show beyond the fields (see the order)."""
        return None

    def check(self, item: Item, site: Site, diag: Diagnostics) -> None:
        """Rules that need more than the item's own fields; report through diag."""

    def published_urls(self, site: Site) -> set[str]:
        """Addresses published besides item and list pages (calendars, data files...)."""
        return set()

    def sort_key(self, item: Item) -> Any:
        """Order on the list page: newest first by default."""
        return (-item.published.toordinal(), item.slug)

    # -- phase 2 ------------------------------------------------------------------------
    def computed(self, item: Item, site: Site) -> dict[str, Any]:
        """The JSON copy's `computed`: the view's dump (its schema: computed_model)."""
        view = item.view
        return view.model_dump(mode="json") if isinstance(view, BaseModel) else {}

    def page_context(self, item: Item, site: Site) -> dict[str, Any]:
        return {}

    def feed_entries(self, item: Item, site: Site) -> Iterable[FeedEntry]:
        yield default_entry(item, site)

    def home_block(self, site: Site) -> HomeBlock | None:
        return None

    def extra_outputs(self, site: Site) -> Iterable[OutputFile]:
        return ()

    def extra_pages(self, site: Site) -> Iterable[ExtraPage]:
        return ()

    def search_text(self, item: Item) -> str:
        return ""

    def report(self, site: Site, language: str) -> str | None:
        """A plain-text report for `build.py check` (open-data compliance, say)."""
        return None
