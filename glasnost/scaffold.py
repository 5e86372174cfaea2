"""`build.py new TYPE "Title"`: a ready-to-edit file from the type's starter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from glasnost.load import CONTENT_DIR
from glasnost.slugs import slug_from_filename
from glasnost.types.base import ContentType


def create_item(site_dir: Path, kind: ContentType, title: str, today: date) -> Path:
    slug = slug_from_filename(title)[:60].strip("-")
    path = site_dir / CONTENT_DIR / kind.folder / kind.source_path(slug)
    if path.exists():
        raise FileExistsError(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    path.write_text(kind.starter_text(quoted, today, slug), encoding="utf-8")
    return path
