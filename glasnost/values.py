"""Values that pass their field's type but no later stage can handle, found once for all
types: a control character (an escape in a double-quoted YAML string, "\\e" or "\\v") that
feeds and calendars cannot carry and a terminal would obey, and a date so far away
(9999-12-31) that adding a day to it overflows.

Each is a content error with its file and line, reported before anything is computed
from the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from glasnost.contentpaths import BIDI_CHARS, shown_chars
from glasnost.diagnostics import Diagnostics
from glasnost.sourcefile import SourceFile, load_source
from glasnost.validate import validate_model

# C0 controls except tab and line feed, DEL and C1 controls: none belongs in a text.
CONTROL_CHARS = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]")
FIRST_YEAR, LAST_YEAR = 1000, 2999

if TYPE_CHECKING:
    from glasnost.types.base import ContentType

Location = tuple[str | int, ...]


def values(data: Any, loc: Location = ()) -> Iterator[tuple[Location, Any]]:
    """Every leaf value of a validated model, with where it is in the file."""
    if isinstance(data, BaseModel):
        for name in type(data).model_fields:
            yield from values(getattr(data, name), (*loc, name))
    elif isinstance(data, (list, tuple)):
        for index, value in enumerate(data):
            yield from values(value, (*loc, index))
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from values(value, (*loc, str(key)))
    else:
        yield loc, data


def check_values(data: Any, source: SourceFile, diag: Diagnostics) -> bool:
    """False, with an error per value, when a value no later stage can handle is found."""
    ok = True
    for loc, value in values(data):
        field = ".".join(str(p) for p in loc)
        if isinstance(value, str):
            bad = CONTROL_CHARS.search(value)
            if bad is not None:
                code = f"U+{ord(bad.group(0)):04X}"
                diag.error("G226", source.rel, source.line(*loc), field=field, char=code)
                ok = False
        elif isinstance(value, date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
            diag.error(
                "G227",
                source.rel,
                source.line(*loc),
                field=field,
                value=value.isoformat(),
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
            ok = False
    return ok


# Python refuses to turn more digits than this into an int (a guard against slow
# conversions); YAML then raises ValueError mid-parse.
_LONG_NUMBER = re.compile(r"[0-9]{4300,}")


def read_source(path: Path, rel: str, diag: Diagnostics) -> SourceFile | None:
    """load_source, with a number too long for Python reported as a content error."""
    try:
        return load_source(path, rel, diag)
    except ValueError:
        line = long_number_line(path)
        if line is None:
            raise  # not the number limit: a bug of ours, reported as one
        diag.error("G032", rel, line)
        return None


def long_number_line(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    found = _LONG_NUMBER.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def validated(kind: ContentType, source: SourceFile, diag: Diagnostics) -> Any | None:
    """A file's data checked against its type's model and the value rules; None when wrong.

    One function for the clean build and the preview's source cache, so both report the
    same problems in the same order.
    """
    data = validate_model(kind.model, source, diag)
    if data is None or not check_values(data, source, diag):
        return None
    warn_direction_marks(source, data, diag)
    return data


def warn_direction_marks(source: SourceFile, data: Any, diag: Diagnostics) -> None:
    """Direction overrides (U+202E) in a title or summary: they disguise what a reader sees."""
    for name in ("title", "summary"):
        value = getattr(data, name, None)
        if isinstance(value, str) and BIDI_CHARS.search(value):
            chars = shown_chars(value, BIDI_CHARS)
            diag.warning("G225", source.rel, source.line(name), field=name, chars=chars)
