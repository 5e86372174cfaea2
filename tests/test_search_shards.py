"""The search index in shards (glasnost/search.py): one Pagefind bundle per content type and
year, all searched at once by /search/, and after an edit only the edited item's shard
indexed again, the others linked from the previous output, the result byte for byte a
clean build.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import textwrap
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from glasnost import search
from glasnost.cache import site_cache_dir
from glasnost.pipeline import BuildOptions, BuildResult, build
from glasnost.search import RECORD, pagefind_command
from tests.support.outputs import FileState, contents, tree
from tests.support.server import serve_directory

pytestmark = pytest.mark.skipif(pagefind_command() is None, reason="pagefind is not installed")

NOW = datetime(2026, 11, 18, 11, 6, tzinfo=UTC)
CONFIG = "title: Тестовый сайт\nbase_url: https://test.example.ru/\nlanguage: ru\n"
# Unique words, each in one item only, so a hit says which shard answered.
NEWS = {
    # The last day of a year and the first of the next: two shards.
    "content/news/dekabr.md": ("Итоги года", "2020-12-31", "Подведены итоги: ромашка цветёт."),
    "content/news/yanvar.md": ("Новый год", "2021-01-01", "Праздник прошёл, василёк расцвёл."),
    "content/news/mart.md": ("Весна", "2021-03-01", "Начался ремонт дороги."),
    "content/news/iyul.md": ("Лето", "2021-07-01", "Открыт летний лагерь."),
    # The only item of its year: deleting it removes the shard.
    "content/news/odinokaya.md": ("Старое", "2019-05-05", "Архивная запись о колокольчике."),
}
PAGE = "content/pages/about.md"
PAGE_TIME = datetime(2022, 6, 1, 12, tzinfo=UTC).timestamp()
EXPECTED = ["news-2019", "news-2020", "news-2021", "page-2022"]


def news_text(title: str, day: str, body: str) -> str:
    return f"---\ntitle: {title}\ndate: {day}\nsummary: {title}.\n---\n{body}\n"


@pytest.fixture
def site(tmp_path: Path, user_cache: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    (root / "site_config.yaml").write_text(CONFIG, encoding="utf-8")
    for rel, fields in NEWS.items():
        write(root / rel, news_text(*fields))
    write(root / PAGE, "---\ntitle: Об администрации\n---\nАдминистрация округа.\n")
    # Undated and outside git: the file's time dates it (G220), so fix the year.
    os.utime(root / PAGE, (PAGE_TIME, PAGE_TIME))
    return root


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def run(site: Path, out: Path) -> BuildResult:
    result = build(BuildOptions(site, out, now=NOW))
    assert result.ok, result.diagnostics
    return result


def clean_build(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The same files built with an empty cache into a new folder."""
    monkeypatch.setenv("GLASNOST_CACHE_DIR", str(tmp_path / "clean-cache"))
    out = tmp_path / "clean-output"
    run(site, out)
    return contents(tree(out))


def bundles(out: Path) -> list[str]:
    found = re.search(r'data-bundles="([^"]*)"', (out / "search/index.html").read_text("utf-8"))
    assert found, "the search page lists no bundles"
    return found.group(1).split()


def shard_state(state: dict[str, FileState], shard: str) -> dict[str, FileState]:
    return {p: s for p, s in state.items() if p.startswith(f"pagefind/{shard}/")}


@pytest.fixture(autouse=True)
def shards_even_on_a_small_site(monkeypatch: pytest.MonkeyPatch) -> None:
    # The fixture site has 6 searchable pages (5 after a deletion): a lower limit splits
    # it into shards (the limit itself: the two tests below).
    monkeypatch.setattr(search, "ONE_BUNDLE_UPTO", 4)


def test_a_site_of_at_most_one_bundle_upto_pages_is_one_bundle(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "ONE_BUNDLE_UPTO", 6)  # exactly the site's pages
    out = site / "output"
    result = run(site, out)
    assert sorted(p.name for p in (out / "pagefind").iterdir()) == ["all"]
    assert bundles(out) == ["/pagefind/all/"]
    assert result.extra["search_indexed"].split() == ["all"]
    assert page_counts(out) == {"all": 6}
    assert contents(tree(out)) == clean_build(site, tmp_path, monkeypatch)


def test_a_site_shrinking_to_the_limit_becomes_one_bundle(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "ONE_BUNDLE_UPTO", 5)
    out = site / "output"
    run(site, out)
    assert "all" not in bundles(out)[0]  # 6 pages: shards
    (site / "content/news/odinokaya.md").unlink()
    run(site, out)
    assert sorted(p.name for p in (out / "pagefind").iterdir()) == ["all"]
    assert page_counts(out) == {"all": 5}
    assert contents(tree(out)) == clean_build(site, tmp_path, monkeypatch)


def test_item_pages_split_by_type_and_year(site: Path) -> None:
    out = site / "output"
    result = run(site, out)
    shards = sorted(p.name for p in (out / "pagefind").iterdir())
    assert shards == EXPECTED
    assert bundles(out) == [f"/pagefind/{name}/" for name in EXPECTED]
    assert result.extra["search_indexed"].split() == EXPECTED
    for name in shards:
        assert (out / "pagefind" / name / "pagefind.js").is_file()
    # 31 December and 1 January fall into their own years' shards.
    assert page_counts(out) == {"news-2019": 1, "news-2020": 1, "news-2021": 3, "page-2022": 1}
    # Pages keep their own addresses in the index (the throwaway folders never show).
    fragments = (out / "pagefind" / "news-2020" / "fragment").iterdir()
    assert any(b"/news/dekabr/" in _inflate(f) for f in fragments)
    assert not (out / "pagefind" / "pagefind.js").exists()
    assert not [p for p in out.rglob(".search*")]


def _inflate(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())  # Pagefind's fragments are gzipped JSON


HALVES = ["news-2019", "news-2020", "news-2021-h1", "news-2021-h2", "page-2022"]
MONTHS = ["news-2019", "news-2020", "news-2021-m01", "news-2021-m03", "news-2021-m07"]


@pytest.mark.parametrize(
    ("shard_pages", "max_bundles", "expected"),
    [
        (3, 24, EXPECTED),  # three pages in 2021: not more than the limit, one shard
        (2, 24, HALVES),  # January and March: exactly two in the first half-year
        (1, 24, [*MONTHS, "page-2022"]),  # quarter 1 still holds two: months
        (1, 6, [*MONTHS, "page-2022"]),  # six bundles: exactly the most allowed
        (1, 5, HALVES),  # months would make six: the limit doubles to two pages
    ],
)
def test_a_busy_year_is_cut_into_parts(
    site: Path,
    monkeypatch: pytest.MonkeyPatch,
    shard_pages: int,
    max_bundles: int,
    expected: list[str],
) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", shard_pages)
    monkeypatch.setattr(search, "MAX_BUNDLES", max_bundles)
    out = site / "output"
    run(site, out)
    assert sorted(p.name for p in (out / "pagefind").iterdir()) == expected
    assert bundles(out) == [f"/pagefind/{name}/" for name in expected]
    if "news-2021-h2" in expected:  # 30 June and earlier: h1; 1 July: h2
        assert page_counts(out)["news-2021-h1"] == 2
        assert page_counts(out)["news-2021-h2"] == 1


def test_cuts_of_the_benchmark_sites() -> None:
    # 1,000 news in eleven months of one year: months of ~91 pages (an edit re-indexes
    # those); 10,000 over nine years: months or quarters would make 108 or 36 bundles for
    # the search page to fetch, so half-years of ~550 (18 bundles).
    one_year = Counter({("news", 2024, month): 91 for month in range(2, 13)})
    assert search._cuts(one_year) == {("news", 2024): "month"}
    nine_years = Counter(
        {("news", year, month): 92 for year in range(2016, 2025) for month in range(1, 13)}
    )
    assert set(search._cuts(nine_years).values()) == {"half"}


def page_counts(out: Path) -> dict[str, int]:
    counts = {}
    for bundle in sorted((out / "pagefind").iterdir()):
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        counts[bundle.name] = entry["languages"]["ru"]["page_count"]
    return counts


def test_edit_reindexes_only_its_shard_and_equals_clean_build(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = site / "output"
    run(site, out)
    before = tree(out)
    write(site / "content/news/mart.md", news_text("Весна", "2021-03-01", "Ремонт окончен."))
    result = run(site, out)
    assert result.extra["search_indexed"] == "news-2021"
    assert result.extra["search_reused"].split() == ["news-2019", "news-2020", "page-2022"]
    after = tree(out)
    for shard in ("news-2019", "news-2020", "page-2022"):  # linked: same bytes, inode, time
        assert shard_state(after, shard) == shard_state(before, shard), shard
    edited, old = shard_state(after, "news-2021"), shard_state(before, "news-2021")
    entry = "pagefind/news-2021/pagefind-entry.json"
    assert edited[entry][0] != old[entry][0]  # a new index: its hash changed
    # Pagefind's own scripts did not change: linked from the previous output too.
    script = "pagefind/news-2021/pagefind.js"
    assert edited[script] == old[script]
    assert contents(after) == clean_build(site, tmp_path, monkeypatch)


def test_deleting_last_item_of_a_year_removes_its_shard(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = site / "output"
    run(site, out)
    (site / "content/news/odinokaya.md").unlink()
    result = run(site, out)
    assert not (out / "pagefind" / "news-2019").exists()
    assert "/pagefind/news-2019/" not in bundles(out)
    assert bundles(out) == [f"/pagefind/{name}/" for name in EXPECTED if name != "news-2019"]
    assert result.extra["search_indexed"] == ""  # nothing else changed
    assert contents(tree(out)) == clean_build(site, tmp_path, monkeypatch)


def test_an_item_moved_to_another_year_moves_shards(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = site / "output"
    run(site, out)
    write(site / "content/news/dekabr.md", news_text("Итоги года", "2021-12-31", "ромашка"))
    result = run(site, out)
    assert result.extra["search_indexed"] == "news-2021"  # news-2020 is gone, not re-indexed
    assert "/pagefind/news-2020/" not in bundles(out)
    assert contents(tree(out)) == clean_build(site, tmp_path, monkeypatch)


def spoil_record(cache: Path, site: Path) -> None:
    (site_cache_dir(site) / RECORD).write_text("{not json", encoding="utf-8")


def foreign_record(cache: Path, site: Path) -> None:
    path = site_cache_dir(site) / RECORD
    data = json.loads(path.read_text(encoding="utf-8"))
    data["pagefind"] = "pagefind 0.0.1"
    path.write_text(json.dumps(data), encoding="utf-8")


def drop_record(cache: Path, site: Path) -> None:
    (site_cache_dir(site) / RECORD).unlink()


def touch_bundle(cache: Path, site: Path) -> None:
    # A hand edit of a published bundle file: the manifest no longer vouches for it.
    path = site / "output/pagefind/news-2019/pagefind-entry.json"
    path.write_bytes(path.read_bytes())


@pytest.mark.parametrize(
    ("spoil", "indexed"),
    [
        (spoil_record, EXPECTED),
        (foreign_record, EXPECTED),
        (drop_record, EXPECTED),
        (touch_bundle, ["news-2019"]),
    ],
)
def test_untrustworthy_record_or_bundle_means_indexing_again(
    site: Path,
    user_cache: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    spoil: object,
    indexed: list[str],
) -> None:
    out = site / "output"
    run(site, out)
    assert callable(spoil)
    spoil(user_cache, site)
    result = run(site, out)
    assert result.extra["search_indexed"].split() == indexed
    assert contents(tree(out)) == clean_build(site, tmp_path, monkeypatch)


def test_record_is_plain_json_in_the_user_cache(site: Path, user_cache: Path) -> None:
    run(site, site / "output")
    record = site_cache_dir(site) / RECORD
    assert record.is_relative_to(user_cache)
    data = json.loads(record.read_text(encoding="utf-8"))
    assert sorted(data["shards"]) == EXPECTED
    assert not [p for p in site.rglob("*") if p.name == RECORD]


@pytest.mark.browser
def test_search_page_finds_words_of_every_shard(site: Path, page: Page) -> None:
    out = site / "output"
    run(site, out)
    with serve_directory(out) as base:
        for word, url in (("ромашка", "/news/dekabr/"), ("василёк", "/news/yanvar/")):
            page.goto(f"{base}/search/?q={quote(word)}")
            page.wait_for_selector("#search-results li")
            hrefs = page.eval_on_selector_all(
                "#search-results a", "els => els.map(e => e.getAttribute('href'))"
            )
            assert [h.split("#")[0] for h in hrefs] == [url], (word, hrefs)
        # One word in items of two shards: both found by one query.
        page.fill("#search-input", "год")
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelectorAll('#search-results > li').length >= 2")
        hrefs = page.eval_on_selector_all(
            "#search-results a", "els => els.map(e => e.getAttribute('href'))"
        )
        assert {"/news/dekabr/", "/news/yanvar/"} <= {h.split("#")[0] for h in hrefs}, hrefs


@pytest.mark.browser
def test_site_without_items_has_no_bundles(tmp_path: Path, user_cache: Path, page: Page) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    (root / "site_config.yaml").write_text(CONFIG, encoding="utf-8")
    out = root / "output"
    result = run(root, out)
    assert result.extra["search_indexed"] == ""
    assert not (out / "pagefind").exists()
    assert bundles(out) == []
    with serve_directory(out) as base:  # the page says nothing was found, not that it failed
        page.goto(f"{base}/search/?q={quote('ромашка')}")
        page.wait_for_function("document.querySelector('#search-status').textContent.trim()")
        assert page.locator("#search-status").inner_text().startswith("Ничего")


def test_pagefind_config_in_the_site_is_not_read(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pagefind.yml a commit brings (built from the site folder, as `make build` does)
    could send the index elsewhere or change it: Pagefind runs where none can be."""
    elsewhere = tmp_path / "elsewhere"
    (site / "pagefind.yml").write_text(
        f"output_path: {elsewhere}\nforce_language: en\n", encoding="utf-8"
    )
    monkeypatch.chdir(site)
    out = site / "output"
    run(site, out)
    assert not elsewhere.exists()
    entry = json.loads((out / "pagefind/news-2020/pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["ru"]
