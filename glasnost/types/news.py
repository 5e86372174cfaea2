"""News items: content/news/SLUG.md, dated, published at /news/SLUG/."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from glasnost.types.base import ContentModel, ContentType, HomeBlock, Item
from glasnost.types.page import publishable

if TYPE_CHECKING:
    from glasnost.site import Site


class NewsFields(ContentModel):
    date: dt.date = Field(description="Дата новости")
    summary: str | None = Field(None, description="Анонс (Markdown)")
    draft: bool = Field(False, description="Черновик: не публикуется")
    publish_at: dt.datetime | None = Field(None, description="Не публиковать раньше этого момента")


class NewsType(ContentType):
    name = "news"
    folder = "news"
    model = NewsFields
    url_prefix = "/news/"
    nav_order = 20
    template = "news.html"
    titles: ClassVar[dict[str, tuple[str, str]]] = {
        "ru": ("Новость", "Новости"),
        "en": ("News item", "News"),
    }
    starter = (
        "---\ntitle: {title}\ndate: {today}\nsummary: Анонс в одно предложение.\n---\n\n"
        "Текст новости.\n"
    )

    def declared_dates(self, item: Item) -> tuple[dt.date | None, dt.date | None]:
        return item.data.published or item.data.date, item.data.updated

    def is_visible(self, item: Item, site: Site) -> bool:
        return publishable(item.data.draft, item.data.publish_at, site.now, site)

    def sort_key(self, item: Item) -> tuple[int, str]:
        return (-item.data.date.toordinal(), item.slug)

    def home_block(self, site: Site) -> HomeBlock | None:
        latest = site.collection(self.name)[:5]
        return HomeBlock(20, "home/news.html", {"items": latest}) if latest else None
