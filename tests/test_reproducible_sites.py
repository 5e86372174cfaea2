"""Reproducible builds of the real sites: the demo, every example and the fixture site,
each built twice under two different wall clocks (faked with Debian's `faketime`) and the
same SOURCE_DATE_EPOCH, into two different folders, give the same bytes, search index
included. A page that read the wall clock (a "now", a staleness, a copyright year) shows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures.spine.checks import diff_snapshots, snapshot
from tests.support import REPO_ROOT
from tests.support.runs import FIXED_EPOCH
from tests.support.sites import FIXTURE_SITES, SITES

# Far apart, and both far from FIXED_EPOCH (2026-11-18), on either side of it.
WALL_CLOCKS = ("2019-02-03 04:05:06", "2033-10-11 12:13:14")


def faked(clock: str, argv: list[str]) -> list[str]:
    faketime = shutil.which("faketime")
    if faketime is None:
        pytest.fail("faketime not found: run `make test` (it apt-installs faketime)", False)
    return [faketime, clock, *argv]


def faked_env() -> dict[str, str]:
    # The monotonic clock is faked too (libfaketime's default): faking the wall clock alone
    # makes Python's subprocess timeouts fail with EINVAL, and the build lose git's dates.
    env = {**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH}
    env.pop("FAKETIME_DONT_FAKE_MONOTONIC", None)
    return env


def test_faketime_moves_the_wall_clock_of_a_build() -> None:
    """The tool the reproducibility tests rely on changes what Python reads as now, and
    leaves a child process with a timeout (the build's `git log`) working."""
    code = (
        "import datetime, subprocess, time; "
        "subprocess.run(['git', '--version'], check=True, capture_output=True, timeout=60); "
        "print(datetime.date.today().year, time.gmtime().tm_year)"
    )
    for clock in WALL_CLOCKS:
        proc = subprocess.run(
            faked(clock, [sys.executable, "-c", code]),
            capture_output=True,
            text=True,
            env=faked_env(),
            check=True,
        )
        assert proc.stdout.split() == [clock[:4], clock[:4]]


@pytest.mark.parametrize("name", [*SITES, *FIXTURE_SITES])
def test_site_builds_byte_identical_under_two_wall_clocks(name: str, tmp_path: Path) -> None:
    site = SITES.get(name) or shutil.copytree(FIXTURE_SITES[name], tmp_path / "site")
    outputs = []
    for number, clock in enumerate(WALL_CLOCKS):
        out = tmp_path / f"public-{number}" / "site"
        argv = [sys.executable, str(REPO_ROOT / "build.py"), "build", "--site", str(site)]
        proc = subprocess.run(
            faked(clock, [*argv, "--out", str(out)]),
            capture_output=True,
            text=True,
            env=faked_env(),
            cwd=REPO_ROOT,
            timeout=600,
            check=False,
        )
        assert proc.returncode == 0, f"{name} at {clock}:\n{proc.stderr}"
        outputs.append(snapshot(out))
    assert len(outputs[0]) > 20
    assert any(rel.startswith("pagefind/") for rel in outputs[0])
    assert diff_snapshots(outputs[0], outputs[1]) == []
