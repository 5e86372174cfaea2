"""Everyday mistakes that used to publish a wrong fact without a word (issue 12, part 2).

Each fixture is the mistake as a press secretary makes it; each test asserts the
message she sees (file:line and code) and what the built site does about it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BuildRun, assert_failed_without_output

# The fixed clock of the tests is 2026-11-18 (tests/conftest.py FIXED_EPOCH).
PLAN = """\
title: План мероприятий
published: 2026-01-10
sections:
  - title: Раздел
    items:
      - id: "1.1"
        title: Первая мера
        deadline: Постоянно
      - id: "1.10"
        title: Десятая мера
        deadline: Постоянно
"""

Make = Callable[..., Path]
Run = Callable[..., BuildRun]


def report(entry_item: str) -> str:
    return f"""\
title: Отчет
plan: plan
published: 2026-07-01
entries:
  - item: {entry_item}
    status: done
    text: Сделано.
"""


# --- (a) ids written as YAML numbers -------------------------------------------------------


def test_a_report_item_written_as_a_number_is_an_error(make_site: Make, run_build: Run) -> None:
    site = make_site(
        {"content/plans/plan.yaml": PLAN, "content/reports/r.yaml": report("1.10")}
    )
    run = run_build(site)
    assert_failed_without_output(run)
    assert "content/reports/r.yaml:5:" in run.stderr and "[G222]" in run.stderr
    assert "прочитано как число 1.1" in run.stderr
    assert 'item: "1.10"' in run.stderr  # the hint shows the fix


def test_the_quoted_item_is_credited_to_its_own_measure(make_site: Make, run_build: Run) -> None:
    site = make_site(
        {"content/plans/plan.yaml": PLAN, "content/reports/r.yaml": report('"1.10"')}
    )
    run = run_build(site)
    assert run.code == 0, run.stderr
    items = run.json("plans/plan/index.json")["computed"]["sections"][0]["items"]
    assert [(i["id"], i["status"]) for i in items] == [("1.1", None), ("1.10", "done")]


@pytest.mark.parametrize(
    ("written", "line"),
    [
        ("id: 2", 6),  # even a whole number: an id is a name, not a quantity
        ("id: 1.10", 6),
    ],
)
def test_a_plan_item_id_written_as_a_number_is_an_error(
    make_site: Make, run_build: Run, written: str, line: int
) -> None:
    text = PLAN.replace('id: "1.1"', written)
    run = run_build(make_site({"content/plans/plan.yaml": text}), "check")
    assert run.code == 1
    assert f"content/plans/plan.yaml:{line}:" in run.stderr and "[G222]" in run.stderr


def test_an_act_number_with_a_leading_zero_is_an_error(make_site: Make, run_build: Run) -> None:
    # YAML 1.1 reads 010 as the octal number 8.
    text = PLAN.replace(
        "published: 2026-01-10\n",
        "published: 2026-01-10\napproved_by: {kind: распоряжение, number: 010, date: 2026-01-09}\n",
    )
    run = run_build(make_site({"content/plans/plan.yaml": text}), "check")
    assert run.code == 1
    assert "content/plans/plan.yaml:3:" in run.stderr and "прочитано как число 8" in run.stderr


def test_a_text_field_that_a_number_would_change_is_an_error(
    make_site: Make, run_build: Run
) -> None:
    site = make_site({"content/news/a.md": "---\ntitle: 1.10\ndate: 2026-01-01\n---\nТекст.\n"})
    run = run_build(site, "check")
    assert run.code == 1
    assert "content/news/a.md:2:" in run.stderr and "[G222]" in run.stderr


def test_a_number_that_text_keeps_as_written_is_fine(make_site: Make, run_build: Run) -> None:
    site = make_site({"content/news/a.md": "---\ntitle: 2026\ndate: 2026-01-01\n---\nТекст.\n"})
    run = run_build(site, "check")
    assert run.code == 0, run.stderr


# --- (b) deadlines without a year take the plan's year ---------------------------------


def yearless_plan(title: str, year_line: str = "") -> str:
    return f"""\
title: {title}
{year_line}published: 2024-01-10
sections:
  - title: Раздел
    items:
      - id: "1"
        title: Отчет главы
        deadline: IV квартал
      - id: "2"
        title: Итоги года
        deadline: до конца года
      - id: "3"
        title: Прием граждан
        deadline: в течение года
"""


@pytest.mark.parametrize(
    ("title", "year_line"),
    [("План мероприятий на 2025 год", ""), ("План мероприятий", "year: 2025\n")],
)
def test_a_yearless_deadline_takes_the_plans_year_and_becomes_overdue(
    make_site: Make, run_build: Run, title: str, year_line: str
) -> None:
    run = run_build(make_site({"content/plans/p.yaml": yearless_plan(title, year_line)}))
    assert run.code == 0, run.stderr
    data = run.json("plans/p/index.json")["computed"]
    overdue = {o["id"]: o["due"] for o in data["overdue"]}
    assert overdue == {"1": "2025-12-31", "2": "2025-12-31", "3": "2025-12-31"}
    assert data["sections"][0]["items"][0]["deadline_label"] == "IV квартал 2025 г."
    assert "крайний срок: <time datetime=\"2025-12-31\">" in run.read("plans/p/index.html")
    assert "Просроченных мероприятий нет" not in run.read("plans/p/index.html")


def test_the_plans_current_year_is_not_overdue_yet(make_site: Make, run_build: Run) -> None:
    # The clock says 2026-11-18: the fourth quarter of 2026 is not over.
    run = run_build(make_site({"content/plans/p.yaml": yearless_plan("План на 2026 год")}))
    assert run.code == 0, run.stderr
    assert run.json("plans/p/index.json")["computed"]["overdue"] == []


def test_a_yearless_deadline_without_a_plan_year_is_a_warning(
    make_site: Make, run_build: Run
) -> None:
    run = run_build(make_site({"content/plans/p.yaml": yearless_plan("План мероприятий")}))
    assert run.code == 0
    for line, text in ((8, "IV квартал"), (11, "до конца года"), (14, "в течение года")):
        assert f"content/plans/p.yaml:{line}: предупреждение: срок «{text}» без года" in run.stderr
    assert "[P107]" in run.stderr


# --- (c) an item dated in the future waits for its date --------------------------------


def test_future_news_and_report_wait_for_their_dates(make_site: Make, run_build: Run) -> None:
    site = make_site(
        {
            "content/plans/plan.yaml": PLAN,
            "content/reports/old.yaml": report('"1.1"').replace("done", "in_progress"),
            "content/reports/ahead.yaml": report('"1.1"').replace("2026-07-01", "2027-11-01"),
            "content/news/later.md": "---\ntitle: Потом\ndate: 2027-01-01\n---\nТекст.\n",
            "content/news/today.md": "---\ntitle: Сегодня\ndate: 2026-11-18\n---\nТекст.\n",
        }
    )
    run = run_build(site)
    assert run.code == 0, run.stderr
    assert (run.out / "news/today/index.html").is_file()
    assert not (run.out / "news/later").exists() and "Потом" not in run.read("feed.xml")
    assert not (run.out / "reports/ahead").exists()
    plan = run.json("plans/plan/index.json")["computed"]
    assert plan["progress"]["done"] == 0  # the report a year ahead does not count yet
    assert [r["report"]["id"] for r in plan["reports"]] == ["report/old"]
    check = run_build(site, "check")
    assert "Запланировано к публикации:" in check.stdout
    assert "content/reports/ahead.yaml: Отчет — 2027-11-01" in check.stdout
    assert "content/news/later.md: Потом — 2027-01-01" in check.stdout
    assert "today.md" not in check.stdout


def test_news_dated_tomorrow_waits_and_today_is_published(make_site: Make, run_build: Run) -> None:
    site = make_site(
        {"content/news/tomorrow.md": "---\ntitle: Завтра\ndate: 2026-11-19\n---\nТекст.\n"}
    )
    run = run_build(site)
    assert run.code == 0 and not (run.out / "news/tomorrow").exists()


# --- (f) a page with `date` ----------------------------------------------------------------


def test_a_page_with_a_date_is_accepted_as_its_date_of_posting(
    make_site: Make, run_build: Run
) -> None:
    page = "---\ntitle: О нас\ndate: 2024-05-01\n---\nТекст.\n"
    site = make_site({"content/pages/about.md": page})
    run = run_build(site)
    assert run.code == 0, run.stderr
    assert run.json("about/index.json")["published"] == "2024-05-01"


# --- (d) a file on the author's computer ----------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        r"![Фото с встречи](C:\Users\Ivan\Desktop\foto.jpg)",
        "[Протокол](file:///C:/Users/Ivan/protokol.pdf)",
        '<img src="D:/Фото/vstrecha.png" alt="Встреча">',
    ],
)
def test_a_windows_path_in_a_link_is_an_error(make_site: Make, run_build: Run, link: str) -> None:
    news = f"---\ntitle: Новость\ndate: 2026-01-05\n---\nПервый абзац.\n\n{link}\n"
    run = run_build(make_site({"content/news/a.md": news}))
    assert_failed_without_output(run)
    assert "content/news/a.md:7: ошибка: ссылка на файл на вашем компьютере" in run.stderr
    assert "[G305]" in run.stderr and "content/files/" in run.stderr


def test_a_windows_path_in_a_report_entry_is_found_on_its_line(
    make_site: Make, run_build: Run
) -> None:
    report_text = (
        "title: Отчет\npublished: 2026-01-01\nentries:\n  - title: Мера\n    text: |\n"
        "      Сделано.\n      ![Фото](C:\\Users\\foto.jpg)\n"
    )
    run = run_build(make_site({"content/reports/r.yaml": report_text}), "check")
    assert "content/reports/r.yaml:7: ошибка: ссылка на файл на вашем компьютере" in run.stderr


# --- (e) starter text left unfilled ---------------------------------------------------------


def test_every_starter_phrase_is_in_its_types_starter() -> None:
    from datetime import date

    from glasnost.starters import STARTER_PHRASES
    from glasnost.types import all_types

    kinds = {k.name: k for k in all_types()}
    for name, phrases in STARTER_PHRASES.items():
        starter = kinds[name].starter_text("Заголовок", date(2026, 1, 1), "slug")
        for phrase in phrases:
            assert phrase in starter, (name, phrase)


def test_unfilled_starter_text_is_a_warning_on_its_line(make_site: Make, run_build: Run) -> None:
    news = (
        "---\ntitle: Итоги\ndate: 2026-01-05\nsummary: Анонс в одно предложение.\n---\n\n"
        "Текст новости.\n"
    )
    plan = PLAN.replace("Десятая мера", "Второе мероприятие")
    run = run_build(make_site({"content/news/a.md": news, "content/plans/plan.yaml": plan}))
    assert run.code == 0, run.stderr
    assert (
        "content/news/a.md:4: предупреждение: текст-заготовка «Анонс в одно предложение.» "
        "не заменён [G223]" in run.stderr
    )
    assert "content/news/a.md:7: предупреждение: текст-заготовка «Текст новости.»" in run.stderr
    assert "content/plans/plan.yaml:10: предупреждение: текст-заготовка «Второе мероприятие»" in (
        run.stderr
    )


def test_a_draft_may_keep_its_starter_text(make_site: Make, run_build: Run) -> None:
    news = "---\ntitle: Итоги\ndate: 2026-01-05\ndraft: true\n---\n\nТекст новости.\n"
    run = run_build(make_site({"content/news/a.md": news}), "check")
    assert "[G223]" not in run.stderr


def test_new_items_of_every_type_warn_about_their_starter_text(
    make_site: Make, run_build: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from glasnost.cli import main

    site = make_site({})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time())))  # `new` dates it today
    for kind in ("news", "page", "meeting", "plan", "report"):
        assert main(["new", kind, f"Новый {kind}", "--site", str(site)]) == 0
    run = run_build(site, "check")
    assert run.code == 0, run.stderr
    for folder in ("news", "pages", "meetings", "plans", "reports"):
        assert f"content/{folder}/" in run.stderr and "[G223]" in run.stderr


def test_an_inn_yaml_reads_as_an_octal_number_is_an_error(make_site: Make, run_build: Run) -> None:
    # 0123456701 has only the digits 0-7: YAML 1.1 reads it as the octal number 21913025.
    config = "title: Тест\nbase_url: https://test.example.ru/\ninn: 0123456701\n"
    run = run_build(make_site({}, config), "check")
    assert run.code == 1
    assert "site_config.yaml:3: ошибка: поле «inn»: 0123456701 записано без кавычек" in run.stderr
    assert 'inn: "0123456701"' in run.stderr


def test_every_starter_phrase_has_a_sample_for_init() -> None:
    from glasnost.starters import SAMPLES, STARTER_PHRASES

    phrases = {p for group in STARTER_PHRASES.values() for p in group}
    assert phrases == set(SAMPLES)
    assert not phrases & set(SAMPLES.values())  # a sample never reads as a placeholder
