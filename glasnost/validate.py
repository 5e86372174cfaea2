"""Stage 2: check loaded data against the declared schema, with lines for every problem.

Pydantic checks shapes and types; the rules that need the whole site (a report citing
a plan item, an announcement's notice period) are each type's `check`, in the site
model stage. Here pydantic's errors are turned into diagnostics in the site's terms.
"""

from __future__ import annotations

import difflib
from enum import Enum
from typing import Annotated, Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

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


class Identifier:
    """Marks a text field that names something (a measure's number, a plan's slug).

    YAML reads an unquoted `1.10` as the number 1.1 and `010` as 8: for a name, any
    unquoted number is refused, since the reader cannot know what was meant.
    """


IdText = Annotated[str, Identifier()]


class Choices:
    """The words a press secretary may write for a coded value ("done" is «выполнено»):
    the hint for a wrong value lists them (a field's own validator accepts them)."""

    def __init__(self, words: dict[str, str]) -> None:
        self.words = words  # code -> Russian word


def validate_model(model: type[ModelT], source: SourceFile, diag: Diagnostics) -> ModelT | None:
    kept = numbers_kept(model, source, diag)  # told even when other fields are wrong too
    try:
        data = model.model_validate(source.data)
    except ValidationError as exc:
        report_validation_error(exc, model, source, diag)
        return None
    return data if kept else None


def numbers_kept(model: type[BaseModel], source: SourceFile, diag: Diagnostics) -> bool:
    """False (with an error) where YAML read a name as a number, or where reading a text
    as a number changed it (`1.10` -> "1.1", `010` -> "8")."""
    ok = True
    for loc, written in source.lines.numbers.items():
        info = field_at(model, loc)
        if info is None:
            continue
        read = _value_at(source.data, loc)
        changed = _accepts_text(info.annotation) and str(read) != written
        if is_identifier(info) or changed:
            name = next((p for p in reversed(loc) if isinstance(p, str)), "")
            diag.error(
                "G222",
                source.rel,
                source.line(*loc),
                field=field_name(loc),
                written=written,
                read=_short(read),
                key=name,
            )
            ok = False
    return ok


def field_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> FieldInfo | None:
    """The declared field that holds the value at loc (list positions belong to their list)."""
    current: Any = model
    info: FieldInfo | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return info


def is_identifier(info: FieldInfo) -> bool:
    return any(isinstance(m, Identifier) for m in info.metadata) or _marked(info.annotation)


def _marked(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated:
        return any(isinstance(m, Identifier) for m in get_args(annotation)[1:])
    return any(_marked(arg) for arg in get_args(annotation))


def _accepts_text(annotation: Any) -> bool:
    """A str field (or a list of them) that takes no number: there a number became text."""
    found = _leaf_types(annotation)
    return str in found and not found & {int, float}


def _leaf_types(annotation: Any) -> set[Any]:
    args = get_args(annotation)
    if not args:
        return {annotation}
    return set().union(*(_leaf_types(arg) for arg in args))


def _value_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _enum_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[Enum] | None:
    info = field_at(model, loc)
    if info is None:
        return None
    return next(
        (t for t in _leaf_types(info.annotation) if isinstance(t, type) and issubclass(t, Enum)),
        None,
    )


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
    elif kind == "extra_forbidden" and loc in source.lines.flow_orphans:
        diag.error("G218", rel, line, field=field_name(loc[:-1]), key=str(loc[-1]))
    elif kind == "extra_forbidden":
        diag.error("G201", rel, line, field=name, **_suggestions(model, loc))
    elif kind in ("literal_error", "enum") and _labelled_enum(model, loc):
        choices = _labelled_enum(model, loc)
        diag.error(
            "G219",
            rel,
            line,
            field=name,
            value=_short(value),
            allowed=", ".join(code for code, _ in choices),
            words_ru=", ".join(word for _, word in choices),
        )
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


def _labelled_enum(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[tuple[str, str]]:
    """(code, Russian word) of each choice, when the field's enum accepts the Russian words
    too (it has a `label(language)`): a press secretary writes «выполнено», not `done`."""
    info = field_at(model, loc)
    declared = None
    if info is not None:  # pydantic keeps a field's own Annotated extras in its metadata
        own = [m for m in info.metadata if isinstance(m, Choices)]
        declared = own[0] if own else _choices(info.annotation)
    if declared is not None:
        return list(declared.words.items())
    enum = _enum_at(model, loc)
    if enum is None or not callable(getattr(enum, "label", None)):
        return []
    return [(str(member.value), str(member.label("ru"))) for member in enum]  # type: ignore[attr-defined]


def _choices(annotation: Any) -> Choices | None:
    if get_origin(annotation) is Annotated:
        found = [m for m in get_args(annotation)[1:] if isinstance(m, Choices)]
        if found:
            return found[0]
    return next((c for a in get_args(annotation) if (c := _choices(a)) is not None), None)


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
