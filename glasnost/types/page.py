"""Plain pages (about, contacts, ...): content/pages/SLUG.md, published at /SLUG/."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from glasnost.types.base import ContentModel, ContentType, Item

if TYPE_CHECKING:
    from glasnost.site import Site


class PageFields(ContentModel):
    date: dt.date | None = Field(None, description="Дата публикации (необязательно)")
    summary: str | None = Field(None, description="Краткое описание (Markdown)")
    draft: bool = Field(False, description="Черновик: не публикуется")
    publish_at: datetime | None = Field(None, description="Не публиковать раньше этого момента")
    order: int = Field(100, description="Порядок в списке страниц")
    menu: bool = Field(False, description="Показать страницу в главном меню")
    menu_order: int | None = Field(
        None,
        description="Место в главном меню: Главная 10, Новости 20, Планы 30, Отчёты 40, "
        "Встречи 50, Открытые данные 60, Поиск 70, Контакты 80; по умолчанию — перед Поиском",
    )


def publishable(draft: bool, publish_at: datetime | None, now: datetime, site: Site) -> bool:
    if draft:
        return False
    if publish_at is None:
        return True
    moment = publish_at if publish_at.tzinfo else publish_at.replace(tzinfo=site.config.zone)
    return moment <= now


class PageType(ContentType):
    name = "page"
    folder = "pages"
    model = PageFields
    url_prefix = "/pages/"
    template = "page.html"
    titles: ClassVar[dict[str, tuple[str, str]]] = {
        "ru": ("Страница", "Страницы"),
        "en": ("Page", "Pages"),
    }
    in_feeds = False
    starter = (
        "---\ntitle: {title}\npublished: {today}\nsummary: Кратко о странице.\n"
        "# menu: true        # уберите «#», чтобы страница появилась в главном меню\n"
        "# menu_order: 65    # место в меню: Главная 10, Новости 20, ..., Контакты 80\n"
        "---\n\nТекст страницы.\n"
    )

    def item_url(self, slug: str, site: Site) -> str:
        return f"/{slug}/"

    def declared_dates(self, item: Item) -> tuple[date | None, date | None]:
        # `date` is the date of posting, as on news (the content contract allows it).
        return item.data.published or item.data.date, item.data.updated

    def is_visible(self, item: Item, site: Site) -> bool:
        return publishable(item.data.draft, item.data.publish_at, site.now, site)

    def sort_key(self, item: Item) -> tuple[int, str]:
        return (item.data.order, item.title)
