"""Messages a press secretary understands (issue 12, part 3): the right line, the
invisible characters Word pastes named, and what a comma in `{...}` did, in words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import BuildRun

Make = Callable[..., Path]
Run = Callable[..., BuildRun]

MEETING = """\
---
title: Встреча с жителями
kind: residents_meeting
start: 2026-12-20T18:00
location: {name: Дом культуры}
announced: 2026-11-10
host Глава поселения
---
Повестка.
"""


def test_a_missing_colon_is_reported_on_its_own_line(make_site: Make, run_build: Run) -> None:
    run = run_build(make_site({"content/meetings/m.md": MEETING}), "check")
    assert run.code == 1
    # `host` is on line 7 of the file; libyaml notices only on the next one.
    assert "content/meetings/m.md:7: ошибка: ошибка синтаксиса YAML" in run.stderr
    assert "двоеточие" in run.stderr


def test_a_missing_colon_in_a_yaml_file_too(make_site: Make, run_build: Run) -> None:
    text = "title: План\nsummary Кратко\nsections: []\n"
    run = run_build(make_site({"content/plans/p.yaml": text}), "check")
    assert "content/plans/p.yaml:2: ошибка: ошибка синтаксиса YAML" in run.stderr


def test_a_non_breaking_space_after_a_colon_is_named_and_replaced(
    make_site: Make, run_build: Run
) -> None:
    news = "---\ntitle:\u00a0Новость\ndate:\u00a02026-01-05\n---\nТекст.\n"
    run = run_build(make_site({"content/news/a.md": news}))
    assert run.code == 0, run.stderr
    assert "content/news/a.md:2: предупреждение: неразрывный пробел" in run.stderr
    assert "content/news/a.md:3: предупреждение: неразрывный пробел" in run.stderr
    assert run.stderr.count("[G029]") == 2
    assert run.json("news/a/index.json")["title"] == "Новость"


def test_a_non_breaking_space_in_indentation_is_named(make_site: Make, run_build: Run) -> None:
    plan = (
        "title: План\npublished: 2026-01-01\nsections:\n  - title: Раздел\n    items:\n"
        '      - id: "1"\n\u00a0       title: Мера\n'
    )
    run = run_build(make_site({"content/plans/p.yaml": plan}), "check")
    assert run.code == 0, run.stderr
    assert "content/plans/p.yaml:7: предупреждение: неразрывный пробел" in run.stderr


def test_a_zero_width_space_in_a_deadline_is_named_and_removed(
    make_site: Make, run_build: Run
) -> None:
    plan = (
        "title: План\npublished: 2026-01-01\nsections:\n  - title: Раздел\n    items:\n"
        '      - id: "1"\n        title: Мера\n        deadline: До 01.11.2018\u200b года\n'
    )
    run = run_build(make_site({"content/plans/p.yaml": plan}))
    assert run.code == 0, run.stderr
    assert "content/plans/p.yaml:8: предупреждение: невидимый символ U+200B" in run.stderr
    item = run.json("plans/p/index.json")["computed"]["sections"][0]["items"][0]
    assert item["due"] == "2018-11-01" and item["overdue"]  # read, not left as text


def test_a_zero_width_space_in_prose_is_removed_silently(make_site: Make, run_build: Run) -> None:
    news = "---\ntitle: Новость\ndate: 2026-01-05\n---\nТекст\u200b новости про бюджет.\n"
    run = run_build(make_site({"content/news/a.md": news}))
    assert run.code == 0 and "[G030]" not in run.stderr
    assert "Текст новости про бюджет" in run.read("news/a/index.html")


def test_curly_quotes_used_as_yaml_quotes_are_named(make_site: Make, run_build: Run) -> None:
    news = "---\ntitle: “Итоги: год”\ndate: 2026-01-05\n---\nТекст.\n"
    run = run_build(make_site({"content/news/a.md": news}), "check")
    assert run.code == 1  # "Итоги: год" without real quotes is a YAML error
    assert (
        "content/news/a.md:2: предупреждение: вы написали “Итоги: год”" in run.stderr
    )
    assert 'Используйте прямые кавычки: "Итоги: год".' in run.stderr
    assert "content/news/a.md:2: ошибка: ошибка синтаксиса YAML" in run.stderr


def test_russian_quotes_around_a_value_are_text(make_site: Make, run_build: Run) -> None:
    news = "---\ntitle: «Народный бюджет»\ndate: 2026-01-05\n---\nТекст.\n"
    run = run_build(make_site({"content/news/a.md": news}), "check")
    assert run.code == 0 and "[G031]" not in run.stderr


def test_a_comma_in_a_flow_mapping_is_explained(make_site: Make, run_build: Run) -> None:
    report = (
        "title: Отчет\npublished: 2026-01-01\nentries:\n"
        "  - {title: Обращения граждан, чел., status: done, text: Сделано.}\n"
    )
    run = run_build(make_site({"content/reports/r.yaml": report}), "check")
    assert run.code == 1
    assert (
        "content/reports/r.yaml:4: ошибка: поле «entries[1]»: в значении запятая — "
        "возьмите его в кавычки [G218]" in run.stderr
    )
    assert "«чел.» прочитано как имя поля" in run.stderr
    assert "неизвестное поле" not in run.stderr


def test_the_status_hint_lists_the_russian_words(make_site: Make, run_build: Run) -> None:
    report = (
        "title: Отчет\npublished: 2026-01-01\nentries:\n"
        "  - title: Мера\n    status: сделано\n    text: Сделано.\n"
    )
    run = run_build(make_site({"content/reports/r.yaml": report}), "check")
    assert "content/reports/r.yaml:5: ошибка: поле «entries[1].status»" in run.stderr
    assert (
        "Пишите одно из: выполнено, выполняется, не выполнено, не начато, "
        "информация не представлена" in run.stderr
    )


def test_a_russian_status_word_is_accepted(make_site: Make, run_build: Run) -> None:
    report = (
        "title: Отчет\npublished: 2026-01-01\nentries:\n"
        "  - title: Мера\n    status: выполняется\n    text: Идет.\n"
    )
    run = run_build(make_site({"content/reports/r.yaml": report}))
    assert run.code == 0, run.stderr
    assert run.json("reports/r/index.json")["fields"]["entries"][0]["status"] == "in_progress"


def test_a_decisions_status_may_be_russian_and_its_hint_lists_the_words(
    make_site: Make, run_build: Run
) -> None:
    meeting = MEETING.replace("host Глава поселения\n", "").replace(
        "---\nПовестка.",
        "outcome:\n  decisions:\n    - text: Отремонтировать дорогу\n"
        "      responsible: Администрация\n      status: STATUS\n---\nПовестка.",
    ).replace("2026-12-20", "2026-11-16").replace("2026-11-10", "2026-11-02")
    run = run_build(make_site({"content/meetings/m.md": meeting.replace("STATUS", "выполняется")}))
    assert run.code == 0, run.stderr
    decision = run.json("meetings/m/index.json")["computed"]["decisions"][0]
    assert decision["status"] == "in_progress"
    wrong = run_build(make_site({"content/meetings/m.md": meeting.replace("STATUS", "сделано")}))
    assert "content/meetings/m.md:11: ошибка: поле «outcome.decisions[1].status»" in wrong.stderr
    assert "Пишите одно из: выполнено, выполняется, не выполнено, не начато (" in wrong.stderr
