"""End-to-end: the demo site (the repository root) builds, and what it publishes holds
together: catalogue, JSON copies, sitemap. Its JSON schemas, feeds, links and HTML (Nu
checker) are checked with every example's in tests/test_examples.py, and its builds
are compared byte for byte in tests/test_reproducible_sites.py."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from glasnost.types import all_types
from tests.fixtures.spine.checks import html_pages, index_pages, json_alternate
from tests.support.runs import BuildRun
from tests.support.sites import SiteBuilds, site_builds  # noqa: F401 - pytest fixture

BASE = "https://levokumka.example.ru/"


@pytest.fixture
def demo(site_builds: SiteBuilds) -> BuildRun:
    return site_builds("demo")


def test_demo_builds_without_errors(demo: BuildRun) -> None:
    assert "Готово: записано файлов:" in demo.stderr
    assert "ошибка" not in demo.stderr and "Traceback" not in demo.stderr


def test_demo_publishes_every_collection_with_items(demo: BuildRun) -> None:
    catalogue = demo.json("api/v1/index.json")
    counts = {c["type"]: c["count"] for c in catalogue["collections"]}
    assert set(counts) == {k.name for k in all_types()}
    assert all(count > 0 for count in counts.values()), counts
    for collection in catalogue["collections"]:
        assert collection["count"] == len(collection["items"])
        for item in collection["items"]:
            assert (demo.out / item["url"].removeprefix(BASE) / "index.html").is_file(), item["url"]
            assert (demo.out / item["json"].removeprefix(BASE)).is_file(), item["json"]


def test_demo_pages_link_their_json_copies(demo: BuildRun) -> None:
    problems = []
    for page in index_pages(demo.out):
        rel = page.relative_to(demo.out).as_posix()
        expected = "/" + rel.removesuffix("index.html") + "index.json"
        if json_alternate(page) != expected or not (page.parent / "index.json").is_file():
            problems.append(f"{rel}: {json_alternate(page)!r} (expected {expected})")
    assert problems == []


def test_demo_sitemap_robots_and_404(demo: BuildRun) -> None:
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
