"""`import data FILE.xlsx|FILE.csv --dataset ID`: a new version of an open-data set.

The sheet is written as content/datasets/ID/data-YYYYMMDD.csv (UTF-8, commas, ISO
dates, decimal points: what the set's structure and the methodical recommendations
require) and a version entry dated today is added at the end of `versions:` in
dataset.yaml, leaving the rest of that file (comments included) as she wrote it.
For a set that does not exist yet, the structure is proposed from the header and the
values, and a starter dataset.yaml is written for her to complete.

Every cell is checked against its column before anything is written: one bad value
stops the import with its row and column, as the build would stop on the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from glasnost.importers.common import Context, ImportFailed, Planned, dump_yaml, today
from glasnost.importers.sheet import Sheet, convert, guess_type, place, read_sheet, type_words
from glasnost.slugs import slug_from_filename
from glasnost.types.dataset.fields import Column, DatasetFields
from glasnost.types.dataset.layout import IDENT_RE, ymd

MAX_SHOWN = 20  # problems listed; a wrong column would otherwise print every row
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def import_data(ctx: Context, ident: str) -> list[Planned]:
    if ctx.out is not None:
        raise ctx.fail("I209")
    if not IDENT_RE.match(ident):
        suggestion = slug_from_filename(ident or ctx.source.stem)
        raise ctx.fail("I205", ident=ident, suggestion=suggestion)
    folder = ctx.site_dir / "content" / "datasets" / ident
    passport = folder / "dataset.yaml"
    sheet = read_sheet(ctx)
    if not sheet.header or not sheet.rows:
        raise ctx.fail("I201", place=place(ctx, sheet, 1, None))
    existing = passport.is_file()
    columns = _structure(ctx, passport) if existing else _proposed(sheet)
    if existing:
        _check_header(ctx, sheet, columns)
    rows = _converted(ctx, sheet, columns)
    day = today(ctx.site_dir)
    data_file = folder / f"data-{ymd(day)}.csv"
    provenance = f"Импорт из {ctx.source.name}"
    if existing:
        yaml_bytes = _with_version(ctx, passport, day, data_file.name, provenance)
    else:
        yaml_bytes = _new_passport(ctx, ident, columns, day, data_file.name, provenance)
    ctx.say(
        f"Создан файл {ctx.rel(data_file)}: строк {len(rows)}, столбцов {len(columns)}; "
        f"версия {day.isoformat()} добавлена в {ctx.rel(passport)}.",
        f"Created {ctx.rel(data_file)}: {len(rows)} rows, {len(columns)} columns; "
        f"version {day.isoformat()} added to {ctx.rel(passport)}.",
    )
    if not existing:
        ctx.say(
            "Набор новый: структура предложена по заголовкам и значениям — проверьте имена и "
            "типы столбцов и заполните паспорт (description, publisher, valid).",
            "A new set: the structure is proposed from the header and the values; check the "
            "columns' names and types and complete the passport (description, publisher, valid).",
        )
    return [
        Planned(data_file, _csv_bytes([c.name for c in columns], rows)),
        Planned(passport, yaml_bytes, update=existing),
    ]


def _structure(ctx: Context, passport: Path) -> list[Column]:
    shown = ctx.rel(passport)
    try:
        data = yaml.safe_load(passport.read_text(encoding="utf-8"))
        return list(DatasetFields.model_validate(data).structure)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError) as exc:
        problem = str(exc).splitlines()[0]
        raise ctx.fail("I207", file=shown, problem=problem) from exc


def _check_header(ctx: Context, sheet: Sheet, columns: list[Column]) -> None:
    """Each heading must be the column's name or its title (Excel users keep the titles)."""
    expected = [c.name for c in columns]
    matches = len(sheet.header) == len(columns) and all(
        heading.lower() in (column.name.lower(), column.title.strip().lower())
        for heading, column in zip(sheet.header, columns, strict=True)
    )
    if not matches:
        raise ctx.fail(
            "I202",
            place=place(ctx, sheet, sheet.rows[0][0] - 1 if sheet.rows else 1, None),
            found=", ".join(sheet.header),
            expected=", ".join(f"{c.name} ({c.title})" for c in columns) or ", ".join(expected),
        )


def _proposed(sheet: Sheet) -> list[Column]:
    """A structure for a new set: Latin names from the headings, types from the values."""
    columns: list[Column] = []
    used: set[str] = set()
    for index, heading in enumerate(sheet.header):
        name = slug_from_filename(heading).replace("-", "_")[:40].strip("_")
        if not _NAME.match(name):
            name = f"column_{index + 1}" if not name else f"c_{name}"
        while name in used:
            name += "_2"
        used.add(name)
        values = [row[index] if index < len(row) else None for _, row in sheet.rows]
        title = heading or name
        columns.append(
            Column.model_validate({"name": name, "title": title, "type": guess_type(values)})
        )
    return columns


def _converted(ctx: Context, sheet: Sheet, columns: list[Column]) -> list[list[str]]:
    rows: list[list[str]] = []
    problems = 0
    for number, values in sheet.rows:
        if len(values) > len(columns):
            problems += 1
            _problem(ctx, problems, "I204", place=place(ctx, sheet, number, None),
                     found=len(values), expected=len(columns))  # fmt: skip
            continue
        out: list[str] = []
        for index, column in enumerate(columns):
            value = values[index] if index < len(values) else None
            text = convert(value, column.type)
            if text is None or (column.required and not text):
                problems += 1
                words, example = type_words(column.type, ctx.language)
                where = place(ctx, sheet, number, index, column.name)
                shown = "" if value is None else str(value)
                _problem(ctx, problems, "I203", place=where, value=shown, expected=words,
                         example=example)  # fmt: skip
                text = ""
            out.append(text)
        rows.append(out)
    if problems > MAX_SHOWN:
        ctx.diag.error("I208", ctx.shown, place=place(ctx, sheet, 1, None), shown=MAX_SHOWN)
    if problems:
        raise ImportFailed("I203")
    return rows


def _problem(ctx: Context, count: int, code: str, **params: Any) -> None:
    if count <= MAX_SHOWN:
        ctx.diag.error(code, ctx.shown, **params)


def _csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8, commas, quotes only where needed, CRLF (RFC 4180): the demo sets' own format."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _with_version(ctx: Context, passport: Path, day: dt.date, name: str, note: str) -> bytes:
    """dataset.yaml with one more entry at the end of `versions:`, the rest untouched."""
    text = passport.read_text(encoding="utf-8")
    entry = yaml.safe_dump(
        [{"date": day, "file": name, "provenance": note}],
        allow_unicode=True,
        default_flow_style=None,
        width=1_000_000,
    ).strip()
    data = yaml.safe_load(text)
    versions = data.get("versions") or []
    if any(str(v.get("file")) == name for v in versions) and not ctx.force:
        raise ctx.fail("I005", target=f"{ctx.rel(passport)}: versions: {name}")
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"versions\s*:", line)), None)
    if start is None:
        lines += ["versions:", f"  {entry}"]
    else:
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][:1] in (" ", "-", "#")):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        lines[start] = "versions:"  # «versions: []» becomes a list of entries
        kept = [line for line in lines[start + 1 : end] if f"file: {name}" not in line]
        dashes = [found.group(1) for line in kept if (found := re.match(r"^(\s*)-", line))]
        indent = dashes[-1] if dashes else "  "
        lines[start + 1 : end] = [*kept, f"{indent}{entry}"]
    updated = "\n".join(lines) + "\n"
    DatasetFields.model_validate(yaml.safe_load(updated))
    return updated.encode("utf-8")


def _new_passport(
    ctx: Context, ident: str, columns: list[Column], day: dt.date, name: str, note: str
) -> bytes:
    title = ctx.source.stem
    data: dict[str, Any] = {
        "title": title,
        "created": day,
        "structure": [{"name": c.name, "title": c.title, "type": c.type} for c in columns],
        "versions": [{"date": day, "file": name, "provenance": note}],
    }
    DatasetFields.model_validate(data)
    comment = (
        f"Набор {ident} создан командой glasnost import data из {ctx.source.name}.\n"
        "Структура предложена автоматически: проверьте имена (латиница) и типы столбцов.\n"
        "Допишите паспорт: description, publisher, valid, update_frequency."
    )
    return dump_yaml(data, comment)
