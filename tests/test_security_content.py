"""Hostile or careless content (issue 10, items 8-12, and the sanitiser's warnings):
feeds, crashes, pathological Markdown, CSV formulas, direction marks and terminal escapes.

Each test breaks a copy of the spine's fixture site in one place and asserts what the
user sees: the exit code, the message with file:line and its code, and the output.
"""

from __future__ import annotations

import shutil
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from glasnost import markup
from tests.fixtures.spine.checks import BASIC, build_site, diff_snapshots, snapshot

NEWS = "content/news/plan-utverzhden.md"
MEETING = """\
---
title: {title}
kind: public_discussion
start: 2026-12-29T10:00
location: {{name: {place}}}
host: Совет
announced: 2026-11-01
{extra}---
Текст.
"""


# Each test's per-user cache in its own temporary folder (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("user_cache")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(BASIC, target, ignore=shutil.ignore_patterns("output", ".glasnost-cache"))
    return target


def write(site: Path, rel: str, text: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def news(body: str = "Текст.\n", **fields: str) -> str:
    front = {"title": "Новость", "date": "2020-08-20", **fields}
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in front.items()) + "---\n" + body


def lines(stderr: str, kind: str) -> list[str]:
    return [line for line in stderr.splitlines() if f": {kind}: " in line]


# -- the sanitiser's warnings -----------------------------------------------------------------


def test_markup_the_sanitiser_drops_is_named_with_its_line(site: Path, tmp_path: Path) -> None:
    body = (
        "Первый абзац.\n\n"
        "<script>alert(1)</script>\n\n"
        "Картинка: <img src=/files/gerb.gif onerror=alert(2)>\n\n"
        "[ссылка](javascript:alert(3))\n\n"
        '<iframe src="https://evil.example.com/"></iframe>\n\n'
        "<!-- заметка редактора -->\n\n"
        "Обычный **текст** и [ссылка](/about/).\n"
    )
    write(site, NEWS, news(body))
    run = build_site(site, tmp_path / "out")
    assert run.code == 0, run.stderr
    assert lines(run.stderr, "предупреждение") == [
        f"{NEWS}:{line}: предупреждение: из текста удалена разметка, которую сайт не "
        f"публикует: {what} [G303]"
        for line, what in ((7, "<script>"), (9, "onerror="), (11, "javascript:"), (13, "<iframe>"))
    ]
    page = (tmp_path / "out" / "news" / "plan-utverzhden" / "index.html").read_text("utf-8")
    for gone in ("alert(", "onerror", "javascript:", "<iframe", "evil.example.com"):
        assert gone not in page
    assert "<strong>текст</strong>" in page


# -- 8. feeds carry sanitised HTML ------------------------------------------------------------


def test_feed_descriptions_are_the_sanitised_html(site: Path, tmp_path: Path) -> None:
    summary = '"<script>alert(1)</script> Итоги **года**: [план](/about/)"'
    write(site, NEWS, news(summary=summary))
    run = build_site(site, tmp_path / "out")
    assert run.code == 0, run.stderr
    rss = ET.parse(tmp_path / "out" / "feed.xml").getroot()
    [description] = [
        i.findtext("description") for i in rss.iter("item") if i.findtext("title") == "Новость"
    ]
    # What a feed reader renders: the page's HTML, links made absolute, no script.
    assert description is not None
    assert description.strip() == (
        '<p>Итоги <strong>года</strong>: <a href="https://test.example.ru/about/">план</a></p>'
    )
    atom = ET.parse(tmp_path / "out" / "atom.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    contents = [e.find("a:content", ns) for e in atom.iterfind("a:entry", ns)]
    assert all(c is not None and c.get("type") == "html" for c in contents)
    assert b"alert(1)" not in (tmp_path / "out" / "feed.xml").read_bytes()


def test_a_text_summary_is_escaped_in_the_feed(site: Path, tmp_path: Path) -> None:
    """Types whose summary is text (meetings) are escaped: a reader shows, never runs it."""
    place = '"Зал <b onmouseover=alert(1)>№1</b>"'
    write(site, "content/meetings/m.md", MEETING.format(title="Слушания", place=place, extra=""))
    run = build_site(site, tmp_path / "out")
    assert run.code == 0, run.stderr
    rss = ET.parse(tmp_path / "out" / "meetings" / "feed.xml").getroot()
    [description] = [i.findtext("description") for i in rss.iter("item")]
    assert description is not None
    assert "&lt;b onmouseover=alert(1)&gt;" in description and "<b" not in description


# -- 9. content that used to crash the build --------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        (
            "content/meetings/m.md",
            MEETING.format(title="Слушания", place="Зал", extra="comments_until: 9999-12-31\n"),
            "content/meetings/m.md:8: ошибка: дата 9999-12-31 в поле «comments_until» вне "
            "допустимых пределов (1000–2999 годы) [G227]",
        ),
        (
            "content/meetings/m.md",
            MEETING.format(
                title="Слушания", place="Зал", extra=f"outcome: {{attendance: {'9' * 4301}}}\n"
            ),
            "content/meetings/m.md:8: ошибка: число слишком длинное (больше 4300 цифр) [G032]",
        ),
        (
            NEWS,
            news(title='"Новость\\vс вертикальной табуляцией"'),
            f"{NEWS}:2: ошибка: в поле «title» есть управляющий символ U+000B [G226]",
        ),
        (
            NEWS,
            news(summary='"Кратко \\e[2J"'),
            f"{NEWS}:4: ошибка: в поле «summary» есть управляющий символ U+001B [G226]",
        ),
        (
            "content/meetings/m.md",
            MEETING.format(title='"Слушания\\rсовета"', place="Зал", extra=""),
            "content/meetings/m.md:2: ошибка: в поле «title» есть управляющий символ U+000D [G226]",
        ),
    ],
    ids=["far-date", "long-integer", "vertical-tab", "escape", "bare-cr"],
)
def test_values_that_crashed_the_build_are_content_errors(
    site: Path, tmp_path: Path, rel: str, text: str, expected: str
) -> None:
    write(site, rel, text)
    before = snapshot(site)
    run = build_site(site, tmp_path / "out")
    assert run.code == 1, run.stderr
    assert lines(run.stderr, "ошибка") == [expected]
    assert "Внутренняя ошибка" not in run.stderr
    assert not (tmp_path / "out").exists()
    assert diff_snapshots(before, snapshot(site)) == []


def test_a_control_character_in_the_config_is_an_error(site: Path, tmp_path: Path) -> None:
    config = site / "site_config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("Тестовый округ", '"Тестовый\\rокруг"'), encoding="utf-8")
    run = build_site(site, tmp_path / "out")
    assert run.code == 1
    assert lines(run.stderr, "ошибка") == [
        "site_config.yaml:3: ошибка: в поле «short_title» есть управляющий символ U+000D [G226]"
    ]


def test_line_breaks_in_a_meeting_title_do_not_break_its_calendar(
    site: Path, tmp_path: Path
) -> None:
    title = "|\n  Публичные слушания\n  по бюджету"
    write(site, "content/meetings/m.md", MEETING.format(title=title, place="Зал", extra=""))
    run = build_site(site, tmp_path / "out")
    assert run.code == 0, run.stderr
    for ics in ("meetings/m.ics", "meetings/calendar.ics"):
        raw = (tmp_path / "out" / ics).read_bytes()
        assert b"\r" not in raw.replace(b"\r\n", b""), ics  # every line ends CRLF, no bare CR
        text = raw.decode("utf-8").replace("\r\n ", "")  # unfold
        assert "SUMMARY:Публичные слушания по бюджету\r\n" in text, ics
    single = (tmp_path / "out" / "meetings" / "m.ics").read_bytes().decode("utf-8")
    assert "X-WR-CALNAME:Публичные слушания по бюджету\r\n" in single.replace("\r\n ", "")


# -- 10. a time budget per text ---------------------------------------------------------------


def test_pathological_markdown_is_stopped_by_the_time_budget(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLASNOST_MARKDOWN_BUDGET", "0.3")
    write(site, "content/news/skobki.md", news("[" * 30000 + "\n"))
    started = time.monotonic()
    run = build_site(site, tmp_path / "out")
    assert time.monotonic() - started < 30  # unbounded, this build takes minutes
    assert run.code == 1
    assert lines(run.stderr, "ошибка") == [
        "content/news/skobki.md:5: ошибка: текст обрабатывается дольше 0.3 с и пропущен [G306]"
    ]
    assert not (tmp_path / "out").exists()


def test_the_budget_holds_when_the_build_runs_in_a_thread() -> None:
    """The preview rebuilds in a thread, where no timer signal arrives: a timer thread
    interrupts the rendering thread, which goes on with the next text."""
    renderer = markup.MarkdownRenderer(None, workers=1, budget=0.3)
    results: list[markup.Rendered] = []
    worker = threading.Thread(
        target=lambda: results.extend(renderer.render_all(["[" * 30000, "Просто *текст*."]))
    )
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert [r.failure for r in results] == [markup.OVER_BUDGET, None]
    assert results[1].html == "<p>Просто <em>текст</em>.</p>"


# -- 11. CSV formulas and NUL -----------------------------------------------------------------

DATASET = """\
title: Обращения граждан
description: Число обращений по темам.
creator: Администрация
subject: [обращения]
publisher: {name: Иванова И.И., phone: "+78000000000", email: opendata@test.example.ru}
created: 2022-01-10
valid: 2030-12-31
update_frequency: ежегодно
structure:
  - {name: topic, title: Тема, type: string}
  - {name: phone, title: Телефон, type: string}
  - {name: count, title: Число, type: integer}
versions:
  - {date: 2022-07-15, file: data-20220715.csv, provenance: Итоги}
"""
CSV = "content/datasets/obrashcheniya/data-20220715.csv"


def dataset(site: Path, rows: str | bytes) -> None:
    config = site / "site_config.yaml"
    extra = 'inn: "2613000000"\nopendata:\n  license: Свободное использование\n'
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    write(site, "content/datasets/obrashcheniya/dataset.yaml", DATASET)
    header = b"topic,phone,count\n"
    data = rows.encode("utf-8") if isinstance(rows, str) else rows
    (site / CSV).write_bytes(header + data)


def test_cells_a_spreadsheet_would_run_are_warned(site: Path, tmp_path: Path) -> None:
    dataset(
        site,
        "Дороги,+7 (800) 000-00-00,-5\n"  # a phone and a negative number: not formulas
        '"=HYPERLINK(""https://evil.example.com"",""Жми"")",8 800,3\n'
        "+cmd|' /C calc'!A0,,2\n"
        "@SUM(A1:A9),,1\n",
    )
    run = build_site(site, tmp_path / "out")
    assert run.code == 0, run.stderr
    assert lines(run.stderr, "предупреждение") == [
        f"{CSV}:3: предупреждение: ячейка в строке 3, столбец «topic», начинается с «=»: "
        "программа электронных таблиц может выполнить её как формулу (таких ячеек: 3) [D135]"
    ]


def test_a_nul_byte_in_a_csv_is_refused(site: Path, tmp_path: Path) -> None:
    dataset(site, b"\xd0\x94\xd0\xbe\xd1\x80\xd0\xbe\xd0\xb3\xd0\xb8,,1\nab\x00c,,2\n")
    run = build_site(site, tmp_path / "out")
    assert run.code == 1
    assert lines(run.stderr, "ошибка") == [
        f"{CSV}:3: ошибка: в файле есть нулевой байт (NUL) [D134]"
    ]
    assert not (tmp_path / "out").exists()


# -- 12. direction marks and terminal escapes -------------------------------------------------


def test_direction_marks_in_a_title_are_warned(site: Path, tmp_path: Path) -> None:
    write(site, NEWS, news(title='"Отчёт \u202efdp.exe"'))
    run = build_site(site, tmp_path / "out")
    assert run.code == 0, run.stderr
    assert lines(run.stderr, "предупреждение") == [
        f"{NEWS}:2: предупреждение: в поле «title» есть невидимые символы, меняющие "
        "направление текста: U+202E [G225]"
    ]


def test_escape_sequences_from_content_never_reach_the_terminal(site: Path, tmp_path: Path) -> None:
    write(site, NEWS, news(**{'"\\e]0;pwned\\a\\e[2Jkey"': "значение"}))
    run = build_site(site, tmp_path / "out")
    assert run.code == 1
    [error] = lines(run.stderr, "ошибка")
    assert "неизвестное поле «\\x1b]0;pwned\\x07\\x1b[2Jkey»" in error and error.endswith("[G201]")
    assert "\x1b" not in run.stderr and "\x07" not in run.stderr
