"""STUB: the plan type is being written; this placeholder only accepts its files."""

from __future__ import annotations

from typing import ClassVar

from pydantic import ConfigDict

from glasnost.types.base import ContentModel, ContentType


class PlanFields(ContentModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class PlanType(ContentType):
    name = "plan"
    folder = "plans"
    pattern = "*.yaml"
    model = PlanFields
    url_prefix = "/plans/"
    template = "page.html"
    titles: ClassVar[dict[str, tuple[str, str]]] = {"ru": ("plan", "plans"), "en": ("plan", "plans")}
