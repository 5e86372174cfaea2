"""Stage 5: write the site into a staging folder, then swap it in whole.

A build that fails at any point leaves the previous output exactly as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import glob
import hashlib
import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from glasnost.manifest import CHUNK, NO_PREVIOUS, PreviousOutput, file_sha256
from glasnost.types.base import OutputFile


class UnsafeOutputPath(ValueError):
    pass


# Every build writes this file at the root of its output. Publishing replaces the output
# folder whole, so a non-empty folder without it (a home directory, a mistyped --out, the
# output of an older Glasnost) is never replaced: its files are not Glasnost's to delete.
OUTPUT_MARKER = ".glasnost-output"
MARKER_TEXT = b"This folder is written by Glasnost: each build replaces it whole.\n"

SOURCE_DIRS = ("content", "templates")
DEFAULT_OUTPUT = "output"


def unsafe_output(out_dir: Path, site_dir: Path) -> str | None:
    """The message code that forbids building into out_dir, or None when it is safe."""
    if out_dir.is_file() or (out_dir.exists() and not out_dir.is_dir()):
        return "G905"  # --out site_config.yaml: never replace a file with a folder
    out, site = out_dir.resolve(), site_dir.resolve()
    if site.is_relative_to(out) or any(out.is_relative_to(site / d) for d in SOURCE_DIRS):
        return "G903"
    default = site_dir / DEFAULT_OUTPUT
    if default.is_symlink() and out == default.resolve():
        return "G906"  # a committed `output -> somewhere` would aim the build elsewhere
    if out.is_dir() and any(out.iterdir()) and not (out / OUTPUT_MARKER).is_file():
        return "G904"
    return None


def _target(root: Path, relative: str) -> Path:
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise UnsafeOutputPath(relative)
    return root.joinpath(*pure.parts)


class OutputWriter:
    """Writes output files into the staging folder: the one place a build writes them.

    A file whose bytes equal the previous build's file at the same path, still intact
    (see manifest.PreviousOutput), is hard-linked from the previous output instead of
    written, so it keeps its modification time and inode. Where linking fails (another
    file system, a system without hard links) the file is written as usual.
    Every file is created new, never opened for writing where it exists: a path already
    in staging may be a link to a file of the published site, which must stay as it is.
    """

    def __init__(self, root: Path, previous: PreviousOutput = NO_PREVIOUS) -> None:
        self.root = root
        self.previous = previous
        self.hashes: dict[str, str] = {}  # path -> SHA-256 of what was put there
        # Folders made so far, as strings: a large site keeps tens of thousands of files.
        self.folders: set[str] = set()

    def write_files(self, files: Iterable[OutputFile]) -> list[str]:
        """Write each file as it comes; the paths written, in order."""
        written: list[str] = []
        for file in files:
            self.write(file)
            written.append(file.path)
        return written

    def write(self, file: OutputFile) -> None:
        target = _target(self.root, file.path)
        folder = str(target.parent)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        if isinstance(file.content, Path):
            self.hashes[file.path] = self._copy(file.path, file.content, target)
            return
        sha = hashlib.sha256(file.content).hexdigest()
        self.hashes[file.path] = sha
        if not self._link(file.path, sha, target):
            with _create(target) as stream:
                stream.write(file.content)

    def _copy(self, path: str, source: Path, target: Path) -> str:
        """Copy a file as it is (attachments, data); its SHA-256."""
        entry = self.previous.entries.get(path)
        if entry is not None and os.stat(source).st_size == entry.size:
            sha = file_sha256(source)  # only worth reading twice when it may be the same
            if self._link(path, sha, target):
                return sha
        digest = hashlib.sha256()
        with source.open("rb") as src, _create(target) as dst:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                dst.write(chunk)
        return digest.hexdigest()

    def keep(self, paths: tuple[str, ...]) -> bool:
        """Link an unchanged output group's previous files into staging, all or none
        (glasnost/outputgroups.py); False when one is no longer exactly as recorded, or
        cannot be linked: the caller renders the group instead.

        Plain strings, not Paths: a large site keeps tens of thousands of files this way.
        The paths come from the manifest, which holds only plain relative ones.
        """
        linked: list[str] = []
        root = str(self.root)
        for path in paths:
            source = self.previous.intact(path)
            target = os.path.join(root, path)
            folder = os.path.dirname(target)
            if folder not in self.folders:
                os.makedirs(folder, exist_ok=True)
                self.folders.add(folder)
            if source is None or not _hard_link(source, target):
                for done in linked:  # the rendered files take their places
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(done)
                return False
            linked.append(target)
        for path in paths:
            self.hashes[path] = self.previous.entries[path].sha256
        return True

    def _link(self, path: str, sha: str, target: Path) -> bool:
        source = self.previous.reusable(path, sha)
        return source is not None and _hard_link(source, target)

    def adopt(self, folder: str) -> None:
        """Files another program wrote into staging (Pagefind's index): those equal to the
        previous build's are replaced by links to them, so they keep their times too."""
        base = _target(self.root, folder)
        if not base.is_dir():
            return
        for current in sorted(base.rglob("*")):
            if current.is_symlink() or not current.is_file():
                continue
            path = current.relative_to(self.root).as_posix()
            sha = file_sha256(current)
            self.hashes[path] = sha
            source = self.previous.reusable(path, sha)
            if source is None:
                continue
            spare = current.with_name(f".{current.name}.{uuid.uuid4().hex[:8]}")
            try:
                os.link(source, spare, follow_symlinks=False)
                os.replace(spare, current)  # one step: the file is never missing
            except OSError:
                spare.unlink(missing_ok=True)


def _hard_link(source: str | Path, target: str | Path) -> bool:
    """Link target to source; False where the system cannot (then the caller writes it)."""
    for _ in range(2):
        try:
            os.link(source, target, follow_symlinks=False)
            return True
        except FileExistsError:  # a second output at this path (reported as G402)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
        except OSError:  # another file system, no hard links there
            return False
    return False


def _create(target: Path) -> BinaryIO:
    """A new file at target; an existing one is unlinked first, never truncated."""
    try:
        return target.open("xb")
    except FileExistsError:
        target.unlink()
        return target.open("xb")


STAGING = "staging"


def publish(out_dir: Path, fill: Callable[[Path], int]) -> int:
    """Let `fill` write the site into a sibling staging folder, then swap it in whole.

    Whatever `fill` raises, the staging folder is removed and out_dir is left as it was.
    The swap is one atomic step where the system allows it, so a build killed at any
    moment leaves either the old site or the new one, never no site.
    """
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(out_dir)
    staging = out_dir.parent / f".{out_dir.name}.{STAGING}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        # First, so that an abandoned staging folder is recognisably ours (remove_abandoned).
        put_marker(staging, out_dir)
        count = fill(staging)
        replaced = swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if replaced:
        remove_in_background(staging)  # after the exchange it holds the previous site
    return count


def put_marker(staging: Path, out_dir: Path) -> None:
    """Write the marker, or link the published one when it holds exactly the marker's text:
    like every unchanged file, it then keeps its modification time."""
    previous = out_dir / OUTPUT_MARKER
    try:
        same = (
            not previous.is_symlink()
            and previous.stat().st_size == len(MARKER_TEXT)
            and previous.read_bytes() == MARKER_TEXT
        )
    except OSError:
        same = False
    if not (same and _hard_link(previous, staging / OUTPUT_MARKER)):
        (staging / OUTPUT_MARKER).write_bytes(MARKER_TEXT)


def swap_in(staging: Path, out_dir: Path) -> bool:
    """Put staging at out_dir; True when a previous site was swapped out to staging."""
    if not out_dir.exists():
        staging.rename(out_dir)
        return False
    if exchange(staging, out_dir):
        return True
    # No atomic exchange here (not Linux, or a file system without it): two renames,
    # with a moment between them when out_dir is missing.
    old = staging.with_name(staging.name + ".old")
    out_dir.rename(old)
    try:
        staging.rename(out_dir)
    except BaseException:
        old.rename(out_dir)
        raise
    old.rename(staging)
    return True


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # no such call in this C library
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(error, os.strerror(error), str(b))


_ABANDONED = re.compile(r"\.(?P<name>.+)\.staging-(?P<pid>[0-9]+)-[0-9a-f]{8}(?:\.old)?")


def remove_abandoned(out_dir: Path) -> None:
    """Delete the staging folders of builds of out_dir that were killed before cleaning up.

    Only folders named like ours, carrying the output marker, whose process is gone: a
    build still running (serve and make build at once) keeps its own.
    """
    for candidate in out_dir.parent.glob(f".{glob.escape(out_dir.name)}.{STAGING}-*"):
        match = _ABANDONED.fullmatch(candidate.name)
        if match is None or match["name"] != out_dir.name or candidate.is_symlink():
            continue
        if not candidate.is_dir():
            continue
        # Ours once it has the marker; empty when killed right after creating it.
        if not (candidate / OUTPUT_MARKER).is_file() and any(candidate.iterdir()):
            continue
        if not process_alive(int(match["pid"])):
            shutil.rmtree(candidate, ignore_errors=True)


def process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_in_background(folder: Path) -> None:
    """Delete the replaced site without waiting: on a large site that was a third of a build.

    The new site is already in place; a deletion that outlives the build harms nothing.
    """
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
