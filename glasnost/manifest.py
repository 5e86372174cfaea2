"""What the previous build wrote, so the next one can keep the files that did not change.

After each build the manifest records, for every file of the output folder, the SHA-256
of its bytes and the size, modification time and inode the file had. The next build
renders everything as before, but a file whose new bytes hash equal to the recorded ones
is hard-linked from the previous output instead of written: it keeps its bytes, its
modification time and its inode, so rsync-style deploys see it unchanged.

The manifest only ever lets a build reuse a file it would write byte for byte anyway,
and only one still exactly as recorded (a hand edit changes its modification time or
inode). A missing, unreadable or foreign manifest (another Glasnost or Python-Markdown
version, another output folder) is simply not used: every file is then written fresh.

It lives in the per-user cache (glasnost/cache.py), one JSON file per output folder:
plain data, nothing a commit can bring, nothing that runs when read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath

import glasnost
from glasnost.cache import make_private, site_cache_dir

FOLDER = "output-manifests"
FORMAT = 1


@dataclass(frozen=True, slots=True)
class Entry:
    """One output file as the previous build left it."""

    sha256: str
    size: int
    mtime_ns: int
    inode: int


def fingerprint(out_dir: Path) -> dict[str, str]:
    """What a manifest is valid for: this engine, this Markdown, this output folder."""
    try:
        markdown = version("markdown")
    except PackageNotFoundError:  # pragma: no cover - markdown is a core dependency
        markdown = "?"
    return {
        "format": str(FORMAT),
        "glasnost": glasnost.__version__,
        "markdown": markdown,
        "output": str(out_dir.resolve()),
    }


def manifest_path(site_dir: Path, out_dir: Path) -> Path:
    """One manifest per output folder (`--out` elsewhere gets its own), in the site's cache."""
    key = hashlib.blake2b(str(out_dir.resolve()).encode("utf-8"), digest_size=16).hexdigest()
    return site_cache_dir(site_dir) / FOLDER / f"{key}.json"


class PreviousOutput:
    """The previous build's files that may be reused: each checked just before its use."""

    def __init__(self, root: Path, device: int, entries: Mapping[str, Entry]) -> None:
        self.root = root
        self.device = device
        self.entries = entries

    def reusable(self, path: str, sha256: str) -> Path | None:
        """The previous file at `path` when it holds exactly these bytes, else None.

        The hash says the previous build wrote these bytes there; size, modification time,
        inode and device equal to the recorded ones say nobody has touched the file since
        (a hand edit, a deletion or a replacement changes at least one of them).
        """
        entry = self.entries.get(path)
        if entry is None or entry.sha256 != sha256:
            return None
        source = self.root.joinpath(*PurePosixPath(path).parts)
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


def load(site_dir: Path, out_dir: Path) -> PreviousOutput:
    """The previous build of out_dir, or NO_PREVIOUS when there is no trustworthy record."""
    path = manifest_path(site_dir, out_dir)
    try:
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("fingerprint") != fingerprint(out_dir):
            return NO_PREVIOUS
        device = data["device"]
        if not isinstance(device, int) or os.stat(out_dir).st_dev != device:
            return NO_PREVIOUS
        entries = dict(_entries(data["files"]))
    except (OSError, ValueError, KeyError, TypeError):  # missing, garbage, half-written
        return NO_PREVIOUS
    return PreviousOutput(out_dir.resolve(), device, entries)


def _entries(files: object) -> Iterator[tuple[str, Entry]]:
    if not isinstance(files, dict):
        raise TypeError("files")
    for path, fields in files.items():
        sha, size, mtime_ns, inode = fields
        if not (isinstance(sha, str) and len(sha) == 64):
            raise ValueError(path)
        if not all(isinstance(n, int) for n in (size, mtime_ns, inode)):
            raise TypeError(path)
        yield path, Entry(sha, size, mtime_ns, inode)


def forget(site_dir: Path, out_dir: Path) -> None:
    """Drop the record before the output changes: a build killed between the swap and
    save() then leaves no record rather than one describing the replaced folder."""
    # A record that cannot be removed is still safe: files it names are reused only while
    # their modification times match, which no rewrite in the meantime keeps.
    with contextlib.suppress(OSError):
        manifest_path(site_dir, out_dir).unlink(missing_ok=True)


def record(folder: Path, hashes: Mapping[str, str]) -> tuple[int, dict[str, Entry]]:
    """The manifest of a finished staging folder: every file's hash and what stat says.

    `hashes` holds what the writer already knows; any other file (one written behind its
    back) is read and hashed here. A rename keeps inodes and modification times, so the
    figures stay true once the folder is swapped into place.
    """
    entries: dict[str, Entry] = {}
    for path, st in _walk(folder, ""):
        sha = hashes.get(path) or file_sha256(folder.joinpath(*path.split("/")))
        entries[path] = Entry(sha, st.st_size, st.st_mtime_ns, st.st_ino)
    return os.stat(folder).st_dev, entries


def _walk(folder: Path, prefix: str) -> Iterator[tuple[str, os.stat_result]]:
    with os.scandir(folder) as listing:
        for item in listing:
            rel = prefix + item.name
            if item.is_dir(follow_symlinks=False):
                yield from _walk(Path(item.path), rel + "/")
            elif item.is_file(follow_symlinks=False):
                yield rel, item.stat(follow_symlinks=False)


def save(site_dir: Path, out_dir: Path, device: int, entries: Mapping[str, Entry]) -> None:
    """Write the manifest in one step (a temporary file renamed), readable by its owner."""
    path = manifest_path(site_dir, out_dir)
    make_private(path.parent)
    data = {
        "fingerprint": fingerprint(out_dir),
        "device": device,
        "files": {p: [e.sha256, e.size, e.mtime_ns, e.inode] for p, e in sorted(entries.items())},
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
