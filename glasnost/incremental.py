"""Content files kept parsed and validated between the builds of one live preview.

Reading YAML and validating it is the part of phase 1 that grows with every file; after
one save only one file differs. `SourceCache` re-reads and re-validates a file only when
its stat signature changed, and replays the diagnostics it gave then, in the order a
fresh read gives them, so a cached build reports exactly what a clean build reports.
The cross-item work (site model, links, dates) always runs in full on the current files.

Nothing here is stored on disk: the cache lives as long as the preview process.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from glasnost import markup
from glasnost.contentpaths import CONTENT_DIR, inside_content
from glasnost.diagnostics import Diagnostic, Diagnostics
from glasnost.gitdates import FileHistory, file_histories
from glasnost.load import discover as discover_by_glob
from glasnost.sourcefile import SourceFile
from glasnost.textchecks import TextChecks
from glasnost.types.base import ContentType, Item
from glasnost.values import read_source, validated

# What changes when a file is saved, replaced (a new inode: editors that write a copy and
# rename it) or touched back to an old mtime (the ctime still moves).
Signature = tuple[int, int, int, int]


# A file changed twice within the file system's clock tick keeps its signature; one read
# less than this long after its last change is read again next time (as git does).
RACY_NS = 1_000_000_000


def signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


@dataclass
class Entry:
    """One file as last read: its parsed source, validated data and what was said."""

    signature: Signature
    source: SourceFile | None
    load_problems: list[Diagnostic]
    data: Any = None
    check_problems: list[Diagnostic] | None = None  # None: not validated yet
    trusted: bool = True  # False: read too soon after a change to rely on the signature
    slug: str | None = None


Broken = list[tuple[ContentType, SourceFile | Path]]


class SourceCache:
    """Parsed content by (type, path); also the Markdown renderer, kept in memory."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, Path], Entry] = {}
        self.markdown: markup.MarkdownRenderer | None = None
        self.history: dict[str, FileHistory] = {}
        self.history_key: tuple[str, str] | None = None
        self.reads = 0  # files read from disk, all builds together (tests and bench read it)
        self.checks = TextChecks()  # the model's findings per text (glasnost/textchecks.py)
        # The paths of the files found, kept: a Path made once keeps its hash.
        self.paths: dict[tuple[str, str], Path] = {}
        self.paths_of: Path | None = None

    def read_items(
        self, site_dir: Path, kinds: list[ContentType], diag: Diagnostics
    ) -> tuple[list[Item], Broken]:
        """What pipeline.check_site's loading loop gives, reading only changed files."""
        loaded: list[tuple[ContentType, Entry]] = []
        broken: Broken = []
        seen: set[tuple[str, Path]] = set()
        if self.paths_of != site_dir:
            self.paths, self.paths_of = {}, site_dir
        for kind in kinds:
            for path in discover(site_dir, kind, diag, self.paths):
                key = (kind.name, path)
                seen.add(key)
                entry = self._current(key, path, site_dir, diag)
                diag.items.extend(entry.load_problems)
                if entry.source is None:
                    broken.append((kind, path))
                else:
                    loaded.append((kind, entry))
        for gone in set(self.entries) - seen:  # deleted or renamed away
            del self.entries[gone]
        if len(self.paths) > len(seen) + 1000:  # many files renamed or deleted since
            found = {path for _, path in seen}
            self.paths = {key: path for key, path in self.paths.items() if path in found}
        items: list[Item] = []
        for kind, entry in loaded:
            assert entry.source is not None
            self._validate(kind, entry, diag)
            # The model writes into an item and its source (clears the body once the
            # Markdown is rendered): every build gets fresh ones over the shared data.
            source = replace(entry.source)
            if entry.data is not None:
                if entry.slug is None:  # from the file's name or data: fixed while they are
                    entry.slug = kind.slug_of(source, entry.data)
                items.append(Item(kind, entry.slug, source, entry.data))
            else:
                broken.append((kind, source))
        return items, broken

    def _current(
        self, key: tuple[str, Path], path: Path, site_dir: Path, diag: Diagnostics
    ) -> Entry:
        stamp = signature(path)
        entry = self.entries.get(key)
        if entry is not None and entry.trusted and stamp is not None and entry.signature == stamp:
            return entry
        read_at = time.time_ns()
        own = Diagnostics(diag.catalog)
        source = read_source(path, path.relative_to(site_dir).as_posix(), own)
        self.reads += 1
        trusted = stamp is not None and read_at - max(stamp[0], stamp[1]) > RACY_NS
        entry = Entry(stamp or (0, 0, 0, 0), source, own.items, trusted=trusted)
        if stamp is not None:  # a file that vanished while read is read again next time
            self.entries[key] = entry
        return entry

    def _validate(self, kind: ContentType, entry: Entry, diag: Diagnostics) -> None:
        if entry.check_problems is None:
            assert entry.source is not None
            own = Diagnostics(diag.catalog)
            entry.data = validated(kind, entry.source, own)
            entry.check_problems = own.items
        diag.items.extend(entry.check_problems)

    def renderer(self, cache_dir: Path | None, workers: int | None) -> markup.MarkdownRenderer:
        """One Markdown renderer for the whole preview: its cache stays in memory."""
        if self.markdown is None:
            self.markdown = markup.MarkdownRenderer(cache_dir, workers=workers)
        return self.markdown

    def histories(self, site_dir: Path, zone: ZoneInfo) -> dict[str, FileHistory]:
        """Git's dates of every file, read again only after a commit (HEAD moved).

        They come from the committed history alone, which saving a file does not change;
        on a site with years of commits, `git log` is a large part of a rebuild.
        """
        head = git_head(site_dir)
        key = (head, str(zone)) if head is not None else None
        if key is None or key != self.history_key:
            self.history = file_histories(site_dir, zone)
            self.history_key = key
        return dict(self.history)


def discover(
    site_dir: Path, kind: ContentType, diag: Diagnostics, paths: dict[tuple[str, str], Path]
) -> list[Path]:
    """load.discover's files, in its order and with its errors, with fewer system calls.

    On a large site globbing and resolving every file was a fifth of a rebuild. In one
    folder (`*.md`) a single directory scan tells files and links apart; only a link, or
    a folder that does not lie inside content/, needs each file's real path checked.
    """
    if "/" in kind.pattern:
        return discover_by_glob(site_dir, kind, diag)
    folder = site_dir / CONTENT_DIR / kind.folder
    if not folder.is_dir():
        return []
    found: list[tuple[str, bool]] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if not name.startswith(".") and fnmatchcase(name, kind.pattern) and entry.is_file():
                found.append((name, entry.is_symlink()))
    found.sort()
    folder_inside = folder.resolve().is_relative_to(site_dir.resolve() / CONTENT_DIR)
    chosen: list[Path] = []
    for name, link in found:
        path = paths.get((kind.folder, name))
        if path is None:
            path = paths[(kind.folder, name)] = folder / name
        if (folder_inside and not link) or inside_content(path, site_dir, diag):
            chosen.append(path)
    return chosen


def git_head(site_dir: Path) -> str | None:
    """The commit checked out, or None outside a repository (or without git)."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=site_dir,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None
