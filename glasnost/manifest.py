"""What the previous build wrote, so the next one renders only what changed.

After each build the manifest records, for every file of the output folder, the SHA-256
of its bytes and the size, modification time and inode the file had; and for every
fingerprinted output group (an item's page and JSON copy, a page of a list: see
glasnost/outputgroups.py) its fingerprint (glasnost/depends.py) and paths.

The next build computes the fingerprints of its own model. A group whose fingerprint is
the recorded one and whose files are all still exactly as recorded is not rendered: its
files are hard-linked from the previous output into staging. Everything else is rendered,
and a rendered file whose bytes hash equal to the recorded ones is linked too. Either way
an unchanged file keeps its bytes, modification time and inode, so rsync-style deploys
see it unchanged.

"Still exactly as recorded": size, modification time, inode and device equal to the
record (a hand edit, a deletion or a replacement changes at least one). The manifest is
valid only for the engine that wrote it: its code (a digest of the package's files and of
the templates and static files it ships, engine_digest), the versions of the libraries
that shape the output, and this output folder. A missing, unreadable, foreign or stale
manifest is simply not used: every file is then rendered and written fresh.

It lives in the per-user cache (glasnost/cache.py), one JSON file per output folder:
plain data, nothing a commit can bring, nothing that runs when read.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import glasnost
from glasnost.cache import make_private, site_cache_dir
from glasnost.depends import GroupRecord

FOLDER = "output-manifests"
FORMAT = 2
# Libraries whose version can change the bytes of a page: Markdown's HTML, Jinja's
# rendering and escaping, Babel's dates and numbers, nh3's sanitising, feeds, JSON dumps.
LIBRARIES = ("markdown", "jinja2", "markupsafe", "babel", "nh3", "feedgen", "pydantic")


@dataclass(frozen=True, slots=True)
class Entry:
    """One output file as the previous build left it."""

    sha256: str
    size: int
    mtime_ns: int
    inode: int


def fingerprint(out_dir: Path, engine: str) -> dict[str, str]:
    """What a manifest is valid for: this engine's code (`engine`, see engine_digest), these
    libraries, this output folder."""
    facts = {
        "format": str(FORMAT),
        "glasnost": glasnost.__version__,
        "engine": engine,
        "python": sys.version,
        "output": str(out_dir.resolve()),
    }
    for library in LIBRARIES:
        try:
            facts[library] = version(library)
        except PackageNotFoundError:  # pragma: no cover - all are pinned dependencies
            facts[library] = "?"
    return facts


def engine_digest(templates: Path, types: Iterable[object] = ()) -> str:
    """A digest of the engine's own files: the package (its code, the templates and static
    files it ships), the default templates when they live beside it, and the modules of
    the content types this build knows (a type may come from outside the package).

    glasnost.__version__ stays the same from one commit to the next; this does not. Read
    once per build: a few hundred small files, a few milliseconds.
    """
    package = Path(glasnost.__file__).resolve().parent
    files = set(_engine_files(package))
    if not templates.resolve().is_relative_to(package):
        files.update(_engine_files(templates.resolve()))
    for kind in types:
        with contextlib.suppress(TypeError, OSError):
            module = inspect.getsourcefile(type(kind))
            if module is not None:
                files.add(Path(module).resolve())
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(files):
        with contextlib.suppress(OSError):  # a file gone meanwhile: the digest differs anyway
            data = path.read_bytes()
            name = str(path).encode("utf-8")
            digest.update(b"%d:%s%d:" % (len(name), name, len(data)))
            digest.update(data)
    return digest.hexdigest()


def _engine_files(root: Path) -> Iterator[Path]:
    for path in root.rglob("*"):
        if "__pycache__" not in path.parts and path.is_file() and not path.name.endswith(".pyc"):
            yield path


def manifest_path(site_dir: Path, out_dir: Path) -> Path:
    """One manifest per output folder (`--out` elsewhere gets its own), in the site's cache."""
    key = hashlib.blake2b(str(out_dir.resolve()).encode("utf-8"), digest_size=16).hexdigest()
    return site_cache_dir(site_dir) / FOLDER / f"{key}.json"


class PreviousOutput:
    """The previous build's files that may be reused: each checked just before its use."""

    def __init__(
        self,
        root: Path,
        device: int,
        entries: Mapping[str, Entry],
        groups: Mapping[str, GroupRecord] | None = None,
    ) -> None:
        self.root = root
        self.device = device
        self.entries = entries
        self.groups: Mapping[str, GroupRecord] = groups or {}

    def reusable(self, path: str, sha256: str) -> str | None:
        """The previous file at `path` when it holds exactly these bytes, else None.

        The hash says the previous build wrote these bytes there; size, modification time,
        inode and device equal to the recorded ones say nobody has touched the file since
        (a hand edit, a deletion or a replacement changes at least one of them).
        """
        entry = self.entries.get(path)
        if entry is None or entry.sha256 != sha256:
            return None
        return self.intact(path)

    def intact(self, path: str) -> str | None:
        """The previous file at `path` when it is still exactly as recorded, else None."""
        entry = self.entries.get(path)
        if entry is None:
            return None
        # A plain string join: a large site asks this for every file, and load() let in
        # only plain relative paths (_plain_path).
        source = os.path.join(self.root, path)
        try:
            st = os.lstat(source)
        except OSError:
            return None
        intact = (
            stat.S_ISREG(st.st_mode)
            and st.st_size == entry.size
            and st.st_mtime_ns == entry.mtime_ns
            and st.st_ino == entry.inode
            and st.st_dev == self.device
        )
        return source if intact else None


NO_PREVIOUS = PreviousOutput(Path("/nonexistent"), -1, {})


def load(site_dir: Path, out_dir: Path, stamp: Mapping[str, str]) -> PreviousOutput:
    """The previous build of out_dir, or NO_PREVIOUS when there is no trustworthy record
    (one made for another `stamp`: see fingerprint)."""
    path = manifest_path(site_dir, out_dir)
    try:
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("fingerprint") != stamp:
            return NO_PREVIOUS
        device = data["device"]
        if not isinstance(device, int) or os.stat(out_dir).st_dev != device:
            return NO_PREVIOUS
        entries = dict(_entries(data["files"]))
        groups = dict(_groups(data["groups"], entries))
    except (OSError, ValueError, KeyError, TypeError):  # missing, garbage, half-written
        return NO_PREVIOUS
    return PreviousOutput(out_dir.resolve(), device, entries, groups)


def _entries(files: object) -> Iterator[tuple[str, Entry]]:
    if not isinstance(files, dict):
        raise TypeError("files")
    for path, fields in files.items():
        if not _plain_path(path):
            raise ValueError(path)
        sha, size, mtime_ns, inode = fields
        if not (isinstance(sha, str) and len(sha) == 64):
            raise ValueError(path)
        if not all(isinstance(n, int) for n in (size, mtime_ns, inode)):
            raise TypeError(path)
        yield path, Entry(sha, size, mtime_ns, inode)


def _plain_path(path: object) -> bool:
    """A relative POSIX path with no empty, `.` or `..` part: it stays inside its folder."""
    if not isinstance(path, str) or not path or path.startswith("/") or "\0" in path:
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


def _groups(groups: object, entries: Mapping[str, Entry]) -> Iterator[tuple[str, GroupRecord]]:
    if not isinstance(groups, dict):
        raise TypeError("groups")
    for key, fields in groups.items():
        print_hex, paths = fields
        if not (isinstance(print_hex, str) and isinstance(paths, list) and paths):
            raise TypeError(key)
        # A group names only files the record has: else it could never be kept whole.
        if not all(isinstance(p, str) and p in entries for p in paths):
            raise ValueError(key)
        yield key, (bytes.fromhex(print_hex), tuple(paths))


def forget(site_dir: Path, out_dir: Path) -> None:
    """Drop the record before the output changes: a build killed between the swap and
    save() then leaves no record rather than one describing the replaced folder."""
    # A record that cannot be removed is still safe: files it names are reused only while
    # their modification times match, which no rewrite in the meantime keeps.
    with contextlib.suppress(OSError):
        manifest_path(site_dir, out_dir).unlink(missing_ok=True)


def record(folder: Path, hashes: Mapping[str, str], groups: Mapping[str, GroupRecord]) -> Record:
    """The manifest of a finished staging folder: every file's hash and what stat says,
    and the fingerprinted groups the build rendered or kept.

    `hashes` holds what the writer already knows; any other file (one written behind its
    back) is read and hashed here. A rename keeps inodes and modification times, so the
    figures stay true once the folder is swapped into place.
    """
    entries: dict[str, Entry] = {}
    for path, st in _walk(folder, ""):
        sha = hashes.get(path) or file_sha256(folder.joinpath(*path.split("/")))
        entries[path] = Entry(sha, st.st_size, st.st_mtime_ns, st.st_ino)
    return Record(os.stat(folder).st_dev, entries, groups)


def _walk(folder: Path, prefix: str) -> Iterator[tuple[str, os.stat_result]]:
    with os.scandir(folder) as listing:
        for item in listing:
            rel = prefix + item.name
            if item.is_dir(follow_symlinks=False):
                yield from _walk(Path(item.path), rel + "/")
            elif item.is_file(follow_symlinks=False):
                yield rel, item.stat(follow_symlinks=False)


@dataclass(frozen=True, slots=True)
class Record:
    """A finished output folder as the next build will find it."""

    device: int
    entries: Mapping[str, Entry]
    groups: Mapping[str, GroupRecord]


def save(site_dir: Path, out_dir: Path, stamp: Mapping[str, str], record: Record) -> None:
    """Write the manifest in one step (a temporary file renamed), readable by its owner."""
    path = manifest_path(site_dir, out_dir)
    make_private(path.parent)
    entries = record.entries
    data = {
        "fingerprint": dict(stamp),
        "device": record.device,
        "files": {p: [e.sha256, e.size, e.mtime_ns, e.inode] for p, e in sorted(entries.items())},
        # Only groups whose every file made it into the folder (always, unless one output
        # replaced another's: that build fails before it is recorded).
        "groups": {
            key: [made.hex(), list(paths)]
            for key, (made, paths) in sorted(record.groups.items())
            if all(p in entries for p in paths)
        },
    }
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".manifest-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


CHUNK = 1 << 20
