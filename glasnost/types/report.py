"""STUB: the report type is being written; this placeholder only accepts its files."""

from __future__ import annotations

from typing import ClassVar

from pydantic import ConfigDict

from glasnost.types.base import ContentModel, ContentType


class ReportFields(ContentModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class ReportType(ContentType):
    name = "report"
    folder = "reports"
    pattern = "*.yaml"
    model = ReportFields
    url_prefix = "/reports/"
    template = "page.html"
    titles: ClassVar[dict[str, tuple[str, str]]] = {"ru": ("report", "reports"), "en": ("report", "reports")}
