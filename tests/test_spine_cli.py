"""The command line as a press secretary uses it: check, new, --help, option order."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BuildRun
from tests.fixtures.spine.checks import BASIC, REPO, snapshot, text_of

BROKEN_NEWS = "---\ntitle: Новость\ndate: 2020-08-20\nsumary: Анонс.\n---\nТекст.\n"


def test_check_on_a_clean_site_passes_and_writes_nothing(
    run_build: Callable[..., BuildRun], copy_site: Callable[[Path], Path]
) -> None:
    site = copy_site(BASIC)
    before = snapshot(site)
    run = run_build(site, "check")
    assert run.code == 0, run.stderr
    assert "Проверка пройдена; предупреждений: 0." in run.stderr
    assert not run.out.exists()
    assert snapshot(site) == before  # not even the Markdown cache


def test_check_on_a_broken_site_fails_and_writes_nothing(
    run_build: Callable[..., BuildRun], copy_site: Callable[[Path], Path]
) -> None:
    site = copy_site(BASIC)
    (site / "content" / "news" / "plan-utverzhden.md").write_text(BROKEN_NEWS, encoding="utf-8")
    before = snapshot(site)
    run = run_build(site, "check")
    assert run.code == 1
    assert "content/news/plan-utverzhden.md:4: ошибка: неизвестное поле «sumary»" in run.stderr
    assert "Сборка остановлена: ошибок: 1" in run.stderr
    assert not run.out.exists()
    assert snapshot(site) == before


def test_new_news_writes_a_dated_file_that_builds(
    run_build: Callable[..., BuildRun],
    make_site: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = make_site({})
    run = run_build(site, "new", None, False, "news", "Заголовок")
    assert run.code == 0, run.stderr
    path = site / "content" / "news" / "zagolovok.md"
    assert "content/news/zagolovok.md" in run.stdout
    text = path.read_text(encoding="utf-8")
    # «Today» is the build clock's (SOURCE_DATE_EPOCH, the tests' fixed 2026-11-18) in the
    # site's zone, so a build at the same moment publishes the new item at once.
    assert "date: 2026-11-18" in text
    assert re.search(r'^title: "?Заголовок"?$', text, re.M), text

    built = run_build(site)
    assert built.code == 0, built.stderr
    # The only warnings: the starter's sample summary and text, still to be replaced.
    assert "предупреждений: 2" in built.stderr and built.stderr.count("[G223]") == 2
    assert "Заголовок" in text_of(built.read("news/zagolovok/index.html"))


def test_new_keeps_a_title_with_colons_and_quotes_exactly(
    run_build: Callable[..., BuildRun],
    make_site: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = make_site({})
    title = 'Приём граждан: итоги «года» и "планы" #1'
    assert run_build(site, "new", None, False, "page", title).code == 0
    # `new` dates the page today: build with today's clock, or it would wait for its date.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time())))
    built = run_build(site)
    assert built.code == 0, built.stderr
    slug = "priem-grazhdan-itogi-goda-i-plany-1"
    assert built.json(f"{slug}/index.json")["title"] == title


def test_new_refuses_to_overwrite_and_names_unknown_types(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    site = make_site({})
    assert run_build(site, "new", None, False, "news", "Заголовок").code == 0
    again = run_build(site, "new", None, False, "news", "Заголовок")
    assert again.code == 1
    assert "Файл content/news/zagolovok.md уже есть" in again.stderr
    unknown = run_build(site, "new", None, False, "novost", "Заголовок")
    assert unknown.code == 2
    assert "Неизвестный тип «novost». Возможные: page, news" in unknown.stderr


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_help_is_in_plain_russian() -> None:
    result = _cli("--help")
    assert result.returncode == 0
    out = result.stdout
    for words in ("собирает сайт", "Команды:", "проверить", "папка сайта", "показать эту справку"):
        assert words in out
    for english in ("usage", "options", "positional arguments", "show this help", "SITE", "OUT"):
        assert english not in out, english


def test_command_help_and_errors_are_russian_too() -> None:
    result = _cli("new", "--help")
    assert result.returncode == 0
    assert "ЗАГОЛОВОК" in result.stdout and "usage" not in result.stdout
    wrong = _cli("publish")
    assert wrong.returncode == 2
    assert "ошибка: неизвестное значение «publish»" in wrong.stderr
    assert "invalid choice" not in wrong.stderr


def test_site_option_works_before_and_after_the_command(
    run_build: Callable[..., BuildRun], copy_site: Callable[[Path], Path], tmp_path: Path
) -> None:
    from glasnost.cli import main

    site = copy_site(BASIC)
    assert main(["--site", str(site), "build", "--out", str(tmp_path / "a"), "--no-search"]) == 0
    assert main(["build", "--site", str(site), "--out", str(tmp_path / "b"), "--no-search"]) == 0
    assert main(["--site", str(site), "--out", str(tmp_path / "c"), "--no-search"]) == 0
    for out in ("a", "b", "c"):  # each built the fixture site, not the current folder
        doc = json.loads((tmp_path / out / "about" / "index.json").read_text(encoding="utf-8"))
        assert doc["title"] == "Об администрации"


def test_build_refuses_an_output_folder_that_would_replace_sources(
    run_build: Callable[..., BuildRun], copy_site: Callable[[Path], Path], tmp_path: Path
) -> None:
    site = copy_site(BASIC)
    before = snapshot(site)
    for out in (site, site / "content" / "output", tmp_path):
        run = run_build(site, "build", out)
        assert run.code == 1, out
        assert "ошибка: сюда собирать нельзя" in run.stderr
        assert snapshot(site) == before
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("личное", encoding="utf-8")
    run = run_build(site, "build", documents)
    assert run.code == 1
    assert "ошибка: папка уже занята другими файлами" in run.stderr
    assert [p.name for p in documents.iterdir()] == ["letter.txt"]
    # An empty folder, or one a previous build wrote, is fine.
    assert run_build(site, "build", tmp_path / "empty").code == 0
    assert run_build(site, "build", tmp_path / "empty").code == 0


def test_two_outputs_at_one_address_are_an_error() -> None:
    from glasnost.pipeline import new_diagnostics, repeated, report_duplicates

    diag = new_diagnostics()
    written = ["a/index.html", "b/index.html", "a/index.html"]
    assert repeated(written) == ["a/index.html"]
    report_duplicates(repeated(written), diag)
    assert [diag.format(d, "ru") for d in diag] == [
        "output/a/index.html: ошибка: по адресу /a/index.html выпускаются два разных файла [G402]\n"
        "    Материал занял адрес, который уже занят другим: переименуйте его или задайте slug."
    ]
