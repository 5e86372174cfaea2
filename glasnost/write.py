"""Stage 5: write the site into a staging folder, then swap it in whole.

A build that fails at any point leaves the previous output exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from glasnost.types.base import OutputFile


class UnsafeOutputPath(ValueError):
    pass


def unsafe_output(out_dir: Path, site_dir: Path) -> str | None:
    """The message code that forbids building into out_dir, or None when it is safe.

    Publishing replaces out_dir whole, so a mistyped --out must never name the site
    itself, a folder of its sources, or a folder of other files (a home directory).
    """
    out, site = out_dir.resolve(), site_dir.resolve()
    if site.is_relative_to(out) or any(out.is_relative_to(site / d) for d in SOURCE_DIRS):
        return "G903"
    if out.is_dir() and any(out.iterdir()) and not any((out / m).is_file() for m in BUILD_MARKERS):
        return "G904"
    return None


SOURCE_DIRS = ("content", "templates")
BUILD_MARKERS = ("sitemap.xml", "index.html")  # every build writes both


def _target(root: Path, relative: str) -> Path:
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise UnsafeOutputPath(relative)
    return root.joinpath(*pure.parts)


def write_files(root: Path, files: Iterable[OutputFile]) -> list[str]:
    """Write each file as it comes; the paths written, in order."""
    written: list[str] = []
    made: set[Path] = set()
    for file in files:
        target = _target(root, file.path)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if isinstance(file.content, Path):
            shutil.copyfile(file.content, target)
        else:
            target.write_bytes(file.content)
        written.append(file.path)
    return written


def publish(out_dir: Path, fill: Callable[[Path], int]) -> int:
    """Let `fill` write the site into a sibling staging folder, then swap it in whole.

    Whatever `fill` raises, the staging folder is removed and out_dir is left as it was.
    """
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    unique = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging = out_dir.parent / f".{out_dir.name}.staging-{unique}"
    old = out_dir.parent / f".{out_dir.name}.old-{unique}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        count = fill(staging)
        if out_dir.exists():
            out_dir.rename(old)
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if old.exists() and not out_dir.exists():
            old.rename(out_dir)
        raise
    if old.exists():
        remove_in_background(old)
    return count


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
