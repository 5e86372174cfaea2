"""Real sites for page tests: the demo and every example, each built once per session.

Usage (a session-scoped fixture per site, shared by all test modules and xdist workers)::

    from tests.support.sites import built_site  # noqa: F401  (pytest fixture)

    def test_pages(built_site: BuiltSite) -> None:   # runs once per site
        for url in built_site.urls: ...

The first worker that needs a site builds it (with the Pagefind index) into the
session's shared temporary folder under a file lock; the others reuse that build.
A site whose build fails fails every test that uses it, with the build's messages.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support import REPO_ROOT
from tests.support.server import serve_directory

__all__ = [
    "SITES",
    "BuiltSite",
    "BuildFailed",
    "build_site",
    "built_site",
    "demo_site",
    "page_urls",
    "sample_pages",
]

FIXED_EPOCH = "1795000000"  # the same fixed "now" as tests/conftest.py (2026-11-18)
EXAMPLES = REPO_ROOT / "examples"


def _sites() -> dict[str, Path]:
    """The demo and every example; GLASNOST_TEST_SITES="demo=DIR,other=DIR" replaces them
    (to run the page tests on another site, or on one site only)."""
    chosen = os.environ.get("GLASNOST_TEST_SITES", "").strip()
    if chosen:
        pairs = (entry.split("=", 1) for entry in chosen.split(",") if entry.strip())
        return {name.strip(): Path(path.strip()).resolve() for name, path in pairs}
    return {
        "demo": REPO_ROOT,
        **{p.name: p for p in sorted(EXAMPLES.iterdir()) if (p / "site_config.yaml").is_file()},
    }


SITES: dict[str, Path] = _sites()


class BuildFailed(RuntimeError):
    pass


def _shared_root(factory: pytest.TempPathFactory) -> Path:
    base = factory.getbasetemp()
    # Under xdist every worker has its own basetemp inside one shared parent.
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    target = root / "glasnost-sites"
    target.mkdir(exist_ok=True)
    return target


def build_site(name: str, root: Path, search: bool = True) -> Path:
    """Build site ``name`` into ``root/name`` once; later calls (any process) reuse it."""
    out = root / name
    done, failed = root / f"{name}.done", root / f"{name}.failed"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if failed.is_file():
            raise BuildFailed(failed.read_text(encoding="utf-8"))
        if not done.is_file():
            argv = [
                sys.executable,
                str(REPO_ROOT / "build.py"),
                "build",
                "--site",
                str(SITES[name]),
                "--out",
                str(out),
            ]
            if not search:
                argv.append("--no-search")
            env = {**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH}
            proc = subprocess.run(
                argv,
                capture_output=True,
                text=True,
                env=env,
                cwd=REPO_ROOT,
                timeout=600,
                check=False,
            )
            if proc.returncode != 0:
                message = f"build of {name} ({SITES[name]}) failed:\n{proc.stderr}{proc.stdout}"
                failed.write_text(message, encoding="utf-8")
                raise BuildFailed(message)
            done.write_text("ok", encoding="utf-8")
    return out


def page_urls(out: Path) -> list[str]:
    """URL paths of every HTML page of a built site (Pagefind's own files excluded)."""
    urls = []
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out)
        if rel.parts[0] == "pagefind":
            continue
        text = rel.as_posix()
        urls.append(
            "/" + text.removesuffix("index.html") if text.endswith("index.html") else "/" + text
        )
    return urls


def sample_pages(out: Path) -> dict[str, str]:
    """One page of each kind: home, each type's list and first item, search, a missing page."""
    pages = {"home": "/"}
    catalogue = json.loads((out / "api" / "v1" / "index.json").read_text(encoding="utf-8"))
    for collection in catalogue.get("collections", []):
        kind = str(collection.get("type"))
        items = collection.get("items") or []
        if items:
            pages[kind] = urlsplit(str(items[0]["url"])).path
            list_url = urlsplit(str(collection.get("url", ""))).path
            if (out / list_url.lstrip("/") / "index.html").is_file():
                pages[f"{kind}-list"] = list_url
    if (out / "search" / "index.html").is_file():
        pages["search"] = "/search/"
    pages["404"] = "/no-such-page/"  # served with the site's 404.html
    return pages


@dataclass
class BuiltSite:
    name: str
    out: Path
    base_url: str
    urls: list[str] = field(default_factory=list)
    samples: dict[str, str] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture(scope="session", params=list(SITES))
def built_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BuiltSite]:
    """Each site (demo, examples/*) built once with search and served on 127.0.0.1."""
    yield from _serve(str(request.param), tmp_path_factory)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The demo site alone (built once, shared with ``built_site``)."""
    yield from _serve("demo", tmp_path_factory)


def _serve(name: str, factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    try:
        out = build_site(name, _shared_root(factory))
    except BuildFailed as exc:
        failure = str(exc)
    else:
        failure = ""
    if failure:
        pytest.fail(failure, pytrace=False)
    with serve_directory(out) as base_url:
        yield BuiltSite(name, out, base_url, page_urls(out), sample_pages(out))
