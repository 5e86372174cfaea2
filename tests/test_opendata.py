"""Open data as published: the files of the methodical recommendations (3.0), read back
with csv and json as a monitoring robot would, the pages as a reader sees them, the
compliance report, feeds and JSON copies, and the checker's bounded memory."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser  # type: ignore[import-untyped]
import jsonschema  # type: ignore[import-untyped]
import pytest
from lxml import html as lxml_html  # type: ignore[import-untyped]
from playwright.sync_api import Page

from tests.conftest import REPO, BuildRun
from tests.fixtures.spine.checks import build_site
from tests.support.browser import axe_violations, format_violations
from tests.support.server import serve_directory
from tests.support.vnu import vnu_errors

DEMO_BASE = "https://levokumka.example.ru"
TEST_BASE = "https://test.example.ru"
INN = "2613000000"
STANDARD = "http://opendata.gosmonitor.ru/standard/3.0"
META_KEYS = [
    "standardversion",
    "identifier",
    "title",
    "description",
    "creator",
    "created",
    "modified",
    "subject",
    "format",
    "provenance",
    "valid",
    "publishername",
    "publisherphone",
    "publishermbox",
]
CONFIG = f"""\
title: Администрация Тестового района
base_url: {TEST_BASE}/
inn: "{INN}"
contacts: {{email: info@test.example.ru, phone: "8 (800) 000-00-00"}}
opendata:
  license: Свободное использование с указанием источника
"""
REGISTER_YAML = """\
title: Реестр муниципальных учреждений
description: Учреждения района с датой открытия и числом сотрудников.
creator: Администрация Тестового района
subject: [учреждения, реестр]
publisher: {name: Петрова А.А., phone: "+78000000000", email: opendata@test.example.ru}
created: 2025-01-15
valid: 2030-12-31
update_frequency: ежегодно
structure:
  - {name: id, title: Номер, type: integer, required: true}
  - {name: name, title: Наименование, type: string, description_en: Name of the institution}
  - {name: staff, title: Число сотрудников, type: integer}
  - {name: budget, title: "Бюджет, тыс. руб.", type: number}
  - {name: opened, title: Дата открытия, type: date}
  - {name: active, title: Действует, type: boolean}
versions:
  - {date: 2025-01-15, file: data-20250115.csv, provenance: Первая публикация}
  - {date: 2026-03-01, file: data-20260301.csv, provenance: Добавлены учреждения,
     structure: 2026-03-01}
"""
REGISTER_V1 = "id,name,staff,budget,opened,active\n1,Школа № 1,52,1200.5,1975-09-01,true\n"
REGISTER_V2 = (
    "id,name,staff,budget,opened,active\n"
    "1,Школа № 1,54,1300.25,1975-09-01,true\n"
    '2,"Детский сад ""Солнышко"", корпус 2",,,2001-06-01,да\n'
    "3,Библиотека,7,-3.5e2,,нет\n"
)


# -- helpers ---------------------------------------------------------------------------------


@dataclass
class Built(BuildRun):
    """A build of a site, with the readers these tests need for CSV, URLs and pages."""

    site: Path = Path()

    def rows(self, rel: str) -> list[list[str]]:
        with (self.out / rel).open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle, strict=True))

    def local(self, url: str, base: str) -> Path:
        """The output file an absolute URL of the site points to."""
        assert url.startswith(base + "/"), url
        return self.out / url.removeprefix(base + "/")

    def page(self, rel: str) -> Any:
        return lxml_html.fromstring(self.read(rel))


def build_quiet(site: Path, command: str = "build", *extra: str) -> Built:
    """build.py in-process with the fixed clock, for module-scoped fixtures."""
    run = build_site(site, site / "output", *extra, command=command)
    return Built(run.code, run.stderr, run.stdout, run.out, site)


def write_site(root: Path, files: dict[str, str | bytes], config: str = CONFIG) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "site_config.yaml").write_text(config, encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def register_files(**extra: str | bytes) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "content/datasets/institutions/dataset.yaml": REGISTER_YAML,
        "content/datasets/institutions/data-20250115.csv": REGISTER_V1,
        "content/datasets/institutions/data-20260301.csv": REGISTER_V2,
    }
    files.update(extra)
    return files


def rdfa(element: Any) -> str:
    """The value an RDFa Lite reader takes from an element with @property."""
    if element.tag == "a":
        return str(element.get("href"))
    if element.tag == "time":
        return str(element.get("datetime"))
    return " ".join(element.text_content().split())


def table_problems(page: Any) -> Iterator[str]:
    for table in page.iter("table"):
        if not table.findall("caption"):
            yield "a table without caption"
        for th in table.iter("th"):
            if th.get("scope") not in ("col", "row"):
                yield f"th without scope: {th.text_content()!r}"


# -- the demo's sets -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The demo's two sets with what their descriptions link to (reports, plans)."""
    site = tmp_path_factory.mktemp("demo") / "site"
    site.mkdir()
    shutil.copy(REPO / "site_config.yaml", site)
    for folder in ("datasets", "reports", "plans"):
        shutil.copytree(REPO / "content" / folder, site / "content" / folder)
    built = build_quiet(site)
    assert built.code == 0, built.stderr
    return built


@pytest.mark.parametrize(
    ("code", "created", "structure", "rows"),
    [
        ("survey-results", "20210527", "20210527", 24),
        ("activity-indicators", "20220715", "20220715", 15),
    ],
)
def test_demo_meta_csv_carries_every_row(
    demo: Built, code: str, created: str, structure: str, rows: int
) -> None:
    ident = f"{INN}-{code}"
    meta = demo.rows(f"opendata/{ident}/meta.csv")
    assert meta[0] == ["property", "value"]
    assert all(len(row) == 2 for row in meta)
    data_key = f"data-20220715-structure-{structure}"
    assert [row[0] for row in meta[1:]] == [*META_KEYS, data_key, f"structure-{structure}"]
    values = dict(meta[1:])
    assert values["standardversion"] == STANDARD
    assert values["identifier"] == ident
    assert values["created"] == created
    assert values["modified"] == "20220715"
    assert values["valid"] == "20271231"
    assert values["format"] == "csv"
    assert values["publishermbox"] == "opendata@levokumka.example.ru"
    assert "," in values["subject"] and "[" not in values["subject"]
    assert "](" not in values["description"], "the description is published as text, not Markdown"
    for key in (data_key, f"structure-{structure}"):
        assert values[key] == f"{DEMO_BASE}/opendata/{ident}/{key}.csv"
        assert demo.local(values[key], DEMO_BASE).is_file(), key
    data = demo.rows(f"opendata/{ident}/{data_key}.csv")
    assert len(data) == rows + 1
    source = REPO / "content" / "datasets" / code / "data-20220715.csv"
    assert demo.local(values[data_key], DEMO_BASE).read_bytes() == source.read_bytes()


def test_demo_meta_json_matches_meta_csv(demo: Built) -> None:
    ident = f"{INN}-survey-results"
    meta = demo.json(f"opendata/{ident}/meta.json")
    values = dict(demo.rows(f"opendata/{ident}/meta.csv")[1:])
    for key in META_KEYS[: META_KEYS.index("valid") + 1]:  # the flat passport fields
        assert meta[key] == values[key], key
    assert meta["publisher"] == {
        "name": values["publishername"],
        "phone": values["publisherphone"],
        "mbox": values["publishermbox"],
    }
    assert meta["data"] == [
        {
            "source": values["data-20220715-structure-20210527"],
            "created": "20220715",
            "provenance": values["provenance"],
            "valid": "20271231",
            "structure": "20210527",
        }
    ]
    assert meta["structure"] == [{"source": values["structure-20210527"], "created": "20210527"}]


def test_demo_structure_file(demo: Built) -> None:
    rows = demo.rows(f"opendata/{INN}-survey-results/structure-20210527.csv")
    assert rows[0] == ["field name", "english description", "russian description", "format"]
    assert rows[1:] == [
        ["question_no", "question_no", "Номер вопроса", "integer"],
        ["question", "question", "Вопрос", "string"],
        ["answer", "answer", "Ответ", "string"],
        ["count", "count", "Число ответивших", "integer"],
        ["respondents", "respondents", "Всего участников голосования в округе", "integer"],
    ]
    raw = (demo.out / f"opendata/{INN}-survey-results/structure-20210527.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")


def test_demo_registry_list_csv_and_json(demo: Built) -> None:
    rows = demo.rows("opendata/list.csv")
    assert rows[0] == ["property", "title", "value", "format"]
    assert rows[1][0] == "standardversion" and rows[1][2] == STANDARD
    sets = {row[0]: row for row in rows[2:]}
    assert set(sets) == {f"{INN}-survey-results", f"{INN}-activity-indicators"}
    for ident, row in sets.items():
        assert row[2] == f"{DEMO_BASE}/opendata/{ident}/meta.csv" and row[3] == "csv"
        assert demo.local(row[2], DEMO_BASE).is_file()
    listed = demo.json("opendata/list.json")
    assert listed["standardversion"] == STANDARD
    assert {m["identifier"] for m in listed["meta"]} == set(sets)
    for entry in listed["meta"]:
        assert (
            json.loads(demo.local(entry["link"], DEMO_BASE).read_text(encoding="utf-8"))[
                "identifier"
            ]
            == entry["identifier"]
        )


def test_demo_opendata_page(demo: Built) -> None:
    page = demo.page("opendata/index.html")
    text = " ".join(page.text_content().split())
    assert "Открытые данные" in page.findtext(".//h1")
    assert "2 набора данных" in text
    assert "Как запросить набор данных" in text and "info@levokumka.example.ru" in text
    assert "Условия использования" in text and "Свободное использование" in text
    links = {a.get("href") for a in page.iter("a")}
    assert {f"/opendata/{INN}-survey-results/", f"/opendata/{INN}-activity-indicators/"} <= links
    assert {"/opendata/list.csv", "/opendata/list.json", "/opendata/data.json"} <= links
    assert list(table_problems(page)) == []


def test_demo_passport_page_rdfa_and_tables(demo: Built) -> None:
    ident = f"{INN}-survey-results"
    page = demo.page(f"opendata/{ident}/index.html")
    article = page.find(".//article")
    assert "dc: http://purl.org/dc/terms/" in article.get("prefix")
    props = {el.get("property"): rdfa(el) for el in article.iter() if el.get("property")}
    assert props["dc:identifier"] == ident
    assert props["dc:created"] == "2021-05-27" and props["dc:valid"] == "2027-12-31"
    assert (
        props["dc:source"] == f"{DEMO_BASE}/opendata/{ident}/data-20220715-structure-20210527.csv"
    )
    assert props["dc:conformsTo"] == f"{DEMO_BASE}/opendata/{ident}/structure-20210527.csv"
    publisher = next(el for el in article.iter() if el.get("property") == "dc:publisher")
    assert publisher.get("typeof") == "foaf:Person"
    inner = {
        el.get("property"): rdfa(el) for el in publisher.iterdescendants() if el.get("property")
    }
    assert inner == {
        "foaf:name": "Бегишева Н.А.",
        "foaf:phone": "tel:+78654300000",
        "foaf:mbox": "mailto:opendata@levokumka.example.ru",
    }
    passport = page.find(".//table[@class='passport']")
    numbers = [row.find("td").text for row in passport.iter("tr") if row.find("td") is not None]
    assert numbers == [str(n) for n in range(1, 19)]
    assert "Идентификационный номер (код) набора данных" in passport.text_content()
    preview = page.find(".//table[@class='data-table']")
    assert len(preview.findall("./tbody/tr")) == 24
    heads = [th.text_content() for th in preview.findall("./thead/tr/th")]
    assert heads[0].startswith("Номер вопроса") and "question_no" in heads[0]
    assert list(table_problems(page)) == []
    text = " ".join(page.text_content().split())
    assert "Условия использования" in text and "Свободное использование" in text
    assert "Дата актуальности набора данных" in text and "31 декабря 2027 г." in text


def test_demo_home_block_counts_sets(demo: Built) -> None:
    block = demo.page("index.html").find(".//section[@aria-labelledby='home-opendata']")
    assert block is not None
    text = " ".join(block.text_content().split())
    assert "2 набора данных" in text
    assert "/opendata/" in {a.get("href") for a in block.iter("a")}


def test_demo_compliance_report(demo: Built) -> None:
    report = build_quiet(demo.site, "check", "--opendata")
    assert report.code == 0, report.stderr
    text = report.stdout
    for ident in (f"{INN}-survey-results", f"{INN}-activity-indicators"):
        assert f"{ident} — " in text
    assert "[+] Идентификатор начинается с ИНН организации" in text
    assert "[+] Паспорт заполнен полностью" in text
    assert "[+] Данные соответствуют структуре" in text
    # The demo is clean: every requirement met, nothing stale under the fixed clock.
    assert "[+] Дата актуальности 2027-12-31 не прошла" in text
    assert "[-]" not in text
    assert "невыполненных требований 0" in text
    assert "[D110]" not in report.stderr


def test_demo_links_to_sets_resolve(tmp_path: Path) -> None:
    """The whole demo: whatever else is wrong in it, no link to open data is broken."""
    site = tmp_path / "demo"
    shutil.copytree(
        REPO,
        site,
        ignore=shutil.ignore_patterns(
            "output",
            ".glasnost-cache",
            ".git",
            ".venv",
            "node_modules",
            "tests",
            "bench",
            "examples",
            "tools",
        ),
    )
    checked = build_quiet(site, "check")
    broken = [
        line for line in checked.stderr.splitlines() if "/opendata/" in line and "ошибка" in line
    ]
    mine = [
        line
        for line in checked.stderr.splitlines()
        if "content/datasets/" in line and "ошибка" in line
    ]
    assert broken == [] and mine == [], checked.stderr


# -- a set with two versions, every type -----------------------------------------------------


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = write_site(
        tmp_path_factory.mktemp("register") / "site",
        register_files(
            **{
                "content/pages/about.md": "---\ntitle: О сайте\npublished: 2021-01-01\n---\n\n"
                f"[Реестр](/opendata/{INN}-institutions/meta.csv), [все](/opendata/list.csv).\n",
            }
        ),
    )
    built = build_quiet(site)
    assert built.code == 0, built.stderr
    assert "предупреждений: 0" in built.stderr, built.stderr
    return built


def test_versions_and_structures_in_meta(register: Built) -> None:
    ident = f"{INN}-institutions"
    values = dict(register.rows(f"opendata/{ident}/meta.csv")[1:])
    assert values["modified"] == "20260301" and values["provenance"] == "Добавлены учреждения"
    keys = list(values)[len(META_KEYS) :]
    assert keys == [
        "data-20250115-structure-20250115",
        "data-20260301-structure-20260301",
        "structure-20250115",
        "structure-20260301",
    ]
    meta = register.json(f"opendata/{ident}/meta.json")
    # The older version was current until the newer one replaced it.
    assert [(d["created"], d["valid"], d["structure"]) for d in meta["data"]] == [
        ("20250115", "20260301", "20250115"),
        ("20260301", "20301231", "20260301"),
    ]
    rows = register.rows(f"opendata/{ident}/data-20260301-structure-20260301.csv")
    assert rows[2] == ["2", 'Детский сад "Солнышко", корпус 2', "", "", "2001-06-01", "да"]
    structure = register.rows(f"opendata/{ident}/structure-20260301.csv")
    assert structure[2] == ["name", "Name of the institution", "Наименование", "string"]


def test_datapackage_and_dcat(register: Built) -> None:
    ident = f"{INN}-institutions"
    package = register.json(f"opendata/{ident}/datapackage.json")
    assert package["profile"] == "tabular-data-package" and package["name"] == ident
    assert [r["path"] for r in package["resources"]] == [
        "data-20260301-structure-20260301.csv",
        "data-20250115-structure-20250115.csv",
    ]
    fields = package["resources"][0]["schema"]["fields"]
    assert [(f["name"], f["type"]) for f in fields] == [
        ("id", "integer"),
        ("name", "string"),
        ("staff", "integer"),
        ("budget", "number"),
        ("opened", "date"),
        ("active", "boolean"),
    ]
    assert fields[0]["constraints"] == {"required": True}
    assert "да" in fields[5]["trueValues"] and "нет" in fields[5]["falseValues"]
    for resource in package["resources"]:
        assert (register.out / "opendata" / ident / resource["path"]).is_file()
    catalog = register.json("opendata/data.json")
    assert catalog["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    (entry,) = catalog["dataset"]
    assert entry["identifier"] == ident and entry["accrualPeriodicity"] == "R/P1Y"
    assert entry["contactPoint"]["hasEmail"] == "mailto:opendata@test.example.ru"
    for distribution in entry["distribution"]:
        assert register.local(distribution["downloadURL"], TEST_BASE).is_file()


def test_feed_has_an_entry_per_version(register: Built) -> None:
    feed = feedparser.parse(register.read("opendata/atom.xml"))
    page = f"{TEST_BASE}/opendata/{INN}-institutions/"
    assert sorted(e.id for e in feed.entries) == [page + "#v20250115", page + "#v20260301"]
    html = register.read(f"opendata/{INN}-institutions/index.html")
    assert 'id="v20250115"' in html and 'id="v20260301"' in html


def test_json_copy_follows_its_schema(register: Built) -> None:
    doc = register.json(f"opendata/{INN}-institutions/index.json")
    schema = register.json("schema/dataset.json")
    jsonschema.validate(doc, schema)
    computed = doc["computed"]
    assert computed["identifier"] == f"{INN}-institutions"
    assert [(v["date"], v["rows"]) for v in computed["versions"]] == [
        ("2025-01-15", 1),
        ("2026-03-01", 3),
    ]
    assert computed["stale"] is False
    assert doc["type"] == "dataset" and doc["url"] == f"{TEST_BASE}/opendata/{INN}-institutions/"


def test_page_shows_history_preview_and_structure(register: Built) -> None:
    page = register.page(f"opendata/{INN}-institutions/index.html")
    tables = page.findall(".//table")
    captions = [" ".join(t.find("caption").text_content().split()) for t in tables]
    assert any("Версии данных" in c for c in captions)
    preview = page.find(".//table[@class='data-table']")
    assert [td.text_content() for td in preview.findall("./tbody/tr")[1]] == [
        "2",
        'Детский сад "Солнышко", корпус 2',
        "",
        "",
        "2001-06-01",
        "да",
    ]
    assert list(table_problems(page)) == []


def test_pages_pass_axe(register: Built, page: Page) -> None:
    with serve_directory(register.out) as base:
        for path in ("/opendata/", f"/opendata/{INN}-institutions/", "/"):
            violations = axe_violations(page, base + path)
            assert not violations, format_violations(violations, path)


def test_markdown_links_to_published_files(register: Built) -> None:
    html = register.read("about/index.html")
    assert f'href="/opendata/{INN}-institutions/meta.csv"' in html


def test_clean_set_gets_a_clean_report(register: Built) -> None:
    report = build_quiet(register.site, "check", "--opendata")
    assert report.code == 0
    assert "[-]" not in report.stdout and "[!]" not in report.stdout, report.stdout
    assert "невыполненных требований 0" in report.stdout


# -- preview, normalisation, starter, language ----------------------------------------------


def test_preview_shows_the_first_100_rows(tmp_path: Path) -> None:
    rows = "".join(f"{n},Учреждение {n},{n},{n}.5,2020-01-01,true\n" for n in range(1, 251))
    site = write_site(
        tmp_path / "site",
        {
            "content/datasets/institutions/dataset.yaml": REGISTER_YAML.split("versions:")[0]
            + "versions:\n  - {date: 2025-01-15, file: data.csv, provenance: Первая публикация}\n",
            "content/datasets/institutions/data.csv": "id,name,staff,budget,opened,active\n" + rows,
        },
    )
    built = build_quiet(site)
    assert built.code == 0, built.stderr
    page = built.page(f"opendata/{INN}-institutions/index.html")
    preview = page.find(".//table[@class='data-table']")
    body = preview.findall("./tbody/tr")
    assert len(body) == 100
    assert body[-1].find("td").text == "100"
    assert "1–100 из 250" in preview.find("caption").text_content()
    assert (
        len(built.rows(f"opendata/{INN}-institutions/data-20250115-structure-20250115.csv")) == 251
    )


@pytest.mark.parametrize(
    "raw",
    [
        b"\xef\xbb\xbfid,name,staff,budget,opened,active\r\n1,\xd0\xa8\xd0\xba\xd0\xbe\xd0\xbb\xd0\xb0,1,1,,true\r\n\r\n",
        b"id,name,staff,budget,opened,active\r1,A,1,1,,true\r2,B,2,2,,false\r",
        b"id,name,staff,budget,opened,active\n1,A,1,1,,true\r\n2,B,2,2,,false\n",
    ],
    ids=["bom-crlf-blank", "cr-only", "mixed-endings"],
)
def test_files_not_in_rfc4180_form_are_normalised(tmp_path: Path, raw: bytes) -> None:
    yaml = (
        REGISTER_YAML.split("versions:")[0] + "versions:\n  - {date: 2025-01-15, file: data.csv}\n"
    )
    site = write_site(
        tmp_path / "site",
        {
            "content/datasets/institutions/dataset.yaml": yaml,
            "content/datasets/institutions/data.csv": raw,
        },
    )
    built = build_quiet(site)
    assert built.code == 0, built.stderr
    published = built.out / f"opendata/{INN}-institutions/data-20250115-structure-20250115.csv"
    data = published.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == data.count(b"\n") == data.count(b"\r")
    rows = built.rows(published.relative_to(built.out).as_posix())
    assert rows[0] == ["id", "name", "staff", "budget", "opened", "active"]
    assert all(len(r) == 6 for r in rows)
    report = build_quiet(site, "check", "--opendata")
    assert "при публикации приведены к RFC 4180: data.csv" in report.stdout


def test_new_dataset_starter_builds(
    tmp_path: Path, run_build: Callable[..., BuildRun], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = write_site(tmp_path / "site", {})
    created = run_build(site, "new", None, False, "dataset", "Реестр объектов спорта")
    assert created.code == 0, created.stderr
    path = site / "content/datasets/reestr-obektov-sporta/dataset.yaml"
    assert path.is_file()
    # `new` dates the set today: build with today's clock, or it would wait for its date.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time())))
    built = run_build(site)
    assert built.code == 0, built.stderr
    assert "[D103]" in built.stderr  # no version yet: a warning, not an error
    ident = f"{INN}-reestr-obektov-sporta"
    page = (built.out / f"opendata/{ident}/index.html").read_text(encoding="utf-8")
    assert "Данные пока не опубликованы" in page
    values = dict(list(csv.reader(io.StringIO(built.read(f"opendata/{ident}/meta.csv"))))[1:])
    assert [k for k in values if k.startswith(("data-", "structure-"))] == [
        f"structure-{values['created']}"
    ]
    assert values["provenance"] == ""


@pytest.mark.vnu
def test_dataset_pages_are_valid_html(
    register: Built, tmp_path: Path, run_build: Callable[..., BuildRun]
) -> None:
    """A set with versions of every column type, and a new set with no data yet (the demo's
    sets are checked with the whole demo in tests/test_examples.py)."""
    site = write_site(tmp_path / "site", {})
    assert run_build(site, "new", None, False, "dataset", "Реестр объектов спорта").code == 0
    starter = run_build(site)
    assert starter.code == 0, starter.stderr
    pages = [
        register.out / f"opendata/{INN}-institutions/index.html",
        starter.out / f"opendata/{INN}-reestr-obektov-sporta/index.html",
    ]
    assert vnu_errors(pages) == []


def test_site_without_sets_publishes_an_empty_registry(tmp_path: Path) -> None:
    config = CONFIG.replace(f'inn: "{INN}"\n', "")  # no sets: the INN is not needed
    built = build_quiet(write_site(tmp_path / "site", {}, config))
    assert built.code == 0, built.stderr
    assert built.rows("opendata/list.csv") == [
        ["property", "title", "value", "format"],
        ["standardversion", "Версия методических рекомендаций", STANDARD, ""],
    ]
    assert built.json("opendata/list.json")["meta"] == []
    assert built.json("opendata/data.json")["dataset"] == []
    assert "0 наборов данных" in " ".join(built.page("opendata/index.html").text_content().split())


def test_english_site(tmp_path: Path) -> None:
    config = CONFIG + "language: en\n"
    built = build_quiet(write_site(tmp_path / "site", register_files(), config))
    assert built.code == 0, built.stderr
    text = " ".join(built.page("opendata/index.html").text_content().split())
    assert "Published: 1 data set" in text and "How to ask for a data set" in text
    page = built.read(f"opendata/{INN}-institutions/index.html")
    assert "Passport of the open data set" in page
    assert "Version of the recommendations" in built.read("opendata/list.csv")


# -- the checker's memory --------------------------------------------------------------------

_MEMORY_PROBE = textwrap.dedent(
    """
    import csv, gc, importlib.util, resource, sys
    from pathlib import Path

    def peak_kib():
        # VmHWM is this process's own peak; ru_maxrss would carry over exec() the peak of
        # the pytest process that forked us, hiding everything below it.
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def reset_peak():
        try:
            Path("/proc/self/clear_refs").write_text("5")  # Linux: peak := current RSS
        except OSError:
            pass

    # The module alone (not its package, which imports the whole site generator).
    spec = importlib.util.spec_from_file_location("csvcheck", "glasnost/types/dataset/csvcheck.py")
    csvcheck = importlib.util.module_from_spec(spec)
    sys.modules["csvcheck"] = csvcheck
    spec.loader.exec_module(csvcheck)
    columns = [csvcheck.ColumnSpec("id", "integer", True), csvcheck.ColumnSpec("name", "string"),
               csvcheck.ColumnSpec("amount", "number"), csvcheck.ColumnSpec("day", "date")]
    path = Path(sys.argv[1])
    gc.collect()
    reset_peak()
    before = peak_kib()
    result = csvcheck.check_csv(path, columns, preview=100)
    streamed = peak_kib() - before
    assert result.ok and result.rows == int(sys.argv[2]), (result.problems, result.rows)
    # The control: the same file read whole, as a careless checker would.
    reset_peak()
    before = peak_kib()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    whole = peak_kib() - before
    print(streamed, whole, len(rows))
    """
)


def test_checker_reads_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("id,name,amount,day\n")
        while out.tell() < 5 * 1024 * 1024:
            out.write(f"{count},Учреждение № {count},{count}.25,2022-01-{count % 28 + 1:02d}\n")
            count += 1
    probe = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(path), str(count)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
    streamed_kib, whole_kib, rows = map(int, probe.stdout.split()[-3:])
    assert rows == count + 1, probe.stdout
    # Reading the 5 MB file whole costs tens of MB; streaming it, about nothing.
    assert whole_kib > 20 * 1024, f"the control did not register: {whole_kib} KiB"
    assert streamed_kib < 3 * 1024, f"checking a 5 MB file raised peak RSS by {streamed_kib} KiB"
