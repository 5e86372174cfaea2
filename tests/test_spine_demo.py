"""End-to-end: the demo site (the repository root) builds, and everything it publishes is
valid: JSON against its schemas, feeds, HTML (Nu checker), links, sitemap, catalogue."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from glasnost.types import all_types
from tests.fixtures.spine.checks import (
    REPO,
    Built,
    all_envelope_problems,
    broken_links,
    build_site,
    diff_snapshots,
    feed_problems,
    html_pages,
    index_pages,
    json_alternate,
    json_problems,
    snapshot,
)
from tests.support.vnu import vnu_errors

BASE = "https://levokumka.example.ru/"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build_site(REPO, tmp_path_factory.mktemp("demo") / "output")
    assert built.code == 0, built.stderr
    return built


def test_demo_builds_without_errors(demo: Built) -> None:
    assert "Готово: записано файлов:" in demo.stderr
    assert "ошибка" not in demo.stderr and "Traceback" not in demo.stderr


def test_demo_publishes_every_collection_with_items(demo: Built) -> None:
    catalogue = demo.json("api/v1/index.json")
    counts = {c["type"]: c["count"] for c in catalogue["collections"]}
    assert set(counts) == {k.name for k in all_types()}
    assert all(count > 0 for count in counts.values()), counts
    for collection in catalogue["collections"]:
        assert collection["count"] == len(collection["items"])
        for item in collection["items"]:
            assert (demo.out / item["url"].removeprefix(BASE) / "index.html").is_file(), item["url"]
            assert (demo.out / item["json"].removeprefix(BASE)).is_file(), item["json"]


def test_demo_json_validates_against_its_schemas(demo: Built) -> None:
    assert json_problems(demo.out, BASE) == []


def test_demo_json_documents_and_entries_carry_the_envelope(demo: Built) -> None:
    assert all_envelope_problems(demo.out) == []


def test_demo_pages_link_their_json_copies(demo: Built) -> None:
    problems = []
    for page in index_pages(demo.out):
        rel = page.relative_to(demo.out).as_posix()
        expected = "/" + rel.removesuffix("index.html") + "index.json"
        if json_alternate(page) != expected or not (page.parent / "index.json").is_file():
            problems.append(f"{rel}: {json_alternate(page)!r} (expected {expected})")
    assert problems == []


def test_demo_feeds_parse_with_unique_ids_and_absolute_links(demo: Built) -> None:
    assert feed_problems(demo.out, BASE) == []


def test_demo_html_has_no_nu_checker_errors(demo: Built) -> None:
    assert vnu_errors(html_pages(demo.out)) == []


def test_demo_links_point_at_built_files(demo: Built) -> None:
    assert broken_links(demo.out) == []


def test_demo_sitemap_robots_and_404(demo: Built) -> None:
    root = ET.fromstring((demo.out / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    expected = {
        BASE + p.relative_to(demo.out).as_posix().removesuffix("index.html")
        for p in html_pages(demo.out)
        if p.name != "404.html"
    }
    assert locs == expected
    assert f"Sitemap: {BASE}sitemap.xml" in demo.read("robots.txt")
    assert (demo.out / "404.html").is_file()


def test_demo_builds_byte_identical_into_another_folder(
    demo: Built, tmp_path_factory: pytest.TempPathFactory
) -> None:
    again = build_site(REPO, tmp_path_factory.mktemp("demo-again") / "public")
    assert again.code == 0, again.stderr
    assert diff_snapshots(snapshot(demo.out), snapshot(again.out)) == []
