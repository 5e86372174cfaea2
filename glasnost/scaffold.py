"""`build.py new TYPE "Title"`: a ready-to-edit file from the type's starter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from glasnost.load import CONTENT_DIR
from glasnost.slugs import slug_from_filename
from glasnost.types.base import ContentType


def create_item(site_dir: Path, kind: ContentType, title: str, today: date) -> Path:
    slug = slug_from_filename(title)[:60].strip("-")
    if kind.pattern == "*/dataset.yaml":
        path = site_dir / CONTENT_DIR / kind.folder / slug / "dataset.yaml"
    else:
        suffix = kind.pattern.removeprefix("*")
        path = site_dir / CONTENT_DIR / kind.folder / f"{slug}{suffix}"
    if path.exists():
        raise FileExistsError(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    path.write_text(kind.starter_text(quoted, today, slug), encoding="utf-8")
    return path
