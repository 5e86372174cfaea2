"""Headless-browser fixtures and checks: Debian's chromium driven by Python Playwright.

Playwright's own browser downloads are never used (they cannot be fetched here):
``make browser`` apt-installs ``chromium`` and we launch ``/usr/bin/chromium``.

Enable the fixtures in a test module or in ``tests/conftest.py`` with::

    from tests.support.browser import browser, page  # noqa: F401

(``pytest_plugins = ["tests.support.browser"]`` in the top-level ``tests/conftest.py``
works too; both at once is fine, they share one chromium.) Then::

    def test_home(page: Page, site_url: str) -> None:
        violations = axe_violations(page, site_url + "/")
        assert not violations, format_violations(violations)
        assert external_requests(page, site_url + "/", host_of(site_url)) == []

``browser`` is session-scoped (one chromium per xdist worker); ``page`` is a fresh
context per test (locale ru-RU, Europe/Moscow, CSP bypassed so axe can be injected).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any, TypedDict
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, Request, Route, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.support import NODE_MODULES

__all__ = [
    "CHROMIUM",
    "LAUNCH_ARGS",
    "Violation",
    "axe_violations",
    "browser",
    "external_requests",
    "format_violations",
    "host_of",
    "page",
]

CHROMIUM: Path = Path(os.environ.get("GLASNOST_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS: list[str] = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS: Path = NODE_MODULES / "axe-core" / "axe.min.js"
WCAG_TAGS: list[str] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NAV_TIMEOUT_MS = 30_000


class Violation(TypedDict):
    """One axe-core rule violation, trimmed for assertions."""

    id: str
    impact: str | None
    help: str
    targets: list[str]  # CSS selectors of the offending nodes
    html: list[str]  # their outer HTML, as axe reports it (truncated)


class _Shared:
    """One Playwright driver + chromium per process.

    Playwright's sync API allows a single running instance per thread, so the
    ``browser`` fixture may be registered twice (a conftest ``pytest_plugins`` entry
    *and* an explicit import in a test module) and both share this one browser.
    """

    playwright: Playwright | None = None
    browser: Browser | None = None
    users = 0


def _acquire_browser() -> Browser:
    if _Shared.browser is None:
        if not CHROMIUM.exists():
            pytest.fail(
                f"{CHROMIUM} not found: run `make test` (or `make browser`, which "
                "apt-installs Debian's chromium)",
                pytrace=False,
            )
        pw = sync_playwright().start()
        try:
            _Shared.browser = pw.chromium.launch(
                executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
            )
        except BaseException:
            pw.stop()
            raise
        _Shared.playwright = pw
    _Shared.users += 1
    return _Shared.browser


def _release_browser() -> None:
    _Shared.users -= 1
    if _Shared.users > 0:
        return
    browser, pw = _Shared.browser, _Shared.playwright
    _Shared.browser = _Shared.playwright = None
    try:
        if browser is not None:
            browser.close()
    finally:
        if pw is not None:
            pw.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Debian chromium for the whole session (per xdist worker)."""
    b = _acquire_browser()
    try:
        yield b
    finally:
        _release_browser()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in its own context (no shared cookies/storage between tests)."""
    context = browser.new_context(
        locale="ru-RU",
        timezone_id="Europe/Moscow",
        viewport={"width": 1280, "height": 900},
        bypass_csp=True,
        service_workers="block",
    )
    context.set_default_timeout(NAV_TIMEOUT_MS)
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()


@cache
def _axe_source() -> str:
    if not AXE_JS.is_file():
        pytest.fail(
            f"{AXE_JS} not found: run `make test` (or `make dev-env`, which runs npm ci)",
            pytrace=False,
        )
    return AXE_JS.read_text(encoding="utf-8")


def _selector(target: Any) -> str:
    # axe targets are strings, or lists of strings across iframes / shadow roots.
    if isinstance(target, list):
        return " >>> ".join(_selector(t) for t in target)
    return str(target)


def axe_violations(page: Page, url: str) -> list[Violation]:
    """Load ``url``, inject axe-core and return its WCAG 2.0/2.1 A+AA violations."""
    page.goto(url, wait_until="load")
    page.add_script_tag(content=_axe_source())
    raw: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            });
            return r.violations;
        }""",
        WCAG_TAGS,
    )
    out: list[Violation] = []
    for v in raw:
        nodes = v.get("nodes", [])
        out.append(
            Violation(
                id=str(v["id"]),
                impact=v.get("impact"),
                help=str(v.get("help", "")),
                targets=[_selector(n.get("target", [])) for n in nodes],
                html=[str(n.get("html", ""))[:200] for n in nodes],
            )
        )
    return out


def format_violations(violations: list[Violation], url: str = "") -> str:
    """Human-readable multi-line summary for assertion messages."""
    if not violations:
        return "no axe violations"
    lines = [f"{len(violations)} axe violation(s){' on ' + url if url else ''}:"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']}")
        for target, html in zip(v["targets"], v["html"], strict=False):
            lines.append(f"    {target}  {html}")
    return "\n".join(lines)


def host_of(url: str) -> str:
    """``"http://127.0.0.1:8123/x"`` -> ``"127.0.0.1:8123"`` (for ``allowed_host``)."""
    return urlsplit(url).netloc


_LOCAL_SCHEMES = frozenset({"data", "blob", "about", "javascript", "chrome", "chrome-extension"})


def _is_external(url: str, allowed_host: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in _LOCAL_SCHEMES:
        return False
    # allowed_host may be "127.0.0.1:PORT" (exact) or a bare host name.
    return parts.netloc != allowed_host and parts.hostname != allowed_host


def external_requests(page: Page, url: str, allowed_host: str) -> list[str]:
    """Load ``url`` and return every requested URL whose host is not ``allowed_host``.

    External requests are recorded and aborted (nothing leaves the machine), so a page
    that pulls a CDN script, web font or analytics beacon shows up here.
    """
    seen: list[str] = []

    def on_request(request: Request) -> None:
        if _is_external(request.url, allowed_host) and request.url not in seen:
            seen.append(request.url)

    def route(route: Route) -> None:
        if _is_external(route.request.url, allowed_host):
            route.abort("blockedbyclient")
        else:
            route.continue_()

    page.on("request", on_request)
    page.route("**/*", route)
    try:
        page.goto(url, wait_until="load")
        with suppress(PlaywrightTimeoutError):  # a page that keeps polling is still reported
            page.wait_for_load_state("networkidle", timeout=5_000)
    finally:
        page.unroute("**/*", route)
        page.remove_listener("request", on_request)
    return seen
