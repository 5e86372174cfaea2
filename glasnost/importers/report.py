"""`import report FILE.docx --plan SLUG`: a report table → content/reports/SLUG.yaml.

The table is the one seed 004 has: «№ п/п | Наименование мероприятия | Ответственные
исполнители (срок исполнения) | Информация о проведении мероприятия», perhaps with a
status column. Each row becomes an entry joined to the plan's item by its number; a
numbered row with nothing but a title heads the unnumbered rows under it («6», then
«6.1», «6.2» as the plan numbers them). An empty information cell is `no_data`
(«информация не представлена»), as the paper means it; a row whose number the plan does
not have is kept with its title, for her to decide.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from glasnost.deadlines import parse_deadline
from glasnost.i18n import choose
from glasnost.importers.common import Context, Planned, dump_yaml, target_path, validate_as
from glasnost.importers.numbering import number_cell, split_number
from glasnost.importers.people import people
from glasnost.importers.tables import (
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
from glasnost.types.report.fields import Entry

REPORT_ROLES = (
    Role("number", "№", ("№", "п/п", "номер")),
    Role("responsible", "Ответственные", ("ответствен", "исполнител")),
    Role("status", "Статус", ("статус", "оценка", "степень")),
    Role(
        "text",
        "Информация о выполнении",
        ("информаци", "отметк", "сведени", "выполнени", "результат"),
        required=True,
    ),
    Role("deadline", "Срок", ("срок",)),
    Role("title", "Мероприятие", ("мероприяти", "наименование", "содержание"), required=True),
)
NO_DATA = "no_data"  # «информация не представлена»: what an empty cell means
_TRAILING_DEADLINE = re.compile(r"\([^()]*\)\s*$", re.S)


@dataclass(frozen=True)
class PlanItems:
    slug: str
    ids: tuple[str, ...]
    by_title: dict[str, str]  # a title as the plan has it, tidied and lower case → id


def import_report(ctx: Context, plan_slug: str) -> list[Planned]:
    plan = _plan_items(ctx, plan_slug)
    doc = open_document(ctx)
    layout = find_layout(ctx, doc, REPORT_ROLES, "report")
    table_rows = list(rows(ctx, doc, layout))
    entries = _entries(ctx, table_rows, plan, "status" in layout.roles)
    if not entries:
        raise ctx.fail("I104", place=table_rows[0].place if table_rows else "—")
    above = text_above_first_table(doc)
    title = next((p for p in above if p.lower().startswith("отчет")), above[-1] if above else "")
    if not title:
        ctx.warn("I110")
        title = ctx.source.stem
    data: dict[str, Any] = {"title": title, "plan": plan.slug}
    period = _period(title)
    if period is None:
        ctx.warn("I123")
    else:
        data["period"] = period
    data["entries"] = entries
    validate_as("report", data)
    target = target_path(
        ctx, Path("content/reports") / f"{slug_from_filename(ctx.source.stem)}.yaml"
    )
    _summarise(ctx, target, entries)
    comment = f"Импортировано из {ctx.source.name} командой glasnost import report.\n"
    comment += "Статусы: пустая ячейка — no_data; остальные проверьте и при необходимости "
    comment += "укажите status: done, in_progress, not_done."
    return [Planned(target, dump_yaml(data, comment))]


def _plan_items(ctx: Context, slug: str) -> PlanItems:
    path = ctx.site_dir / "content" / "plans" / f"{slug}.yaml"
    shown = f"content/plans/{slug}.yaml"
    if not slug or not path.is_file():
        folder = ctx.site_dir / "content" / "plans"
        known = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
        listed = ", ".join(known)
        suggestion = choose(("Есть: {names}.", "Known: {names}."), ctx.language)
        suggestion = suggestion.format(names=listed)
        suggestion = suggestion if known else ""
        if not slug:
            raise ctx.fail("I125", suggestion=suggestion)
        raise ctx.fail("I120", plan=slug, plan_file=shown, suggestion=suggestion)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        ids: list[str] = []
        titles: dict[str, str] = {}
        for top in data["sections"]:
            for section in [top, *top.get("sections", [])]:
                for item in section.get("items", []):
                    ids.append(str(item["id"]))
                    titles[clean(str(item["title"])).lower()] = str(item["id"])
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ctx.fail("I124", plan_file=shown, problem=str(exc)) from exc
    return PlanItems(slug, tuple(ids), titles)


def _entries(
    ctx: Context, table_rows: list[Row], plan: PlanItems, with_status: bool
) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    seen: dict[str, str] = {}  # item → where it was first reported
    heading: str | None = None
    counters: Counter[str] = Counter()
    for index, row in enumerate(table_rows):
        following = table_rows[index + 1] if index + 1 < len(table_rows) else None
        number, title = _number_and_title(row)
        if number is not None and _is_heading(row, following):
            heading = number
            continue
        if number is None and heading is not None:
            counters[heading] += 1
            number = f"{heading}.{counters[heading]}"
        elif number is not None:
            heading = None
        if not title and not clean(row.text("text")):
            continue
        entry = _entry(ctx, row, number, title, plan, with_status)
        item = entry.get("item")
        if item is not None and item in seen:
            # the build refuses one item reported twice (R104): keep the row, unjoined
            ctx.warn("I126", place=row.place, item=item, first=seen[item])
            entry = {"title": title or "—", **{k: v for k, v in entry.items() if k != "item"}}
        elif item is not None:
            seen[item] = row.place
        entries.append(entry)
    return entries


def _number_and_title(row: Row) -> tuple[str | None, str]:
    title = " ".join(lines(row.text("title")))
    number = number_cell(row.text("number"))
    if number is None:
        number, title = split_number(title)
    return number, title


def _is_heading(row: Row, following: Row | None) -> bool:
    """«6 | Проведение мониторинга … | | » with unnumbered rows under it (seed 004)."""
    if clean(row.text("text")) or clean(row.text("responsible")) or following is None:
        return False
    return _number_and_title(following)[0] is None


def _entry(
    ctx: Context, row: Row, number: str | None, title: str, plan: PlanItems, with_status: bool
) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    item = number if number in plan.ids else plan.by_title.get(title.lower())
    if item is not None:
        entry["item"] = item
    else:
        if number is not None:
            ctx.warn("I121", place=row.place, item=number, plan=plan.slug)
        else:
            ctx.warn("I121", place=row.place, item=title[:60], plan=plan.slug)
        entry["title"] = title or "—"
    responsible = people(_without_deadline(row.text("responsible")))
    if responsible:
        entry["responsible"] = responsible
    text = "\n\n".join(lines(row.text("text")))
    status = _status(ctx, row) if with_status else None
    if not text:
        status = NO_DATA
    if status is not None:
        entry["status"] = status
    entry["text"] = text + "\n" if text else ""
    return entry


def _without_deadline(cell: str) -> str:
    """«Бегишева Н.А.\n(ежегодно, до 01 марта)» → the people only. A bracket that is no
    deadline («Отдел (сектор)») belongs to the name and stays."""
    found = _TRAILING_DEADLINE.search(cell)
    if found and parse_deadline(clean(found.group(0)[1:-1])).parsed:
        return cell[: found.start()]
    return cell


def _status(ctx: Context, row: Row) -> str | None:
    """The status as the report's own model reads it («выполнено» or «done»)."""
    written = clean(row.text("status"))
    if not written:
        return None
    try:
        status = Entry.model_validate({"title": "-", "status": written}).status
    except ValidationError:
        ctx.warn("I122", place=row.place, status=written)
        return None
    return status.value if status is not None else None


# «за I полугодие 2022 года», «за 2021 год», «за 3 квартал 2022 года», «за 9 месяцев 2022 года»
_HALF = re.compile(r"за\s+(I{1,2}|[12])(?:-?е|-?ое)?\s+полугоди\w*\s+(\d{4})\s*(?:года|г\.)?", re.I)
_QUARTER = re.compile(
    r"за\s+(IV|I{1,3}|[1-4])(?:-?й)?\s+квартал\w*\s+(\d{4})\s*(?:года|г\.)?", re.I
)
_NINE = re.compile(r"за\s+9\s+месяцев\s+(\d{4})\s*(?:года|г\.)?", re.I)
_YEAR = re.compile(r"за\s+(\d{4})\s+год\w*", re.I)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def _period(title: str) -> dict[str, Any] | None:
    """The reporting period the title names, with its wording as the label."""
    half = _HALF.search(title)
    if half:
        index, year = _ROMAN.get(half.group(1).upper(), 0) or int(half.group(1)), int(half.group(2))
        return _span(year, 6 * index - 5, 6 * index, half.group(0))
    quarter = _QUARTER.search(title)
    if quarter:
        q = _ROMAN.get(quarter.group(1).upper(), 0) or int(quarter.group(1))
        return _span(int(quarter.group(2)), 3 * q - 2, 3 * q, quarter.group(0))
    nine = _NINE.search(title)
    if nine:
        return _span(int(nine.group(1)), 1, 9, nine.group(0))
    whole = _YEAR.search(title)
    if whole:
        return _span(int(whole.group(1)), 1, 12, whole.group(0))
    return None


def _span(year: int, first_month: int, last_month: int, wording: str) -> dict[str, Any]:
    after = dt.date(year + 1, 1, 1) if last_month == 12 else dt.date(year, last_month + 1, 1)
    return {
        "start": dt.date(year, first_month, 1),
        "end": after - dt.timedelta(days=1),
        "label": wording.removeprefix("за").removeprefix("ЗА").strip(),
    }


def _summarise(ctx: Context, target: Path, entries: list[dict[str, Any]]) -> None:
    joined = sum(1 for e in entries if "item" in e)
    empty = sum(1 for e in entries if e.get("status") == NO_DATA)
    ctx.say(
        f"Создан файл {ctx.rel(target)}: записей {len(entries)}, из них связано с пунктами "
        f"плана {joined}, без информации (no_data) {empty}.",
        f"Created {ctx.rel(target)}: {len(entries)} entries, {joined} joined to plan items, "
        f"{empty} without information (no_data).",
    )
