"""Stage 1: find every content file of every type and read it."""

from __future__ import annotations

from pathlib import Path

from glasnost.contentpaths import CONTENT_DIR as CONTENT_DIR
from glasnost.contentpaths import attachment_allowed, inside_content
from glasnost.diagnostics import Diagnostics
from glasnost.sourcefile import SourceFile
from glasnost.types.base import ContentType
from glasnost.values import read_source


def discover(site_dir: Path, kind: ContentType, diag: Diagnostics) -> list[Path]:
    folder = site_dir / CONTENT_DIR / kind.folder
    if not folder.is_dir():
        return []
    found = sorted(
        p for p in folder.glob(kind.pattern) if p.is_file() and not p.name.startswith(".")
    )
    # Resolving every file's path, and the site's for each, was a tenth of a 10,000-item
    # build: each folder is resolved once; a file that may lead out is checked in full.
    root = site_dir.resolve() / CONTENT_DIR
    folders: dict[Path, Path] = {}
    return [p for p in found if _inside(p, root, folders) or inside_content(p, site_dir, diag)]


def _inside(path: Path, root: Path, folders: dict[Path, Path]) -> bool:
    """True when the file's real path is inside `root`; False also when unsure (a loop of
    links): contentpaths.inside_content then decides, and reports."""
    try:
        return real_path(path, folders).is_relative_to(root)
    except (OSError, RuntimeError):
        return False


def real_path(path: Path, folders: dict[Path, Path]) -> Path:
    """path.resolve(), each folder resolved once: thousands of files share a few folders
    (resolving every file was a quarter of a 1,000-item preview's rebuild)."""
    if path.is_symlink():
        return path.resolve()
    return resolved(path.parent, folders) / path.name


def resolved(folder: Path, folders: dict[Path, Path]) -> Path:
    if folder not in folders:
        folders[folder] = folder.resolve()
    return folders[folder]


def load_sources(
    site_dir: Path,
    kinds: list[ContentType],
    diag: Diagnostics,
    failed: list[tuple[ContentType, SourceFile | Path]] | None = None,
) -> list[tuple[ContentType, SourceFile]]:
    """The files that could be read; those that could not (already reported) go to `failed`."""
    loaded: list[tuple[ContentType, SourceFile]] = []
    for kind in kinds:
        for path in discover(site_dir, kind, diag):
            rel = path.relative_to(site_dir).as_posix()
            source = read_source(path, rel, diag)
            if source is not None:
                loaded.append((kind, source))
            elif failed is not None:
                failed.append((kind, path))
    return loaded


def content_files(site_dir: Path, diag: Diagnostics) -> set[str]:
    """Attachments under content/files/, as the site paths they are published at."""
    root = site_dir / CONTENT_DIR / "files"
    if not root.is_dir():
        return set()
    return {
        "/files/" + p.relative_to(root).as_posix()
        for p in sorted(root.rglob("*"))
        if not p.name.startswith(".")
        # A link to a file, or a dangling one (reported, not skipped); not a link to a folder.
        and (p.is_file() or (p.is_symlink() and not p.is_dir()))
        and attachment_allowed(p, site_dir, diag)
    }
