"""The main menu: pages join it from their front matter, the config adds and hides items
without restating the menu, and `nav:` still replaces the built-in sections."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import BuildRun
from tests.support.html import css, html_doc, text_of

CONFIG = "title: Тестовый сайт\nbase_url: https://test.example.ru/\n"
NEWS = """\
---
title: Новость
date: 2026-11-01
---
Текст.
"""


def page(title: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\npublished: 2026-11-01\n{extra}---\nТекст.\n"


def menu_of(run: BuildRun, url: str = "/") -> list[tuple[str, str]]:
    return [(text_of(a), a.get("href")) for a in css(html_doc(run, url), "nav.main-nav a")]


def build(
    run_build: Callable[..., BuildRun],
    make_site: Callable[..., Path],
    files: dict[str, str],
    config: str = CONFIG,
) -> BuildRun:
    run = run_build(make_site({"content/news/n.md": NEWS, **files}, config))
    assert run.code == 0, run.stderr
    return run


def test_without_menu_settings_the_menu_is_the_sections(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    run = build(run_build, make_site, {"content/pages/about.md": page("О поселении")})
    assert menu_of(run) == [("Главная", "/"), ("Новости", "/news/"), ("Поиск", "/search/")]


def test_a_page_joins_the_menu_before_search_or_at_its_place(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    run = build(
        run_build,
        make_site,
        {
            "content/pages/about.md": page("О поселении", "menu: true\n"),
            "content/pages/budget.md": page("Бюджет", "menu: true\nmenu_order: 15\n"),
            "content/pages/history.md": page("История", "menu: true\nmenu_order: 200\n"),
            "content/pages/draft.md": page("Черновик", "menu: true\ndraft: true\n"),
            "content/pages/contacts.md": page("Контакты"),
        },
    )
    assert menu_of(run) == [
        ("Главная", "/"),
        ("Бюджет", "/budget/"),  # 15: between Главная (10) and Новости (20)
        ("Новости", "/news/"),
        ("О поселении", "/about/"),  # no menu_order: 65, before Поиск (70)
        ("Поиск", "/search/"),
        ("Контакты", "/contacts/"),
        ("История", "/history/"),  # 200: after everything
    ]
    # The page the menu leads to marks itself as the current one.
    current = css(html_doc(run, "/about/"), "nav.main-nav a")
    assert [a.get("href") for a in current if a.get("aria-current") == "page"] == ["/about/"]


def test_the_contacts_page_in_the_menu_moves_rather_than_repeats(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    run = build(
        run_build,
        make_site,
        {"content/pages/contacts.md": page("Как нас найти", "menu: true\nmenu_order: 5\n")},
    )
    assert menu_of(run) == [
        ("Как нас найти", "/contacts/"),
        ("Главная", "/"),
        ("Новости", "/news/"),
        ("Поиск", "/search/"),
    ]


def test_config_adds_and_hides_items_without_restating_the_menu(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    config = CONFIG + (
        "menu:\n"
        "  add:\n"
        "    - {title: Бюджет для граждан, url: /files/budget.pdf, order: 25}\n"
        '    - {title: Госуслуги, url: "https://www.gosuslugi.ru/"}\n'
        "  hide: [/search/]\n"
    )
    run = build(run_build, make_site, {"content/files/budget.pdf": "%PDF-1.4\n"}, config)
    assert menu_of(run) == [
        ("Главная", "/"),
        ("Новости", "/news/"),
        ("Бюджет для граждан", "/files/budget.pdf"),
        ("Госуслуги", "https://www.gosuslugi.ru/"),
    ]


def test_nav_still_replaces_the_sections_and_pages_still_join(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    config = (
        CONFIG + "nav:\n  - {title: Планы, url: /plans/}\n  - {title: Все новости, url: /news/}\n"
    )
    run = build(run_build, make_site, {}, config)
    assert menu_of(run) == [("Планы", "/plans/"), ("Все новости", "/news/")]
    joined = build(
        run_build, make_site, {"content/pages/about.md": page("О нас", "menu: true\n")}, config
    )
    assert menu_of(joined)[-1] == ("О нас", "/about/")


def test_a_menu_address_that_could_run_script_is_an_error_with_its_line(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    config = CONFIG + (
        "menu:\n"
        "  add:\n"
        '    - {title: Нажми, url: "javascript:alert(1)"}\n'
        '    - {title: Чужой, url: "//evil.example/"}\n'
        "  hide: [search]\n"
    )
    run = run_build(make_site({"content/news/n.md": NEWS}, config))
    assert run.code == 1
    assert (
        "site_config.yaml:5: ошибка: поле «menu.add[1].url»: «javascript:alert(1)» — "
        "не адрес страницы [G170]"
    ) in run.stderr
    assert "site_config.yaml:6: ошибка: поле «menu.add[2].url»" in run.stderr
    assert "site_config.yaml:7: ошибка: поле «menu.hide[1]»: «search»" in run.stderr
    assert not run.out.exists()


def test_a_misspelt_menu_key_is_named(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    config = CONFIG + "menu:\n  hidden: [/search/]\n"
    run = run_build(make_site({"content/news/n.md": NEWS}, config))
    assert run.code == 1
    assert "site_config.yaml:4: ошибка: неизвестное поле «menu.hidden»" in run.stderr
    wrong = run_build(make_site({"content/pages/a.md": page("А", "menu: да\n")}, CONFIG), "check")
    assert wrong.code == 1
    assert "content/pages/a.md:4: ошибка: поле «menu»" in wrong.stderr


def test_a_menu_item_leading_nowhere_or_a_hide_matching_nothing_is_a_warning(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    config = CONFIG + (
        "menu:\n"
        "  add:\n"
        "    - {title: Бюджет, url: /pages/budget/}\n"
        "    - {title: О нас, url: /about/#history}\n"
        "  hide: [/serch/, /news/]\n"
    )
    run = run_build(
        make_site({"content/news/n.md": NEWS, "content/pages/about.md": page("О нас")}, config)
    )
    assert run.code == 0, run.stderr
    assert (
        "site_config.yaml:5: предупреждение: пункт меню «Бюджет» ведёт на /pages/budget/, "
        "но такой страницы на сайте нет [G171]"
    ) in run.stderr
    assert "«О нас»" not in run.stderr  # a page of the site, with an anchor
    assert (
        "site_config.yaml:7: предупреждение: в menu.hide адрес /serch/, "
        "но такого пункта в меню нет [G172]"
    ) in run.stderr
    assert "/news/, но" not in run.stderr
    assert ("Новости", "/news/") not in menu_of(run)
