"""Open-data mistakes a press secretary can commit: each fails the build with a message
naming the file (and line, row and column where there is one) and publishes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BuildRun

INN = "2613000000"
CONFIG = f"""\
title: Тестовый сайт
base_url: https://test.example.ru/
inn: "{INN}"
opendata:
  license: Свободное использование
"""
STRUCTURE = """\
structure:
  - {name: question, title: Вопрос, type: string, required: true}
  - {name: answer, title: Ответ, type: string}
  - {name: count, title: Число ответивших, type: integer}
  - {name: share, title: Доля, type: number}
  - {name: day, title: Дата опроса, type: date}
"""
PASSPORT = """\
title: Результаты опросов
description: Ответы жителей на вопросы об удовлетворенности.
creator: Администрация
subject: [опросы]
publisher: {name: Иванова И.И., phone: "+78000000000", email: opendata@test.example.ru}
created: 2022-01-10
valid: 2030-12-31
update_frequency: ежегодно
"""
VERSIONS = """\
versions:
  - {date: 2022-07-15, file: data-20220715.csv, provenance: Итоги за 2021 год}
"""
HEADER = "question,answer,count,share,day\n"
GOOD_ROWS = (
    "Транспорт,Да,195,30.4,2022-06-01\n"
    "Транспорт,Нет,145,22.6,2022-06-01\n"
    '"Дороги, тротуары",Да,144,22.4,\n'
    "Дороги,Нет,150,,2022-06-02\n"
)
FOLDER = "content/datasets/survey-results"
CSV_REL = f"{FOLDER}/data-20220715.csv"
YAML_REL = f"{FOLDER}/dataset.yaml"

Files = dict[str, "str | bytes"]
Make = Callable[..., Path]


@pytest.fixture
def dataset_site(tmp_path: Path) -> Make:
    """A site with one set; `files` override or add files (bytes written as they are)."""

    def make(files: Files | None = None, config: str = CONFIG, yaml: str | None = None) -> Path:
        site = tmp_path / "site"
        site.mkdir(exist_ok=True)
        (site / "site_config.yaml").write_text(config, encoding="utf-8")
        chosen: Files = {
            YAML_REL: yaml or PASSPORT + STRUCTURE + VERSIONS,
            CSV_REL: HEADER + GOOD_ROWS,
        }
        chosen.update(files or {})
        for rel, content in chosen.items():
            path = site / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return site

    return make


def failed(run: BuildRun) -> list[str]:
    """The error lines of a failed build; asserts it failed and wrote nothing."""
    assert run.code == 1, run.stderr
    assert not run.out.exists(), "a failed build must publish nothing"
    assert "Сборка остановлена" in run.stderr
    return [line for line in run.stderr.splitlines() if ": ошибка: " in line]


def one_error(run: BuildRun, code: str) -> str:
    errors = failed(run)
    assert len(errors) == 1, run.stderr
    assert errors[0].endswith(f"[{code}]"), run.stderr
    return errors[0]


def test_the_good_site_builds(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    """The baseline every test below breaks in one place."""
    run = run_build(dataset_site())
    assert run.code == 0, run.stderr
    assert "предупреждений: 0" in run.stderr
    assert (
        run.out / f"opendata/{INN}-survey-results/data-20220715-structure-20220110.csv"
    ).is_file()


def test_wrong_column_name(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    site = dataset_site({CSV_REL: "question,answr,count,share,day\n" + GOOD_ROWS})
    line = one_error(run_build(site), "D113")
    assert line.startswith(f"{CSV_REL}:1: ")
    assert "столбец 2 в заголовке называется «answr», а по структуре — «answer»" in line


def test_columns_out_of_order(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    site = dataset_site({CSV_REL: "question,count,answer,share,day\n"})
    errors = failed(run_build(site))
    assert all(e.startswith(f"{CSV_REL}:1: ") and e.endswith("[D114]") for e in errors), errors
    assert "столбец «count» стоит в заголовке 2-м, а по структуре он 3-й" in errors[0]


def test_missing_and_extra_columns(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    run = run_build(dataset_site({CSV_REL: "question,answer,count,share\n"}))
    assert "в заголовке нет столбца «day» (5-го по структуре) [D115]" in one_error(run, "D115")
    run = run_build(dataset_site({CSV_REL: "question,answer,count,share,day,note\n"}))
    assert "лишний столбец «note» (6-й)" in one_error(run, "D116")


def test_non_integer_in_integer_column_names_row_and_column(
    dataset_site: Make, run_build: Callable[..., BuildRun]
) -> None:
    rows = GOOD_ROWS.replace("Дороги,Нет,150,", "Дороги,Нет,15O,")  # letter O, on line 5
    line = one_error(run_build(dataset_site({CSV_REL: HEADER + rows})), "D119")
    assert line.startswith(f"{CSV_REL}:5: ")
    assert "столбец 3 «count»: значение «15O» — не целое число" in line


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        ('Транспорт,Да,1,"12,5",2022-06-01', "share", "не число"),
        ("Транспорт,Да,1,1.5,01.06.2022", "day", "не дата в виде ГГГГ-ММ-ДД"),
        ("Транспорт,Да,1,1.5,2022-02-30", "day", "не дата"),
        ("Транспорт,Да, 7,1.5,2022-06-01", "count", "не целое число"),
    ],
)
def test_typed_values(
    dataset_site: Make, run_build: Callable[..., BuildRun], row: str, column: str, expected: str
) -> None:
    line = one_error(run_build(dataset_site({CSV_REL: HEADER + GOOD_ROWS + row + "\n"})), "D119")
    assert line.startswith(f"{CSV_REL}:6: ") and f"«{column}»" in line and expected in line


def test_boolean_column(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    yaml = PASSPORT + "structure:\n  - {name: flag, title: Признак, type: boolean}\n" + VERSIONS
    good = run_build(
        dataset_site({YAML_REL: yaml, CSV_REL: "flag\ntrue\nfalse\nда\nНет\n1\n0\n\n"})
    )
    assert good.code == 0, good.stderr
    bad = run_build(
        dataset_site({YAML_REL: yaml, CSV_REL: "flag\ntrue\nyes\n"}), out=good.out.parent / "o2"
    )
    assert "значение «yes» — не логическое значение" in one_error(bad, "D119")


def test_required_cell_empty(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    line = one_error(run_build(dataset_site({CSV_REL: HEADER + GOOD_ROWS + ",Да,1,,\n"})), "D120")
    assert line.startswith(f"{CSV_REL}:6: ") and "«question» обязателен" in line


def test_row_with_wrong_number_of_cells(
    dataset_site: Make, run_build: Callable[..., BuildRun]
) -> None:
    rows = GOOD_ROWS + "Дороги, тротуары,Да,144,22.4,\n"  # an unquoted comma inside a value
    line = one_error(run_build(dataset_site({CSV_REL: HEADER + rows})), "D121")
    assert line.startswith(f"{CSV_REL}:6: ") and "значений: 6, а столбцов в структуре: 5" in line


def test_row_number_is_the_line_a_multiline_record_starts_on(
    dataset_site: Make, run_build: Callable[..., BuildRun]
) -> None:
    rows = '"Транспорт\nи дороги",Да,1,1,2022-06-01\nТранспорт,Да,x,1,2022-06-01\n'
    line = one_error(run_build(dataset_site({CSV_REL: HEADER + rows})), "D119")
    assert line.startswith(f"{CSV_REL}:4: ")


def test_broken_quoting(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    rows = GOOD_ROWS + 'Транспорт,"Да" и нет,1,1,2022-06-01\n'
    line = one_error(run_build(dataset_site({CSV_REL: HEADER + rows})), "D122")
    assert line.startswith(f"{CSV_REL}:6: ")


def test_semicolon_separated_file(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    text = HEADER.replace(",", ";") + GOOD_ROWS.replace(",", ";")
    run = run_build(dataset_site({CSV_REL: text}))
    assert "разделены точкой с запятой" in one_error(run, "D118")


def test_empty_data_file(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    assert "файл данных пуст" in one_error(run_build(dataset_site({CSV_REL: ""})), "D117")


def test_missing_data_file(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    site = dataset_site()
    (site / CSV_REL).rename(site / FOLDER / "data-2022-07-15.csv")
    line = one_error(run_build(site), "D104")
    assert re.match(rf"{YAML_REL}:\d+: ", line), line
    assert "data-20220715.csv не найден" in line
    run = run_build(site)
    assert "В папке есть: data-2022-07-15.csv." in run.stderr


def test_windows_1251_file(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    raw = (HEADER + GOOD_ROWS).encode("cp1251")
    run = run_build(dataset_site({CSV_REL: raw}))
    line = one_error(run, "D111")
    assert line.startswith(f"{CSV_REL}:2: ") and "Windows-1251" in line
    assert f"iconv -f WINDOWS-1251 -t UTF-8 {CSV_REL}" in run.stderr


def test_other_non_utf8_file(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    raw = (HEADER + "Транспорт,Да,1,1,2022-06-01\n").encode("utf-8") + b"\x80\x81\x82\x83,x,1,1,\n"
    line = one_error(run_build(dataset_site({CSV_REL: raw})), "D112")
    assert line.startswith(f"{CSV_REL}:3: ")


def test_non_latin_identifier_is_an_error_not_transliterated(
    dataset_site: Make, run_build: Callable[..., BuildRun]
) -> None:
    yaml = PASSPORT + STRUCTURE + VERSIONS
    site = dataset_site()
    (site / FOLDER).rename(site / "content/datasets/опросы")
    run = run_build(site)
    line = one_error(run, "D101")
    assert line.startswith("content/datasets/опросы/dataset.yaml")
    assert "код набора «опросы»" in line and "oprosy" in run.stderr  # suggested, not applied
    assert yaml  # the file itself is unchanged and fine


@pytest.mark.parametrize("code", ["Survey-Results", "survey_results", "-survey"])
def test_identifier_characters(
    dataset_site: Make, run_build: Callable[..., BuildRun], code: str
) -> None:
    site = dataset_site()
    (site / FOLDER).rename(site / f"content/datasets/{code}")
    assert f"«{code}»" in one_error(run_build(site), "D101")


def test_version_date_disagrees_with_file_name(
    dataset_site: Make, run_build: Callable[..., BuildRun]
) -> None:
    yaml = (
        PASSPORT
        + STRUCTURE
        + "versions:\n  - {date: 2022-07-15, file: data-20220701.csv, provenance: x}\n"
    )
    site = dataset_site({YAML_REL: yaml, f"{FOLDER}/data-20220701.csv": HEADER + GOOD_ROWS})
    line = one_error(run_build(site), "D105")
    assert line.startswith(f"{YAML_REL}:16: ")  # the version's file: line
    assert (
        "версия датирована 2022-07-15, а в имени файла data-20220701.csv стоит дата 2022-07-01"
        in line
    )


def test_duplicate_version_dates(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    yaml = (
        PASSPORT
        + STRUCTURE
        + VERSIONS
        + "  - {date: 2022-07-15, file: data-20220715.csv, provenance: y}\n"
    )
    assert "две версии данных с одной датой 2022-07-15" in one_error(
        run_build(dataset_site({YAML_REL: yaml})), "D106"
    )


def test_structure_later_than_data(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    yaml = (
        PASSPORT
        + STRUCTURE
        + (
            "versions:\n  - {date: 2022-07-15, file: data-20220715.csv, provenance: x,"
            " structure: 2022-08-01}\n"
        )
    )
    assert "структуру от 2022-08-01" in one_error(run_build(dataset_site({YAML_REL: yaml})), "D108")


def test_data_file_outside_the_folder(
    dataset_site: Make, run_build: Callable[..., BuildRun]
) -> None:
    yaml = PASSPORT + STRUCTURE + "versions:\n  - {date: 2022-07-15, file: ../data-20220715.csv}\n"
    assert "«../data-20220715.csv»" in one_error(run_build(dataset_site({YAML_REL: yaml})), "D128")


def test_missing_inn(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    config = CONFIG.replace(f'inn: "{INN}"\n', "")
    line = one_error(run_build(dataset_site(config=config)), "D100")
    assert line.startswith("site_config.yaml: ") and "inn" in line


def test_missing_license(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    config = CONFIG.replace("opendata:\n  license: Свободное использование\n", "")
    line = one_error(run_build(dataset_site(config=config)), "D102")
    assert line.startswith(f"{YAML_REL}:1: ")
    fixed = PASSPORT + "license: Открытая лицензия\n" + STRUCTURE + VERSIONS
    assert run_build(dataset_site({YAML_REL: fixed}, config=config)).code == 0


def test_column_names_must_be_latin_and_unique(
    dataset_site: Make, run_build: Callable[..., BuildRun]
) -> None:
    yaml = PASSPORT + "structure:\n  - {name: вопрос, title: Вопрос, type: string}\n" + VERSIONS
    assert "имя столбца «вопрос»" in one_error(run_build(dataset_site({YAML_REL: yaml})), "D129")
    yaml = (
        PASSPORT
        + "structure:\n  - {name: a, title: А, type: string}\n"
        + "  - {name: a, title: Б, type: string}\n"
        + VERSIONS
    )
    site = dataset_site({YAML_REL: yaml})
    run = run_build(site, out=site.parent / "o2")
    assert "столбец «a» описан в структуре дважды" in one_error(run, "D109")


def test_unknown_column_type(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    yaml = PASSPORT + "structure:\n  - {name: a, title: А, type: float}\n" + VERSIONS
    line = one_error(run_build(dataset_site({YAML_REL: yaml})), "G202")
    assert "structure[1].type" in line


def test_errors_in_a_file_are_capped(
    dataset_site: Make, run_build: Callable[..., BuildRun]
) -> None:
    rows = "".join(f"Вопрос,Да,x{n},1,2022-06-01\n" for n in range(100))
    errors = failed(run_build(dataset_site({CSV_REL: HEADER + rows})))
    assert len(errors) == 21
    assert (
        errors[-1]
        == f"{CSV_REL}:22: ошибка: с этой строки в файле ещё ошибок: 80 (не показаны) [D123]"
    )


def test_a_failed_build_keeps_the_previous_output(
    dataset_site: Make, run_build: Callable[..., BuildRun]
) -> None:
    site = dataset_site()
    good = run_build(site)
    assert good.code == 0, good.stderr
    meta = good.out / f"opendata/{INN}-survey-results/meta.csv"
    before = meta.read_bytes()
    (site / CSV_REL).write_text(
        HEADER + GOOD_ROWS + "Транспорт,Да,много,1,2022-06-01\n", encoding="utf-8"
    )
    bad = run_build(site)
    assert bad.code == 1 and "[D119]" in bad.stderr
    assert meta.read_bytes() == before


def test_stale_and_incomplete_sets_warn(
    dataset_site: Make, run_build: Callable[..., BuildRun]
) -> None:
    yaml = (
        PASSPORT.replace("valid: 2030-12-31", "valid: 2023-12-31").replace(
            "update_frequency: ежегодно\n", ""
        )
        + STRUCTURE
        + VERSIONS
    )
    run = run_build(dataset_site({YAML_REL: yaml}))
    assert run.code == 0, run.stderr
    assert "набор устарел: дата актуальности (valid) 2023-12-31 уже прошла [D110]" in run.stderr
    assert "не заполнено поле паспорта update_frequency" in run.stderr
    report = run_build(run.out.parent, "check", None, False, "--opendata")
    assert "[-] Дата актуальности 2023-12-31 прошла" in report.stdout
    assert "[-] Паспорт заполнен не полностью, не хватает: update_frequency" in report.stdout


def test_messages_in_english(dataset_site: Make, run_build: Callable[..., BuildRun]) -> None:
    rows = GOOD_ROWS.replace("Дороги,Нет,150,", "Дороги,Нет,15O,")
    run = run_build(dataset_site({CSV_REL: HEADER + rows}, config=CONFIG + "language: en\n"))
    assert run.code == 1
    assert (
        f"{CSV_REL}:5: error: column 3 'count': value '15O' is not a whole number [D119]"
        in run.stderr
    )
