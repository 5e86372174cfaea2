"""Stage 1: find every content file of every type and read it."""

from __future__ import annotations

from pathlib import Path

from glasnost.diagnostics import Diagnostics
from glasnost.sourcefile import SourceFile, load_source
from glasnost.types.base import ContentType

CONTENT_DIR = "content"


def discover(site_dir: Path, kind: ContentType, diag: Diagnostics) -> list[Path]:
    folder = site_dir / CONTENT_DIR / kind.folder
    if not folder.is_dir():
        return []
    found = sorted(
        p for p in folder.glob(kind.pattern) if p.is_file() and not p.name.startswith(".")
    )
    folders: dict[Path, Path] = {}
    return [p for p in found if inside_site(p, site_dir, diag, folders)]


def inside_site(
    path: Path, site_dir: Path, diag: Diagnostics, folders: dict[Path, Path] | None = None
) -> bool:
    """False, with an error, for a symbolic link that leads out of the site folder.

    Git stores links as they are, so one committed link could otherwise publish any
    file of the build machine (say /etc/passwd) as an attachment or as content.
    """
    if folders is None:
        folders = {}
    if real_path(path, folders).is_relative_to(resolved(site_dir, folders)):
        return True
    diag.error("G013", path.relative_to(site_dir).as_posix())
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
            source = load_source(path, rel, diag)
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
        if p.is_file() and not p.name.startswith(".") and inside_site(p, site_dir, diag)
    }
