"""Real sites, each built once per session and shared by every test and xdist worker.

Two fixtures::

    from tests.support.sites import built_site, site_builds  # noqa: F401  (pytest fixtures)

    def test_pages(built_site: BuiltSite) -> None:      # the demo and each example, served
        for url in built_site.urls: ...

    def test_plan(site_builds: SiteBuilds) -> None:     # any site by name, not served
        run = site_builds("sosnovsky")                  # a BuildRun: code, stderr, out, read()

The first worker that needs a site builds it (with the Pagefind index, at the fixed
"now" FIXED_EPOCH) into the session's shared temporary folder under a file lock; the
others read that build, its exit code and its messages. A site whose build fails fails
every test that uses it, with the build's messages. Tests must not change a shared build.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support import REPO_ROOT
from tests.support.runs import FIXED_EPOCH, BuildRun
from tests.support.server import serve_directory

__all__ = [
    "FIXTURE_SITES",
    "SITES",
    "BuiltSite",
    "SiteBuilds",
    "build_site",
    "built_site",
    "demo_site",
    "page_urls",
    "sample_pages",
    "site_builds",
]

EXAMPLES = REPO_ROOT / "examples"
# Sites kept for the tests alone; built from a copy, so no cache lands in the repository.
FIXTURE_SITES: dict[str, Path] = {"basic": REPO_ROOT / "tests" / "fixtures" / "spine" / "basic"}

SiteBuilds = Callable[[str], BuildRun]


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


def _source(name: str) -> Path:
    if name in SITES:
        return SITES[name]
    if name in FIXTURE_SITES:
        return FIXTURE_SITES[name]
    if name == "demo":  # GLASNOST_TEST_SITES may leave the demo out of the page tests
        return REPO_ROOT
    return EXAMPLES / name


def _shared_root(factory: pytest.TempPathFactory) -> Path:
    base = factory.getbasetemp()
    # Under xdist every worker has its own basetemp inside one shared parent.
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    target = root / "glasnost-sites"
    target.mkdir(exist_ok=True)
    return target


def build_site(name: str, root: Path) -> BuildRun:
    """Build site ``name`` into ``root/name`` once; later calls (any process) reuse it."""
    out, record = root / name, root / f"{name}.json"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.is_file():
            record.write_text(json.dumps(_build(name, root, out)), encoding="utf-8")
    saved = json.loads(record.read_text(encoding="utf-8"))
    return BuildRun(saved["code"], saved["stderr"], saved["stdout"], out)


def _build(name: str, root: Path, out: Path) -> dict[str, object]:
    site = _source(name)
    if name in FIXTURE_SITES:
        site = shutil.copytree(site, root / f"{name}-site")
    argv = [sys.executable, str(REPO_ROOT / "build.py"), "build", "--site", str(site)]
    proc = subprocess.run(
        [*argv, "--out", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH},
        cwd=REPO_ROOT,
        timeout=600,
        check=False,
    )
    return {"code": proc.returncode, "stderr": proc.stderr, "stdout": proc.stdout}


def successful_build(name: str, root: Path) -> BuildRun:
    run = build_site(name, root)
    if run.code != 0:
        message = f"build of {name} ({_source(name)}) failed:\n{run.stderr}{run.stdout}"
        pytest.fail(message, pytrace=False)
    return run


@pytest.fixture(scope="session")
def site_builds(tmp_path_factory: pytest.TempPathFactory) -> SiteBuilds:
    """site_builds(name): the demo ("demo"), an example or a fixture site, built once."""
    root = _shared_root(tmp_path_factory)
    return lambda name: successful_build(name, root)


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
    out = successful_build(name, _shared_root(factory)).out
    with serve_directory(out) as base_url:
        yield BuiltSite(name, out, base_url, page_urls(out), sample_pages(out))
