"""`build` after a change renders only what changed, and its output is always a clean
build's, byte for byte (glasnost/outputgroups.py, glasnost/manifest.py).

The demo site is built, edited step by step (a news item, a plan, a template, the
config, a rename, a deletion, an addition that pushes an item to the list's second
page), and built again after each step; each result is compared with a build of the same
files into a fresh folder with no cache at all. Unchanged pages must keep their inode and
modification time (they were linked, not rendered), and `BuildResult.rendered` says how
many files the build rendered.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from glasnost import manifest, render
from glasnost.pipeline import BuildOptions, BuildResult, build
from glasnost.site import Item, Site
from glasnost.write import OutputWriter
from tests.conftest import REPO
from tests.support.outputs import FileState, tree
from tests.test_incremental import SITES, Editor, copy_site

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
NEWS = "content/news/itogi-oprosov-2021.md"
NEWS_PAGE = "news/itogi-oprosov-2021/index.html"
OTHER_NEWS_PAGE = "news/kadrovyj-potencial-2022-h1/index.html"
PLAN = "content/plans/levokumsky-open-government.yaml"
PLAN_PAGE = "plans/levokumsky-open-government/index.html"
MEETING_PAGE = "meetings/priem-glavy-2022-h1/index.html"


@pytest.fixture
def demo(tmp_path: Path, user_cache: Path) -> Path:
    """The demo site, its news list 8 to a page: exactly full, one more makes a page 2."""
    site = tmp_path / "demo"
    for part in ("content", "templates"):
        shutil.copytree(REPO / part, site / part)
    config = (REPO / "site_config.yaml").read_text(encoding="utf-8")
    (site / "site_config.yaml").write_text(config + "page_size: 8\n", encoding="utf-8")
    assert len(list((site / "content" / "news").glob("*.md"))) == 8
    return site


def built(site: Path, out: Path, cache: bool = True) -> BuildResult:
    # Two workers on any runner: above render.PARALLEL_PAGES changed pages they are forked.
    options = BuildOptions(
        site_dir=site, out_dir=out, now=NOW, search=False, cache=cache, workers=2
    )
    result = build(options)
    assert result.ok, result.diagnostics.as_dicts("en")
    return result


class Steps:
    """The demo built in its own output after each edit, checked against a clean build."""

    def __init__(self, site: Path, tmp_path: Path) -> None:
        self.site = site
        self.tmp_path = tmp_path
        self.out = site / "output"
        self.count = 0
        first = built(site, self.out)
        self.everything = first.rendered  # a first build renders every file
        self.state = tree(self.out)
        self.always = built(site, self.out).rendered  # what even an unchanged site renders
        assert tree(self.out) == self.state, "a build without changes rewrote files"

    def rebuild(self) -> tuple[BuildResult, dict[str, FileState], dict[str, FileState]]:
        """Build again; (result, files before, files after), the latter equal to a clean
        build's, byte for byte."""
        self.count += 1
        result = built(self.site, self.out)
        clean_out = self.tmp_path / f"clean-{self.count}"
        clean = built(self.site, clean_out, cache=False)
        before, after = self.state, tree(self.out)
        assert {p: s[0] for p, s in after.items()} == {p: s[0] for p, s in tree(clean_out).items()}
        assert clean.rendered == len(after) - 1  # the output marker is not rendered
        self.state = after
        return result, before, after

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.site / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def kept(before: dict[str, FileState], after: dict[str, FileState], path: str) -> bool:
    """The file was not rewritten: same inode and modification time as before."""
    return path in before and after[path][1:] == before[path][1:]


def test_each_edit_builds_what_a_clean_build_does_rendering_little(
    demo: Path, tmp_path: Path
) -> None:
    steps = Steps(demo, tmp_path)
    assert steps.always < steps.everything

    # A news item's title: its page and its list page (and what is always rendered).
    steps.edit(NEWS, "title: Подведены итоги", "title: Подведены новые итоги")
    result, before, after = steps.rebuild()
    assert "Подведены новые итоги" in after[NEWS_PAGE][0].decode()
    assert result.rendered == steps.always + 4  # page + JSON copy, list page + JSON copy
    assert not kept(before, after, NEWS_PAGE)
    for page in (OTHER_NEWS_PAGE, PLAN_PAGE, MEETING_PAGE):
        assert kept(before, after, page), page
    assert "Подведены новые итоги" in after["index.html"][0].decode()  # the home page
    assert "Подведены новые итоги" in after["feed.xml"][0].decode()  # and the feeds
    assert "Подведены новые итоги" in after["news/atom.xml"][0].decode()

    # A plan's summary: the plan's page, not the news.
    steps.edit(PLAN, "План утвержден распоряжением", "План утверждён распоряжением")
    result, before, after = steps.rebuild()
    assert "План утверждён распоряжением" in after[PLAN_PAGE][0].decode()
    assert result.rendered <= steps.always + 8
    assert kept(before, after, NEWS_PAGE) and kept(before, after, MEETING_PAGE)

    # The site's own news template: every news page, nothing else.
    steps.edit("templates/news.html", "{% block main %}", "{% block main %}<!-- v2 -->")
    result, before, after = steps.rebuild()
    news_pages = [p for p in after if p.startswith("news/") and p.endswith("/index.html")]
    assert all(b"<!-- v2 -->" in after[p][0] for p in news_pages if p.count("/") == 2)
    assert not kept(before, after, NEWS_PAGE) and kept(before, after, PLAN_PAGE)
    # Eight items' pages and JSON copies; and the list page, whose fingerprint holds its
    # items' (depends.py): rendered, its bytes equal, so linked all the same.
    assert result.rendered == steps.always + 2 * 8 + 2
    assert kept(before, after, "news/index.html")

    # The config: every page reads it.
    steps.edit("site_config.yaml", "short_title: Левокумский округ", "short_title: Левокумка")
    result, before, after = steps.rebuild()
    assert "Левокумка" in after[PLAN_PAGE][0].decode()
    assert not kept(before, after, PLAN_PAGE) and not kept(before, after, OTHER_NEWS_PAGE)
    assert result.rendered == steps.everything

    # A rename: the old address is gone, the new one there, the rest linked.
    (demo / NEWS).rename(demo / "content/news/itogi-oprosov.md")
    result, before, after = steps.rebuild()
    assert NEWS_PAGE not in after and "news/itogi-oprosov/index.html" in after
    assert kept(before, after, OTHER_NEWS_PAGE) and kept(before, after, PLAN_PAGE)
    assert result.rendered <= steps.always + 6

    # A deletion.
    (demo / "content/news/itogi-oprosov.md").unlink()
    result, before, after = steps.rebuild()
    assert "news/itogi-oprosov/index.json" not in after
    assert kept(before, after, OTHER_NEWS_PAGE)
    assert result.rendered <= steps.always + 2


def test_a_new_item_pushes_the_oldest_to_page_two(demo: Path, tmp_path: Path) -> None:
    steps = Steps(demo, tmp_path)
    assert "news/page/2/index.html" not in steps.state
    oldest = "news/plan-otkrytoe-pravitelstvo-utverzhden/index.html"  # 2021: the list's last
    assert b"/news/plan-otkrytoe-pravitelstvo-utverzhden/" in steps.state["news/index.html"][0]
    (demo / "content/news/novaya.md").write_text(
        "---\ntitle: Новая новость\ndate: 2026-11-28\nsummary: Самая свежая.\n---\nТекст.\n",
        encoding="utf-8",
    )
    result, before, after = steps.rebuild()
    assert b"/news/plan-otkrytoe-pravitelstvo-utverzhden/" not in after["news/index.html"][0]
    assert b"/news/plan-otkrytoe-pravitelstvo-utverzhden/" in after["news/page/2/index.html"][0]
    assert b"/news/page/2/" in after["news/index.html"][0]  # the pagination links it
    assert kept(before, after, oldest) and kept(before, after, PLAN_PAGE)
    assert b"novaya" in after["index.html"][0] and b"novaya" in after["news/feed.xml"][0]
    # The new item's page, both list pages, each with its JSON copy.
    assert result.rendered == steps.always + 6

    # And back: the item removed, the second page goes.
    (demo / "content/news/novaya.md").unlink()
    result, before, after = steps.rebuild()
    assert "news/page/2/index.html" not in after
    assert kept(before, after, oldest)


def test_changed_items_go_to_forked_workers_and_the_others_stay(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the threshold, only the changed items are sent to the workers."""
    monkeypatch.setattr(render, "PARALLEL_PAGES", 2)
    steps = Steps(demo, tmp_path)
    steps.edit(NEWS, "title: Подведены итоги", "title: Подведены новые итоги")
    steps.edit(PLAN, "План утвержден распоряжением", "План утверждён распоряжением")
    sent: list[int] = []
    real = render._render_items_in_workers

    def counting(site: Site, writer: OutputWriter, items: list[Item], workers: int) -> Any:
        sent.append(len(items))
        return real(site, writer, items, workers)

    monkeypatch.setattr(render, "_render_items_in_workers", counting)
    result, before, after = steps.rebuild()  # two changed items: rendered by workers
    # rebuild() builds twice: the edited items (and the neighbours showing their titles)
    # went to the workers, its clean twin sent every item.
    assert len(sent) == 2 and 2 <= sent[0] < sent[1]
    assert not kept(before, after, NEWS_PAGE) and not kept(before, after, PLAN_PAGE)
    assert kept(before, after, OTHER_NEWS_PAGE) and kept(before, after, MEETING_PAGE)
    # ... and the groups they rendered are recorded: unchanged next time.
    again, before, after = steps.rebuild()
    assert again.rendered == steps.always
    assert kept(before, after, NEWS_PAGE) and kept(before, after, PLAN_PAGE)


def only_manifest(cache: Path) -> Path:
    (record,) = sorted(cache.rglob(f"{manifest.FOLDER}/*.json"))
    return record


def rewrite(record: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(record.read_bytes())
    change(data)
    record.write_text(json.dumps(data), encoding="utf-8")


def truncated(record: Path) -> None:
    record.write_bytes(b'{"fingerprint": {"format": "2"}, "groups": {"item:')


def a_group_names_a_file_the_record_lacks(record: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        files = data["groups"]["item:news/kadrovyj-potencial-2022-h1"][1]
        assert files == [OTHER_NEWS_PAGE, OTHER_NEWS_PAGE.replace("html", "json")]
        files.append("news/elsewhere/index.html")

    rewrite(record, change)


def of_other_engine_code(record: Path) -> None:
    # The version number stays the same between commits; the engine's digest does not.
    def change(data: dict[str, Any]) -> None:
        assert data["fingerprint"]["engine"] == manifest.engine_digest(render.ENGINE_TEMPLATES)
        data["fingerprint"]["engine"] = "0" * 32

    rewrite(record, change)


OUTSIDE = ["../outside.html", "/etc/hostname", "news//index.html", "./x"]


def naming_outside(bad: str) -> Callable[[Path], None]:
    """The manifest only ever names files inside the output: one that does not is foreign."""

    def change(data: dict[str, Any]) -> None:
        data["files"][bad] = data["files"][OTHER_NEWS_PAGE]

    return lambda record: rewrite(record, change)


@pytest.mark.parametrize(
    "spoil",
    [
        truncated,
        a_group_names_a_file_the_record_lacks,
        of_other_engine_code,
        *(
            naming_outside(bad)
            for bad in ["../outside.html", "/etc/hostname", "news//index.html", "./x"]
        ),
    ],
    ids=[
        "truncated",
        "group-names-unknown-file",
        "other-engine",
        "outside-dotdot",
        "outside-absolute",
        "outside-double-slash",
        "outside-dot",
    ],
)
def test_an_untrustworthy_manifest_means_a_full_correct_build(
    demo: Path, tmp_path: Path, user_cache: Path, spoil: Callable[[Path], None]
) -> None:
    steps = Steps(demo, tmp_path)
    spoil(only_manifest(user_cache))
    result, before, after = steps.rebuild()
    assert result.rendered == steps.everything
    assert not kept(before, after, OTHER_NEWS_PAGE)  # rendered and written fresh


def test_the_engine_digest_follows_the_engine_files(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    (templates / "partials").mkdir(parents=True)
    (templates / "partials" / "x.html").write_text("a", encoding="utf-8")
    first = manifest.engine_digest(templates)
    assert manifest.engine_digest(templates) == first
    (templates / "partials" / "x.html").write_text("b", encoding="utf-8")
    assert manifest.engine_digest(templates) != first


def test_a_page_edited_by_hand_is_rendered_again(demo: Path, tmp_path: Path) -> None:
    """An unchanged item whose page was edited in the output: its group is not linked."""
    steps = Steps(demo, tmp_path)
    page = steps.out / OTHER_NEWS_PAGE
    with page.open("r+b") as stream:  # same inode, same size: only the time tells
        stream.write(b"X")
    json_copy = steps.out / OTHER_NEWS_PAGE.replace("html", "json")
    json_copy.unlink()
    result, before, after = steps.rebuild()
    assert after[OTHER_NEWS_PAGE][0] != b"X" + before[OTHER_NEWS_PAGE][0][1:]
    assert after[OTHER_NEWS_PAGE][1] != before[OTHER_NEWS_PAGE][1]  # a new file
    assert result.rendered == steps.always + 2  # its group: page and JSON copy
    assert kept(before, after, NEWS_PAGE)


def test_a_changed_data_file_changes_its_dataset_pages(demo: Path, tmp_path: Path) -> None:
    """A data set's CSV is not its YAML: editing only the CSV still shows on its pages."""
    steps = Steps(demo, tmp_path)
    csv = "content/datasets/activity-indicators/data-20220715.csv"
    steps.edit(csv, "повышения квалификации,9,чел.", "повышения квалификации,11,чел.")
    _, before, after = steps.rebuild()  # equal to a clean build: the check is in rebuild()
    changed = {p for p in after if p in before and after[p][0] != before[p][0]}
    assert any(p.endswith(".csv") for p in changed)
    assert kept(before, after, NEWS_PAGE)


@pytest.mark.parametrize(
    ("name", "seed", "workers"),
    [
        ("demo", 21, False),
        ("zelenoborsk", 22, True),
        pytest.param("sosnovsky", 23, False, marks=pytest.mark.soak),  # `make soak`
    ],
)
def test_random_edit_sequences_build_what_a_clean_build_does(
    tmp_path: Path,
    user_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    seed: int,
    workers: bool,
) -> None:
    """The preview's seeded editor (tests/test_incremental.py: edits, additions, renames,
    deletions, templates, config, a broken file and its repair), each step built into the
    same output with the manifest and compared with a clean build: same diagnostics, and
    when it succeeds, the same bytes; when it fails, the previous output stays."""
    if workers:  # the changed items of every step go to forked workers
        monkeypatch.setattr(render, "PARALLEL_PAGES", 1)
    site = copy_site(SITES[name], tmp_path / "site")
    out = tmp_path / "output"
    editor = Editor(site, seed)
    history = ["start"]
    for step in range(11):
        if step:
            history.append(editor.apply())
        where = f"{name}, seed {seed}, after: {'; '.join(history)}"
        before = tree(out) if out.exists() else {}
        got = build(BuildOptions(site_dir=site, out_dir=out, now=NOW, search=False, workers=2))
        clean_out = tmp_path / f"clean-{step}"
        options = BuildOptions(site_dir=site, out_dir=clean_out, now=NOW, search=False)
        options.cache = False
        expected = build(options)
        assert got.diagnostics.items == expected.diagnostics.items, where
        assert got.ok == expected.ok, where
        if expected.ok:
            files = {p: s[0] for p, s in tree(out).items()}
            assert files == {p: s[0] for p, s in tree(clean_out).items()}, where
        else:
            assert tree(out) == before, where  # untouched: bytes, inodes, times
        shutil.rmtree(clean_out, ignore_errors=True)
