"""Where a set's files go and what they are called, per the methodical recommendations 3.0.

Built once per set while checking (the data files' check results hang off it) and read
by the page, the JSON copy, the published files and the compliance report alike.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from glasnost.types.dataset.csvcheck import ColumnSpec, CsvResult
from glasnost.types.dataset.fields import Column

STANDARD_VERSION = "http://opendata.gosmonitor.ru/standard/3.0"
LIST_URL = "/opendata/"
# The code after the INN: it is a folder name and part of addresses other systems keep.
IDENT_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def ymd(day: dt.date) -> str:
    """Dates in the recommendations' file names and passports: YYYYMMDD."""
    return day.strftime("%Y%m%d")


def structure_name(day: dt.date) -> str:
    return f"structure-{ymd(day)}.csv"


@dataclass
class DataVersion:
    """One data version as published: its dates, its source file and the check of it."""

    date: dt.date
    structure: dt.date
    file: str
    source: Path
    rel: str
    provenance: str
    valid: dt.date | None
    line: int | None = None
    result: CsvResult | None = None

    @property
    def name(self) -> str:
        return f"data-{ymd(self.date)}-structure-{ymd(self.structure)}.csv"

    @property
    def key(self) -> str:
        """The meta.csv property of this version: the file name without .csv."""
        return self.name.removesuffix(".csv")

    @property
    def structure_name(self) -> str:
        return structure_name(self.structure)

    @property
    def rows(self) -> int:
        return self.result.rows if self.result is not None else 0

    @property
    def size(self) -> int:
        return self.source.stat().st_size if self.source.is_file() else 0


@dataclass
class Layout:
    identifier: str  # published: <inn>-<code>
    code: str
    url: str  # /opendata/<inn>-<code>/
    created: dt.date
    valid: dt.date | None
    columns: list[Column]
    versions: list[DataVersion] = field(default_factory=list)  # oldest first

    @property
    def structures(self) -> list[dt.date]:
        """Dates of the structure versions: those the data versions use, else `created`."""
        return sorted({v.structure for v in self.versions}) or [self.created]

    @property
    def latest(self) -> DataVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def modified(self) -> dt.date:
        latest = self.latest
        return latest.date if latest is not None else self.created

    @property
    def preview(self) -> list[list[str]]:
        latest = self.latest
        return latest.result.preview if latest is not None and latest.result is not None else []

    def file_url(self, name: str) -> str:
        return self.url + name

    def specs(self) -> list[ColumnSpec]:
        return [ColumnSpec(c.name, c.type, c.required) for c in self.columns]

    def version_valid(self, index: int) -> dt.date | None:
        """A version's valid-until date: its own, else the set's for the latest and, for
        an older one, the day the next version replaced it."""
        version = self.versions[index]
        if version.valid is not None:
            return version.valid
        if index == len(self.versions) - 1:
            return self.valid
        return self.versions[index + 1].date
