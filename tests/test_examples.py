"""The real sites: the demo (content/) and every site under examples/ build cleanly.

These are built from the seed documents, so they are the best check that plans and
reports read the way the paper does: every item of the Sosnovsky plan has its anchor,
the Verkhnyaya Pyshma road map has all 33 measures, the Krasnogvardeisky letter is a
report in its own right, and the demo plan shows the progress its half-year report gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO
from tests.fixtures.spine.checks import (
    all_envelope_problems,
    broken_links,
    feed_problems,
    html_pages,
    json_problems,
)
from tests.support.html import html_doc, text_of
from tests.support.sites import SiteBuilds, site_builds  # noqa: F401 - pytest fixture
from tests.support.vnu import vnu_errors

EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if (p / "site_config.yaml").is_file())
NAMES = ["demo", *(p.name for p in EXAMPLES)]


def source(name: str) -> Path:
    return REPO if name == "demo" else REPO / "examples" / name


def plan_ids(path: Path) -> list[str]:
    """Item ids straight from the YAML, independently of the code under test."""

    def walk(sections: list[dict[str, Any]]) -> Iterator[str]:
        for section in sections:
            yield from (str(item["id"]) for item in section.get("items", []))
            yield from walk(section.get("sections", []))

    return list(walk(yaml.safe_load(path.read_text(encoding="utf-8"))["sections"]))


@pytest.mark.parametrize("name", NAMES)
def test_every_json_feed_and_link_of_every_site_is_valid(
    name: str, site_builds: SiteBuilds
) -> None:
    """The whole of each site, not only its plans: schemas, envelopes, feeds, links."""
    run = site_builds(name)
    config = (source(name) / "site_config.yaml").read_text(encoding="utf-8")
    base_url = yaml.safe_load(config)["base_url"]
    problems = json_problems(run.out, base_url)
    problems += all_envelope_problems(run.out)
    problems += feed_problems(run.out, base_url)
    problems += broken_links(run.out)
    assert not problems, "\n".join(problems)


@pytest.mark.vnu
@pytest.mark.slow
def test_every_page_of_every_site_passes_the_nu_checker(site_builds: SiteBuilds) -> None:
    """One Nu checker run (one JVM) over every page of the demo and of every example."""
    pages = [page for name in NAMES for page in html_pages(site_builds(name).out)]
    assert len(pages) > 100
    errors = vnu_errors(pages)
    assert not errors, "\n".join(errors)


def test_sosnovsky_plan_page_has_every_item_with_its_anchor(
    site_builds: SiteBuilds,
) -> None:
    site = REPO / "examples" / "sosnovsky"
    run = site_builds("sosnovsky")
    source = next((site / "content" / "plans").glob("*.yaml"))
    ids = plan_ids(source)
    assert len(ids) == 38
    doc = html_doc(run, f"/plans/{source.stem}/")
    for item_id in ids:
        heading = doc.get_element_by_id(f"item-{item_id}")
        assert heading.tag == "h4", item_id  # form of interaction → direction → item
    assert (
        "Утвержден распоряжением Администрации Сосновского муниципального района "
        "от 20.08.2020 № 803" in text_of(doc)
    )
    # The deadlines the parser cannot read are kept verbatim, and warned about.
    assert "По графику" in text_of(doc)
    assert run.stderr.count("срок «По графику» не распознан") == 4


def test_verkhnyaya_pyshma_road_map_has_33_items(site_builds: SiteBuilds) -> None:
    run = site_builds("verkhnyaya-pyshma")
    slug = "dorozhnaya-karta-otkrytosti-2018"
    doc = html_doc(run, f"/plans/{slug}/")
    assert len(doc.xpath("//li[contains(@class, 'plan-item')]")) == 33
    assert run.json(f"plans/{slug}/index.json")["computed"]["progress"]["total"] == 33
    # No report covers the 2018 road map: items past their deadline are listed as overdue.
    overdue = run.json(f"plans/{slug}/index.json")["computed"]["overdue"]
    assert "1.1" in [o["id"] for o in overdue] and "9.1" not in [o["id"] for o in overdue]


def test_krasnogvardeisky_letter_is_a_report_with_its_body(
    site_builds: SiteBuilds,
) -> None:
    run = site_builds("krasnogvardeisky")
    doc = html_doc(run, "/reports/otkrytoe-pravitelstvo-2021/")
    body = text_of(doc.xpath("//div[contains(@class, 'report-body')]")[0])
    assert "На базе многофункционального центра, предоставляется всего 290 услуг" in body
    assert "2021 год" in text_of(doc.xpath("//dl[@class='report-meta']")[0])
    assert "В.И. Куликов" in text_of(doc)


def test_demo_plan_shows_progress_from_the_half_year_report(
    site_builds: SiteBuilds,
) -> None:
    run = site_builds("demo")
    doc = html_doc(run, "/plans/levokumsky-open-government/")
    overview = text_of(doc.get_element_by_id("plan-progress").getparent())
    assert "выполнено 7 из 26" in overview
    assert "I полугодие 2022 года" in overview
    for item_id in ("3", "6.4", "7.2", "15", "17"):  # empty text in the report: no data
        row = doc.get_element_by_id(f"item-{item_id}").getparent().getparent()
        assert "информация не представлена" in text_of(row), item_id
        link = row.xpath(".//span[@class='plan-source']/a")[0]
        assert link.get("href") == f"/reports/levokumsky-2022-h1/#entry-{item_id}"
    report = html_doc(run, "/reports/levokumsky-2022-h1/")
    assert "Информация не представлена." in text_of(
        report.get_element_by_id("entry-6.4").getparent()
    )
    assert len(report.xpath("//table[@class='survey-table']")) == 6
