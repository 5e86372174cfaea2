"""What a citizen does with the pages, in a real browser: the visually-impaired mode
(kept between pages and reloads), reading with JavaScript off, the keyboard, phones
320 px wide, print, search by another word form, and no request to any other host."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route

from tests.support.browser import (  # noqa: F401 - browser, page: pytest fixtures
    browser,
    external_requests,
    host_of,
    page,
)
from tests.support.sites import BuiltSite, built_site, demo_site  # noqa: F401 - fixtures

STORE = "glasnost-a11y"
NewContext = Callable[..., BrowserContext]
STRONGEST = {"font": "3", "scheme": "wb", "spacing": "wide", "images": "off"}


def settings_of(page: Page) -> dict[str, str | None]:
    settings: dict[str, str | None] = page.evaluate(
        """() => { const d = document.documentElement;
        return {font: d.dataset.font, scheme: d.dataset.scheme, spacing: d.dataset.spacing,
                images: d.dataset.images, a11y: d.dataset.a11y || null}; }"""
    )
    return settings


def pressed(page: Page, key: str) -> list[str]:
    values: list[str] = page.eval_on_selector_all(
        f'button[data-a11y="{key}"][aria-pressed="true"]', "els => els.map(e => e.dataset.value)"
    )
    return values


@pytest.fixture
def context_for(browser: Browser) -> Iterator[NewContext]:
    """new_context(**options) whose contexts are closed after the test."""
    made: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("locale", "ru-RU")
        context = browser.new_context(**options)
        context.set_default_timeout(30_000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


# --- the visually-impaired mode -----------------------------------------------------------


def test_a11y_mode_persists_across_pages_and_reloads(built_site: BuiltSite, page: Page) -> None:
    page.goto(built_site.url("/"))
    assert settings_of(page) == {
        "font": "1",
        "scheme": "normal",
        "spacing": "normal",
        "images": "on",
        "a11y": None,
    }
    size = float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
    assert size >= 16, "base font size must be at least 16 px"
    summary = page.locator(".a11y-panel summary")
    assert summary.is_visible()
    summary.click()
    for key, value in (("font", "3"), ("scheme", "blue"), ("spacing", "wide"), ("images", "off")):
        page.click(f'button[data-a11y="{key}"][data-value="{value}"]')
        assert pressed(page, key) == [value]
    chosen = {"font": "3", "scheme": "blue", "spacing": "wide", "images": "off", "a11y": "on"}
    assert settings_of(page) == chosen
    bigger = float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
    assert bigger >= size * 1.5
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(157, 209, 255)"
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(6, 52, 98)"

    # Another page, reached by the menu as a citizen would.
    other = page.locator(".main-nav a").nth(1)
    href = other.get_attribute("href")
    other.click()
    page.wait_for_url(built_site.url(href or "/"))
    assert settings_of(page) == chosen
    assert pressed(page, "font") == ["3"] and pressed(page, "scheme") == ["blue"]
    page.reload()
    assert settings_of(page) == chosen
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(157, 209, 255)"
    assert page.locator("img:visible, svg.emblem:visible").count() == 0

    # Back to the standard version, and it stays so.
    page.click(".a11y-panel summary")
    page.click('button[data-a11y="reset"]')
    standard = {"font": "1", "scheme": "normal", "spacing": "normal", "images": "on", "a11y": None}
    assert settings_of(page) == standard
    page.goto(built_site.url("/"))
    assert settings_of(page) == standard
    assert page.evaluate(f"localStorage.getItem({json.dumps(STORE)})") is None


def test_a11y_mode_controls(built_site: BuiltSite, page: Page) -> None:
    """At least three font sizes, the three schemes of the standard, spacing, images."""
    page.goto(built_site.url("/"))
    values = page.eval_on_selector_all(
        "button[data-a11y]", "els => els.map(e => e.dataset.a11y + '=' + e.dataset.value)"
    )
    for needed in (
        "font=1",
        "font=2",
        "font=3",
        "scheme=bw",
        "scheme=wb",
        "scheme=blue",
        "spacing=normal",
        "spacing=wide",
        "images=on",
        "images=off",
    ):
        assert needed in values
    page.click(".a11y-panel summary")
    colours = {}
    for scheme in ("bw", "wb", "blue"):
        page.click(f'button[data-a11y="scheme"][data-value="{scheme}"]')
        colours[scheme] = page.evaluate(
            "(s => [s.color, s.backgroundColor])(getComputedStyle(document.body))"
        )
    assert colours == {
        "bw": ["rgb(0, 0, 0)", "rgb(255, 255, 255)"],
        "wb": ["rgb(255, 255, 255)", "rgb(0, 0, 0)"],
        "blue": ["rgb(6, 52, 98)", "rgb(157, 209, 255)"],
    }
    page.click('button[data-a11y="spacing"][data-value="wide"]')
    spacing = float(
        page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).letterSpacing)")
    )
    assert spacing > 1


# --- JavaScript off -------------------------------------------------------------------------


def test_reading_without_javascript(built_site: BuiltSite, context_for: NewContext) -> None:
    context = context_for(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    for name, path in built_site.samples.items():
        response = pg.goto(built_site.url(path))
        assert response is not None and response.status == (404 if name == "404" else 200), path
        assert pg.locator("main h1").first.is_visible(), f"{path}: no visible h1"
        text = pg.inner_text("main")
        assert len(text.strip()) > 20, f"{path}: main is empty without JavaScript"
        assert pg.locator(".a11y-panel").is_hidden(), f"{path}: the a11y panel shows without JS"
        assert pg.locator(".main-nav a").first.is_visible()
        if name == "search":
            assert "JavaScript" in pg.inner_text("main")


# --- keyboard ---------------------------------------------------------------------------------


def test_skip_link_is_first_and_moves_focus_to_main(built_site: BuiltSite, page: Page) -> None:
    for path in (
        built_site.samples["home"],
        *[p for n, p in built_site.samples.items() if n != "home"][:2],
    ):
        page.goto(built_site.url(path))
        page.keyboard.press("Tab")
        active = page.evaluate(
            "[document.activeElement.className, document.activeElement.getAttribute('href')]"
        )
        assert active == ["skip-link", "#main"], path
        box = page.locator(".skip-link").bounding_box()
        assert box is not None and box["y"] >= 0 and box["height"] > 10, (
            "skip link not shown on focus"
        )
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main", path


KEYBOARD_WALK = """() => {
  const sel = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const all = [...document.querySelectorAll(sel)].filter((e) => !e.disabled
      && e.checkVisibility({visibilityProperty: true}) && e.getBoundingClientRect().width > 0);
  all.forEach((e, i) => e.setAttribute('data-kb', String(i)));
  return all.length;
}"""

FOCUS_STATE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  return {kb: e.getAttribute('data-kb'), visible: outline || !!shadow,
          what: e.tagName + ' ' + (e.textContent || '').trim().slice(0, 40)};
}"""


@pytest.mark.slow
def test_keyboard_reaches_every_control_with_visible_focus(
    built_site: BuiltSite, page: Page
) -> None:
    problems: list[str] = []
    for name, path in built_site.samples.items():
        page.goto(built_site.url(path))
        page.evaluate("document.querySelector('.a11y-panel').open = true")
        total = int(page.evaluate(KEYBOARD_WALK))
        reached: set[str] = set()
        for _ in range(total + 10):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE)
            if state is None:
                break
            if not state["visible"]:
                problems.append(f"{name} {path}: no visible focus on {state['what']}")
            if state["kb"] is not None:
                if state["kb"] in reached:
                    break
                reached.add(state["kb"])
        missing = total - len(reached)
        if missing:
            left = page.evaluate(
                "(got) => [...document.querySelectorAll('[data-kb]')]"
                ".filter(e => !got.includes(e.dataset.kb))"
                ".map(e => e.outerHTML.slice(0, 90))",
                sorted(reached),
            )
            problems.append(f"{name} {path}: {missing} control(s) not reached by Tab: {left[:5]}")
    assert not problems, "\n".join(problems)


# --- phones and print -----------------------------------------------------------------------------


def test_no_horizontal_scrolling_at_320px(built_site: BuiltSite, context_for: NewContext) -> None:
    context = context_for(viewport={"width": 320, "height": 640})
    pg = context.new_page()
    wide: list[str] = []
    for path in built_site.urls:
        pg.goto(built_site.url(path))
        width = int(pg.evaluate("document.scrollingElement.scrollWidth"))
        if width > 320:
            wide.append(f"{path}: {width}px")
    # The visually-impaired mode at its strongest, settings panel open, on one page of each kind.
    pg.evaluate(f"localStorage.setItem({json.dumps(STORE)}, {json.dumps(json.dumps(STRONGEST))})")
    for name, path in built_site.samples.items():
        pg.goto(built_site.url(path))
        pg.evaluate("document.querySelector('.a11y-panel').open = true")
        width = int(pg.evaluate("document.scrollingElement.scrollWidth"))
        if width > 320:
            wide.append(f"{path} (visually-impaired mode, {name}): {width}px")
    assert not wide, "pages wider than a 320 px phone:\n" + "\n".join(wide)


def test_wide_page_up_to_1920px(built_site: BuiltSite, context_for: NewContext) -> None:
    context = context_for(viewport={"width": 1920, "height": 1080})
    pg = context.new_page()
    for name, path in built_site.samples.items():
        pg.goto(built_site.url(path))
        assert int(pg.evaluate("document.scrollingElement.scrollWidth")) <= 1920, name
        # Text lines stay readable on a wide screen: the content column is bounded.
        assert (
            float(pg.evaluate("document.querySelector('main').getBoundingClientRect().width"))
            <= 1200
        ), name


def test_print_stylesheet(built_site: BuiltSite, page: Page) -> None:
    page.emulate_media(media="print")
    for name, path in built_site.samples.items():
        if name in ("search", "404"):
            continue
        page.goto(built_site.url(path))
        assert page.locator("main h1").first.is_visible(), name
        # Every page has the menu, the low-vision panel and the skip link, and every page
        # but the home page its breadcrumbs: a renamed class fails here, not silently.
        chrome = [".main-nav", ".a11y-panel", ".skip-link"]
        chrome += [".breadcrumbs"] if name != "home" else []
        for selector in chrome:
            assert page.locator(selector).count() == 1, f"{name}: no {selector} on the page"
            assert page.locator(selector).is_hidden(), f"{name}: {selector} is printed"
        assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"


# --- search ----------------------------------------------------------------------------------


def test_search_finds_other_word_forms(demo_site: BuiltSite, page: Page) -> None:
    """«опросов» finds «опрос», «опросы»...: Russian stemming; results link to the item."""
    page.goto(demo_site.url("/search/?q=" + quote("опросов")))
    page.wait_for_selector("#search-results li")
    assert page.locator("#search-status").inner_text().strip()
    marks = [
        m.strip(" .,:;«»()").lower() for m in page.locator("#search-results mark").all_inner_texts()
    ]
    assert any(m.startswith("опрос") and m != "опросов" for m in marks), marks
    hrefs = page.eval_on_selector_all(
        "#search-results a", "els => els.map(e => e.getAttribute('href'))"
    )
    paths = [urlsplit(h).path for h in hrefs]
    assert any("survey" in p or "oprosov" in p for p in paths), hrefs
    items = [h for h in hrefs if "#item-" in h]
    assert items, f"no result links to a plan item or report entry: {hrefs}"
    # The item link lands on that item.
    target = items[0]
    page.goto(demo_site.url(target))
    fragment = target.split("#", 1)[1]
    assert page.locator(f'[id="{fragment}"]').count() == 1, target
    assert page.evaluate("location.hash") == "#" + fragment


def test_search_form_submits_and_shows_nothing_found(demo_site: BuiltSite, page: Page) -> None:
    page.goto(demo_site.url("/search/"))
    page.fill("#search-input", "zzxqwv")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('#search-status').textContent.includes('Ничего')"
    )
    assert page.locator("#search-results li").count() == 0
    assert "q=" in page.url


# --- privacy ---------------------------------------------------------------------------------


def test_no_request_to_another_host(built_site: BuiltSite, page: Page) -> None:
    """Every page, and a search with results: nothing is fetched from any other host."""
    host = host_of(built_site.base_url)
    assert external_requests(page, built_site.url("/"), host) == []
    outside: list[str] = []

    def route(route: Route) -> None:
        if urlsplit(route.request.url).netloc == host:
            route.continue_()
        else:
            outside.append(f"{page.url} -> {route.request.url}")
            route.abort("blockedbyclient")

    page.route("**/*", route)
    for path in built_site.urls:
        page.goto(built_site.url(path), wait_until="load")
    page.goto(built_site.url("/search/?q=" + quote("план")))
    page.wait_for_selector("#search-status:not(:empty)")
    page.wait_for_load_state("networkidle")
    assert not outside, "\n".join(outside)


def test_pages_link_no_web_fonts(built_site: BuiltSite, page: Page) -> None:
    """The page renders with system fonts: the browser loads no font file at all."""
    fonts: list[str] = []
    page.on("request", lambda r: fonts.append(r.url) if r.resource_type == "font" else None)
    for path in built_site.samples.values():
        page.goto(built_site.url(path))
    assert not fonts
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert re.match(r"system-ui", family)
