"""`build.py new TYPE "Title"`: a ready-to-edit file from the type's starter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from glasnost.editor import modeline
from glasnost.load import CONTENT_DIR
from glasnost.slugs import slug_from_filename
from glasnost.types.base import ContentType


def item_path(site_dir: Path, kind: ContentType, slug: str) -> Path:
    return site_dir / CONTENT_DIR / kind.folder / kind.source_path(slug)


def create_item(
    site_dir: Path, kind: ContentType, title: str, today: date, slug: str | None = None
) -> Path:
    slug = slug or slug_from_filename(title)[:60].strip("-")
    path = item_path(site_dir, kind, slug)
    if path.exists():
        raise FileExistsError(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = kind.starter_text(quoted, today, slug)
    # Her editor checks the new file against its schema, where the site has them (init).
    line = modeline(site_dir, kind, path)
    path.write_text(text if line is None else f"{line}\n{text}", encoding="utf-8")
    return path
