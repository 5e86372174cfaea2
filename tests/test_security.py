"""A careless or hostile commit must not run code, leak files or destroy data (issue 10).

Each test reproduces one attack on a copy of the spine's fixture site, asserts that the
build refuses it with a message naming the file, and that nothing outside the output
folder changed. The site folder, a sentinel folder beside it and the per-user cache are
all inside the test's own temporary folder.
"""

from __future__ import annotations

import json
import os
import pickle
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2.exceptions import SecurityError

from glasnost.cache import site_cache_dir
from glasnost.sandbox import TemplateSandbox
from glasnost.write import OUTPUT_MARKER, exchange, remove_abandoned
from tests.fixtures.spine.checks import BASIC, REPO, build_site, diff_snapshots, snapshot
from tests.support.server import free_port, http_get

NEWS = "content/news/plan-utverzhden.md"


# Each test's per-user cache in its own temporary folder (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("user_cache")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(BASIC, target, ignore=shutil.ignore_patterns("output", ".glasnost-cache"))
    (tmp_path / "beside").mkdir()
    (tmp_path / "beside" / "precious.txt").write_text("не трогать", encoding="utf-8")
    return target


class Unchanged:
    """Everything under a root except the output folder (and, optionally, the cache)."""

    def __init__(self, root: Path, *skip: Path) -> None:
        self.root, self.skip = root, skip
        self.before = self._now()

    def _now(self) -> dict[str, bytes]:
        return {
            rel: data
            for rel, data in snapshot(self.root).items()
            if not any((self.root / rel).is_relative_to(s) for s in self.skip)
        }

    def changes(self) -> list[str]:
        return diff_snapshots(self.before, self._now())


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": ошибка: " in line]


def warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": предупреждение: " in line]


# -- 1. the Markdown cache ------------------------------------------------------------------


class Payload:
    """Unpickling this creates a file: proof that a pickle from the site was executed."""

    def __init__(self, proof: Path) -> None:
        self.proof = proof

    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        return (os.system, (f"touch {self.proof}",))


def plant_pickle(site: Path, proof: Path) -> None:
    folder = site / ".glasnost-cache"
    folder.mkdir()
    (folder / "md-v3.pickle").write_bytes(pickle.dumps(Payload(proof)))


def git(site: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.ru"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.ru"}
    subprocess.run(["git", "-C", str(site), *args], check=True, capture_output=True, env=env)


def test_a_committed_cache_is_refused_and_never_unpickled(site: Path, tmp_path: Path) -> None:
    proof = tmp_path / "PWNED"
    plant_pickle(site, proof)
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "add", "-f", ".glasnost-cache")
    git(site, "commit", "-qm", "cache")
    guard = Unchanged(tmp_path, tmp_path / "out", tmp_path / "user-cache")
    for command in ("check", "build"):
        run = build_site(site, tmp_path / "out", command=command)
        assert run.code == 1, run.stderr
        assert errors(run.stderr) == [
            ".glasnost-cache/: ошибка: папка .glasnost-cache/ добавлена в git: сборка не "
            "доверяет кешу, пришедшему с коммитом [G033]"
        ]
        assert "git rm -r --cached .glasnost-cache" in run.stderr
    assert not proof.exists()
    assert not (tmp_path / "out").exists()
    assert guard.changes() == []


def test_an_old_untracked_pickle_is_a_warning_and_is_not_read(site: Path, tmp_path: Path) -> None:
    proof = tmp_path / "PWNED"
    plant_pickle(site, proof)
    run = build_site(site, tmp_path / "out")
    assert run.code == 0, run.stderr
    assert ".glasnost-cache/: предупреждение: в папке .glasnost-cache/ остался кеш" in run.stderr
    assert "[G034]" in run.stderr
    assert not proof.exists()


def test_any_old_untracked_cache_folder_is_the_same_warning(site: Path, tmp_path: Path) -> None:
    # Not only pickles: nothing reads that folder any more, whatever a version left there.
    (site / ".glasnost-cache").mkdir()
    (site / ".glasnost-cache" / "opendata.json").write_text("{}", encoding="utf-8")
    run = build_site(site, tmp_path / "out")
    assert run.code == 0, run.stderr
    assert "[G034]" in run.stderr


def test_the_cache_lives_outside_the_site_and_holds_text_only(
    site: Path, tmp_path: Path, user_cache: Path
) -> None:
    run = build_site(site, tmp_path / "out")
    assert run.code == 0, run.stderr
    assert not (site / ".glasnost-cache").exists()
    db = site_cache_dir(site) / "markdown.sqlite3"
    assert db.is_relative_to(user_cache) and db.is_file()
    assert db.parent.stat().st_mode & 0o077 == 0  # drafts are cached too: owner only
    with sqlite3.connect(db) as conn:
        types = {t for (t,) in conn.execute("SELECT DISTINCT typeof(html) FROM rendered")}
        count = conn.execute("SELECT count(*) FROM rendered").fetchone()[0]
    assert types == {"text"} and count >= 5


def test_the_cache_folder_follows_xdg_and_is_one_per_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GLASNOST_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    one, other = site_cache_dir(tmp_path / "a"), site_cache_dir(tmp_path / "b")
    assert one.parent == tmp_path / "xdg" / "glasnost"
    assert one != other and site_cache_dir(tmp_path / "a" / ".." / "a") == one
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG spec: ignore it
    assert site_cache_dir(tmp_path / "a").parent == Path.home() / ".cache" / "glasnost"


def test_a_cache_entry_serves_only_its_own_text_and_renderer(site: Path, tmp_path: Path) -> None:
    """Entries are found by the hash of text and renderer version: any other key is unused."""
    clean = build_site(site, tmp_path / "clean")
    assert clean.code == 0, clean.stderr
    db = site_cache_dir(site) / "markdown.sqlite3"
    with sqlite3.connect(db) as conn:
        # What an entry of another version (or a guess at a key) looks like: never served.
        conn.execute("UPDATE rendered SET key = 'x' || key, html = html || '<script>1</script>'")
    again = build_site(site, tmp_path / "again")
    assert again.code == 0, again.stderr
    assert diff_snapshots(snapshot(clean.out), snapshot(again.out)) == []
    with sqlite3.connect(db) as conn:  # rendered afresh; the unused entries are pruned
        assert conn.execute("SELECT count(*) FROM rendered WHERE key LIKE 'x%'").fetchone() == (0,)


# -- 2. templates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
        "{% set x = cycler.__init__.__globals__.os.popen('touch PWNED') %}",
        "{{ site.site_dir.joinpath('site_config.yaml').read_text() }}",
        "{{ site.site_dir.joinpath('PWNED').write_text('x') }}",
        "{{ config.__class__.__mro__ }}",
    ],
)
def test_a_template_cannot_reach_python(site: Path, tmp_path: Path, payload: str) -> None:
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text(f"<p>\n{payload}\n</p>\n", encoding="utf-8")
    guard = Unchanged(tmp_path, tmp_path / "out", tmp_path / "user-cache")
    cwd = os.getcwd()
    os.chdir(tmp_path)  # where `touch PWNED` would land
    try:
        run = build_site(site, tmp_path / "out")
    finally:
        os.chdir(cwd)
    assert run.code == 1, run.stderr
    [error] = errors(run.stderr)
    assert error.startswith("templates/404.html:2: ошибка: ошибка в шаблоне")
    assert error.endswith("[G400]") and "unsafe" in error
    assert not (tmp_path / "PWNED").exists() and not (site / "PWNED").exists()
    assert "Администрация тестового" not in run.stderr  # the config was not read out
    assert guard.changes() == []


@pytest.mark.parametrize(
    "function", [os.getcwd, subprocess.getoutput, shlex.split, json.loads, sqlite3.connect]
)
def test_a_template_may_call_no_function_of_another_module(function: object) -> None:
    # Decided by where a callable comes from, not by a list of dangerous modules: one
    # nobody foresaw (shlex, json, sqlite3) is refused like os and subprocess.
    env = TemplateSandbox()
    env.globals["f"] = function
    with pytest.raises(SecurityError):
        env.from_string("{{ f('x') }}").render()
    # What templates do call still works: methods of plain values, Jinja's own helpers.
    assert (
        env.from_string("{{ 'a'.upper() }}{{ range(2)|list }}{{ cycler(1).next() }}").render()
        == "A[0, 1]1"
    )


# -- 3. attachments ---------------------------------------------------------------------------


def test_attachments_a_browser_would_run_are_refused(site: Path, tmp_path: Path) -> None:
    files = site / "content" / "files"
    (files / "evil.html").write_text("<script>alert(document.cookie)</script>", encoding="utf-8")
    (files / "gerb.svg").write_text('<svg onload="alert(1)"/>', encoding="utf-8")
    (files / "setup.exe").write_bytes(b"MZ\x90\x00")
    (files / "noext").write_bytes(b"?")
    (files / "Scan.PDF").write_bytes(b"%PDF-1.4\n")  # allowed, whatever the case
    guard = Unchanged(tmp_path, tmp_path / "out", tmp_path / "user-cache")
    run = build_site(site, tmp_path / "out")
    assert run.code == 1
    assert sorted(errors(run.stderr)) == [
        f"content/files/{name}: ошибка: вложения такого типа не публикуются: {name} [G016]"
        for name in ("evil.html", "gerb.svg", "noext", "setup.exe")
    ]
    assert "Scan.PDF" not in run.stderr
    assert not (tmp_path / "out").exists()
    assert guard.changes() == []


def test_direction_marks_in_a_file_name_are_refused(site: Path, tmp_path: Path) -> None:
    (site / "content" / "files" / "report\u202efdp.exe").write_bytes(b"MZ")
    run = build_site(site, tmp_path / "out")
    assert run.code == 1
    assert errors(run.stderr) == [
        "content/files/report\\u202efdp.exe: ошибка: в имени файла есть управляющие или "
        "невидимые символы, меняющие порядок букв: U+202E [G017]"
    ]
    assert "\u202e" not in run.stderr  # escaped in the terminal, not obeyed


# -- 4. addresses in the config ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "line"),
    [
        ("nav", '\n  - {title: Меню, url: "javascript:alert(document.cookie)"}', 14),
        ("nav", '\n  - {title: Меню, url: " JaVaScRiPt:alert(1)"}', 14),
        ("nav", '\n  - {title: Меню, url: "//evil.example.com/"}', 14),
        ("logo", '"data:image/svg+xml;base64,PHN2Zz4="', 13),
        ("logo", '"vbscript:msgbox"', 13),
    ],
)
def test_config_addresses_allow_only_safe_schemes(
    site: Path, tmp_path: Path, key: str, value: str, line: int
) -> None:
    config = site / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"{key}: {value}\n", encoding="utf-8")
    guard = Unchanged(tmp_path, tmp_path / "out", tmp_path / "user-cache")
    run = build_site(site, tmp_path / "out")
    assert run.code == 1
    [error] = errors(run.stderr)
    assert error.startswith(f"site_config.yaml:{line}: ошибка: адрес «")
    assert error.endswith(
        "» не разрешён: допустимы http(s)://, mailto:, tel: и адреса сайта (/...) [G224]"
    )
    assert guard.changes() == []


def test_safe_config_addresses_are_published(site: Path, tmp_path: Path) -> None:
    config = site / "site_config.yaml"
    nav = (
        "nav:\n  - {title: Главная, url: /}\n  - {title: Госуслуги, url: 'https://gosuslugi.ru/'}"
        "\n  - {title: Написать, url: 'mailto:info@test.example.ru'}\n"
        "  - {title: Позвонить, url: 'tel:+78000000000'}\nlogo: /files/gerb.gif\n"
    )
    config.write_text(config.read_text(encoding="utf-8") + nav, encoding="utf-8")
    run = build_site(site, tmp_path / "out")
    assert run.code == 0, run.stderr
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    for href in ("https://gosuslugi.ru/", "mailto:info@test.example.ru", "tel:+78000000000"):
        assert f'href="{href}"' in home


# -- 5. symbolic links ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("content/files/env.txt", "../../.env"),  # inside the site, outside content/
        ("content/files/config.txt", "../../.git/config"),
        ("content/files/passwd.txt", "/etc/passwd"),
        ("content/news/secret.md", "../../.env"),
        ("content/files/dangling.pdf", "../../no-such-file"),
    ],
)
def test_links_out_of_content_are_refused(
    site: Path, tmp_path: Path, link: str, target: str
) -> None:
    (site / ".env").write_text("DEPLOY_TOKEN=s3cr3t\n", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text("[remote]\ntoken = s3cr3t\n", encoding="utf-8")
    (site / link).symlink_to(target)
    guard = Unchanged(tmp_path, tmp_path / "out", tmp_path / "user-cache")
    run = build_site(site, tmp_path / "out")
    assert run.code == 1
    assert errors(run.stderr) == [
        f"{link}: ошибка: символьная ссылка ведёт за пределы папки сайта с материалами "
        "(content/) [G013]"
    ]
    assert "s3cr3t" not in run.stderr and "root:" not in run.stderr
    assert not (tmp_path / "out").exists()
    assert guard.changes() == []


def test_a_link_inside_content_is_published(site: Path, tmp_path: Path) -> None:
    (site / "content" / "files" / "latest.pdf").symlink_to("polozhenie.pdf")
    run = build_site(site, tmp_path / "out")
    assert run.code == 0, run.stderr
    published = (tmp_path / "out" / "files" / "latest.pdf").read_bytes()
    assert published == (site / "content" / "files" / "polozhenie.pdf").read_bytes()


@pytest.mark.parametrize("target", ["../.env", "/etc/passwd"])
def test_a_template_linked_out_of_templates_is_refused(
    site: Path, tmp_path: Path, target: str
) -> None:
    (site / ".env").write_text("DEPLOY_TOKEN=s3cr3t\n", encoding="utf-8")
    (site / "templates").mkdir()
    (site / "templates" / "404.html").symlink_to(target)
    guard = Unchanged(tmp_path, tmp_path / "out", tmp_path / "user-cache")
    run = build_site(site, tmp_path / "out")
    assert run.code == 1
    [error] = errors(run.stderr)
    assert "ошибка в шаблоне 404.html: 404.html is a symbolic link out of the templates" in error
    assert error.endswith("[G400]")
    assert "s3cr3t" not in run.stderr and "root:" not in run.stderr
    assert guard.changes() == []


def test_a_config_linked_out_of_the_site_is_refused(site: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("title: s3cr3t\nbase_url: https://evil.example.com/\n", encoding="utf-8")
    (site / "site_config.yaml").unlink()
    (site / "site_config.yaml").symlink_to(outside)
    run = build_site(site, tmp_path / "out")
    assert run.code == 1
    assert errors(run.stderr) == [
        "site_config.yaml: ошибка: файл настроек — символьная ссылка за пределы папки сайта [G018]"
    ]
    assert "s3cr3t" not in run.stderr


DATASET = """\
title: Результаты опросов
description: Ответы жителей.
creator: Администрация
subject: [опросы]
publisher: {name: Иванова И.И., phone: "+78000000000", email: opendata@test.example.ru}
created: 2022-01-10
valid: 2030-12-31
update_frequency: ежегодно
structure:
  - {name: question, title: Вопрос, type: string}
  - {name: count, title: Число, type: integer}
versions:
  - {date: 2022-07-15, file: data-20220715.csv, provenance: Итоги}
"""


def dataset_site(site: Path) -> Path:
    config = site / "site_config.yaml"
    extra = 'inn: "2613000000"\nopendata:\n  license: Свободное использование\n'
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    folder = site / "content" / "datasets" / "survey"
    folder.mkdir(parents=True)
    (folder / "dataset.yaml").write_text(DATASET, encoding="utf-8")
    return folder


def test_a_dataset_csv_linked_out_is_refused_before_it_is_read(site: Path, tmp_path: Path) -> None:
    folder = dataset_site(site)
    (folder / "data-20220715.csv").symlink_to("/etc/passwd")
    guard = Unchanged(tmp_path, tmp_path / "out", tmp_path / "user-cache")
    run = build_site(site, tmp_path / "out")
    assert run.code == 1
    assert errors(run.stderr) == [
        "content/datasets/survey/data-20220715.csv: ошибка: символьная ссылка ведёт за "
        "пределы папки сайта с материалами (content/) [G013]"
    ]
    assert "root" not in run.stderr  # not a word of the file it points at
    assert guard.changes() == []


# -- 6. what a build may replace --------------------------------------------------------------


def test_a_folder_of_other_files_is_never_replaced(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    (out / "precious").mkdir(parents=True)
    (out / "precious" / "photo.jpg").write_bytes(b"\xff\xd8")
    (out / "notes.txt").write_text("заметки", encoding="utf-8")
    (out / "index.html").write_text("<p>чужой сайт</p>", encoding="utf-8")
    (out / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    guard = Unchanged(tmp_path, tmp_path / "user-cache")
    run = build_site(site, out)
    assert run.code == 1
    assert errors(run.stderr) == [
        f"{out}: ошибка: папка уже занята другими файлами, а сборка заменяет её целиком [G904]"
    ]
    assert guard.changes() == []


def test_a_file_is_never_replaced_by_the_site(site: Path, tmp_path: Path) -> None:
    guard = Unchanged(tmp_path, tmp_path / "user-cache")
    run = build_site(site, site / "site_config.yaml")
    assert run.code == 1
    assert errors(run.stderr) == [
        "site_config.yaml: ошибка: на месте папки сайта лежит файл [G905]"
    ]
    assert guard.changes() == []


def test_a_committed_output_link_does_not_aim_the_build_elsewhere(
    site: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "beside" / "autostart"  # does not exist: would be created
    (site / "output").symlink_to(elsewhere)
    guard = Unchanged(tmp_path, tmp_path / "user-cache")
    run = build_site(site, site / "output")
    assert run.code == 1
    assert errors(run.stderr) == [
        f"{elsewhere}: ошибка: папка output в папке сайта — символьная ссылка: сборка писала бы "
        "туда, куда она ведёт [G906]"
    ]
    assert not elsewhere.exists()
    assert guard.changes() == []


def test_a_previous_build_carries_the_marker_and_is_replaced(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_site(site, out).code == 0
    assert (out / OUTPUT_MARKER).is_file()
    (out / "stale.html").write_text("old", encoding="utf-8")
    assert build_site(site, out).code == 0
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()


def test_serve_neither_writes_into_nor_serves_a_folder_of_other_files(
    site: Path, tmp_path: Path
) -> None:
    """The preview keeps the site in memory: a folder named by --out is never touched."""
    out = tmp_path / "home"
    out.mkdir()
    (out / "passwords.txt").write_text("secret", encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--site", str(site), "--out", str(out)]
        + ["--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795000000"},
    )
    try:
        home = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 90
        while http_get(home)[0] != 200:
            assert proc.poll() is None and time.monotonic() < deadline, "the preview never answered"
            time.sleep(0.2)
        assert http_get(home + "passwords.txt")[0] == 404
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert [p.name for p in out.iterdir()] == ["passwords.txt"]


# -- 7. the swap ------------------------------------------------------------------------------


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one").write_text("1", encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two").write_text("2", encoding="utf-8")
    if not exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("this file system has no RENAME_EXCHANGE: publish falls back to renames")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["two"]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["one"]


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.fixture
def staging_folders(tmp_path: Path) -> Iterator[dict[str, Path]]:
    def folder(name: str, marker: bool = True) -> Path:
        path = tmp_path / name
        path.mkdir()
        (path / "index.html").write_text("x", encoding="utf-8")
        if marker:
            (path / OUTPUT_MARKER).write_bytes(b"")
        return path

    def empty(name: str) -> Path:
        (tmp_path / name).mkdir()
        return tmp_path / name

    dead = dead_pid()
    yield {
        "killed": folder(f".out.staging-{dead}-0123abcd"),
        "killed mid-swap": folder(f".out.staging-{dead}-4567abcd.old"),
        "running": folder(f".out.staging-{os.getppid()}-89abcdef"),
        "not ours": folder(f".out.staging-{dead}-fedcba98", marker=False),
        "killed at once": empty(f".out.staging-{dead}-76543210"),
        "other site": folder(f".other.staging-{dead}-01234567"),
    }


def test_staging_folders_of_killed_builds_are_removed(
    site: Path, tmp_path: Path, staging_folders: dict[str, Path]
) -> None:
    run = build_site(site, tmp_path / "out")
    assert run.code == 0, run.stderr
    left = {name for name, path in staging_folders.items() if path.exists()}
    assert left == {"running", "not ours", "other site"}
    assert (tmp_path / "out" / "index.html").is_file()


def test_remove_abandoned_keeps_the_output_itself(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / OUTPUT_MARKER).write_bytes(b"")
    remove_abandoned(out)
    assert out.is_dir()


def test_a_build_killed_at_any_moment_leaves_a_whole_site(site: Path, tmp_path: Path) -> None:
    """kill -9 during a build, at several moments: output/ is always a whole site (the
    previous one or the new one), and the next build removes the abandoned staging folder."""
    out = tmp_path / "out"
    assert build_site(site, out).code == 0
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000"}
    command = [sys.executable, str(REPO / "build.py"), "build", "--site", str(site)]
    command += ["--out", str(out), "--no-search"]
    killed = []
    for delay in (0.3, 0.6, 0.9, 1.2):
        proc = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.kill()
        proc.wait()
        killed.append(proc.pid)
        assert (out / OUTPUT_MARKER).is_file() and (out / "index.html").is_file()
        assert (out / "sitemap.xml").read_text(encoding="utf-8").endswith("</urlset>\n")
    assert build_site(site, out).code == 0
    # (This build's own previous site may still be being deleted in the background.)
    left = [p.name for p in tmp_path.iterdir() if ".staging-" in p.name]
    assert [name for name in left if any(f"-{pid}-" in name for pid in killed)] == []
