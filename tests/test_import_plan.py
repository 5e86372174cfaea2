"""`build.py import plan FILE.docx`: a plan's Word table → content/plans/SLUG.yaml.

The documents are built in the tests from the YAML of examples/sosnovsky (seed 000: 38
items in sections nested one level) and examples/verkhnyaya-pyshma (seed 003: 33 items
in 10 sections), in each shape real plans come in; the import must give the same
sections and items back, and the site must build with the imported file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from tests.conftest import BuildRun
from tests.support import REPO_ROOT
from tests.support.office import (
    PYSHMA,
    SOSNOVSKY,
    encrypted_office_file,
    flatten,
    load,
    old_binary_file,
    plan_with_group_columns,
    plan_with_section_rows,
    run_import,
    snapshot,
)

PLANS = {"sosnovsky": SOSNOVSKY, "verkhnyaya-pyshma": PYSHMA}
SHAPES = ("numbers-in-column", "numbers-in-title", "group-columns")


def make_docx(plan: dict[str, Any], path: Path, shape: str) -> Path:
    if shape == "group-columns":
        return plan_with_group_columns(plan, path)
    numbers = "column" if shape == "numbers-in-column" else "title"
    return plan_with_section_rows(plan, path, numbers)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("site_name", sorted(PLANS))
def test_plan_round_trip_gives_the_example_back_and_the_site_builds(
    site_name: str,
    shape: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    run_build: Callable[..., BuildRun],
) -> None:
    site = tmp_path / site_name
    shutil.copytree(REPO_ROOT / "examples" / site_name, site)
    source = PLANS[site_name]
    expected = load(source)
    target = site / "content/plans" / source.name
    target.unlink()
    document = make_docx(expected, tmp_path / "План мероприятий.docx", shape)

    ran = run_import(capsys, "plan", str(document), "--site", str(site), "--out", str(target))

    assert ran.code == 0, ran.err
    got = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert flatten(got) == flatten(expected)
    assert got["title"] == expected["title"]
    assert got["approved_by"] == expected["approved_by"]
    items, sections = len(flatten(expected)), len(expected["sections"])
    assert f"разделов {sections}," in ran.out and f"пунктов {items}." in ran.out
    checked = run_build(site, "check")
    assert checked.code == 0, checked.stderr
    assert ": ошибка:" not in checked.stderr


def test_default_name_is_the_documents_transliterated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], run_build: Callable[..., BuildRun]
) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO_ROOT / "examples/verkhnyaya-pyshma", site)
    document = make_docx(load(PYSHMA), tmp_path / "Дорожная карта.docx", "numbers-in-title")

    ran = run_import(capsys, "plan", str(document), "--site", str(site))

    assert ran.code == 0, ran.err
    assert (site / "content/plans/dorozhnaia-karta.yaml").is_file()
    assert "Создан файл content/plans/dorozhnaia-karta.yaml" in ran.out
    assert run_build(site, "check").code == 0


def test_unrecognised_deadline_is_reported_with_its_place_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = make_docx(load(SOSNOVSKY), tmp_path / "plan.docx", "numbers-in-column")
    out = tmp_path / "plan.yaml"

    ran = run_import(capsys, "plan", str(document), "--site", str(tmp_path), "--out", str(out))

    assert ran.code == 0
    # «По графику» names no period: kept verbatim, listed with table and row (I106)
    assert "plan.docx: предупреждение: таблица 1, строка 11: срок «По графику»" in ran.err
    assert "[I106]" in ran.err
    assert "deadline: По графику" in out.read_text(encoding="utf-8")


def test_existing_file_is_kept_without_force_and_replaced_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = make_docx(load(PYSHMA), tmp_path / "plan.docx", "numbers-in-title")
    out = tmp_path / "content/plans/plan.yaml"
    out.parent.mkdir(parents=True)
    out.write_text("# её правки\n", encoding="utf-8")
    (tmp_path / "site_config.yaml").write_text("title: Сайт\n", encoding="utf-8")

    refused = run_import(capsys, "plan", str(document), "--site", str(tmp_path))
    assert refused.code == 1
    assert "файл content/plans/plan.yaml уже есть" in refused.err and "[I005]" in refused.err
    assert "ничего не записано" in refused.err
    assert out.read_text(encoding="utf-8") == "# её правки\n"

    forced = run_import(capsys, "plan", str(document), "--site", str(tmp_path), "--force")
    assert forced.code == 0, forced.err
    assert len(flatten(yaml.safe_load(out.read_text(encoding="utf-8")))) == 33
    assert [p.name for p in out.parent.iterdir()] == ["plan.yaml"]  # no temporary left


def test_a_plan_without_sections_or_numbers_is_numbered_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = docx.Document()
    doc.add_paragraph("План мероприятий на 2025 год")
    table = doc.add_table(rows=3, cols=3)
    for row, texts in zip(
        table.rows,
        [
            ("Мероприятие", "Срок", "Ответственный"),
            ("Приём граждан", "Ежемесячно", "Глава"),
            ("Отчёт главы", "Декабрь 2025 года", "Глава;\nОтдел кадров"),
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    doc.save(str(tmp_path / "p.docx"))
    out = tmp_path / "p.yaml"

    ran = run_import(
        capsys, "plan", str(tmp_path / "p.docx"), "--site", str(tmp_path), "--out", str(out)
    )

    assert ran.code == 0, ran.err
    got = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert got["title"] == "План мероприятий на 2025 год"
    assert [s["title"] for s in got["sections"]] == ["Мероприятия"]
    items = got["sections"][0]["items"]
    assert [(i["id"], i["title"], i["deadline"]) for i in items] == [
        ("1", "Приём граждан", "Ежемесячно"),
        ("2", "Отчёт главы", "Декабрь 2025 года"),
    ]
    assert items[1]["responsible"] == ["Глава", "Отдел кадров"]
    assert "утверждающий акт" in ran.err and "[I108]" in ran.err  # no stamp above the table


def test_a_second_table_without_heading_is_named_not_guessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _table_doc(tmp_path / "p.docx", [("Мероприятие", "Срок"), ("Приём", "Март")])
    doc = docx.Document(str(document))
    extra = doc.add_table(rows=2, cols=2)
    extra.cell(0, 0).text, extra.cell(1, 0).text = "Отчёт", "Итоги"
    doc.save(str(document))

    ran = run_import(
        capsys, "plan", str(document), "--site", str(tmp_path), "--out", str(tmp_path / "p.yaml")
    )

    assert ran.code == 0, ran.err
    assert "таблица 2 пропущена: в ней нет строки заголовков [I111]" in ran.err
    assert "пунктов 1." in ran.out


# --- bad documents: a clear error and nothing written ------------------------------------------


def _table_doc(path: Path, rows: list[tuple[str, ...]]) -> Path:
    doc = docx.Document()
    doc.add_paragraph("План мероприятий")
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    doc.save(str(path))
    return path


def _no_table(path: Path) -> Path:
    doc = docx.Document()
    doc.add_paragraph("План мероприятий набран абзацами, без таблицы.")
    doc.save(str(path))
    return path


def _corrupt(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "это архив, но не документ Word")
    return path


BAD = {
    "no-table": (_no_table, "I101", "в документе нет таблицы"),
    "unexpected-columns": (
        lambda p: _table_doc(p, [("Фамилия", "Телефон"), ("Иванов", "123")]),
        "I102",
        "непонятные столбцы: «Фамилия», «Телефон»",
    ),
    "extra-column": (
        lambda p: _table_doc(p, [("Мероприятие", "Срок", "Примечание"), ("Приём", "Март", "-")]),
        "I102",
        "таблица 1, строка 1: непонятные столбцы: «Примечание»",
    ),
    "no-measure-column": (
        lambda p: _table_doc(p, [("№", "Срок", "Ответственный"), ("1", "Март", "Глава")]),
        "I103",
        "нет столбца «Мероприятие»",
    ),
    "password": (encrypted_office_file, "I002", "файл защищен паролем"),
    "old-doc": (old_binary_file, "I004", "старом формате"),
    "zip-not-docx": (_corrupt, "I003", "файл поврежден или это не .docx"),
    "not-a-zip": (
        lambda p: p.write_bytes(b"%PDF-1.4 not a docx") and p,
        "I003",
        "файл поврежден",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_document_gives_a_clear_error_and_writes_nothing(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, code, words = BAD[case]
    site = tmp_path / "site"
    shutil.copytree(REPO_ROOT / "examples/sosnovsky", site)
    document = make(tmp_path / "plan.docx")
    before = snapshot(site)

    ran = run_import(capsys, "plan", str(document), "--site", str(site))

    assert ran.code == 1
    assert "plan.docx: ошибка: " in ran.err and words in ran.err and f"[{code}]" in ran.err
    assert "Traceback" not in ran.err
    assert snapshot(site) == before


def test_build_py_runs_the_import(tmp_path: Path) -> None:
    """The command a press secretary types in her site's folder, as a separate process."""
    document = make_docx(load(PYSHMA), tmp_path / "карта.docx", "group-columns")
    command = [sys.executable, str(REPO_ROOT / "build.py"), "import", "plan", str(document)]

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)

    outside = run()
    assert outside.returncode == 1 and "не папка сайта" in outside.stderr  # I008
    assert not (tmp_path / "content").exists()
    (tmp_path / "site_config.yaml").write_text("title: Сайт\n", encoding="utf-8")
    inside = run()
    assert inside.returncode == 0, inside.stderr
    assert "Создан файл content/plans/karta.yaml: разделов 10, подразделов 0, пунктов 33." in (
        inside.stdout
    )


def test_unmerged_heading_rows_typed_in_the_first_column_are_sections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ("№", "Мероприятие", "Срок"),
        ("Раздел 1. Открытость", "", ""),
        ("1.1", "Сайт", "Постоянно"),
        ("Раздел 2. Участие", "", ""),
        ("2.1", "Слушания", "Ежеквартально"),
    ]
    document = _table_doc(tmp_path / "p.docx", rows)
    out = tmp_path / "p.yaml"

    ran = run_import(capsys, "plan", str(document), "--site", str(tmp_path), "--out", str(out))

    assert ran.code == 0, ran.err
    got = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [(s["title"], [i["id"] for i in s["items"]]) for s in got["sections"]] == [
        ("Открытость", ["1.1"]),
        ("Участие", ["2.1"]),
    ]


def test_a_failed_write_reports_and_leaves_no_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = make_docx(load(PYSHMA), tmp_path / "plan.docx", "numbers-in-title")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "site_config.yaml").write_text("title: Сайт\n", encoding="utf-8")
    (site / "content/plans").write_text("не папка", encoding="utf-8")  # mkdir must fail
    before = snapshot(site)

    ran = run_import(capsys, "plan", str(document), "--site", str(site))

    assert ran.code == 1
    assert "не удалось записать content/plans" in ran.err and "[I006]" in ran.err
    assert snapshot(site) == before
