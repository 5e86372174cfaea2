"""Open-data sets: content/datasets/ID/dataset.yaml plus its CSV files, published under
/opendata/<inn>-<ID>/ in the layout of the Russian methodical recommendations on open
data (version 3.0).

The package: `fields` (the YAML), `checks` (rules, run while the site model is built),
`csvcheck` (the streaming data-file check), `layout` (file names and URLs), `publish`
(meta, registry, Frictionless and DCAT files), `compliance` (the `check --opendata`
report), `messages` (D1xx diagnostics) and `ui` (template strings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from glasnost.feeds import at_midnight, default_entry
from glasnost.slugs import slug_from_filename
from glasnost.sourcefile import SourceFile
from glasnost.types.base import ContentType, FeedEntry, HomeBlock, Item, MarkdownField, OutputFile
from glasnost.types.dataset import publish
from glasnost.types.dataset.checks import check_dataset
from glasnost.types.dataset.compliance import report as compliance_report
from glasnost.types.dataset.fields import DatasetFields
from glasnost.types.dataset.layout import (
    IDENT_RE,
    LIST_URL,
    STANDARD_VERSION,
    Layout,
    structure_name,
    ymd,
)
from glasnost.types.dataset.messages import MESSAGES
from glasnost.types.dataset.ui import UI
from glasnost.types.dataset.view import DatasetView, dataset_view

if TYPE_CHECKING:
    from glasnost.diagnostics import Diagnostics
    from glasnost.site import Site

STARTER = """\
title: {title}
description: |
  Что содержит набор, за какой период и откуда взяты данные.
# creator: владелец набора; по умолчанию — название организации из site_config.yaml
subject: [ключевое слово, ещё одно]
publisher: {{name: Фамилия И.О., phone: "+70000000000", email: opendata@example.ru}}
created: {today}
valid: {today}                    # до какой даты данные актуальны
update_frequency: ежегодно
# license: условия использования; по умолчанию — opendata.license из site_config.yaml
structure:                        # столбцы файла CSV по порядку; type: string, integer,
  - {{name: name, title: Наименование, type: string, required: true}}   # number, date, boolean
  - {{name: value, title: Значение, type: integer}}
versions: []
# Первую версию добавьте так (файл CSV в UTF-8 положите рядом с этим файлом):
#  - {{date: ГГГГ-ММ-ДД, file: data-ГГГГММДД.csv, provenance: Первая публикация}}
"""


# -- the type ---------------------------------------------------------------------------------


class DatasetType(ContentType):
    name = "dataset"
    folder = "datasets"
    pattern = "*/dataset.yaml"
    model = DatasetFields
    computed_model = DatasetView
    url_prefix = LIST_URL
    nav_order = 60
    template = "dataset.html"
    list_template = "opendata.html"
    titles: ClassVar[dict[str, tuple[str, str]]] = {
        "ru": ("Набор открытых данных", "Открытые данные"),
        "en": ("Open data set", "Open data"),
    }
    messages = MESSAGES
    ui = UI
    starter = STARTER

    # -- identity ---------------------------------------------------------------------------
    def slug_of(self, source: SourceFile, data: Any) -> str:
        # The code is the folder name as written. One that breaks the rules is reported by
        # check() (D101); here it only gets a usable stand-in so nothing else trips on it.
        code = str(getattr(data, "slug", None) or source.path.parent.name)
        return code if IDENT_RE.match(code) else slug_from_filename(code)

    def item_url(self, slug: str, site: Site) -> str:
        inn = site.config.inn
        return f"{LIST_URL}{inn}-{slug}/" if inn else f"{LIST_URL}{slug}/"

    def list_url(self) -> str:
        return LIST_URL

    # -- phase 1 ----------------------------------------------------------------------------
    def declared_dates(self, item: Item) -> tuple[dt.date | None, dt.date | None]:
        # The passport's own dates: first publication, and the latest version's date.
        data: DatasetFields = item.data
        published = data.published or data.created
        latest = max((v.date for v in data.versions), default=published)
        return published, data.updated or max(latest, published)

    def markdown_fields(self, item: Item) -> Iterator[MarkdownField]:
        data: DatasetFields = item.data
        if data.description:
            yield MarkdownField("description", data.description, item.text_line("description"))

    def prepare(self, item: Item, site: Site, diag: Diagnostics) -> DatasetView:
        # The layout is found by reading the set's CSV files, and so are their mistakes:
        # the rules run while the files are read once (streamed), not in a second pass.
        return dataset_view(item, check_dataset(item, site, diag), site)

    def published_urls(self, site: Site) -> set[str]:
        return publish.published_urls(site.collection(self.name))

    def sort_key(self, item: Item) -> tuple[str, str]:
        return (item.title.casefold(), item.slug)

    # -- phase 2 ----------------------------------------------------------------------------

    def page_context(self, item: Item, site: Site) -> dict[str, Any]:
        return page_view(item, site)

    def feed_entries(self, item: Item, site: Site) -> Iterable[FeedEntry]:
        # A new version is news for those who follow the data: one entry per version.
        layout = publish.layout_of(item)
        if not layout.versions:
            yield default_entry(item, site)
            return
        page = site.config.absolute(item.url)
        for version in layout.versions:
            when = at_midnight(version.date, site)
            anchor = f"{page}#v{ymd(version.date)}"
            label = site.t("ds_version_of", date=site.t.date(version.date))
            yield FeedEntry(
                id=anchor,
                title=f"{item.title}: {label}",
                url=anchor,
                published=when,
                updated=when,
                summary=version.provenance or item.title,
                category=self.title_one(site.language),
            )

    def home_block(self, site: Site) -> HomeBlock | None:
        items = site.collection(self.name)
        return (
            HomeBlock(50, "home/dataset.html", {"count": len(items), "items": items[:5]})
            if items
            else None
        )

    def extra_outputs(self, site: Site) -> Iterable[OutputFile]:
        # The registry is published even empty: the /opendata/ page links it, and a robot
        # finding an empty list.csv knows there is nothing yet rather than a broken site.
        items = site.collection(self.name)
        yield from publish.registry_files(items, site)
        for item in items:
            yield from publish.set_files(item, site)

    def search_text(self, item: Item) -> str:
        data: DatasetFields = item.data
        return " ".join([*data.subjects(), *(c.title for c in data.structure)])

    def report(self, site: Site, language: str) -> str | None:
        return compliance_report(site, language)


# -- the page -------------------------------------------------------------------------------


def _size(count: int, site: Site) -> str:
    units = site.t.pick((("Б", "КБ", "МБ", "ГБ"), ("B", "KB", "MB", "GB")))
    value = float(count)
    for unit in units:
        if value < 1024 or unit == units[-1]:
            digits = 0 if unit == units[0] else 1
            return f"{site.t.number(value, digits)}\u00a0{unit}"
        value /= 1024
    return str(count)  # pragma: no cover - the loop always returns


def _shorten(text: str, limit: int) -> str:
    """For <meta name="description">: whole words, an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def page_view(item: Item, site: Site) -> dict[str, Any]:
    """What dataset.html shows, prepared so that the template only lays it out."""
    layout: Layout = publish.layout_of(item)
    p = publish.passport(item, site)
    absolute = site.config.absolute
    latest = layout.latest
    versions = [
        {
            "date": v.date,
            "anchor": f"v{ymd(v.date)}",
            "provenance": v.provenance,
            "structure": v.structure,
            "name": v.name,
            "url": layout.file_url(v.name),
            "absolute": absolute(layout.file_url(v.name)),
            "structure_url": layout.file_url(v.structure_name),
            "rows": v.rows,
            "size": _size(v.size, site),
        }
        for v in reversed(layout.versions)
    ]
    structures = [
        {
            "date": d,
            "name": structure_name(d),
            "url": layout.file_url(structure_name(d)),
            "absolute": absolute(layout.file_url(structure_name(d))),
        }
        for d in reversed(layout.structures)
    ]
    phone = p.publisher_phone
    return {
        "description": _shorten(p.description, 300),
        "od": layout,
        "passport": p,
        "standardversion": STANDARD_VERSION,
        "phone_href": "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")
        if phone
        else "",
        "page_absolute": absolute(item.url),
        "versions": versions,
        "latest": versions[0] if versions else None,
        "structures": structures,
        "current_structure": structures[0],
        "stale": p.valid is not None and p.valid < site.today,
        "columns": layout.columns,
        "numeric": [c.type in ("integer", "number") for c in layout.columns],
        "preview": layout.preview,
        "total_rows": latest.rows if latest else 0,
        "files": [
            ("meta.csv", site.t("ds_meta_csv")),
            ("meta.json", site.t("ds_meta_json")),
            ("datapackage.json", site.t("ds_datapackage")),
        ],
    }
