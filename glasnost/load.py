"""Stage 1: find every content file of every type and read it."""

from __future__ import annotations

from pathlib import Path

from glasnost.diagnostics import Diagnostics
from glasnost.sourcefile import SourceFile, load_source
from glasnost.types.base import ContentType

CONTENT_DIR = "content"


def discover(site_dir: Path, kind: ContentType) -> list[Path]:
    folder = site_dir / CONTENT_DIR / kind.folder
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(kind.pattern) if p.is_file() and not p.name.startswith("."))


def load_sources(
    site_dir: Path, kinds: list[ContentType], diag: Diagnostics
) -> list[tuple[ContentType, SourceFile]]:
    loaded: list[tuple[ContentType, SourceFile]] = []
    for kind in kinds:
        for path in discover(site_dir, kind):
            rel = path.relative_to(site_dir).as_posix()
            source = load_source(path, rel, diag)
            if source is not None:
                loaded.append((kind, source))
    return loaded


def content_files(site_dir: Path) -> set[str]:
    """Attachments under content/files/, as the site paths they are published at."""
    root = site_dir / CONTENT_DIR / "files"
    if not root.is_dir():
        return set()
    return {
        "/files/" + p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }
