"""Where a build keeps what it can always recompute: a per-user folder outside the site.

A cache inside the site folder would arrive with every clone: whatever a commit puts
there (`git add -f`) the next build would trust. So the cache lives in the user's own
cache folder, one sub-folder per site (named by a hash of the site's resolved path):

    $GLASNOST_CACHE_DIR/<hash>/             when GLASNOST_CACHE_DIR is set
    $XDG_CACHE_HOME/glasnost/<hash>/        otherwise (XDG_CACHE_HOME defaults to ~/.cache)

and holds no executable format (SQLite with text columns, plain files).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

CACHE_ENV = "GLASNOST_CACHE_DIR"
# Where older versions kept a cache of Python objects: inside the site, so in what git brings.
LEGACY_FOLDER = ".glasnost-cache"


def cache_root() -> Path:
    """The folder that holds every site's cache."""
    chosen = os.environ.get(CACHE_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser().resolve()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and Path(xdg).is_absolute():  # the XDG spec says to ignore a relative value
        return Path(xdg) / "glasnost"
    try:
        return Path.home() / ".cache" / "glasnost"
    except RuntimeError:  # no HOME and no passwd entry (a bare container): a private temp folder
        return Path(tempfile.gettempdir()) / f"glasnost-{os.getuid()}"


def site_cache_dir(site_dir: Path) -> Path:
    """This site's cache folder (not created here)."""
    root = cache_root()
    digest = hashlib.blake2b(str(site_dir.resolve()).encode("utf-8"), digest_size=16).hexdigest()
    return root / digest


def make_private(folder: Path) -> None:
    """Create the folder readable by its owner only: cached texts may be unpublished drafts."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)


def legacy_cache_problem(site_dir: Path) -> str | None:
    """A message code when the site folder carries a cache of its own, or None.

    G033 (error): git tracks files there, so a commit brought them: a planted cache.
    G034 (warning): an untracked folder left by an earlier version: whatever it holds is
    never read (no version writes there any more), so it is only worth deleting.
    """
    folder = site_dir / LEGACY_FOLDER
    if not folder.exists() and not folder.is_symlink():
        return None
    if tracked_by_git(site_dir, LEGACY_FOLDER):
        return "G033"
    if folder.is_dir() and not folder.is_symlink():
        return "G034"
    return None


def tracked_by_git(site_dir: Path, rel: str) -> bool:
    try:
        proc = subprocess.run(
            ["git", "-C", str(site_dir), "ls-files", "-z", "--", rel],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False  # no git: nothing can be tracked
    return proc.returncode == 0 and bool(proc.stdout.strip(b"\0"))
