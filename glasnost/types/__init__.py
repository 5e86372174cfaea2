"""The registry of content types: the one place a type is named.

A new type is one module (or package) here, its templates, and one line in TYPES. A
build may use another registry (`BuildOptions.types`): `registry(MyType)` is the engine's
types plus yours, which is how the test suite builds a type defined only inside it.
"""

from __future__ import annotations

from glasnost.diagnostics import Message
from glasnost.types.base import ContentType
from glasnost.types.dataset import DatasetType
from glasnost.types.meeting import MeetingType
from glasnost.types.news import NewsType
from glasnost.types.page import PageType
from glasnost.types.plan import PlanType
from glasnost.types.report import ReportType

# The order is the order of the menu, the catalogue and the home page's fallbacks.
TYPES: tuple[type[ContentType], ...] = (
    PageType,
    NewsType,
    PlanType,
    ReportType,
    MeetingType,
    DatasetType,
)


Registry = tuple[type[ContentType], ...]


def registry(*extra: type[ContentType]) -> Registry:
    """The engine's types and, after them, more (a site's own or a test's)."""
    return (*TYPES, *extra)


def all_types(types: Registry = TYPES) -> list[ContentType]:
    return [kind() for kind in types]


def type_messages(types: Registry = TYPES) -> dict[str, Message]:
    merged: dict[str, Message] = {}
    for kind in types:
        merged.update(kind.messages)
    return merged


def type_by_name(name: str) -> ContentType | None:
    return next((k for k in all_types() if k.name == name), None)
