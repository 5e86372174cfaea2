"""What a data set derives (its view): the layout of its files and the JSON copy's part."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, PrivateAttr

from glasnost.types.base import Item
from glasnost.types.dataset.fields import DatasetFields
from glasnost.types.dataset.layout import STANDARD_VERSION, Layout, structure_name

if TYPE_CHECKING:
    from glasnost.site import Site


class VersionOut(BaseModel):
    date: dt.date
    url: str
    structure: dt.date
    structure_url: str
    provenance: str
    valid: dt.date | None
    rows: int
    source: str


class StructureOut(BaseModel):
    date: dt.date
    url: str


class DatasetView(BaseModel):
    # The set's view: `computed` in its JSON copy (the schema keeps its published title),
    # and the layout its pages and files are made from.
    model_config = ConfigDict(title="DatasetComputed")

    identifier: str
    standardversion: str
    creator: str
    license: str
    created: dt.date
    modified: dt.date
    valid: dt.date | None
    stale: bool
    meta_csv: str
    meta_json: str
    datapackage: str
    latest: str | None
    versions: list[VersionOut]
    structures: list[StructureOut]
    _layout: Layout = PrivateAttr()

    @property
    def layout(self) -> Layout:
        return self._layout


def dataset_view(item: Item, layout: Layout, site: Site) -> DatasetView:
    """The set's view: its layout (files, versions) and what its JSON copy publishes."""
    data: DatasetFields = item.data
    absolute = site.config.absolute
    versions = [
        VersionOut(
            date=v.date,
            url=absolute(layout.file_url(v.name)),
            structure=v.structure,
            structure_url=absolute(layout.file_url(v.structure_name)),
            provenance=v.provenance,
            valid=layout.version_valid(index),
            rows=v.rows,
            source=v.rel,
        )
        for index, v in enumerate(layout.versions)
    ]
    latest = layout.latest
    view = DatasetView(
        identifier=layout.identifier,
        standardversion=STANDARD_VERSION,
        creator=data.creator or site.config.title,
        license=data.license or site.config.opendata.license or "",
        created=data.created,
        modified=layout.modified,
        valid=data.valid,
        stale=data.valid is not None and data.valid < site.today,
        meta_csv=absolute(layout.file_url("meta.csv")),
        meta_json=absolute(layout.file_url("meta.json")),
        datapackage=absolute(layout.file_url("datapackage.json")),
        latest=absolute(layout.file_url(latest.name)) if latest else None,
        versions=versions,
        structures=[
            StructureOut(date=d, url=absolute(layout.file_url(structure_name(d))))
            for d in layout.structures
        ],
    )
    view._layout = layout
    return view


def view_of(item: Item) -> DatasetView:
    """The set's view, as DatasetType.prepare made it."""
    view = item.view
    if not isinstance(view, DatasetView):  # pragma: no cover - prepare runs for every set
        raise TypeError(f"{item.rel}: the set has no view")
    return view
