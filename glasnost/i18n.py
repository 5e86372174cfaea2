"""UI strings and Russian/English dates, numbers and plurals (through Babel)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date as Date  # aliased: Translator has methods date and datetime
from datetime import datetime as DateTime
from typing import TYPE_CHECKING, TypeVar

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal

if TYPE_CHECKING:
    from glasnost.types.base import ContentType

T = TypeVar("T")


def choose(pair: tuple[T, T], language: str) -> T:
    """The one place a (Russian, English) pair is resolved: every catalogue, message and
    label is such a pair. Any language but English reads Russian (the site's default)."""
    ru, en = pair
    return en if language == "en" else ru


UI: dict[str, tuple[str, str]] = {
    "home": ("Главная", "Home"),
    "search": ("Поиск", "Search"),
    "contacts": ("Контакты", "Contacts"),
    "skip": ("Перейти к содержанию", "Skip to content"),
    "menu": ("Основное меню", "Main menu"),
    "breadcrumbs": ("Навигационная цепочка", "Breadcrumbs"),
    "published": ("Опубликовано", "Published"),
    "updated": ("Изменено", "Updated"),
    "address": ("Адрес", "Address"),
    "phone": ("Телефон", "Phone"),
    "email": ("Эл. почта", "E-mail"),
    "pages": ("Страницы", "Pages"),
    "page_n": ("Страница {n} из {total}", "Page {n} of {total}"),
    "prev": ("Назад", "Previous"),
    "next": ("Дальше", "Next"),
    "pagination": ("Страницы списка", "List pages"),
    "nothing": ("Пока ничего не опубликовано.", "Nothing has been published yet."),
    "all": ("Все материалы", "All items"),
    "feeds": ("Ленты новостей (RSS, Atom)", "Feeds (RSS, Atom)"),
    "data_json": ("Данные в JSON", "Data as JSON"),
    "not_found": ("Страница не найдена", "Page not found"),
    "not_found_text": (
        "Такой страницы на сайте нет. Возможно, она была перемещена. "
        "Начните с главной страницы или воспользуйтесь поиском.",
        "There is no such page. It may have moved. Start from the home page or use the search.",
    ),
    "a11y_mode": ("Версия для слабовидящих", "Accessible version"),
    "a11y_settings": ("Настройки версии для слабовидящих", "Accessibility settings"),
    "font_size": ("Размер шрифта", "Font size"),
    "colors": ("Цвета сайта", "Colours"),
    "spacing": ("Интервал между буквами", "Letter spacing"),
    "images": ("Изображения", "Images"),
    "normal": ("Обычный", "Normal"),
    "large": ("Крупный", "Large"),
    "larger": ("Очень крупный", "Larger"),
    "scheme_normal": ("Обычные", "Standard"),
    "scheme_bw": ("Чёрным по белому", "Black on white"),
    "scheme_wb": ("Белым по чёрному", "White on black"),
    "scheme_blue": ("Тёмно-синим по голубому", "Dark blue on light blue"),
    "wide": ("Увеличенный", "Wide"),
    "wider": ("Большой", "Wider"),
    "on": ("Показывать", "Show"),
    "off": ("Скрыть", "Hide"),
    "reset": ("Обычная версия сайта", "Standard version"),
    "official_site": ("Официальный сайт", "Official site"),
    "search_label": ("Что найти на сайте", "Search the site"),
    "search_hint": (
        "Можно писать слова в любой форме: «опросов» найдёт и «опрос».",
        "Any word form works: “surveys” also finds “survey”.",
    ),
    "search_nojs": (
        "Поиск работает с включённым JavaScript. "
        "Без него воспользуйтесь меню разделов или картой сайта.",
        "Search needs JavaScript. Without it, use the section menu or the sitemap.",
    ),
    "search_results": ("Результаты поиска", "Search results"),
    "search_none": (
        "Ничего не найдено. Попробуйте другие слова.",
        "Nothing found. Try other words.",
    ),
    "search_found": ("Найдено страниц: {n}", "Pages found: {n}"),
    "search_fail": (
        "Поиск сейчас недоступен. Воспользуйтесь меню разделов или картой сайта.",
        "Search is unavailable. Use the section menu or the sitemap.",
    ),
    "search_loading": ("Идёт поиск…", "Searching…"),
    "search_more": ("Показать ещё", "Show more"),
    "search_item": ("пункт", "item"),
    "sitemap": ("Карта сайта", "Sitemap"),
    "latest": ("Последние материалы", "Latest"),
    "more": ("Все материалы раздела", "More in this section"),
    "serve_error": ("Сборка остановлена: исправьте ошибки", "The build stopped: fix these errors"),
    "footer_note": (
        "Официальный сайт. Материалы публикуются в открытом доступе.",
        "Official site. Materials are published openly.",
    ),
    "dates_legend": ("Даты размещения и изменения", "Dates of posting and change"),
    "summary": ("Кратко", "Summary"),
}


class Translator:
    """Everything language-dependent that templates and outputs need."""

    def __init__(self, language: str, kinds: Iterable[ContentType] = ()) -> None:
        self.language = language
        self.locale = Locale.parse(language)
        self.strings = dict(UI)
        for kind in kinds:
            self.strings.update(kind.ui)

    def __call__(self, key: str, **params: object) -> str:
        text = self.pick(self.strings[key])
        return text.format(**params) if params else text

    def pick(self, pair: tuple[T, T]) -> T:
        """A (Russian, English) pair from a type's own table (labels of kinds, statuses)."""
        return choose(pair, self.language)

    def date(self, value: Date | None, fmt: str = "long") -> str:
        if value is None:
            return ""
        return format_date(value, fmt, locale=self.locale)

    def datetime(self, value: DateTime, fmt: str = "long") -> str:
        day = format_date(value, fmt, locale=self.locale)
        return f"{day}, {format_time(value, 'HH:mm', locale=self.locale)}"

    def time(self, value: DateTime) -> str:
        return format_time(value, "HH:mm", locale=self.locale)

    def iso_datetime(self, value: DateTime) -> str:
        return format_datetime(value, "yyyy-MM-dd'T'HH:mm:ssxxx", locale="en")

    def number(self, value: float | int, decimals: int | None = None) -> str:
        if decimals is not None:
            pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
            return format_decimal(value, format=pattern, locale=self.locale)
        return format_decimal(value, locale=self.locale)

    def plural(self, count: int, forms: str) -> str:
        """'1 обращение', '2 обращения', '5 обращений': forms 'one|few|many' (en: 'one|other')."""
        variants = forms.split("|")
        category = self.locale.plural_form(count)
        # English has the forms one|other; Russian one|few|many, where "other" (fractions:
        # 1,5 процента) takes the genitive singular, the "few" form.
        order = self.pick(({"one": 0, "few": 1, "many": 2, "other": 1}, {"one": 0}))
        index = order.get(category, len(variants) - 1)
        word = variants[min(index, len(variants) - 1)]
        return f"{self.number(count)} {word}"
