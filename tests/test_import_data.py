"""`build.py import data FILE --dataset ID`: Excel sheets and Russian-Excel CSV → a data version.

Russian Excel saves «CSV (разделители — точка с запятой)» in Windows-1251 with dates as
ДД.ММ.ГГГГ and decimal commas; the set's file must be UTF-8 with commas, ISO dates and
decimal points. Round trip: the demo's survey data, saved the Excel way and imported,
must give the demo's own file back byte for byte.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import yaml

from tests.conftest import FIXED_EPOCH, BuildRun
from tests.support import REPO_ROOT
from tests.support.office import demo_copy, encrypted_office_file, run_import, snapshot

SURVEY = REPO_ROOT / "content/datasets/survey-results"
TODAY = dt.datetime.fromtimestamp(int(FIXED_EPOCH), tz=dt.UTC).date()
NEW_FILE = f"data-{TODAY:%Y%m%d}.csv"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return demo_copy(tmp_path / "demo")


def excel_csv(path: Path, rows: list[list[str]]) -> Path:
    """As Russian Excel writes it: Windows-1251, `;`, CRLF."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp1251"))
    return path


def demo_rows() -> list[list[str]]:
    with (SURVEY / "data-20220715.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def titles() -> list[str]:
    data = yaml.safe_load((SURVEY / "dataset.yaml").read_text(encoding="utf-8"))
    return [column["title"] for column in data["structure"]]


def test_excel_csv_round_trip_gives_the_demo_file_and_a_version(
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    run_build: Callable[..., BuildRun],
) -> None:
    rows = demo_rows()
    source = excel_csv(tmp_path / "опрос.csv", [titles(), *rows[1:]])  # headed by the titles
    passport = site / "content/datasets/survey-results/dataset.yaml"
    before = passport.read_text(encoding="utf-8")

    ran = run_import(
        capsys, "data", str(source), "--dataset", "survey-results", "--site", str(site)
    )

    assert ran.code == 0, ran.err
    written = site / "content/datasets/survey-results" / NEW_FILE
    assert written.read_bytes() == (SURVEY / "data-20220715.csv").read_bytes()
    after = passport.read_text(encoding="utf-8")
    added = f"  - {{date: {TODAY}, file: {NEW_FILE}, provenance: Импорт из опрос.csv}}\n"
    assert after == before + added  # her file as it was, one version more
    assert f"строк {len(rows) - 1}, столбцов 5" in ran.out
    checked = run_build(site, "check")
    assert checked.code == 0, checked.stderr
    assert ": ошибка:" not in checked.stderr


def test_dates_decimal_commas_and_thousands_become_the_open_data_format(
    make_site: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    run_build: Callable[..., BuildRun],
) -> None:
    site = make_site(
        {
            "content/datasets/budget/dataset.yaml": """\
                title: Расходы бюджета
                created: 2024-01-10
                structure:
                  - {name: day, title: Дата платежа, type: date}
                  - {name: amount, title: Сумма, type: number}
                  - {name: count, title: Количество, type: integer}
                  - {name: payee, title: Получатель, type: string}
                versions: []
                """
        },
        config='title: Сайт\nbase_url: https://test.example.ru/\ninn: "2613000000"\n'
        "opendata: {license: Открытая лицензия}\n",
    )
    source = excel_csv(
        tmp_path / "budget.csv",
        [
            ["Дата платежа", "Сумма", "Количество", "Получатель"],
            ["15.07.2022", "12,5", "1 234", "ООО «Ромашка», г. Москва"],
            ["01.02.2023", "-0,75", "3", 'ИП "Иванов"'],
            ["2023-03-04", "100", "", ""],
        ],
    )

    ran = run_import(capsys, "data", str(source), "--dataset", "budget", "--site", str(site))

    assert ran.code == 0, ran.err
    written = (site / "content/datasets/budget" / NEW_FILE).read_bytes()
    assert written.decode("utf-8") == (
        "day,amount,count,payee\r\n"
        '2022-07-15,12.5,1234,"ООО «Ромашка», г. Москва"\r\n'
        '2023-02-01,-0.75,3,"ИП ""Иванов"""\r\n'
        "2023-03-04,100,,\r\n"
    )
    passport = yaml.safe_load(
        (site / "content/datasets/budget/dataset.yaml").read_text(encoding="utf-8")
    )
    assert passport["versions"] == [
        {"date": TODAY, "file": NEW_FILE, "provenance": "Импорт из budget.csv"}
    ]
    assert run_build(site, "check").code == 0


def test_cells_that_do_not_fit_are_listed_with_row_and_column_and_nothing_is_written(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = demo_rows()
    rows[2][0] = "первый"  # question_no: integer
    rows[5][3] = "12,5"  # count: integer, not a fraction
    source = excel_csv(tmp_path / "bad.csv", rows)
    before = snapshot(site)

    ran = run_import(
        capsys, "data", str(source), "--dataset", "survey-results", "--site", str(site)
    )

    assert ran.code == 1
    assert "строка 3, столбец 1 (question_no): «первый» — не целое число" in ran.err
    assert "строка 6, столбец 4 (count): «12,5» — не целое число" in ran.err
    assert ran.err.count("[I203]") == 2 and "ничего не записано" in ran.err
    assert snapshot(site) == before


def test_columns_other_than_the_structure_are_refused(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = excel_csv(tmp_path / "other.csv", [["Фамилия", "Телефон"], ["Иванов", "123"]])
    before = snapshot(site)

    ran = run_import(
        capsys, "data", str(source), "--dataset", "survey-results", "--site", str(site)
    )

    assert ran.code == 1
    assert "столбцы не совпадают со структурой набора: Фамилия, Телефон" in ran.err
    assert "question_no (Номер вопроса)" in ran.err and "[I202]" in ran.err
    assert snapshot(site) == before


def test_xlsx_with_real_numbers_gives_the_demo_file(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    rows = demo_rows()
    sheet.append(rows[0])  # headed by the column names this time
    for row in rows[1:]:
        sheet.append([int(row[0]), row[1], row[2], float(row[3]), int(row[4])])
    sheet.append([])  # Excel's empty rows after the data are not data
    book.save(tmp_path / "survey.xlsx")

    ran = run_import(
        capsys,
        "data",
        str(tmp_path / "survey.xlsx"),
        "--dataset",
        "survey-results",
        "--site",
        str(site),
    )

    assert ran.code == 0, ran.err
    written = site / "content/datasets/survey-results" / NEW_FILE
    assert written.read_bytes() == (SURVEY / "data-20220715.csv").read_bytes()


def test_a_new_set_gets_a_structure_proposed_from_header_and_values(
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    run_build: Callable[..., BuildRun],
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Приемы"
    sheet.append(["Дата приема", "Принято граждан", "Средняя длительность, ч", "Место"])
    sheet.append([dt.datetime(2022, 7, 15), 12, 1.5, "Администрация"])
    sheet.append([dt.datetime(2022, 8, 19), 9, 2, "ДК «Современник»"])
    book.save(tmp_path / "Приемы главы.xlsx")

    ran = run_import(
        capsys,
        "data",
        str(tmp_path / "Приемы главы.xlsx"),
        "--dataset",
        "receptions",
        "--site",
        str(site),
    )

    assert ran.code == 0, ran.err
    folder = site / "content/datasets/receptions"
    passport = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    assert passport["title"] == "Приемы главы"
    assert [(c["name"], c["type"]) for c in passport["structure"]] == [
        ("data_priema", "date"),
        ("priniato_grazhdan", "integer"),
        ("sredniaia_dlitelnost_ch", "number"),
        ("mesto", "string"),
    ]
    assert (folder / NEW_FILE).read_bytes().decode("utf-8") == (
        "data_priema,priniato_grazhdan,sredniaia_dlitelnost_ch,mesto\r\n"
        "2022-07-15,12,1.5,Администрация\r\n"
        "2022-08-19,9,2,ДК «Современник»\r\n"
    )
    assert "Набор новый: структура предложена" in ran.out
    checked = run_build(site, "check")
    assert checked.code == 0, checked.stderr


def test_an_existing_version_file_is_not_replaced(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = excel_csv(tmp_path / "s.csv", demo_rows())
    first = run_import(
        capsys, "data", str(source), "--dataset", "survey-results", "--site", str(site)
    )
    assert first.code == 0, first.err
    before = snapshot(site)

    again = run_import(
        capsys, "data", str(source), "--dataset", "survey-results", "--site", str(site)
    )

    assert again.code == 1 and "[I005]" in again.err
    assert snapshot(site) == before


@pytest.mark.parametrize(
    ("name", "make", "code", "words"),
    [
        ("locked.xlsx", encrypted_office_file, "I002", "файл защищен паролем"),
        (
            "broken.xlsx",
            lambda p: p.write_bytes(b"PK\x03\x04 not really") and p,
            "I003",
            "файл поврежден или это не .xlsx",
        ),
        ("data.ods", lambda p: p.write_bytes(b"x") and p, "I007", "расширение"),
    ],
)
def test_unreadable_sheets_give_a_clear_error(
    name: str,
    make: Callable[[Path], Path],
    code: str,
    words: str,
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = make(tmp_path / name)
    before = snapshot(site)

    ran = run_import(
        capsys, "data", str(source), "--dataset", "survey-results", "--site", str(site)
    )

    assert ran.code == 1
    assert words in ran.err and f"[{code}]" in ran.err and "Traceback" not in ran.err
    assert snapshot(site) == before


def test_a_set_code_must_be_latin(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = excel_csv(tmp_path / "s.csv", demo_rows())

    ran = run_import(capsys, "data", str(source), "--dataset", "Опросы", "--site", str(site))

    assert ran.code == 1
    assert "код набора «Опросы»" in ran.err and "--dataset oprosy" in ran.err


def test_out_is_refused_for_data(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = excel_csv(tmp_path / "s.csv", demo_rows())
    before = snapshot(site)

    ran = run_import(
        capsys,
        "data",
        str(source),
        "--dataset",
        "survey-results",
        "--site",
        str(site),
        "--out",
        str(tmp_path / "x.csv"),
    )

    assert ran.code == 1 and "[I209]" in ran.err
    assert snapshot(site) == before and not (tmp_path / "x.csv").exists()
