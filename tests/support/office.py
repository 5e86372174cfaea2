"""Word and Excel documents for the import tests, made with python-docx and openpyxl.

The plans are rebuilt FROM the YAML of examples/sosnovsky and examples/verkhnyaya-pyshma
in the shapes real plans have (seeds 000 and 003): section rows merged across the table
or grouping columns merged down, multi-line cells, the heading row repeated, numbers in
their own column or at the start of the title. Importing them must give those YAML
files back: a round trip.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import yaml
from docx.document import Document
from docx.oxml import OxmlElement
from docx.table import Table

from tests.support import REPO_ROOT

SOSNOVSKY = (
    REPO_ROOT / "examples/sosnovsky/content/plans" / "plan-vzaimodeystviya-s-grazhdanami-2020.yaml"
)
PYSHMA = (
    REPO_ROOT / "examples/verkhnyaya-pyshma/content/plans" / "dorozhnaya-karta-otkrytosti-2018.yaml"
)
DEMO_REPORT = REPO_ROOT / "content/reports/levokumsky-2022-h1.yaml"


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class Flat:
    """One plan item with the titles of the sections it is in: what a round trip keeps."""

    sections: tuple[str, ...]
    id: str
    title: str
    deadline: str | None
    responsible: tuple[str, ...]
    expected_result: str | None


def flatten(plan: dict[str, Any]) -> list[Flat]:
    def walk(section: dict[str, Any], path: tuple[str, ...]) -> Iterator[Flat]:
        here = (*path, section["title"])
        for item in section.get("items", []):
            yield Flat(
                here,
                str(item["id"]),
                item["title"],
                item.get("deadline"),
                tuple(item.get("responsible", [])),
                item.get("expected_result"),
            )
        for sub in section.get("sections", []):
            yield from walk(sub, here)

    return [flat for top in plan["sections"] for flat in walk(top, ())]


# --- building tables ----------------------------------------------------------------------


@dataclass
class Grid:
    """Rows of texts (a list of lines, or None inside a merge) and the merges to make."""

    rows: list[list[list[str] | None]]
    merges: list[tuple[int, int, int, int]]
    header_rows: tuple[int, ...] = (0,)

    def add(self, cells: Sequence[list[str] | None]) -> int:
        self.rows.append(list(cells))
        return len(self.rows) - 1


def write_table(doc: Document, grid: Grid) -> Table:
    width = len(grid.rows[0])
    table: Table = doc.add_table(rows=len(grid.rows), cols=width)
    table.style = "Table Grid"
    for top, left, bottom, right in grid.merges:
        table.cell(top, left).merge(table.cell(bottom, right))
    for row, values in zip(table.rows, grid.rows, strict=True):
        cells = row.cells  # once per row: table.cell(r, c) walks the whole table each time
        for cell, value in zip(cells, values, strict=True):
            if value is not None:
                fill(cell, value)
    for r in grid.header_rows:
        tr_pr = table.rows[r]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
    return table


def fill(cell: Any, lines: list[str]) -> None:
    """Each line a paragraph of its own; a «\\n» inside a line is a manual line break."""
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def broken(text: str) -> list[str]:
    """A long text as Word wraps a narrow cell by hand: a line break after a colon or the
    middle comma, so the importer has to join the lines again."""
    if ": " in text:
        head, tail = text.split(": ", 1)
        return [head + ":\n" + tail]
    if ", " in text:
        head, tail = text.split(", ", 1)
        return [head + ",\n" + tail]
    return [text]


def stamp(doc: Document, act: dict[str, Any], title: str) -> None:
    """The approval stamp and the title above the table, as plans print them."""
    issuer = str(act["issuer"]).replace("Администрация", "администрации", 1)
    day = act["date"]
    doc.add_paragraph("УТВЕРЖДЕН")
    doc.add_paragraph(f"{act['kind']}ем {issuer}".replace("ениеем", "ением"))
    doc.add_paragraph(f"от {day:%d.%m.%Y} № {act['number']}")
    doc.add_paragraph("")
    doc.add_paragraph(title)


# --- the two plans in their shapes -----------------------------------------------------------


def plan_with_section_rows(plan: dict[str, Any], path: Path, numbers: str) -> Path:
    """Sections as rows merged across the table; numbers="column" puts ids in «№ п/п»,
    numbers="title" writes «N. » at the start of each title and «K. » before sections."""
    doc = docx.Document()
    stamp(doc, plan["approved_by"], plan["title"])
    heading = ["Мероприятие", "Ожидаемый результат", "Срок исполнения", "Ответственные"]
    if numbers == "column":
        heading = ["№ п/п", *heading]
    grid = Grid([[[h] for h in heading]], [])
    grid.add([[str(n)] for n in range(1, len(heading) + 1)])  # the «1 2 3 4 5» row
    width = len(heading)
    count = 0
    for index, top in enumerate(plan["sections"], start=1):
        label = f"{index}. {top['title']}" if numbers == "title" else top["title"]
        _section_row(grid, label, width)
        for item in top.get("items", []):
            count += 1
            _item_row(grid, item, numbers, count, heading)
        for sub in top.get("sections", []):
            _section_row(grid, sub["title"], width)
            run_start = len(grid.rows)
            for item in sub.get("items", []):
                count += 1
                _item_row(grid, item, numbers, count, heading)
            _merge_same_responsible(grid, run_start, width - 1)
    write_table(doc, grid)
    doc.save(str(path))
    return path


def _section_row(grid: Grid, title: str, width: int) -> None:
    row = grid.add([[title], *([None] * (width - 1))])
    grid.merges.append((row, 0, row, width - 1))


def _item_row(
    grid: Grid, item: dict[str, Any], numbers: str, count: int, heading: list[str]
) -> None:
    if count % 15 == 0:  # the heading typed again where a page of the paper began
        grid.add([[h] for h in heading])
    title = item["title"] + ";"  # seed 000 ends every measure with a semicolon
    if numbers == "title":
        title = f"{item['id'].split('.')[-1]}. {title}"
    cells: list[list[str] | None] = [
        broken(title),
        broken(item["expected_result"]) if item.get("expected_result") else [""],
        [item.get("deadline") or ""],
        list(item.get("responsible", [])),
    ]
    if numbers == "column":
        cells.insert(0, [item["id"]])
    grid.add(cells)


def _merge_same_responsible(grid: Grid, start: int, column: int) -> None:
    """Consecutive items with the same people share one cell merged down (seed 000, 1.1–1.3)."""
    row = start
    while row < len(grid.rows):
        end = row
        while (
            end + 1 < len(grid.rows)
            and grid.rows[end + 1][column] is not None
            and grid.rows[end + 1][column] == grid.rows[row][column]
            and len(grid.rows[end + 1]) == len(grid.rows[row])
        ):
            end += 1
        if end > row:
            grid.merges.append((row, column, end, column))
            for inner in range(row + 1, end + 1):
                grid.rows[inner][column] = None
        row = end + 1


def plan_with_group_columns(plan: dict[str, Any], path: Path) -> Path:
    """The shape of the real seeds: sections as columns merged down over their rows.

    A nested plan (seed 000) gets «Формы взаимодействия | Направление | Мероприятия |
    Срок | Ответственные» and no numbers at all; a flat one (seed 003) gets «№ |
    Механизмы | Мероприятие | Ожидаемый результат | Сроки исполнения | Ответственный»
    with the section's number merged in «№» and the item's in its title.
    """
    doc = docx.Document()
    stamp(doc, plan["approved_by"], plan["title"])
    nested = any(top.get("sections") for top in plan["sections"])
    if nested:
        heading = ["Формы взаимодействия", "Направление", "Мероприятия", "Срок", "Ответственные"]
    else:
        heading = ["№", "Механизмы (инструменты) открытости", "Мероприятие"]
        heading += ["Ожидаемый результат", "Сроки исполнения", "Ответственный"]
    grid = Grid([[[h] for h in heading]], [])
    for index, top in enumerate(plan["sections"], start=1):
        first = len(grid.rows)
        if nested:
            for sub in top["sections"]:
                sub_first = len(grid.rows)
                for item in sub["items"]:
                    title = broken(item["title"] + ";")
                    deadline = [item.get("deadline") or ""]
                    grid.add([None, None, title, deadline, list(item.get("responsible", []))])
                _merge_down(grid, sub_first, 1, [sub["title"]])
            _merge_down(grid, first, 0, [top["title"]])
        else:
            for item in top["items"]:
                number = item["id"].split(".")[-1]
                title = broken(f"{number}. {item['title']}")
                expected = broken(item.get("expected_result") or "")
                deadline = [item.get("deadline") or ""]
                grid.add([None, None, title, expected, deadline, list(item.get("responsible", []))])
            _merge_down(grid, first, 0, [f"{index}."])
            _merge_down(grid, first, 1, [top["title"]])
    write_table(doc, grid)
    doc.save(str(path))
    return path


def _merge_down(grid: Grid, first: int, column: int, text: list[str]) -> None:
    last = len(grid.rows) - 1
    grid.rows[first][column] = text
    if last > first:
        grid.merges.append((first, column, last, column))


# --- the report (seed 004) -------------------------------------------------------------------

DEMO_PLAN = REPO_ROOT / "content/plans/levokumsky-open-government.yaml"
STATUS_WORDS = {
    "done": "выполнено",
    "in_progress": "выполняется",
    "not_done": "не выполнено",
    "not_started": "не начато",
    "no_data": "",
}


def report_docx(path: Path, with_status: bool = False, extra_rows: int = 0) -> Path:
    """The demo report as seed 004 prints it: «6» heads the unnumbered rows 6.1 … 6.5;
    the people and, in brackets, the deadline share a cell; empty cells where the
    administration gave no information. with_status adds a «Статус» column."""
    report, plan = load(DEMO_REPORT), load(DEMO_PLAN)
    items = {str(i["id"]): i for top in plan["sections"] for i in top.get("items", [])}
    sections = {
        str(i["id"]).split(".")[0]: top["title"]
        for top in plan["sections"]
        for i in top.get("items", [])
    }
    doc = docx.Document()
    doc.add_paragraph(report["title"])
    heading = ["№ п/п", "Наименование мероприятия"]
    heading += [
        "Ответственные исполнители,\n( срок исполнения)",
        "Информация о проведении мероприятия",
    ]
    if with_status:
        heading.append("Статус")
    grid = Grid([[[h] for h in heading]], [])
    grid.add([[str(n)] for n in range(1, len(heading) + 1)])
    opened: set[str] = set()
    for entry in report["entries"]:
        item_id = str(entry["item"])
        head, _, sub = item_id.partition(".")
        if sub and head not in opened:
            opened.add(head)
            grid.add([[head], [sections[head]], [""], [""], *([[""]] if with_status else [])])
        people = list(entry.get("responsible", []))
        deadline = items[item_id].get("deadline")
        # a paragraph of the YAML text is one paragraph of the cell, its lines unwrapped
        text = [" ".join(p.split()) for p in str(entry.get("text") or "").split("\n\n")]
        text = [p for p in text if p]
        row: list[list[str] | None] = [
            [""] if sub else [item_id],
            broken(items[item_id]["title"]),
            [*people, "", f"({deadline})"] if deadline else people,
            text or [""],
        ]
        if with_status:
            row.append([STATUS_WORDS[entry["status"]]])
        grid.add(row)
    for n in range(extra_rows):
        grid.add(
            [
                [str(90 + n)],
                ["Мероприятие, которого нет в плане"],
                ["Отдел связи (сектор)"],
                ["Проведено."],
                *([[""]] if with_status else []),
            ]
        )
    write_table(doc, grid)
    doc.save(str(path))
    return path


# --- running the command ---------------------------------------------------------------------


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def run_import(capsys: Any, *argv: str) -> Ran:
    """`build.py import …` in-process, with what it printed."""
    from glasnost.cli import main

    capsys.readouterr()
    code = main(["import", *argv])
    captured = capsys.readouterr()
    return Ran(code, captured.out, captured.err)


def demo_copy(target: Path) -> Path:
    """The demo site without the rest of the repository: config, content, templates."""
    import shutil

    target.mkdir(parents=True)
    shutil.copy(REPO_ROOT / "site_config.yaml", target / "site_config.yaml")
    shutil.copytree(REPO_ROOT / "content", target / "content")
    if (REPO_ROOT / "templates").is_dir():
        shutil.copytree(REPO_ROOT / "templates", target / "templates")
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes: to prove an import changed nothing."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def encrypted_office_file(path: Path) -> Path:
    """What Word writes for a password-protected .docx/.xlsx: an OLE compound file holding
    the EncryptionInfo and EncryptedPackage streams (names in UTF-16 in its directory)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = "EncryptionInfo".encode("utf-16-le") + bytes(50)
    directory += "EncryptedPackage".encode("utf-16-le") + bytes(50)
    path.write_bytes(header + directory + bytes(1024))
    return path


def old_binary_file(path: Path) -> Path:
    """An old .doc: the same OLE signature, but a WordDocument stream and no encryption."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    path.write_bytes(header + "WordDocument".encode("utf-16-le") + bytes(1024))
    return path
