"""The registry of content types. A new type is one module here, named in TYPES."""

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


def all_types() -> list[ContentType]:
    return [kind() for kind in TYPES]


def type_messages() -> dict[str, Message]:
    merged: dict[str, Message] = {}
    for kind in TYPES:
        merged.update(kind.messages)
    return merged


def type_by_name(name: str) -> ContentType | None:
    return next((k for k in all_types() if k.name == name), None)
