"""The machine-readable copy: item and list JSON, the catalogue and JSON Schemas.

The schema of an item is derived from the same pydantic model that validates its
source file, wrapped in an envelope every JSON object shares: type, id, url, updated.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from glasnost.site import Item, OutputFile
from glasnost.types.base import ContentType

if TYPE_CHECKING:
    from glasnost.site import Site

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
API_ROOT = "/api/v1/"


def dumps(value: Any) -> bytes:
    # Compact on purpose: with `indent` the json module falls back to its pure-Python
    # encoder, which cost a tenth of a whole build.
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def schema_url(site: Site, name: str) -> str:
    return site.config.absolute(f"/schema/{name}.json")


def envelope(site: Site, kind: str, ident: str, url: str, updated: str) -> dict[str, Any]:
    return {
        "$schema": schema_url(site, kind),
        "type": kind,
        "id": ident,
        "url": site.config.absolute(url),
        "updated": updated,
    }


def item_json(item: Item, site: Site) -> dict[str, Any]:
    doc = envelope(site, item.kind.name, item.id, item.url, item.updated.isoformat())
    doc.update(
        {
            "published": item.published.isoformat(),
            "title": item.title,
            "slug": item.slug,
            "html_url": site.config.absolute(item.url),
            "source": item.rel,
            "fields": item.data.model_dump(mode="json", exclude_none=True),
            "html": dict(sorted(item.html.items())),
            "computed": item.kind.computed(item, site),
        }
    )
    return doc


def item_summary(item: Item, site: Site) -> dict[str, Any]:
    return {
        "type": item.kind.name,
        "id": item.id,
        "url": site.config.absolute(item.url),
        "json": site.config.absolute(item.url + "index.json"),
        "title": item.title,
        "published": item.published.isoformat(),
        "updated": item.updated.isoformat(),
    }


def list_json(
    site: Site, kind: ContentType, url: str, items: list[Item], page: int, pages: int
) -> dict[str, Any]:
    updated = max((i.updated for i in items), default=site.updated).isoformat()
    doc = envelope(site, "collection", f"{kind.name}/page/{page}", url, updated)
    doc.update(
        {
            "title": kind.title_many(site.language),
            "item_type": kind.name,
            "page": page,
            "pages": pages,
            "items": [item_summary(i, site) for i in items],
        }
    )
    return doc


def page_json(site: Site, ident: str, url: str, title: str, data: dict[str, Any]) -> dict[str, Any]:
    doc = envelope(site, "page_view", ident, url, site.updated.isoformat())
    doc.update({"title": title, "data": data})
    return doc


def catalogue(site: Site, markers: list[str] | None = None) -> dict[str, Any]:
    """The API's index: each collection with a summary of each of its items; with
    `markers`, each collection's items are that string instead (catalogue_file)."""
    doc = envelope(
        site, "catalogue", "catalogue", API_ROOT + "index.json", site.updated.isoformat()
    )
    doc["title"] = site.config.title
    doc["language"] = site.language
    doc["collections"] = [
        collection_summary(site, kind, markers[n] if markers else None)
        for n, kind in enumerate(site.kinds)
    ]
    return doc


def catalogue_file(site: Site) -> bytes:
    """dumps(catalogue(site)), byte for byte, without holding a summary object of every
    item of the site at once (10,000 items: 19 MB of them for a 3 MB file, the largest
    peak of a one-change build after the model): the document is encoded with a marker
    in each collection's place for its items, which are then encoded one at a time."""
    kinds = list(site.kinds)
    markers = [f"\x00{n}\x00" for n in range(len(kinds))]
    frame = dumps(catalogue(site, markers))
    parts: list[bytes] = []
    for kind, marker in zip(kinds, markers, strict=True):
        # A control character is always escaped by the encoder and never in a text of
        # the site (refused when read), so the encoded marker occurs once, in order.
        before, _, frame = frame.partition(_compact(marker))
        summaries = (_compact(item_summary(i, site)) for i in site.collection(kind.name))
        parts += [before, b"[", b",".join(summaries), b"]"]
    return b"".join([*parts, frame])


def _compact(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def collection_summary(site: Site, kind: ContentType, marker: str | None = None) -> dict[str, Any]:
    items = site.collection(kind.name)
    return {
        "type": kind.name,
        "id": kind.name,
        "url": site.config.absolute(kind.list_url()),
        "updated": max((i.updated for i in items), default=site.updated).isoformat(),
        "title": kind.title_many(site.language),
        "schema": schema_url(site, kind.name),
        "count": len(items),
        "items": marker if marker is not None else [item_summary(i, site) for i in items],
    }


def _base_envelope_schema(site: Site, name: str, title: str) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_DRAFT,
        "$id": schema_url(site, name),
        "title": title,
        "type": "object",
        "required": ["type", "id", "url", "updated"],
        "properties": {
            "$schema": {"type": "string"},
            "type": {"const": name},
            "id": {"type": "string", "minLength": 1},
            "url": {"type": "string", "format": "uri"},
            "updated": {"type": "string", "format": "date"},
        },
    }


def item_schema(site: Site, kind: ContentType) -> dict[str, Any]:
    schema = _base_envelope_schema(site, kind.name, kind.title_one(site.language))
    fields = kind.model.model_json_schema(mode="serialization", ref_template="#/$defs/{model}")
    defs = fields.pop("$defs", {})
    computed: dict[str, Any] = {"type": "object"}
    if kind.computed_model is not None:
        computed = kind.computed_model.model_json_schema(
            mode="serialization", ref_template="#/$defs/{model}"
        )
        defs.update(computed.pop("$defs", {}))
    schema["required"] += ["published", "title", "slug", "fields", "html", "computed"]
    schema["properties"].update(
        {
            "published": {"type": "string", "format": "date"},
            "title": {"type": "string"},
            "slug": {"type": "string", "pattern": "^[a-z0-9_-]+$"},
            "html_url": {"type": "string", "format": "uri"},
            "source": {"type": "string"},
            "fields": fields,
            "html": {"type": "object", "additionalProperties": {"type": "string"}},
            "computed": computed,
        }
    )
    schema["additionalProperties"] = False
    if defs:
        schema["$defs"] = defs
    return schema


_SUMMARY = {
    "type": "object",
    "required": ["type", "id", "url", "json", "title", "published", "updated"],
    "properties": {
        "type": {"type": "string"},
        "id": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "json": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "published": {"type": "string", "format": "date"},
        "updated": {"type": "string", "format": "date"},
    },
}


def collection_schema(site: Site) -> dict[str, Any]:
    schema = _base_envelope_schema(site, "collection", "Collection page")
    schema["required"] += ["title", "item_type", "page", "pages", "items"]
    schema["properties"].update(
        {
            "title": {"type": "string"},
            "item_type": {"type": "string"},
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "items": {"type": "array", "items": _SUMMARY},
        }
    )
    return schema


def page_view_schema(site: Site) -> dict[str, Any]:
    schema = _base_envelope_schema(site, "page_view", "Page")
    schema["required"] += ["title", "data"]
    schema["properties"].update({"title": {"type": "string"}, "data": {"type": "object"}})
    return schema


def catalogue_schema(site: Site) -> dict[str, Any]:
    schema = _base_envelope_schema(site, "catalogue", "Catalogue")
    schema["required"] += ["title", "language", "collections"]
    schema["properties"].update(
        {
            "title": {"type": "string"},
            "language": {"type": "string"},
            "collections": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "type",
                        "id",
                        "url",
                        "updated",
                        "title",
                        "schema",
                        "count",
                        "items",
                    ],
                    "properties": {
                        "type": {"type": "string"},
                        "id": {"type": "string", "minLength": 1},
                        "url": {"type": "string", "format": "uri"},
                        "updated": {"type": "string", "format": "date"},
                        "title": {"type": "string"},
                        "schema": {"type": "string", "format": "uri"},
                        "count": {"type": "integer", "minimum": 0},
                        "items": {"type": "array", "items": _SUMMARY},
                    },
                },
            },
        }
    )
    return schema


def schema_files(site: Site) -> list[OutputFile]:
    # Generating the schemas from the models took a fifth of a second per build, and the
    # live preview builds again on every save: made once per process for what they read
    # (the types' models, the site's address and language).
    key = (tuple(type(k) for k in site.kinds), site.config.base_url, site.language)
    made = _SCHEMAS.get(key)
    if made is None:
        if len(_SCHEMAS) >= 4:  # a few sites per process at most (tests): bounded anyway
            _SCHEMAS.clear()
        made = _SCHEMAS[key] = tuple(_schema_files(site))
    return list(made)


_SCHEMAS: dict[tuple[tuple[type[ContentType], ...], str, str], tuple[OutputFile, ...]] = {}


def _schema_files(site: Site) -> list[OutputFile]:
    files = [OutputFile(f"schema/{k.name}.json", dumps(item_schema(site, k))) for k in site.kinds]
    files.append(OutputFile("schema/collection.json", dumps(collection_schema(site))))
    files.append(OutputFile("schema/catalogue.json", dumps(catalogue_schema(site))))
    files.append(OutputFile("schema/page_view.json", dumps(page_view_schema(site))))
    return files
