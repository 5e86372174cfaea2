"""Russian (and English) dates, numbers and plurals through Babel, and the UI strings."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from glasnost.i18n import UI, Translator
from glasnost.types import all_types
from tests.conftest import BuildRun
from tests.support import REPO_ROOT

NBSP = ("\u00a0", "\u202f")  # no-break spaces Babel puts in dates and numbers


def plain(text: str) -> str:
    for space in NBSP:
        text = text.replace(space, " ")
    return text


@pytest.fixture(scope="module")
def ru() -> Translator:
    return Translator("ru")


@pytest.fixture(scope="module")
def en() -> Translator:
    return Translator("en")


def test_russian_date(ru: Translator) -> None:
    text = ru.date(date(2020, 8, 20))
    assert plain(text) == "20 августа 2020 г."
    assert text[-3] in NBSP, "«г.» must not wrap away from the year"
    assert plain(ru.date(date(2022, 3, 1))) == "1 марта 2022 г."
    assert ru.date(date(2020, 8, 20), "short") == "20.08.2020"
    assert ru.date(None) == ""


def test_russian_datetime_and_time(ru: Translator) -> None:
    moment = datetime(2026, 12, 15, 9, 5)
    assert plain(ru.datetime(moment)) == "15 декабря 2026 г., 09:05"
    assert ru.time(moment) == "09:05"


def test_russian_numbers(ru: Translator) -> None:
    assert plain(ru.number(1234567)) == "1 234 567"
    assert ru.number(1234567)[1] in NBSP, "thousands are grouped with a no-break space"
    assert ru.number(10.8, 1) == "10,8"
    assert plain(ru.number(5942.0, 0)) == "5 942"
    assert ru.number(0.5, 2) == "0,50"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 обращение"),
        (2, "2 обращения"),
        (4, "4 обращения"),
        (5, "5 обращений"),
        (11, "11 обращений"),
        (12, "12 обращений"),
        (21, "21 обращение"),
        (22, "22 обращения"),
        (0, "0 обращений"),
        (111, "111 обращений"),
        (1001, "1 001 обращение"),
    ],
)
def test_russian_plurals(ru: Translator, count: int, expected: str) -> None:
    assert plain(ru.plural(count, "обращение|обращения|обращений")) == expected


def test_russian_plural_of_a_phrase(ru: Translator) -> None:
    forms = "набор данных|набора данных|наборов данных"
    assert ru.plural(7, forms) == "7 наборов данных"
    assert ru.plural(1, forms) == "1 набор данных"
    assert ru.plural(3, forms) == "3 набора данных"


def test_english_forms(en: Translator) -> None:
    assert en.date(date(2020, 8, 20)) == "August 20, 2020"
    assert en.number(1234567.5) == "1,234,567.5"
    assert en.number(10.8, 1) == "10.8"
    assert en.plural(1, "request|requests") == "1 request"
    assert en.plural(2, "request|requests") == "2 requests"
    assert en.plural(0, "request|requests") == "0 requests"
    assert en.plural(7, "data set|data sets") == "7 data sets"
    assert en("skip") == "Skip to content"
    assert en("page_n", n=2, total=5) == "Page 2 of 5"


def test_ui_strings(ru: Translator) -> None:
    assert ru("skip") == "Перейти к содержанию"
    assert ru("a11y_mode") == "Версия для слабовидящих"
    assert ru("page_n", n=1, total=3) == "Страница 1 из 3"
    for key, (russian, english) in UI.items():
        assert russian.strip() and english.strip(), key
        assert re.findall(r"{\w+}", russian) == re.findall(r"{\w+}", english), key


def test_menu_words(ru: Translator, en: Translator) -> None:
    assert [ru(k) for k in ("home", "search", "contacts")] == ["Главная", "Поиск", "Контакты"]
    assert [en(k) for k in ("home", "search", "contacts")] == ["Home", "Search", "Contacts"]


def test_every_template_string_exists() -> None:
    """Each t("key") in the engine's templates has Russian and English text."""
    strings = Translator("ru", all_types()).strings
    used: dict[str, str] = {}
    for template in sorted((REPO_ROOT / "templates").rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for key in re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']\s*[,)]""", text):
            used.setdefault(key, template.relative_to(REPO_ROOT).as_posix())
    missing = {key: where for key, where in used.items() if key not in strings}
    assert not missing, missing


def test_pages_speak_the_site_language(
    make_site: Callable[..., Path], run_build: Callable[..., BuildRun]
) -> None:
    """`language: en` gives English pages (UI, dates); Russian is the default."""
    news = {
        "content/news/first.md": """
            ---
            title: First news
            date: 2020-08-20
            ---
            Text.
            """,
    }
    config = "title: Test Town\nbase_url: https://test.example.org/\nlanguage: en\n"
    result = run_build(make_site(news, config=config))
    assert result.code == 0, result.stderr
    page = result.read("news/first/index.html")
    assert '<html lang="en"' in page
    for text in ("Skip to content", "Accessible version", "August 20, 2020", "Main menu"):
        assert text in page, text
    assert "Перейти" not in page and "Версия для слабовидящих" not in page
    search = result.read("search/index.html")
    assert 'data-none="Nothing found.' in search and "Search the site" in search
