"""Reproducible builds: same sources and SOURCE_DATE_EPOCH give the same bytes, wherever
the output goes, and no path of the build machine leaks into what is published."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from glasnost.cache import site_cache_dir
from tests.conftest import BuildRun
from tests.fixtures.spine.checks import BASIC, diff_snapshots, snapshot


def test_two_builds_are_byte_identical_even_into_another_folder(
    run_build: Callable[..., BuildRun], copy_site: Callable[[Path], Path], tmp_path: Path
) -> None:
    site = copy_site(BASIC)
    first = run_build(site)  # renders the Markdown and fills the cache
    second = run_build(site, "build", tmp_path / "elsewhere" / "public")  # from the cache
    shutil.rmtree(site_cache_dir(site))  # the per-user cache (glasnost/cache.py)
    third = run_build(site, "build", tmp_path / "third")  # renders again
    assert (first.code, second.code, third.code) == (0, 0, 0), first.stderr
    files = snapshot(first.out)
    assert len(files) > 40
    assert diff_snapshots(files, snapshot(second.out)) == []
    assert diff_snapshots(files, snapshot(third.out)) == []


def test_no_path_of_the_build_machine_is_published(
    run_build: Callable[..., BuildRun], copy_site: Callable[[Path], Path], tmp_path: Path
) -> None:
    site = copy_site(BASIC)
    out = tmp_path / "public-output-folder"
    run = run_build(site, "build", out)
    assert run.code == 0, run.stderr
    leaks = [
        rel
        for rel, data in snapshot(out).items()
        for needle in (str(site), str(out), str(tmp_path), "public-output-folder", str(Path.home()))
        if needle.encode() in data
    ]
    assert leaks == []


def test_rebuild_replaces_the_output_whole(
    run_build: Callable[..., BuildRun], copy_site: Callable[[Path], Path]
) -> None:
    site = copy_site(BASIC)
    assert run_build(site).code == 0
    stray = site / "output" / "stale.html"
    stray.write_text("старое", encoding="utf-8")
    (site / "content" / "news" / "plan-utverzhden.md").unlink()
    run = run_build(site)
    assert run.code == 1  # about.md links the removed news item
    assert (
        "content/pages/about.md:11: ошибка: ссылка на несуществующую страницу или файл"
        in run.stderr
    )
    assert stray.exists()  # a failed build changes nothing
    about = site / "content" / "pages" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8").replace("../news/plan-utverzhden.md", "/news/"),
        encoding="utf-8",
    )
    fixed = run_build(site)
    assert fixed.code == 0, fixed.stderr
    assert not stray.exists()  # a good build publishes exactly what the sources say
    assert not (site / "output" / "news" / "plan-utverzhden").exists()
    # No staging folder is left behind; the replaced site is deleted in the background.
    deadline = time.monotonic() + 20
    while True:
        leftovers = [p.name for p in site.iterdir() if p.name.startswith(".output")]
        if not leftovers or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert leftovers == []
