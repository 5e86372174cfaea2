"""Plans of measures: the page, the JSON copy, the join with reports and bad input.

Every test builds a small site in-process and reads what a visitor or a program would
read: the HTML page, its JSON copy, the feeds, the exit code and the messages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from glasnost.cli import main
from tests.conftest import BuildRun, assert_failed_without_output
from tests.support.html import css, html_doc, line_of, text_of

CONFIG = "title: Администрация Тестового района\nbase_url: https://test.example.ru/\n"

# Two levels, as seed 000 has them: form of interaction → direction → items.
NESTED_PLAN = """
title: План мероприятий по взаимодействию с гражданами
approved_by:
  kind: распоряжение
  number: "803"
  date: 2020-08-20
  issuer: Администрация Тестового муниципального района
signed_by: Руководитель аппарата И.А. Кузьмина
published: 2020-08-21
summary: Утвержден во исполнение поручения.
sections:
  - title: Взаимное информирование
    sections:
      - title: Обеспечение открытости действий ОМСУ
        items:
          - id: "1.1"
            title: Обеспечение работы интернет-приемных
            deadline: Постоянно
            responsible: Отдел информационных технологий
          - id: "1.2"
            title: Разработка порядка общественных обсуждений
            deadline: До 01.11.2018 года
            responsible: [Юридический отдел, Управление делами]
            expected_result: Количество правовых актов – 1 ед.
  - title: Общественное участие
    items:
      - id: "2.1"
        title: Проведение публичных слушаний
        deadline: 4 квартал 2030 года
        responsible: [Собрание депутатов]
"""


@pytest.fixture
def build_plan(
    make_site: Callable[..., Path], run_build: Callable[..., BuildRun], tmp_path: Path
) -> Callable[..., BuildRun]:
    def build(plan: str = NESTED_PLAN, **more: str) -> BuildRun:
        files = {"content/plans/plan.yaml": plan, **more}
        site = make_site(files, CONFIG)
        return run_build(site, "build", tmp_path / "out")

    return build


# --- the page --------------------------------------------------------------------------------


def test_plan_page_shows_nested_sections_and_items_with_anchored_headings(
    build_plan: Callable[..., BuildRun],
) -> None:
    run = build_plan()
    assert run.code == 0, run.stderr
    doc = html_doc(run, "/plans/plan/")
    assert [text_of(h) for h in css(doc, "section.plan-section-1 > h2")] == [
        "Взаимное информирование",
        "Общественное участие",
    ]
    assert (
        text_of(css(doc, "section.plan-section-2 > h3")[0])
        == "Обеспечение открытости действий ОМСУ"
    )
    # Items in a subsection are h4, items directly in a section h3; the heading carries the id.
    nested = doc.get_element_by_id("item-1.1")
    assert nested.tag == "h4" and "Обеспечение работы интернет-приемных" in text_of(nested)
    direct = doc.get_element_by_id("item-2.1")
    assert direct.tag == "h3" and "Проведение публичных слушаний" in text_of(direct)
    body = text_of(doc)
    assert "До 01.11.2018 года" in body  # the deadline wording, verbatim
    assert "Количество правовых актов – 1 ед." in body
    assert "Юридический отдел" in body and "Управление делами" in body


def test_approving_act_and_signatory_are_shown_as_on_paper(
    build_plan: Callable[..., BuildRun],
) -> None:
    run = build_plan()
    doc = html_doc(run, "/plans/plan/")
    grif = text_of(css(doc, ".plan-grif")[0])
    assert grif == (
        "Утвержден распоряжением Администрации Тестового муниципального района от 20.08.2020 № 803"
    )
    assert text_of(css(doc, ".signature-position")[0]) == "Руководитель аппарата"
    assert text_of(css(doc, ".signature-name")[0]) == "И.А. Кузьмина"


def test_plan_without_reports_says_so_and_links_print_styles(
    build_plan: Callable[..., BuildRun],
) -> None:
    run = build_plan()
    html = run.read("plans/plan/index.html")
    assert "Отчетов о выполнении этого плана пока нет" in html
    linked = re.search(r'<link rel="stylesheet" href="/(static/plan\.[0-9a-f]{8}\.css)">', html)
    assert linked is not None, "the plan page links its print styles, by a hashed name"
    css = run.read(linked.group(1))
    assert "@media print" in css and "size: A4" in css
    assert "@media (min-width: 60rem)" in css  # cards by default, a table only on wide screens


def test_responsible_may_be_one_name_or_a_list(build_plan: Callable[..., BuildRun]) -> None:
    run = build_plan()
    fields = run.json("plans/plan/index.json")["fields"]
    items = fields["sections"][0]["sections"][0]["items"]
    assert items[0]["responsible"] == ["Отдел информационных технологий"]
    assert items[1]["responsible"] == ["Юридический отдел", "Управление делами"]


def test_json_carries_sections_items_and_parsed_deadlines_and_matches_schema(
    build_plan: Callable[..., BuildRun],
) -> None:
    run = build_plan()
    doc = run.json("plans/plan/index.json")
    computed = doc["computed"]
    first = computed["sections"][0]["sections"][0]["items"]
    assert first[0]["deadline"]["kind"] == "continuous"
    assert first[1]["deadline"] == {
        "text": "До 01.11.2018 года",
        "kind": "date",
        "due": "2018-11-01",
        "start": None,
        "year": 2018,
        "month": 11,
        "day": 1,
        "quarter": None,
        "half": None,
        "note": None,
    }
    assert first[1]["due"] == "2018-11-01"
    assert computed["sections"][1]["items"][0]["deadline"]["kind"] == "quarter"
    assert computed["progress"] == {
        "done": 0,
        "total": 3,
        "percent": 0.0,
        "counts": [{"status": None, "label": "нет в отчетах", "count": 3}],
    }
    schema = run.json("schema/plan.json")
    jsonschema.Draft202012Validator(schema).validate(doc)


def test_plans_appear_in_feeds_and_on_the_home_page(build_plan: Callable[..., BuildRun]) -> None:
    run = build_plan()
    assert "План мероприятий по взаимодействию с гражданами" in run.read("plans/feed.xml")
    assert "https://test.example.ru/plans/plan/" in run.read("feed.xml")
    home = html_doc(run, "/")
    block = home.get_element_by_id("home-plans").getparent()
    assert "План мероприятий по взаимодействию с гражданами" in text_of(block)
    assert "мероприятий: 3" in text_of(block)


# --- deadlines ----------------------------------------------------------------------------


def test_unparsed_deadline_is_published_verbatim_and_listed_as_a_warning(
    build_plan: Callable[..., BuildRun],
) -> None:
    plan = NESTED_PLAN.replace("deadline: Постоянно", "deadline: По графику работы отдела")
    run = build_plan(plan)
    assert run.code == 0, run.stderr
    line = line_of(plan, "По графику работы отдела")
    assert (
        f"content/plans/plan.yaml:{line}: предупреждение: "
        "срок «По графику работы отдела» не распознан" in run.stderr
    )
    assert "По графику работы отдела" in text_of(
        html_doc(run, "/plans/plan/").get_element_by_id("item-1.1").getparent().getparent()
    )
    item = run.json("plans/plan/index.json")["computed"]["sections"][0]["sections"][0]["items"][0]
    assert (
        item["deadline"]["kind"] == "text"
        and item["deadline"]["text"] == "По графику работы отдела"
    )


# --- the join with reports -------------------------------------------------------------------

JOIN_PLAN = """
title: План
published: 2021-01-10
sections:
  - title: Первый раздел
    items:
      - {id: "1", title: Мероприятие один, deadline: Постоянно, responsible: Отдел}
      - {id: "2", title: Мероприятие два, deadline: 4 квартал 2021 года, responsible: Отдел}
  - title: Второй раздел
    items:
      - {id: "3", title: Мероприятие три, deadline: Постоянно, due: 2022-03-01}
      - {id: "4", title: Мероприятие четыре, deadline: Постоянно, due: 2099-01-01}
      - {id: "5", title: Мероприятие пять, deadline: 1 квартал 2020 года, responsible: Отдел}
"""

H1_REPORT = """
title: Отчет за I полугодие 2022 года
plan: plan
period: {start: 2022-01-01, end: 2022-06-30, label: I полугодие 2022 года}
published: 2022-07-15
entries:
  - {item: "1", status: in_progress, text: Работа ведется.}
  - {item: "2", status: not_done, text: Не выполнено в срок.}
  - {item: "5", status: done, text: Выполнено.}
"""

H2_REPORT = """
title: Отчет за II полугодие 2022 года
plan: plan
period: {start: 2022-07-01, end: 2022-12-31, label: II полугодие 2022 года}
published: 2023-01-20
entries:
  - {item: "1", status: done, text: Выполнено полностью.}
  - {item: "3", text: ""}
"""


@pytest.fixture
def joined(build_plan: Callable[..., BuildRun]) -> BuildRun:
    # The later report is written first: the order of files must not matter.
    run = build_plan(
        JOIN_PLAN,
        **{"content/reports/a-h2.yaml": H2_REPORT, "content/reports/b-h1.yaml": H1_REPORT},
    )
    assert run.code == 0, run.stderr
    return run


def status_cell(doc: Any, item_id: str) -> str:
    row = doc.get_element_by_id(f"item-{item_id}").getparent().getparent()
    return text_of(css(row, ".plan-cell")[-1]).removeprefix("Статус: ")


def test_each_item_shows_its_latest_status_and_the_report_it_came_from(joined: BuildRun) -> None:
    doc = html_doc(joined, "/plans/plan/")
    assert status_cell(doc, "1").startswith("выполнено")  # H2 overrides H1's "in progress"
    assert "II полугодие 2022 года" in status_cell(doc, "1")
    assert status_cell(doc, "2").startswith("не выполнено")  # only H1 mentions it
    assert "I полугодие 2022 года" in status_cell(doc, "2")
    assert status_cell(doc, "3").startswith("информация не представлена")  # empty text
    assert status_cell(doc, "4").startswith("нет в отчетах")
    link = css(doc.get_element_by_id("item-1").getparent().getparent(), ".plan-source a")[0]
    assert link.get("href") == "/reports/a-h2/#entry-1"


def test_latest_report_is_by_period_end_then_by_date_of_posting(
    build_plan: Callable[..., BuildRun],
) -> None:
    later_posted = H1_REPORT.replace("published: 2022-07-15", "published: 2022-08-01").replace(
        "status: in_progress, text: Работа ведется.", "status: not_started, text: Не начато."
    )
    run = build_plan(
        JOIN_PLAN,
        **{
            "content/reports/first.yaml": H1_REPORT.replace("title: Отчет", "title: Первый отчет"),
            "content/reports/second.yaml": later_posted,
        },
    )
    assert run.code == 0, run.stderr
    assert status_cell(html_doc(run, "/plans/plan/"), "1").startswith("не начато")


def test_progress_per_section_and_overall_as_a_bar_with_numbers(joined: BuildRun) -> None:
    doc = html_doc(joined, "/plans/plan/")
    overall = css(doc, ".plan-overview .progress")[0]
    assert "выполнено 2 из 5" in text_of(overall) and "40,0 %" in text_of(overall)
    assert css(overall, ".progress-bar span")[0].get("style") == "width: 40.0%"
    sections = [text_of(p) for p in css(doc, ".plan-section-progress")]
    assert sections == ["выполнено 1 из 2", "выполнено 1 из 3"]
    progress = joined.json("plans/plan/index.json")["computed"]["progress"]
    assert (progress["done"], progress["total"], progress["percent"]) == (2, 5, 40.0)


def test_overdue_items_are_those_past_due_and_not_done(joined: BuildRun) -> None:
    # The build's "now" is 2026-11-18 (tests/conftest.py): item 2 (4th quarter 2021,
    # not done) and item 3 (explicit due 2022-03-01, no data) are overdue; item 5's quarter
    # has passed but it is done; item 4 is due in 2099; item 1 has no due date.
    doc = html_doc(joined, "/plans/plan/")
    listed = [a.get("href") for a in css(doc, ".plan-overdue-list a")]
    assert listed == ["#item-2", "#item-3"]
    assert "Просроченные мероприятия (2)" in text_of(doc.get_element_by_id("plan-overdue"))
    computed = joined.json("plans/plan/index.json")["computed"]
    assert [o["id"] for o in computed["overdue"]] == ["2", "3"]
    assert computed["as_of"] == "2026-11-18"


def test_timeline_lists_the_plans_reports_oldest_first(joined: BuildRun) -> None:
    doc = html_doc(joined, "/plans/plan/")
    entries = css(doc, ".plan-timeline > li")
    assert [css(e, "a")[0].get("href") for e in entries] == ["/reports/b-h1/", "/reports/a-h2/"]
    assert "I полугодие 2022 года" in text_of(entries[0])
    timeline = joined.json("plans/plan/index.json")["computed"]["reports"]
    assert [t["report"]["id"] for t in timeline] == ["report/b-h1", "report/a-h2"]


def test_home_page_shows_plan_progress(joined: BuildRun) -> None:
    block = html_doc(joined, "/").get_element_by_id("home-plans").getparent()
    assert "выполнено 2 из 5" in text_of(block)


# --- bad input --------------------------------------------------------------------------------


def test_duplicate_item_ids_are_an_error_with_both_lines(
    build_plan: Callable[..., BuildRun],
) -> None:
    plan = NESTED_PLAN.replace('id: "2.1"', 'id: "1.1"')
    run = build_plan(plan)
    assert_failed_without_output(run)
    first, second = line_of(plan, 'id: "1.1"', 1), line_of(plan, 'id: "1.1"', 2)
    assert (
        f"content/plans/plan.yaml:{second}: ошибка: пункт «1.1» уже есть в плане (строка {first})"
        in run.stderr
    )
    assert "Исправьте один из номеров" in run.stderr


def test_item_without_title_is_an_error_with_its_line(build_plan: Callable[..., BuildRun]) -> None:
    plan = NESTED_PLAN.replace("        title: Проведение публичных слушаний\n", "")
    run = build_plan(plan)
    assert_failed_without_output(run)
    line = line_of(plan, 'id: "2.1"')
    assert (
        f"content/plans/plan.yaml:{line}: ошибка: "
        "нет обязательного поля «sections[2].items[1].title»" in run.stderr
    )
    assert "Добавьте поле" in run.stderr


def test_item_with_empty_title_is_an_error(build_plan: Callable[..., BuildRun]) -> None:
    plan = NESTED_PLAN.replace("title: Проведение публичных слушаний", 'title: ""')
    run = build_plan(plan)
    assert_failed_without_output(run)
    line = line_of(plan, 'title: ""')
    assert (
        f"content/plans/plan.yaml:{line}: ошибка: "
        "поле «sections[2].items[1].title» не должно быть пустым" in run.stderr
    )


def test_sections_nested_deeper_than_one_level_are_an_error(
    build_plan: Callable[..., BuildRun],
) -> None:
    plan = NESTED_PLAN.replace(
        '        items:\n          - id: "1.1"',
        "        sections:\n          - title: Слишком глубоко\n            items:\n"
        '              - {id: "9", title: Пункт}\n        items:\n          - id: "1.1"',
    )
    run = build_plan(plan)
    assert_failed_without_output(run)
    line = line_of(plan, "sections:", 3)
    assert (
        f"content/plans/plan.yaml:{line}: ошибка: раздел вложен глубже одного уровня" in run.stderr
    )


def test_item_id_with_a_space_is_an_error(build_plan: Callable[..., BuildRun]) -> None:
    plan = NESTED_PLAN.replace('id: "2.1"', 'id: "2 1"')
    run = build_plan(plan)
    assert_failed_without_output(run)
    line = line_of(plan, 'id: "2 1"')
    assert (
        f"content/plans/plan.yaml:{line}: ошибка: номер пункта «2 1» содержит пробел" in run.stderr
    )


def test_unquoted_dotted_id_gives_a_warning(build_plan: Callable[..., BuildRun]) -> None:
    plan = NESTED_PLAN.replace('id: "2.1"', "id: 2.10")
    run = build_plan(plan)
    assert run.code == 0, run.stderr
    assert (
        f"content/plans/plan.yaml:{line_of(plan, 'id: 2.10')}: предупреждение: "
        "номер пункта 2.1 записан числом" in run.stderr
    )


def test_plan_with_no_items_is_an_error(build_plan: Callable[..., BuildRun]) -> None:
    plan = "title: Пустой план\npublished: 2021-01-01\nsections:\n  - title: Раздел\n"
    run = build_plan(plan)
    assert_failed_without_output(run)
    assert "content/plans/plan.yaml:3: ошибка: в плане нет ни одного мероприятия" in run.stderr
    assert (
        "content/plans/plan.yaml:4: предупреждение: в разделе «Раздел» нет ни мероприятий"
        in run.stderr
    )


def test_misspelt_field_is_an_error(build_plan: Callable[..., BuildRun]) -> None:
    plan = NESTED_PLAN.replace("deadline: Постоянно", "dedline: Постоянно")
    run = build_plan(plan)
    assert_failed_without_output(run)
    assert (
        f"content/plans/plan.yaml:{line_of(plan, 'dedline')}: ошибка: неизвестное поле"
        in run.stderr
    )


# --- `build.py new plan` ---------------------------------------------------------------------


def test_new_plan_starter_builds_cleanly(
    make_site: Callable[..., Path],
    run_build: Callable[..., BuildRun],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = make_site({}, CONFIG)
    assert main(["new", "plan", "План «Открытое правительство»", "--site", str(site)]) == 0
    created = list((site / "content" / "plans").glob("*.yaml"))
    assert len(created) == 1
    run = run_build(site, "build", tmp_path / "out")
    assert run.code == 0, run.stderr
    assert "предупреждение" not in run.stderr
    doc = json.loads(
        (tmp_path / "out" / "plans" / created[0].stem / "index.json").read_text("utf-8")
    )
    assert doc["title"] == "План «Открытое правительство»"
    assert doc["computed"]["progress"]["total"] == 2


def test_english_site_shows_plan_and_report_in_english(
    make_site: Callable[..., Path], run_build: Callable[..., BuildRun], tmp_path: Path
) -> None:
    files = {"content/plans/plan.yaml": JOIN_PLAN, "content/reports/h1.yaml": H1_REPORT}
    site = make_site(files, CONFIG + "language: en\n")
    run = run_build(site, "build", tmp_path / "out")
    assert run.code == 0, run.stderr
    doc = html_doc(run, "/plans/plan/")
    assert status_cell(doc, "5").startswith("Status: done")
    assert status_cell(doc, "4").startswith("Status: not in any report")
    assert "1 of 5 done" in text_of(css(doc, ".plan-overview .progress")[0])
    report = html_doc(run, "/reports/h1/")
    assert text_of(css(report, ".report-plan-link")[0]) == "item 1 of the plan"


def test_check_command_reports_progress_and_overdue_items(
    make_site: Callable[..., Path], run_build: Callable[..., BuildRun]
) -> None:
    site = make_site(
        {"content/plans/plan.yaml": JOIN_PLAN, "content/reports/h1.yaml": H1_REPORT}, CONFIG
    )
    run = run_build(site, "check")
    assert run.code == 0, run.stderr
    assert "content/plans/plan.yaml: План: выполнено 1 из 5" in run.stdout
    assert "срок прошел: 2 Мероприятие два (2021-12-31)" in run.stdout
