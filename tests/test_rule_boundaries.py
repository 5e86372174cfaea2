"""The rules at their edges, as a press secretary and a reader meet them.

Each test here was written against a bug planted on purpose in the engine (issue 9: a
`!=` turned into `<`, a condition dropped, the wall clock read instead of
SOURCE_DATE_EPOCH...) that the rest of the suite let through. The builds run at the
fixed "now" of tests/conftest.py: 2026-11-18, 14:06 in Moscow.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.html import css, html_doc, line_of, text_of
from tests.support.runs import BuildRun
from tests.test_meetings import meeting

MakeSite = Callable[..., Path]
RunBuild = Callable[..., BuildRun]

CONFIG = "title: Администрация Тестового района\nbase_url: https://test.example.ru/\n"

# --- plans: deadlines ----------------------------------------------------------------------

PLAN = """
title: План открытости
published: 2021-06-23
sections:
  - title: Открытость
    items:
      - {id: "1", title: Срок истекает сегодня, deadline: до 18.11.2026}
      - {id: "2", title: Срок истек вчера, deadline: до 17.11.2026}
      - {id: "3", title: Срок завтра, deadline: 19.11.2026}
      - {id: "4", title: Високосный день словами, deadline: до 29 февраля}
      - {id: "5", title: Високосный день числами, deadline: 29.02}
      - {id: "6", title: Ежегодно в високосный день, deadline: "ежегодно, до 29 февраля"}
"""


@pytest.fixture
def plan_run(make_site: MakeSite, run_build: RunBuild) -> BuildRun:
    run = run_build(make_site({"content/plans/plan.yaml": PLAN}, CONFIG))
    assert run.code == 0, run.stderr
    return run


def plan_rows(run: BuildRun) -> dict[str, str]:
    doc = html_doc(run, "/plans/plan/")
    return {
        text_of(row).split()[0]: " ".join(row.get("class", "").split())
        for row in css(doc, "li.plan-item")
    }


def test_a_measure_due_today_is_not_overdue_and_one_due_yesterday_is(plan_run: BuildRun) -> None:
    computed = plan_run.json("plans/plan/index.json")["computed"]
    assert [o["id"] for o in computed["overdue"]] == ["2"]
    items = {i["id"]: i for s in computed["sections"] for i in s["items"]}
    assert [items[n]["overdue"] for n in ("1", "2", "3")] == [False, True, False]
    rows = plan_rows(plan_run)
    assert "is-overdue" not in rows["1"] and "is-overdue" in rows["2"]
    doc = html_doc(plan_run, "/plans/plan/")
    badges = [text_of(row) for row in css(doc, "li.plan-item") if "срок прошел" in text_of(row)]
    assert len(badges) == 1 and "Срок истек вчера" in badges[0]


def test_a_leap_day_without_a_year_is_a_deadline_the_site_understands(
    plan_run: BuildRun,
) -> None:
    """«до 29 февраля» names a day that exists in the plan's year, whatever the year."""
    assert "не распознан" not in plan_run.stderr
    computed = plan_run.json("plans/plan/index.json")["computed"]
    items = {i["id"]: i for s in computed["sections"] for i in s["items"]}
    for ident in ("4", "5"):
        deadline = items[ident]["deadline"]
        assert (deadline["kind"], deadline["month"], deadline["day"]) == ("date", 2, 29), ident
    assert items["4"]["deadline_label"] == "до 29 февраля"
    yearly = items["6"]["deadline"]
    assert (yearly["kind"], yearly["month"], yearly["day"]) == ("yearly", 2, 29)


def test_a_day_that_no_year_has_is_kept_as_text_and_warned_about(
    make_site: MakeSite, run_build: RunBuild
) -> None:
    plan = PLAN.replace("deadline: 29.02}", "deadline: 30.02}")
    run = run_build(make_site({"content/plans/plan.yaml": plan}, CONFIG))
    assert run.code == 0, run.stderr
    line = line_of(plan, "deadline: 30.02")
    assert f"content/plans/plan.yaml:{line}:" in run.stderr
    assert "срок «30.02» не распознан" in run.stderr


# --- reports: surveys ----------------------------------------------------------------------

REPORT = """
title: Отчет за 2022 год
plan: plan
period: {start: 2022-01-01, end: 2022-12-31, label: 2022 год}
published: 2023-01-20
entries:
  - {item: "1", status: done, text: Сделано.}
surveys:
  - title: Довольны ли вы работой транспорта
    respondents: 10
    answers:
      - {label: Да, count: 6}
      - {label: Нет, count: 4}
"""


def build_report(make_site: MakeSite, run_build: RunBuild, report: str) -> BuildRun:
    files = {"content/plans/plan.yaml": PLAN, "content/reports/report.yaml": report}
    return run_build(make_site(files, CONFIG))


def test_survey_answers_adding_up_to_the_respondents_are_published(
    make_site: MakeSite, run_build: RunBuild
) -> None:
    run = build_report(make_site, run_build, REPORT)
    assert run.code == 0, run.stderr
    survey = run.json("reports/report/index.json")["computed"]["surveys"][0]
    assert (survey["respondents"], survey["answered"]) == (10, 10)


@pytest.mark.parametrize(("yes", "total", "diff"), [(7, 11, "+1"), (5, 9, "-1")])
def test_survey_answers_one_over_or_under_the_respondents_are_an_error(
    make_site: MakeSite, run_build: RunBuild, yes: int, total: int, diff: str
) -> None:
    report = REPORT.replace("{label: Да, count: 6}", f"{{label: Да, count: {yes}}}")
    run = build_report(make_site, run_build, report)
    assert run.code == 1
    assert not run.out.exists()
    line = line_of(report, "respondents: 10")
    assert (
        f"content/reports/report.yaml:{line}: ошибка: опрос «Довольны ли вы работой транспорта»: "
        f"сумма ответов {total} не равна числу опрошенных 10" in run.stderr
    )
    assert f"расхождение: {diff}" in run.stderr


# --- meetings: drafts ----------------------------------------------------------------------


def test_a_draft_meeting_is_published_nowhere(make_site: MakeSite, run_build: RunBuild) -> None:
    files = {
        "content/meetings/vstrecha.md": meeting(title="Опубликованная встреча"),
        "content/meetings/chernovik.md": meeting(title="Черновик встречи", extra="draft: true"),
    }
    run = run_build(make_site(files, CONFIG))
    assert run.code == 0, run.stderr
    assert (run.out / "meetings" / "vstrecha" / "index.html").is_file()  # the control
    assert not (run.out / "meetings" / "chernovik").exists()
    assert not (run.out / "meetings" / "chernovik.ics").exists()
    for rel in (
        "meetings/index.html",
        "meetings/index.json",
        "meetings/calendar.ics",
        "index.html",
        "sitemap.xml",
        "feed.xml",
        "atom.xml",
        "api/v1/index.json",
    ):
        text = run.read(rel)
        assert "Черновик встречи" not in text and "chernovik" not in text, rel
    assert "Опубликованная встреча" in run.read("meetings/index.html")


# --- pages: escaping -----------------------------------------------------------------------

ATTACK = "<img src=x onerror=alert(1)>"


def test_markup_in_a_title_is_shown_as_text_never_run(
    make_site: MakeSite, run_build: RunBuild
) -> None:
    news = f'---\ntitle: "{ATTACK}"\ndate: 2024-05-01\n---\nТекст.\n'
    run = run_build(make_site({"content/news/ataka.md": news}, CONFIG))
    assert run.code == 0, run.stderr
    html = run.read("news/ataka/index.html")
    assert ATTACK not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    doc = html_doc(run, "/news/ataka/")
    heading = doc.xpath("//main//h1")[0]
    assert text_of(heading) == ATTACK and heading.xpath(".//img") == []
    assert doc.xpath("//img[@onerror]") == [] and doc.xpath("//*[@onerror]") == []
    assert doc.findtext(".//title").startswith(ATTACK)
    assert ATTACK not in run.read("news/index.html")


# --- links to files ------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["files/net.pdf", "../files/net.pdf"])
def test_a_relative_link_to_a_missing_file_is_an_error_at_its_line(
    make_site: MakeSite, run_build: RunBuild, target: str
) -> None:
    page = (
        "---\ntitle: Документы\npublished: 2024-01-10\n---\n"
        "Положение: [есть](files/est.pdf).\n\n"
        f"Схема сети: [нет такого файла]({target}).\n"
    )
    site = make_site({"content/pages/docs.md": page, "content/files/est.pdf": "%PDF-1.4\n"}, CONFIG)
    run = run_build(site)
    assert run.code == 1
    assert not run.out.exists()
    assert (
        f"content/pages/docs.md:{line_of(page, target)}: ошибка: "
        "ссылка на несуществующую страницу или файл" in run.stderr
    )
    assert run.stderr.count("ссылка на несуществующую") == 1  # files/est.pdf is fine


@pytest.mark.parametrize("target", ["files/est.pdf", "../files/est.pdf", "/files/est.pdf"])
def test_a_relative_link_to_an_existing_file_points_at_it(
    make_site: MakeSite, run_build: RunBuild, target: str
) -> None:
    page = f"---\ntitle: Документы\npublished: 2024-01-10\n---\n[Положение]({target}).\n"
    site = make_site({"content/pages/docs.md": page, "content/files/est.pdf": "%PDF-1.4\n"}, CONFIG)
    run = run_build(site)
    assert run.code == 0, run.stderr
    links = html_doc(run, "/docs/").xpath("//main//a[text()='Положение']/@href")
    assert links == ["/files/est.pdf"]
    assert (run.out / "files" / "est.pdf").is_file()


# --- JSON: dates ---------------------------------------------------------------------------


def test_lists_and_catalogue_give_each_item_its_own_updated_date(
    make_site: MakeSite, run_build: RunBuild
) -> None:
    news = "---\ntitle: Новость с правкой\ndate: 2024-01-10\nupdated: 2024-03-05\n---\nТекст.\n"
    page = "---\ntitle: Страница\npublished: 2023-02-01\nupdated: 2023-06-07\n---\nТекст.\n"
    files = {"content/news/pravka.md": news, "content/pages/stranica.md": page}
    run = run_build(make_site(files, CONFIG))
    assert run.code == 0, run.stderr
    [entry] = run.json("news/index.json")["items"]
    assert (entry["published"], entry["updated"]) == ("2024-01-10", "2024-03-05")
    catalogue = {
        item["id"]: item
        for collection in run.json("api/v1/index.json")["collections"]
        for item in collection["items"]
    }
    dates = {ident: (i["published"], i["updated"]) for ident, i in catalogue.items()}
    assert dates == {
        "news/pravka": ("2024-01-10", "2024-03-05"),
        "page/stranica": ("2023-02-01", "2023-06-07"),
    }
    doc = run.json("news/pravka/index.json")
    assert (doc["published"], doc["updated"]) == ("2024-01-10", "2024-03-05")


# --- open data: staleness ------------------------------------------------------------------

INN = "2613000000"
DATASET_CONFIG = f"""\
title: Администрация Тестового района
base_url: https://test.example.ru/
inn: "{INN}"
contacts: {{email: info@test.example.ru, phone: "8 (800) 000-00-00"}}
opendata:
  license: Свободное использование с указанием источника
"""
DATASET = """\
title: Реестр учреждений
description: Учреждения района.
creator: Администрация Тестового района
subject: [учреждения]
publisher: {name: Петрова А.А., phone: "+78000000000", email: opendata@test.example.ru}
created: 1999-01-15
valid: VALID
update_frequency: ежегодно
structure:
  - {name: id, title: Номер, type: integer, required: true}
  - {name: name, title: Наименование, type: string}
versions:
  - {date: 1999-01-15, file: data-19990115.csv, provenance: Первая публикация}
"""


# (the build's "now", the set's valid-until date, stale?): each the opposite of what the
# wall clock (2026 and later) would say, so a build that read it shows.
@pytest.mark.parametrize(
    ("epoch", "valid", "stale"),
    [
        ("4102444800", "2099-12-31", True),  # now = 2100-01-01: valid until the day before
        ("978307200", "2001-01-01", False),  # now = 2001-01-01: valid until today
    ],
    ids=["passed", "today"],
)
def test_a_dataset_is_stale_by_the_builds_date_not_the_wall_clock(
    make_site: MakeSite,
    run_build: RunBuild,
    monkeypatch: pytest.MonkeyPatch,
    epoch: str,
    valid: str,
    stale: bool,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    files = {
        "content/datasets/reestr/dataset.yaml": DATASET.replace("VALID", valid),
        "content/datasets/reestr/data-19990115.csv": "id,name\n1,Школа № 1\n",
    }
    run = run_build(make_site(files, DATASET_CONFIG))
    assert run.code == 0, run.stderr
    ident = f"{INN}-reestr"
    assert run.json(f"opendata/{ident}/index.json")["computed"]["stale"] is stale
    page = text_of(html_doc(run, f"/opendata/{ident}/"))
    assert ("данные могут быть устаревшими" in page) is stale
    assert ("[D110]" in run.stderr) is stale
