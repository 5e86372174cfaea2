"""Links a press secretary writes in Markdown: each way of writing a link to a page of
the site reaches it, and a link to a draft or to a page outside the site is an error
naming the file and the line (glasnost/links.py, found untested by `make mutation`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.html import html_doc
from tests.support.runs import BuildRun

MakeSite = Callable[..., Path]
RunBuild = Callable[..., BuildRun]

CONFIG = "title: Администрация Тестового района\nbase_url: https://test.example.ru/\n"
ABOUT = "---\ntitle: О нас\npublished: 2024-01-10\n---\nТекст.\n"
DRAFT = "---\ntitle: Черновик\ndate: 2024-01-11\ndraft: true\n---\nТекст.\n"
LATER = (
    "---\ntitle: Новость будущего\ndate: 2030-01-01\npublish_at: 2030-01-01T09:00\n---\nТекст.\n"
)


def build_with_link(make_site: MakeSite, run_build: RunBuild, target: str) -> BuildRun:
    page = f"---\ntitle: Ссылки\npublished: 2024-01-10\n---\nТекст.\n\nСм. [раздел]({target}).\n"
    files = {
        "content/pages/links.md": page,
        "content/pages/about.md": ABOUT,
        "content/news/chernovik.md": DRAFT,
        "content/news/pozzhe.md": LATER,
    }
    return run_build(make_site(files, CONFIG))


@pytest.mark.parametrize(
    ("target", "href"),
    [
        ("/about/", "/about/"),
        ("/about", "/about/"),  # the slash a page address ends with, forgotten
        ("/about/index.html", "/about/"),
        ("about/", "/about/"),  # a site path written without its first slash
        ("about.md", "/about/"),  # the source file, beside this one
        ("../pages/about.md", "/about/"),
        ("/about/#kontakty", "/about/#kontakty"),
        ("/about/?versiya=2#kontakty", "/about/?versiya=2#kontakty"),
        ("about/#kontakty", "/about/#kontakty"),
        ("about", "/about/"),
        ("about/index.html", "/about/"),
        ("about.md#kontakty", "/about/#kontakty"),
        ("./about.md", "/about/"),
        ("pages/about.md", "/about/"),  # from the content folder
        # Not ours to check: other sites, this very page.
        ("//example.org/about", "//example.org/about"),
        ("https://example.org/about/", "https://example.org/about/"),
        ("#kontakty", "#kontakty"),
        ("?versiya=2", "?versiya=2"),
    ],
)
def test_every_way_of_writing_a_link_to_a_page_reaches_it(
    make_site: MakeSite, run_build: RunBuild, target: str, href: str
) -> None:
    run = build_with_link(make_site, run_build, target)
    assert run.code == 0, run.stderr
    assert html_doc(run, "/links/").xpath("//main//a[text()='раздел']/@href") == [href]


@pytest.mark.parametrize(
    "target",
    [
        "/news/chernovik/",
        "/news/chernovik",
        "/news/chernovik/index.html",
        "../news/chernovik.md",
        "news/chernovik.md",  # from the content folder
        "news/chernovik/",  # a site path without its first slash
        "/news/pozzhe/",  # published only from 2030
    ],
)
def test_a_link_to_a_draft_or_a_later_item_is_an_error_at_its_line(
    make_site: MakeSite, run_build: RunBuild, target: str
) -> None:
    run = build_with_link(make_site, run_build, target)
    assert run.code == 1
    assert not run.out.exists()
    assert (
        "content/pages/links.md:7: ошибка: ссылка на неопубликованный материал "
        f"(черновик или ещё не наступила дата): {target}" in run.stderr
    )


@pytest.mark.parametrize("target", ["/net-takoy/", "net-takoy.md", "/about/net.html"])
def test_a_link_to_nothing_is_an_error_at_its_line(
    make_site: MakeSite, run_build: RunBuild, target: str
) -> None:
    run = build_with_link(make_site, run_build, target)
    assert run.code == 1
    assert (
        f"content/pages/links.md:7: ошибка: ссылка на несуществующую страницу или файл: {target}"
        in run.stderr
    )


@pytest.mark.parametrize(
    "target", ["../../site_config.yaml", "/../../etc/passwd", "a/../../../site_config.yaml"]
)
def test_a_link_out_of_the_site_is_an_error(
    make_site: MakeSite, run_build: RunBuild, target: str
) -> None:
    run = build_with_link(make_site, run_build, target)
    assert run.code == 1
    assert f"content/pages/links.md:7: ошибка: путь выходит за пределы сайта: {target}" in (
        run.stderr
    )
