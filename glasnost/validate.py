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
    "string_type": ("текст", "text"),  # reported as G217, with a hint about quotes
    "list_type": ("список", "a list"),
    "dict_type": ("набор полей", "a mapping of fields"),
    "model_type": ("набор полей", "a mapping of fields"),
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
    if isinstance(value, bool):  # YAML read `yes`/`no`/`on` as booleans; show them as YAML does
        return "true" if value else "false"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _known_fields(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the (nested) model that owns loc, for 'did you mean' hints."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or not (
            isinstance(current, type) and issubclass(current, BaseModel)
        ):
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


# A validator names a catalogue message by raising
# PydanticCustomError(custom_error("G110"), "...", {"value": ...}): pydantic's own text is
# English only, the catalogue has both languages.
CUSTOM_PREFIX = "glasnost_"


def custom_error(code: str) -> str:
    return CUSTOM_PREFIX + code


def report_validation_error(
    exc: ValidationError, model: type[BaseModel], source: SourceFile, diag: Diagnostics
) -> None:
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if isinstance(p, (str, int)))
        # Pydantic adds the union member's name to the location; it means nothing to a user.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p[:1].isupper() and "[" in p))
        report_one(error, loc, model, source, diag)


def report_one(
    error: Any,
    loc: tuple[str | int, ...],
    model: type[BaseModel],
    source: SourceFile,
    diag: Diagnostics,
) -> None:
    rel, line, name = source.rel, source.line(*loc), field_name(loc)
    kind: str = error["type"]
    value = error.get("input")
    ctx: dict[str, Any] = error.get("ctx") or {}
    if kind.startswith(CUSTOM_PREFIX) and kind.removeprefix(CUSTOM_PREFIX) in diag.catalog:
        diag.error(
            kind.removeprefix(CUSTOM_PREFIX), rel, line, field=name, value=_short(value), **ctx
        )
    elif kind == "missing":
        diag.error("G200", rel, source.line(*loc[:-1]) if loc else None, field=name)
    elif kind == "extra_forbidden":
        diag.error("G201", rel, line, field=name, **_suggestions(model, loc))
    elif kind in ("literal_error", "enum"):
        # pydantic joins the choices with an English "or": list them with commas instead.
        allowed = str(ctx.get("expected", "")).replace(" or ", ", ")
        diag.error("G202", rel, line, field=name, value=_short(value), allowed=allowed)
    elif kind.startswith("date_"):
        diag.error("G203", rel, line, field=name, value=_short(value))
    elif kind.startswith("datetime_"):
        diag.error("G204", rel, line, field=name, value=_short(value))
    elif kind in ("string_too_short", "too_short") or (value is None and kind in _EXPECTED):
        diag.error("G207", rel, line, field=name)  # `title:` with nothing after it is empty
    elif kind in _LIMITS:
        code, key, step = _LIMITS[kind]
        limit = ctx.get(key)
        if isinstance(limit, int) and isinstance(value, int):
            limit += step  # "greater than 0" is "at least 1" for whole numbers
        diag.error(code, rel, line, field=name, value=_short(value), limit=limit)
    elif kind == "string_pattern_mismatch":
        diag.error(
            "G215", rel, line, field=name, value=_short(value), pattern=ctx.get("pattern", "")
        )
    elif kind == "string_too_long":
        diag.error("G216", rel, line, field=name, limit=ctx.get("max_length", ""))
    elif kind == "string_type":
        diag.error("G217", rel, line, field=name, value=_short(value))
    elif kind in _EXPECTED:
        ru, en = _EXPECTED[kind]
        diag.error(
            "G205", rel, line, field=name, expected_ru=ru, expected_en=en, value=_short(value)
        )
    else:
        problem = str(error.get("msg", kind)).removeprefix("Value error, ")
        diag.error("G206", rel, line, field=name, problem=problem)


# error type -> (message code, ctx key of the bound, step from a strict to an inclusive bound)
_LIMITS = {
    "greater_than_equal": ("G208", "ge", 0),
    "greater_than": ("G208", "gt", 1),
    "less_than_equal": ("G209", "le", 0),
    "less_than": ("G209", "lt", -1),
}


def _suggestions(model: type[BaseModel], loc: tuple[str | int, ...]) -> dict[str, str]:
    """'Did you mean' for an unknown key, in both languages (formatted in the site's)."""
    known = _known_fields(model, loc)
    close = difflib.get_close_matches(str(loc[-1]), known, n=1) if loc else []
    if close:
        return {
            "suggestion_ru": f"Возможно, имелось в виду «{close[0]}».",
            "suggestion_en": f"Did you mean '{close[0]}'?",
        }
    if known:
        names = ", ".join(known)
        return {
            "suggestion_ru": f"Известные поля: {names}.",
            "suggestion_en": f"Known fields: {names}.",
        }
    return {"suggestion_ru": "", "suggestion_en": ""}
