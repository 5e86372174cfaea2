"""Reports: entries tied to plan items, statuses, figures, surveys, and bad input.

Each test builds a small site in-process and checks what a visitor or a program reads:
the report page, its JSON copy, the feeds, the exit code and the messages (file:line).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from playwright.sync_api import Page

from glasnost.cli import main
from glasnost.types.surveys import largest_remainder
from tests.conftest import BuildRun, assert_failed_without_output
from tests.support.browser import axe_violations, format_violations
from tests.support.html import css, html_doc, line_of, text_of
from tests.support.server import serve_directory

CONFIG = "title: Администрация Тестового района\nbase_url: https://test.example.ru/\n"

PLAN = """
title: План открытости
published: 2021-06-23
sections:
  - title: Открытость
    items:
      - id: "1"
        title: Мониторинг открытых данных
        deadline: Постоянно
        responsible: [Бегишева Н.А.]
      - {id: "2", title: Опросы населения, deadline: Ежегодно, responsible: Сусоев Ф.В.}
      - {id: "3", title: Общественное обсуждение, deadline: Постоянно}
      - {id: "4", title: Прямые линии, deadline: Ежеквартально}
"""

REPORT = """
title: Отчет о ходе реализации плана за I полугодие 2022 года
plan: plan
period: {start: 2022-01-01, end: 2022-06-30, label: I полугодие 2022 года}
published: 2022-07-15
signed_by: Глава округа А.Н. Иванов
body: |
  Вводная часть отчета.
entries:
  - item: "1"
    status: done
    text: |
      Данные размещены [на сайте](/plans/plan/).
    figures:
      - {label: Наборов открытых данных, value: 7}
      - {label: Доля обновленных наборов, value: 85.5, unit: "%"}
  - item: "2"
    text: Работа ведется.
  - item: "3"
    status: no_data
    text: ""
  - item: "4"
    status: выполнено
    text: Проведено 2 прямые линии.
surveys:
  - title: Удовлетворенность транспортным обслуживанием
    respondents: 642
    answers:
      - {label: Да, count: 195}
      - {label: скорее Да, count: 176}
      - {label: Нет, count: 145}
      - {label: скорее Нет, count: 126}
"""


@pytest.fixture
def build(
    make_site: Callable[..., Path], run_build: Callable[..., BuildRun], tmp_path: Path
) -> Callable[..., BuildRun]:
    def run(report: str = REPORT, plan: str | None = PLAN, **more: str) -> BuildRun:
        files = {"content/reports/report.yaml": report, **more}
        if plan is not None:
            files["content/plans/plan.yaml"] = plan
        return run_build(make_site(files, CONFIG), "build", tmp_path / "out")

    return run


@pytest.fixture
def built(build: Callable[..., BuildRun]) -> BuildRun:
    run = build()
    assert run.code == 0, run.stderr
    return run


def entry(doc: Any, item_id: str) -> Any:
    return doc.get_element_by_id(f"entry-{item_id}").getparent()


# --- the page --------------------------------------------------------------------------------


def test_entries_have_anchored_headings_and_link_to_their_plan_items(built: BuildRun) -> None:
    doc = html_doc(built, "/reports/report/")
    heading = doc.get_element_by_id("entry-1")
    assert heading.tag == "h3"
    assert text_of(heading) == "1 Мониторинг открытых данных"  # title taken from the plan
    link = css(entry(doc, "1"), "a.report-plan-link")[0]
    assert link.get("href") == "/plans/plan/#item-1"
    assert text_of(link) == "пункт 1 плана"
    # The plan page has the anchor the link points to.
    assert html_doc(built, "/plans/plan/").get_element_by_id("item-1") is not None


def test_statuses_are_shown_with_russian_labels(built: BuildRun) -> None:
    doc = html_doc(built, "/reports/report/")
    badges = {i: text_of(css(entry(doc, i), ".badge")[0]) for i in ("1", "2", "3", "4")}
    assert badges == {
        "1": "выполнено",
        "2": "выполняется",  # no status, some text: in progress
        "3": "информация не представлена",
        "4": "выполнено",  # the Russian label is accepted in the file
    }


def test_entry_with_empty_text_says_plainly_no_information(built: BuildRun) -> None:
    doc = html_doc(built, "/reports/report/")
    assert "Информация не представлена." in text_of(entry(doc, "3"))
    computed = built.json("reports/report/index.json")["computed"]
    assert computed["entries"][2]["status"] == "no_data"
    assert computed["entries"][2]["has_text"] is False


def test_status_given_with_empty_text_warns_and_publishes_no_data(
    build: Callable[..., BuildRun],
) -> None:
    report = REPORT.replace('    status: no_data\n    text: ""', '    status: done\n    text: ""')
    run = build(report)
    assert run.code == 0, run.stderr
    line = line_of(report, "status: done", 2)
    assert (
        f"content/reports/report.yaml:{line}: предупреждение: "
        "указан статус «выполнено», но текст записи пуст" in run.stderr
    )
    assert (
        text_of(css(entry(html_doc(run, "/reports/report/"), "3"), ".badge")[0])
        == "информация не представлена"
    )


def test_entry_text_is_markdown_and_figures_are_shown(built: BuildRun) -> None:
    doc = html_doc(built, "/reports/report/")
    first = entry(doc, "1")
    assert css(first, ".prose a")[0].get("href") == "/plans/plan/"
    figures = [text_of(li) for li in css(first, ".report-figures li")]
    assert figures == ["7 Наборов открытых данных", "85,5 % Доля обновленных наборов"]


def test_report_page_shows_period_plan_body_summary_and_signature(built: BuildRun) -> None:
    doc = html_doc(built, "/reports/report/")
    meta = text_of(css(doc, ".report-meta")[0])
    assert "I полугодие 2022 года (1 января 2022 г. – 30 июня 2022 г.)" in meta
    assert "План открытости" in meta
    assert "Вводная часть отчета." in text_of(css(doc, ".report-body")[0])
    summary = text_of(doc.get_element_by_id("report-summary").getparent())
    assert "выполнено 2 из 4" in summary
    assert text_of(css(doc, ".signature-name")[0]) == "А.Н. Иванов"


# --- surveys ----------------------------------------------------------------------------------


def test_survey_table_has_caption_scoped_headers_counts_and_percentages(built: BuildRun) -> None:
    doc = html_doc(built, "/reports/report/")
    table = css(doc, "table.survey-table")[0]
    assert (
        text_of(table.find("caption"))
        == "Удовлетворенность транспортным обслуживанием (опрошено: 642)"
    )
    assert [th.get("scope") for th in table.xpath(".//thead//th")] == ["col", "col", "col"]
    rows = table.xpath(".//tbody/tr")
    assert [r.xpath("./th")[0].get("scope") for r in rows] == ["row"] * 4
    assert [text_of(r) for r in rows] == [
        "Да 195 30,4 %",
        "скорее Да 176 27,4 %",
        "Нет 145 22,6 %",
        "скорее Нет 126 19,6 %",
    ]


def test_survey_bars_are_css_with_the_number_beside_and_hidden_from_screen_readers(
    built: BuildRun,
) -> None:
    doc = html_doc(built, "/reports/report/")
    cell = css(doc, "td.survey-share")[0]
    bar = css(cell, ".survey-bar")[0]
    assert bar.get("aria-hidden") == "true"
    assert css(bar, "span")[0].get("style") == "width: 30.4%"
    assert text_of(css(cell, ".survey-pct")[0]) == "30,4 %"
    main = built.read("reports/report/index.html").split("<main", 1)[1]
    assert "<script" not in main  # the chart needs no JavaScript


def test_percentages_add_up_to_100_by_largest_remainder(build: Callable[..., BuildRun]) -> None:
    report = REPORT.replace("respondents: 642", "respondents: 3").replace(
        """      - {label: Да, count: 195}
      - {label: скорее Да, count: 176}
      - {label: Нет, count: 145}
      - {label: скорее Нет, count: 126}""",
        """      - {label: Да, count: 1}
      - {label: Нет, count: 1}
      - {label: Не знаю, count: 1}""",
    )
    run = build(report)
    assert run.code == 0, run.stderr
    survey = run.json("reports/report/index.json")["computed"]["surveys"][0]
    shares = [a["percent"] for a in survey["answers"]]
    assert shares == [33.4, 33.3, 33.3]
    assert [a["count"] for a in survey["answers"]] == [1, 1, 1]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([195, 176, 145, 126], [30.4, 27.4, 22.6, 19.6]),
        ([1, 1, 1], [33.4, 33.3, 33.3]),
        ([2, 1], [66.7, 33.3]),
        ([1, 0], [100.0, 0.0]),
        ([0, 0], [0.0, 0.0]),
    ],
)
def test_largest_remainder(counts: list[int], expected: list[float]) -> None:
    shares = largest_remainder(counts)
    assert shares == expected
    assert round(sum(shares), 1) in (100.0, 0.0)


def test_survey_counts_not_adding_up_is_an_error_naming_the_survey(
    build: Callable[..., BuildRun],
) -> None:
    report = REPORT.replace("{label: Нет, count: 145}", "{label: Нет, count: 140}")
    run = build(report)
    assert run.code == 1
    assert not run.out.exists()
    line = line_of(report, "respondents: 642")
    assert (
        f"content/reports/report.yaml:{line}: ошибка: "
        "опрос «Удовлетворенность транспортным обслуживанием»: "
        "сумма ответов 637 не равна числу опрошенных 642" in run.stderr
    )
    assert "расхождение: -5" in run.stderr


# --- JSON and feeds --------------------------------------------------------------------------


def test_json_carries_statuses_figures_and_surveys_and_matches_schema(built: BuildRun) -> None:
    doc = built.json("reports/report/index.json")
    computed = doc["computed"]
    assert [e["status"] for e in computed["entries"]] == ["done", "in_progress", "no_data", "done"]
    assert computed["entries"][0]["plan_item_path"] == "/plans/plan/#item-1"
    assert computed["entries"][0]["figures"][1] == {
        "label": "Доля обновленных наборов",
        "value": 85.5,
        "unit": "%",
    }
    assert computed["surveys"][0]["answers"][0] == {"label": "Да", "count": 195, "percent": 30.4}
    assert computed["plan"]["url"] == "https://test.example.ru/plans/plan/"
    assert computed["period"] == {
        "start": "2022-01-01",
        "end": "2022-06-30",
        "label": "I полугодие 2022 года",
    }
    assert "entries.0.text" in doc["html"]
    jsonschema.Draft202012Validator(built.json("schema/report.json")).validate(doc)


def test_feed_entry_summary_is_the_period_label(built: BuildRun) -> None:
    feed = built.read("reports/feed.xml")
    assert "<title>Отчет о ходе реализации плана за I полугодие 2022 года</title>" in feed
    assert "<description>I полугодие 2022 года</description>" in feed


def test_home_page_lists_latest_reports(built: BuildRun) -> None:
    block = html_doc(built, "/").get_element_by_id("home-reports").getparent()
    assert "Отчет о ходе реализации плана за I полугодие 2022 года" in text_of(block)
    assert "I полугодие 2022 года" in text_of(block)


# --- narrative reports -------------------------------------------------------------------------

LETTER = """
title: Информация о ходе внедрения системы «Открытое правительство»
period: {start: 2021-01-01, end: 2021-12-31}
published: 2021-12-23
signed_by: Исполняющий обязанности Главы округа В.И. Куликов
body: |
  Работа по внедрению системы строится на основании Плана мероприятий.

  - развитие кадрового потенциала;
  - организация работы по публикации открытых данных.
"""


def test_body_only_report_is_a_first_class_report(build: Callable[..., BuildRun]) -> None:
    run = build(LETTER, plan=None)
    assert run.code == 0, run.stderr
    doc = html_doc(run, "/reports/report/")
    assert "Работа по внедрению системы строится" in text_of(css(doc, ".report-body")[0])
    assert len(css(doc, ".report-body li")) == 2
    assert not css(doc, ".report-entries")
    # Without a label the period is named by its dates.
    assert "1 января 2021 г. – 31 декабря 2021 г." in text_of(css(doc, ".report-meta")[0])
    assert text_of(css(doc, ".signature-position")[0]) == "Исполняющий обязанности Главы округа"
    computed = run.json("reports/report/index.json")["computed"]
    assert computed["entries"] == [] and computed["plan"] is None and computed["progress"] is None


def test_entries_without_a_plan_need_titles(build: Callable[..., BuildRun]) -> None:
    report = (
        LETTER + "entries:\n  - {title: Прием граждан, status: done, text: Проведено 4 приема.}\n"
    )
    run = build(report, plan=None)
    assert run.code == 0, run.stderr
    assert (
        text_of(html_doc(run, "/reports/report/").get_element_by_id("entry-1")) == "Прием граждан"
    )
    bad = LETTER + "entries:\n  - {status: done, text: Проведено 4 приема.}\n"
    run = build(bad, plan=None)
    assert run.code == 1
    line = line_of(bad, "{status: done")
    assert (
        f"content/reports/report.yaml:{line}: ошибка: у записи нет названия мероприятия"
        in run.stderr
    )


# --- bad input --------------------------------------------------------------------------------


def test_item_the_plan_lacks_is_an_error_with_its_line(build: Callable[..., BuildRun]) -> None:
    report = REPORT.replace('item: "4"', 'item: "5"')
    run = build(report)
    assert_failed_without_output(run)
    line = line_of(report, 'item: "5"')
    assert (
        f"content/reports/report.yaml:{line}: ошибка: пункта «5» нет в плане «plan»" in run.stderr
    )
    assert "content/plans/plan.yaml" in run.stderr  # the hint says where the ids are


def test_plan_that_does_not_exist_is_an_error_with_a_suggestion(
    build: Callable[..., BuildRun],
) -> None:
    report = REPORT.replace("plan: plan", "plan: plann")
    run = build(report)
    assert_failed_without_output(run)
    line = line_of(report, "plan: plann")
    assert f"content/reports/report.yaml:{line}: ошибка: план «plann» не найден" in run.stderr
    assert "Возможно, имелось в виду «plan»" in run.stderr


def test_unknown_status_is_an_error_listing_the_allowed_ones(
    build: Callable[..., BuildRun],
) -> None:
    report = REPORT.replace("status: done", "status: finished", 1)
    run = build(report)
    assert_failed_without_output(run)
    line = line_of(report, "status: finished")
    assert (
        f"content/reports/report.yaml:{line}: ошибка: "
        "поле «entries[1].status»: недопустимое значение «finished»" in run.stderr
    )
    hint = run.stderr.split("«finished»", 1)[1]
    assert all(
        status in hint for status in ("done", "in_progress", "not_done", "not_started", "no_data")
    )


def test_same_item_twice_is_an_error(build: Callable[..., BuildRun]) -> None:
    report = REPORT.replace('item: "4"', 'item: "1"')
    run = build(report)
    assert_failed_without_output(run)
    first, second = line_of(report, 'item: "1"', 1), line_of(report, 'item: "1"', 2)
    assert (
        f"content/reports/report.yaml:{second}: ошибка: "
        f"пункт «1» уже есть в отчете (строка {first})" in run.stderr
    )


def test_period_ending_before_it_starts_is_an_error(build: Callable[..., BuildRun]) -> None:
    report = REPORT.replace("end: 2022-06-30", "end: 2021-06-30")
    run = build(report)
    assert_failed_without_output(run)
    assert "ошибка: начало отчетного периода 2022-01-01 позже его конца 2021-06-30" in run.stderr


def test_empty_report_is_an_error(build: Callable[..., BuildRun]) -> None:
    run = build("title: Отчет\npublished: 2022-01-01\n", plan=None)
    assert_failed_without_output(run)
    assert (
        "content/reports/report.yaml:1: ошибка: в отчете нет ни текста, ни записей, ни опросов"
        in run.stderr
    )


def test_bad_figure_value_is_an_error(build: Callable[..., BuildRun]) -> None:
    report = REPORT.replace("value: 7}", "value: семь}")
    run = build(report)
    assert_failed_without_output(run)
    line = line_of(report, "value: семь")
    assert (
        f"content/reports/report.yaml:{line}: ошибка: поле «entries[1].figures[1].value»: "
        "ожидается число, а не «семь»" in run.stderr
    )


def test_broken_link_in_entry_text_is_reported_at_its_own_line(
    build: Callable[..., BuildRun],
) -> None:
    report = REPORT.replace(
        "      Данные размещены [на сайте](/plans/plan/).\n",
        "      Данные размещены на сайте.\n      Подробнее — [в разделе](/nowhere/).\n",
    )
    run = build(report)
    assert_failed_without_output(run)
    line = line_of(report, "/nowhere/")
    assert (
        f"content/reports/report.yaml:{line}: ошибка: ссылка на несуществующую страницу"
        in run.stderr
    )


def test_all_problems_are_reported_at_once(build: Callable[..., BuildRun]) -> None:
    report = REPORT.replace('item: "4"', 'item: "9"').replace(
        "{label: Нет, count: 145}", "{label: Нет, count: 1}"
    )
    run = build(report)
    assert_failed_without_output(run)
    assert "пункта «9» нет в плане" in run.stderr and "сумма ответов" in run.stderr


# --- `build.py new report` -------------------------------------------------------------------


def test_new_report_starter_builds_cleanly(
    make_site: Callable[..., Path], run_build: Callable[..., BuildRun],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = make_site({}, CONFIG)
    assert main(["new", "report", "Отчет за 2024 год", "--site", str(site)]) == 0
    created = list((site / "content" / "reports").glob("*.yaml"))
    assert len(created) == 1
    # `new` dates the file today: build with today's clock, or it would wait for its date.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time())))
    run = run_build(site, "build", tmp_path / "out")
    assert run.code == 0, run.stderr
    # The only warnings: the starter's sample phrases, still to be replaced (G223).
    warnings = [line for line in run.stderr.splitlines() if "предупреждение" in line]
    assert warnings and all(w.endswith("[G223]") for w in warnings), run.stderr
    doc = json.loads(
        (tmp_path / "out" / "reports" / created[0].stem / "index.json").read_text("utf-8")
    )
    assert doc["title"] == "Отчет за 2024 год"
    assert doc["computed"]["entries"][0]["status"] == "in_progress"


# --- accessibility ------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_plan_and_report_pages_have_no_axe_violations(
    built: BuildRun, page: Page, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    with serve_directory(built.out) as base:
        for url in ("/plans/plan/", "/reports/report/", "/"):
            violations = axe_violations(page, base + url)
            assert not violations, format_violations(violations)
