"""The code stays ruff- and mypy --strict-clean: checked in `make test`, not by memory."""

import subprocess
import sys

from tests.conftest import REPO


def run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


def test_ruff_is_clean() -> None:
    result = run("ruff", "check", "glasnost", "tests", "build.py", "tools", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = run("mypy", "--strict", "glasnost", "build.py")
    assert result.returncode == 0, result.stdout + result.stderr
