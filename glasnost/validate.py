"""Stage 2: check loaded data against the declared schema, with lines for every problem.

Pydantic checks shapes and types; the rules that need the whole site (a report citing
a plan item, an announcement's notice period) are each type's `check`, in the site
model stage. Here pydantic's errors are turned into diagnostics in the site's terms.
"""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from glasnost.diagnostics import Diagnostics
from glasnost.sourcefile import SourceFile

ModelT = TypeVar("ModelT", bound=BaseModel)

_EXPECTED = {
    "int_parsing": ("целое число", "a whole number"),
    "int_type": ("целое число", "a whole number"),
    "int_from_float": ("целое число", "a whole number"),
    "float_parsing": ("число", "a number"),
    "float_type": ("число", "a number"),
    "bool_parsing": ("true или false", "true or false"),
    "bool_type": ("true или false", "true or false"),
    "string_type": ("текст", "text"),
    "list_type": ("список", "a list"),
    "dict_type": ("набор полей", "a mapping of fields"),
    "model_type": ("набор полей", "a mapping of fields"),
    "greater_than_equal": ("неотрицательное число", "a non-negative number"),
    "greater_than": ("положительное число", "a positive number"),
}


def validate_model(model: type[ModelT], source: SourceFile, diag: Diagnostics) -> ModelT | None:
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        report_validation_error(exc, model, source, diag)
        return None


def field_name(loc: tuple[str | int, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _known_fields(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the (nested) model that owns loc, for 'did you mean' hints."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def report_validation_error(
    exc: ValidationError, model: type[BaseModel], source: SourceFile, diag: Diagnostics
) -> None:
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if isinstance(p, (str, int)))
        # Pydantic adds the union member's name to the location; it means nothing to a user.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p[:1].isupper() and "[" in p))
        line = source.line(*loc)
        name = field_name(loc)
        kind = error["type"]
        value = error.get("input")
        if kind == "missing":
            diag.error("G200", source.rel, source.line(*loc[:-1]) if loc else None, field=name)
        elif kind == "extra_forbidden":
            known = _known_fields(model, loc)
            close = difflib.get_close_matches(str(loc[-1]), known, n=1)
            suggestion = (
                f"Возможно, имелось в виду «{close[0]}»." if close else
                "Известные поля: " + ", ".join(known) + "." if known else ""
            )
            diag.error("G201", source.rel, line, field=name, suggestion=suggestion)
        elif kind in ("literal_error", "enum"):
            allowed = error.get("ctx", {}).get("expected", "")
            diag.error("G202", source.rel, line, field=name, value=_short(value), allowed=allowed)
        elif kind.startswith("date_"):
            diag.error("G203", source.rel, line, field=name, value=_short(value))
        elif kind.startswith("datetime_"):
            diag.error("G204", source.rel, line, field=name, value=_short(value))
        elif kind == "string_too_short" or kind == "too_short":
            diag.error("G207", source.rel, line, field=name)
        elif kind in _EXPECTED:
            ru, _ = _EXPECTED[kind]
            diag.error("G205", source.rel, line, field=name, expected=ru, value=_short(value))
        else:
            problem = str(error.get("msg", kind)).removeprefix("Value error, ")
            diag.error("G206", source.rel, line, field=name, problem=problem)
