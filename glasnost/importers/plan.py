"""`import plan FILE.docx`: the table of an approved plan of measures → content/plans/SLUG.yaml.

Sections come in three shapes, all found in real plans:
* a row merged across the table («Взаимное информирование»); two such rows in a row are
  a section and its first subsection;
* a numbered heading row: a number and a title with every other cell empty, followed by
  unnumbered rows or rows numbered under it («6», then «6.1»);
* grouping columns left of the measure («Формы взаимодействия», «Направление»), their
  cells merged down over the rows of the group (seeds 000 and 003).

Item ids are kept as written when every row has its own unique number. Where the
numbering restarts in every section («1.», «2.» under section «3.»), the section's
number is put in front («3.1»); where there is none, items are counted within their
top section («1.1» … «1.18», «2.1» …), the convention of examples/sosnovsky.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glasnost.deadlines import DeadlineKind, parse_deadline
from glasnost.i18n import choose
from glasnost.importers.common import (
    Context,
    ImportFailed,
    Planned,
    dump_yaml,
    target_path,
    validate_as,
)
from glasnost.importers.numbering import find_act, number_cell, split_number, split_section_number
from glasnost.importers.people import people
from glasnost.importers.tables import (
    GROUP,
    Role,
    Row,
    clean,
    find_layout,
    lines,
    open_document,
    rows,
    text_above_first_table,
)
from glasnost.slugs import slug_from_filename

PLAN_ROLES = (
    Role("number", "№", ("№", "п/п", "номер")),
    Role("responsible", "Ответственные", ("ответствен", "исполнител")),
    Role("deadline", "Срок исполнения", ("срок",)),
    Role("expected_result", "Ожидаемый результат", ("результат", "показател")),
    Role("title", "Мероприятие", ("мероприяти", "наименование", "содержание"), required=True),
    Role(GROUP, "Раздел (форма, направление)", ("форм", "направлени", "механизм", "раздел")),
)
_DETAILS = ("deadline", "responsible", "expected_result")


@dataclass
class DraftItem:
    number: str | None
    title: str
    deadline: str | None
    responsible: list[str]
    expected_result: str | None
    place: str
    id: str = ""


@dataclass
class DraftSection:
    title: str
    number: str | None
    items: list[DraftItem] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)


@dataclass
class Reader:
    """The walk over the rows: which section is open at each level."""

    ctx: Context
    titles_numbered: bool
    group_numbers: bool
    tops: list[DraftSection] = field(default_factory=list)
    sub: DraftSection | None = None
    nested: bool = False  # the table has seen a section directly followed by a subsection
    group_texts: list[str] = field(default_factory=list)

    def open(self, title: str, number: str | None, level: int) -> None:
        if level == 0 or not self.tops:
            self.tops.append(DraftSection(title, number))
            self.sub = None
        else:
            self.sub = DraftSection(title, number)
            self.tops[-1].sections.append(self.sub)

    def add(self, item: DraftItem) -> None:
        if self.sub is not None:
            self.sub.items.append(item)
        elif self.tops:
            self.tops[-1].items.append(item)
        else:
            self.tops.append(DraftSection("", None, [item]))


def import_plan(ctx: Context) -> list[Planned]:
    doc = open_document(ctx)
    layout = find_layout(ctx, doc, PLAN_ROLES, "plan")
    table_rows = list(rows(ctx, doc, layout))
    reader = Reader(ctx, _titles_numbered(table_rows), _group_numbers(table_rows, layout.roles))
    for index, row in enumerate(table_rows):
        _read_row(reader, row, table_rows[index + 1] if index + 1 < len(table_rows) else None)
    items = [item for top in reader.tops for item in _items_of(top)]
    if not items:
        raise ctx.fail("I104", place=table_rows[0].place if table_rows else "—")
    _assign_ids(ctx, reader.tops)
    above = text_above_first_table(doc)
    data = _plan_data(ctx, above, reader.tops)
    validate_as("plan", data)
    target = target_path(ctx, Path("content/plans") / f"{slug_from_filename(ctx.source.stem)}.yaml")
    _summarise(ctx, target, reader.tops, len(items))
    comment = f"Импортировано из {ctx.source.name} командой glasnost import plan.\n"
    comment += "Проверьте разделы, номера, сроки и ответственных."
    return [Planned(target, dump_yaml(data, comment))]


def _titles_numbered(table_rows: list[Row]) -> bool:
    """True when most measures carry their number in the title cell («1. Разработка …»)."""
    titled = [r for r in table_rows if not r.spans_table and clean(r.text("title"))]
    numbered = sum(1 for r in titled if split_number(clean(r.text("title")))[0] is not None)
    return bool(titled) and numbered * 2 >= len(titled)


def _group_numbers(table_rows: list[Row], roles: tuple[str | None, ...]) -> bool:
    """True when the № column numbers the first group, not the measures (seed 003)."""
    if GROUP not in roles or "number" not in roles:
        return False
    seen: dict[int, set[str]] = {}
    for row in table_rows:
        if row.groups and not row.spans_table:
            seen.setdefault(row.groups[0].key, set()).add(clean(row.text("number")))
    return bool(seen) and all(len(numbers) <= 1 for numbers in seen.values())


def _read_row(reader: Reader, row: Row, following: Row | None) -> None:
    group_text = any(clean(cell.text) for cell in row.groups)
    merged_across = len({c.key for c in (*row.cells.values(), *row.groups)}) == 1
    if row.spans_table and (merged_across or not group_text):
        _section_row(reader, row, following)
        return
    if row.groups:
        _group_change(reader, row)
    if row.spans_table:
        return  # a grouping cell typed on a row of its own: the group opened above
    if _is_heading(reader, row, following):
        number = number_cell(row.text("number"))
        title = clean(row.text("title"))
        if number is None:
            number, title = split_number(title)
        reader.open(title, number, 1 if number and "." in number else 0)
        return
    item = _item(reader, row)
    if item is not None:
        reader.add(item)


def _section_row(reader: Reader, row: Row, following: Row | None) -> None:
    number, title = split_section_number(clean(row.heading))
    top = reader.tops[-1] if reader.tops else None
    top_just_opened = top is not None and reader.sub is None and not top.items and not top.sections
    if number is not None:
        level = 1 if "." in number else 0
    elif reader.sub is not None and not reader.sub.items:
        # a third heading in a row: one level of nesting is all a plan has
        reader.ctx.warn("I109", place=row.place, section=title)
        reader.sub.title = f"{reader.sub.title}. {title}"
        return
    elif top_just_opened:
        level, reader.nested = 1, True
    elif following is not None and following.spans_table:
        level = 0  # a section whose first subsection follows
    else:
        level = 1 if reader.nested else 0
    reader.open(title, number, level)


def _group_change(reader: Reader, row: Row) -> None:
    """A grouping cell whose text differs from the row above opens a section."""
    changed_above = False
    for level, cell in enumerate(row.groups[:2]):
        text = clean(cell.text)
        if not text:
            continue  # a blank cell under a filled one: the group goes on
        if changed_above or level >= len(reader.group_texts) or reader.group_texts[level] != text:
            section_number, title = split_section_number(text)
            if level == 0 and reader.group_numbers:
                section_number = number_cell(row.text("number")) or section_number
            reader.open(title, section_number, level)
            reader.group_texts = [*reader.group_texts[:level], text]
            changed_above = True


def _is_heading(reader: Reader, row: Row, following: Row | None) -> bool:
    """A numbered row with nothing but a title, and unnumbered or deeper rows under it."""
    if row.groups or any(clean(row.text(role)) for role in _DETAILS):
        return False
    own = None if reader.group_numbers else number_cell(row.text("number"))
    number = own or split_number(clean(row.text("title")))[0]
    if number is None or following is None or following.spans_table:
        return False
    next_number = (
        number_cell(following.text("number")) or split_number(clean(following.text("title")))[0]
    )
    return next_number is None or next_number.startswith(number + ".")


def _item(reader: Reader, row: Row) -> DraftItem | None:
    title_lines = lines(row.text("title"))
    if not title_lines:
        if any(clean(row.text(role)) for role in _DETAILS):
            reader.ctx.warn("I105", place=row.place, reason=_no_title(reader.ctx))
        return None
    title = _joined(title_lines).rstrip(";").strip()
    number = None if reader.group_numbers else number_cell(row.text("number"))
    if reader.titles_numbered:
        in_title, rest = split_number(title)
        number, title = (number or in_title), (rest if in_title else title)
    deadline = clean(row.text("deadline")) or None
    if deadline and parse_deadline(deadline).kind is DeadlineKind.TEXT:
        reader.ctx.warn("I106", place=row.place, deadline=deadline)
    expected = _joined(lines(row.text("expected_result"))) or None
    return DraftItem(number, title, deadline, people(row.text("responsible")), expected, row.place)


def _no_title(ctx: Context) -> str:
    return choose(("в ней нет названия мероприятия", "no measure in it"), ctx.language)


def _joined(parts: list[str]) -> str:
    """A multi-line cell as one line; a list's dashes at line starts are dropped."""
    out: list[str] = []
    for index, part in enumerate(parts):
        out.append(part.lstrip("-–•· ").strip() if index else part)
    return " ".join(p for p in out if p)


def _items_of(section: DraftSection) -> list[DraftItem]:
    return section.items + [i for sub in section.sections for i in sub.items]


def _assign_ids(ctx: Context, tops: list[DraftSection]) -> None:
    placed = [
        (item, top, sub, index)
        for index, top in enumerate(tops, start=1)
        for sub, group in [(None, top.items), *((s, s.items) for s in top.sections)]
        for item in group
    ]
    numbers = [item.number for item, *_ in placed]
    as_written = all(numbers) and len(set(numbers)) == len(numbers)
    counters: Counter[str] = Counter()
    real_sections = any(top.title for top in tops)
    for item, top, sub, ordinal in placed:
        prefix = (sub.number if sub is not None and sub.number else None) or top.number
        if as_written or (item.number and "." in item.number):
            item.id = str(item.number)
        elif item.number:
            item.id = f"{prefix}.{item.number}" if prefix else item.number
        else:
            key = prefix or (str(ordinal) if real_sections else "")
            counters[key] += 1
            item.id = f"{key}.{counters[key]}" if key else str(counters[key])
    first: dict[str, str] = {}
    for item, *_ in placed:
        if item.id in first:
            ctx.diag.error("I107", ctx.shown, place=item.place, item=item.id, first=first[item.id])
        first.setdefault(item.id, item.place)
    if ctx.diag.has_errors:
        raise ImportFailed("I107")


def _plan_data(ctx: Context, above: list[str], tops: list[DraftSection]) -> dict[str, Any]:
    data: dict[str, Any] = {"title": _title(ctx, above)}
    act = find_act(above)
    if act is None:
        ctx.warn("I108")
    else:
        data["approved_by"] = {
            "kind": act.kind,
            "number": act.number,
            "date": act.date,
            **({"issuer": act.issuer} if act.issuer else {}),
        }
    untitled = choose(("Мероприятия", "Measures"), ctx.language)
    data["sections"] = [_section_data(top, untitled) for top in tops]
    return data


def _title(ctx: Context, above: list[str]) -> str:
    """The plan's name: the paragraph above the table that says «План …», else the last one."""
    named = [p for p in above if p.lower().startswith(("план", "дорожная карта", "перечень"))]
    if named:
        return named[-1]
    plain = [p for p in above if not find_act([p]) and not p.lower().startswith("утвержд")]
    if plain:
        return max(plain, key=len)
    ctx.warn("I110")
    return ctx.source.stem


def _section_data(section: DraftSection, untitled: str) -> dict[str, Any]:
    data: dict[str, Any] = {"title": section.title or untitled}
    if section.sections:
        data["sections"] = [_section_data(sub, untitled) for sub in section.sections]
    if section.items:
        data["items"] = [_item_data(item) for item in section.items]
    return data


def _item_data(item: DraftItem) -> dict[str, Any]:
    data: dict[str, Any] = {"id": item.id, "title": item.title}
    if item.deadline:
        data["deadline"] = item.deadline
    if item.responsible:
        data["responsible"] = item.responsible
    if item.expected_result:
        data["expected_result"] = item.expected_result
    return data


def _summarise(ctx: Context, target: Path, tops: list[DraftSection], items: int) -> None:
    subs = sum(len(top.sections) for top in tops)
    ctx.say(
        f"Создан файл {ctx.rel(target)}: разделов {len(tops)}, подразделов {subs}, "
        f"пунктов {items}.",
        f"Created {ctx.rel(target)}: {len(tops)} sections, {subs} subsections, {items} items.",
    )
