"""STUB: the dataset type is being written; this placeholder only accepts its files."""

from __future__ import annotations

from typing import ClassVar

from pydantic import ConfigDict

from glasnost.types.base import ContentModel, ContentType


class DatasetFields(ContentModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class DatasetType(ContentType):
    name = "dataset"
    folder = "datasets"
    pattern = "*/dataset.yaml"
    model = DatasetFields
    url_prefix = "/opendata/"
    template = "page.html"
    titles: ClassVar[dict[str, tuple[str, str]]] = {"ru": ("dataset", "datasets"), "en": ("dataset", "datasets")}
