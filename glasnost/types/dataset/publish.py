"""The machine-readable files of open data, in the layout of the methodical recommendations
(version 3.0) and, for international tools, Frictionless Data and DCAT (data.json).

    /opendata/list.csv, list.json             registry of all sets (recommendations)
    /opendata/data.json                       DCAT catalogue, Project Open Data 1.1 shape
    /opendata/<inn>-<ID>/meta.csv, meta.json  passport
    /opendata/<inn>-<ID>/data-YYYYMMDD-structure-YYYYMMDD.csv   every data version
    /opendata/<inn>-<ID>/structure-YYYYMMDD.csv                 every structure version
    /opendata/<inn>-<ID>/datapackage.json     Frictionless tabular data package

CSV is UTF-8 without BOM, comma-separated, RFC 4180. A data file already in that form is
copied byte for byte; any other is rewritten row by row into the build cache first
(glasnost/cache.py: a per-user folder outside the site).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from glasnost.cache import make_private, site_cache_dir
from glasnost.types.base import Item, OutputFile
from glasnost.types.dataset.csvcheck import FALSE_VALUES, TRUE_VALUES, normalise_csv
from glasnost.types.dataset.fields import Column, DatasetFields
from glasnost.types.dataset.layout import LIST_URL, STANDARD_VERSION, Layout, structure_name, ymd
from glasnost.types.dataset.view import view_of

if TYPE_CHECKING:
    from glasnost.site import Site

# Rewritten data files live in the per-user cache (glasnost/cache.py), never in the site.
CACHE_FOLDER = "opendata"

# Update frequency wording -> (ISO 8601 repeating duration, days), for DCAT and the report.
_FREQUENCIES: tuple[tuple[tuple[str, ...], str, int], ...] = (
    (("ежедневн", "daily"), "R/P1D", 1),
    (("еженедельн", "weekly"), "R/P1W", 7),
    (("ежемесячн", "раз в месяц", "monthly"), "R/P1M", 31),
    (("ежекварт", "раз в квартал", "quarterly"), "R/P3M", 92),
    (("полгода", "полугод", "semiannual", "twice a year"), "R/P6M", 183),
    (("ежегодн", "раз в год", "annual", "yearly"), "R/P1Y", 366),
)


def frequency(text: str | None) -> tuple[str, int] | None:
    """The period a wording such as «ежегодно» or «раз в полгода» names, when it names one."""
    lowered = (text or "").casefold()
    for words, iso, days in _FREQUENCIES:
        if any(word in lowered for word in words):
            return iso, days
    return None


@dataclass(frozen=True)
class Passport:
    """A set's passport values as published (text, not Markdown)."""

    identifier: str
    title: str
    description: str
    creator: str
    subject: str
    keywords: list[str]
    publisher_name: str
    publisher_phone: str
    publisher_email: str
    created: date
    modified: date
    provenance: str
    valid: date | None
    license: str
    update_frequency: str


def layout_of(item: Item) -> Layout:
    return view_of(item).layout


def plain_text(item: Item) -> str:
    """The description as text: the passport is read by programs, not browsers."""
    html = item.md("description")
    if html:
        return str(Markup(html).striptags())
    data: DatasetFields = item.data
    return " ".join((data.description or "").split())


def passport(item: Item, site: Site) -> Passport:
    data: DatasetFields = item.data
    layout = layout_of(item)
    publisher = data.publisher
    latest = layout.latest
    return Passport(
        identifier=layout.identifier,
        title=item.title,
        description=plain_text(item),
        creator=data.creator or site.config.title,
        subject=", ".join(data.subjects()),
        keywords=data.subjects(),
        publisher_name=(publisher.name or "") if publisher else "",
        publisher_phone=(publisher.phone or "") if publisher else "",
        publisher_email=(publisher.email or "").strip() if publisher else "",
        created=data.created,
        modified=layout.modified,
        provenance=latest.provenance if latest else "",
        valid=data.valid,
        license=data.license or site.config.opendata.license or "",
        update_frequency=data.update_frequency or "",
    )


def csv_bytes(rows: Sequence[Sequence[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _ymd(day: date | None) -> str:
    return ymd(day) if day is not None else ""


# -- one set --------------------------------------------------------------------------------


def meta_rows(p: Passport, layout: Layout, site: Site) -> list[tuple[str, str]]:
    rows = [
        ("standardversion", STANDARD_VERSION),
        ("identifier", p.identifier),
        ("title", p.title),
        ("description", p.description),
        ("creator", p.creator),
        ("created", ymd(p.created)),
        ("modified", ymd(p.modified)),
        ("subject", p.subject),
        ("format", "csv"),
        ("provenance", p.provenance),
        ("valid", _ymd(p.valid)),
        ("publishername", p.publisher_name),
        ("publisherphone", p.publisher_phone),
        ("publishermbox", p.publisher_email),
    ]
    absolute = site.config.absolute
    rows += [(v.key, absolute(layout.file_url(v.name))) for v in layout.versions]
    rows += [
        (structure_name(d).removesuffix(".csv"), absolute(layout.file_url(structure_name(d))))
        for d in layout.structures
    ]
    return rows


def meta_csv(p: Passport, layout: Layout, site: Site) -> bytes:
    return csv_bytes([("property", "value"), *meta_rows(p, layout, site)])


def meta_json(p: Passport, layout: Layout, site: Site) -> dict[str, Any]:
    absolute = site.config.absolute
    return {
        "standardversion": STANDARD_VERSION,
        "identifier": p.identifier,
        "title": p.title,
        "description": p.description,
        "creator": p.creator,
        "created": ymd(p.created),
        "modified": ymd(p.modified),
        "subject": p.subject,
        "format": "csv",
        "provenance": p.provenance,
        "valid": _ymd(p.valid),
        "data": [
            {
                "source": absolute(layout.file_url(v.name)),
                "created": ymd(v.date),
                "provenance": v.provenance,
                "valid": _ymd(layout.version_valid(index)),
                "structure": ymd(v.structure),
            }
            for index, v in enumerate(layout.versions)
        ],
        "structure": [
            {"source": absolute(layout.file_url(structure_name(d))), "created": ymd(d)}
            for d in layout.structures
        ],
        "publisher": {
            "name": p.publisher_name,
            "phone": p.publisher_phone,
            "mbox": p.publisher_email,
        },
    }


def structure_csv(columns: Sequence[Column]) -> bytes:
    rows = [("field name", "english description", "russian description", "format")]
    rows += [(c.name, c.description_en or c.name, c.title, c.type) for c in columns]
    return csv_bytes(rows)


def frictionless_field(column: Column) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "name": column.name,
        "title": column.title,
        "type": column.type,
        "format": "default",
    }
    if column.description_en:
        spec["description"] = column.description_en
    if column.type == "boolean":
        spec["trueValues"] = list(TRUE_VALUES)
        spec["falseValues"] = list(FALSE_VALUES)
    if column.required:
        spec["constraints"] = {"required": True}
    return spec


def datapackage(item: Item, p: Passport, layout: Layout, site: Site) -> dict[str, Any]:
    page = site.config.absolute(item.url)
    schema = {"fields": [frictionless_field(c) for c in layout.columns], "missingValues": [""]}
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": p.identifier,
        "id": page,
        "title": p.title,
        "description": p.description,
        "homepage": page,
        "keywords": p.keywords,
        "created": f"{p.created.isoformat()}T00:00:00Z",
        "licenses": [{"path": page + "#terms", "title": p.license}],
        "contributors": [{"title": p.creator, "role": "author"}],
        "resources": [
            {
                "name": v.key,
                "path": v.name,
                "profile": "tabular-data-resource",
                "title": f"{p.title} ({v.date.isoformat()})",
                "description": v.provenance,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "doubleQuote": True, "header": True},
                "schema": schema,
            }
            for v in reversed(layout.versions)  # the current data first: tools open resource 0
        ],
    }
    if p.publisher_name:
        publisher: dict[str, str] = {"title": p.publisher_name, "role": "publisher"}
        if p.publisher_email:
            publisher["email"] = p.publisher_email
        package["contributors"].append(publisher)
    return package


def data_files(layout: Layout, site: Site) -> Iterator[OutputFile]:
    folder = "opendata/" + layout.identifier + "/"
    cache = site_cache_dir(site.site_dir) / CACHE_FOLDER / layout.identifier
    if cache.is_dir():  # rewrites of versions since renamed or removed
        current = {v.name for v in layout.versions}
        for old in cache.glob("*.csv"):
            if old.name not in current:
                old.unlink()
    for version in layout.versions:
        result = version.result
        if result is not None and result.copy_as_is:
            yield OutputFile(folder + version.name, version.source)
            continue
        # Rewritten into the cache, not into memory: a data file may be hundreds of MB.
        target = cache / version.name
        make_private(cache)
        normalise_csv(version.source, target)
        yield OutputFile(folder + version.name, target)


def set_files(item: Item, site: Site) -> Iterator[OutputFile]:
    layout = layout_of(item)
    p = passport(item, site)
    folder = "opendata/" + layout.identifier + "/"
    yield OutputFile(folder + "meta.csv", meta_csv(p, layout, site))
    yield OutputFile(folder + "meta.json", json_bytes(meta_json(p, layout, site)))
    yield OutputFile(folder + "datapackage.json", json_bytes(datapackage(item, p, layout, site)))
    structure = structure_csv(layout.columns)
    for day in layout.structures:
        yield OutputFile(folder + structure_name(day), structure)
    yield from data_files(layout, site)


# -- all sets -------------------------------------------------------------------------------


def list_csv(items: Sequence[Item], site: Site) -> bytes:
    title = site.t.pick(("Версия методических рекомендаций", "Version of the recommendations"))
    rows = [
        ("property", "title", "value", "format"),
        ("standardversion", title, STANDARD_VERSION, ""),
    ]
    for item in items:
        layout = layout_of(item)
        rows.append(
            (
                layout.identifier,
                item.title,
                site.config.absolute(layout.file_url("meta.csv")),
                "csv",
            )
        )
    return csv_bytes(rows)


def list_json(items: Sequence[Item], site: Site) -> dict[str, Any]:
    return {
        "standardversion": STANDARD_VERSION,
        "meta": [
            {
                "identifier": layout_of(i).identifier,
                "title": i.title,
                "link": site.config.absolute(layout_of(i).file_url("meta.json")),
                "format": "json",
            }
            for i in items
        ],
    }


def dcat_dataset(item: Item, site: Site) -> dict[str, Any]:
    layout = layout_of(item)
    p = passport(item, site)
    page = site.config.absolute(item.url)
    entry: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "identifier": p.identifier,
        "title": p.title,
        "description": p.description,
        "keyword": p.keywords,
        "issued": p.created.isoformat(),
        "modified": p.modified.isoformat(),
        "publisher": {"@type": "org:Organization", "name": p.creator},
        "contactPoint": {"@type": "vcard:Contact", "fn": p.publisher_name or p.creator},
        "accessLevel": "public",
        "license": page + "#terms",
        "rights": p.license,
        "landingPage": page,
        "language": [site.language],
        "describedBy": site.config.absolute(layout.file_url("datapackage.json")),
        "describedByType": "application/json",
        "accrualPeriodicity": (frequency(p.update_frequency) or ("irregular", 0))[0],
        "distribution": [
            {
                "@type": "dcat:Distribution",
                "title": f"{p.title} ({v.date.isoformat()})",
                "description": v.provenance,
                "downloadURL": site.config.absolute(layout.file_url(v.name)),
                "mediaType": "text/csv",
                "format": "CSV",
                "describedBy": site.config.absolute(layout.file_url(v.structure_name)),
                "describedByType": "text/csv",
            }
            for v in reversed(layout.versions)
        ],
    }
    if p.publisher_email:
        entry["contactPoint"]["hasEmail"] = "mailto:" + p.publisher_email
    return entry


def data_json(items: Sequence[Item], site: Site) -> dict[str, Any]:
    return {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@id": site.config.absolute(LIST_URL + "data.json"),
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": [dcat_dataset(i, site) for i in items],
    }


def registry_files(items: Sequence[Item], site: Site) -> Iterator[OutputFile]:
    yield OutputFile("opendata/list.csv", list_csv(items, site))
    yield OutputFile("opendata/list.json", json_bytes(list_json(items, site)))
    yield OutputFile("opendata/data.json", json_bytes(data_json(items, site)))


def published_urls(items: Sequence[Item]) -> set[str]:
    """Every file URL of open data, so Markdown may link to them like to pages."""
    urls = {LIST_URL + name for name in ("list.csv", "list.json", "data.json")}
    for item in items:
        layout = layout_of(item)
        names = ["meta.csv", "meta.json", "datapackage.json"]
        names += [v.name for v in layout.versions] + [structure_name(d) for d in layout.structures]
        urls |= {layout.file_url(n) for n in names}
    return urls
