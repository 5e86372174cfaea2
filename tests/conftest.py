"""Shared test helpers: build a site in-process and read what it wrote."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from glasnost.cli import main
from tests.support import vnu
from tests.support.runs import FIXED_EPOCH, BuildRun, assert_failed_without_output

pytest_plugins = ["tests.support.browser"]

REPO = Path(__file__).resolve().parent.parent

__all__ = ["FIXED_EPOCH", "REPO", "BuildRun", "assert_failed_without_output", "iter_html"]


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)


@pytest.fixture
def run_build(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., BuildRun]:
    """Run `build.py` in-process: run_build(site_dir, "check", out=..., search=False)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH", FIXED_EPOCH))

    def run(
        site: Path,
        command: str = "build",
        out: Path | None = None,
        search: bool = False,
        *extra: str,
    ) -> BuildRun:
        target = out or site / "output"
        argv = [command, "--site", str(site), "--out", str(target), *extra]
        if not search:
            argv.append("--no-search")
        capsys.readouterr()
        code = main(argv)
        captured = capsys.readouterr()
        return BuildRun(code, captured.err, captured.out, target)

    return run


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write a small site from {relative path: text}; text is dedented."""

    def make(files: dict[str, str], config: str | None = None) -> Path:
        site = tmp_path / "site"
        site.mkdir(exist_ok=True)
        (site / "site_config.yaml").write_text(
            textwrap.dedent(config or "title: Тестовый сайт\nbase_url: https://test.example.ru/\n"),
            encoding="utf-8",
        )
        for rel, text in files.items():
            path = site / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return site

    return make


@pytest.fixture
def copy_site(tmp_path: Path) -> Callable[[Path], Path]:
    """A copy of a real site (the demo or an example) that a test may break."""

    def copy(source: Path) -> Path:
        target = tmp_path / source.name
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("output", ".glasnost-cache"))
        return target

    return copy


def iter_html(out: Path) -> Iterator[Path]:
    yield from sorted(p for p in out.rglob("*.html") if "pagefind" not in p.parts)


BROWSER_FIXTURES = frozenset({"browser", "page"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that gets a chromium (directly or through another fixture) is `browser`."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


def pytest_runtest_setup(item: pytest.Item) -> None:
    # The quick loop deselects `vnu`: a test that runs the checker unmarked would slip in.
    vnu.MARKED_TEST = item.get_closest_marker("vnu") is not None


def pytest_runtest_teardown(item: pytest.Item) -> None:
    vnu.MARKED_TEST = None


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's own per-user cache folder (GLASNOST_CACHE_DIR), empty at the start. (Not
    named `cache`: that is pytest's own fixture.)"""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("GLASNOST_CACHE_DIR", str(folder))
    return folder
