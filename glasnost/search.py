"""Static full-text search with Pagefind, indexed at the end of the build."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def pagefind_command() -> list[str] | None:
    """The pagefind executable shipped by the `pagefind[bin]` wheel, or one on PATH."""
    if importlib.util.find_spec("pagefind_bin") is not None:
        return [sys.executable, "-m", "pagefind"]
    found = shutil.which("pagefind") or shutil.which("pagefind_extended")
    if found:
        return [found]
    venv_bin = Path(sys.executable).parent / "pagefind"
    return [str(venv_bin)] if venv_bin.exists() else None


def index_site(folder: Path) -> None:
    command = pagefind_command()
    if command is None:
        raise SearchIndexError("pagefind is not installed")
    result = subprocess.run(
        [*command, "--site", str(folder), "--output-subdir", "pagefind", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip()[-500:])
