"""A streaming check of one CSV data file against its set's structure.

The file is read line by line (a TextIOWrapper under csv.reader) and only counts, the
first problems and the first preview rows are kept, so memory stays flat however large
the file is. Line numbers are the file's own (the header is line 1): a record that
spans lines (a quoted line break) is named by the line it starts on.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from glasnost.i18n import choose
from glasnost.sourcefile import looks_like_cp1251

if TYPE_CHECKING:
    from _csv import Reader

MAX_PROBLEMS = 20  # per file: a systematic mistake would otherwise print every row
MAX_LINE_CHARS = 4 * 1024 * 1024  # a longer "line" is not a table; stops a runaway read
_VALUE_SHOWN = 60

TRUE_VALUES = ("true", "True", "TRUE", "1", "да", "Да", "ДА")
FALSE_VALUES = ("false", "False", "FALSE", "0", "нет", "Нет", "НЕТ")

_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BOOLEANS = frozenset(TRUE_VALUES + FALSE_VALUES)


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:  # 2022-02-30 has the shape but is no day
        return False
    return True


# A value check per type; strings need none. Each returns something truthy when valid.
VALIDATORS: dict[str, Callable[[str], object]] = {
    "integer": _INTEGER.fullmatch,
    "number": _NUMBER.fullmatch,
    "date": _is_date,
    "boolean": _BOOLEANS.__contains__,
}

# What a type looks like, for messages: (ru, en) name and an example.
TYPE_WORDS: dict[str, tuple[str, str, str]] = {
    "integer": ("целое число", "a whole number", "642"),
    "number": ("число (дробная часть — через точку)", "a number (decimal point)", "12.5"),
    "date": ("дата в виде ГГГГ-ММ-ДД", "a date as YYYY-MM-DD", "2022-07-15"),
    "boolean": ("логическое значение", "a boolean", "true / false (да / нет, 1 / 0)"),
    "string": ("текст", "text", "Да"),
}


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: str
    required: bool = False


@dataclass(frozen=True)
class Problem:
    """One finding, with the catalogue code (D1xx) and the line of the file."""

    code: str
    line: int | None
    params: tuple[tuple[str, str], ...] = ()


@dataclass
class CsvResult:
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    hidden: int = 0
    first_hidden_line: int | None = None
    bom: bool = False
    endings: set[str] = field(default_factory=set)
    inner_blank_lines: int = 0
    trailing_blank_lines: int = 0
    preview: list[list[str]] = field(default_factory=list)
    # Cells a spreadsheet would run as a formula (=HYPERLINK(...), +cmd|..., @SUM):
    # how many, and the first one as (line, column name, first character).
    formula_cells: int = 0
    first_formula: tuple[int, str, str] | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def copy_as_is(self) -> bool:
        """True when the file may be published byte for byte (UTF-8, no BOM, LF or CRLF)."""
        blank = self.inner_blank_lines or self.trailing_blank_lines
        return not self.bom and not blank and self.endings in (set(), {"\n"}, {"\r\n"})

    def add(self, code: str, line: int | None, **params: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.hidden += 1
            if self.first_hidden_line is None:
                self.first_hidden_line = line
        else:
            self.problems.append(Problem(code, line, tuple(sorted(params.items()))))


class _LineTooLong(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def check_csv(
    path: Path, columns: Sequence[ColumnSpec], language: str = "ru", preview: int = 0
) -> CsvResult:
    """Check the file against the columns; keep the first `preview` data rows."""
    result = CsvResult()
    try:
        with path.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
            reader = csv.reader(_lines(text, result), strict=True)
            try:
                _check_records(reader, columns, result, language, preview)
            except csv.Error as exc:
                result.add("D122", reader.line_num or 1, problem=str(exc))
    except UnicodeDecodeError:
        line, byte, cp1251 = locate_bad_bytes(path)
        result.add("D111" if cp1251 else "D112", line, byte=byte)
    except _LineTooLong as exc:
        result.add("D124", exc.line, limit=str(MAX_LINE_CHARS))
    return result


def _lines(text: TextIO, result: CsvResult) -> Iterator[str]:
    """Physical lines with their endings (LF, CRLF or CR), noting which endings occur."""
    number = 0
    while True:
        line = text.readline(MAX_LINE_CHARS)
        if not line:
            return
        number += 1
        if "\x00" in line:  # published raw it would break every reader of the file
            result.add("D134", number)
            line = line.replace("\x00", "")
        if number == 1 and line.startswith("\ufeff"):
            result.bom = True
            line = line[1:]
        if line.endswith("\r\n"):
            result.endings.add("\r\n")
        elif line.endswith("\n"):
            result.endings.add("\n")
        elif line.endswith("\r"):
            result.endings.add("\r")
        elif len(line) >= MAX_LINE_CHARS:
            raise _LineTooLong(number)
        yield line


def _check_records(
    reader: Reader, columns: Sequence[ColumnSpec], result: CsvResult, language: str, preview: int
) -> None:
    header = next(reader, None)
    if header is None:
        result.add("D117", None, names=",".join(c.name for c in columns))
        return
    if not _header_matches(header, columns, result):
        return  # cells checked against the wrong columns would only bury the real mistake
    # Only typed or required columns need a look at each cell.
    checks = [
        (index, col, VALIDATORS.get(col.type))
        for index, col in enumerate(columns)
        if col.required or col.type in VALIDATORS
    ]
    width = len(columns)
    end = reader.line_num
    blank = 0
    for row in reader:
        start, end = end + 1, reader.line_num
        if not row:
            blank += 1
            continue
        result.inner_blank_lines += blank
        blank = 0
        result.rows += 1
        if len(row) != width:
            result.add("D121", start, found=str(len(row)), expected=str(width))
            continue
        for index, value in enumerate(row):
            if value and value[0] in FORMULA_STARTS and looks_like_formula(value):
                result.formula_cells += 1
                if result.first_formula is None:
                    result.first_formula = (start, columns[index].name, value[0])
        for index, col, valid in checks:
            value = row[index]
            if not value:
                if col.required:
                    result.add("D120", start, position=str(index + 1), column=col.name)
            elif valid is not None and not valid(value):
                _type_problem(result, start, index, col, value, language)
        if len(result.preview) < preview:
            result.preview.append(row)
    result.trailing_blank_lines = blank


# What makes Excel or LibreOffice read a cell as a formula (OWASP "CSV injection").
FORMULA_STARTS = frozenset("=+-@\t\r")
# A signed number or a telephone number (+7 (800) 000-00-00) starts with + or - too, and
# is not a formula: only the rest is warned about.
_SIGNED_PLAIN = re.compile(r"[+-][0-9][0-9 ()\-.,eE]*")


def looks_like_formula(value: str) -> bool:
    return not (value[0] in "+-" and _SIGNED_PLAIN.fullmatch(value))


def _type_problem(
    result: CsvResult, line: int, index: int, col: ColumnSpec, value: str, language: str
) -> None:
    ru, en, example = TYPE_WORDS[col.type]
    shown = value if len(value) <= _VALUE_SHOWN else value[: _VALUE_SHOWN - 1] + "…"
    result.add(
        "D119",
        line,
        position=str(index + 1),
        column=col.name,
        value=shown,
        expected=choose((ru, en), language),
        example=example,
    )


def _header_matches(header: list[str], columns: Sequence[ColumnSpec], result: CsvResult) -> bool:
    names = [c.name for c in columns]
    if header == names:
        return True
    listed = ",".join(names)
    if len(header) == 1 and ";" in header[0]:
        result.add("D118", 1)
        return False
    for index in range(max(len(header), len(names))):
        found = header[index] if index < len(header) else None
        expected = names[index] if index < len(names) else None
        if found == expected:
            continue
        position = str(index + 1)
        if found is None:
            result.add("D115", 1, expected=str(expected), position=position, names=listed)
        elif found in names:
            where = str(names.index(found) + 1)
            result.add(
                "D114", 1, found=found, position=position, expected_position=where, names=listed
            )
        elif expected is None:
            result.add("D116", 1, found=found, position=position)
        else:
            result.add("D113", 1, found=found, expected=expected, position=position, names=listed)
    return False


def locate_bad_bytes(path: Path) -> tuple[int, str, bool]:
    """Line and value of the first byte that is not UTF-8, and whether it reads as cp1251.

    Streams the file again (this runs only when decoding failed): the text layer decodes
    ahead in blocks, so its position does not say which line the bad byte is on.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as raw:
        while True:
            chunk = raw.read(1 << 20)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                # exc.object is the decoder's pending bytes plus this chunk; pending bytes
                # are part of a multi-byte letter, never a line break.
                data = bytes(exc.object)
                line += data[: exc.start].count(b"\n")
                sample = data[exc.start : exc.start + 65536]
                return line, f"0x{data[exc.start]:02X}", looks_like_cp1251(sample)
            if not chunk:
                return line, "?", False
            line += chunk.count(b"\n")


def normalise_csv(source: Path, target: Path) -> None:
    """Rewrite a checked file as RFC 4180: UTF-8 without BOM, CRLF, no blank lines.

    Row by row, so a large file never sits in memory.
    """
    with (
        source.open(encoding="utf-8-sig", newline="") as src,
        target.open("w", encoding="utf-8", newline="") as dst,
    ):
        writer = csv.writer(dst, lineterminator="\r\n")
        for row in csv.reader(src, strict=True):
            if row:
                writer.writerow(row)
