"""`build.py import report FILE.docx --plan SLUG`: seed 004's report table → the demo report.

The document is built from content/reports/levokumsky-2022-h1.yaml the way seed 004
prints it: «№ п/п» with «6» heading the unnumbered rows 6.1 … 6.5, the people and the
deadline in brackets in one cell, and empty cells where no information was given.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from pathlib import Path

import docx
import pytest
import yaml

from tests.conftest import BuildRun
from tests.support.office import DEMO_REPORT, demo_copy, load, report_docx, run_import, snapshot

PLAN = "levokumsky-open-government"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    copied = demo_copy(tmp_path / "demo")
    (copied / "content/reports" / DEMO_REPORT.name).unlink()
    return copied


def imported(site: Path) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(
        (site / "content/reports" / DEMO_REPORT.name).read_text(encoding="utf-8")
    )
    return data


def test_empty_cells_become_no_data_and_the_rest_await_her_status(
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    run_build: Callable[..., BuildRun],
) -> None:
    document = report_docx(tmp_path / "Отчет.docx")
    target = site / "content/reports" / DEMO_REPORT.name

    ran = run_import(
        capsys, "report", str(document), "--plan", PLAN, "--site", str(site), "--out", str(target)
    )

    assert ran.code == 0, ran.err
    want = load(DEMO_REPORT)
    got = imported(site)
    assert got["title"] == want["title"]
    assert got["plan"] == PLAN
    assert got["period"] == want["period"]
    pairs = [(e["item"], e.get("status")) for e in got["entries"]]  # type: ignore[attr-defined]
    # Without a status column the paper says only where nothing was reported.
    assert pairs == [
        (e["item"], "no_data" if e["status"] == "no_data" else None) for e in want["entries"]
    ]
    assert [e.get("responsible") for e in got["entries"]] == [  # type: ignore[attr-defined]
        e["responsible"] for e in want["entries"]
    ]
    assert "записей 26, из них связано с пунктами плана 26, без информации (no_data) 5." in ran.out
    checked = run_build(site, "check")
    assert checked.code == 0, checked.stderr
    assert ": ошибка:" not in checked.stderr


def test_a_status_column_gives_the_demo_reports_statuses(
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    run_build: Callable[..., BuildRun],
) -> None:
    document = report_docx(tmp_path / "levokumsky-2022-h1.docx", with_status=True)

    ran = run_import(capsys, "report", str(document), "--plan", PLAN, "--site", str(site))

    assert ran.code == 0, ran.err
    got = imported(site)
    want = load(DEMO_REPORT)
    assert [(e["item"], e["status"]) for e in got["entries"]] == [  # type: ignore[attr-defined]
        (e["item"], e["status"]) for e in want["entries"]
    ]
    built = run_build(site, "build")
    assert built.code == 0, built.stderr
    page = built.json("reports/levokumsky-2022-h1/index.json")
    statuses = {e["item"]: e["status"] for e in page["computed"]["entries"]}
    assert statuses["3"] == "no_data" and statuses["6.1"] == "done"


def test_rows_missing_from_the_plan_are_kept_with_their_title_and_listed(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = report_docx(tmp_path / "levokumsky-2022-h1.docx", extra_rows=1)

    ran = run_import(capsys, "report", str(document), "--plan", PLAN, "--site", str(site))

    assert ran.code == 0, ran.err
    assert "пункта «90» нет в плане «levokumsky-open-government»" in ran.err
    assert "[I121]" in ran.err and "таблица 1, строка 32" in ran.err
    last = imported(site)["entries"][-1]  # type: ignore[index]
    assert "item" not in last and last["title"] == "Мероприятие, которого нет в плане"
    assert last["responsible"] == ["Отдел связи (сектор)"]  # a bracket that is no deadline


def test_unknown_plan_is_an_error_naming_the_plans_there_are(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = report_docx(tmp_path / "r.docx")
    before = snapshot(site)

    ran = run_import(capsys, "report", str(document), "--plan", "no-such", "--site", str(site))

    assert ran.code == 1
    assert "план «no-such» не найден" in ran.err and f"Есть: {PLAN}." in ran.err
    assert snapshot(site) == before


def test_a_report_needs_its_plan(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = report_docx(tmp_path / "r.docx")

    ran = run_import(capsys, "report", str(document), "--site", str(site))

    assert ran.code == 1
    assert "не указан план, к которому отчет" in ran.err and f"Есть: {PLAN}." in ran.err


def test_an_item_reported_twice_is_kept_once_joined_and_the_site_still_builds(
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    run_build: Callable[..., BuildRun],
) -> None:
    document = report_docx(tmp_path / "levokumsky-2022-h1.docx")
    doc = docx.Document(str(document))
    table = doc.tables[0]
    copy = deepcopy(table.rows[2]._tr)  # item 1 once more, at the end
    table._tbl.append(copy)
    doc.save(str(document))

    ran = run_import(capsys, "report", str(document), "--plan", PLAN, "--site", str(site))

    assert ran.code == 0, ran.err
    assert "пункт «1» уже был (впервые: таблица 1, строка 3)" in ran.err
    entries = imported(site)["entries"]
    assert [e.get("item") for e in entries].count("1") == 1  # type: ignore[attr-defined]
    assert run_build(site, "check").code == 0
