"""Content files kept parsed and validated between the builds of one live preview.

Reading YAML and validating it is the part of phase 1 that grows with every file; after
one save only one file differs. `SourceCache` re-reads and re-validates a file only when
its stat signature changed, and replays the diagnostics it gave then, in the order a
fresh read gives them, so a cached build reports exactly what a clean build reports.
The cross-item work (site model, links, dates) always runs in full on the current files.

Looking at every file costs too: on a site of 10,000 items one `stat` each took 50-100 ms
here, half the time a save may take to be shown. The live preview knows from its watcher
which files changed; told so (`expect`), the next read looks only at those files and
takes the others' listing and signatures from the read before. That is only done where
the watcher sees every change: content files changed in place, in folders without
symbolic links. Anything else (a new, deleted or renamed file, a template, the config)
reads everything as before, and `missed` (run after a told build is shown) stats every
file to find a change the watcher did not report.

Nothing here is stored on disk: the cache lives as long as the preview process.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
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


@dataclass
class Listing:
    """The files found by the last full read, in its order, and what finding them said."""

    site_dir: Path
    kinds: tuple[str, ...]
    found: list[tuple[ContentType, list[Path], list[Diagnostic]]]
    paths: frozenset[Path]
    linked: bool  # a symbolic link (file or folder) among them: changes hide behind it


class SourceCache:
    """Parsed content by (type, path); also the Markdown renderer, kept in memory."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, Path], Entry] = {}
        self.markdown: markup.MarkdownRenderer | None = None
        self.history: dict[str, FileHistory] = {}
        self.history_key: tuple[str, str] | None = None
        self.head_query: HeadQuery | None = None  # started by read_items, read by histories
        self.reads = 0  # files read from disk, all builds together (tests and bench read it)
        self.checks = TextChecks()  # the model's findings per text (glasnost/textchecks.py)
        # The paths of the files found, kept: a Path made once keeps its hash.
        self.paths: dict[tuple[str, str], Path] = {}
        self.paths_of: Path | None = None
        self.listing: Listing | None = None
        self.expected: frozenset[Path] | None = None  # the watcher's word for the next read
        self.waiting = False  # `expected` not yet used by a read
        self.told = False  # the last read looked only at the files it was told of
        self.looked = 0  # files stat'ed, all builds together (tests read it)

    def expect(self, changed: Iterable[Path] | None) -> None:
        """The next read may trust that only these files changed (None: look at all)."""
        told = frozenset(changed) if changed is not None else None
        if self.waiting:  # the build told before did not read (a broken config): add up
            told = None if told is None or self.expected is None else told | self.expected
        self.expected, self.waiting = told, True

    def read_items(
        self, site_dir: Path, kinds: list[ContentType], diag: Diagnostics
    ) -> tuple[list[Item], Broken]:
        """What pipeline.check_site's loading loop gives, reading only changed files."""
        expected, self.expected, self.waiting = self.expected, None, False
        self.ask_head(site_dir)
        listing = self.listing
        if (
            expected is None
            or listing is None
            or listing.linked
            or listing.site_dir != site_dir
            or listing.kinds != tuple(k.name for k in kinds)
            or not expected <= listing.paths
            or not all(path.is_file() for path in expected)  # deleted: the listing changed
        ):
            listing = self.listing = self._list(site_dir, kinds, diag)
            expected = None
        self.told = expected is not None
        # One pass over 10,000 files is most of this on a large site: each file's load
        # findings go out in order, its validation findings (all after every load
        # finding, as a clean build gives them) and the files that fail validation
        # (after those that fail to load) are kept apart until the end.
        entries = self.entries
        items: list[Item] = []
        broken: Broken = []
        invalid: Broken = []
        checked: list[Diagnostic] = []
        for kind, paths, problems in listing.found:
            diag.items.extend(problems)
            name = kind.name
            for path in paths:
                entry = entries.get((name, path))
                if entry is None or not entry.trusted or expected is None or path in expected:
                    entry = self._current((name, path), path, site_dir, diag)
                if entry.load_problems:
                    diag.items.extend(entry.load_problems)
                source = entry.source
                if source is None:
                    broken.append((kind, path))
                    continue
                if entry.check_problems is None:
                    self._validate(kind, entry, diag)
                if entry.check_problems:
                    checked.extend(entry.check_problems)
                # Every build gets fresh items (the model writes into them) over the
                # shared, unchanged source (given a TextChecks, the model leaves sources
                # as they are).
                if entry.data is not None:
                    if entry.slug is None:  # from the file's name or data: fixed while they are
                        entry.slug = kind.slug_of(source, entry.data)
                    items.append(Item(kind, entry.slug, source, entry.data))
                else:
                    invalid.append((kind, source))
        diag.items.extend(checked)
        return items, broken + invalid

    def ask_head(self, site_dir: Path) -> None:
        """Start asking git for HEAD, for `histories` (a query left unread is read
        first: its git process is waited for)."""
        if self.head_query is not None:
            self.head_query.answer()
        self.head_query = HeadQuery(site_dir)

    def _list(self, site_dir: Path, kinds: list[ContentType], diag: Diagnostics) -> Listing:
        """Every content file, found anew; entries of files no longer there are dropped."""
        if self.paths_of != site_dir:
            self.paths, self.paths_of = {}, site_dir
        found: list[tuple[ContentType, list[Path], list[Diagnostic]]] = []
        seen: set[tuple[str, Path]] = set()
        linked = False
        for kind in kinds:
            own = Diagnostics(diag.catalog)
            paths, links = discover(site_dir, kind, own, self.paths)
            linked = linked or links
            found.append((kind, paths, own.items))
            seen.update((kind.name, path) for path in paths)
        for gone in set(self.entries) - seen:  # deleted or renamed away
            del self.entries[gone]
        if len(self.paths) > len(seen) + 1000:  # many files renamed or deleted since
            names = {path for _, path in seen}
            self.paths = {key: path for key, path in self.paths.items() if path in names}
        kinds_named = tuple(k.name for k in kinds)
        return Listing(site_dir, kinds_named, found, frozenset(p for _, p in seen), linked)

    def missed(self, site_dir: Path, kinds: list[ContentType], diag: Diagnostics) -> bool:
        """True when a file was added, removed or changed since it was last read, unseen
        by the read (a watcher that was told nothing of it, or a queue that overflowed)."""
        listing = self.listing
        if not self.told or listing is None:
            return False  # the last read looked at every file
        self.told = False
        for kind, paths, _ in listing.found:
            now, _links = discover(site_dir, kind, Diagnostics(diag.catalog), {})
            if now != paths:
                return True
            for path in paths:
                entry = self.entries.get((kind.name, path))
                if entry is None or signature(path) != entry.signature:
                    return True
        return False

    def _current(
        self, key: tuple[str, Path], path: Path, site_dir: Path, diag: Diagnostics
    ) -> Entry:
        self.looked += 1
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
        """Validates a file read anew; its findings are kept with it, to be reported."""
        assert entry.source is not None
        own = Diagnostics(diag.catalog)
        entry.data = validated(kind, entry.source, own)
        entry.check_problems = own.items

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
        asked, self.head_query = self.head_query, None
        head = asked.answer() if asked is not None else None  # read: its process is reaped
        if asked is None or asked.site_dir != site_dir:
            head = git_head(site_dir)
        if head is None:  # no repository, or none committed yet: no history (git log fails)
            self.history, self.history_key = {}, None
            return {}
        key = (head, str(zone))
        if key != self.history_key:
            self.history = file_histories(site_dir, zone)
            self.history_key = key
        return dict(self.history)


def discover(
    site_dir: Path, kind: ContentType, diag: Diagnostics, paths: dict[tuple[str, str], Path]
) -> tuple[list[Path], bool]:
    """load.discover's files, in its order and with its errors, with fewer system calls;
    and whether a symbolic link is on the way to any of them.

    On a large site globbing and resolving every file was a fifth of a rebuild. In one
    folder (`*.md`) a single directory scan tells files and links apart; only a link, or
    a folder that does not lie inside content/, needs each file's real path checked.
    """
    if "/" in kind.pattern:  # a few files in folders of their own (data sets)
        found = discover_by_glob(site_dir, kind, diag)
        real = os.path.realpath(site_dir / CONTENT_DIR)
        direct = all(
            os.path.realpath(p) == os.path.join(real, *p.relative_to(site_dir / CONTENT_DIR).parts)
            for p in found
        )
        return found, not direct
    folder = site_dir / CONTENT_DIR / kind.folder
    if not folder.is_dir():
        return [], False
    found_names: list[tuple[str, bool]] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if not name.startswith(".") and fnmatchcase(name, kind.pattern) and entry.is_file():
                found_names.append((name, entry.is_symlink()))
    found_names.sort()
    real_folder = folder.resolve()
    folder_inside = real_folder.is_relative_to(site_dir.resolve() / CONTENT_DIR)
    linked = real_folder != site_dir.resolve() / CONTENT_DIR / kind.folder
    chosen: list[Path] = []
    for name, link in found_names:
        linked = linked or link
        path = paths.get((kind.folder, name))
        if path is None:
            path = paths[(kind.folder, name)] = folder / name
        if (folder_inside and not link) or inside_content(path, site_dir, diag):
            chosen.append(path)
    return chosen, linked


def git_head(site_dir: Path) -> str | None:
    """The commit checked out, or None outside a repository (or without git)."""
    return HeadQuery(site_dir).answer()


class HeadQuery:
    """`git rev-parse HEAD` started now, its answer read later: the preview starts it
    before reading the content files and reads it after, so git runs on the other core
    meanwhile (starting git and waiting for it took 2-10 ms of each save)."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.process: subprocess.Popen[str] | None
        try:
            self.process = subprocess.Popen(
                ["git", "rev-parse", "HEAD"],
                cwd=site_dir,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        except OSError:
            self.process = None

    def answer(self) -> str | None:
        process = self.process
        if process is None:
            return None
        try:
            out, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return None
        return out.strip() if process.returncode == 0 else None
