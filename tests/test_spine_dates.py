"""Dates of posting: front matter, else the content repository's git history, else the file."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import BuildRun
from tests.fixtures.spine.checks import text_of

PAGE = "---\ntitle: {title}\n---\n{body}\n"


def git(site: Path, *args: str, when: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,  # no user settings (signing, hooks) from the machine
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Пресс-секретарь",
        "GIT_AUTHOR_EMAIL": "press@test.example.ru",
        "GIT_COMMITTER_NAME": "Пресс-секретарь",
        "GIT_COMMITTER_EMAIL": "press@test.example.ru",
    }
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    subprocess.run(["git", *args], cwd=site, env=env, check=True, capture_output=True, timeout=60)


def test_dates_come_from_git_history_first_and_last_commit(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    site = make_site(
        {
            "content/pages/istoriya.md": PAGE.format(title="История", body="Первая редакция."),
            "content/pages/О нас.md": PAGE.format(title="О нас", body="Текст."),
        }
    )
    git(site, "init", "-q")
    git(site, "add", "-A")
    # 01:00 in Moscow is still February in UTC: the date must be the site's own.
    git(site, "commit", "-q", "-m", "Первая публикация", when="2021-03-01T01:00:00+03:00")
    (site / "content/pages/istoriya.md").write_text(
        PAGE.format(title="История", body="Вторая."), encoding="utf-8"
    )
    git(site, "commit", "-q", "-am", "Правка", when="2022-07-15T12:00:00+03:00")
    (site / "content/pages/novaya.md").write_text(
        PAGE.format(title="Новая", body="Ещё нет в git."), encoding="utf-8"
    )

    run = run_build(site)
    assert run.code == 0, run.stderr

    history = text_of(run.read("istoriya/index.html"))
    assert "Опубликовано: 1 марта 2021 г." in history
    assert "Изменено: 15 июля 2022 г." in history
    assert (
        run.json("istoriya/index.json")["published"],
        run.json("istoriya/index.json")["updated"],
    ) == (
        "2021-03-01",
        "2022-07-15",
    )
    # A Cyrillic file name, which git prints quoted unless told otherwise.
    about = run.json("o-nas/index.json")
    assert (about["published"], about["updated"]) == ("2021-03-01", "2021-03-01")
    assert "Изменено" not in text_of(run.read("o-nas/index.html"))
    # Only the file that is not in git falls back to the file date, with a warning.
    assert "G220" in run.stderr
    assert run.stderr.count("G220") == 1
    assert (
        "content/pages/novaya.md:2: предупреждение: не удалось определить дату публикации"
        in run.stderr
    )


def test_front_matter_dates_win_over_git_history(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    site = make_site(
        {"content/pages/akt.md": "---\ntitle: Акт\npublished: 2020-08-20\n---\nТекст.\n"}
    )
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "Публикация", when="2024-01-10T12:00:00+03:00")
    run = run_build(site)
    assert run.code == 0, run.stderr
    page = text_of(run.read("akt/index.html"))
    # Published as declared; changed when git last saw the file.
    assert "Опубликовано: 20 августа 2020 г." in page
    assert "Изменено: 10 января 2024 г." in page


def test_without_git_the_file_date_is_used_with_warning_g220(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    site = make_site({"content/pages/spravka.md": PAGE.format(title="Справка", body="Текст.")})
    stamp = datetime(2023, 4, 5, 12, 0, tzinfo=UTC).timestamp()
    os.utime(site / "content/pages/spravka.md", (stamp, stamp))
    run = run_build(site)
    assert run.code == 0, run.stderr
    assert (
        "content/pages/spravka.md:2: предупреждение: не удалось определить дату публикации: "
        "нет поля published, файл не в истории git [G220]"
    ) in run.stderr
    assert "Опубликовано: 5 апреля 2023 г." in text_of(run.read("spravka/index.html"))


def test_updated_before_published_is_an_error(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    text = "---\ntitle: Акт\npublished: 2021-05-01\nupdated: 2021-04-01\n---\nТекст.\n"
    run = run_build(make_site({"content/pages/akt.md": text}))
    assert run.code == 1
    expected = "дата изменения 2021-04-01 раньше даты публикации 2021-05-01"
    assert f"content/pages/akt.md:4: ошибка: {expected}" in run.stderr
