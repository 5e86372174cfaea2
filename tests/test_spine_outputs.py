"""End-to-end: build a small site (pages and news) and check every file it publishes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest

from glasnost.types import all_types
from tests.conftest import BuildRun
from tests.fixtures.spine.checks import (
    BASIC,
    all_envelope_problems,
    broken_links,
    feed_problems,
    html_pages,
    index_pages,
    json_alternate,
    json_problems,
    text_of,
)
from tests.support.sites import SiteBuilds, site_builds  # noqa: F401 - pytest fixture
from tests.support.vnu import vnu_errors

BASE = "https://test.example.ru/"
PUBLISHED = {"page/about", "page/contacts", "news/plan-utverzhden", "news/priem-grazhdan-v-avguste"}
UNPUBLISHED = {"chernovik": "Черновик новости", "budushchaya": "Новость, которая выйдет позже"}


@pytest.fixture
def basic(site_builds: SiteBuilds) -> BuildRun:
    """tests/fixtures/spine/basic, built once per session (with its search index)."""
    return site_builds("basic")


def test_build_reports_success_and_no_warnings(basic: BuildRun) -> None:
    assert "Готово: записано файлов:" in basic.stderr
    assert "предупреждений: 0" in basic.stderr, basic.stderr


def test_every_page_links_its_json_copy(basic: BuildRun) -> None:
    problems = []
    for page in index_pages(basic.out):
        rel = page.relative_to(basic.out).as_posix()
        expected = "/" + rel.removesuffix("index.html") + "index.json"
        if json_alternate(page) != expected:
            problems.append(
                f"{rel}: alternate JSON link {json_alternate(page)!r}, expected {expected!r}"
            )
        elif not (page.parent / "index.json").is_file():
            problems.append(f"{rel}: {expected} does not exist")
    assert problems == []
    assert len(index_pages(basic.out)) >= 8  # home, 2 pages, 2 news, lists, search


def test_json_copies_validate_against_the_published_schemas(basic: BuildRun) -> None:
    assert json_problems(basic.out, BASE) == []


def test_every_json_document_and_listed_entry_has_type_id_url_updated(basic: BuildRun) -> None:
    assert all_envelope_problems(basic.out) == []
    copies = [p for p in basic.out.rglob("index.json")]
    assert len(copies) == len(index_pages(basic.out)) + 1  # and /api/v1/index.json


def test_catalogue_lists_every_collection_and_every_published_item(basic: BuildRun) -> None:
    catalogue = basic.json("api/v1/index.json")
    assert [c["type"] for c in catalogue["collections"]] == [k.name for k in all_types()]
    listed = {item["id"] for c in catalogue["collections"] for item in c["items"]}
    assert listed == PUBLISHED
    for collection in catalogue["collections"]:
        for item in collection["items"]:
            assert item["url"].startswith(BASE)
            page = basic.out / item["url"].removeprefix(BASE) / "index.html"
            assert page.is_file(), item["url"]


def test_feeds_parse_cleanly_with_unique_ids_and_absolute_links(basic: BuildRun) -> None:
    assert feed_problems(basic.out, BASE) == []
    rss = feedparser.parse((basic.out / "feed.xml").read_bytes())
    atom = feedparser.parse((basic.out / "atom.xml").read_bytes())
    assert rss.feed.link == BASE  # the channel links the site, not the feed itself
    titles = [e.title for e in rss.entries]
    assert titles == [
        "Приём граждан в августе",
        "Утверждён план мероприятий по взаимодействию с гражданами",
    ]
    assert [e.title for e in atom.entries] == titles
    news = feedparser.parse((basic.out / "news" / "feed.xml").read_bytes())
    assert news.feed.link == BASE + "news/"


def test_sitemap_lists_every_html_page_with_absolute_urls(basic: BuildRun) -> None:
    root = ET.fromstring((basic.out / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text or "" for loc in root.findall("s:url/s:loc", ns)]
    expected = {
        BASE + p.relative_to(basic.out).as_posix().removesuffix("index.html")
        for p in html_pages(basic.out)
        if p.name != "404.html"
    }
    assert set(locs) == expected
    assert len(locs) == len(expected)


def test_robots_txt_and_404_page_exist(basic: BuildRun) -> None:
    assert f"Sitemap: {BASE}sitemap.xml" in basic.read("robots.txt")
    assert "Страница не найдена" in text_of(basic.read("404.html"))


@pytest.mark.vnu
def test_nu_checker_finds_no_errors_in_any_page(basic: BuildRun) -> None:
    assert vnu_errors(html_pages(basic.out)) == []


def test_links_in_pages_point_at_built_files(basic: BuildRun) -> None:
    assert broken_links(basic.out) == []


def test_markdown_links_become_site_paths_and_attachments_are_copied(basic: BuildRun) -> None:
    about = basic.read("about/index.html")
    assert 'href="/news/plan-utverzhden/"' in about  # written as ../news/plan-utverzhden.md
    assert 'href="/files/polozhenie.pdf"' in about  # written as ../files/polozhenie.pdf
    assert 'src="/files/gerb.gif"' in about  # written as files/gerb.gif
    # A file name with spaces and Cyrillic letters becomes a valid (percent-encoded) address.
    assert (
        'href="/files/%D0%9F%D0%BB%D0%B0%D0%BD%20%D0%BD%D0%B0%202020%20%D0%B3%D0%BE%D0%B4.pdf"'
        in about
    )
    for name in ("polozhenie.pdf", "gerb.gif", "План на 2020 год.pdf"):
        assert (basic.out / "files" / name).read_bytes() == (
            BASIC / "content" / "files" / name
        ).read_bytes()


def test_cyrillic_file_name_gives_a_transliterated_address(basic: BuildRun) -> None:
    page = basic.read("news/priem-grazhdan-v-avguste/index.html")
    assert "Приём граждан в августе" in text_of(page)


def test_dates_of_posting_from_front_matter_are_shown_in_russian(basic: BuildRun) -> None:
    about = text_of(basic.read("about/index.html"))
    assert "Опубликовано: 20 августа 2020 г." in about
    assert "Изменено: 15 марта 2021 г." in about
    doc = basic.json("about/index.json")
    assert (doc["published"], doc["updated"]) == ("2020-08-20", "2021-03-15")


def test_drafts_and_future_items_are_published_nowhere(basic: BuildRun) -> None:
    for slug, title in UNPUBLISHED.items():
        assert not (basic.out / "news" / slug).exists()
        for path in basic.out.rglob("*"):
            if path.is_file() and path.suffix in (".html", ".json", ".xml"):
                text = path.read_text(encoding="utf-8")
                assert title not in text and f"/news/{slug}/" not in text, path


def test_future_item_is_published_once_its_time_has_come(
    run_build: Callable[..., BuildRun],
    copy_site: Callable[[Path], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893477600")  # 2030-01-01T09:00+03:00
    run = run_build(copy_site(BASIC))
    assert run.code == 0, run.stderr
    assert "Новость, которая выйдет позже" in text_of(run.read("news/budushchaya/index.html"))
    assert not (run.out / "news" / "chernovik").exists()  # a draft stays a draft


@pytest.mark.parametrize("slug", sorted(UNPUBLISHED))
def test_a_link_to_an_unpublished_item_is_an_error(
    run_build: Callable[..., BuildRun], copy_site: Callable[[Path], Path], slug: str
) -> None:
    site = copy_site(BASIC)
    page = site / "content" / "pages" / "contacts.md"
    page.write_text(
        page.read_text(encoding="utf-8") + f"\nСм. [новость](/news/{slug}/).\n", encoding="utf-8"
    )
    run = run_build(site)
    assert run.code == 1
    assert "content/pages/contacts.md:9: ошибка: ссылка на неопубликованный материал" in run.stderr
    assert not run.out.exists()


def _news(count: int) -> dict[str, str]:
    return {
        f"content/news/n{n:02d}.md": (
            f"---\ntitle: Новость номер {n}\ndate: 2024-01-{n % 28 + 1:02d}\n---\nТекст {n}.\n"
        )
        for n in range(1, count + 1)
    }


def test_45_news_are_paginated_20_20_5_with_prev_and_next(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    run = run_build(make_site(_news(45)))
    assert run.code == 0, run.stderr
    pages = ["news/", "news/page/2/", "news/page/3/"]
    counts = [len(run.json(p + "index.json")["items"]) for p in pages]
    assert counts == [20, 20, 5]
    cards = [run.read(p + "index.html").count('<li class="card">') for p in pages]
    assert cards == [20, 20, 5]
    seen = [i["id"] for p in pages for i in run.json(p + "index.json")["items"]]
    assert len(set(seen)) == 45
    rels = [
        re.findall(r'href="([^"]+)" rel="(prev|next)"', run.read(p + "index.html")) for p in pages
    ]
    assert rels[0] == [("/news/page/2/", "next")]
    assert rels[1] == [("/news/", "prev"), ("/news/page/3/", "next")]
    assert rels[2] == [("/news/page/2/", "prev")]
    assert not (run.out / "news" / "page" / "4").exists()
    assert broken_links(run.out) == []


def test_search_index_is_built(basic: BuildRun) -> None:
    run = basic
    # One bundle per shard (glasnost/search.py), each listed by the search page.
    listed = re.search(r'data-bundles="([^"]+)"', run.read("search/index.html"))
    assert listed, "the search page lists no search bundles"
    for url in listed.group(1).split():
        assert (run.out / url.strip("/") / "pagefind.js").is_file(), url
    assert any((run.out / "pagefind").rglob("*.pf_fragment"))


def test_english_site_has_english_ui_and_dates(
    run_build: Callable[..., BuildRun], copy_site: Callable[[Path], Path]
) -> None:
    site = copy_site(BASIC)
    config = site / "site_config.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("language: ru", "language: en"), encoding="utf-8"
    )
    run = run_build(site)
    assert run.code == 0, run.stderr
    assert "Done:" in run.stderr
    about = run.read("about/index.html")
    assert '<html lang="en"' in about
    words = text_of(about)
    assert "Published: August 20, 2020" in words
    assert "Updated: March 15, 2021" in words
    assert "Home" in words and "Skip to content" in words
    assert "Главная" not in words and "Опубликовано" not in words
    assert run.json("api/v1/index.json")["language"] == "en"
