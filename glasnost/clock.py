"""The build's notion of "now": SOURCE_DATE_EPOCH when set, for reproducible builds."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def build_time(environ: dict[str, str] | None = None) -> datetime:
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC)
