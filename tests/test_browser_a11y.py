"""Accessibility in a real browser: axe-core (WCAG 2.0/2.1 A and AA) on every page of
the demo and of every example, then on one page of each kind in each colour scheme of
the visually-impaired mode (settings panel open). Zero violations is the bar."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.support.browser import (  # noqa: F401 - browser, page: pytest fixtures
    AXE_JS,
    WCAG_TAGS,
    Violation,
    axe_violations,
    browser,
    format_violations,
    page,
)
from tests.support.sites import BuiltSite, built_site, demo_site  # noqa: F401 - fixtures

STORE = "glasnost-a11y"
# The normal colours and each scheme the standard names, with the other settings pushed too.
SCHEMES: dict[str, dict[str, str]] = {
    "normal": {"scheme": "normal", "spacing": "wider"},  # the panel itself, open
    "bw": {"scheme": "bw", "font": "2", "spacing": "wide"},
    "wb": {"scheme": "wb", "font": "3", "spacing": "wider", "images": "off"},
    "blue": {"scheme": "blue", "font": "3", "spacing": "wide"},
}


def axe_here(page: Page) -> list[Violation]:
    """axe-core on the page as it is now (after scripts ran, panels opened...)."""
    page.add_script_tag(path=str(AXE_JS))
    raw: list[dict[str, Any]] = page.evaluate(
        """async (tags) => (await axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
        })).violations""",
        WCAG_TAGS,
    )
    return [
        Violation(
            id=str(v["id"]),
            impact=v.get("impact"),
            help=str(v.get("help", "")),
            targets=[str(n.get("target")) for n in v.get("nodes", [])],
            html=[str(n.get("html", ""))[:200] for n in v.get("nodes", [])],
        )
        for v in raw
    ]


@pytest.mark.slow
def test_axe_every_page(built_site: BuiltSite, page: Page) -> None:
    """Every HTML page of the site, normal version, 1280 px."""
    assert built_site.urls, f"{built_site.name}: no pages built"
    problems = []
    for path in built_site.urls:
        violations = axe_violations(page, built_site.url(path))
        if violations:
            problems.append(format_violations(violations, f"{built_site.name} {path}"))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_axe_visually_impaired_schemes(demo_site: BuiltSite, browser: Browser, scheme: str) -> None:
    """Each scheme on one page of each kind, with the settings panel open."""
    context = browser.new_context(
        locale="ru-RU", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    context.add_init_script(
        f"localStorage.setItem({json.dumps(STORE)}, {json.dumps(json.dumps(SCHEMES[scheme]))});"
    )
    try:
        pg = context.new_page()
        problems = []
        # The home page and one item of each type (lists share their look with items).
        pages = {n: p for n, p in demo_site.samples.items() if not n.endswith("-list")}
        for name, path in pages.items():
            pg.goto(demo_site.url(path), wait_until="load")
            assert pg.evaluate("document.documentElement.dataset.scheme") == scheme
            pg.click(".a11y-panel summary")
            violations = axe_here(pg)
            if violations:
                problems.append(format_violations(violations, f"{scheme}: {name} {path}"))
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_axe_search_results(demo_site: BuiltSite, page: Page) -> None:
    """The search page with results on it (they are drawn by search.js)."""
    page.goto(demo_site.url("/search/?q=%D0%BE%D0%BF%D1%80%D0%BE%D1%81%D0%BE%D0%B2"))  # «опросов»
    page.wait_for_selector("#search-results li")
    violations = axe_here(page)
    assert not violations, format_violations(violations, "/search/?q=опросов")
