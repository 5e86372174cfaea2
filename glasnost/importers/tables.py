"""Reading the tables of a Word document (python-docx) as rows of cells named by role.

Plans and reports arrive as Word tables whose heading row names the columns in words
(«№ п/п», «Мероприятие», «Срок исполнения», «Ответственные»). This module finds that
row, gives every column a role from the words in its heading, and yields the rows
below it with each cell's text and identity. The identity of a cell tells merges
apart: python-docx returns the same cell for every grid column a horizontally merged
cell covers and for every row a vertically merged cell spans.

Skipped on the way, because Word documents carry them: the heading row repeated on
every page (marked as a header row or just typed again) and the row of column numbers
(«1 2 3 4 5») that Russian forms put under the heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

from glasnost.i18n import choose
from glasnost.importers.common import Context, ImportFailed, check_office_file


@dataclass(frozen=True)
class Role:
    """A kind of column and the heading words that name it (lower case, ё as е)."""

    name: str
    label: str  # how messages call it
    words: tuple[str, ...]
    required: bool = False


@dataclass(frozen=True)
class Cell:
    text: str
    element: object = field(compare=False, repr=False)  # the w:tc; kept so its id stays its own

    @property
    def key(self) -> int:
        """The same for every grid position one merged cell covers."""
        return id(self.element)


@dataclass(frozen=True)
class Row:
    cells: dict[str, Cell]  # by role name; a role with two columns keeps the first
    groups: tuple[Cell, ...]  # the grouping columns ("Формы взаимодействия", …), left first
    spans_table: bool  # one cell covers the whole row, or only one cell has text: a heading
    place: str  # «таблица 1, строка 5»
    table: int

    def text(self, role: str) -> str:
        cell = self.cells.get(role)
        return cell.text if cell is not None else ""

    @property
    def heading(self) -> str:
        """The text of a heading row, whichever cell holds it."""
        return next((c.text for c in self.cells.values() if clean(c.text)), "")


GROUP = "group"  # the role of columns that group the rows into sections


def open_document(ctx: Context) -> Document:
    check_office_file(ctx, ".docx")
    try:
        return docx.Document(str(ctx.source))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors …
        raise ctx.fail("I003", expected=".docx") from exc


def place(ctx: Context, table: int, row: int) -> str:
    words = choose(("таблица {table}, строка {row}", "table {table}, row {row}"), ctx.language)
    return words.format(table=table, row=row)


def clean(text: str) -> str:
    """One line: line breaks and runs of spaces (non-breaking too) become one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def lines(text: str) -> list[str]:
    """The non-empty lines of a cell, each with its spaces tidied."""
    return [clean(line) for line in text.splitlines() if clean(line)]


def heading_words(text: str) -> str:
    return clean(text).lower().replace("ё", "е")


def role_of(heading: str, roles: Sequence[Role]) -> str | None:
    words = heading_words(heading)
    if not words:
        return None
    for role in roles:
        if any(word in words for word in role.words):
            return role.name
    return None


def _is_header_row(row: _Row) -> bool:
    """Word's «Повторять как заголовок на каждой странице» (w:tblHeader)."""
    tr_pr = row._tr.trPr
    return tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None


def _row_cells(row: _Row) -> list[Cell]:
    return [Cell(cell.text, cell._tc) for cell in row.cells]


def _column_numbers(cells: list[Cell]) -> bool:
    """The «1 2 3 4 5» row under a form's heading."""
    texts = [clean(c.text) for c in _distinct(cells)]
    return len(texts) > 1 and texts == [str(n) for n in range(1, len(texts) + 1)]


def _distinct(cells: list[Cell]) -> list[Cell]:
    seen: set[int] = set()
    out: list[Cell] = []
    for cell in cells:
        if cell.key not in seen:
            seen.add(cell.key)
            out.append(cell)
    return out


@dataclass(frozen=True)
class Layout:
    """The columns of a recognised table: role per grid column, and the heading's texts."""

    roles: tuple[str | None, ...]
    heading: tuple[str, ...]


def _layout(cells: list[Cell], roles: Sequence[Role]) -> Layout:
    names = tuple(role_of(c.text, roles) for c in cells)
    return Layout(names, tuple(clean(c.text) for c in cells))


def _recognised(layout: Layout, roles: Sequence[Role]) -> bool:
    required = {r.name for r in roles if r.required}
    return required <= set(layout.roles) and sum(1 for r in layout.roles if r) >= 2


def find_layout(ctx: Context, doc: Document, roles: Sequence[Role], kind: str) -> Layout:
    """The heading of the first table that names the columns; a clear error otherwise."""
    tables = doc.tables
    if not tables:
        raise ctx.fail("I101", kind=kind)
    known = ", ".join(f"«{r.label}»" for r in roles)
    first_heading: Layout | None = None
    for number, table in enumerate(tables, start=1):
        for row in table.rows[:3]:
            layout = _layout(_row_cells(row), roles)
            if _recognised(layout, roles):
                return _checked(ctx, layout, roles, number, known)
            if first_heading is None and any(layout.heading):
                first_heading = layout
    heading = first_heading or Layout((), ())
    missing = [r for r in roles if r.required and r.name not in heading.roles]
    if any(heading.roles) and missing:
        raise ctx.fail("I103", place=place(ctx, 1, 1), column=missing[0].label, known=known)
    unknown = ", ".join(f"«{h}»" for h in dict.fromkeys(heading.heading) if h) or "—"
    raise ctx.fail("I102", place=place(ctx, 1, 1), columns=unknown, known=known)


def _checked(ctx: Context, layout: Layout, roles: Sequence[Role], table: int, known: str) -> Layout:
    unknown = [h for h, r in zip(layout.heading, layout.roles, strict=True) if h and r is None]
    if unknown:
        columns = ", ".join(f"«{h}»" for h in dict.fromkeys(unknown))
        raise ctx.fail("I102", place=place(ctx, table, 1), columns=columns, known=known)
    return layout


def rows(ctx: Context, doc: Document, layout: Layout) -> Iterator[Row]:
    """Data rows of every table with this heading (a plan may be split over tables).

    A later table of the same width without the heading may be the plan's continuation
    or something else entirely (a signature block): it is not guessed at but named.
    """
    found = False
    for number, table in enumerate(doc.tables, start=1):
        table_rows = list(_table_rows(ctx, table, number, layout))
        if table_rows or _has_heading(table, layout):
            found = True
            yield from table_rows
        elif found and _width(table) == len(layout.roles) and len(table.rows) > 1:
            ctx.warn("I111", table=number)


def _width(table: Table) -> int:
    return len(table.rows[0].cells) if table.rows else 0


def _has_heading(table: Table, layout: Layout) -> bool:
    return any(tuple(clean(c.text) for c in row.cells) == layout.heading for row in table.rows[:3])


def _table_rows(ctx: Context, table: Table, number: int, layout: Layout) -> Iterator[Row]:
    width = len(layout.roles)
    started = False
    for index, row in enumerate(table.rows, start=1):
        cells = _row_cells(row)
        if len(cells) != width:
            if started and any(clean(c.text) for c in cells):
                ctx.warn("I105", place=place(ctx, number, index), reason=_other_shape(ctx))
            continue  # another table (signatures, a form) or a row of another shape
        heading = tuple(clean(c.text) for c in cells)
        if heading == layout.heading or (_is_header_row(row) and not started):
            started = True
            continue
        if not started:
            continue
        if _is_header_row(row) or _column_numbers(cells) or not any(h for h in heading):
            continue
        yield _named(cells, layout, place(ctx, number, index), number)


def _other_shape(ctx: Context) -> str:
    return choose(
        (
            "ее ячейки не совпадают со столбцами заголовка",
            "its cells do not line up with the heading's columns",
        ),
        ctx.language,
    )


def _named(cells: list[Cell], layout: Layout, where: str, table: int) -> Row:
    named: dict[str, Cell] = {}
    groups: list[Cell] = []
    for cell, role in zip(cells, layout.roles, strict=True):
        if role == GROUP:
            groups.append(cell)
        elif role is not None and role not in named:
            named[role] = cell
    return Row(named, tuple(groups), _heading_only(cells, named), where, table)


def _heading_only(cells: list[Cell], named: dict[str, Cell]) -> bool:
    """A section heading: one cell merged across the row, or one filled cell that is not
    the measure's (an unmerged heading typed into the first column)."""
    if len(cells) < 2:
        return False
    if len({c.key for c in cells}) == 1:
        return True
    filled = _distinct([c for c in cells if clean(c.text)])
    title = named.get("title")
    return (
        len(filled) == 1
        and (title is None or filled[0].key != title.key)
        and not re.fullmatch(r"[\d.]+", clean(filled[0].text))
    )


def text_above_first_table(doc: Document) -> list[str]:
    """The paragraphs before the first table: the approval stamp and the title live there."""
    found: list[str] = []
    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            break
        if isinstance(block, Paragraph) and clean(block.text):
            found.append(clean(block.text))
    return found


def document_name(path: Path) -> str:
    return path.stem


__all__ = [
    "GROUP",
    "Cell",
    "ImportFailed",
    "Layout",
    "Role",
    "Row",
    "clean",
    "find_layout",
    "lines",
    "open_document",
    "place",
    "rows",
    "text_above_first_table",
]
