"""Bad input: each mistake a press secretary can commit fails the build with `file:line:
message`, in the site's language, and leaves the previously built output/ byte for byte.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import BuildRun
from tests.fixtures.spine.checks import BASIC, REPO, diff_snapshots, snapshot, text_of

NEWS = "content/news/plan-utverzhden.md"
GOOD_NEWS = "---\ntitle: Новость\ndate: 2020-08-20\n---\nТекст новости.\n"

# Each node is nine times the one before it: expanded, "i" would be 9**9 strings.
BOMB_LINES = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'] + [
    f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
]
BOMB = "---\ntitle: Бомба\ndate: 2020-08-20\n" + "\n".join(BOMB_LINES) + "\n---\nТекст.\n"


@dataclass(frozen=True)
class Breakage:
    name: str
    path: str
    content: str | bytes | None  # None: make a symbolic link to /etc/passwd
    where: str  # "content/...:LINE:" as printed
    says: str  # the words of the message (Russian: the site's language)


def _append(text: str) -> str:
    return (BASIC / NEWS).read_text(encoding="utf-8") + text


BREAKAGES = [
    Breakage(
        "malformed-yaml",
        NEWS,
        "---\ntitle: Новость\ndate: 2020-08-20\nsummary: Итоги: план утверждён\n---\nТекст.\n",
        f"{NEWS}:4:",
        "ошибка синтаксиса YAML: двоеточие в неожиданном месте",
    ),
    Breakage(
        "unknown-key",
        NEWS,
        "---\ntitle: Новость\ndate: 2020-08-20\nsumary: Анонс.\n---\nТекст.\n",
        f"{NEWS}:4:",
        "неизвестное поле «sumary» [G201]\n    Возможно, имелось в виду «summary».",
    ),
    Breakage(
        "missing-title",
        NEWS,
        "---\ndate: 2020-08-20\nsummary: Анонс.\n---\nТекст.\n",
        f"{NEWS}:2:",
        "нет обязательного поля «title»",
    ),
    Breakage(
        "empty-title",
        NEWS,
        "---\ntitle:\ndate: 2020-08-20\n---\nТекст.\n",
        f"{NEWS}:2:",
        "поле «title» не должно быть пустым",
    ),
    Breakage(
        "not-a-date",
        NEWS,
        "---\ntitle: Новость\ndate: 20.08.2020\n---\nТекст.\n",
        f"{NEWS}:3:",
        "поле «date»: «20.08.2020» — не дата",
    ),
    Breakage(
        "duplicate-key",
        NEWS,
        "---\ntitle: Новость\ndate: 2020-08-20\ntitle: Другая новость\n---\nТекст.\n",
        f"{NEWS}:4:",
        "ключ «title» повторяется",
    ),
    Breakage(
        "unclosed-front-matter",
        NEWS,
        "---\ntitle: Новость\ndate: 2020-08-20\nТекст.\n",
        f"{NEWS}:1:",
        "блок полей не закрыт строкой ---",
    ),
    Breakage(
        "duplicate-slug",
        "content/news/dubl.md",
        "---\ntitle: Другая новость\ndate: 2020-08-21\nslug: plan-utverzhden\n---\nТекст.\n",
        f"{NEWS}:2:",
        "«plan-utverzhden» уже занят: content/news/dubl.md имеет тот же адрес",
    ),
    Breakage(
        "page-named-like-a-section",
        "content/pages/news.md",
        "---\ntitle: Новости района\n---\nТекст.\n",
        "content/pages/news.md:2:",
        "адрес «news» зарезервирован сайтом",
    ),
    Breakage(
        "windows-1251",
        "content/news/win.md",
        "---\ntitle: Новость в старой кодировке\ndate: 2020-08-20\n---\nТекст.\n".encode("cp1251"),
        "content/news/win.md:2:",
        "похоже, он в Windows-1251 [G011]\n    Пересохраните файл в UTF-8 или выполните: "
        "iconv -f WINDOWS-1251 -t UTF-8 content/news/win.md -o content/news/win.md.utf8",
    ),
    Breakage(
        "broken-link",
        NEWS,
        _append("\nСм. [порядок приёма](/poryadok-priema/).\n"),
        f"{NEWS}:9:",
        "ссылка на несуществующую страницу или файл: /poryadok-priema/",
    ),
    Breakage(
        "broken-relative-link",
        NEWS,
        _append("\nСм. [новость](../news/net-takoj.md).\n"),
        f"{NEWS}:9:",
        "ссылка на несуществующую страницу или файл: ../news/net-takoj.md",
    ),
    Breakage(
        "link-outside-the-site",
        NEWS,
        _append("\nСм. [пароли](../../etc/passwd).\n"),
        f"{NEWS}:9:",
        "путь выходит за пределы сайта: ../../etc/passwd",
    ),
    Breakage(
        "image-outside-the-site",
        NEWS,
        _append("\n![пароли](../../../../etc/passwd)\n"),
        f"{NEWS}:9:",
        "путь выходит за пределы сайта: ../../../../etc/passwd",
    ),
    Breakage(
        "absolute-path-outside-the-site",
        NEWS,
        _append("\nСм. [пароли](/../../etc/passwd).\n"),
        f"{NEWS}:9:",
        "путь выходит за пределы сайта: /../../etc/passwd",
    ),
    Breakage(
        "symlink-outside-the-site",
        "content/files/passwd.txt",
        None,
        "content/files/passwd.txt:",
        "символьная ссылка ведёт за пределы папки сайта",
    ),
    Breakage(
        "markdown-nested-too-deep",
        NEWS,
        "---\ntitle: Новость\ndate: 2020-08-20\n---\n" + "- " * 3000 + "x\n",
        f"{NEWS}:5:",
        "текст вложен слишком глубоко",
    ),
    Breakage(
        "yaml-alias-bomb",
        "content/news/bomb.md",
        BOMB,
        "content/news/bomb.md:5:",
        "YAML-якоря и ссылки",
    ),
]


def write(site: Path, breakage: Breakage) -> None:
    path = site / breakage.path
    path.parent.mkdir(parents=True, exist_ok=True)
    if breakage.content is None:
        path.symlink_to("/etc/passwd")
    elif isinstance(breakage.content, bytes):
        path.write_bytes(breakage.content)
    else:
        path.write_text(breakage.content, encoding="utf-8")


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.name for b in BREAKAGES])
def test_bad_input_fails_naming_file_and_line_and_keeps_output(
    run_build: Callable[..., BuildRun], copy_site: Callable[[Path], Path], breakage: Breakage
) -> None:
    site = copy_site(BASIC)
    good = run_build(site)
    assert good.code == 0, good.stderr
    before = snapshot(good.out)

    write(site, breakage)
    started = time.monotonic()
    bad = run_build(site)
    elapsed = time.monotonic() - started

    assert bad.code == 1, bad.stderr
    assert f"{breakage.where} ошибка: " in bad.stderr, bad.stderr
    assert breakage.says in bad.stderr, bad.stderr
    # One mistake, one error: a broken news item that a page links to is not reported
    # a second time as a link to nothing.
    assert "Сборка остановлена: ошибок: 1," in bad.stderr
    assert "Traceback" not in bad.stderr
    assert diff_snapshots(before, snapshot(bad.out)) == []
    assert elapsed < 2, f"took {elapsed:.1f} s"


def test_bad_input_is_reported_in_english_on_an_english_site(
    run_build: Callable[..., BuildRun], copy_site: Callable[[Path], Path]
) -> None:
    site = copy_site(BASIC)
    config = site / "site_config.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("language: ru", "language: en"), encoding="utf-8"
    )
    (site / NEWS).write_text(
        "---\ntitle: Новость\ndate: 2020-08-20\nsumary: Анонс.\npublished: 1\n---\n[x](/net/)\n",
        encoding="utf-8",
    )
    run = run_build(site)
    assert run.code == 1
    assert (
        f"{NEWS}:4: error: unknown field 'sumary' [G201]\n    Did you mean 'summary'?" in run.stderr
    )
    assert f"{NEWS}:5: error: field 'published': '1' is not a date" in run.stderr
    assert "Build stopped: 2 errors" in run.stderr
    assert not any("а" <= ch <= "я" for ch in run.stderr.replace("Новость", "")), run.stderr


def test_script_in_markdown_is_removed_with_a_warning(
    run_build: Callable[..., BuildRun], copy_site: Callable[[Path], Path]
) -> None:
    site = copy_site(BASIC)
    (site / NEWS).write_text(
        "---\ntitle: Новость\ndate: 2020-08-20\n---\nТекст новости.\n\n"
        "<script>alert('взлом')</script>\n\n"
        '<p onclick="alert(1)">Нажмите</p> <a href="javascript:alert(2)">ссылка</a>\n\n'
        '<img src="files/gerb.gif" onerror="alert(3)" alt="Герб">\n',
        encoding="utf-8",
    )
    run = run_build(site)
    assert run.code == 0, run.stderr
    dropped = f"{NEWS}:7: предупреждение: из текста удалена разметка, которую сайт не публикует"
    assert f"{dropped}: <script>" in run.stderr
    page = run.read("news/plan-utverzhden/index.html")
    body = page[page.index("<main") : page.index("</main>")]
    assert "<script" not in body and "alert" not in body
    assert "onclick" not in page and "onerror" not in page and "javascript:" not in page
    assert "Нажмите" in text_of(body)  # the text stays, only the behaviour goes
    assert "alert" not in run.read("news/plan-utverzhden/index.json")


def run_measured(command: list[str], log: Path, timeout: float) -> tuple[int, float, int]:
    """Run a command; (exit code, seconds, peak resident memory in MB). Killed at timeout."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000"}
    started = time.monotonic()
    with log.open("wb") as sink:
        proc = subprocess.Popen(command, stdout=sink, stderr=sink, env=env)
    while True:  # os.wait4 gives this child's own peak memory; poll it to bound the wait
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > timeout:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return proc.returncode, time.monotonic() - started, usage.ru_maxrss // 1024


@pytest.mark.parametrize("where", ["site_config.yaml", "content/news/bomb.md"])
def test_yaml_bomb_is_refused_quickly_with_bounded_memory(
    copy_site: Callable[[Path], Path], tmp_path: Path, where: str
) -> None:
    """In a process of its own, so its peak memory is its own: expanded, the bomb is gigabytes."""
    site = copy_site(BASIC)
    if where == "site_config.yaml":
        config = site / where
        config.write_text(
            config.read_text(encoding="utf-8") + "\n".join(BOMB_LINES) + "\n", encoding="utf-8"
        )
    else:
        (site / where).write_text(BOMB, encoding="utf-8")
    command = [sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--no-search"]
    code, seconds, megabytes = run_measured(command, tmp_path / "log", timeout=30)
    text = (tmp_path / "log").read_text(encoding="utf-8")
    assert code == 1, text
    assert f"{where}:" in text and "YAML-якоря и ссылки (&имя, *имя) не поддерживаются" in text
    # Against a baseline in the same machine state: the same build refusing a one-line
    # YAML mistake. The bomb may cost process start-up, not its expansion.
    baseline_site = tmp_path / "baseline"
    shutil.copytree(BASIC, baseline_site)
    (baseline_site / "content/news/broken.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    baseline_command = [*command[:4], str(baseline_site), "--no-search"]
    _, baseline, _ = run_measured(baseline_command, tmp_path / "baseline.log", timeout=30)
    assert seconds < baseline * 1.5 + 0.5, f"took {seconds:.1f} s; plain error {baseline:.1f} s"
    assert megabytes < 250, f"peak memory {megabytes} MB"
    assert not (site / "output").exists()


def front(*lines: str) -> bytes:
    """A Markdown file's bytes: front matter of these lines, no body."""
    return ("---\n" + "".join(line + "\n" for line in lines) + "---\n").encode("utf-8")


def test_content_mistakes_never_end_in_a_traceback(
    run_build: Callable[..., BuildRun], copy_site: Callable[[Path], Path]
) -> None:
    site = copy_site(BASIC)
    broken = {
        "content/news/binary.md": b"\x00\x01\x02\xff\xfe GIF89a \x00",
        "content/news/utf16.md": "---\ntitle: Новость\n---\n".encode("utf-16"),
        "content/news/empty.md": b"",
        "content/news/only-dashes.md": b"---\n---\n",
        "content/news/list.md": b"---\n- title\n- date\n---\n",
        "content/news/scalar.md": front("просто текст"),
        "content/news/nested.md": front("title: " + "[" * 2000 + "]" * 2000),
        "content/news/deep-map.md": front(*("  " * i + f"k{i}:" for i in range(200))),
        "content/news/types.md": front(
            "title: [1, 2]", "date: yes", "draft: maybe", "publish_at: завтра"
        ),
        "content/news/tab.md": front("title: Новость", "\tdate: 2020-01-01"),
        "content/news/nul.md": front("title: Нов\x00ость", "date: 2020-01-01"),
        "content/news/control.md": front('title: "Нов\x1bость"', "date: 2020-01-01"),
        "content/news/weird-slug.md": front(
            "title: Новость", "date: 2020-01-01", "slug: Новость/../x"
        ),
        "content/news/key-types.md": front(
            "title: Новость", "date: 2020-01-01", "1: один", "[a]: b"
        ),
        "content/pages/links.md": front("title: Ссылки")
        + b"[a](../../..) [b](/%2e%2e/x) [d](files/)\n",
        "content/pages/api.md": front("title: API"),
    }
    for rel, data in broken.items():
        (site / rel).write_bytes(data)
    (site / "content" / "news" / "folder.md").mkdir()
    run = run_build(site)
    assert run.code == 1
    assert "Traceback" not in run.stderr
    assert "Внутренняя ошибка" not in run.stderr
    named = {rel for rel in broken if rel in run.stderr}
    assert named == set(broken), run.stderr
    assert not run.out.exists()


# A site's own page template; its third line is the one that goes wrong.
PAGE_TEMPLATE = '{{% extends "base.html" %}}\n{{% block main %}}\n{}\n{{% endblock %}}\n'


@pytest.mark.parametrize(
    ("template", "where", "says"),
    [
        (
            PAGE_TEMPLATE.format("<h1>{{ item.titel }}</h1>"),
            "templates/page.html:3:",
            "ошибка в шаблоне templates/page.html:",
        ),
        (
            PAGE_TEMPLATE.format("<h1>{{ item.title }</h1>"),
            "templates/page.html:3:",
            "ошибка в шаблоне templates/page.html:",
        ),
        (
            PAGE_TEMPLATE.format('{% include "partials/net.html" %}'),
            "templates/page.html:3:",
            "нет шаблона partials/net.html",
        ),
        (
            PAGE_TEMPLATE.format("{{ item.title | date }}"),
            "templates/page.html:3:",
            "ошибка в шаблоне templates/page.html:",
        ),
    ],
    ids=["undefined", "syntax", "missing-include", "wrong-filter-input"],
)
def test_template_mistake_in_a_site_override_names_file_and_line(
    run_build: Callable[..., BuildRun],
    copy_site: Callable[[Path], Path],
    template: str,
    where: str,
    says: str,
) -> None:
    site = copy_site(BASIC)
    good = run_build(site)
    before = snapshot(good.out)
    (site / "templates").mkdir()
    (site / "templates" / "page.html").write_text(template, encoding="utf-8")
    bad = run_build(site)
    assert bad.code == 1, bad.stderr
    assert f"{where} ошибка: {says}" in bad.stderr, bad.stderr
    assert "Traceback" not in bad.stderr and str(site) not in bad.stderr
    assert diff_snapshots(before, snapshot(bad.out)) == []
