"""The build's notion of "now": SOURCE_DATE_EPOCH when set, for reproducible builds."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def build_time(environ: dict[str, str] | None = None) -> datetime:
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC)


DEFAULT_ZONE = "Europe/Moscow"
_TIMEZONE = re.compile(r"""^timezone:\s*["']?([A-Za-z0-9_/+-]+)""", re.M)


def site_today(site_dir: Path) -> date:
    """The build clock's day where the site is (its config's timezone; Moscow when that
    cannot be read): what `new` and `import` date files with, so that a file dated
    «today» is published by a build at the same moment and not held back as future."""
    try:
        found = _TIMEZONE.search((site_dir / "site_config.yaml").read_text(encoding="utf-8"))
        zone = ZoneInfo(found.group(1) if found else DEFAULT_ZONE)
    except (OSError, UnicodeDecodeError, ValueError, ZoneInfoNotFoundError):
        zone = ZoneInfo(DEFAULT_ZONE)
    return build_time().astimezone(zone).date()
