"""STUB: the meeting type is being written; this placeholder only accepts its files."""

from __future__ import annotations

from typing import ClassVar

from pydantic import ConfigDict

from glasnost.types.base import ContentModel, ContentType


class MeetingFields(ContentModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class MeetingType(ContentType):
    name = "meeting"
    folder = "meetings"
    pattern = "*.md"
    model = MeetingFields
    url_prefix = "/meetings/"
    template = "page.html"
    titles: ClassVar[dict[str, tuple[str, str]]] = {"ru": ("meeting", "meetings"), "en": ("meeting", "meetings")}
