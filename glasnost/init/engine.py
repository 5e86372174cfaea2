"""Where this copy of Glasnost comes from and how it is started: what the new site's CI
installs, and which build command a hint should name."""

from __future__ import annotations

import json
import os
import subprocess
from importlib import metadata
from pathlib import Path

import glasnost

# The repository holding this package when it runs from a checkout (build.py, Makefile).
REPO_ROOT = Path(glasnost.__file__).resolve().parent.parent
PROG_INSTALLED = "glasnost"


def requirement_lines() -> list[str]:
    header = [
        "# Откуда CI (GitLab CI, GitHub Actions) и ваш компьютер ставят Glasnost:\n",
        "#   python3 -m pip install -r requirements.txt\n",
    ]
    spec = installed_from() or checkout_source()
    if spec is not None:
        return [*header, spec + "\n"]
    return [
        *header,
        "# ЗАМЕНИТЕ строку ниже адресом, откуда ставить Glasnost, например:\n",
        f"#   glasnost @ git+https://github.com/ОРГАНИЗАЦИЯ/glasnost@v{glasnost.__version__}\n",
        f"glasnost=={glasnost.__version__}\n",
    ]


def installed_from() -> str | None:
    """The git address pip installed this copy from (PEP 610's direct_url.json), if any."""
    try:
        text = metadata.distribution("glasnost").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    return spec_from_direct_url(text) if text else None


def spec_from_direct_url(text: str) -> str | None:
    """A requirement CI can install from pip's record of where it installed from (PEP 610),
    or None when that place is only on this computer (a folder, a file:// address)."""
    try:
        origin = json.loads(text)
    except ValueError:
        return None
    if not isinstance(origin, dict):
        return None
    url, vcs = str(origin.get("url", "")), origin.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and url.startswith("https://"):
        return f"glasnost @ git+{url}@{vcs.get('commit_id', 'HEAD')}"
    if url.startswith("https://"):  # a wheel or an archive on a server
        return f"glasnost @ {url}"
    return None


def checkout_source() -> str | None:
    """When run from a git checkout with a public https origin: that commit of it."""
    if not (REPO_ROOT / ".git").exists():
        return None
    origin = _git("remote", "get-url", "origin")
    head = _git("rev-parse", "HEAD")
    if origin is None or head is None or not origin.startswith("https://"):
        return None
    return f"glasnost @ git+{origin}@{head}"


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(REPO_ROOT), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def program(prog: str) -> str:
    """How she starts Glasnost, as typed: `glasnost` or `python build.py`."""
    return PROG_INSTALLED if prog == PROG_INSTALLED else "python build.py"


def build_command(prog: str, site_dir: Path, cwd: Path, action: str = "build") -> str:
    """The command (build, serve, check) that works for this site from where she is, to
    name in hints: `glasnost build` once installed, `make build SITE=...` in the engine's
    repository, else build.py with --site."""
    site_dir, cwd = site_dir.resolve(), cwd.resolve()
    if prog == PROG_INSTALLED:
        where = "" if site_dir == cwd else f" --site {_shown(site_dir, cwd)}"
        return f"glasnost {action}{where}"
    if cwd == REPO_ROOT and (REPO_ROOT / "Makefile").is_file():
        where = "" if site_dir == cwd else f" SITE={_shown(site_dir, cwd)}"
        return f"make {action}{where}"
    build_py = _shown(REPO_ROOT / "build.py", cwd)
    return f"python {build_py} {action} --site {_shown(site_dir, cwd)}"


def _shown(path: Path, cwd: Path) -> str:
    relative = os.path.relpath(path, cwd)
    shown = path.as_posix() if relative.startswith("..") else Path(relative).as_posix()
    return f'"{shown}"' if " " in shown else shown
