"""The preview's incremental rebuild equals a clean build, after any sequence of edits.

A seeded generator edits, adds, renames and deletes content files, edits and adds
templates, edits site_config.yaml, and breaks and repairs files, on copies of the demo
and of an example site. After every step the preview rebuilds (re-reading only what
changed, see glasnost/incremental.py) and a clean `build` of the same files runs into a
fresh folder: the files must be the same bytes and the diagnostics the same, and so must
the item pages the preview renders on request before its full render is done.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from glasnost.incremental import Signature, signature
from glasnost.pipeline import BuildOptions, BuildResult, build
from glasnost.render import ENGINE_TEMPLATES
from glasnost.serve.http import read_content
from glasnost.serve.memory import EarlyPages
from glasnost.serve.memory import item_pages as page_paths
from glasnost.serve.preview import Preview
from glasnost.site import Site
from tests.conftest import REPO

# Written by every build for the output-folder guard (see the hardening rules); not a page.
MARKERS = {".glasnost-output"}
SITES = {
    "demo": REPO,
    "zelenoborsk": REPO / "examples" / "zelenoborsk",
    "sosnovsky": REPO / "examples" / "sosnovsky",
}


def copy_site(source: Path, target: Path) -> Path:
    target.mkdir()
    shutil.copytree(source / "content", target / "content")
    shutil.copy(source / "site_config.yaml", target / "site_config.yaml")
    if (source / "templates").is_dir() and source != REPO:  # the demo's are the engine's
        shutil.copytree(source / "templates", target / "templates")
    return target


def options(site: Path, out: Path) -> BuildOptions:
    return BuildOptions(
        site_dir=site, out_dir=out, search=False, cache=False, save_cache=False, workers=1
    )


def clean_build(site: Path, out: Path) -> tuple[BuildResult, dict[str, bytes]]:
    result = build(options(site, out))
    files: dict[str, bytes] = {}
    if result.ok:
        for path in sorted(out.rglob("*")):
            if path.is_file() and path.name not in MARKERS:
                files[path.relative_to(out).as_posix()] = path.read_bytes()
    return result, files


def rebuilt(preview: Preview) -> BuildResult:
    result = preview.rebuild()
    assert result is not None  # nothing can cut it short here
    return result


def preview_files(preview: Preview) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for path, content in preview.files.items():
        body = read_content(content)
        assert body is not None, path
        files[path] = body
    return files


class Editor:
    """Random edits a press secretary (or a careless one) makes, reproducible by seed."""

    def __init__(self, site: Path, seed: int) -> None:
        self.site = site
        self.rng = random.Random(seed)
        self.step = 0
        self.broken: tuple[Path, str] | None = None  # a file broken on purpose, to repair
        # Every kind of edit once, in a seeded order, before random ones: a short
        # sequence still covers them all.
        self.first = [
            self.retitle,
            self.body,
            self.add,
            self.rename,
            self.delete,
            self.template,
            self.config,
            self.break_,
            self.nested_title,
        ]
        self.rng.shuffle(self.first)

    def content(self, suffixes: tuple[str, ...] = (".md", ".yaml")) -> list[Path]:
        return sorted(p for p in (self.site / "content").rglob("*") if p.suffix in suffixes)

    def unreferenced(self, paths: list[Path]) -> list[Path]:
        """Files no other file names: renaming or deleting them breaks no link."""
        texts = {p: p.read_text(encoding="utf-8") for p in self.content()}
        return [
            p
            for p in paths
            if "pages" not in p.parts and not any(p.stem in t for o, t in texts.items() if o != p)
        ]

    def apply(self) -> str:
        self.step += 1
        if self.broken is not None:  # repair what the previous step broke
            path, text = self.broken
            path.write_text(text, encoding="utf-8")
            self.broken = None
            return f"repair {path.name}"
        if self.first:
            return self.first.pop()()
        actions = [
            self.retitle,
            self.retitle,
            self.body,
            self.add,
            self.rename,
            self.delete,
            self.template,
            self.config,
            self.break_,
            self.nested_title,
        ]
        return self.rng.choice(actions)()

    def retitle(self) -> str:
        path = self.rng.choice(self.content())
        text = path.read_text(encoding="utf-8")
        new, count = re.subn(
            r"^title: .*$", f'title: "Изменённый заголовок {self.step}"', text, count=1, flags=re.M
        )
        path.write_text(new if count else text + "\n", encoding="utf-8")
        return f"retitle {path.name}"

    def nested_title(self) -> str:
        """A title inside a file (a plan's measure, a report's entry): other items show it."""
        files = [
            p
            for p in self.content((".yaml",))
            if re.search(r"^\s+(- )?title: ", p.read_text("utf-8"), re.M)
        ]
        if not files:
            return self.retitle()
        path = self.rng.choice(files)
        text = path.read_text(encoding="utf-8")
        lines = [m for m in re.finditer(r"^(\s+(?:- )?title: ).*$", text, re.M)]
        match = self.rng.choice(lines)
        new = (
            text[: match.start()]
            + match.group(1)
            + f"Пункт, правка {self.step}"
            + text[match.end() :]
        )
        path.write_text(new, encoding="utf-8")
        return f"nested title {path.name}"

    def body(self) -> str:
        path = self.rng.choice(self.content((".md",)))
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\nНовый абзац номер {self.step} с **выделением**.\n")
        return f"body {path.name}"

    def add(self) -> str:
        news = self.content((".md",))
        source = self.rng.choice([p for p in news if "news" in p.parts] or news)
        target = source.with_name(f"novost-{self.step}.md")
        text = source.read_text(encoding="utf-8")
        target.write_text(
            re.sub(r"^title: .*$", f'title: "Новость {self.step}"', text, count=1, flags=re.M),
            encoding="utf-8",
        )
        return f"add {target.name}"

    def rename(self) -> str:
        candidates = self.unreferenced(self.content((".md",)))
        if not candidates:
            return self.body()
        path = self.rng.choice(candidates)
        target = path.with_name(f"pereimenovano-{self.step}{path.suffix}")
        path.rename(target)
        return f"rename {path.name} -> {target.name}"

    def delete(self) -> str:
        candidates = self.unreferenced(self.content((".md",)))
        if len(candidates) < 2:
            return self.body()
        path = self.rng.choice(candidates)
        path.unlink()
        return f"delete {path.name}"

    def template(self) -> str:
        folder = self.site / "templates"
        own = sorted(folder.glob("*.html")) if folder.is_dir() else []
        if own and self.rng.random() < 0.5:
            path = self.rng.choice(own)
        else:  # the site overrides one of the engine's templates
            name = self.rng.choice(["news.html", "page.html", "home.html", "list.html"])
            path = folder / name
            if not path.exists():
                folder.mkdir(exist_ok=True)
                shutil.copy(ENGINE_TEMPLATES / name, path)
        text = path.read_text(encoding="utf-8")
        path.write_text(text + f"\n<!-- правка {self.step} -->\n", encoding="utf-8")
        return f"template {path.name}"

    def config(self) -> str:
        path = self.site / "site_config.yaml"
        text = path.read_text(encoding="utf-8")
        new = re.sub(
            r"^title: .*$", f'title: "Администрация, правка {self.step}"', text, count=1, flags=re.M
        )
        path.write_text(new, encoding="utf-8")
        return "config title"

    def break_(self) -> str:
        path = self.rng.choice(self.content())
        text = path.read_text(encoding="utf-8")
        broken = text.replace("title:", "title: [незакрытая", 1)
        if self.rng.random() < 0.5:
            broken = text.replace("title:", "titel:", 1)  # an unknown field, a missing one
        path.write_text(broken, encoding="utf-8")
        self.broken = (path, text)
        return f"break {path.name}"


def snapshot(site: Path) -> dict[Path, Signature | None]:
    """What a watcher could see: every file of content/ and templates/, and the config."""
    found = [site / "site_config.yaml"]
    for folder in ("content", "templates"):
        found += [p for p in (site / folder).rglob("*") if p.is_file()]
    return {path: signature(path) for path in found}


def changed_between(before: dict[Path, Signature | None], site: Path) -> list[Path]:
    """The files a watcher reports after an edit: changed, added and deleted ones."""
    after = snapshot(site)
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def run_sequence(
    tmp_path: Path, name: str, seed: int, steps: int, fingerprints: bool = True, told: bool = False
) -> None:
    """`told`: each rebuild is told which files changed, as the watcher tells it, and
    must then find no change it was not told of."""
    site = copy_site(SITES[name], tmp_path / "site")
    preview = Preview(options(site, tmp_path / "unused"), fingerprints=fingerprints)
    editor = Editor(site, seed)
    history = ["start"]
    warmed_saved = 0  # steps whose saved items' pages were rendered before they were asked
    for step in range(steps + 1):
        changed: list[Path] | None = None
        if step:
            before = snapshot(site)
            history.append(editor.apply())
            changed = changed_between(before, site) if told else None
        got = preview.rebuild(changed=changed)
        assert got is not None
        assert not preview.missed_changes()
        expected, files = clean_build(site, tmp_path / f"out-{step}")
        where = f"{name}, seed {seed}, fingerprints {fingerprints}, after: {'; '.join(history)}"
        assert got.diagnostics.items == expected.diagnostics.items, where
        assert got.ok == expected.ok, where
        if expected.ok:
            mine = preview_files(preview)
            assert sorted(mine) == sorted(files), where
            different = [p for p in files if mine[p] != files[p]]
            assert not different, f"{where}: {different[:5]}"
            # A page served on request before the full render is the same page.
            assert got.site is not None
            early = EarlyPages(got.site, preview.compiled)
            pages = early.pages()
            assert len(pages) > 4, where
            served = {key: early.get(key) for key in pages}
            assert served == {key: files[key] for key in pages}, where
            assert early.get("sitemap.xml") is None  # left to the full render
            # The pages of the saved items, rendered before their tabs ask: the same.
            warmed = EarlyPages(got.site, preview.compiled)
            warmed.warm(changed or [])
            told_of = set(changed or [])
            saved = {
                page_paths(item)[0]
                for item in got.site.items
                if item.visible and item.source.path in told_of
            }
            assert saved <= set(warmed.rendered), where
            assert warmed.rendered == {key: files[key] for key in warmed.rendered}, where
            warmed_saved += bool(saved)
        shutil.rmtree(tmp_path / f"out-{step}", ignore_errors=True)
    if told:  # told which files changed, some step saved an item (else the above is vacuous)
        assert warmed_saved > 0, history


@pytest.mark.parametrize(
    ("name", "seed", "fingerprints", "told"),
    [
        ("demo", 1, True, False),
        ("zelenoborsk", 2, True, False),
        # Without fingerprints every page is rendered: the plain path, long-run only.
        pytest.param("demo", 3, False, False, marks=pytest.mark.soak),
        ("demo", 4, True, True),
        ("zelenoborsk", 5, True, True),
    ],
)
def test_incremental_rebuild_equals_a_clean_build(
    tmp_path: Path, name: str, seed: int, fingerprints: bool, told: bool
) -> None:
    # Each kind of edit once, and a repair; with fingerprints (glasnost/depends.py) pages
    # whose inputs did not change keep their bytes, and must still equal a clean build.
    # Told which files changed (as by the watcher), the preview looks at those only.
    run_sequence(tmp_path, name, seed, steps=10, fingerprints=fingerprints, told=told)


@pytest.mark.soak
@pytest.mark.parametrize(
    ("name", "seed"), [("demo", 11), ("demo", 12), ("zelenoborsk", 13), ("sosnovsky", 14)]
)
def test_incremental_rebuild_equals_a_clean_build_long(
    tmp_path: Path, name: str, seed: int
) -> None:
    run_sequence(tmp_path, name, seed, steps=25, told=seed % 2 == 0)


def test_a_rebuild_reads_only_the_changed_file(tmp_path: Path) -> None:
    site = copy_site(SITES["demo"], tmp_path / "site")
    count = sum(1 for p in (site / "content").rglob("*") if p.suffix in (".md", ".yaml"))
    time.sleep(1.1)  # files changed within the last second are read again (racy mtimes)
    preview = Preview(options(site, tmp_path / "unused"))
    assert rebuilt(preview).ok
    assert preview.sources.reads == count
    news = site / "content" / "news" / "itogi-oprosov-2021.md"
    text = news.read_text(encoding="utf-8")
    news.write_text(
        re.sub(r"^title: .*$", "title: Итоги опросов", text, count=1, flags=re.M), "utf-8"
    )
    assert rebuilt(preview).ok
    assert preview.sources.reads == count + 1
    page = read_content(preview.files["news/itogi-oprosov-2021/index.html"])
    assert page is not None and "<h1>Итоги опросов</h1>" in page.decode()


def test_a_content_file_linked_out_of_the_site_is_refused_as_in_a_clean_build(
    tmp_path: Path,
) -> None:
    site = copy_site(SITES["zelenoborsk"], tmp_path / "site")
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: Чужой файл\ndate: 2024-01-01\n---\nТекст.\n", "utf-8")
    news = next((site / "content").rglob("*.md")).parent
    (news / "chuzhoj.md").symlink_to(outside)
    preview = Preview(options(site, tmp_path / "unused"))
    got = rebuilt(preview)
    expected, _ = clean_build(site, tmp_path / "out")
    assert not got.ok
    assert "G013" in [d.code for d in got.diagnostics.errors]
    assert got.diagnostics.items == expected.diagnostics.items


def test_a_render_cut_short_by_a_newer_change_keeps_the_last_site(tmp_path: Path) -> None:
    site = copy_site(SITES["demo"], tmp_path / "site")
    preview = Preview(options(site, tmp_path / "unused"))
    assert rebuilt(preview).ok
    before, builds = preview.files, preview.builds
    news = site / "content" / "news" / "itogi-oprosov-2021.md"
    text = news.read_text(encoding="utf-8")
    news.write_text(re.sub(r"^title: .*$", "title: Новое", text, count=1, flags=re.M), "utf-8")

    assert preview.rebuild(superseded=lambda: True) is None
    assert preview.files is before and preview.builds == builds  # nothing half-done shown
    page = preview.response("/news/itogi-oprosov-2021/")  # the checked model's page, early
    assert "<h1>Новое</h1>" in page.body.decode()

    assert rebuilt(preview).ok
    expected, files = clean_build(site, tmp_path / "out")
    assert preview_files(preview) == files


def git(site: Path, *args: str, when: str = "2024-03-01T10:00:00+03:00") -> None:
    env = {
        "GIT_AUTHOR_NAME": "Пресс-секретарь",
        "GIT_AUTHOR_EMAIL": "press@example.ru",
        "GIT_COMMITTER_NAME": "Пресс-секретарь",
        "GIT_COMMITTER_EMAIL": "press@example.ru",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "PATH": os.environ["PATH"],
        "HOME": str(site),
    }
    subprocess.run(["git", *args], cwd=site, env=env, check=True, capture_output=True)


def test_dates_from_git_follow_new_commits(tmp_path: Path) -> None:
    """Git's dates are read again after a commit, not on every save."""
    site = copy_site(SITES["zelenoborsk"], tmp_path / "site")
    git(site, "init", "-q")
    git(site, "add", ".")
    git(site, "commit", "-q", "-m", "Первая версия")
    preview = Preview(options(site, tmp_path / "unused"))
    assert rebuilt(preview).ok
    added = site / "content" / "pages" / "novaya.md"  # a page's dates come from git
    added.write_text("---\ntitle: Новая страница\n---\nТекст страницы.\n", encoding="utf-8")
    for step, when in enumerate(["", "2025-06-15T12:00:00+03:00"]):
        if when:
            git(site, "add", ".")
            git(site, "commit", "-q", "-m", "Новость", when=when)
        got = rebuilt(preview)
        expected, files = clean_build(site, tmp_path / f"out-{step}")
        assert got.diagnostics.items == expected.diagnostics.items
        assert preview_files(preview) == files
    page = next(v for k, v in preview.files.items() if k.endswith("novaya/index.json"))
    assert isinstance(page, bytes) and b"2025-06-15" in page


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def test_unchanged_texts_are_checked_again_when_what_they_link_to_changes(
    tmp_path: Path,
) -> None:
    """A text's findings are replayed only while its links resolve as before: adding,
    removing or hiding what it links to changes them without the text changing."""
    site = copy_site(SITES["demo"], tmp_path / "site")
    news = site / "content" / "news"
    append(
        news / "itogi-oprosov-2021.md",
        "\nСм. [новость](novaya.md), [файл](../files/plan.pdf), [адрес](/news/novaya/),"
        " <script>alert(1)</script> и [мой файл](file:///C:/Users/doc.pdf).\n",
    )
    preview = Preview(options(site, tmp_path / "unused"))
    target = news / "novaya.md"
    steps = [
        lambda: None,  # links to nothing: errors
        lambda: target.write_text("---\ntitle: Новая\ndate: 2022-01-10\n---\nТекст.\n", "utf-8"),
        lambda: (site / "content" / "files").mkdir(),
        lambda: (site / "content" / "files" / "plan.pdf").write_bytes(b"%PDF-1.4\n"),
        lambda: target.write_text(
            "---\ntitle: Новая\ndate: 2022-01-10\ndraft: true\n---\nТекст.\n", "utf-8"
        ),
        lambda: target.unlink(),
    ]
    codes = []
    for step, change in enumerate(steps):
        change()
        got = rebuilt(preview)
        expected, files = clean_build(site, tmp_path / f"out-{step}")
        assert got.diagnostics.items == expected.diagnostics.items, step
        codes.append(sorted({d.code for d in got.diagnostics.items}))
        if expected.ok:
            assert preview_files(preview) == files, step
        if step:  # the other texts and their links were unchanged, and so were their findings
            checks = preview.sources.checks
            assert checks.replayed >= len(checks.fields) - 2 > 40
    assert "G300" in codes[0] and "G305" in codes[0] and "G303" in codes[0]
    assert "G300" in codes[1]  # the file is still missing
    assert "G300" not in codes[3] and "G305" in codes[3]
    assert "G302" in codes[4]  # a link to a draft
    assert "G300" in codes[5]


def test_json_schemas_are_made_once_per_process_and_stay_right(tmp_path: Path) -> None:
    site = copy_site(SITES["zelenoborsk"], tmp_path / "site")
    preview = Preview(options(site, tmp_path / "unused"))
    assert rebuilt(preview).ok
    first = preview.files["schema/news.json"]
    config = site / "site_config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        re.sub(r"^base_url: .*$", "base_url: https://drugoj.example.ru", text, flags=re.M)
        if re.search(r"^base_url:", text, flags=re.M)
        else text + "\nbase_url: https://drugoj.example.ru\n",
        encoding="utf-8",
    )
    assert rebuilt(preview).ok
    _, files = clean_build(site, tmp_path / "out")
    assert preview_files(preview) == files
    assert preview.files["schema/news.json"] != first
    assert b"https://drugoj.example.ru/schema/news.json" in files["schema/news.json"]


def settled_preview(site: Path, tmp_path: Path) -> Preview:
    """A preview after its first build, with its files old enough to trust their stat."""
    time.sleep(1.1)  # files changed within the last second are read again (racy mtimes)
    preview = Preview(options(site, tmp_path / "unused"))
    assert rebuilt(preview).ok
    assert preview.pages is not None
    return preview


def rendered_after(preview: Preview, site: Path, tmp_path: Path) -> set[str]:
    """What the next build rendered (not kept); its files checked against a clean build."""
    assert rebuilt(preview).ok
    _, files = clean_build(site, tmp_path / f"out-{time.monotonic_ns()}")
    assert preview_files(preview) == files
    assert preview.pages is not None
    return set(preview.pages.rendered)


def pages_of(paths: set[str], prefix: str) -> set[str]:
    return {p for p in paths if p.startswith(prefix) and p.endswith(("index.html", "index.json"))}


def test_a_news_body_edit_renders_its_page_and_the_lists_that_show_it(tmp_path: Path) -> None:
    site = copy_site(SITES["demo"], tmp_path / "site")
    preview = settled_preview(site, tmp_path)
    every = set(preview.files)
    news_pages = {p for p in pages_of(every, "news/") if not p.startswith("news/page/")}
    news_pages -= {"news/index.html", "news/index.json"}
    assert len(news_pages) > 10

    append(site / "content" / "news" / "itogi-oprosov-2021.md", "\nНовый абзац.\n")
    rendered = rendered_after(preview, site, tmp_path)

    mine = {"news/itogi-oprosov-2021/index.html", "news/itogi-oprosov-2021/index.json"}
    assert mine <= rendered
    assert not (news_pages - mine) & rendered  # the other news pages kept their bytes
    assert not pages_of(rendered, "pages/") and not pages_of(rendered, "plans/")
    assert {"feed.xml", "news/feed.xml"} <= rendered  # feeds are made anew every time
    lists = {p for p in every if p == "news/index.html" or p.startswith("news/page/")}
    showing = {
        p
        for p in lists
        if b'"/news/itogi-oprosov-2021/"' in (read_content(preview.files[p]) or b"")
    }
    assert showing and showing <= rendered


def item_pages(preview: Preview, kind: str | None = None) -> set[str]:
    """The item pages (HTML and JSON) of the preview's last good build, of one type or all."""
    found: set[str] = set()
    site = rebuilt_site(preview)
    for item in site.visible_items():
        if kind is None or item.kind.name == kind:
            page = item.url.lstrip("/")
            found |= {page + "index.html", page + "index.json"}
    return found


def rebuilt_site(preview: Preview) -> Site:
    result = rebuilt(preview)  # nothing changed since: the same model
    assert result.site is not None
    return result.site


def test_a_template_edit_renders_the_pages_that_use_it(tmp_path: Path) -> None:
    site = copy_site(SITES["demo"], tmp_path / "site")
    templates = site / "templates"
    templates.mkdir()
    shutil.copy(ENGINE_TEMPLATES / "news.html", templates / "news.html")
    preview = settled_preview(site, tmp_path)
    news, every = item_pages(preview, "news"), item_pages(preview)
    assert len(news) > 10

    append(templates / "news.html", "\n<!-- правка -->\n")
    rendered = rendered_after(preview, site, tmp_path)

    assert news <= rendered
    # Pages of other types (but for data sets, which are always rendered: their page
    # reads the data files) keep their bytes.
    others = {p for p in every - news if not p.startswith("opendata/")}
    assert len(others) > 10 and not others & rendered


def test_a_plan_edit_renders_the_report_pages_that_show_its_items(tmp_path: Path) -> None:
    site = copy_site(SITES["demo"], tmp_path / "site")
    preview = settled_preview(site, tmp_path)
    plan = site / "content" / "plans" / "levokumsky-open-government.yaml"
    text = plan.read_text(encoding="utf-8")
    changed = re.sub(
        r"(- id: \"1\"\n\s+title: ).*", r"\1Мониторинг открытых данных (новое название)", text
    )
    assert changed != text
    plan.write_text(changed, encoding="utf-8")

    rendered = rendered_after(preview, site, tmp_path)

    report = "reports/levokumsky-2022-h1/index.html"
    assert {report, "reports/levokumsky-2022-h1/index.json"} <= rendered
    assert "plans/levokumsky-open-government/index.html" in rendered
    body = read_content(preview.files[report])
    assert body is not None and "Мониторинг открытых данных (новое название)" in body.decode()
    assert not pages_of(rendered, "news/") - {"news/index.html", "news/index.json"}


def test_nothing_changed_renders_no_item_or_list_page(tmp_path: Path) -> None:
    site = copy_site(SITES["demo"], tmp_path / "site")
    preview = settled_preview(site, tmp_path)
    rendered = rendered_after(preview, site, tmp_path)
    every = item_pages(preview)
    assert not {p for p in every if not p.startswith("opendata/")} & rendered
    assert "news/index.html" not in rendered and "plans/index.html" not in rendered


# --- told which files changed (the watcher's word), and what is kept per item ----------


def told(preview: Preview, *paths: Path) -> BuildResult:
    result = preview.rebuild(changed=list(paths))
    assert result is not None
    return result


def retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
    assert new != text
    path.write_text(new, encoding="utf-8")


def same_as_clean(preview: Preview, site: Path, out: Path) -> dict[str, bytes]:
    expected, files = clean_build(site, out)
    assert expected.ok
    assert preview_files(preview) == files
    return files


def test_a_told_rebuild_looks_only_at_the_files_it_is_told_of(tmp_path: Path) -> None:
    site = copy_site(SITES["demo"], tmp_path / "site")
    preview = settled_preview(site, tmp_path)
    looked, reads = preview.sources.looked, preview.sources.reads
    news = site / "content" / "news" / "itogi-oprosov-2021.md"
    retitle(news, "Итоги опросов, уточнено")

    assert told(preview, news).ok

    assert preview.sources.looked == looked + 1 and preview.sources.reads == reads + 1
    assert not preview.missed_changes()
    files = same_as_clean(preview, site, tmp_path / "out")
    page = files["news/itogi-oprosov-2021/index.html"].decode()
    assert "<h1>Итоги опросов, уточнено</h1>" in page


def test_a_change_the_watcher_did_not_report_is_found_and_shown(tmp_path: Path) -> None:
    """A watcher can lose events (its queue overflows): the check after a told build
    finds the change, and the full rebuild it asks for shows it."""
    site = copy_site(SITES["demo"], tmp_path / "site")
    preview = settled_preview(site, tmp_path)
    folder = site / "content" / "news"
    retitle(folder / "itogi-oprosov-2021.md", "Сказано наблюдателю")
    retitle(folder / "kadrovyj-potencial-2022-h1.md", "Не сказано наблюдателю")

    assert told(preview, folder / "itogi-oprosov-2021.md").ok
    unseen = read_content(preview.files["news/kadrovyj-potencial-2022-h1/index.html"])
    assert unseen is not None and "Не сказано наблюдателю" not in unseen.decode()
    assert preview.missed_changes()

    assert rebuilt(preview).ok
    assert not preview.missed_changes()
    files = same_as_clean(preview, site, tmp_path / "out")
    assert "Не сказано наблюдателю" in files["news/kadrovyj-potencial-2022-h1/index.html"].decode()


def test_a_new_file_told_of_is_found_in_its_folder(tmp_path: Path) -> None:
    site = copy_site(SITES["demo"], tmp_path / "site")
    preview = settled_preview(site, tmp_path)
    added = site / "content" / "news" / "novaya.md"
    added.write_text("---\ntitle: Совсем новая\ndate: 2022-12-30\n---\nТекст.\n", "utf-8")

    assert told(preview, added).ok

    files = same_as_clean(preview, site, tmp_path / "out")
    assert "Совсем новая" in files["news/novaya/index.html"].decode()
    assert "Совсем новая" in files["news/index.html"].decode()


def test_unchanged_items_keep_their_feed_entries_and_show_a_neighbours_new_title(
    tmp_path: Path,
) -> None:
    """The news list, the home page and the feeds show the retitled item anew; every
    other item's feed entry is the one made before, and the files equal a clean build."""
    site = copy_site(SITES["demo"], tmp_path / "site")
    preview = settled_preview(site, tmp_path)
    entries = preview.feed_entries
    assert entries.made > 10  # the first build made them all
    news = site / "content" / "news" / "itogi-oprosov-2021.md"
    retitle(news, "Соседний заголовок изменён")

    assert told(preview, news).ok

    assert 1 <= entries.made <= 2  # the feed of everything and the news feed share it
    files = same_as_clean(preview, site, tmp_path / "out")
    for path in ("feed.xml", "news/feed.xml", "news/atom.xml", "news/index.html"):
        assert "Соседний заголовок изменён" in files[path].decode(), path


def test_a_summary_or_config_edit_makes_the_feed_entries_again(tmp_path: Path) -> None:
    site = copy_site(SITES["demo"], tmp_path / "site")
    preview = settled_preview(site, tmp_path)
    news = site / "content" / "news" / "itogi-oprosov-2021.md"
    text = news.read_text(encoding="utf-8")
    news.write_text(
        re.sub(r"^summary: .*$", "summary: Новый анонс со **словом**.", text, count=1, flags=re.M),
        encoding="utf-8",
    )
    assert told(preview, news).ok
    files = same_as_clean(preview, site, tmp_path / "out-1")
    assert "Новый анонс со &lt;strong&gt;словом&lt;/strong&gt;." in files["news/feed.xml"].decode()

    config = site / "site_config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        re.sub(r"^base_url: .*$", "base_url: https://drugoj.example.ru/", text, flags=re.M),
        encoding="utf-8",
    )
    assert told(preview, config).ok
    assert preview.feed_entries.made > 10  # every entry's address changed
    files = same_as_clean(preview, site, tmp_path / "out-2")
    assert "https://drugoj.example.ru/news/itogi-oprosov-2021/" in files["feed.xml"].decode()


def test_a_meetings_new_date_shows_on_the_home_page_and_its_list(tmp_path: Path) -> None:
    site = copy_site(SITES["demo"], tmp_path / "site")
    preview = settled_preview(site, tmp_path)
    home = read_content(preview.files["index.html"])
    meeting = site / "content" / "meetings" / "priem-glavy-2026-12-15.md"  # upcoming
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("start: 2026-12-15T10:00", "start: 2026-12-15T11:30"), "utf-8")

    assert told(preview, meeting).ok

    files = same_as_clean(preview, site, tmp_path / "out")
    assert files["index.html"] != home
    for path in ("index.html", "meetings/index.html", "meetings/priem-glavy-2026-12-15/index.html"):
        assert "11:30" in files[path].decode(), path
