"""`build` after a change keeps the files that did not change: same bytes, same modification
time, same inode (hard-linked from the previous output), so rsync-style deploys send only
what changed; and whatever happened to the manifest or the output meanwhile, the result is
byte for byte a clean build of the same files (glasnost/manifest.py, write.OutputWriter).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from glasnost import render
from glasnost.search import pagefind_command
from tests.conftest import REPO, BuildRun
from tests.support.outputs import FileState, contents, tree

BASIC = REPO / "tests" / "fixtures" / "spine" / "basic"
# The output-folder marker is linked whenever it holds its fixed text, manifest or not.
MARKER = ".glasnost-output"
NEWS = "content/news/plan-utverzhden.md"
# What a new title of that news item changes: its page and JSON copy, and whatever lists
# it: the news list (and its JSON copy), the home page's latest news, the site's and the
# news section's RSS and Atom feeds, the API catalogue. Nothing else.
CHANGED = {
    "news/plan-utverzhden/index.html",
    "news/plan-utverzhden/index.json",
    "news/index.html",
    "news/index.json",
    "index.html",
    "feed.xml",
    "atom.xml",
    "news/feed.xml",
    "news/atom.xml",
    "api/v1/index.json",
}
# Never touched by that edit: other pages, attachments, static files, the marker.
UNCHANGED = {
    "about/index.html",
    "contacts/index.html",
    "404.html",
    "robots.txt",
    "files/gerb.gif",
    MARKER,
}

Builder = Callable[..., BuildRun]


@pytest.fixture
def site(tmp_path: Path, user_cache: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(BASIC, target)
    return target


def manifests(cache: Path) -> list[Path]:
    return sorted(cache.rglob("output-manifests/*.json"))


def retitle(site: Path, title: str) -> None:
    path = site / NEWS
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("title: Утверждён план мероприятий", f"title: {title}", 1), encoding="utf-8"
    )


def clean_build(run_build: Builder, site: Path, tmp_path: Path, name: str = "clean") -> BuildRun:
    """A build of the same files into a new folder: nothing to keep, everything written."""
    run = run_build(site, "build", tmp_path / name)
    assert run.code == 0, run.stderr
    return run


def rebuilt_equals_clean(run: BuildRun, clean: BuildRun) -> dict[str, FileState]:
    assert run.code == 0, run.stderr
    after = tree(run.out)
    assert contents(after) == contents(tree(clean.out))
    return after


@pytest.fixture(params=["one process", "forked workers"])
def render_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Item pages are written by the build itself, or (large sites) by forked workers;
    the threshold lowered so that the small site takes the workers' path too."""
    if request.param == "forked workers":
        if (os.cpu_count() or 1) < 2:
            pytest.skip("one CPU: the build never forks workers here")
        monkeypatch.setattr(render, "PARALLEL_PAGES", 1)
    return str(request.param)


def test_one_file_edit_keeps_every_unchanged_file(
    run_build: Builder, site: Path, tmp_path: Path, render_mode: str
) -> None:
    first = run_build(site, "build", site / "output")
    assert first.code == 0, first.stderr
    before = tree(first.out)
    retitle(site, "Новое название плана мероприятий")

    again = run_build(site, "build", site / "output")
    after = rebuilt_equals_clean(again, clean_build(run_build, site, tmp_path))

    changed = {p for p in after if p not in before or after[p][0] != before[p][0]}
    assert changed == CHANGED
    assert not changed & UNCHANGED
    for path in changed & before.keys():  # written fresh: a new file
        assert after[path][1] != before[path][1], path
    kept = set(after) - changed
    assert kept >= UNCHANGED
    assert len(kept) > 3 * len(changed)  # most of the site stayed as it was
    for path in kept:
        assert after[path][1:] == before[path][1:], f"{path} was rewritten"


def test_a_rebuild_without_changes_rewrites_nothing(run_build: Builder, site: Path) -> None:
    first = run_build(site, "build", site / "output")
    before = tree(first.out)
    again = run_build(site, "build", site / "output")
    assert again.code == 0, again.stderr
    assert tree(again.out) == before  # bytes, inodes and modification times


def test_garbage_manifest_means_every_file_written_fresh(
    run_build: Builder, site: Path, tmp_path: Path, user_cache: Path
) -> None:
    first = run_build(site, "build", site / "output")
    before = tree(first.out)
    (record,) = manifests(user_cache)
    record.write_bytes(b'\x80\x04garbage{"files": [')
    retitle(site, "Другое название")

    again = run_build(site, "build", site / "output")
    after = rebuilt_equals_clean(again, clean_build(run_build, site, tmp_path))
    assert all(after[p][1] != before[p][1] for p in (after.keys() & before.keys()) - {MARKER})
    # ... and the next build has a good record again.
    assert run_build(site, "build", site / "output").code == 0
    assert tree(again.out) == after


def test_manifest_of_another_engine_version_is_not_used(
    run_build: Builder, site: Path, tmp_path: Path, user_cache: Path
) -> None:
    first = run_build(site, "build", site / "output")
    before = tree(first.out)
    (record,) = manifests(user_cache)
    data = json.loads(record.read_bytes())
    data["fingerprint"]["glasnost"] = "0.0.1"
    record.write_text(json.dumps(data), encoding="utf-8")

    again = run_build(site, "build", site / "output")
    after = rebuilt_equals_clean(again, clean_build(run_build, site, tmp_path))
    assert all(after[p][1] != before[p][1] for p in set(after) - {MARKER})


def test_output_files_edited_by_hand_are_written_again(
    run_build: Builder, site: Path, tmp_path: Path
) -> None:
    out = site / "output"
    first = run_build(site, "build", out)
    before = tree(first.out)
    # In place: same inode, same size, only the modification time tells.
    about = out / "about" / "index.html"
    with about.open("r+b") as stream:
        stream.seek(0)
        stream.write(b"X")
    # Replaced by another file of the same size (a new inode).
    robots = out / "robots.txt"
    replacement = out / "robots.new"
    replacement.write_bytes(robots.read_bytes().upper())
    replacement.replace(robots)
    (out / "contacts" / "index.html").unlink()
    # A link planted where a page was: never followed, never linked to.
    page = out / "404.html"
    page.unlink()
    page.symlink_to(site / "site_config.yaml")

    again = run_build(site, "build", out)
    after = rebuilt_equals_clean(again, clean_build(run_build, site, tmp_path))
    assert not (out / "404.html").is_symlink()
    assert after["about/index.html"][1] != before["about/index.html"][1]
    assert after["files/gerb.gif"][1:] == before["files/gerb.gif"][1:]  # untouched: kept


def test_each_output_folder_has_its_own_manifest(
    run_build: Builder, site: Path, tmp_path: Path, user_cache: Path
) -> None:
    one, two = site / "output", tmp_path / "elsewhere"
    run_build(site, "build", one)
    kept = tree(one)
    run_build(site, "build", two)
    assert len(manifests(user_cache)) == 2
    again = run_build(site, "build", one)
    assert tree(again.out) == kept  # building elsewhere did not spoil this folder's record


def test_the_cache_holds_plain_json_and_no_pickle(
    run_build: Builder, site: Path, user_cache: Path
) -> None:
    run_build(site, "build", site / "output")
    (record,) = manifests(user_cache)
    data = json.loads(record.read_text(encoding="utf-8"))
    assert "news/plan-utverzhden/index.html" in data["files"]
    for path in user_cache.rglob("*"):
        assert not path.name.endswith((".pickle", ".pkl")), path
        if path.is_file():
            assert not path.read_bytes().startswith(b"\x80"), f"{path} looks like a pickle"
    assert not list(site.rglob("output-manifests")), "never inside the site folder"


def test_check_writes_no_manifest(run_build: Builder, site: Path, user_cache: Path) -> None:
    run = run_build(site, "check")
    assert run.code == 0, run.stderr
    assert manifests(user_cache) == []
    built = run_build(site, "build", site / "output")
    (record,) = manifests(user_cache)
    saved, before = record.read_bytes(), tree(built.out)
    retitle(site, "Проверка без записи")
    assert run_build(site, "check").code == 0
    assert record.read_bytes() == saved
    assert tree(built.out) == before


@pytest.mark.skipif(pagefind_command() is None, reason="pagefind is not installed")
def test_search_index_files_keep_their_times(run_build: Builder, site: Path) -> None:
    first = run_build(site, "build", site / "output", True)
    assert first.code == 0, first.stderr
    before = tree(first.out)
    assert any(p.startswith("pagefind/") for p in before)
    again = run_build(site, "build", site / "output", True)
    assert again.code == 0, again.stderr
    after = tree(again.out)
    assert contents(after) == contents(before)
    for path, state in after.items():
        assert state[1:] == before[path][1:], f"{path} was rewritten"
