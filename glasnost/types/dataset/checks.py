"""The rules of an open-data set beyond its YAML shape, run in the site-model stage.

Everything that could make a published set wrong is found here: the code, the passport,
the structure, the versions and every data file (streamed through csvcheck). The result
is the set's Layout, which the page, the JSON and the published files then only read.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from slugify import slugify

from glasnost.contentpaths import inside_content
from glasnost.i18n import choose
from glasnost.slugs import slug_from_filename
from glasnost.types.base import Item
from glasnost.types.dataset.csvcheck import check_csv
from glasnost.types.dataset.fields import DatasetFields, Version
from glasnost.types.dataset.layout import IDENT_RE, DataVersion, Layout, ymd

if TYPE_CHECKING:
    from glasnost.diagnostics import Diagnostics
    from glasnost.site import Site

PREVIEW_ROWS = 100
_COLUMN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_EIGHT_DIGITS = re.compile(r"(?<![0-9])([0-9]{8})(?![0-9])")

# Passport keys the recommendations require, with their names for the warning.
PASSPORT_KEYS: dict[str, tuple[str, str]] = {
    "description": ("описание набора данных", "description"),
    "subject": ("ключевые слова", "keywords"),
    "publisher.name": ("ответственное лицо", "responsible person"),
    "publisher.phone": ("телефон ответственного лица", "responsible person's phone"),
    "publisher.email": ("эл. почта ответственного лица", "responsible person's e-mail"),
    "valid": ("дата актуальности", "valid-until date"),
    "update_frequency": ("периодичность обновления", "update frequency"),
}


def code_of(item: Item) -> str:
    """The set's code as written: `slug:` if given, else the folder's name."""
    data: DatasetFields = item.data
    return data.slug or item.source.path.parent.name


def identifier(code: str, site: Site) -> str:
    inn = site.config.inn
    return f"{inn}-{code}" if inn else code


def missing_passport(data: DatasetFields) -> list[str]:
    """Passport keys left empty (the latest version's provenance is checked apart)."""
    publisher = data.publisher
    values = {
        "description": data.description,
        "subject": ", ".join(data.subjects()),
        "publisher.name": publisher.name if publisher else None,
        "publisher.phone": publisher.phone if publisher else None,
        "publisher.email": publisher.email if publisher else None,
        "valid": data.valid,
        "update_frequency": data.update_frequency,
    }
    return [key for key, value in values.items() if value is None or not str(value).strip()]


def check_dataset(item: Item, site: Site, diag: Diagnostics) -> Layout:
    data: DatasetFields = item.data
    _check_site(item, site, diag)
    _check_code(item, diag)
    _check_passport(item, site, diag)
    layout = Layout(
        identifier=identifier(item.slug, site),
        code=item.slug,
        url=item.url,
        created=data.created,
        valid=data.valid,
        columns=list(data.structure),
    )
    layout.versions = _versions(item, site, diag)
    if not data.versions:
        diag.warning("D103", item.rel, item.line("versions") or item.line("structure"))
    if _columns_ok(item, diag):
        for version in layout.versions:
            _check_file(version, layout, site, diag, preview=version is layout.latest)
    latest = layout.latest
    if latest is not None and not latest.provenance.strip():
        label = ("содержание последнего изменения", "what the latest change was")
        _missing(item, site, diag, "provenance", label, latest.line)
    if data.valid is not None and data.valid < site.today:
        diag.warning("D110", item.rel, item.line("valid"), valid=data.valid.isoformat())
    if data.valid is not None and data.valid < data.created:
        diag.warning(
            "D126",
            item.rel,
            item.line("valid"),
            valid=data.valid.isoformat(),
            created=data.created.isoformat(),
        )
    return layout


def _check_site(item: Item, site: Site, diag: Diagnostics) -> None:
    """The INN prefixes every set's code: one error for the site (with its first set)."""
    first = site.of_kind(item.kind.name)[0]
    if site.config.inn is None and item is first:
        diag.error("D100", "site_config.yaml")


def _check_code(item: Item, diag: Diagnostics) -> None:
    code = code_of(item)
    if not IDENT_RE.match(code):
        suggestion = slug_from_filename(code).replace("_", "-")
        diag.error("D101", item.rel, item.line("slug"), ident=code, suggestion=suggestion)


def _missing(
    item: Item, site: Site, diag: Diagnostics, key: str, label: tuple[str, str], line: int | None
) -> None:
    shown = site.t.pick(label)
    diag.warning("D130", item.rel, line, field=key, label=shown)


def _check_passport(item: Item, site: Site, diag: Diagnostics) -> None:
    data: DatasetFields = item.data
    if not data.license and not site.config.opendata.license:
        diag.error("D102", item.rel, item.line("title"))
    for key in missing_passport(data):
        line = item.line(*key.split(".")) or item.line("title")
        _missing(item, site, diag, key, PASSPORT_KEYS[key], line)
    email = data.publisher.email if data.publisher else None
    if email and not _EMAIL.match(email.strip()):
        diag.error("D131", item.rel, item.line("publisher", "email"), email=email)


def _columns_ok(item: Item, diag: Diagnostics) -> bool:
    data: DatasetFields = item.data
    ok = True
    seen: set[str] = set()
    for index, column in enumerate(data.structure):
        line = item.line("structure", index, "name")
        if column.name in seen:
            diag.error("D109", item.rel, line, name=column.name)
            ok = False
        seen.add(column.name)
        if not _COLUMN_NAME.match(column.name):
            suggestion = slugify(column.name, separator="_") or "column_1"
            if not suggestion[0].isalpha():
                suggestion = "c_" + suggestion
            diag.error("D129", item.rel, line, name=column.name, suggestion=suggestion)
            ok = False
    return ok


def _versions(item: Item, site: Site, diag: Diagnostics) -> list[DataVersion]:
    data: DatasetFields = item.data
    folder = item.source.path.parent
    folder_rel = item.rel.rsplit("/", 1)[0]
    seen: set[date] = set()
    newest: date | None = None
    found: list[DataVersion] = []
    for index, version in enumerate(data.versions):
        date_line = item.line("versions", index, "date")
        file_line = item.line("versions", index, "file")
        if newest is not None and version.date < newest:
            diag.warning(
                "D107",
                item.rel,
                date_line,
                date=version.date.isoformat(),
                previous=newest.isoformat(),
            )
        newest = max(newest or version.date, version.date)
        if version.date in seen:
            diag.error("D106", item.rel, date_line, date=version.date.isoformat())
            continue
        seen.add(version.date)
        _check_version_dates(item, site, diag, index, version)
        if not _plain_csv_name(version.file):
            diag.error("D128", item.rel, file_line, file=version.file)
            continue
        _check_name_date(item, diag, file_line, version)
        source = folder / version.file
        if not inside_content(source, site.site_dir, diag):  # a link out: never read
            continue
        if not source.is_file():
            diag.error(
                "D104",
                item.rel,
                file_line,
                file=version.file,
                folder=folder_rel,
                available=_available(folder, site.language),
            )
            continue
        found.append(
            DataVersion(
                date=version.date,
                structure=version.structure or data.created,
                file=version.file,
                source=source,
                rel=f"{folder_rel}/{version.file}",
                provenance=(version.provenance or "").strip(),
                valid=version.valid,
                line=file_line,
            )
        )
    return sorted(found, key=lambda v: v.date)


def _check_version_dates(
    item: Item, site: Site, diag: Diagnostics, index: int, version: Version
) -> None:
    data: DatasetFields = item.data
    date_line = item.line("versions", index, "date")
    if version.structure is not None and version.structure > version.date:
        diag.error(
            "D108",
            item.rel,
            item.line("versions", index, "structure"),
            date=version.date.isoformat(),
            structure=version.structure.isoformat(),
        )
    if version.date < data.created:
        diag.warning(
            "D127",
            item.rel,
            date_line,
            date=version.date.isoformat(),
            created=data.created.isoformat(),
        )
    if version.date > site.today:
        diag.warning("D133", item.rel, date_line, date=version.date.isoformat())


def _plain_csv_name(name: str) -> bool:
    return (
        "/" not in name
        and "\\" not in name
        and not name.startswith(".")
        and name.lower().endswith(".csv")
        and len(name) > 4
    )


def _check_name_date(item: Item, diag: Diagnostics, line: int | None, version: Version) -> None:
    """A date written in the file's name (data-20220715.csv) must be the version's date."""
    for digits in _EIGHT_DIGITS.findall(Path(version.file).stem):
        try:
            named = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        except ValueError:
            continue  # eight digits that are no date (a count, a code): not a claim of date
        if named != version.date:
            diag.error(
                "D105",
                item.rel,
                line,
                date=version.date.isoformat(),
                file=version.file,
                file_date=named.isoformat(),
                expected=f"data-{ymd(version.date)}.csv",
            )
        return


def _available(folder: Path, language: str) -> str:
    names = sorted(p.name for p in folder.glob("*.csv") if p.is_file())
    if not names:
        return choose(("Файлов CSV в папке нет.", "There are no CSV files there."), language)
    return choose(("В папке есть: {names}.", "CSV files there: {names}."), language).format(
        names=", ".join(names)
    )


def _check_file(
    version: DataVersion, layout: Layout, site: Site, diag: Diagnostics, preview: bool
) -> None:
    result = check_csv(
        version.source, layout.specs(), site.language, PREVIEW_ROWS if preview else 0
    )
    version.result = result
    for problem in result.problems:
        diag.error(
            problem.code, version.rel, problem.line, file=version.rel, **dict(problem.params)
        )
    if result.hidden:
        diag.error("D123", version.rel, result.first_hidden_line, count=str(result.hidden))
    if result.first_formula is not None:
        line, column, char = result.first_formula
        shown = {"\t": "TAB", "\r": "CR"}.get(char, char)
        count = str(result.formula_cells)
        diag.warning("D135", version.rel, line, row=line, column=column, char=shown, count=count)
    if result.inner_blank_lines:
        diag.warning("D125", version.rel, None, count=str(result.inner_blank_lines))
    if result.ok and result.rows == 0:
        diag.warning("D132", version.rel, 1)
