"""Reading a sheet: an .xlsx (openpyxl) or a CSV as Russian Excel saves it.

Russian Excel's «CSV (разделители — точка с запятой)» is Windows-1251 text with `;`
between values, dates as ДД.ММ.ГГГГ and a decimal comma («12,5»). Values are turned
into the form the open-data format requires (ISO dates, decimal points) by the type
of their column; a value that does not fit is a problem with its row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from glasnost.i18n import choose
from glasnost.importers.common import Context, check_office_file
from glasnost.sourcefile import looks_like_cp1251
from glasnost.types.dataset.csvcheck import FALSE_VALUES, TRUE_VALUES, TYPE_WORDS, VALIDATORS


@dataclass(frozen=True)
class Sheet:
    name: str | None  # the sheet's name in a workbook; None for a CSV
    header: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number in the file, values)


def read_sheet(ctx: Context) -> Sheet:
    if ctx.source.suffix.lower() == ".csv":
        return _read_csv(ctx)
    if ctx.source.suffix.lower() not in (".xlsx", ".xlsm"):
        raise ctx.fail("I007", suffix=ctx.source.suffix or "—", expected=".xlsx или .csv")
    return _read_xlsx(ctx)


def _read_xlsx(ctx: Context) -> Sheet:
    check_office_file(ctx, ".xlsx")
    try:
        book = load_workbook(ctx.source, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        values = [(n, list(row)) for n, row in enumerate(sheet.iter_rows(values_only=True), 1)]
        name = sheet.title
        book.close()
    except Exception as exc:  # openpyxl raises zipfile, KeyError, XML errors on a broken file
        raise ctx.fail("I003", expected=".xlsx") from exc
    return _split(values, name)


def _read_csv(ctx: Context) -> Sheet:
    try:
        raw = ctx.source.read_bytes()
    except OSError as exc:
        raise ctx.fail("I001", problem=exc.strerror or str(exc)) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        if not looks_like_cp1251(raw):
            raise ctx.fail("I206") from None
        text = raw.decode("cp1251")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    values: list[tuple[int, list[Any]]] = []
    for row in reader:
        values.append((reader.line_num, list(row)))
    return _split(values, None)


def _split(values: list[tuple[int, list[Any]]], name: str | None) -> Sheet:
    """The first non-empty row is the header; empty rows (Excel keeps many) are dropped."""
    filled = [(n, _trimmed(row)) for n, row in values if any(_text(v) for v in row)]
    if not filled:
        return Sheet(name, [], [])
    header = [_text(v) for v in filled[0][1]]
    return Sheet(name, header, filled[1:])


def _trimmed(row: list[Any]) -> list[Any]:
    """Without the empty cells Excel leaves after the last column."""
    end = len(row)
    while end and not _text(row[end - 1]):
        end -= 1
    return row[:end]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def place(ctx: Context, sheet: Sheet, row: int, column: int | None, name: str = "") -> str:
    words = choose(_PLACE_WORDS, ctx.language)
    where = words["row"].format(row=row)
    if sheet.name is not None:
        where = words["sheet"].format(sheet=sheet.name) + where
    if column is not None:
        letter = get_column_letter(column + 1) if sheet.name is not None else str(column + 1)
        where += words["column"] + letter + (f" ({name})" if name else "")
    return where


_PLACE_WORDS = (
    {"row": "строка {row}", "sheet": "лист «{sheet}», ", "column": ", столбец "},
    {"row": "row {row}", "sheet": "sheet '{sheet}', ", "column": ", column "},
)


# --- values -----------------------------------------------------------------------------------

_RU_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f]")  # thousands separators of Russian Excel


def convert(value: Any, kind: str) -> str | None:
    """The value as the format writes it for a column of this type; None when it does not fit."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    converter = _CONVERTERS.get(kind, _as_string)
    text = converter(value)
    valid = VALIDATORS.get(kind)
    if text is None or (valid is not None and not valid(text)):
        return None
    return text


def _as_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return _number_text(value)
    return str(value).strip()


def _number_text(value: float) -> str:
    """12.5 → «12.5», 3.0 → «3»; never an exponent, which many readers of CSV reject."""
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    return format(value, ".15f").rstrip("0").rstrip(".") if "e" in text.lower() else text


def _as_integer(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else None
    return _SPACES.sub("", str(value))


def _as_number(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _number_text(float(value)) if isinstance(value, float) else str(value)
    return _SPACES.sub("", str(value)).replace(",", ".")


def _as_date(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    found = _RU_DATE.match(value.strip())
    if not found:
        return value.strip()  # ISO already, or a mistake the validator names
    day, month, year = int(found.group(1)), int(found.group(2)), found.group(3)
    try:
        return dt.date(int(year) + (2000 if len(year) == 2 else 0), month, day).isoformat()
    except ValueError:
        return None


def _as_boolean(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = _as_string(value)
    if text in TRUE_VALUES:
        return "true"
    if text in FALSE_VALUES:
        return "false"
    return None


_CONVERTERS: dict[str, Callable[[Any], str | None]] = {
    "string": _as_string,
    "integer": _as_integer,
    "number": _as_number,
    "date": _as_date,
    "boolean": _as_boolean,
}


def guess_type(values: list[Any]) -> str:
    """The strictest type every non-empty value of a new column fits."""
    filled = [v for v in values if _text(v)]
    if not filled:
        return "string"
    for kind in ("integer", "number", "date", "boolean"):
        if all(convert(v, kind) for v in filled):
            return kind
    return "string"


def type_words(kind: str, language: str) -> tuple[str, str]:
    ru, en, example = TYPE_WORDS[kind]
    return choose((ru, en), language), example
