"""Revisions of a calendar event: how many times its own fields changed in git history.

RFC 5545 (3.8.7.4): SEQUENCE starts at 0 and grows with each revision of the event a
calendar program must notice (its time, place, title, a cancellation). A commit that
fixes a typo in the agenda, or adds the outcome afterwards, is not a revision of the
event: counting days or commits (SEQUENCE:24 for a meeting nobody moved) makes
calendars think the event keeps changing.

History is read with two git processes for the whole site: one `git log` listing which
commits touched which files, one `git cat-file --batch` giving those versions. Old
versions are parsed by the same reader as content (no aliases, no bombs); a version
that no longer parses counts as no change.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from glasnost.diagnostics import Diagnostics
from glasnost.messages import CORE_MESSAGES
from glasnost.sourcefile import read_front_matter_data

# The fields whose change a calendar program must show: when, where, what, whether.
EVENT_FIELDS = ("title", "kind", "start", "end", "location", "cancelled")


def event_revisions(site_dir: Path, rels: Sequence[str]) -> dict[str, int]:
    """SEQUENCE for each file with git history (paths relative to site_dir); a file
    outside git history is left out: its revisions cannot be known."""
    commits = _commits_by_file(site_dir, rels)
    wanted = [(commit, rel) for rel in rels for commit in commits.get(rel, [])]
    texts = _versions(site_dir, wanted)
    result: dict[str, int] = {}
    for rel in rels:
        if rel not in commits:
            continue
        versions = [texts.get((commit, rel)) for commit in commits[rel]]
        current = _read(site_dir / rel)
        result[rel] = count_revisions([*versions, current])
    return result


def count_revisions(versions: Iterable[str | None]) -> int:
    """Changes of the event's fields from one version to the next, oldest first.

    A missing or unreadable version is skipped: it neither starts nor ends a revision.
    """
    count = 0
    previous: tuple[str, ...] | None = None
    for text in versions:
        fields = event_fields(text) if text is not None else None
        if fields is None:
            continue
        if previous is not None and fields != previous:
            count += 1
        previous = fields
    return count


def event_fields(text: str) -> tuple[str, ...] | None:
    data = read_front_matter_data(text, Diagnostics(CORE_MESSAGES))
    if data is None:
        return None
    return tuple(_canonical(data.get(name)) for name in EVENT_FIELDS)


def _canonical(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ",".join(f"{k}={_canonical(v)}" for k, v in sorted(value.items())) + "}"
    return "" if value is None else str(value)


def _git(site_dir: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=site_dir,
            input=stdin,
            capture_output=True,
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _commits_by_file(site_dir: Path, rels: Sequence[str]) -> dict[str, list[str]]:
    """Commits that touched each file, oldest first."""
    if not rels:
        return {}
    folders = sorted({str(Path(rel).parent) for rel in rels})
    out = _git(
        site_dir,
        ["log", "--format=%x00%H", "--name-only", "--no-renames", "--relative", "--", *folders],
    )
    if out is None:
        return {}
    wanted = set(rels)
    found: dict[str, list[str]] = {}
    commit = ""
    for line in out.decode("utf-8", "replace").splitlines():
        if line.startswith("\x00"):
            commit = line[1:]
        elif line.strip() in wanted and commit:
            found.setdefault(line.strip(), []).append(commit)
    return {rel: list(reversed(commits)) for rel, commits in found.items()}


def _versions(site_dir: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    if not wanted:
        return {}
    request = "".join(f"{commit}:./{rel}\n" for commit, rel in wanted).encode("utf-8")
    out = _git(site_dir, ["cat-file", "--batch"], request)
    if out is None:
        return {}
    texts: dict[tuple[str, str], str] = {}
    position = 0
    for key in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) != 3:  # "<name> missing": deleted in that commit
            continue
        size = int(header[2])
        texts[key] = out[position : position + size].decode("utf-8", "replace")
        position += size + 1
    return texts


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
