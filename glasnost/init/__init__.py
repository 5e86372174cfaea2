"""`glasnost init DIR`: a new site that builds clean, ready for her own content.

The folder gets a commented site_config.yaml, one starter of each content type (the
type's own starter, as `glasnost new` writes it), a README in Russian, CI files for
GitLab and GitHub, a .gitignore, the engine's place in requirements.txt, and the
editor's schemas and settings.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path

from glasnost.config import CONFIG_FILE
from glasnost.editor import write_schemas, write_vscode_settings
from glasnost.init.engine import requirement_lines
from glasnost.scaffold import create_item
from glasnost.types import all_types, type_by_name

# The time zone the new site_config.yaml names (files/site_config.yaml): the starters'
# dates are "today" there.
STARTER_TIMEZONE = "Europe/Moscow"

# Everything else in the folder makes it someone's: never write over it.
ALLOWED_IN_TARGET = {".git"}


class FolderNotEmpty(Exception):
    """The target holds files already; `init` adds a site only to an empty folder."""


@dataclass(frozen=True)
class Starter:
    """One sample item of the new site: which type, its title and its file's slug."""

    type_name: str
    title: str
    slug: str


STARTERS = (
    Starter("page", "О поселении", "about"),
    Starter("page", "Контакты", "contacts"),
    Starter("news", "Открыт официальный сайт", "otkryt-sajt"),
    Starter("plan", "План мероприятий", "plan"),
    Starter("report", "Отчёт о выполнении плана мероприятий", "otchet"),
    Starter("meeting", "Встреча главы поселения с жителями", "vstrecha"),
    Starter("dataset", "Перечень муниципальных учреждений", "uchrezhdeniya"),
)

# Site files from glasnost/init/files/ (names without a leading dot, so that packaging
# tools keep them): name there -> path in the new site.
SITE_FILES = {
    "site_config.yaml": CONFIG_FILE,
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "gitlab-ci.yml": ".gitlab-ci.yml",
    "github-site.yml": ".github/workflows/site.yml",
    "vscode-extensions.json": ".vscode/extensions.json",
}


def check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise FolderNotEmpty(str(target))
    if target.is_dir() and any(p.name not in ALLOWED_IN_TARGET for p in target.iterdir()):
        raise FolderNotEmpty(str(target))


def init_site(target: Path, today: date) -> list[Path]:
    """Create the site in `target` (absent, empty, or holding only .git); the files written."""
    check_target(target)
    target.mkdir(parents=True, exist_ok=True)
    written = [_copy_site_file(target, name, rel) for name, rel in SITE_FILES.items()]
    written.append(_write(target / "requirements.txt", "".join(requirement_lines())))
    kinds = all_types()
    # Schemas first: the starters' YAML files point at them.
    written += write_schemas(target, kinds)
    settings = write_vscode_settings(target, kinds)
    if settings is not None:
        written.append(settings)
    for starter in STARTERS:
        written += _write_starter(target, starter, today)
    (target / "content" / "files").mkdir(parents=True, exist_ok=True)
    return written


def _copy_site_file(target: Path, name: str, rel: str) -> Path:
    text = files("glasnost.init").joinpath("files", name).read_text(encoding="utf-8")
    return _write(target / rel, text)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _write_starter(target: Path, starter: Starter, today: date) -> list[Path]:
    kind = type_by_name(starter.type_name)
    if kind is None:  # a starter for a type the registry no longer has
        raise LookupError(starter.type_name)
    path = create_item(target, kind, starter.title, today, slug=starter.slug)
    if starter.type_name == "page" and starter.slug == "about":
        _join_menu(path)
    if starter.type_name == "dataset":
        return [path, _first_version(path, today)]
    return [path]


def _join_menu(path: Path) -> None:
    """The sample page shows how a page joins the menu: its starter's commented line, on."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("# menu: true"))
    lines[at] = "menu: true          # страница в главном меню\n"
    path.write_text("".join(lines), encoding="utf-8")


# The dataset starter has no data yet (`versions: []`), which the build rightly warns
# about. The sample set gets a first version: a CSV with the starter's two columns.
EMPTY_VERSIONS = "versions: []\n"


def _first_version(path: Path, today: date) -> Path:
    text = path.read_text(encoding="utf-8")
    if EMPTY_VERSIONS not in text:
        raise LookupError("the dataset starter no longer has 'versions: []'")
    name = f"data-{today:%Y%m%d}.csv"
    version = (
        f"versions:\n  - {{date: {today.isoformat()}, file: {name}, "
        "provenance: Первая публикация}\n"
    )
    path.write_text(text.replace(EMPTY_VERSIONS, version, 1), encoding="utf-8")
    buffer = io.StringIO()
    rows = [("name", "value"), ("Администрация сельского поселения", "1")]
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return _write(path.parent / name, buffer.getvalue())
