"""What a test reads from one run of `build.py`: exit code, messages, the output folder."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["FIXED_EPOCH", "BuildRun", "assert_failed_without_output"]

FIXED_EPOCH = "1795000000"  # 2026-11-18 11:06 UTC: a fixed "now" so upcoming/past never drift


@dataclass
class BuildRun:
    code: int
    stderr: str
    stdout: str
    out: Path

    def read(self, rel: str) -> str:
        return (self.out / rel).read_text(encoding="utf-8")

    def json(self, rel: str) -> Any:
        return json.loads(self.read(rel))


def assert_failed_without_output(run: BuildRun) -> None:
    assert run.code == 1, run.stderr
    assert not run.out.exists(), "a failed build must publish nothing"
