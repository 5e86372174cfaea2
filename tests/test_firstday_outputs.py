"""Smaller things a first-day user met (issue 12, part 4): feed authors, meta
descriptions, calendar SEQUENCE counting real revisions, a demo that builds clean."""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest
from icalendar import Calendar

from tests.conftest import REPO, BuildRun, iter_html

Make = Callable[..., Path]
Run = Callable[..., BuildRun]

CONFIG = """\
title: Администрация сельского поселения Тестовое
short_title: Поселение Тестовое
base_url: https://test.example.ru/
contacts: {email: adm@test.example.ru}
"""
SITE = {
    "content/news/s-anonsom.md": (
        "---\ntitle: С анонсом\ndate: 2026-01-05\n"
        "summary: Глава поселения отчитался **перед жителями** о работе & планах.\n---\n"
        "Полный текст.\n"
    ),
    "content/news/bez-anonsa.md": (
        "---\ntitle: Без анонса\ndate: 2026-01-06\n---\n"
        "Первый абзац новости о ремонте дороги.\n\nВторой абзац.\n"
    ),
    "content/pages/pustaya.md": "---\ntitle: Пустая страница\n---\n",
}


def meta_description(page: str) -> str | None:
    found = re.findall(r'<meta name="description" content="([^"]*)">', page)
    assert len(found) <= 1
    return html.unescape(found[0]) if found else None


# --- Atom authors ------------------------------------------------------------------------------


def test_atom_feeds_name_the_site_as_author_of_feed_and_entries(
    make_site: Make, run_build: Run
) -> None:
    run = run_build(make_site(SITE, CONFIG))
    assert run.code == 0, run.stderr
    for rel in ("atom.xml", "news/atom.xml", "meetings/atom.xml"):
        feed = feedparser.parse((run.out / rel).read_bytes())
        assert not feed.bozo, rel
        assert feed.feed.author_detail.name == "Администрация сельского поселения Тестовое"
        assert feed.feed.author_detail.email == "adm@test.example.ru"
        for entry in feed.entries:
            assert entry.author_detail.name == "Администрация сельского поселения Тестовое"
    assert len(feedparser.parse((run.out / "atom.xml").read_bytes()).entries) == 2


def test_atom_author_without_an_email_still_has_a_name(make_site: Make, run_build: Run) -> None:
    config = "title: Администрация\nbase_url: https://test.example.ru/\n"
    run = run_build(make_site(SITE, config))
    feed = feedparser.parse((run.out / "atom.xml").read_bytes())
    assert feed.feed.author_detail.name == "Администрация"
    assert "email" not in feed.feed.author_detail
    assert "<author>" in run.read("atom.xml") and "<managingEditor>" not in run.read("feed.xml")


# --- meta descriptions -------------------------------------------------------------------------


def test_every_page_has_a_meta_description(make_site: Make, run_build: Run) -> None:
    run = run_build(make_site(SITE, CONFIG))
    assert run.code == 0, run.stderr
    pages = list(iter_html(run.out))
    assert len(pages) > 10
    for page in pages:
        description = meta_description(page.read_text(encoding="utf-8"))
        assert description, page.relative_to(run.out)


def test_meta_descriptions_say_what_the_page_is(make_site: Make, run_build: Run) -> None:
    run = run_build(make_site(SITE, CONFIG))
    read = run.read
    assert meta_description(read("news/s-anonsom/index.html")) == (
        "Глава поселения отчитался перед жителями о работе & планах."
    )  # the summary, as text: no Markdown, the & escaped once in the attribute
    assert "о работе &amp; планах" in read("news/s-anonsom/index.html")
    assert meta_description(read("news/bez-anonsa/index.html")) == (
        "Первый абзац новости о ремонте дороги. Второй абзац."
    )
    assert meta_description(read("news/index.html")) == "Новости: Поселение Тестовое."
    assert meta_description(read("pustaya/index.html")) == (
        "Сведения о работе: Поселение Тестовое."
    )
    home = meta_description(read("index.html")) or ""
    assert home.startswith("Официальный сайт: Администрация сельского поселения Тестовое.")


def test_a_long_summary_is_cut_at_a_word(make_site: Make, run_build: Run) -> None:
    words = " ".join(["слово"] * 60)
    site = make_site(
        {"content/news/a.md": f"---\ntitle: А\ndate: 2026-01-05\nsummary: {words}\n---\nТ.\n"},
        CONFIG,
    )
    description = meta_description(run_build(site).read("news/a/index.html")) or ""
    assert len(description) <= 160 and description.endswith("слово…")


def test_the_sites_own_description_describes_the_home_page(
    make_site: Make, run_build: Run
) -> None:
    config = CONFIG + "description: Новости и документы поселения.\n"
    run = run_build(make_site(SITE, config))
    assert meta_description(run.read("index.html")) == "Новости и документы поселения."


# --- calendar SEQUENCE -------------------------------------------------------------------------

MEETING = """\
---
title: Встреча с жителями
kind: residents_meeting
start: 2026-12-20T18:00
location: {name: Дом культуры, address: "ул. Советская, 3"}
announced: 2026-11-10
---
Повестка: благоустройство.
"""


def git(site: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Т", "-c", "user.email=t@example.ru", *args],
        cwd=site, check=True, capture_output=True,
    )


def commit(site: Path, message: str) -> None:
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", message)


def sequence(run: BuildRun) -> int:
    cal = Calendar.from_ical((run.out / "meetings" / "vstrecha.ics").read_bytes())
    (event,) = [c for c in cal.walk() if c.name == "VEVENT"]
    return int(event.decoded("SEQUENCE"))


def test_sequence_counts_revisions_of_the_event_not_commits(
    make_site: Make, run_build: Run
) -> None:
    site = make_site({"content/meetings/vstrecha.md": MEETING})
    path = site / "content" / "meetings" / "vstrecha.md"
    git(site, "init", "-q")
    commit(site, "announce")
    assert sequence(run_build(site, "build", site / "out0")) == 0
    for n in range(3):  # the agenda edited three times: not a revision of the event
        path.write_text(path.read_text(encoding="utf-8") + f"\nДополнение {n}.\n", "utf-8")
        commit(site, f"agenda {n}")
    assert sequence(run_build(site, "build", site / "out1")) == 0
    path.write_text(path.read_text(encoding="utf-8").replace("T18:00", "T19:00"), "utf-8")
    commit(site, "moved an hour later")
    assert sequence(run_build(site, "build", site / "out2")) == 1
    # Not yet committed, and already published by a local build: a revision too.
    path.write_text(
        path.read_text(encoding="utf-8").replace("kind:", "cancelled: true\nkind:"), "utf-8"
    )
    assert sequence(run_build(site, "build", site / "out3")) == 2


# --- the demo ------------------------------------------------------------------------------------


def test_the_demo_checks_without_warnings(run_build: Run, tmp_path: Path) -> None:
    run = run_build(REPO, "check", tmp_path / "out")
    assert run.code == 0, run.stderr
    assert "предупреждение" not in run.stderr, run.stderr
    assert "предупреждений: 0" in run.stderr


@pytest.mark.parametrize("slug", ["pryamaya-liniya-2022-1", "obshchestvennyj-sovet-2022-2"])
def test_demo_meetings_say_where_their_announcement_comes_from(slug: str) -> None:
    text = (REPO / "content" / "meetings" / f"{slug}.md").read_text(encoding="utf-8")
    assert "announced_source: сведения из отчета за I полугодие 2022 года" in text
