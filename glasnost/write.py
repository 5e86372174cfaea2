"""Stage 5: write the site into a staging folder, then swap it in whole.

A build that fails at any point leaves the previous output exactly as it was.
"""

from __future__ import annotations

import os
import shutil
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


def write_files(root: Path, files: Iterable[OutputFile]) -> int:
    count = 0
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
        count += 1
    return count


def publish(
    out_dir: Path, files: Iterable[OutputFile], finish: Callable[[Path], None] | None = None
) -> int:
    """Write everything to a sibling staging folder, run `finish` on it, then swap."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}.staging-{os.getpid()}"
    old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        count = write_files(staging, files)
        if finish is not None:
            finish(staging)
        if out_dir.exists():
            out_dir.rename(old)
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if old.exists() and not out_dir.exists():
            old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return count
