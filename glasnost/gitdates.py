"""Dates of posting from the content repository's history, in one `git log` pass."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class FileHistory:
    first: datetime
    last: datetime


def file_histories(site_dir: Path, zone: ZoneInfo) -> dict[str, FileHistory]:
    """First and last commit time of every file under site_dir, keyed by path relative to it."""
    # core.quotePath=false: otherwise git prints a Cyrillic file name as "\320\235..." and
    # the file would seem to have no history.
    command = ["git", "-c", "core.quotePath=false", "log", "--format=%x00%ct", "--name-only"]
    command += ["--no-renames", "--relative", "--", "."]
    try:
        result = subprocess.run(
            command,
            cwd=site_dir,
            capture_output=True,
            encoding="utf-8",  # file names, whatever the machine's locale
            errors="replace",
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    return parse_log(result.stdout, zone)


def parse_log(log: str, zone: ZoneInfo) -> dict[str, FileHistory]:
    histories: dict[str, FileHistory] = {}
    stamp: datetime | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            stamp = datetime.fromtimestamp(int(line[1:]), tz=zone)
            continue
        path = line.strip()
        if not path or stamp is None:
            continue
        known = histories.get(path)
        # Not assuming git's order: commits of merged branches interleave in time.
        if known is None:
            histories[path] = FileHistory(first=stamp, last=stamp)
        else:
            histories[path] = FileHistory(
                first=min(known.first, stamp), last=max(known.last, stamp)
            )
    return histories
