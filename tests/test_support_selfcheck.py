"""Self-check of the page-checking harness (tests/support): it passes good pages and,
just as important, it *fails* bad ones with the expected, hand-checked rule ids."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.support import vnu as vnu_mod
from tests.support.browser import (  # noqa: F401 - browser, page: pytest fixtures
    axe_violations,
    browser,
    external_requests,
    format_violations,
    host_of,
    page,
)
from tests.support.server import serve_directory
from tests.support.vnu import VnuUnavailable, vnu_available, vnu_errors

FIXTURES = Path(__file__).parent / "fixtures" / "support"
GOOD = FIXTURES / "good" / "index.html"
BAD = FIXTURES / "bad" / "index.html"
EXTERNAL = FIXTURES / "external" / "index.html"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_directory(FIXTURES) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def vnu_report() -> list[str]:
    # One JVM run for all fixture pages, as page tests should do for a whole site.
    return vnu_errors([GOOD, BAD, EXTERNAL, FIXTURES / "404.html"])


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read().decode("utf-8")


# --- server -----------------------------------------------------------------------------


def test_server_serves_directory_index(site: str) -> None:
    status, ctype, body = _get(site + "/good/")
    assert status == 200
    assert ctype == "text/html; charset=utf-8"
    assert "Открытые данные" in body


def test_server_redirects_directory_without_slash(site: str) -> None:
    status, _, body = _get(site + "/good")  # urllib follows the 301 to /good/
    assert status == 200 and "Открытые данные" in body


def test_server_missing_path_is_404_page(site: str) -> None:
    status, ctype, body = _get(site + "/no/such/page/")
    assert status == 404
    assert ctype.startswith("text/html")
    assert "Страница не найдена (404)" in body


# --- vnu ----------------------------------------------------------------------------------


@pytest.mark.vnu
def test_vnu_is_installed() -> None:
    assert vnu_available(), "vnu.jar or java missing: run `make test`"


@pytest.mark.vnu
def test_vnu_good_pages_have_no_errors(vnu_report: list[str]) -> None:
    good = [e for e in vnu_report if not e.startswith(str(BAD))]
    assert good == []


@pytest.mark.vnu
def test_vnu_bad_page_errors(vnu_report: list[str]) -> None:
    bad = [e for e in vnu_report if e.startswith(str(BAD))]
    assert any(e.startswith(f"{BAD}:11: Duplicate ID “dup”") for e in bad), bad
    assert any(e.startswith(f"{BAD}:12: An “img” element must have an “alt”") for e in bad), bad
    # --errors-only: missing lang is only a vnu *warning*; axe reports it (below).
    assert len(bad) == 2, bad


def test_a_test_not_marked_vnu_cannot_run_the_checker() -> None:
    """Else `pytest -m "not vnu"`, the quick loop, would start java after all."""
    with pytest.raises(RuntimeError, match=r"pytest\.mark\.vnu"):
        vnu_errors([GOOD])


@pytest.mark.vnu
def test_vnu_missing_fails_loudly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(vnu_mod, "vnu_jar", lambda: tmp_path / "missing.jar")
    assert not vnu_available()
    with pytest.raises(VnuUnavailable, match="make test"):
        vnu_errors([GOOD])


# --- axe ------------------------------------------------------------------------------------


def test_axe_good_page_has_no_violations(page: Page, site: str) -> None:
    violations = axe_violations(page, site + "/good/")
    assert violations == [], format_violations(violations)


def test_axe_bad_page_violations(page: Page, site: str) -> None:
    violations = axe_violations(page, site + "/bad/")
    by_id = {v["id"]: v for v in violations}
    assert set(by_id) == {"color-contrast", "html-has-lang", "image-alt", "label"}, (
        format_violations(violations)
    )
    assert by_id["image-alt"]["targets"] == ["img"]
    assert by_id["label"]["targets"] == ["input"]
    assert by_id["html-has-lang"]["targets"] == ["html"]
    assert "Бледный текст" in by_id["color-contrast"]["html"][0]
    message = format_violations(violations, site + "/bad/")
    assert "image-alt" in message and "/bad/" in message


# --- external requests ---------------------------------------------------------------------


def test_external_script_is_caught(page: Page, site: str) -> None:
    assert external_requests(page, site + "/external/", host_of(site)) == [
        "https://example.com/tracker.js"
    ]


def test_local_page_makes_no_external_requests(page: Page, site: str) -> None:
    assert external_requests(page, site + "/good/", host_of(site)) == []
