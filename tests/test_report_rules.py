"""The report's rules (R100-R107) as a press secretary meets them: one mistake per small site,
and the exact `content/reports/x.yaml:LINE: ...` line the build prints for it.

Line numbers are counted by hand in the YAML written below (make_site dedents it and drops
the leading newline, so the first line after the opening quotes is line 1). Keys are put out
of the usual order on purpose (`item:` after `status:`, `title:` after `published:`), so a
diagnostic that points at the entry or at the top of the file instead of at the key is seen.

Also: the «did you mean» and «known» parts of the R100/R101 hints, in both languages, and the
entry fields of the report's JSON copy (`computed`) that come from the plan.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BuildRun
from tests.test_reports import CONFIG, PLAN

pytestmark: list[pytest.MarkDecorator] = []

REPORT = "content/reports/x.yaml"
CONFIG_EN = CONFIG + "language: en\n"

Build = Callable[..., BuildRun]


@pytest.fixture
def build(make_site: Callable[..., Path], run_build: Callable[..., BuildRun]) -> Build:
    """build(report_yaml, {other files}, config=...): `build.py build` on a fresh site."""

    def run(report: str, files: dict[str, str] | None = None, config: str = CONFIG) -> BuildRun:
        site = make_site({REPORT: report, **(files or {})}, config)
        return run_build(site, "build", site / "out")

    return run


def hint_of(run: BuildRun, message: str) -> str:
    """The hint printed under `message` (the next line, without its indent)."""
    lines = run.stderr.splitlines()
    for number, line in enumerate(lines):
        if line == message:
            return lines[number + 1].strip()
    raise AssertionError(f"no line {message!r} in:\n{run.stderr}")


def plans(*slugs: str) -> dict[str, str]:
    return {f"content/plans/{slug}.yaml": PLAN for slug in slugs}


def plan_with_ids(count: int) -> str:
    items = "".join(
        f'      - {{id: "{n}", title: Мероприятие {n}, deadline: Постоянно}}\n'
        for n in range(1, count + 1)
    )
    return "title: План\npublished: 2021-06-23\nsections:\n  - title: Раздел\n    items:\n" + items


# --- R107, R106: the report as a whole -------------------------------------------------------


def test_r107_empty_report_points_at_its_title(build: Build) -> None:
    run = build(
        """
        # Отчет еще не написан
        published: 2024-07-01
        title: Отчет за I полугодие 2024 года
        """
    )
    assert run.code == 1
    message = f"{REPORT}:3: ошибка: в отчете нет ни текста, ни записей, ни опросов [R107]"
    assert message in run.stderr.splitlines(), run.stderr


def test_r106_period_backwards_points_at_its_end(build: Build) -> None:
    run = build(
        """
        title: Отчет
        published: 2024-07-01
        period:
          label: I полугодие 2024 года
          start: 2024-06-30
          end: 2024-01-01
        body: Текст отчета.
        """
    )
    assert run.code == 1
    message = (
        f"{REPORT}:6: ошибка: начало отчетного периода 2024-06-30 позже его конца 2024-01-01 [R106]"
    )
    assert message in run.stderr.splitlines(), run.stderr


# --- R100: the plan the report names ---------------------------------------------------------

MISSPELT_PLAN = """
title: Отчет
published: 2024-07-01
plan: plan-2024
body: Текст отчета.
"""
R100_RU = f"{REPORT}:3: ошибка: план «plan-2024» не найден [R100]"
R100_EN = f"{REPORT}:3: error: plan 'plan-2024' does not exist [R100]"
R100_HINT_RU = "В поле plan пишется имя файла плана из content/plans/ без .yaml."
R100_HINT_EN = "The 'plan' field is the plan's file name in content/plans/ without .yaml."


def test_r100_misspelt_plan_suggests_the_closest_slug(build: Build) -> None:
    # "plan-2024" is 0.58 similar to "plan-meropriyatiy-2024": a match at the 0.5 cutoff
    # (difflib's default 0.6 would find nothing); "transport" is no match at all.
    run = build(MISSPELT_PLAN, plans("plan-meropriyatiy-2024", "transport"))
    assert run.code == 1
    assert hint_of(run, R100_RU) == (
        f"{R100_HINT_RU} Возможно, имелось в виду «plan-meropriyatiy-2024»."
    )


def test_r100_suggestion_in_english(build: Build) -> None:
    run = build(MISSPELT_PLAN, plans("plan-meropriyatiy-2024", "transport"), CONFIG_EN)
    assert run.code == 1
    assert hint_of(run, R100_EN) == f"{R100_HINT_EN} Did you mean 'plan-meropriyatiy-2024'?"


def test_r100_no_close_plan_lists_the_known_ones(build: Build) -> None:
    run = build(MISSPELT_PLAN, plans("transport", "budget"))
    assert run.code == 1
    assert hint_of(run, R100_RU) == f"{R100_HINT_RU} Есть: budget, transport."


def test_r100_known_plans_in_english(build: Build) -> None:
    run = build(MISSPELT_PLAN, plans("transport", "budget"), CONFIG_EN)
    assert run.code == 1
    assert hint_of(run, R100_EN) == f"{R100_HINT_EN} Known: budget, transport."


def test_r100_without_any_plan_suggests_nothing(build: Build) -> None:
    run = build(MISSPELT_PLAN)
    assert run.code == 1
    assert hint_of(run, R100_RU) == R100_HINT_RU


def test_plan_that_exists_but_is_broken_is_reported_there_not_in_the_report(
    build: Build,
) -> None:
    broken = "published: 2021-06-23\nsections: []\n"  # no title: the plan does not load
    run = build(
        MISSPELT_PLAN.replace("plan-2024", "plan"),
        {"content/plans/plan.yaml": broken},
    )
    assert run.code == 1
    assert "content/plans/plan.yaml:1: ошибка: нет обязательного поля «title» [G200]" in (
        run.stderr.splitlines()
    ), run.stderr
    assert "[R100]" not in run.stderr
    assert REPORT not in run.stderr


# --- R101, R104: entries citing plan items ---------------------------------------------------

UNKNOWN_ITEM = """
title: Отчет
plan: plan
published: 2024-07-01
entries:
  - status: done
    text: Сделано.
    item: "{item}"
"""


def test_r101_unknown_item_points_at_item_and_suggests_the_closest(build: Build) -> None:
    run = build(UNKNOWN_ITEM.format(item="11"), plans("plan"))
    assert run.code == 1
    message = f"{REPORT}:7: ошибка: пункта «11» нет в плане «plan» [R101]"
    assert hint_of(run, message) == (
        "Номер в поле item должен совпадать с id пункта в content/plans/plan.yaml. "
        "Возможно, имелось в виду «1»."
    )


def test_r101_suggestion_in_english(build: Build) -> None:
    run = build(UNKNOWN_ITEM.format(item="11"), plans("plan"), CONFIG_EN)
    assert run.code == 1
    message = f"{REPORT}:7: error: item '11' is not in the plan 'plan' [R101]"
    assert hint_of(run, message) == (
        "The 'item' must be the id of an item in content/plans/plan.yaml. Did you mean '1'?"
    )


R101_X = f"{REPORT}:7: ошибка: пункта «x» нет в плане «plan» [R101]"
R101_HINT = "Номер в поле item должен совпадать с id пункта в content/plans/plan.yaml."


def test_r101_lists_twelve_known_items_in_full(build: Build) -> None:
    run = build(UNKNOWN_ITEM.format(item="x"), {"content/plans/plan.yaml": plan_with_ids(12)})
    assert run.code == 1
    assert hint_of(run, R101_X) == (f"{R101_HINT} Есть: 1, 10, 11, 12, 2, 3, 4, 5, 6, 7, 8, 9.")


def test_r101_lists_the_first_twelve_of_thirteen_and_an_ellipsis(build: Build) -> None:
    run = build(UNKNOWN_ITEM.format(item="x"), {"content/plans/plan.yaml": plan_with_ids(13)})
    assert run.code == 1
    assert hint_of(run, R101_X) == (f"{R101_HINT} Есть: 1, 10, 11, 12, 13, 2, 3, 4, 5, 6, 7, 8….")


def test_r104_repeated_item_points_at_both_item_lines(build: Build) -> None:
    run = build(
        """
        title: Отчет
        plan: plan
        published: 2024-07-01
        entries:
          - status: done
            text: Сделано.
            item: "1"
          - text: Еще сделано.
            item: "1"
        """,
        plans("plan"),
    )
    assert run.code == 1
    message = f"{REPORT}:9: ошибка: пункт «1» уже есть в отчете (строка 7) [R104]"
    assert message in run.stderr.splitlines(), run.stderr


# --- R102, R105, R103: entries and surveys ---------------------------------------------------


def test_r102_entry_without_title_and_plan_points_at_the_entry(build: Build) -> None:
    run = build(
        """
        title: Отчет
        published: 2024-07-01
        entries:
          - responsible: Отдел культуры
            status: done
            text: Сделано.
        """
    )
    assert run.code == 1
    message = f"{REPORT}:4: ошибка: у записи нет названия мероприятия [R102]"
    assert message in run.stderr.splitlines(), run.stderr


def test_r105_status_without_text_warns_at_the_status_and_publishes_no_data(
    build: Build,
) -> None:
    run = build(
        """
        title: Отчет
        published: 2024-07-01
        entries:
          - title: Прямая линия
            text: ""
            status: done
        """
    )
    assert run.code == 0, run.stderr
    message = (
        f"{REPORT}:6: предупреждение: указан статус «выполнено», но текст записи пуст: "
        "она опубликована как «информация не представлена» [R105]"
    )
    assert message in run.stderr.splitlines(), run.stderr
    entry = run.json("reports/x/index.json")["computed"]["entries"][0]
    assert entry["status"] == "no_data"
    assert entry["status_given"] == "done"  # what the file says, kept for the reader
    assert entry["has_text"] is False


def test_r103_survey_sum_points_at_respondents(build: Build) -> None:
    run = build(
        """
        title: Отчет
        published: 2024-07-01
        surveys:
          - title: Качество дорог
            answers:
              - {label: Да, count: 10}
              - {label: Нет, count: 5}
            respondents: 20
        """
    )
    assert run.code == 1
    message = (
        f"{REPORT}:8: ошибка: опрос «Качество дорог»: сумма ответов 15 "
        "не равна числу опрошенных 20 [R103]"
    )
    assert message in run.stderr.splitlines(), run.stderr


# --- a mistake inside the body is counted from the body's first line -------------------------


def test_broken_link_in_body_points_at_its_line(build: Build) -> None:
    run = build(
        """
        title: Отчет
        published: 2024-07-01
        body: |
          Первая строка отчета.

          Подробнее [на странице](/nope/).
        """
    )
    assert run.code == 1
    message = f"{REPORT}:6: ошибка: ссылка на несуществующую страницу или файл: /nope/ [G300]"
    assert message in run.stderr.splitlines(), run.stderr


# --- the JSON copy: entries joined with the plan ---------------------------------------------

JOINED = """
title: Отчет
plan: plan
published: 2024-07-01
entries:
  - item: "1"
    responsible: [Отдел информатизации]
    status: done
    text: Сделано.
  - item: "2"
    text: Работа ведется.
"""


def test_entries_take_title_and_responsible_from_the_plan_unless_given(build: Build) -> None:
    run = build(JOINED, plans("plan"))
    assert run.code == 0, run.stderr
    first, second = run.json("reports/x/index.json")["computed"]["entries"]
    assert first["title"] == "Мониторинг открытых данных"
    assert first["responsible"] == ["Отдел информатизации"]  # the report's own, not the plan's
    assert first["status_given"] == "done"
    assert first["status_label"] == "выполнено"
    assert first["plan_item_path"] == "/plans/plan/#item-1"
    assert second["title"] == "Опросы населения"
    assert second["responsible"] == ["Сусоев Ф.В."]  # from the plan item
    assert second["status"] == "in_progress"
    assert second["status_given"] is None  # nothing written in the file
    assert second["status_label"] == "выполняется"


def test_entry_status_label_in_english(build: Build) -> None:
    run = build(JOINED, plans("plan"), CONFIG_EN)
    assert run.code == 0, run.stderr
    first, second = run.json("reports/x/index.json")["computed"]["entries"]
    assert first["status_label"] == "done"
    assert second["status_label"] == "in progress"
